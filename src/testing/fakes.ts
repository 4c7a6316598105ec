/**
 * Fakes shared by the unit tests: an Env with a hand-driven clock, a recording widget, and
 * helpers for async flows. Never imported by the SDK itself.
 */
import { vi } from 'vitest';
import type { Env, Lifecycle } from '../browser/env';
import { prepareRuleset } from '../ruleset/check';
import * as extras from '../extras';
import { logTitle } from '../debug/log';
import type { Decision } from '../engine/types';
import type { MessageType } from '../ruleset/types';
import { memoryStore, type Store } from '../storage/store';
import type { LoadWidget, Widget, WidgetHandlers, WidgetView } from '../widget';

export interface FakeEnv {
  env: Env;
  store: Store;
  /** The Env's local (synchronous) values. */
  local: Map<string, string>;
  /** The Env's per-tab values. */
  session: Map<string, string>;
  warnings: string[];
  logs: { text: string; data: Decision[] }[];
  /** Every fetch made, URL and init. */
  fetches: { url: string; init?: RequestInit }[];
  setNow(ms: number): void;
  /** Moves the clock on, running the timers that fall due, in order. */
  advance(ms: number): void;
  /** A single-page-app navigation to `url`. */
  navigate(url: string): void;
  /** Timers not yet run. */
  timers(): number;
  /** Fires a page-life event (`hidden`, `online`); sets what online() answers. */
  lifecycle(what: Lifecycle): void;
  setOnline(online: boolean): void;
  /** What was sent with sendBeacon; and whether it accepts. */
  beacons: { url: string; body: string }[];
  setBeaconAccepts(accepts: boolean): void;
  /** Who watches the dataLayer, for which names. */
  /** The fake window's `dataLayer` holder. */
  dataLayerHost: { dataLayer?: unknown };
  /** Replaces what fetch does from now on. */
  respond(fn: (url: string, init?: RequestInit) => Promise<Response>): void;
}

export interface FakeChannel {
  name: string;
  listeners: ((message: unknown) => void)[];
  posted: unknown[];
}

export function createFakeEnv(options: {
  now?: number;
  page?: { url: string; referrer: string };
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  store?: Store;
  /** Shared by fake envs that stand for tabs of one browser. */
  channels?: FakeChannel[];
  /** sessionStorage: the same map for two pages of one tab (a reload). */
  session?: Map<string, string>;
} = {}): FakeEnv {
  let now = options.now ?? 0;
  let ids = 0;
  let responder = options.fetch ?? (async () => new Response('', { status: 404 }));
  const store = options.store ?? memoryStore();
  const local = new Map<string, string>();
  const session = options.session ?? new Map<string, string>();
  const warnings: string[] = [];
  const logs: { text: string; data: Decision[] }[] = [];
  const fetches: { url: string; init?: RequestInit }[] = [];
  const page = { ...(options.page ?? { url: 'https://site.test/files/1', referrer: 'https://search.test/' }) };
  const navigationListeners: ((url: string) => void)[] = [];
  const lifecycleListeners: ((what: Lifecycle) => void)[] = [];
  const beacons: { url: string; body: string }[] = [];
  let isOnline = true;
  const channels = options.channels ?? [];
  const dataLayerHost: { dataLayer?: unknown } = {};
  let beaconAccepts = true;
  const timers = new Set<{ fn: () => void; at: number }>();
  const env: Env = {
    now: () => now,
    page: () => ({ ...page }),
    onNavigate: (fn) => void navigationListeners.push(fn),
    onLifecycle: (fn) => void lifecycleListeners.push(fn),
    online: () => isOnline,
    dataLayerHost: () => dataLayerHost,
    channel: (name, hear) => {
      const channel = { name, listeners: [hear], posted: [] as unknown[] };
      channels.push(channel);
      return {
        post: (message) => {
          channel.posted.push(message);
          for (const other of channels) if (other !== channel && other.name === name) for (const fn of other.listeners) fn(structuredClone(message));
        },
        close: () => void channels.splice(channels.indexOf(channel), 1),
      };
    },
    withLock: (_name, fn) => fn(),
    beacon: (url, body) => {
      beacons.push({ url, body });
      return beaconAccepts;
    },
    // Timers run only when the test moves the clock with advance().
    setTimeout: (fn, ms) => {
      const timer = { fn, at: now + ms };
      timers.add(timer);
      return timer;
    },
    clearTimeout: (handle) => void timers.delete(handle as never),
    // A task of its own: after the promises of this one, as in the browser.
    nextTask: (fn) => void setImmediate(fn),
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      fetches.push({ url, init });
      return responder(url, init);
    }) as typeof fetch,
    store,
    local: {
      get: (key) => local.get(key) ?? null,
      set: (key, value) => void local.set(key, value),
      del: (key) => void local.delete(key),
    },
    session: {
      get: (key) => session.get(key) ?? null,
      set: (key, value) => void session.set(key, value),
      del: (key) => void session.delete(key),
    },
    warn: (text) => void warnings.push(text),
    log: (event, data) => void logs.push({ text: logTitle(event, data), data }),
    randomId: () => `visitor-${++ids}`,
  };
  return {
    env,
    store,
    local,
    session,
    warnings,
    logs,
    fetches,
    setNow: (ms) => { now = ms; },
    advance: (ms) => {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due);
        now = Math.max(now, due.at);
        due.fn();
      }
      now = end;
    },
    navigate: (url) => {
      page.url = url;
      for (const fn of navigationListeners) fn(url);
    },
    timers: () => timers.size,
    lifecycle: (what) => {
      if (what === 'online') isOnline = true;
      for (const fn of lifecycleListeners) fn(what);
    },
    setOnline: (online) => { isOnline = online; },
    beacons,
    setBeaconAccepts: (accepts) => { beaconAccepts = accepts; },
    dataLayerHost,
    respond: (fn) => { responder = fn; },
  };
}

/** A 200 response carrying `doc` as JSON. */
export const jsonResponse = (doc: unknown, etag?: string) =>
  new Response(JSON.stringify(doc), { status: 200, headers: etag ? { ETag: etag } : {} });

export interface FakeWidgets {
  loadWidget: LoadWidget;
  loads: MessageType[];
  shown: { view: WidgetView; handlers: WidgetHandlers }[];
  hidden: string[];
  /** The ids of the messages shown, in order. */
  shownIds(): string[];
}

/** One recording widget for every type. */
export function createFakeWidgets(): FakeWidgets {
  const loads: MessageType[] = [];
  const shown: { view: WidgetView; handlers: WidgetHandlers }[] = [];
  const hidden: string[] = [];
  const widget: Widget = {
    show: (view, handlers) => void shown.push({ view, handlers }),
    hide: (id) => void hidden.push(id),
  };
  return {
    loadWidget: async (type) => {
      loads.push(type);
      return widget;
    },
    loads,
    shown,
    hidden,
    shownIds: () => shown.map((s) => s.view.message.id),
  };
}

/** Lets every pending promise, and the macrotasks of Response bodies, settle. No delay. */
export async function flush(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise with its resolve and reject at hand. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The validator, as the SDK loads it, without the loading. */
export const checkNow = async (doc: unknown) => prepareRuleset(doc);

/** The extras chunk, as the SDK loads it, without the loading. */
export const extrasNow = async () => extras;

/**
 * Records the body of every Response made from now on (the cached lists of messages are
 * read through one: ruleset/parse.ts). Undone by `vi.unstubAllGlobals()`.
 */
export function recordResponseBodies(): unknown[] {
  const bodies: unknown[] = [];
  vi.stubGlobal('Response', class extends Response {
    constructor(body?: BodyInit | null, init?: ResponseInit) {
      super(body, init);
      bodies.push(body);
    }
  });
  return bodies;
}
