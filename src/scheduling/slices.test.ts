import { describe, expect, it } from 'vitest';
import { createSlices, SLICE_ITEMS, SLICE_MS } from './slices';

/** A clock that moves `cost` ms per item run, and tasks the test runs one at a time. */
function setup(cost = 0) {
  let now = 0;
  const tasks: (() => void)[] = [];
  const ran: number[] = [];
  const errors: unknown[] = [];
  const slices = createSlices<number>({ now: () => now, nextTask: (fn) => void tasks.push(fn) }, (n) => {
    now += cost;
    if (n < 0) throw new Error(`bad ${n}`);
    ran.push(n);
  }, (e) => void errors.push(e));
  const task = () => tasks.shift()!();
  return { slices, ran, errors, tasks, task };
}

const microtasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('slices', () => {
  it('runs an item right after the current code, in a microtask, not during push', async () => {
    const { slices, ran, tasks } = setup();
    slices.push(1);
    expect(ran).toEqual([]);
    await Promise.resolve();
    expect(ran).toEqual([1]);
    expect(tasks).toEqual([]);
  });

  it('a burst runs in order, in slices of at most SLICE_MS, each in a task of its own', async () => {
    const { slices, ran, tasks, task } = setup(1);
    for (let i = 0; i < 30; i++) slices.push(i);
    await microtasks();
    expect(ran).toEqual(Array.from({ length: SLICE_MS }, (_, i) => i));
    expect(tasks).toHaveLength(1);
    expect(slices.size).toBe(30 - SLICE_MS);
    while (tasks.length) task();
    expect(ran).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(slices.size).toBe(0);
  });

  it('a clock that does not move still yields every SLICE_ITEMS items', async () => {
    const { slices, ran, tasks, task } = setup(0);
    for (let i = 0; i < SLICE_ITEMS * 2 + 1; i++) slices.push(i);
    await microtasks();
    expect(ran).toHaveLength(SLICE_ITEMS);
    task();
    expect(ran).toHaveLength(SLICE_ITEMS * 2);
    task();
    expect(ran).toHaveLength(SLICE_ITEMS * 2 + 1);
    expect(tasks).toEqual([]);
  });

  it('an item slower than the slice still runs, one a slice', async () => {
    const { slices, ran, tasks, task } = setup(SLICE_MS * 3);
    slices.push(1);
    slices.push(2);
    await microtasks();
    expect(ran).toEqual([1]);
    task();
    expect(ran).toEqual([1, 2]);
    expect(tasks).toEqual([]);
  });

  it('an item that throws is reported and the next ones run', async () => {
    const { slices, ran, errors } = setup();
    slices.push(1);
    slices.push(-1);
    slices.push(2);
    await microtasks();
    expect(ran).toEqual([1, 2]);
    expect(errors.map(String)).toEqual(['Error: bad -1']);
  });

  it('clear drops what has not run; later pushes run', async () => {
    const { slices, ran, tasks, task } = setup(1);
    for (let i = 0; i < 20; i++) slices.push(i);
    await microtasks();
    slices.clear();
    while (tasks.length) task();
    expect(ran).toHaveLength(SLICE_MS);
    slices.push(99);
    await microtasks();
    expect(ran.at(-1)).toBe(99);
  });
});
