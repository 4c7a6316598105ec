import { parseRuleset, type IndexedRuleset } from '../ruleset/parse';
import type { Store } from '../storage/store';

/** The last good ruleset, as kept in storage. */
export interface CachedRuleset {
  url: string;
  etag: string | null;
  doc: unknown;
}

export type SyncResult =
  | { status: 'updated'; value: IndexedRuleset; entry: CachedRuleset }
  | { status: 'unchanged' }
  | { status: 'failed'; detail: string };

export const cacheKey = (appId: string) => `${appId}/ruleset`;

/** The cached ruleset for this URL, parsed; undefined when there is none or it no longer parses. */
export async function readCachedRuleset(store: Store, appId: string, url: string): Promise<{ entry: CachedRuleset; value: IndexedRuleset } | undefined> {
  const entry = await store.get<CachedRuleset>(cacheKey(appId));
  if (!entry || entry.url !== url) return undefined;
  const parsed = parseRuleset(entry.doc);
  return parsed.ok ? { entry, value: parsed.value } : undefined;
}

/**
 * Fetches the ruleset, revalidating with the cached ETag. Only a response that parses as
 * a valid ruleset is `updated` (and saved); anything else leaves the cache alone.
 * A cross-origin ruleset server must allow the If-None-Match header and expose ETag.
 */
export async function fetchRuleset(fetcher: typeof fetch, store: Store, appId: string, url: string, etag: string | null): Promise<SyncResult> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store' });
  } catch (error) {
    return { status: 'failed', detail: `the ruleset could not be fetched (${error instanceof Error ? error.message : String(error)})` };
  }
  if (response.status === 304 && etag) return { status: 'unchanged' };
  if (!response.ok) return { status: 'failed', detail: `the ruleset server answered ${response.status}` };
  let doc: unknown;
  try {
    doc = JSON.parse(await response.text());
  } catch {
    return { status: 'failed', detail: 'the ruleset is not valid JSON' };
  }
  const parsed = parseRuleset(doc);
  if (!parsed.ok) return { status: 'failed', detail: parsed.detail };
  const entry: CachedRuleset = { url, etag: response.headers.get('ETag'), doc };
  await store.set(cacheKey(appId), entry);
  return { status: 'updated', value: parsed.value, entry };
}
