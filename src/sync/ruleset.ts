import { indexRuleset, type Check, type IndexedRuleset, type InvalidMessage } from '../ruleset/parse';
import type { Ruleset } from '../ruleset/types';
import type { Store } from '../storage/store';

declare const __HERALD_VERSION__: string;

/** The last good ruleset, as kept in storage, with what the validator found in it. */
export interface CachedRuleset {
  url: string;
  etag: string | null;
  doc: unknown;
  /** When a tab last had it from the network (200 or 304), epoch ms. */
  fetchedAt?: number;
  /** Invalid messages, as found by the validator of SDK version `checkedBy`. */
  invalid?: InvalidMessage[];
  invalidSeries?: InvalidMessage[];
  checkedBy?: string;
}

export type SyncResult =
  | { status: 'updated'; value: IndexedRuleset; entry: CachedRuleset }
  | { status: 'unchanged' }
  | { status: 'failed'; detail: string };

export const cacheKey = (appId: string) => `${appId}/ruleset`;

/**
 * The cached ruleset for this URL, indexed; undefined when there is none or it no longer
 * passes. Checked by this version already, it is used as it is: no validator to load, no
 * validation on the main thread at boot.
 */
export async function readCachedRuleset(store: Store, appId: string, url: string, check: Check): Promise<{ entry: CachedRuleset; value: IndexedRuleset } | undefined> {
  const entry = await store.get<CachedRuleset>(cacheKey(appId));
  if (!entry || entry.url !== url || typeof entry.doc !== 'object' || entry.doc === null) return undefined;
  if (entry.checkedBy === __HERALD_VERSION__ && Array.isArray(entry.invalid) && Array.isArray((entry.doc as Ruleset).messages)) {
    // Trusted, but a record can still be damaged: one that does not index is no cache.
    try {
      return { entry, value: indexRuleset(entry.doc as Ruleset, entry.invalid, entry.invalidSeries) };
    } catch {
      return undefined;
    }
  }
  const checked = await check(entry.doc);
  if (!checked.ok) return undefined;
  const fresh: CachedRuleset = { ...entry, invalid: checked.invalid, invalidSeries: checked.invalidSeries ?? [], checkedBy: __HERALD_VERSION__ };
  await store.set(cacheKey(appId), fresh);
  return { entry: fresh, value: indexRuleset(entry.doc as Ruleset, checked.invalid, checked.invalidSeries) };
}

/**
 * Fetches the ruleset, revalidating with the cached ETag. Only a response that parses as
 * a valid ruleset is `updated` (and saved); anything else leaves the cache alone.
 * A cross-origin ruleset server must allow the If-None-Match header and expose ETag.
 */
export async function fetchRuleset(fetcher: typeof fetch, store: Store, appId: string, url: string, etag: string | null, check: Check, now = Date.now()): Promise<SyncResult> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store' });
  } catch (error) {
    return { status: 'failed', detail: `the ruleset could not be fetched (${error instanceof Error ? error.message : String(error)})` };
  }
  if (response.status === 304 && etag) {
    const entry = await store.get<CachedRuleset>(cacheKey(appId));
    if (entry && entry.etag === etag) await store.set(cacheKey(appId), { ...entry, fetchedAt: now });
    return { status: 'unchanged' };
  }
  if (!response.ok) return { status: 'failed', detail: `the ruleset server answered ${response.status}` };
  let doc: unknown;
  try {
    doc = JSON.parse(await response.text());
  } catch {
    return { status: 'failed', detail: 'the ruleset is not valid JSON' };
  }
  const checked = await check(doc);
  if (!checked.ok) return { status: 'failed', detail: checked.detail };
  const entry: CachedRuleset = { url, etag: response.headers.get('ETag'), doc, fetchedAt: now, invalid: checked.invalid, invalidSeries: checked.invalidSeries ?? [], checkedBy: __HERALD_VERSION__ };
  await store.set(cacheKey(appId), entry);
  return { status: 'updated', value: indexRuleset(doc as Ruleset, checked.invalid, checked.invalidSeries), entry };
}
