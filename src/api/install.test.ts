import { describe, expect, it } from 'vitest';
import type { Decision } from '../engine/types';
import { createFakeEnv, createFakeWidgets, flush, jsonResponse } from '../testing/fakes';
import { checkNow, extrasNow } from '../testing/fakes';
import { install } from './install';
import type { IntercomFunction } from './intercom';

const T = Date.parse('2026-11-01T09:00:00Z');
const LIVE_AT = new Date(T + 60_000).toISOString();
const SETTINGS = { app_id: 'app', ruleset_url: 'https://rules.test/ruleset.json' };
const RULESET = {
  version: 1,
  messages: [
    { id: 'welcome', type: 'banner', live_at: LIVE_AT, when: { event: 'signed-up' }, frequency: { every: '0s' }, content: { body: 'Hi' } },
  ],
};

type HostWindow = Window & { Intercom?: unknown; intercomSettings?: unknown };

function args(..._values: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

function setup(win: { Intercom?: unknown; intercomSettings?: unknown }) {
  const fake = createFakeEnv({ now: T + 36e5, fetch: async () => jsonResponse(RULESET) });
  const widgets = createFakeWidgets();
  const host = win as HostWindow;
  install(host, () => fake.env, widgets.loadWidget, checkNow, extrasNow);
  return { fake, widgets, host, intercom: () => host.Intercom as IntercomFunction };
}

describe('install', () => {
  it('puts Herald in place of the loader as window.Intercom', () => {
    const loader = Object.assign(() => {}, { q: [] as unknown[] });
    const { host, intercom } = setup({ Intercom: loader });
    expect(host.Intercom).not.toBe(loader);
    expect(typeof host.Intercom).toBe('function');
    expect(intercom().herald).toBe('test');
  });

  it('works without any loader', () => {
    const { intercom } = setup({});
    expect(intercom().herald).toBe('test');
    expect(intercom()('getVisitorId')).toBeUndefined();
  });

  it('boots from intercomSettings when it has an app_id', async () => {
    const { intercom, fake } = setup({ intercomSettings: SETTINGS });
    expect(intercom()('getVisitorId')).toBe('visitor-1');
    await flush();
    expect(fake.fetches.map((f) => f.url)).toEqual([SETTINGS.ruleset_url]);
  });

  it('does not boot from intercomSettings without an app_id', async () => {
    const { intercom, fake } = setup({ intercomSettings: { ruleset_url: SETTINGS.ruleset_url } });
    expect(intercom()('getVisitorId')).toBeUndefined();
    await flush();
    expect(fake.fetches).toEqual([]);
    expect(fake.warnings).toEqual([]);
  });

  it('replays Herald\'s timed queue with each call\'s own time, in order', async () => {
    const heard: Decision[] = [];
    const loader = Object.assign(() => {}, {
      q: [
        [T, args('onDecision', (d: Decision) => void heard.push(d))],
        // Before live_at: judged as of T + 1s, it does not trigger, although the SDK starts an hour later.
        [T + 1_000, args('trackEvent', 'signed-up', { n: 1 })],
        [T + 120_000, args('trackEvent', 'signed-up', { n: 2 })],
      ],
    });
    const { widgets } = setup({ Intercom: loader, intercomSettings: SETTINGS });
    await flush();
    expect(heard.map((d) => d.reason)).toEqual(['not_live', 'ok']);
    expect(widgets.shown.map((s) => s.view.event)).toEqual([{ n: 2 }]);
  });

  it('replays Intercom\'s plain arguments queue as made when the SDK starts', async () => {
    const heard: Decision[] = [];
    const loader = Object.assign(() => {}, {
      q: [args('onDecision', (d: Decision) => void heard.push(d)), args('boot', SETTINGS), args('trackEvent', 'signed-up')],
    });
    const { widgets } = setup({ Intercom: loader });
    await flush();
    // Counted as made at now (an hour after T, after live_at): it shows.
    expect(heard.map((d) => d.reason)).toEqual(['ok']);
    expect(widgets.shownIds()).toEqual(['welcome']);
  });

  it('loaded twice, the second copy leaves the first in charge', () => {
    const { host, intercom } = setup({ intercomSettings: SETTINGS });
    const first = intercom();
    const widgets = createFakeWidgets();
    let envs = 0;
    install(host, () => { envs += 1; return createFakeEnv().env; }, widgets.loadWidget, checkNow, extrasNow);
    expect(host.Intercom).toBe(first);
    expect(envs).toBe(0);
  });

  it('a bad queue entry is skipped with a warning; the rest still runs', async () => {
    const loader = Object.assign(() => {}, { q: [null, args('boot', SETTINGS)] });
    const { intercom, fake } = setup({ Intercom: loader });
    expect(intercom()('getVisitorId')).toBe('visitor-1');
    expect(fake.warnings).toEqual(['a queued call could not be read; it was skipped']);
  });
});
