import { describe, expect, it, vi } from 'vitest';
import { createFakeEnv, deferred, flush as settle } from '../testing/fakes';
import { lazyOutbox } from './lazy';
import type { Outbox, OutboxRecord, Sender } from './outbox';

const ADA: Sender = { app_id: 'app', user_id: 'ada', visitor_id: 'v1' };
const KEY = 'herald/app/outbox-pending';

function setup(withUrl = true) {
  const fake = createFakeEnv();
  const target = { url: withUrl ? 'https://collect.test/e' : undefined, sender: ADA };
  const added: [Omit<OutboxRecord, 'id'>, Sender | undefined][] = [];
  const flushes: number[] = [];
  const real: Outbox = { add: (record, sender) => void added.push([record, sender]), flush: () => void flushes.push(added.length) };
  const chunk = deferred<{ createOutbox: () => Outbox }>();
  const load = vi.fn(() => chunk.promise);
  const outbox = lazyOutbox(fake.env, () => target, load);
  const set = vi.spyOn(fake.env.session, 'set');
  const event = (name: string) => outbox.add({ kind: 'event', name, at: 1 });
  return { ...fake, target, added, flushes, outbox, load, set, event, loaded: () => chunk.resolve({ createOutbox: () => real }), failed: () => chunk.reject(new Error('offline')) };
}

describe('lazyOutbox', () => {
  it('keeps records in this tab until the outbox loads (in sessionStorage once the page is hidden), then hands them over', async () => {
    const t = setup();
    for (let i = 0; i < 1000; i++) t.event(`e${i}`);
    expect(t.load).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(t.set).not.toHaveBeenCalled();
    t.lifecycle('hidden');
    expect(t.set).toHaveBeenCalledTimes(1);
    expect(JSON.parse(t.session.get(KEY)!)).toHaveLength(1000);
    t.lifecycle('shown');
    t.loaded();
    await settle();
    expect(t.added.map(([r]) => r.name)).toEqual(Array.from({ length: 1000 }, (_, i) => `e${i}`));
    expect(t.flushes).toEqual([1000]);
    expect(t.session.has(KEY)).toBe(false);
    t.event('after');
    expect(t.added.at(-1)![0].name).toBe('after');
  });

  it('a record keeps the person it was recorded for, whoever is booted when the outbox loads', async () => {
    const t = setup();
    t.event('by-ada');
    t.target.sender = { app_id: 'app', visitor_id: 'v-next' };
    t.event('by-the-next-visitor');
    t.loaded();
    await settle();
    expect(t.added).toEqual([
      [expect.objectContaining({ name: 'by-ada' }), ADA],
      [expect.objectContaining({ name: 'by-the-next-visitor' }), { app_id: 'app', visitor_id: 'v-next' }],
    ]);
  });

  it('at boot, loads the outbox, and hands it the records an earlier page of this tab kept before its own, reading them only then', async () => {
    const t = setup();
    t.session.set(KEY, JSON.stringify([[{ kind: 'event', name: 'before-reload', at: 1 }, ADA], 'corrupt']));
    const get = vi.spyOn(t.env.session, 'get');
    t.outbox.flush();
    t.event('this-page');
    expect(t.load).toHaveBeenCalledTimes(1);
    await settle();
    expect(get).not.toHaveBeenCalled();
    t.loaded();
    await settle();
    expect(t.added).toEqual([[{ kind: 'event', name: 'before-reload', at: 1 }, ADA], [expect.objectContaining({ name: 'this-page' }), ADA]]);
    expect(t.session.has(KEY)).toBe(false);
  });

  it('survives a corrupt saved list', async () => {
    const t = setup();
    t.session.set(KEY, '{not json');
    t.outbox.flush();
    t.loaded();
    await settle();
    expect(t.added).toEqual([]);
    expect(t.session.has(KEY)).toBe(false);
  });

  it('without events_url keeps nothing and loads nothing', async () => {
    const t = setup(false);
    t.event('x');
    t.outbox.flush();
    await settle();
    expect(t.load).not.toHaveBeenCalled();
    expect(t.set).not.toHaveBeenCalled();
  });

  it('when the chunk fails to load: one warning, records wait, the next record tries again', async () => {
    const t = setup();
    t.event('a');
    t.failed();
    await settle();
    expect(t.warnings).toEqual(['the outbox could not be loaded (Error: offline); records wait in this tab']);
    t.lifecycle('hidden');
    expect(JSON.parse(t.session.get(KEY)!)).toHaveLength(1);
    t.lifecycle('shown');
    t.event('b');
    expect(t.load).toHaveBeenCalledTimes(2);
  });
});
