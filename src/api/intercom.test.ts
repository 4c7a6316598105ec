import { afterEach, describe, expect, it, vi } from 'vitest';
import { warn as browserWarn } from '../browser/env';
import type { Decision, TrackedEvent } from '../engine/types';
import type { Runtime } from '../runtime';
import { createFakeEnv, createFakeWidgets, flush, jsonResponse } from '../testing/fakes';
import { checkNow, extrasNow } from '../testing/fakes';
import { createIntercom } from './install';
import { createCall, replayQueue, type Call } from './intercom';

const T = Date.parse('2026-06-15T12:00:00Z');
const SETTINGS = { app_id: 'app', ruleset_url: 'https://rules.test/ruleset.json' };

/** A runtime that records what it is asked to do. */
function fakeRuntime(overrides: Partial<Runtime> = {}) {
  const calls: unknown[][] = [];
  let booted = false;
  const runtime: Runtime = {
    get booted() {
      return booted;
    },
    boot(settings) {
      booted = true;
      calls.push(['boot', settings]);
    },
    update: (attrs) => void calls.push(['update', attrs]),
    shutdown() {
      booted = false;
      calls.push(['shutdown']);
    },
    track: (event) => void calls.push(['track', event]),
    hide: () => void calls.push(['hide']),
    onDecision: (fn) => void calls.push(['onDecision', fn]),
    onReply: (fn) => void calls.push(['onReply', fn]),
    onSurveyAnswer: (fn) => void calls.push(['onSurveyAnswer', fn]),
    startTour: (id) => void calls.push(['startTour', id]),
    startSurvey: (id) => void calls.push(['startSurvey', id]),
    debug: { enabled: false, travel: () => 0, loadRuleset: async () => ({ ok: true, invalid: [] }), history: async () => [], resetHistory: async () => {} },
    visitorId: () => (booted ? 'visitor-1' : undefined),
    ...overrides,
  };
  return { runtime, calls };
}

function setup(overrides: Partial<Runtime> = {}) {
  const fake = createFakeEnv({ now: T });
  const { runtime, calls } = fakeRuntime(overrides);
  const call = createCall(runtime, fake.env, extrasNow);
  return { call, calls, warnings: fake.warnings, runtime };
}

/** An `arguments` object, as Intercom's loaders queue them. */
function args(..._values: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('warnings', () => {
  it('the browser warning channel prefixes [herald]', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    browserWarn('unknown command "nope"');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith('[herald] unknown command "nope"');
  });

  it('createCall warns through env.warn only, never console directly', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { call, warnings } = setup();
    call('nope', [], T);
    expect(warnings).toHaveLength(1);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('createCall: commands it does not know', () => {
  it.each<unknown>(['nope', 'Boot', 'TRACKEVENT', '', 42, undefined, null, {}, 'constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'an unknown command %j: one warning, undefined, no throw',
    (command) => {
      const { call, warnings, calls } = setup();
      let result: unknown = 'not called';
      expect(() => { result = call(command, ['x'], T); }).not.toThrow();
      expect(result).toBeUndefined();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^unknown command /);
      expect(calls).toEqual([]);
    },
  );

  it('names the unknown command in the warning', () => {
    const { call, warnings } = setup();
    call('nope', [], T);
    expect(warnings).toEqual(['unknown command "nope"']);
  });

  it('each unknown call gets its own single warning', () => {
    const { call, warnings } = setup();
    call('nope', [], T);
    call('nope', [], T);
    expect(warnings).toHaveLength(2);
  });

  it('an Intercom-only command warns once per name, and is ignored', () => {
    const { call, warnings, calls } = setup();
    expect(call('show', [], T)).toBeUndefined();
    expect(call('show', [], T)).toBeUndefined();
    expect(call('show', ['x'], T)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('show');
    expect(warnings[0]).toContain('Intercom');
    call('showMessages', [], T);
    call('showNewMessage', ['hi'], T);
    call('showMessages', [], T);
    expect(warnings).toHaveLength(3);
    expect(warnings[1]).toContain('showMessages');
    expect(warnings[2]).toContain('showNewMessage');
    expect(calls).toEqual([]);
  });

  it.each(['show', 'showMessages', 'showNewMessage', 'showSpace', 'showArticle', 'showNews', 'showTicket', 'showConversation',
    'startConversation', 'startChecklist', 'hideNotifications', 'setAuthTokens', 'whoami'])('%s is an Intercom-only command, not an unknown one', (command) => {
    const { call, warnings } = setup();
    call(command, [], T);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(/^unknown command/);
  });

  // Intercom's loaders make these on every page (react-use-intercom registers the listeners at boot).
  it.each(['reattach_activator', 'onHide', 'onShow', 'onUnreadCountChange', 'onUserEmailSupplied'])(
    '%s is accepted silently, before and after boot',
    (command) => {
      const { call, warnings, calls } = setup();
      expect(call(command, [], T)).toBeUndefined();
      call(command, [() => {}], T);
      call('boot', [SETTINGS], T);
      expect(call(command, [() => {}], T)).toBeUndefined();
      expect(warnings).toEqual([]);
      expect(calls).toEqual([['boot', SETTINGS]]);
    },
  );
});

describe('createCall: bad arguments', () => {
  it.each<[string, unknown[], RegExp]>([
    ['boot', ['x'], /^boot takes a settings object; got "x"$/],
    ['boot', [42], /^boot takes a settings object; got 42$/],
    ['boot', [['app']], /^boot takes a settings object; got an array$/],
    ['boot', [{}], /^boot needs an app_id$/],
    ['boot', [], /^boot needs an app_id$/],
    ['boot', [{ app_id: 7 }], /^boot needs an app_id$/],
    ['boot', [{ app_id: '' }], /^boot needs an app_id$/],
  ])('%s(%j): one warning and not booted', (command, callArgs, warning) => {
    const { call, warnings, runtime, calls } = setup();
    expect(call(command, callArgs, T)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
    expect(runtime.booted).toBe(false);
    expect(calls).toEqual([]);
  });

  it.each<[string, unknown[], RegExp]>([
    ['trackEvent', [42], /^trackEvent needs an event name/],
    ['trackEvent', [], /^trackEvent needs an event name/],
    ['trackEvent', ['e', 'metadata'], /metadata must be a flat object/],
    ['update', ['x'], /^update takes a settings object/],
    ['onDecision', ['x'], /^onDecision takes a function; got "x"$/],
    ['onDecision', [], /^onDecision takes a function/],
  ])('after boot, %s(%j): one warning, ignored', (command, callArgs, warning) => {
    const { call, warnings, calls } = setup();
    call('boot', [SETTINGS], T);
    calls.length = 0;
    expect(() => call(command, callArgs, T)).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
    expect(calls).toEqual([]);
  });

  it.each(['shutdown', 'hide'])('%s with arguments warns once but still runs', (command) => {
    const { call, warnings, calls } = setup();
    call('boot', [SETTINGS], T);
    call(command, ['unexpected'], T);
    expect(warnings).toEqual([`${command} takes no arguments; they were ignored`]);
    expect(calls.at(-1)).toEqual([command]);
  });

  it('update with no attributes merges nothing', () => {
    const { call, warnings, calls } = setup();
    call('boot', [SETTINGS], T);
    call('update', [], T);
    expect(warnings).toEqual([]);
    expect(calls.at(-1)).toEqual(['update', {}]);
  });

  it.each<keyof Runtime>(['boot', 'update', 'track', 'hide', 'onDecision', 'shutdown', 'visitorId'])(
    'a runtime whose %s throws: the call returns undefined with one warning, and never throws',
    (method) => {
      const boom = () => { throw new Error('boom'); };
      const { call, warnings } = setup({ [method]: boom } as Partial<Runtime>);
      const commandFor: Record<string, [string, unknown[]]> = {
        boot: ['boot', [SETTINGS]], update: ['update', [{}]], track: ['trackEvent', ['e']], hide: ['hide', []],
        onDecision: ['onDecision', [() => {}]], shutdown: ['shutdown', []], visitorId: ['getVisitorId', []],
      };
      if (method !== 'boot') call('boot', [SETTINGS], T);
      const [command, callArgs] = commandFor[method]!;
      let result: unknown = 'not called';
      expect(() => { result = call(command, callArgs, T); }).not.toThrow();
      expect(result).toBeUndefined();
      expect(warnings).toEqual([`${command} failed: Error: boom`]);
    },
  );
});

describe('createCall: before boot', () => {
  it('holds update, trackEvent and hide until boot, then replays them in order with their own times', () => {
    const { call, calls } = setup();
    call('update', [{ plan: 'pro' }], T + 1);
    call('trackEvent', ['first', { n: 1 }], T + 2);
    call('hide', [], T + 3);
    call('trackEvent', ['second'], T + 4);
    expect(calls).toEqual([]);
    call('boot', [SETTINGS], T + 100);
    expect(calls).toEqual([
      ['boot', SETTINGS],
      ['update', { plan: 'pro' }],
      ['track', { name: 'first', metadata: { n: 1 }, at: T + 2 }],
      ['hide'],
      ['track', { name: 'second', metadata: {}, at: T + 4 }],
    ]);
  });

  it('replays the held calls once only', () => {
    const { call, calls } = setup();
    call('trackEvent', ['e'], T);
    call('boot', [SETTINGS], T + 1);
    call('boot', [SETTINGS], T + 2);
    expect(calls.filter((c) => c[0] === 'track')).toHaveLength(1);
  });

  it('a boot that fails keeps them held for a boot that works', () => {
    const { call, calls, warnings } = setup();
    call('trackEvent', ['e'], T + 1);
    call('boot', [{}], T + 2);
    expect(calls).toEqual([]);
    expect(warnings).toHaveLength(1);
    call('boot', [SETTINGS], T + 3);
    expect(calls).toEqual([['boot', SETTINGS], ['track', { name: 'e', metadata: {}, at: T + 1 }]]);
  });

  it('checks the arguments of a held call when it is replayed', () => {
    const { call, calls, warnings } = setup();
    call('trackEvent', [42], T);
    expect(warnings).toEqual([]);
    call('boot', [SETTINGS], T + 1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^trackEvent needs an event name/);
    expect(calls).toEqual([['boot', SETTINGS]]);
  });

  it('onDecision and getVisitorId are not held', () => {
    const { call, calls } = setup();
    const fn = () => {};
    expect(call('onDecision', [fn], T)).toBeUndefined();
    expect(calls).toEqual([['onDecision', fn]]);
    expect(call('getVisitorId', [], T)).toBeUndefined();
    call('boot', [SETTINGS], T);
    expect(call('getVisitorId', [], T)).toBe('visitor-1');
  });

  it('shutdown before boot forgets the held calls', () => {
    const { call, calls } = setup();
    call('trackEvent', ['e'], T);
    call('shutdown', [], T);
    call('boot', [SETTINGS], T);
    expect(calls).toEqual([['boot', SETTINGS]]);
  });

  it('holds at most 500 calls, and warns once about the rest', () => {
    const { call, calls, warnings } = setup();
    for (let i = 0; i < 510; i++) call('trackEvent', [`e${i}`], T + i);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('500');
    call('boot', [SETTINGS], T + 1000);
    const tracked = calls.filter((c) => c[0] === 'track').map((c) => (c[1] as TrackedEvent).name);
    expect(tracked).toHaveLength(500);
    expect(tracked[0]).toBe('e0');
    expect(tracked.at(-1)).toBe('e499');
  });
});

describe('replayQueue', () => {
  const recorder = () => {
    const made: [unknown, unknown[], number][] = [];
    const call: Call = (command, callArgs, at) => void made.push([command, callArgs, at]);
    return { made, call };
  };

  it('replays [time, arguments] entries (Herald\'s snippet) with their own times, in order', () => {
    const { made, call } = recorder();
    const warnings: string[] = [];
    replayQueue([[T + 1, args('boot', SETTINGS)], [T + 2, args('trackEvent', 'a', { n: 1 })], [T + 3, args('hide')]], call, T + 50, (w) => void warnings.push(w));
    expect(made).toEqual([
      ['boot', [SETTINGS], T + 1],
      ['trackEvent', ['a', { n: 1 }], T + 2],
      ['hide', [], T + 3],
    ]);
    expect(warnings).toEqual([]);
  });

  it('replays plain arguments objects (Intercom\'s loaders) as made at now', () => {
    const { made, call } = recorder();
    replayQueue([args('boot', SETTINGS), args('trackEvent', 'a')], call, T + 50, () => {});
    expect(made).toEqual([
      ['boot', [SETTINGS], T + 50],
      ['trackEvent', ['a'], T + 50],
    ]);
  });

  it('replays a mix, and plain arrays, in order', () => {
    const { made, call } = recorder();
    replayQueue([args('boot', SETTINGS), [T + 1, args('trackEvent', 'timed')], ['trackEvent', 'array'], [T + 2, ['update', { a: 1 }]]], call, T + 50, () => {});
    expect(made).toEqual([
      ['boot', [SETTINGS], T + 50],
      ['trackEvent', ['timed'], T + 1],
      ['trackEvent', ['array'], T + 50],
      ['update', [{ a: 1 }], T + 2],
    ]);
  });

  it.each<unknown>([undefined, null, 'q', {}, 5])('ignores a queue that is not a list: %j', (queue) => {
    const { made, call } = recorder();
    expect(() => replayQueue(queue, call, T, () => {})).not.toThrow();
    expect(made).toEqual([]);
  });

  it('skips an entry it cannot read, with a warning, and goes on', () => {
    const { made, call } = recorder();
    const warnings: string[] = [];
    replayQueue([null, [T + 1, null], args('hide')], call, T + 50, (w) => void warnings.push(w));
    expect(made).toEqual([['hide', [], T + 50]]);
    expect(warnings).toEqual(['a queued call could not be read; it was skipped', 'a queued call could not be read; it was skipped']);
  });
});

describe('createIntercom over the real runtime', () => {
  const ruleset = {
    version: 1,
    messages: [{ id: 'hello', type: 'banner', when: { event: 'signed-up' }, content: { body: 'Hi' } }],
  };

  function real() {
    const fake = createFakeEnv({ now: T, fetch: async () => jsonResponse(ruleset) });
    const widgets = createFakeWidgets();
    const { intercom } = createIntercom(fake.env, widgets.loadWidget, checkNow, extrasNow);
    return { fake, widgets, intercom };
  }

  it('is marked as Herald', () => {
    expect(real().intercom.herald).toBe('test');
  });

  it('never throws into the page, whatever it is given', async () => {
    const { intercom, fake } = real();
    const calls: [string, ...unknown[]][] = [
      ['boot', 'x'], ['nope'], ['show'], ['trackEvent', 42], ['trackEvent', 'e', [1]], ['update', 5], ['onDecision', 'f'],
      ['boot', SETTINGS], ['trackEvent', 42], ['trackEvent', { toString: () => { throw new Error('x'); } }], ['hide', 1], ['getVisitorId'],
    ];
    for (const [command, ...rest] of calls) expect(() => intercom(command, ...rest)).not.toThrow();
    await flush();
    // One warning per bad call: 3 at once, 3 held calls checked at boot, 4 after boot.
    expect(fake.warnings).toHaveLength(10);
  });

  it('a throwing onDecision listener is reported, and the others still hear every decision', async () => {
    const { intercom, fake, widgets } = real();
    const heard: Decision[] = [];
    intercom('onDecision', () => { throw new Error('listener broke'); });
    intercom('onDecision', (d: Decision) => void heard.push(d));
    intercom('boot', SETTINGS);
    expect(() => intercom('trackEvent', 'signed-up')).not.toThrow();
    await flush();
    expect(heard.map((d) => [d.message_id, d.outcome])).toEqual([['hello', 'shown']]);
    expect(widgets.shownIds()).toEqual(['hello']);
    expect(fake.warnings).toEqual(['an onDecision listener threw: Error: listener broke']);
  });

  it('times each call with env.now() when it is made', async () => {
    const { intercom, fake } = real();
    const heard: Decision[] = [];
    intercom('onDecision', (d: Decision) => void heard.push(d));
    // Tracked before boot at T; the message goes live in between; booted an hour later.
    const late = { version: 1, messages: [{ ...ruleset.messages[0], live_at: new Date(T + 1000).toISOString() }] };
    fake.respond(async () => jsonResponse(late));
    intercom('trackEvent', 'signed-up');
    fake.setNow(T + 36e5);
    intercom('boot', SETTINGS);
    await flush();
    expect(heard.map((d) => d.reason)).toEqual(['not_live']);
  });

  it('getVisitorId returns the visitor id after boot', () => {
    const { intercom } = real();
    expect(intercom('getVisitorId')).toBeUndefined();
    intercom('boot', SETTINGS);
    expect(intercom('getVisitorId')).toBe('visitor-1');
  });
});
