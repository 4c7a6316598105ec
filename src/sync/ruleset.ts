import { indexRuleset, type Check, type IndexedRuleset, type InvalidMessage } from '../ruleset/parse';
import type { Ruleset } from '../ruleset/types';
import type { Store } from '../storage/store';

declare const __HERALD_VERSION__: string;

/** The last good ruleset, as kept in storage, with what the validator found in it. */
export interface CachedRuleset {
  url: string;
  etag: string | null;
  /**
   * The ruleset as the server sent it. A string, not the parsed document: IndexedDB reads
   * a string back at once, where a megabyte of objects takes tens of milliseconds to
   * rebuild, and JSON.parse is quicker than that. A record without it (an older shape) is
   * no cache: the ruleset is fetched again.
   */
  text: string;
  /** When it came from the network (a 200), epoch ms; a 304 is noted in `fetchedKey` only. */
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
 * When a tab last had the ruleset from the network (200 or 304), apart from the ruleset:
 * a tab that waited for another's fetch learns so by reading this small record, not the
 * whole ruleset (a megabyte with 2,000 messages, which takes milliseconds to read back).
 */
export const fetchedKey = (appId: string) => `${appId}/ruleset-fetched`;
export interface Fetched {
  url: string;
  etag: string | null;
  at: number;
}
/** The record, if it has the shape of one (callers compare its url and etag with theirs). */
export const readFetched = async (store: Store, appId: string) => {
  const v = await store.get<Fetched>(fetchedKey(appId));
  return typeof v?.at === 'number' ? v : undefined;
};

/**
 * The cached ruleset for this URL, indexed; undefined when there is none or it no longer
 * passes. Checked by this version already, it is used as it is: no validator to load, no
 * validation on the main thread at boot.
 */
export async function readCachedRuleset(store: Store, appId: string, url: string, check: Check, pause: () => Promise<void>): Promise<{ entry: CachedRuleset; value: IndexedRuleset } | undefined> {
  const entry = await store.get<CachedRuleset>(cacheKey(appId));
  if (!entry || entry.url !== url) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(entry.text);
  } catch {
    return undefined;
  }
  await pause();
  if (typeof doc !== 'object' || doc === null) return undefined;
  if (entry.checkedBy === __HERALD_VERSION__ && Array.isArray(entry.invalid) && Array.isArray((doc as Ruleset).messages)) {
    // Trusted, but a record can still be damaged: one that does not index is no cache.
    try {
      return { entry, value: indexRuleset(doc as Ruleset, entry.invalid, entry.invalidSeries) };
    } catch {
      return undefined;
    }
  }
  const checked = await check(doc);
  if (!checked.ok) return undefined;
  const fresh: CachedRuleset = { ...entry, invalid: checked.invalid, invalidSeries: checked.invalidSeries ?? [], checkedBy: __HERALD_VERSION__ };
  await store.set(cacheKey(appId), fresh);
  return { entry: fresh, value: indexRuleset(doc as Ruleset, checked.invalid, checked.invalidSeries) };
}

/**
 * Fetches the ruleset, revalidating with the cached ETag. Only a response that parses as
 * a valid ruleset is `updated` (and saved); anything else leaves the cache alone.
 * A cross-origin ruleset server must allow the If-None-Match header and expose ETag.
 * `pause` gives the main thread back between the steps (parse, check, store, index), so
 * that a large ruleset makes several short tasks, not one long one.
 */
export async function fetchRuleset(fetcher: typeof fetch, store: Store, appId: string, url: string, etag: string | null, check: Check, now: number, pause: () => Promise<void>): Promise<SyncResult> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store' });
  } catch (error) {
    return { status: 'failed', detail: `the ruleset could not be fetched (${error instanceof Error ? error.message : String(error)})` };
  }
  if (response.status === 304 && etag) {
    await store.set(fetchedKey(appId), { url, etag, at: now } satisfies Fetched);
    return { status: 'unchanged' };
  }
  if (!response.ok) return { status: 'failed', detail: `the ruleset server answered ${response.status}` };
  let doc: unknown;
  let text: string;
  try {
    text = await response.text();
    await pause();
    doc = JSON.parse(text);
  } catch {
    return { status: 'failed', detail: 'the ruleset is not valid JSON' };
  }
  await pause();
  const checked = await check(doc);
  if (!checked.ok) return { status: 'failed', detail: checked.detail };
  await pause();
  const entry: CachedRuleset = { url, etag: response.headers.get('ETag'), text, fetchedAt: now, invalid: checked.invalid, invalidSeries: checked.invalidSeries ?? [], checkedBy: __HERALD_VERSION__ };
  await store.set(cacheKey(appId), entry);
  await store.set(fetchedKey(appId), { url, etag: entry.etag, at: now } satisfies Fetched);
  await pause();
  return { status: 'updated', value: indexRuleset(doc as Ruleset, checked.invalid, checked.invalidSeries), entry };
}
