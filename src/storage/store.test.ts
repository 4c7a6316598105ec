import { describe, expect, it } from 'vitest';
import { claimSend, readHistory } from './history';
import { browserStore, memoryStore, type Backend } from './store';

const T = Date.parse('2026-06-15T12:00:00Z');
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * An IndexedDB stand-in: a Map, with faults switched on and off. `abort`: transactions
 * that write abort (rejecting with null, as an aborted transaction's error is).
 */
function fakeIdb(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  const faults = { read: undefined as unknown, write: undefined as unknown, abort: false };
  const calls: string[] = [];
  const writeFault = () => {
    if (faults.abort) return Promise.reject(null);
    return faults.write !== undefined ? Promise.reject(faults.write) : undefined;
  };
  const backend: Backend = {
    get: async (key) => {
      calls.push(`get ${key}`);
      if (faults.read !== undefined) throw faults.read;
      return structuredClone(data.get(key));
    },
    set: async (key, value) => {
      calls.push(`set ${key}`);
      await writeFault();
      data.set(key, structuredClone(value));
    },
    del: async (key) => {
      calls.push(`del ${key}`);
      await writeFault();
      data.delete(key);
    },
    update: async (key, fn) => {
      calls.push(`update ${key}`);
      if (faults.read !== undefined) throw faults.read;
      const next = fn(structuredClone(data.get(key)));
      await writeFault();
      data.set(key, next);
    },
  };
  return { backend, data, faults, calls };
}

function setup(initial: Record<string, unknown> = {}) {
  const idb = fakeIdb(initial);
  const warnings: string[] = [];
  const store = browserStore((t) => warnings.push(t), 'herald', () => idb.backend);
  return { ...idb, store, warnings };
}

describe('memoryStore', () => {
  it('keeps copies: changing what was set or got changes nothing stored', async () => {
    const store = memoryStore();
    const value = { count: 1 };
    await store.set('k', value);
    value.count = 2;
    const got = await store.get<{ count: number }>('k');
    got!.count = 3;
    expect(await store.get('k')).toEqual({ count: 1 });
    expect(store.kind).toBe('memory');
  });
});

describe('browserStore when IndexedDB cannot be used at all', () => {
  it.each<[string, () => Backend]>([
    ['missing', () => { throw new Error('missing'); }],
    ['throwing on access', () => { throw new DOMException('denied', 'SecurityError'); }],
  ])('%s: memory from the start, one warning naming the cause', async (_name, open) => {
    const warnings: string[] = [];
    const store = browserStore((t) => warnings.push(t), 'herald', open);
    expect(store.kind).toBe('memory');
    await store.set('a', 1);
    await store.update<number>('a', (n) => (n ?? 0) + 1);
    expect(await store.get('a')).toBe(2);
    await store.del('a');
    expect(await store.get('a')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/IndexedDB is unavailable \((Error|SecurityError)\)/);
  });

  it('failing to open (every request fails): the first read moves the page to memory, with what was written before', async () => {
    const { store, faults, warnings } = setup();
    faults.read = new DOMException('broken', 'UnknownError');
    faults.write = new DOMException('broken', 'UnknownError');
    await store.set('early', 'kept');
    expect(await store.get('early')).toBe('kept');
    expect(await store.get('other')).toBeUndefined();
    expect(store.kind).toBe('memory');
    await store.update<number>('n', (n) => (n ?? 0) + 1);
    await store.update<number>('n', (n) => (n ?? 0) + 1);
    expect(await store.get('n')).toBe(2);
    expect(await store.get('early')).toBe('kept');
    expect(warnings).toHaveLength(1);
  });

  it('an update whose read back fails too ends in memory, applied once there', async () => {
    const { store, faults, warnings } = setup({ n: 5 });
    faults.read = new DOMException('gone', 'InvalidStateError');
    await store.update<number>('n', (n) => (n ?? 0) + 1);
    expect(await store.get('n')).toBe(1); // what IndexedDB held cannot be read: memory starts empty
    expect(store.kind).toBe('memory');
    expect(warnings).toEqual(['IndexedDB is unavailable (InvalidStateError); limits and the cached ruleset now last only as long as this page']);
  });
});

describe('browserStore when IndexedDB refuses writes but can be read', () => {
  it('over quota: the value is kept in memory and read back; IndexedDB stays in use; one warning for many refusals', async () => {
    const { store, faults, warnings, data } = setup({ other: 'stored' });
    faults.write = quota();
    await store.set('ruleset', { doc: 1 });
    await store.set('ruleset', { doc: 2 });
    await store.set('more', 'x');
    expect(await store.get('ruleset')).toEqual({ doc: 2 });
    expect(await store.get('other')).toBe('stored');
    expect(store.kind).toBe('indexeddb');
    expect(data.has('ruleset')).toBe(false);
    expect(warnings).toEqual(['IndexedDB refused a write (QuotaExceededError); what it could not keep stays in memory for this page']);
  });

  it('a transaction that aborts: the stored history still counts (a once-only message is not sent again)', async () => {
    const key = 'app/sends/user:1/welcome';
    const { store, faults, warnings } = setup({ [key]: { count: 1, last: T - 86_400_000 } });
    faults.abort = true;
    const verdict = await claimSend(store, key, { every: '1m', max: 1 }, T);
    expect(verdict).toMatchObject({ ok: false, reason: 'max_sends' });
    expect(await readHistory(store, key)).toEqual({ count: 1, last: T - 86_400_000 });
    expect(warnings).toEqual(['IndexedDB refused a write (AbortError); what it could not keep stays in memory for this page']);
  });

  it('a refused claim is recorded in memory: the limit holds for the rest of the page', async () => {
    const key = 'app/sends/user:1/tip';
    const { store, faults, data } = setup({ [key]: { count: 2, last: T - 7_200_000 } });
    faults.abort = true;
    expect(await claimSend(store, key, { every: '1h' }, T)).toMatchObject({ ok: true });
    expect(await readHistory(store, key)).toEqual({ count: 3, last: T });
    expect(await claimSend(store, key, { every: '1h' }, T + 1000)).toMatchObject({ ok: false, reason: 'frequency' });
    expect(data.get(key)).toEqual({ count: 2, last: T - 7_200_000 }); // IndexedDB kept the good record
  });

  it('updates made while refused apply in order, each to the one before', async () => {
    const { store, faults } = setup({ n: 10 });
    faults.write = quota();
    await Promise.all([1, 2, 3].map(() => store.update<number>('n', (n) => (n ?? 0) + 1)));
    expect(await store.get('n')).toBe(13);
  });

  it('once IndexedDB takes writes again, the value kept in memory is written and no longer shadows it', async () => {
    const { store, faults, data, calls } = setup();
    faults.write = quota();
    await store.update<number>('n', (n) => (n ?? 0) + 1);
    faults.write = undefined;
    await store.update<number>('n', (n) => (n ?? 0) + 1);
    expect(data.get('n')).toBe(2);
    calls.length = 0;
    expect(await store.get('n')).toBe(2);
    expect(calls).toEqual(['get n']); // read from IndexedDB again
  });

  it('a refused delete: the value reads as gone, although IndexedDB still has it', async () => {
    const { store, faults, data } = setup({ k: 'old' });
    faults.write = quota();
    await store.del('k');
    expect(await store.get('k')).toBeUndefined();
    expect(data.get('k')).toBe('old');
  });

  it('a refused write moves to memory if reads fail later: nothing the page wrote is lost', async () => {
    const { store, faults } = setup();
    faults.write = quota();
    await store.set('a', 'from this page');
    await store.del('b');
    faults.read = new DOMException('gone', 'UnknownError');
    expect(await store.get('c')).toBeUndefined();
    expect(store.kind).toBe('memory');
    expect(await store.get('a')).toBe('from this page');
    expect(await store.get('b')).toBeUndefined();
  });

  it('an update function that throws is the caller\'s error, not a storage fault', async () => {
    const { store, warnings } = setup({ k: 1 });
    await expect(store.update('k', () => { throw new TypeError('bad record'); })).rejects.toThrow('bad record');
    expect(warnings).toEqual([]);
    expect(await store.get('k')).toBe(1);
  });
});
