import type { Condition, Conditions, Message, Rule } from '../ruleset/types';
import { testRule, type Resolve } from './conditions';
import { pageResolver, userResolver } from './evaluate';
import type { EvaluationInput } from './types';

/** One rule of a message, as it fared in one evaluation: for the QA page's timeline. */
export interface RuleTrace {
  section: 'metadata' | 'where' | 'audience';
  rule: Rule;
  /** The value the rule read. */
  value: unknown;
  held: boolean;
}

function rules(node: Conditions | Condition | undefined, into: Rule[] = []): Rule[] {
  if (!node) return into;
  if (Array.isArray(node)) node.forEach((child) => rules(child, into));
  else if ('any' in node) rules(node.any, into);
  else if ('all' in node) rules(node.all, into);
  else into.push(node);
  return into;
}

/** Every rule of the message's metadata, where and audience, each tested on its own. */
export function explainMessage(message: Message, input: EvaluationInput): RuleTrace[] {
  const at = input.event?.at ?? input.now;
  const own = (source: Record<string, unknown> | undefined, key: string) => (source && Object.hasOwn(source, key) ? source[key] : undefined);
  const sections: [RuleTrace['section'], Conditions | undefined, Resolve, number][] = [
    ['metadata', message.when?.metadata, (key) => own(input.event?.metadata, key), at],
    ['where', message.where, pageResolver(input.page, input.now), input.now],
    ['audience', message.audience, userResolver(input.user), at],
  ];
  return sections.flatMap(([section, tree, resolve, when]) => rules(tree).map((rule) => ({
    section, rule, value: resolve(rule.key ?? rule.attr ?? ''), held: testRule(rule, resolve, when),
  })));
}
