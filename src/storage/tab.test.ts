import { describe, expect, it } from 'vitest';
import { createFakeEnv } from '../testing/fakes';
import { tabList } from './tab';

const KEY = 'herald/app/list';

/** A page of a tab whose sessionStorage is `session`, with every call to it counted. */
function page(session = new Map<string, string>()) {
  const fake = createFakeEnv({ session });
  const calls: string[] = [];
  const { get, set, del } = fake.env.session;
  fake.env.session.get = (key) => (calls.push(`get ${key}`), get(key));
  fake.env.session.set = (key, value) => (calls.push(`set ${key}`), set(key, value));
  fake.env.session.del = (key) => (calls.push(`del ${key}`), del(key));
  const list = tabList<number>(fake.env, () => KEY, (n) => typeof n === 'number');
  return { fake, session, calls, list };
}
const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('tabList', () => {
  it('while the page shows, makes no sessionStorage call', async () => {
    const { calls, list } = page();
    for (let i = 0; i < 100; i++) list.push(i);
    await tick();
    expect(list.take()).toHaveLength(100);
    list.push(1);
    await tick();
    expect(calls).toEqual([]);
  });

  it('hidden: written at once, then at the end of each task that changes it; emptied: removed', async () => {
    const { fake, session, calls, list } = page();
    list.push(1, 2);
    fake.lifecycle('hidden');
    expect(JSON.parse(session.get(KEY)!)).toEqual([1, 2]);
    for (let i = 3; i <= 5; i++) list.push(i);
    expect(JSON.parse(session.get(KEY)!)).toEqual([1, 2]);
    await Promise.resolve();
    expect(JSON.parse(session.get(KEY)!)).toEqual([1, 2, 3, 4, 5]);
    expect(calls.filter((c) => c.startsWith('set'))).toHaveLength(2);
    // Shown again, it is still this page's list to keep up to date.
    fake.lifecycle('shown');
    expect(list.take()).toEqual([1, 2, 3, 4, 5]);
    await Promise.resolve();
    expect(session.has(KEY)).toBe(false);
  });

  it('the next page finds the list when it asks, once, with what is not valid left out; then the stored copy is its own', async () => {
    const session = new Map([[KEY, JSON.stringify([1, 'x', 2])]]);
    const { calls, list } = page(session);
    list.push(3);
    await Promise.resolve();
    expect(calls).toEqual([]);
    expect(list.earlier()).toEqual([1, 2]);
    expect(list.earlier()).toEqual([]);
    await Promise.resolve();
    // Replaced by this page's list (kept, since the earlier one was in storage).
    expect(JSON.parse(session.get(KEY)!)).toEqual([3]);
    list.take();
    await Promise.resolve();
    expect(session.has(KEY)).toBe(false);
  });

  it('hidden before it asked: the earlier page\'s list is kept, ahead of this page\'s', () => {
    const session = new Map([[KEY, JSON.stringify([1, 2])]]);
    const { fake, list } = page(session);
    list.push(3);
    fake.lifecycle('hidden');
    expect(JSON.parse(session.get(KEY)!)).toEqual([1, 2, 3]);
  });

  it('hidden with nothing of its own: the earlier page\'s list is left as it is, unread', () => {
    const session = new Map([[KEY, JSON.stringify([1])]]);
    const { fake, calls } = page(session);
    fake.lifecycle('hidden');
    expect(calls).toEqual([]);
    expect(session.get(KEY)).toBe('[1]');
  });

  it('a value that is not a list reads as none, and is removed', async () => {
    const session = new Map([[KEY, '{not json']]);
    const { list } = page(session);
    expect(list.earlier()).toEqual([]);
    await Promise.resolve();
    expect(session.has(KEY)).toBe(false);
  });

  it('clear forgets both lists', async () => {
    const session = new Map([[KEY, JSON.stringify([1])]]);
    const { fake, list } = page(session);
    list.push(2);
    list.clear();
    expect(session.has(KEY)).toBe(false);
    expect(list.earlier()).toEqual([]);
    fake.lifecycle('hidden');
    expect(session.has(KEY)).toBe(false);
    expect(list.take()).toEqual([]);
  });
});
