import { prepareRuleset } from '../ruleset/check';
import { createIndex, type ParseResult } from '../ruleset/parse';

/** Checks, splits and indexes a document at once, as the SDK does with one it fetched (tests, the bench). */
export function parseRuleset(doc: unknown): ParseResult {
  const prepared = prepareRuleset(doc);
  return prepared.ok ? { ok: true, value: createIndex(prepared.head, prepared.events) } : prepared;
}
