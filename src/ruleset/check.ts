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
  const messages = (doc as Ruleset).messages;
  for (const p of problems) {
    if (p.level !== 'error' || p.index === undefined || invalid.some((i) => i.index === p.index)) continue;
    const id = (messages[p.index] as { id?: unknown } | undefined)?.id;
    invalid.push({ index: p.index, id: typeof id === 'string' && id ? id : `#${p.index}`, detail: formatProblem(p) });
  }
  return { ok: true, invalid };
}

/** Checks and indexes at once (the CLI, tests). */
export function parseRuleset(doc: unknown): ParseResult {
  const checked = checkRuleset(doc);
  return checked.ok ? { ok: true, value: indexRuleset(doc as Ruleset, checked.invalid) } : checked;
}
