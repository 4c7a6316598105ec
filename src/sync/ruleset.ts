import { createIndex, readCompiled, type CompiledRuleset, type IndexedRuleset, type Prepare } from '../ruleset/parse';
import type { Store } from '../storage/store';

declare const __HERALD_VERSION__: string;

/**
 * The last good ruleset, as kept in storage: checked, split and compiled (CompiledRuleset),
 * so that a page reads and parses what it needs, not the whole ruleset. A record of
 * another shape, or compiled by another version of the SDK, is no cache: the ruleset is
 * fetched again in full (and until it answers, events are held).
 */
export interface CachedRuleset extends CompiledRuleset {
  url: string;
  etag: string | null;
  /** The SDK version that checked and compiled it. */
  checkedBy: string;
}

/** A ruleset ready to use; `save` stores it (after it is in use: the cache is for the next page). */
export interface Loaded {
  value: IndexedRuleset;
  etag: string | null;
  save?: () => Promise<void>;
}

export type SyncResult =
  | ({ status: 'updated' } & Loaded)
  | { status: 'unchanged' }
  | { status: 'failed'; detail: string };

export const cacheKey = (appId: string) => `${appId}/ruleset`;
/**
 * When a tab last had the ruleset from the network (200 or 304), apart from the ruleset:
 * a tab that waited for another's fetch learns so by reading this small record, not the
 * ruleset's head and index (tens of kilobytes with 2,000 messages, milliseconds to parse).
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

/** The cached ruleset for this URL, indexed (its head only: no validator, no long parse); undefined when there is none. */
export async function readCachedRuleset(store: Store, appId: string, url: string): Promise<Loaded | undefined> {
  const entry = await store.get<CachedRuleset>(cacheKey(appId));
  if (entry?.url !== url || entry.checkedBy !== __HERALD_VERSION__) return undefined;
  try {
    return { value: readCompiled(entry), etag: entry.etag };
  } catch {
    return undefined;
  }
}

/**
 * Fetches the ruleset, revalidating with the cached ETag. Only a response that parses as
 * a valid ruleset is `updated`; anything else leaves the cache alone. `save` compiles and
 * stores it, then notes the fetch (a tab that finds the fetch noted finds its ruleset).
 * A cross-origin ruleset server must allow the If-None-Match header and expose ETag.
 * `pause` gives the main thread back between the steps (parse, check, index; compile,
 * store), so that a large ruleset makes several short tasks, not one long one.
 */
export async function fetchRuleset(fetcher: typeof fetch, store: Store, appId: string, url: string, etag: string | null, prepare: Prepare, now: number, pause: () => Promise<void>): Promise<SyncResult> {
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
  try {
    const text = await response.text();
    await pause();
    doc = JSON.parse(text);
  } catch {
    return { status: 'failed', detail: 'the ruleset is not valid JSON' };
  }
  await pause();
  const prepared = await prepare(doc);
  if (!prepared.ok) return { status: 'failed', detail: prepared.detail };
  await pause();
  const fresh = response.headers.get('ETag');
  return {
    status: 'updated',
    value: createIndex(prepared.head, prepared.events),
    etag: fresh,
    async save() {
      await pause();
      await store.set(cacheKey(appId), { url, etag: fresh, checkedBy: __HERALD_VERSION__, ...(await prepared.compile(pause)) } satisfies CachedRuleset);
      await store.set(fetchedKey(appId), { url, etag: fresh, at: now } satisfies Fetched);
    },
  };
}
