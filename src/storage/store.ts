import { createStore, get, set, del, update, type UseStore } from 'idb-keyval';

/**
 * Herald's persistent key-value state. `update` is one atomic read-modify-write: in
 * IndexedDB a single readwrite transaction, which the browser serializes across tabs.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Writes `fn(old)` in the same transaction that read `old`. `fn` must be synchronous. */
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<void>;
  readonly kind: 'indexeddb' | 'memory';
}

/** A store that lives as long as the page: the fallback, and the tests' store. */
export function memoryStore(): Store {
  const data = new Map<string, unknown>();
  return {
    kind: 'memory',
    get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
    update: async <T>(key: string, fn: (old: T | undefined) => T) => void data.set(key, fn(data.get(key) as T | undefined)),
  };
}

/**
 * IndexedDB through idb-keyval, falling back to memory for the rest of the page's life
 * the first time IndexedDB is missing or fails (private modes, tracking prevention,
 * quota), with one warning. The page keeps working; limits then hold per page only.
 */
export function browserStore(warn: (text: string) => void, dbName = 'herald'): Store {
  let idb: UseStore | undefined;
  let fallback: Store | undefined;
  const useMemory = (error: unknown) => {
    if (!fallback) {
      warn(`IndexedDB is unavailable (${error instanceof Error ? error.name : String(error)}); limits and the cached ruleset now last only as long as this page`);
      fallback = memoryStore();
    }
    return fallback;
  };
  try {
    if (typeof indexedDB === 'undefined') useMemory(new Error('missing'));
    else idb = createStore(dbName, 'state');
  } catch (error) {
    useMemory(error);
  }
  const run = async <R>(viaIdb: (s: UseStore) => Promise<R>, viaMemory: (s: Store) => Promise<R>): Promise<R> => {
    if (fallback || !idb) return viaMemory(fallback ?? useMemory(new Error('missing')));
    try {
      return await viaIdb(idb);
    } catch (error) {
      return viaMemory(useMemory(error));
    }
  };
  return {
    get kind() { return fallback ? 'memory' as const : 'indexeddb' as const; },
    get: (key) => run((s) => get(key, s), (m) => m.get(key)),
    set: (key, value) => run((s) => set(key, value, s), (m) => m.set(key, value)),
    del: (key) => run((s) => del(key, s), (m) => m.del(key)),
    update: (key, fn) => run((s) => update(key, fn, s), (m) => m.update(key, fn)),
  };
}
