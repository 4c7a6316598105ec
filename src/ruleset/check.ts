/**
 * The validator as the SDK runs it: its own chunk (dist/validate.js), loaded only when a
 * ruleset must be checked (a new one from the network, or a cache from another version).
 */
import { indexRuleset, type Checked, type InvalidMessage, type ParseResult } from './parse';
import type { Ruleset } from './types';
import { formatProblem, validateRuleset } from './validate';

/**
 * Checks a ruleset document. One that is not an object of version 1 with a `messages`
 * list is rejected whole; an invalid message is listed with its first error, to be
 * skipped alone. Warnings (unknown keys) do not stop a message.
 */
export function checkRuleset(doc: unknown): Checked {
  const { problems, fatal } = validateRuleset(doc);
  if (fatal) return { ok: false, detail: formatProblem(problems.find((p) => p.level === 'error')!) };
  const invalid: InvalidMessage[] = [];
  const invalidSeries: InvalidMessage[] = [];
  const { messages, series = [] } = doc as Ruleset;
  const add = (list: InvalidMessage[], items: unknown[], index: number, detail: string) => {
    if (list.some((i) => i.index === index)) return;
    const id = (items[index] as { id?: unknown } | undefined)?.id;
    list.push({ index, id: typeof id === 'string' && id ? id : `#${index}`, detail });
  };
  for (const p of problems) {
    if (p.level !== 'error') continue;
    const inSeries = /^\$\.series\[(\d+)\]/.exec(p.path);
    if (p.index !== undefined) add(invalid, messages, p.index, formatProblem(p));
    else if (inSeries) add(invalidSeries, series, Number(inSeries[1]), formatProblem(p));
  }
  return { ok: true, invalid, invalidSeries };
}

/** Checks and indexes at once (the CLI, tests). */
export function parseRuleset(doc: unknown): ParseResult {
  const checked = checkRuleset(doc);
  return checked.ok ? { ok: true, value: indexRuleset(doc as Ruleset, checked.invalid, checked.invalidSeries) } : checked;
}
