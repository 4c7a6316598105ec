import { describe, expect, it } from 'vitest';
import { memoryStore } from '../storage/store';
import type { Prepared, SplitRuleset } from '../ruleset/parse';
import { loadRuleset, resetHistory } from './tools';

const split: SplitRuleset = { head: { messages: [], series: [], invalid: [{ index: 1, id: 'bad', detail: 'type must be one of banner' }] }, events: new Map() };
const good = async (): Promise<Prepared> => ({ ok: true, ...split, compile: async () => ({ head: '', index: '', events: new Blob() }) });

describe('debug:loadRuleset', () => {
  it('puts a checked ruleset in use and lists its invalid messages', async () => {
    const used: SplitRuleset[] = [];
    expect(await loadRuleset({}, good, (r) => used.push(r))).toEqual({ ok: true, invalid: split.head.invalid });
    expect(used.map((r) => r.head)).toEqual([split.head]);
  });

  it('leaves the ruleset alone when the document is rejected, or the validator cannot load', async () => {
    const used: unknown[] = [];
    expect(await loadRuleset({}, async () => ({ ok: false, detail: 'version must be 1' }), (r) => used.push(r))).toEqual({ ok: false, detail: 'version must be 1', invalid: [] });
    expect(await loadRuleset({}, () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')), (r) => used.push(r)))
      .toEqual({ ok: false, detail: 'the ruleset could not be read: TypeError: Failed to fetch dynamically imported module', invalid: [] });
    expect(used).toEqual([]);
  });
});

describe('debug:resetHistory', () => {
  it('forgets the sends of the messages named, and only those', async () => {
    const store = memoryStore();
    for (const id of ['a', 'b', 'c']) await store.set(`sends/${id}`, { count: 1, last: 0 });
    await resetHistory(store, (id) => `sends/${id}`, ['a', 'c']);
    expect([await store.get('sends/a'), await store.get('sends/b'), await store.get('sends/c')]).toEqual([undefined, { count: 1, last: 0 }, undefined]);
  });
});
