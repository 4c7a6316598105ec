/**
 * The QA page's debug tools that need more than the runtime's state (debug:loadRuleset,
 * debug:resetHistory): in extras.js, which `debug_tools: true` loads at boot, so that
 * every other page is spared their code.
 */
import type { Prepare, Prepared, SplitRuleset } from '../ruleset/parse';
import type { Store } from '../storage/store';
import { errorText } from '../errors';

/** debug:loadRuleset: the document, checked as a fetched one is, put in use by `use`. */
export async function loadRuleset(doc: unknown, check: Prepare, use: (ruleset: SplitRuleset) => void) {
  const prepared: Prepared = await check(doc).catch((error) => ({ ok: false, detail: `the ruleset could not be read: ${errorText(error)}` }));
  if (!prepared.ok) return { ok: false, detail: prepared.detail, invalid: [] };
  use(prepared);
  return { ok: true, invalid: prepared.head.invalid };
}

/** debug:resetHistory: forgets one person's sends of these messages. */
export async function resetHistory(store: Store, keyOf: (messageId: string) => string, ids: string[]) {
  await Promise.all(ids.map((id) => store.del(keyOf(id))));
}
