import { createStore, promisifyRequest } from 'idb-keyval';

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

/** Values that cannot be cloned (never Herald's own) are kept as they are. */
const clone = <T>(value: T): T => {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
};

/** A store that lives as long as the page: the fallback, and the tests' store. */
export function memoryStore(data = new Map<string, unknown>()): Store {
  return {
    kind: 'memory',
    get: async <T>(key: string) => clone(data.get(key)) as T | undefined,
    set: async (key, value) => void data.set(key, clone(value)),
    del: async (key) => void data.delete(key),
    update: async <T>(key: string, fn: (old: T | undefined) => T) => void data.set(key, fn(data.get(key) as T | undefined)),
  };
}

/** The IndexedDB calls browserStore makes (idb-keyval over one database); tests hand in failing ones. */
export interface Backend {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  update(key: string, fn: (old: unknown) => unknown): Promise<void>;
}

/**
 * idb-keyval over the database `dbName`, opened on first use. Throws when IndexedDB is
 * missing, or throws on access (some privacy modes make `window.indexedDB` a throwing getter).
 */
export function idbBackend(dbName: string): Backend {
  if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('missing');
  const store = createStore(dbName, 'state');
  /** Resolves when the transaction of `run`'s requests commits. */
  const write = (run: (s: IDBObjectStore) => unknown) => store('readwrite', async (s) => {
    await run(s);
    return promisifyRequest(s.transaction);
  });
  // idb-keyval's calls, without its default store (Herald never uses it). `update` awaits
  // its read inside the transaction, which stays active through the read's promise.
  return {
    get: (k) => store('readonly', (s) => promisifyRequest(s.get(k))),
    set: (k, v) => write((s) => s.put(v, k)),
    del: (k) => write((s) => s.delete(k)),
    update: (k, fn) => write(async (s) => s.put(fn(await promisifyRequest(s.get(k))), k)),
  };
}

/** An aborted transaction rejects with its `error`, which is null when it was aborted by code. */
const nameOf = (error: unknown) => (error instanceof Error ? error.name : error == null ? 'AbortError' : String(error));

/**
 * IndexedDB through idb-keyval, never failing the caller, with one warning for the life
 * of the page whatever goes wrong:
 * - IndexedDB missing, throwing on access, failing to open or to read: memory for the rest
 *   of the page (private modes, tracking prevention); limits then hold per page only.
 * - A write refused while reads work (over quota, an aborted transaction): that value is
 *   kept in memory, newer than what IndexedDB holds for its key, and IndexedDB stays in
 *   use. A refused `update` is applied to the stored value read back, so the history
 *   already there still counts: a once-only message does not show again.
 */
export function browserStore(warn: (text: string) => void, dbName = 'herald', open: () => Backend = () => idbBackend(dbName)): Store {
  let idb: Backend | undefined;
  /** All of the page's state, once IndexedDB cannot be read. */
  let memory: Store | undefined;
  /** Writes IndexedDB refused, by key: `{ value: undefined }` for a refused delete. */
  const pending = new Map<string, { value: unknown }>();
  let warned = false;
  const once = (text: string) => {
    if (warned) return;
    warned = true;
    warn(text);
  };

  const toMemory = (error: unknown): Store => {
    if (!memory) {
      once(`IndexedDB is unavailable (${nameOf(error)}); limits and the cached ruleset now last only as long as this page`);
      const data = new Map<string, unknown>();
      for (const [key, { value }] of pending) if (value !== undefined) data.set(key, value);
      memory = memoryStore(data);
      idb = undefined;
    }
    return memory;
  };
  /** Memory, if a fault moved the page there, possibly while an operation awaited. */
  const fallen = (): Store | undefined => memory;
  const refused = (key: string, value: unknown, error: unknown) => {
    once(`IndexedDB refused a write (${nameOf(error)}); what it could not keep stays in memory for this page`);
    pending.set(key, { value });
  };
  /**
   * Writes through to IndexedDB (the callers have checked that it is in use). A pending
   * value is dropped once written, unless a later write replaced it meanwhile.
   */
  const write = async (key: string, value: unknown, run: (b: Backend) => Promise<void>) => {
    const before = pending.get(key);
    try {
      await run(idb!);
      if (pending.get(key) === before) pending.delete(key);
    } catch (error) {
      const m = fallen();
      if (m) await (value === undefined ? m.del(key) : m.set(key, value));
      else if (pending.get(key) === before) refused(key, clone(value), error);
    }
  };
  /** `fn` over the pending value: synchronous, so updates in this tab stay in order. */
  const updatePending = (key: string, fn: (old: unknown) => unknown) => {
    const next = fn(pending.get(key)!.value);
    pending.set(key, { value: next });
    return write(key, next, (b) => b.set(key, next));
  };

  try {
    idb = open();
  } catch (error) {
    toMemory(error);
  }

  return {
    get kind() { return memory ? 'memory' as const : 'indexeddb' as const; },
    async get<T>(key: string) {
      if (memory || !idb) return (memory ?? toMemory(undefined)).get<T>(key);
      if (pending.has(key)) return clone(pending.get(key)!.value) as T | undefined;
      try {
        return await idb.get(key) as T | undefined;
      } catch (error) {
        return toMemory(error).get<T>(key);
      }
    },
    async set(key, value) {
      if (memory || !idb) return (memory ?? toMemory(undefined)).set(key, value);
      await write(key, value, (b) => b.set(key, value));
    },
    async del(key) {
      if (memory || !idb) return (memory ?? toMemory(undefined)).del(key);
      await write(key, undefined, (b) => b.del(key));
    },
    async update<T>(key: string, fn: (old: T | undefined) => T) {
      const f = fn as (old: unknown) => unknown;
      if (memory || !idb) return (memory ?? toMemory(undefined)).update(key, fn);
      if (pending.has(key)) return updatePending(key, f);
      try {
        await idb.update(key, f);
        return;
      } catch (error) {
        if (fallen()) return fallen()!.update(key, fn);
        if (pending.has(key)) return updatePending(key, f);
        // The transaction was refused: read what is stored, and apply fn to that.
        let old: unknown;
        try {
          old = await idb!.get(key);
        } catch (readError) {
          return toMemory(readError).update(key, fn);
        }
        if (fallen()) return fallen()!.update(key, fn);
        if (pending.has(key)) return updatePending(key, f);
        // fn first: if fn itself threw, its error is the caller's, not a storage fault.
        refused(key, f(old), error);
      }
    },
  };
}
