import { describe, expect, it } from 'vitest';
import { claimGoal, claimSend, historyKey, readHistory } from './history';
import { memoryStore } from './store';

const T = Date.parse('2026-06-15T12:00:00Z');
const KEY = historyKey('app', 'visitor:v1', 'welcome');

describe('historyKey', () => {
  it('namespaces by app, person and message', () => {
    expect(KEY).toBe('app/sends/visitor:v1/welcome');
    expect(historyKey('other', 'visitor:v1', 'welcome')).not.toBe(KEY);
    expect(historyKey('app', 'visitor:v2', 'welcome')).not.toBe(KEY);
    expect(historyKey('app', 'visitor:v1', 'other')).not.toBe(KEY);
  });
});

describe('readHistory', () => {
  it('reads nothing when nothing was sent', async () => {
    expect(await readHistory(memoryStore(), KEY)).toBeUndefined();
  });

  it('reads a stored history', async () => {
    const store = memoryStore();
    await store.set(KEY, { count: 2, last: T });
    expect(await readHistory(store, KEY)).toEqual({ count: 2, last: T });
  });

  it.each<unknown>([
    'corrupt', 42, null, [], {}, { count: 1 }, { last: T }, { count: '1', last: T }, { count: 1, last: 'yesterday' },
    { count: NaN, last: T }, { count: 1, last: Infinity },
  ])('a corrupt record %j reads as no history', async (record) => {
    const store = memoryStore();
    await store.set(KEY, record);
    expect(await readHistory(store, KEY)).toBeUndefined();
  });
});

describe('claimSend', () => {
  it('claims the first send and records it', async () => {
    const store = memoryStore();
    expect(await claimSend(store, KEY, { every: '1h' }, T)).toEqual({ ok: true });
    expect(await readHistory(store, KEY)).toEqual({ count: 1, last: T });
  });

  it('two concurrent claims with once-an-hour: exactly one wins', async () => {
    const store = memoryStore();
    const results = await Promise.all([claimSend(store, KEY, { every: '1h' }, T), claimSend(store, KEY, { every: '1h' }, T)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: 'frequency' });
    expect(await readHistory(store, KEY)).toEqual({ count: 1, last: T });
  });

  it('ten concurrent claims with max 1: exactly one wins, the others are max_sends', async () => {
    const store = memoryStore();
    const results = await Promise.all(Array.from({ length: 10 }, () => claimSend(store, KEY, { every: '0s', max: 1 }, T)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'max_sends')).toHaveLength(9);
    expect(await readHistory(store, KEY)).toEqual({ count: 1, last: T });
  });

  it('a held claim leaves the record as it was', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, { every: '1h' }, T);
    const held = await claimSend(store, KEY, { every: '1h' }, T + 20 * 6e4);
    expect(held).toMatchObject({ ok: false, reason: 'frequency', nextAt: T + 36e5 });
    expect(await readHistory(store, KEY)).toEqual({ count: 1, last: T });
  });

  it('claims again once the interval has passed, counting up', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, { every: '1h' }, T);
    expect(await claimSend(store, KEY, { every: '1h' }, T + 36e5)).toEqual({ ok: true });
    expect(await readHistory(store, KEY)).toEqual({ count: 2, last: T + 36e5 });
  });

  it('a corrupt record counts as no history: the claim wins and replaces it', async () => {
    const store = memoryStore();
    await store.set(KEY, { count: 'lots', last: 'recently' });
    expect(await claimSend(store, KEY, { every: '1h', max: 1 }, T)).toEqual({ ok: true });
    expect(await store.get(KEY)).toEqual({ count: 1, last: T });
  });

  it('claims for different people or messages do not interfere', async () => {
    const store = memoryStore();
    const other = historyKey('app', 'visitor:v2', 'welcome');
    const results = await Promise.all([claimSend(store, KEY, { every: '1h' }, T), claimSend(store, other, { every: '1h' }, T)]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
  });
});

describe('claimGoal', () => {
  const WITHIN = '7d';
  const WEEK = 7 * 864e5;

  it('nothing shown: no goal, and nothing is written', async () => {
    const store = memoryStore();
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T })).toBeUndefined();
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('within the window: resolves with the detail, and records the showing as reached', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, undefined, T);
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 36e5 })).toBe('shared-file came 1 hour after the message was shown');
    expect(await store.get(KEY)).toEqual({ count: 1, last: T, goal: T });
  });

  it('counts once: a second goal event for the same showing resolves with nothing', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, undefined, T);
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 1000 })).toBeDefined();
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 2000 })).toBeUndefined();
    expect(await store.get(KEY)).toEqual({ count: 1, last: T, goal: T });
  });

  it('two concurrent claims (two tabs): only one resolves with a detail', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, undefined, T);
    const results = await Promise.all([claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 1000 }), claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 1000 })]);
    expect(results.filter((r) => r !== undefined)).toEqual(['shared-file came 1 second after the message was shown']);
  });

  it('after the window: no goal, the record is unchanged', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, undefined, T);
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + WEEK + 1 })).toBeUndefined();
    expect(await store.get(KEY)).toEqual({ count: 1, last: T });
  });

  it('before the showing: no goal', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, undefined, T);
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T - 1 })).toBeUndefined();
  });

  it('a later showing can reach its goal again, and keeps counting sends', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, { every: '1h' }, T);
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 1000 })).toBeDefined();
    expect(await claimSend(store, KEY, { every: '1h' }, T + 2 * 36e5)).toEqual({ ok: true });
    expect(await readHistory(store, KEY)).toMatchObject({ count: 2, last: T + 2 * 36e5 });
    // Measured from the later showing, not the first.
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 3 * 36e5 })).toBe('shared-file came 1 hour after the message was shown');
    expect(await readHistory(store, KEY)).toEqual({ count: 2, last: T + 2 * 36e5, goal: T + 2 * 36e5 });
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 4 * 36e5 })).toBeUndefined();
  });

  it('the goal mark does not break the frequency record', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, { every: '1h', max: 2 }, T);
    await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 1000 });
    expect(await claimSend(store, KEY, { every: '1h', max: 2 }, T + 20 * 6e4)).toMatchObject({ ok: false, reason: 'frequency' });
    expect(await claimSend(store, KEY, { every: '1h', max: 2 }, T + 36e5)).toEqual({ ok: true });
    expect(await claimSend(store, KEY, { every: '1h', max: 2 }, T + 3 * 36e5)).toMatchObject({ ok: false, reason: 'max_sends' });
  });

  it('an invalid within never reaches, and a corrupt record reads as nothing shown', async () => {
    const store = memoryStore();
    await claimSend(store, KEY, undefined, T);
    expect(await claimGoal(store, KEY, 'soon', { name: 'shared-file', at: T + 1000 })).toBeUndefined();
    await store.set(KEY, { count: 'x', last: T });
    expect(await claimGoal(store, KEY, WITHIN, { name: 'shared-file', at: T + 1000 })).toBeUndefined();
    expect(await store.get(KEY)).toEqual({ count: 'x', last: T });
  });
});
