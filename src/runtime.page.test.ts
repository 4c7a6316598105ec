import { describe, expect, it } from 'vitest';
import type { Decision, TrackedEvent } from './engine/types';
import type { Message } from './ruleset/types';
import { createRuntime } from './runtime';
import { memoryStore } from './storage/store';
import { createFakeEnv, createFakeWidgets, flush, jsonResponse } from './testing/fakes';
import { checkNow, extrasNow } from './testing/fakes';

// A Sunday. In November Dublin is on UTC: 09:00 there too.
const T0 = Date.parse('2026-11-01T09:00:00Z');
const SECOND = 1000;
const HOUR = 36e5;
const DAY = 864e5;
const RULESET_URL = 'https://rules.test/ruleset.json';
const SETTINGS = { app_id: 'app', ruleset_url: RULESET_URL };
const PAGE1 = 'https://site.test/files/1';

const banner = (id: string, extra: Partial<Message> = {}): Message => ({
  id,
  type: 'banner',
  when: { event: 'uploaded-file' },
  content: { body: `<p>${id}</p>` },
  ...extra,
});
/** A message without `when`: evaluated on every page. */
const pageMessage = (id: string, extra: Partial<Message> = {}): Message => {
  const { when: _when, ...rest } = banner(id, extra);
  return rest;
};
const rulesetOf = (...messages: Message[]) => ({ version: 1, messages });
const event = (name: string, at: number, metadata: TrackedEvent['metadata'] = {}): TrackedEvent => ({ name, metadata, at });
const waitTen: Message['where'] = [{ attr: 'time_on_page', op: 'gte', value: 10 }];

function setup(ruleset: unknown, options: { store?: ReturnType<typeof memoryStore> } = {}) {
  const fake = createFakeEnv({ now: T0, page: { url: PAGE1, referrer: 'https://search.test/' }, fetch: async () => jsonResponse(ruleset), store: options.store });
  const widgets = createFakeWidgets();
  const runtime = createRuntime(fake.env, widgets.loadWidget, checkNow, extrasNow);
  const decisions: Decision[] = [];
  runtime.onDecision((d) => void decisions.push(d));
  const summary = () => decisions.map((d) => `${d.message_id} ${d.outcome} ${d.reason}`);
  /** Moves the clock on (running due timers), then lets the async work settle. */
  const advance = async (ms: number) => {
    fake.advance(ms);
    await flush();
  };
  const track = async (name: string, metadata: TrackedEvent['metadata'] = {}) => {
    runtime.track(event(name, fake.env.now(), metadata));
    await flush();
  };
  return { fake, widgets, runtime, decisions, summary, advance, track };
}

describe('runtime: waiting on time on the page', () => {
  it('a page message whose only failing rule is time_on_page is pending (where), then shows when the time is reached', async () => {
    const { runtime, decisions, summary, widgets, fake, advance } = setup(rulesetOf(pageMessage('welcome', { where: waitTen })));
    runtime.boot(SETTINGS);
    await flush();
    expect(decisions).toEqual([
      { at: T0, message_id: 'welcome', event: null, outcome: 'pending', reason: 'where', detail: expect.stringContaining('10 seconds') },
    ]);
    expect(widgets.loads).toEqual([]);
    expect(fake.timers()).toBe(1);

    await advance(10 * SECOND - 1);
    expect(widgets.shownIds()).toEqual([]);
    await advance(1);
    expect(widgets.shownIds()).toEqual(['welcome']);
    expect(summary()).toEqual(['welcome pending where', 'welcome shown ok']);
    expect(decisions[1]).toMatchObject({ at: T0 + 10 * SECOND, event: null });
    expect(fake.timers()).toBe(0);
  });

  it('an event-triggered message waits too, and shows with the event\'s metadata', async () => {
    const { runtime, decisions, summary, widgets, advance, track, fake } = setup(rulesetOf(banner('upload', { where: waitTen })));
    runtime.boot(SETTINGS);
    await flush();
    fake.setNow(T0 + 3 * SECOND);
    await track('uploaded-file', { file_name: 'a.png' });
    expect(summary()).toEqual(['upload pending where']);
    expect(decisions[0]).toMatchObject({ event: 'uploaded-file', detail: expect.stringContaining('time_on_page is 3') });

    await advance(7 * SECOND);
    expect(widgets.shownIds()).toEqual(['upload']);
    expect(widgets.shown[0]!.view.event).toEqual({ file_name: 'a.png' });
    expect(decisions[1]).toMatchObject({ outcome: 'shown', reason: 'ok', event: 'uploaded-file' });
  });

  it('a second trigger while waiting replaces the wait: one timer, one showing', async () => {
    const { runtime, widgets, advance, track, fake } = setup(rulesetOf(banner('upload', { where: waitTen })));
    runtime.boot(SETTINGS);
    await flush();
    await track('uploaded-file', { n: 1 });
    fake.setNow(T0 + 2 * SECOND);
    await track('uploaded-file', { n: 2 });
    expect(fake.timers()).toBe(1);
    await advance(60 * SECOND);
    expect(widgets.shownIds()).toEqual(['upload']);
    expect(widgets.shown[0]!.view.event).toEqual({ n: 2 });
  });

  it('shutdown ends the wait: nothing shows, nothing more is decided', async () => {
    const { runtime, decisions, widgets, advance, fake } = setup(rulesetOf(pageMessage('welcome', { where: waitTen })));
    runtime.boot(SETTINGS);
    await flush();
    runtime.shutdown();
    expect(fake.timers()).toBe(0);
    await advance(60 * SECOND);
    expect(widgets.loads).toEqual([]);
    expect(decisions).toHaveLength(1);
  });

  it('a page change before the time is reached ends the wait with a suppressed (where) decision; it never shows', async () => {
    const { runtime, decisions, summary, widgets, advance, track, fake } = setup(rulesetOf(banner('upload', { where: waitTen })));
    runtime.boot(SETTINGS);
    await flush();
    await track('uploaded-file');
    await advance(5 * SECOND);
    fake.navigate('https://site.test/files/2');
    await flush();
    expect(summary()).toEqual(['upload pending where', 'upload suppressed where']);
    expect(decisions[1]).toMatchObject({ at: T0 + 5 * SECOND, event: 'uploaded-file' });
    expect(decisions[1]!.detail).toMatch(/page changed/);
    expect(fake.timers()).toBe(0);

    await advance(60 * SECOND);
    expect(widgets.loads).toEqual([]);
    expect(decisions).toHaveLength(2);
  });

  it('a page change just after the time was reached (the show under way) does not start a new wait on the new page', async () => {
    // The timer fires at 10 s and the message's evaluation begins; the page changes before
    // it resumes. The new page must not inherit the event's wait: SPEC 4, "shows when the
    // time is reached, unless the page changes first".
    const { runtime, summary, advance, track, fake } = setup(rulesetOf(banner('upload', { where: waitTen })));
    runtime.boot(SETTINGS);
    await flush();
    await track('uploaded-file');
    fake.advance(10 * SECOND); // the timer runs; its evaluation awaits the store
    fake.navigate('https://site.test/other');
    await flush();
    expect(summary().filter((s) => s === 'upload pending where')).toHaveLength(1);
    expect(fake.timers()).toBe(0);
    await advance(60 * SECOND);
  });
});

describe('runtime: single-page-app navigation', () => {
  it('re-evaluates page messages on the new page, with the new current_url and the previous URL as referrer', async () => {
    const docs = pageMessage('docs-help', {
      where: [
        { attr: 'current_url', op: 'contains', value: '/docs' },
        { attr: 'referrer', op: 'is', value: PAGE1 },
      ],
    });
    const { runtime, summary, widgets, fake, decisions } = setup(rulesetOf(docs));
    runtime.boot(SETTINGS);
    await flush();
    expect(summary()).toEqual(['docs-help suppressed where']);
    expect(decisions[0]!.detail).toContain(PAGE1);

    fake.setNow(T0 + 30 * SECOND);
    fake.navigate('https://site.test/docs/intro');
    await flush();
    expect(summary()).toEqual(['docs-help suppressed where', 'docs-help shown ok']);
    expect(widgets.shownIds()).toEqual(['docs-help']);
    expect(decisions[1]).toMatchObject({ at: T0 + 30 * SECOND, event: null });
  });

  it('the referrer follows each navigation', async () => {
    const fromDocs = pageMessage('from-docs', {
      where: [{ attr: 'referrer', op: 'is', value: 'https://site.test/docs' }],
      frequency: { every: '0s' },
    });
    const { runtime, summary, fake } = setup(rulesetOf(fromDocs));
    runtime.boot(SETTINGS);
    await flush();
    fake.navigate('https://site.test/docs');
    await flush();
    fake.navigate('https://site.test/pricing');
    await flush();
    expect(summary()).toEqual(['from-docs suppressed where', 'from-docs suppressed where', 'from-docs shown ok']);
  });

  it('each page evaluates every page message once more', async () => {
    const pro = pageMessage('pro-only', { audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }] });
    const { runtime, summary, fake } = setup(rulesetOf(pro));
    runtime.boot(SETTINGS);
    await flush();
    fake.navigate('https://site.test/a');
    await flush();
    fake.navigate('https://site.test/b');
    await flush();
    expect(summary()).toEqual(['pro-only suppressed audience', 'pro-only suppressed audience', 'pro-only suppressed audience']);
  });

  it('event messages are not evaluated by a navigation', async () => {
    const { runtime, decisions, fake } = setup(rulesetOf(banner('upload')));
    runtime.boot(SETTINGS);
    await flush();
    fake.navigate('https://site.test/files/2');
    await flush();
    expect(decisions).toEqual([]);
  });

  it('navigation restarts time on the page', async () => {
    const { runtime, summary, widgets, advance, fake } = setup(rulesetOf(pageMessage('welcome', { where: waitTen })));
    runtime.boot(SETTINGS);
    await flush();
    await advance(5 * SECOND);
    fake.navigate('https://site.test/files/2');
    await flush();
    // The first page's wait ends; the new page waits its own 10 seconds.
    expect(summary()).toEqual(['welcome pending where', 'welcome suppressed where', 'welcome pending where']);
    expect(fake.timers()).toBe(1);

    await advance(9 * SECOND); // 14 s since boot, 9 s on this page
    expect(widgets.shownIds()).toEqual([]);
    await advance(1 * SECOND);
    expect(widgets.shownIds()).toEqual(['welcome']);
    expect(summary().at(-1)).toBe('welcome shown ok');
  });

  it('a waiting page message that does not match the new page never shows', async () => {
    const files = pageMessage('files-tip', { where: [{ attr: 'current_url', op: 'contains', value: '/files' }, { attr: 'time_on_page', op: 'gte', value: 10 }] });
    const { runtime, summary, widgets, advance, fake, decisions } = setup(rulesetOf(files));
    runtime.boot(SETTINGS);
    await flush();
    await advance(5 * SECOND);
    fake.navigate('https://site.test/docs');
    await flush();
    expect(summary()).toEqual(['files-tip pending where', 'files-tip suppressed where', 'files-tip suppressed where']);
    expect(decisions[1]!.detail).toMatch(/page changed/);
    expect(decisions[2]!.detail).toContain('https://site.test/docs');
    await advance(60 * SECOND);
    expect(widgets.loads).toEqual([]);
  });

  it('a navigation before boot does nothing', async () => {
    const { runtime, decisions, fake } = setup(rulesetOf(pageMessage('welcome')));
    fake.navigate('https://site.test/early');
    await flush();
    expect(decisions).toEqual([]);
    runtime.boot(SETTINGS);
    await flush();
    expect(decisions).toHaveLength(1);
  });
});

describe('runtime: goals', () => {
  const withGoal = banner('upload', { goal: { event: 'shared-file', within: '7d' }, frequency: { every: '0s' } });

  async function shown(extra: Message[] = [], store?: ReturnType<typeof memoryStore>) {
    const s = setup(rulesetOf(withGoal, ...extra), { store });
    s.runtime.boot(SETTINGS);
    await flush();
    await s.track('uploaded-file');
    expect(s.widgets.shownIds()).toEqual(['upload']);
    return s;
  }

  it('the goal event within `within` after the showing gives one goal decision (reason ok)', async () => {
    const { fake, track, decisions } = await shown();
    fake.setNow(T0 + 2 * HOUR);
    await track('shared-file');
    expect(decisions.slice(1)).toEqual([
      { at: T0 + 2 * HOUR, message_id: 'upload', event: 'shared-file', outcome: 'goal', reason: 'ok', detail: 'shared-file came 2 hours after the message was shown' },
    ]);
  });

  it('a second goal event for the same showing gives none', async () => {
    const { fake, track, summary } = await shown();
    fake.setNow(T0 + HOUR);
    await track('shared-file');
    fake.setNow(T0 + 2 * HOUR);
    await track('shared-file');
    expect(summary()).toEqual(['upload shown ok', 'upload goal ok']);
  });

  it('exactly `within` after the showing is reached; later is not', async () => {
    const late = await shown();
    late.fake.setNow(T0 + 7 * DAY + 1);
    await late.track('shared-file');
    expect(late.summary()).toEqual(['upload shown ok']);

    const onTime = await shown();
    onTime.fake.setNow(T0 + 7 * DAY);
    await onTime.track('shared-file');
    expect(onTime.summary()).toEqual(['upload shown ok', 'upload goal ok']);
  });

  it('a message never shown reaches no goal', async () => {
    const { runtime, summary, track } = setup(rulesetOf({ ...withGoal, state: 'stopped' }));
    runtime.boot(SETTINGS);
    await flush();
    await track('uploaded-file');
    await track('shared-file');
    expect(summary()).toEqual(['upload suppressed stopped']);
  });

  it('a new showing can reach its goal again', async () => {
    const { fake, track, summary, widgets } = await shown();
    fake.setNow(T0 + HOUR);
    await track('shared-file');
    widgets.shown[0]!.handlers.dismissed();
    fake.setNow(T0 + 2 * HOUR);
    await track('uploaded-file');
    fake.setNow(T0 + 3 * HOUR);
    await track('shared-file');
    expect(summary()).toEqual(['upload shown ok', 'upload goal ok', 'upload shown ok', 'upload goal ok']);
  });

  it('two tabs tracking the goal event at once count it once', async () => {
    const store = memoryStore();
    const tab1 = await shown([], store);
    const tab2 = setup(rulesetOf(withGoal), { store });
    // The same person in both tabs: the visitor id is shared through local storage.
    tab2.fake.local.set('herald/app/visitor', tab1.runtime.visitorId()!);
    tab2.runtime.boot(SETTINGS);
    await flush();
    tab1.fake.setNow(T0 + HOUR);
    tab2.fake.setNow(T0 + HOUR);
    tab1.runtime.track(event('shared-file', T0 + HOUR));
    tab2.runtime.track(event('shared-file', T0 + HOUR));
    await flush();
    const goals = [...tab1.decisions, ...tab2.decisions].filter((d) => d.outcome === 'goal');
    expect(goals).toHaveLength(1);
  });
});

describe('runtime: debug log', () => {
  it('the decisions for one tracked event are logged in one entry', async () => {
    const { runtime, fake, decisions, track } = setup(rulesetOf(banner('b1'), { ...banner('p1'), type: 'post' }));
    runtime.boot({ ...SETTINGS, debug: true });
    await flush();
    await track('uploaded-file');
    expect(fake.logs).toHaveLength(1);
    expect(fake.logs[0]!.text).toBe('uploaded-file: 2 decisions');
    expect(fake.logs[0]!.data).toHaveLength(2);
    expect(fake.logs[0]!.data).toEqual(expect.arrayContaining(decisions));
  });

  it('a goal reached and a message triggered by the same event share the entry', async () => {
    const share = banner('thanks', { when: { event: 'shared-file' }, type: 'post' });
    const { runtime, fake, track } = setup(rulesetOf(banner('upload', { goal: { event: 'shared-file', within: '7d' } }), share));
    runtime.boot({ ...SETTINGS, debug: true });
    await flush();
    await track('uploaded-file');
    fake.setNow(T0 + HOUR);
    await track('shared-file');
    expect(fake.logs.map((l) => l.text)).toEqual(['uploaded-file: 1 decision', 'shared-file: 2 decisions']);
    expect(fake.logs[1]!.data.map((d) => `${d.message_id} ${d.outcome}`).sort()).toEqual(['thanks shown', 'upload goal']);
  });

  it('an event whose messages all wait is still one entry', async () => {
    const { runtime, fake, track } = setup(rulesetOf(banner('b1', { where: waitTen }), { ...banner('p1'), type: 'post' }));
    runtime.boot({ ...SETTINGS, debug: true });
    await flush();
    await track('uploaded-file');
    expect(fake.logs.map((l) => l.text)).toEqual(['uploaded-file: 2 decisions']);
    expect(fake.logs[0]!.data.map((d) => d.outcome).sort()).toEqual(['pending', 'shown']);
  });

  it('without debug nothing is logged', async () => {
    const { runtime, fake, track } = setup(rulesetOf(banner('b1'), { ...banner('p1'), type: 'post' }));
    runtime.boot(SETTINGS);
    await flush();
    await track('uploaded-file');
    expect(fake.logs).toEqual([]);
  });
});

describe('runtime: schedule', () => {
  it('outside the schedule: suppressed with reason schedule, nothing loads', async () => {
    const weekdays = banner('office', { schedule: { timezone: 'Europe/Dublin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:30' } });
    const { runtime, summary, decisions, widgets, track } = setup(rulesetOf(weekdays));
    runtime.boot(SETTINGS);
    await flush();
    await track('uploaded-file');
    expect(summary()).toEqual(['office suppressed schedule']);
    expect(decisions[0]!.detail).toContain('Europe/Dublin');
    expect(decisions[0]!.detail).toContain('sun');
    expect(widgets.loads).toEqual([]);
  });

  it('inside the schedule: shown', async () => {
    const sunday = banner('sunday', { schedule: { timezone: 'Europe/Dublin', days: ['sun'], from: '09:00', to: '17:30' } });
    const { runtime, summary, track } = setup(rulesetOf(sunday));
    runtime.boot(SETTINGS);
    await flush();
    await track('uploaded-file');
    expect(summary()).toEqual(['sunday shown ok']);
  });

  it('the schedule is judged when the message would show: a message that waits on time on the page shows only inside it', async () => {
    // 09:00:00 to 09:00:05 only; the message waits 10 s on the page, so it misses the window.
    const brief = pageMessage('brief', { where: waitTen, schedule: { start_at: '2026-11-01T09:00:00Z', end_at: '2026-11-01T09:00:05Z' } });
    const { runtime, summary, advance } = setup(rulesetOf(brief));
    runtime.boot(SETTINGS);
    await flush();
    await advance(10 * SECOND);
    expect(summary()).toEqual(['brief pending where', 'brief suppressed schedule']);
  });
});
