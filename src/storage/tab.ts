import type { Env } from '../browser/env';

/**
 * A list a page keeps for the next page of its tab (a reload, a link): events held until
 * a ruleset comes, records waiting for the outbox's code. In memory while the page is
 * shown; in sessionStorage from the moment it is hidden or left, and from then on at the
 * end of each task that changes it. The list an earlier page left is read when the owner
 * asks for it (`earlier`), or when this page must write its own. So a page that shows
 * makes no sessionStorage call at load: the first is a synchronous call to the browser,
 * milliseconds of the page's main thread, more when the browser is busy.
 */
export interface TabList<T> {
  /** Adds to this page's list. */
  push(...items: T[]): void;
  /** This page's list, which is then empty. */
  take(): T[];
  /** What an earlier page of the tab left (the items that pass `valid`), once: the owner's from then on. */
  earlier(): T[];
  /** Forgets both lists (shutdown). */
  clear(): void;
}

export function tabList<T>(env: Env, key: () => string, valid: (item: unknown) => boolean): TabList<T> {
  let items: T[] = [];
  let hidden = false;
  let read = false;
  /** Whether sessionStorage holds a list this page must rewrite: its own, or one it read. */
  let stored = false;
  let queued = false;
  const earlier = (): T[] => {
    if (read) return [];
    read = true;
    const text = env.session.get(key());
    if (text === null) return [];
    // Replaced at the end of the task by this page's list (or removed).
    stored = true;
    changed();
    try {
      const saved: unknown = JSON.parse(text);
      return Array.isArray(saved) ? saved.filter(valid) : [];
    } catch {
      return []; // not a list of Herald's
    }
  };
  const save = () => {
    queued = false;
    if (!stored && !(hidden && items.length)) return;
    items = earlier().concat(items);
    if (items.length) env.session.set(key(), JSON.stringify(items));
    else env.session.del(key());
    stored = items.length > 0;
  };
  // Once a task: a burst would otherwise write the whole list on every change. (A save
  // made meanwhile, as the page is hidden, leaves the one queued nothing to do.)
  const changed = () => {
    if (!queued) queueMicrotask(() => queued && save());
    queued = true;
  };
  env.onLifecycle((what) => {
    if (what === 'online') return;
    hidden = what === 'hidden';
    // At once: no later task may come.
    if (hidden) save();
  });
  return {
    push(...more) {
      items.push(...more);
      changed();
    },
    take() {
      const all = items;
      items = [];
      changed();
      return all;
    },
    earlier,
    clear() {
      items = [];
      read = true;
      stored = false;
      env.session.del(key());
    },
  };
}
