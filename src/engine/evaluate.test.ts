import { describe, expect, it } from 'vitest';
import type { Message } from '../ruleset/types';
import { evaluateMessage, pageResolver, userResolver } from './evaluate';
import type { EvaluationInput, TrackedEvent } from './types';

const LIVE_AT = '2026-11-01T00:00:00Z';
const LIVE = Date.parse(LIVE_AT);
const NOW = LIVE + 36e5;
const MINUTE = 6e4;

/** A message that holds for `input()` with every rule kind in use. */
const message = (overrides: Partial<Message> = {}): Message => ({
  id: 'upload-finished',
  type: 'banner',
  state: 'live',
  live_at: LIVE_AT,
  when: { event: 'uploaded-file', metadata: [{ key: 'duration_s', op: 'gt', value: 120 }] },
  where: [{ attr: 'current_url', op: 'contains', value: '/files' }],
  audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }],
  frequency: { every: '1h', max: 3 },
  content: { body: '<p>done</p>' },
  ...overrides,
});

const event = (overrides: Partial<TrackedEvent> = {}): TrackedEvent => ({
  name: 'uploaded-file',
  metadata: { duration_s: 150 },
  at: NOW - MINUTE,
  ...overrides,
});

const input = (overrides: Partial<EvaluationInput> = {}): EvaluationInput => ({
  event: event(),
  page: { url: 'https://site.test/files/1', referrer: 'https://search.test/q', startedAt: NOW - 10 * MINUTE },
  user: { plan: 'pro', type: 'user' },
  history: undefined,
  now: NOW,
  ...overrides,
});

const shown = { outcome: 'shown', reason: 'ok', detail: 'every rule held' };

describe('evaluateMessage', () => {
  it('shows a message whose every rule holds', () => {
    expect(evaluateMessage(message(), input())).toEqual(shown);
  });

  it('reports the first failing check, in the order stopped, not_live, metadata, where, audience, max_sends, frequency', () => {
    // Everything fails; fix one check at a time and the reason moves down the list.
    let m = message({ state: 'stopped' });
    let i = input({
      event: event({ at: LIVE - 1, metadata: { duration_s: 10 } }),
      page: { url: 'https://site.test/docs', referrer: '', startedAt: NOW },
      user: { plan: 'free', type: 'visitor' },
      history: { count: 3, last: NOW - MINUTE },
    });
    const reasons: string[] = [];
    const step = (fix: () => void) => {
      const verdict = evaluateMessage(m, i);
      reasons.push(verdict.reason);
      expect(verdict.outcome).toBe(verdict.reason === 'ok' ? 'shown' : 'suppressed');
      fix();
    };
    step(() => { m = message(); });
    step(() => { i = { ...i, event: event({ at: NOW - MINUTE, metadata: { duration_s: 10 } }) }; });
    step(() => { i = { ...i, event: event() }; });
    step(() => { i = { ...i, page: input().page }; });
    step(() => { i = { ...i, user: { plan: 'pro', type: 'visitor' } }; });
    step(() => { i = { ...i, history: { count: 2, last: NOW - MINUTE } }; });
    step(() => { i = { ...i, history: { count: 2, last: NOW - 2 * 36e5 } }; });
    step(() => {});
    expect(reasons).toEqual(['stopped', 'not_live', 'metadata', 'where', 'audience', 'max_sends', 'frequency', 'ok']);
  });

  it('a stopped message is stopped whatever else holds', () => {
    expect(evaluateMessage(message({ state: 'stopped' }), input())).toEqual({
      outcome: 'suppressed', reason: 'stopped', detail: 'the message is stopped',
    });
  });

  it('a message without state is live', () => {
    const { state: _state, ...rest } = message();
    expect(evaluateMessage(rest as Message, input())).toEqual(shown);
  });

  describe('live_at', () => {
    it.each<[string, number, string]>([
      ['1 ms before live_at', LIVE - 1, 'not_live'],
      ['a day before live_at', LIVE - 864e5, 'not_live'],
      ['exactly at live_at', LIVE, 'ok'],
      ['after live_at', LIVE + 1, 'ok'],
    ])('an event tracked %s: %s', (_name, at, reason) => {
      const verdict = evaluateMessage(message(), input({ event: event({ at }), page: { ...input().page, startedAt: at - 10 * MINUTE } }));
      expect(verdict.reason).toBe(reason);
    });

    it('judges live_at by the event time, not by now (a held event keeps its time)', () => {
      const verdict = evaluateMessage(message(), input({ event: event({ at: LIVE - MINUTE }), now: LIVE + 864e5 }));
      expect(verdict.reason).toBe('not_live');
      expect(verdict.detail).toContain(LIVE_AT);
    });

    it('an event after live_at is live even when now is earlier', () => {
      expect(evaluateMessage(message(), input({ event: event({ at: LIVE + MINUTE }), now: LIVE - MINUTE })).reason).toBe('ok');
    });

    it('a page message (no event) is judged at now', () => {
      const page = message({ when: undefined });
      expect(evaluateMessage(page, input({ event: undefined, now: LIVE - 1 })).reason).toBe('not_live');
      expect(evaluateMessage(page, input({ event: undefined, now: LIVE })).reason).toBe('ok');
    });
  });

  describe('metadata', () => {
    it.each<[string, Record<string, string | number | boolean | null>, string, string | undefined]>([
      ['a value that holds', { duration_s: 121 }, 'ok', undefined],
      ['a value that does not hold', { duration_s: 120 }, 'metadata', 'duration_s is 120, needs more than 120'],
      ['a missing key', { other: 500 }, 'metadata', 'duration_s is missing, needs more than 120'],
      ['a string that looks like a number', { duration_s: '150' }, 'metadata', 'duration_s is "150", needs more than 120 (a string, not a number)'],
      ['null', { duration_s: null }, 'metadata', 'duration_s is null, needs more than 120'],
    ])('reads the event metadata: %s', (_name, metadata, reason, detail) => {
      const verdict = evaluateMessage(message(), input({ event: event({ metadata }) }));
      expect(verdict.reason).toBe(reason);
      if (detail) expect(verdict.detail).toBe(detail);
    });

    it('nested any/all apply to metadata', () => {
      const m = message({ when: { event: 'uploaded-file', metadata: { any: [{ key: 'kind', op: 'is', value: 'video' }, { key: 'duration_s', op: 'gte', value: 150 }] } } });
      expect(evaluateMessage(m, input()).reason).toBe('ok');
      expect(evaluateMessage(m, input({ event: event({ metadata: { duration_s: 149 } }) })).reason).toBe('metadata');
      expect(evaluateMessage(m, input({ event: event({ metadata: { kind: 'VIDEO' } }) })).reason).toBe('ok');
    });

    it('a metadata key is only an own key of the event metadata, never an inherited name', () => {
      const m = (key: string) => message({ when: { event: 'uploaded-file', metadata: [{ key, op: 'exists' }] } });
      for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        expect(evaluateMessage(m(key), input({ event: event({ metadata: {} }) })).reason, key).toBe('metadata');
      }
    });
  });

  describe('where', () => {
    it.each<[string, Message['where'], string]>([
      ['current_url holds', [{ attr: 'current_url', op: 'contains', value: '/FILES' }], 'ok'],
      ['current_url fails', [{ attr: 'current_url', op: 'contains', value: '/docs' }], 'where'],
      ['current_url is the full URL', [{ attr: 'current_url', op: 'is', value: 'https://site.test/files/1' }], 'ok'],
      ['referrer holds', [{ attr: 'referrer', op: 'starts_with', value: 'https://search.test' }], 'ok'],
      ['referrer fails', [{ attr: 'referrer', op: 'contains', value: 'ads' }], 'where'],
      ['an unknown attribute fails', [{ attr: 'page_title', op: 'exists' }], 'where'],
      ['a user attribute is not a where attribute', [{ attr: 'user.plan', op: 'is', value: 'pro' }], 'where'],
    ])('%s', (_name, where, reason) => {
      expect(evaluateMessage(message({ where }), input()).reason).toBe(reason);
    });

    it('time_on_page is whole seconds on the page when the message would show (now)', () => {
      const m = message({ where: [{ attr: 'time_on_page', op: 'gte', value: 30 }] });
      const on = (startedAt: number) => evaluateMessage(m, input({ event: event({ at: NOW - MINUTE }), page: { ...input().page, startedAt } }));
      expect(on(NOW - 30_000)).toMatchObject({ outcome: 'shown', reason: 'ok' });
      expect(on(NOW - 29_999)).toMatchObject({ outcome: 'pending', reason: 'where', retryAt: NOW - 29_999 + 30_000 });
      expect(on(NOW - 29_000)).toMatchObject({ outcome: 'pending', reason: 'where', retryAt: NOW + 1_000 });
    });

    it('a message held back only by time_on_page waits for the first second at which every where rule holds', () => {
      const started = NOW - 5_000;
      const page = { ...input().page, startedAt: started };
      const at = (where: Message['where']) => evaluateMessage(message({ where }), input({ page }));
      expect(at([{ attr: 'time_on_page', op: 'gt', value: 10 }])).toMatchObject({ outcome: 'pending', retryAt: started + 11_000 });
      expect(at([{ attr: 'time_on_page', op: 'is', value: 20 }])).toMatchObject({ outcome: 'pending', retryAt: started + 20_000 });
      expect(at({ any: [{ attr: 'time_on_page', op: 'gte', value: 60 }, { attr: 'time_on_page', op: 'gte', value: 8 }] })).toMatchObject({ retryAt: started + 8_000 });
      // Another where rule failing too: no waiting helps.
      expect(at([{ attr: 'time_on_page', op: 'gte', value: 10 }, { attr: 'current_url', op: 'contains', value: '/nowhere' }])).toMatchObject({ outcome: 'suppressed', reason: 'where' });
      // A window already passed never comes back.
      expect(at([{ attr: 'time_on_page', op: 'lt', value: 3 }])).toMatchObject({ outcome: 'suppressed', reason: 'where' });
      expect(at([{ attr: 'time_on_page', op: 'lt', value: 3 }]).detail).toBe('time_on_page is 5, needs less than 3');
    });

    it('the where detail names the rule', () => {
      const verdict = evaluateMessage(message(), input({ page: { ...input().page, url: 'https://site.test/' } }));
      expect(verdict).toEqual({ outcome: 'suppressed', reason: 'where', detail: 'current_url is "https://site.test/", needs to contain "/files"' });
    });
  });

  describe('audience', () => {
    it.each<[string, Message['audience'], Record<string, unknown>, string]>([
      ['user.<key> holds', [{ attr: 'user.plan', op: 'is', value: 'PRO' }], { plan: 'pro', type: 'user' }, 'ok'],
      ['user.<key> fails', [{ attr: 'user.plan', op: 'is', value: 'pro' }], { plan: 'free', type: 'user' }, 'audience'],
      ['user.<key> missing', [{ attr: 'user.plan', op: 'is', value: 'pro' }], { type: 'user' }, 'audience'],
      ['user.type is visitor', [{ attr: 'user.type', op: 'is', value: 'visitor' }], { type: 'visitor' }, 'ok'],
      ['user.type is not visitor', [{ attr: 'user.type', op: 'is', value: 'visitor' }], { type: 'user' }, 'audience'],
      ['an attribute without the user. prefix', [{ attr: 'plan', op: 'is', value: 'pro' }], { plan: 'pro', type: 'user' }, 'audience'],
      ['a number attribute', [{ attr: 'user.seats', op: 'gte', value: 5 }], { seats: 5, type: 'user' }, 'ok'],
      ['a date attribute', [{ attr: 'user.created_at', op: 'more_than_ago', value: '1d' }], { created_at: (NOW - 2 * 864e5) / 1000, type: 'user' }, 'ok'],
      ['an inherited name is not an attribute', [{ attr: 'user.constructor', op: 'exists' }], { type: 'user' }, 'audience'],
    ])('%s', (_name, audience, user, reason) => {
      expect(evaluateMessage(message({ audience }), input({ user })).reason).toBe(reason);
    });
  });

  describe('frequency', () => {
    it('is judged at now, not at the event time', () => {
      // The event is old, but the limit is about when the message would be shown.
      const m = message({ live_at: undefined });
      const old = event({ at: NOW - 3 * 36e5 });
      expect(evaluateMessage(m, input({ event: old, history: { count: 1, last: NOW - 30 * MINUTE } })).reason).toBe('frequency');
      expect(evaluateMessage(m, input({ event: old, history: { count: 1, last: NOW - 60 * MINUTE } })).reason).toBe('ok');
      // Judged at the event time, both would be held (the last send is after the event).
      expect(evaluateMessage(m, input({ event: old, history: { count: 1, last: NOW - 60 * MINUTE }, now: old.at })).reason).toBe('frequency');
    });

    it('passes on the frequency detail', () => {
      const verdict = evaluateMessage(message(), input({ history: { count: 1, last: NOW - 12 * MINUTE } }));
      expect(verdict.outcome).toBe('suppressed');
      expect(verdict.detail).toMatch(/^sent 12 minutes ago; next allowed at \d\d:\d\d$/);
    });

    it('max_sends', () => {
      expect(evaluateMessage(message(), input({ history: { count: 3, last: NOW - 864e5 } }))).toEqual({
        outcome: 'suppressed', reason: 'max_sends', detail: 'shown 3 of at most 3 times',
      });
    });

    it('defaults to once a minute without frequency', () => {
      const m = message({ frequency: undefined });
      expect(evaluateMessage(m, input({ history: { count: 5, last: NOW - 59_999 } })).reason).toBe('frequency');
      expect(evaluateMessage(m, input({ history: { count: 5, last: NOW - 60_000 } })).reason).toBe('ok');
    });
  });

  it('a message without optional rules shows', () => {
    const bare: Message = { id: 'bare', type: 'banner', content: {} };
    expect(evaluateMessage(bare, input({ event: undefined }))).toEqual(shown);
  });
});

describe('resolvers', () => {
  it('pageResolver names current_url, referrer and time_on_page (never negative)', () => {
    const resolve = pageResolver({ url: 'https://a.test/x', referrer: 'https://b.test/', startedAt: 10_000 }, 75_500);
    expect(resolve('current_url')).toBe('https://a.test/x');
    expect(resolve('referrer')).toBe('https://b.test/');
    expect(resolve('time_on_page')).toBe(65);
    expect(resolve('user.plan')).toBeUndefined();
    expect(pageResolver({ url: '', referrer: '', startedAt: 10_000 }, 5_000)('time_on_page')).toBe(0);
  });

  it('userResolver names user.<key> only', () => {
    const resolve = userResolver({ plan: 'pro', type: 'visitor' });
    expect(resolve('user.plan')).toBe('pro');
    expect(resolve('user.type')).toBe('visitor');
    expect(resolve('plan')).toBeUndefined();
    expect(resolve('user.missing')).toBeUndefined();
  });
});

describe('evaluateMessage: schedule', () => {
  // NOW is 2026-11-01T01:00:00Z, a Sunday.
  const weekdays = { timezone: 'Europe/Dublin', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };

  it('outside the schedule: suppressed with reason schedule and the schedule\'s detail', () => {
    const verdict = evaluateMessage(message({ schedule: weekdays }), input());
    expect(verdict).toEqual({ outcome: 'suppressed', reason: 'schedule', detail: 'it is sun in Europe/Dublin; the schedule sends on mon, tue, wed, thu, fri' });
  });

  it('inside the schedule: shown', () => {
    expect(evaluateMessage(message({ schedule: { timezone: 'Europe/Dublin', days: ['sun'] } }), input())).toEqual(shown);
  });

  it('is judged at now, when the message would show, not at the event time', () => {
    // The event came on Saturday night; the message would show on Sunday.
    const m = message({ live_at: undefined, schedule: { timezone: 'UTC', days: ['sat'] } });
    expect(evaluateMessage(m, input({ event: event({ at: NOW - 2 * 36e5 }) })).reason).toBe('schedule');
    expect(evaluateMessage(m, input({ event: event({ at: NOW - 2 * 36e5 }), now: NOW - 2 * 36e5 })).reason).toBe('ok');
  });

  it('comes after audience, and before max_sends and frequency', () => {
    const outside = message({ schedule: weekdays });
    const i = input({ user: { plan: 'free', type: 'user' }, history: { count: 3, last: NOW - MINUTE } });
    expect(evaluateMessage(outside, i).reason).toBe('audience');
    const pro = { ...i, user: { plan: 'pro', type: 'user' } };
    expect(evaluateMessage(outside, pro).reason).toBe('schedule');
    expect(evaluateMessage(message(), pro).reason).toBe('max_sends');
    expect(evaluateMessage(outside, { ...pro, history: { count: 1, last: NOW - MINUTE } }).reason).toBe('schedule');
    expect(evaluateMessage(message(), { ...pro, history: { count: 1, last: NOW - MINUTE } }).reason).toBe('frequency');
  });
});

describe('evaluateMessage: waiting on time_on_page', () => {
  const started = NOW - 5_000;
  const page = { url: 'https://site.test/files/1', referrer: '', startedAt: started };
  const onPage = (where: Message['where'], overrides: Partial<Message> = {}, more: Partial<EvaluationInput> = {}) =>
    evaluateMessage(message({ where, ...overrides }), input({ page, ...more }));

  it('pending is not returned when a metadata rule fails first', () => {
    const verdict = evaluateMessage(
      message({ where: [{ attr: 'time_on_page', op: 'gte', value: 10 }] }),
      input({ page, event: event({ metadata: { duration_s: 10 } }) }),
    );
    expect(verdict).toEqual({ outcome: 'suppressed', reason: 'metadata', detail: 'duration_s is 10, needs more than 120' });
    expect(verdict).not.toHaveProperty('retryAt');
  });

  it('pending is not returned for a stopped or not yet live message', () => {
    expect(onPage([{ attr: 'time_on_page', op: 'gte', value: 10 }], { state: 'stopped' })).toMatchObject({ outcome: 'suppressed', reason: 'stopped' });
    expect(onPage([{ attr: 'time_on_page', op: 'gte', value: 10 }], {}, { event: event({ at: LIVE - 1 }) })).toMatchObject({ outcome: 'suppressed', reason: 'not_live' });
  });

  it('the pending verdict says how long it waits and which rule it waits on', () => {
    const verdict = onPage([{ attr: 'time_on_page', op: 'gte', value: 10 }]);
    expect(verdict).toEqual({
      outcome: 'pending',
      reason: 'where',
      detail: 'waits until 10 seconds on the page (time_on_page is 5, needs at least 10)',
      retryAt: started + 10_000,
    });
  });

  it.each<[string, number, number]>([
    ['gte 10.5', 10.5, 11],
    ['gte 10.1', 10.1, 11],
    ['gte 9.9', 9.9, 10],
    ['gte 5.5 (now is 5 s)', 5.5, 6],
  ])('retryAt for %s is the first whole second that holds', (_name, value, seconds) => {
    expect(onPage([{ attr: 'time_on_page', op: 'gte', value }])).toMatchObject({ outcome: 'pending', reason: 'where', retryAt: started + seconds * 1000 });
  });

  it('retryAt for gt with a fractional value', () => {
    expect(onPage([{ attr: 'time_on_page', op: 'gt', value: 10.5 }])).toMatchObject({ outcome: 'pending', retryAt: started + 11_000 });
    expect(onPage([{ attr: 'time_on_page', op: 'gt', value: 10.999 }])).toMatchObject({ outcome: 'pending', retryAt: started + 11_000 });
  });

  it('a fractional threshold already passed shows now', () => {
    expect(onPage([{ attr: 'time_on_page', op: 'gte', value: 4.5 }])).toEqual(shown);
  });

  it('the threshold is reached at retryAt: evaluating then shows', () => {
    const first = onPage([{ attr: 'time_on_page', op: 'gte', value: 10.5 }]);
    const later = evaluateMessage(message({ where: [{ attr: 'time_on_page', op: 'gte', value: 10.5 }] }), input({ page, now: first.retryAt! }));
    expect(later).toEqual(shown);
    // One ms earlier it still waits.
    const early = evaluateMessage(message({ where: [{ attr: 'time_on_page', op: 'gte', value: 10.5 }] }), input({ page, now: first.retryAt! - 1 }));
    expect(early.outcome).toBe('pending');
  });

  it('is 10.5 is never reached in whole seconds: suppressed, not pending', () => {
    expect(onPage([{ attr: 'time_on_page', op: 'is', value: 10.5 }])).toMatchObject({ outcome: 'suppressed', reason: 'where' });
  });

  it('pending is not returned when the audience fails too (time_on_page is then not the only failing rule)', () => {
    // SPEC 4: "A message whose only failing condition is time_on_page waits, pending".
    const verdict = onPage([{ attr: 'time_on_page', op: 'gte', value: 10 }], {}, { user: { plan: 'free', type: 'user' } });
    expect(verdict.outcome).toBe('suppressed');
    expect(verdict).not.toHaveProperty('retryAt');
  });
});
