import { browserStore, type Store } from '../storage/store';
import type { Decision } from '../engine/types';
import { onNavigate } from './navigation';
import type { logDecisions } from '../debug/log';

/**
 * Everything Herald reads from the browser, in one place: the clock, the page, timers,
 * the network and storage. The rest of the SDK receives an Env, so tests hand in fakes.
 */
export interface Env {
  now(): number;
  page(): { url: string; referrer: string };
  /** Calls `fn(url)` when a single-page app changes the URL. */
  onNavigate(fn: (url: string) => void): void;
  /** Page life: `hidden` when the page is hidden or unloads (the last chance to send), `shown` when it is visible again, `online` when the network returns. */
  onLifecycle(fn: (what: Lifecycle) => void): void;
  online(): boolean;
  /** navigator.sendBeacon, or false where it is missing or refuses. */
  beacon(url: string, body: string): boolean;
  /**
   * Messages to this app's other tabs and pages, which `hear` them in order (a page in the
   * back/forward cache when it comes back). A no-op where storage is blocked.
   */
  channel(name: string, hear: (message: unknown) => void): { post(message: unknown): void; close(): void };
  /**
   * Runs `fn` holding a lock shared by the tabs of this origin (Web Locks), or at once where
   * there is none. A page that goes into the back/forward cache lets go of it.
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Where Google Tag Manager's `dataLayer` lives (the window), for the watcher in extras.js. */
  dataLayerHost(): { dataLayer?: unknown };
  setTimeout(fn: () => void, ms: number): unknown;
  /** Runs `fn` in a task of its own, soon, after the browser has handled input and rendering. */
  nextTask(fn: () => void): void;
  clearTimeout(handle: unknown): void;
  fetch: typeof fetch;
  store: Store;
  /** Synchronous small values (the visitor id): localStorage, or memory when it is blocked. */
  local: Values;
  /** The same, for this tab only (a tour in progress): sessionStorage, or memory. */
  session: Values;
  warn(text: string): void;
  /** Debug output: the decisions of one event (or one made without an event) under a collapsed console group. */
  log(event: string | undefined, decisions: Decision[]): void;
  randomId(): string;
}

export type Lifecycle = 'hidden' | 'shown' | 'online';

export interface Values {
  get(key: string): string | null;
  set(key: string, value: string): void;
  del(key: string): void;
}

/** Web Storage throws in some privacy modes, even on access: fall back to memory. */
function storageValues(which: 'localStorage' | 'sessionStorage'): Values {
  const memory = new Map<string, string>();
  const ls = (): Storage | undefined => {
    try {
      return window[which];
    } catch {
      return undefined;
    }
  };
  return {
    get: (key) => {
      try {
        return ls()?.getItem(key) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set: (key, value) => {
      memory.set(key, value);
      try { ls()?.setItem(key, value); } catch { /* memory holds it */ }
    },
    del: (key) => {
      memory.delete(key);
      try { ls()?.removeItem(key); } catch { /* memory held it */ }
    },
  };
}

/** A random id; `crypto.randomUUID` exists only on secure origins, getRandomValues everywhere. */
const randomId = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

export const warn = (text: string) => console.warn(`[herald] ${text}`);

/**
 * A new task without setTimeout's clamping to 4 ms (or to 1 s in a background tab): a
 * MessageChannel message, as scheduler.postTask does where it exists.
 */
function nextTask(fn: () => void) {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => {
    port1.close();
    fn();
  };
  port2.postMessage(0);
}

/**
 * The real browser. `loadExtras` gives the code that writes `debug: true`'s output: it is in
 * extras.js, loaded the first time there is something to write (a failed load writes nothing).
 */
export function browserEnv(loadExtras: () => Promise<{ logDecisions: typeof logDecisions }>): Env {
  const local = storageValues('localStorage');
  /**
   * Run when the page is left for the back/forward cache, which keeps it frozen to show it
   * again on Back: Herald must then hold nothing that the site's other pages wait for.
   */
  const onFreeze = new Set<() => void>();
  addEventListener('pagehide', (e) => {
    if (e.persisted) for (const fn of onFreeze) fn();
  });
  return {
    now: () => Date.now(),
    page: () => ({ url: location.href, referrer: document.referrer }),
    onNavigate: (fn) => void onNavigate(fn),
    onLifecycle: (fn) => {
      addEventListener('pagehide', () => fn('hidden'));
      document.addEventListener('visibilitychange', () => fn(document.visibilityState === 'hidden' ? 'hidden' : 'shown'));
      addEventListener('online', () => fn('online'));
    },
    online: () => navigator.onLine !== false,
    // Through localStorage, not a BroadcastChannel: a page in the back/forward cache hears
    // storage events when it comes back, where a channel's message would evict it.
    channel: (name, hear) => {
      const key = `${name}/signal`;
      const heard = (e: StorageEvent) => {
        try {
          if (e.key === key && e.newValue) hear(JSON.parse(e.newValue));
        } catch {
          // A value that is not Herald's, or a fault in hearing it: kept out of the host page.
        }
      };
      addEventListener('storage', heard);
      return {
        // Written and removed at once: each is an event (the next message, even the same
        // one, changes the value again), and nothing, such as a person's id, stays behind.
        post: (message) => {
          local.set(key, JSON.stringify(message));
          local.del(key);
        },
        close: () => removeEventListener('storage', heard),
      };
    },
    withLock: (name, fn) => {
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      if (!locks) return fn();
      let work: ReturnType<typeof fn>;
      // The lock is let go when the page is frozen in the cache: the site's next page asks for
      // it, and the browser would evict this one. What is left of `fn` runs on if it comes back.
      return locks.request(name, () => new Promise<void>((release) => {
        onFreeze.add(release);
        work = fn();
        work.finally(() => {
          onFreeze.delete(release);
          release();
        }).catch(() => {});
      })).then(() => work);
    },
    dataLayerHost: () => window as { dataLayer?: unknown },
    beacon: (url, body) => {
      try {
        return typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }));
      } catch {
        return false;
      }
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    nextTask,
    clearTimeout: (handle) => clearTimeout(handle as number),
    fetch: (...args) => fetch(...args),
    store: browserStore(warn),
    local,
    session: storageValues('sessionStorage'),
    warn,
    log: (event, decisions) => void loadExtras().then((x) => x.logDecisions(event, decisions), () => {}),
    randomId,
  };
}
