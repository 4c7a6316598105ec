import type { Message, Ruleset } from './types';
import { formatProblem, validateRuleset } from './validate';

/** A ruleset ready for evaluation: valid messages indexed by their trigger. */
export interface IndexedRuleset {
  ruleset: Ruleset;
  byId: Map<string, Message>;
  /** Event-triggered messages by event name. */
  byEvent: Map<string, Message[]>;
  /** Messages without `when`, evaluated on each page. */
  pageMessages: Message[];
  /** Messages with a `goal`, by the goal's event name. */
  byGoal: Map<string, Message[]>;
  /** Messages skipped because they are invalid, with why. */
  invalid: { id: string; detail: string }[];
}

export type ParseResult = { ok: true; value: IndexedRuleset } | { ok: false; detail: string };

const push = <T>(map: Map<string, T[]>, key: string, item: T) => {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
};

/**
 * Reads a ruleset document. One that is not an object of version 1 with a `messages`
 * list is rejected whole; an invalid message is skipped alone and listed in `invalid`
 * with its first error. Warnings (unknown keys) do not stop a message.
 */
export function parseRuleset(doc: unknown): ParseResult {
  const { problems, fatal } = validateRuleset(doc);
  if (fatal) return { ok: false, detail: formatProblem(problems.find((p) => p.level === 'error')!) };
  const firstError = new Map<number, string>();
  for (const p of problems) if (p.level === 'error' && p.index !== undefined && !firstError.has(p.index)) firstError.set(p.index, formatProblem(p));
  const ruleset = doc as Ruleset;
  const value: IndexedRuleset = { ruleset, byId: new Map(), byEvent: new Map(), pageMessages: [], byGoal: new Map(), invalid: [] };
  ruleset.messages.forEach((message, i) => {
    const problem = firstError.get(i);
    if (problem) {
      const id = typeof message?.id === 'string' && message.id ? message.id : `#${i}`;
      value.invalid.push({ id, detail: problem });
      return;
    }
    value.byId.set(message.id, message);
    if (!message.when) value.pageMessages.push(message);
    else push(value.byEvent, message.when.event.trim(), message);
    if (message.goal) push(value.byGoal, message.goal.event.trim(), message);
  });
  return { ok: true, value };
}
