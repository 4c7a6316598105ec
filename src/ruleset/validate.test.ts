import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SPEC_SURVEY_CONTENT } from '../testing/examples';
import { formatProblem, validateMessage, validateRuleset, type Problem } from './validate';

const P = '$.messages[0]';
const base = { id: 'upload-finished', type: 'banner', content: { body: '<p>done</p>' } };
const msg = (extra: Record<string, unknown>) => ({ ...base, ...extra });
const meta = (rule: Record<string, unknown>) => msg({ when: { event: 'uploaded-file', metadata: [rule] } });
const where = (rule: Record<string, unknown>) => msg({ where: [rule] });
const audience = (rule: Record<string, unknown>) => msg({ audience: [rule] });

const errors = (m: unknown) => validateMessage(m, P).filter((p) => p.level === 'error');
/** The only problem of a message; fails when there are none or several. */
const only = (m: unknown): Problem => {
  const problems = validateMessage(m, P);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  return problems[0]!;
};

const DURATION_HINT = 'a duration is a whole number and a unit (s, m, h, d or w), like "30m", "1h" or "7d"';

describe('validateMessage: a valid message', () => {
  it('the SPEC example message has no problems', () => {
    const example = {
      id: 'upload-finished',
      type: 'banner',
      state: 'live',
      live_at: '2026-11-01T00:00:00Z',
      when: { event: 'uploaded-file', metadata: [{ key: 'duration_s', op: 'gt', value: 120 }, { key: 'left_page', op: 'is', value: true }] },
      where: [{ attr: 'current_url', op: 'contains', value: '/files' }, { attr: 'time_on_page', op: 'gte', value: 10 }],
      audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }],
      frequency: { every: '1h', max: null },
      schedule: { timezone: 'Europe/Dublin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:30' },
      goal: { event: 'shared-file', within: '7d' },
      content: { body: '<p>{{event.file_name}} is uploaded.</p>', position: 'top', style: 'floating', dismissible: true, action: { label: 'Share it', url: '{{event.file_url}}' } },
    };
    expect(validateMessage(example, P)).toEqual([]);
  });

  it('the bare minimum (id, type, content) has no problems, for every type', () => {
    const bare: Record<string, object> = { tour: { steps: [{ title: 'Hi' }] }, survey: { questions: [{ id: 'q1', type: 'text', text: 'Hi?' }] } };
    for (const type of ['banner', 'chat', 'post', 'tour', 'survey']) expect(validateMessage({ id: 'x', type, content: bare[type] ?? {} }, P), type).toEqual([]);
  });

  it('nested any / all conditions are fine', () => {
    expect(validateMessage(msg({ audience: { any: [{ attr: 'user.plan', op: 'is', value: 'pro' }, { all: [{ attr: 'user.seats', op: 'gte', value: 5 }] }] } }), P)).toEqual([]);
  });
});

describe('validateMessage: type, id, state, live_at, content', () => {
  it('unknown type', () => {
    expect(only(msg({ type: 'modal' }))).toEqual({
      path: `${P}.type`, level: 'error', message: 'unknown type "modal"', hint: 'type is one of banner, chat, post, tour, survey',
    });
  });

  it('missing type', () => {
    const { type: _t, ...rest } = base;
    expect(only(rest)).toMatchObject({ path: `${P}.type`, level: 'error', message: 'unknown type undefined' });
  });

  it.each<unknown>([undefined, '', 'has space', 'a.b', 'é', 42])('id %j is an error', (id) => {
    expect(only(msg({ id }))).toMatchObject({ path: `${P}.id`, level: 'error' });
  });

  it('unknown state', () => {
    expect(only(msg({ state: 'paused' }))).toEqual({ path: `${P}.state`, level: 'error', message: 'unknown state "paused"', hint: 'state is "live" or "stopped"' });
  });

  it('live_at that is not a date', () => {
    expect(only(msg({ live_at: 'tomorrow' }))).toMatchObject({ path: `${P}.live_at`, level: 'error', message: '"tomorrow" is not a date' });
  });

  it('content is required, as an object', () => {
    const { content: _c, ...rest } = base;
    expect(only(rest)).toMatchObject({ path: `${P}.content`, level: 'error', message: 'content is required' });
    expect(only(msg({ content: '<p>hi</p>' }))).toMatchObject({ path: `${P}.content`, level: 'error' });
  });

  it('a message that is not an object', () => {
    expect(validateMessage('banner', P)).toEqual([{ path: P, level: 'error', message: 'a message must be an object' }]);
    expect(validateMessage(null, P)).toHaveLength(1);
    expect(validateMessage([base], P)).toHaveLength(1);
  });
});

describe('validateMessage: banner content', () => {
  it('position must be top or bottom', () => {
    expect(only(msg({ content: { position: 'middle' } }))).toEqual({ path: `${P}.content.position`, level: 'error', message: 'position "middle" is not one of top, bottom' });
  });

  it('style must be inline or floating', () => {
    expect(only(msg({ content: { style: 'sticky' } }))).toEqual({ path: `${P}.content.style`, level: 'error', message: 'style "sticky" is not one of inline, floating' });
  });

  it('the allowed values are fine', () => {
    for (const position of ['top', 'bottom']) for (const style of ['inline', 'floating']) {
      expect(validateMessage(msg({ content: { position, style } }), P)).toEqual([]);
    }
  });

  it('content by type: tour steps, post actions, chat reply and from', () => {
    const problems = (type: string, content: unknown) => validateMessage({ id: 'x', type, content }, P).map((p) => `${p.path} ${p.message}`);
    expect(problems('tour', {})).toEqual([`${P}.content.steps a tour needs a list of steps`]);
    expect(problems('tour', { steps: [] })).toEqual([`${P}.content.steps a tour needs a list of steps`]);
    expect(problems('tour', { steps: ['x', { selector: 3, placement: 'middle' }] })).toEqual([
      `${P}.content.steps[0] a step must be an object`,
      `${P}.content.steps[1].selector selector must be a string`,
      `${P}.content.steps[1].placement placement "middle" is not one of top, top-start, top-end, bottom, bottom-start, bottom-end, left, left-start, left-end, right, right-start, right-end`,
    ]);
    expect(problems('tour', { steps: [{ selector: '#a', placement: 'left-end', url: '/files' }] })).toEqual([]);
    expect(problems('post', { actions: [{ label: 'a' }, { label: 'b' }, { label: 'c' }, { label: 'd' }] })).toEqual([`${P}.content.actions actions must be a list of at most 3`]);
    expect(problems('post', { actions: [{ url: '/x' }], from: 'Ada' })).toEqual([`${P}.content.from from must be an object`, `${P}.content.actions[0] an action needs a label`]);
    expect(problems('chat', { reply: 'voice', from: { name: 7 } })).toEqual([`${P}.content.from.name name must be a string`, `${P}.content.reply reply "voice" is not one of text, none`]);
  });

  it('body must be a string; action needs a label', () => {
    expect(only(msg({ content: { body: 3 } }))).toMatchObject({ path: `${P}.content.body`, level: 'error' });
    expect(only(msg({ content: { action: { url: '/x' } } }))).toMatchObject({ path: `${P}.content.action`, level: 'error', message: 'an action needs a label' });
  });

  it('banner enums are not applied to other types', () => {
    expect(validateMessage({ id: 'x', type: 'post', content: { position: 'middle' } }, P)).toEqual([]);
  });
});

describe('validateMessage: operators', () => {
  it.each<[string, string]>([
    ['equals', 'is'],
    ['eq', 'is'],
    ['==', 'is'],
    ['!=', 'is_not'],
    ['>', 'gt'],
    ['>=', 'gte'],
    ['<', 'lt'],
    ['<=', 'lte'],
    ['greater_than', 'gt'],
    ['includes', 'contains'],
    ['startswith', 'starts_with'],
    ['EQUALS', 'is'],
  ])('alias %j: did you mean "%s"?', (op, meant) => {
    const value = ['gt', 'gte', 'lt', 'lte'].includes(meant) ? 1 : 'x';
    expect(only(audience({ attr: 'user.plan', op, value }))).toEqual({
      path: `${P}.audience[0].op`, level: 'error', message: `unknown operator ${JSON.stringify(op)}`, hint: `did you mean "${meant}"?`,
    });
  });

  it.each<[string, string]>([
    ['containz', 'contains'],
    ['is_nto', 'is_not'],
    ['start_with', 'starts_with'],
    ['exist', 'exists'],
    ['befor', 'before'],
    ['more_than_agoo', 'more_than_ago'],
  ])('typo %j: did you mean "%s"?', (op, meant) => {
    expect(only(meta({ key: 'k', op, value: 'x' }))).toMatchObject({ path: `${P}.when.metadata[0].op`, hint: `did you mean "${meant}"?` });
  });

  it('the typo hint names the closest operator, not the first one within reach: "lts" is "lt" or "lte", not "is"', () => {
    const { hint } = only(audience({ attr: 'user.seats', op: 'lts', value: 1 }));
    expect(hint).toMatch(/^did you mean "lte?"\?$/);
  });

  it('an operator like nothing known lists the operators', () => {
    const problem = only(where({ attr: 'current_url', op: 'frobnicate', value: 'x' }));
    expect(problem).toMatchObject({ path: `${P}.where[0].op`, level: 'error', message: 'unknown operator "frobnicate"' });
    expect(problem.hint).toMatch(/^operators: is, is_not, contains, .*in_less_than$/);
  });

  it('a missing operator, and inherited names, are unknown', () => {
    expect(only(meta({ key: 'k', value: 'x' }))).toMatchObject({ path: `${P}.when.metadata[0].op`, message: 'unknown operator undefined' });
    for (const op of ['valueOf', 'constructor', '__proto__', 'toString']) {
      expect(only(meta({ key: 'k', op, value: 'x' })), op).toMatchObject({ path: `${P}.when.metadata[0].op`, level: 'error' });
    }
  });
});

describe('validateMessage: values the operator cannot apply to', () => {
  it('gt with "120": write 120 without quotes', () => {
    expect(only(meta({ key: 'duration_s', op: 'gt', value: '120' }))).toEqual({
      path: `${P}.when.metadata[0].value`, level: 'error', message: 'gt compares numbers, but the value is "120"', hint: 'write 120 without quotes',
    });
  });

  it('lte with a word: give a number', () => {
    expect(only(meta({ key: 'n', op: 'lte', value: 'many' }))).toMatchObject({ path: `${P}.when.metadata[0].value`, hint: 'give a number' });
    expect(only(meta({ key: 'n', op: 'gte' }))).toMatchObject({ path: `${P}.when.metadata[0].value`, message: 'gte compares numbers, but the value is undefined' });
  });

  it('contains with a number: write it in quotes', () => {
    expect(only(meta({ key: 'name', op: 'contains', value: 5 }))).toEqual({
      path: `${P}.when.metadata[0].value`, level: 'error', message: 'contains compares text, but the value is 5', hint: 'write "5" in quotes, or use is / gt / lt for numbers',
    });
    expect(only(meta({ key: 'name', op: 'ends_with', value: true }))).toMatchObject({ path: `${P}.when.metadata[0].value`, hint: 'give a string' });
  });

  it('before with "yesterday": not a date', () => {
    expect(only(meta({ key: 'at', op: 'before', value: 'yesterday' }))).toEqual({
      path: `${P}.when.metadata[0].value`, level: 'error', message: 'before compares dates, but "yesterday" is not one',
      hint: 'give an ISO date like "2026-12-01T09:00:00Z" or unix seconds',
    });
    expect(validateMessage(meta({ key: 'at', op: 'after', value: 1_700_000_000 }), P)).toEqual([]);
    expect(validateMessage(meta({ key: 'at', op: 'after', value: '2026-12-01T09:00:00Z' }), P)).toEqual([]);
  });

  it('is with an object, a list or nothing', () => {
    expect(only(meta({ key: 'plan', op: 'is', value: { a: 1 } }))).toEqual({
      path: `${P}.when.metadata[0].value`, level: 'error', message: 'is needs a string, a number or a boolean, not {"a":1}',
    });
    expect(only(meta({ key: 'plan', op: 'is_not', value: ['a'] }))).toMatchObject({ path: `${P}.when.metadata[0].value`, level: 'error' });
    expect(only(meta({ key: 'plan', op: 'is', value: null }))).toMatchObject({ path: `${P}.when.metadata[0].value`, level: 'error' });
  });

  it('is with a string, a number or a boolean is fine; exists needs no value', () => {
    for (const value of ['pro', 3, false]) expect(validateMessage(meta({ key: 'plan', op: 'is', value }), P)).toEqual([]);
    expect(validateMessage(meta({ key: 'plan', op: 'exists' }), P)).toEqual([]);
    expect(validateMessage(meta({ key: 'plan', op: 'not_exists' }), P)).toEqual([]);
  });

  it('time_on_page with contains: the operator is the error, at .op', () => {
    expect(only(where({ attr: 'time_on_page', op: 'contains', value: '10' }))).toEqual({
      path: `${P}.where[0].op`, level: 'error', message: 'time_on_page is a number of seconds: contains cannot apply', hint: 'use gt, gte, lt or lte',
    });
    expect(validateMessage(where({ attr: 'time_on_page', op: 'gte', value: 10 }), P)).toEqual([]);
    expect(validateMessage(where({ attr: 'time_on_page', op: 'is', value: 10 }), P)).toEqual([]);
  });
});

describe('validateMessage: durations', () => {
  it('frequency.every "soon"', () => {
    expect(only(msg({ frequency: { every: 'soon' } }))).toEqual({ path: `${P}.frequency.every`, level: 'error', message: '"soon" is not a duration', hint: DURATION_HINT });
  });

  it('goal.within "soon"', () => {
    expect(only(msg({ goal: { event: 'shared-file', within: 'soon' } }))).toEqual({ path: `${P}.goal.within`, level: 'error', message: '"soon" is not a duration', hint: DURATION_HINT });
  });

  it.each(['more_than_ago', 'less_than_ago', 'in_more_than', 'in_less_than'])('%s "soon"', (op) => {
    expect(only(audience({ attr: 'user.created_at', op, value: 'soon' }))).toEqual({
      path: `${P}.audience[0].value`, level: 'error', message: `${op} needs a duration, not "soon"`, hint: DURATION_HINT,
    });
    expect(validateMessage(audience({ attr: 'user.created_at', op, value: '2d' }), P)).toEqual([]);
  });

  it.each<unknown>(['1.5h', '1 h', '1H', '10', 10, '-1d', ''])('%j is not a duration either', (every) => {
    expect(only(msg({ frequency: { every } }))).toMatchObject({ path: `${P}.frequency.every`, level: 'error' });
  });

  it('frequency.max must be a whole number or null', () => {
    expect(only(msg({ frequency: { max: 1.5 } }))).toMatchObject({ path: `${P}.frequency.max`, level: 'error' });
    expect(only(msg({ frequency: { max: -1 } }))).toMatchObject({ path: `${P}.frequency.max`, level: 'error' });
    for (const max of [0, 3, null]) expect(validateMessage(msg({ frequency: { max } }), P)).toEqual([]);
  });

  it('frequency must be an object', () => {
    expect(only(msg({ frequency: '1h' }))).toMatchObject({ path: `${P}.frequency`, level: 'error', hint: 'like { "every": "1h", "max": 3 }' });
  });
});

describe('validateMessage: when', () => {
  const ONE_EVENT = { level: 'error', message: 'a message has exactly one event rule', hint: 'make one message per event; use metadata conditions to narrow the event' };

  it('event as a list', () => {
    expect(only(msg({ when: { event: ['uploaded-file', 'shared-file'] } }))).toEqual({ path: `${P}.when`, ...ONE_EVENT });
  });

  it('an "events" key', () => {
    expect(only(msg({ when: { events: ['uploaded-file', 'shared-file'] } }))).toEqual({ path: `${P}.when`, ...ONE_EVENT });
    expect(only(msg({ when: { event: 'uploaded-file', events: ['shared-file'] } }))).toEqual({ path: `${P}.when`, ...ONE_EVENT });
  });

  it('when as a list', () => {
    expect(only(msg({ when: [{ event: 'uploaded-file' }, { event: 'shared-file' }] }))).toEqual({ path: `${P}.when`, ...ONE_EVENT });
  });

  it('when without an event name', () => {
    for (const when of [{}, { event: '' }, { event: '  ' }, { event: 3 }, 'uploaded-file']) {
      expect(only(msg({ when })), JSON.stringify(when)).toMatchObject({ path: `${P}.when.event`, level: 'error' });
    }
  });

  it('metadata conditions name a key, not an attr', () => {
    expect(only(meta({ attr: 'plan', op: 'is', value: 'pro' }))).toEqual({
      path: `${P}.when.metadata[0].key`, level: 'error', message: 'a metadata condition needs "key"', hint: 'metadata conditions name their value with "key", not "attr"',
    });
  });
});

describe('validateMessage: where and audience', () => {
  it('an unknown where attribute', () => {
    expect(only(where({ attr: 'page_title', op: 'exists' }))).toEqual({
      path: `${P}.where[0].attr`, level: 'error', message: 'unknown where attribute "page_title"',
      hint: 'where rules read current_url, referrer, time_on_page; user attributes go in "audience" as "user.<key>"',
    });
  });

  it('an audience attribute without "user."', () => {
    expect(only(audience({ attr: 'plan', op: 'is', value: 'pro' }))).toEqual({
      path: `${P}.audience[0].attr`, level: 'error', message: 'audience attribute "plan" does not start with "user."', hint: 'write "user.plan"',
    });
    expect(validateMessage(audience({ attr: 'user.type', op: 'is', value: 'visitor' }), P)).toEqual([]);
  });

  it('where and audience conditions name an attr, not a key', () => {
    expect(only(where({ key: 'current_url', op: 'exists' }))).toMatchObject({ path: `${P}.where[0].attr`, hint: 'where conditions name their value with "attr", not "key"' });
  });

  it('paths go into nested groups', () => {
    const m = msg({ audience: { any: [{ attr: 'user.plan', op: 'is', value: 'pro' }, { all: [{ attr: 'user.seats', op: '>', value: 5 }] }] } });
    expect(only(m)).toMatchObject({ path: `${P}.audience.any[1].all[0].op`, hint: 'did you mean "gt"?' });
  });

  it('a condition that is not an object; a group that is not a list', () => {
    expect(only(msg({ where: ['current_url'] }))).toMatchObject({ path: `${P}.where[0]`, level: 'error' });
    expect(only(msg({ where: { any: { attr: 'current_url', op: 'exists' } } }))).toMatchObject({ path: `${P}.where.any`, message: '"any" must be a list of conditions' });
  });

  describe('a URL is / is_not rule without a scheme never matches', () => {
    it.each(['current_url', 'referrer'])('%s is "site.test/files"', (attr) => {
      expect(only(where({ attr, op: 'is', value: 'site.test/files' }))).toEqual({
        path: `${P}.where[0].value`, level: 'error', message: `${attr} is the full URL, with its scheme: "site.test/files" never matches`,
        hint: 'write "https://site.test/files", or use contains or ends_with',
      });
      expect(only(where({ attr, op: 'is_not', value: 'www.site.test/' }))).toMatchObject({ path: `${P}.where[0].value`, level: 'error' });
    });

    it('with a scheme it is fine, in any case', () => {
      for (const value of ['https://site.test/files', 'HTTP://site.test/', 'http://localhost:3000/files']) {
        expect(validateMessage(where({ attr: 'current_url', op: 'is', value }), P), value).toEqual([]);
        expect(validateMessage(where({ attr: 'referrer', op: 'is_not', value }), P), value).toEqual([]);
      }
    });

    it('contains, starts_with and ends_with without a scheme are fine', () => {
      for (const op of ['contains', 'not_contains', 'starts_with', 'ends_with']) {
        expect(validateMessage(where({ attr: 'current_url', op, value: 'site.test/files' }), P), op).toEqual([]);
        expect(validateMessage(where({ attr: 'referrer', op, value: '/files' }), P), op).toEqual([]);
      }
    });

    it('a host with a port is not a scheme: "localhost:3000/files" never matches either', () => {
      // The scheme test /^[a-z][a-z0-9+.-]*:/ reads "localhost:" (and "www.site.test:8080") as a scheme.
      expect(errors(where({ attr: 'current_url', op: 'is', value: 'localhost:3000/files' }))).toHaveLength(1);
      expect(errors(where({ attr: 'current_url', op: 'is', value: 'www.site.test:8080/files' }))).toHaveLength(1);
    });

    it('the hint for a path does not suggest a host named after the path', () => {
      // For "/files" the hint today says: write "https://files" -- a URL that never matches either.
      const { hint } = only(where({ attr: 'current_url', op: 'is', value: '/files' }));
      expect(hint).not.toContain('"https://files"');
      expect(hint).toMatch(/contains|ends_with/);
    });
  });
});

describe('validateMessage: schedule', () => {
  it('an unknown time zone', () => {
    expect(only(msg({ schedule: { timezone: 'Mars/Olympus_Mons' } }))).toEqual({
      path: `${P}.schedule.timezone`, level: 'error', message: 'unknown time zone "Mars/Olympus_Mons"', hint: 'an IANA name like "Europe/Dublin" or "America/New_York"',
    });
  });

  it('an unknown day, at its index', () => {
    expect(only(msg({ schedule: { days: ['mon', 'monday'] } }))).toEqual({
      path: `${P}.schedule.days[1]`, level: 'error', message: 'unknown day "monday"', hint: 'days are mon, tue, wed, thu, fri, sat, sun',
    });
    expect(only(msg({ schedule: { days: ['Mon'] } }))).toMatchObject({ path: `${P}.schedule.days[0]` });
  });

  it('days given as one string is an error: the runtime reads days as a list (and throws on days.join)', () => {
    // Today the validator accepts it (it wraps a single day in a list) but outsideSchedule
    // does not: on any other day it throws "schedule.days.join is not a function".
    expect(errors(msg({ schedule: { days: 'mon' } }))).toEqual([expect.objectContaining({ path: `${P}.schedule.days` })]);
  });

  it.each(['9:00', '24:00', '09:60', '0900', '9am'])('from / to %j is not HH:MM', (time) => {
    expect(only(msg({ schedule: { from: time, to: '17:00' } }))).toEqual({
      path: `${P}.schedule.from`, level: 'error', message: `${JSON.stringify(time)} is not a time of day`, hint: 'write 24-hour "HH:MM", like "09:00" or "17:30"',
    });
    expect(only(msg({ schedule: { from: '08:00', to: time } }))).toMatchObject({ path: `${P}.schedule.to` });
  });

  it('from equal to to: an empty window', () => {
    expect(only(msg({ schedule: { from: '09:00', to: '09:00' } }))).toEqual({ path: `${P}.schedule.to`, level: 'error', message: 'from and to are the same time: the window is empty' });
  });

  it('a window across midnight is fine', () => {
    expect(validateMessage(msg({ schedule: { timezone: 'Europe/Dublin', days: ['fri'], from: '22:00', to: '06:00' } }), P)).toEqual([]);
  });

  it('end_at before (or at) start_at', () => {
    expect(only(msg({ schedule: { start_at: '2026-12-24T00:00:00Z', end_at: '2026-12-01T00:00:00Z' } }))).toEqual({
      path: `${P}.schedule.end_at`, level: 'error', message: 'end_at is not after start_at',
    });
    expect(only(msg({ schedule: { start_at: '2026-12-01T00:00:00Z', end_at: '2026-12-01T00:00:00Z' } }))).toMatchObject({ path: `${P}.schedule.end_at` });
    expect(validateMessage(msg({ schedule: { start_at: '2026-12-01T00:00:00Z', end_at: '2026-12-24T00:00:00Z' } }), P)).toEqual([]);
  });

  it('start_at / end_at that are not dates', () => {
    expect(only(msg({ schedule: { start_at: 'next week' } }))).toMatchObject({ path: `${P}.schedule.start_at`, message: '"next week" is not a date' });
  });

  it('schedule must be an object', () => {
    expect(only(msg({ schedule: 'weekdays' }))).toMatchObject({ path: `${P}.schedule`, level: 'error' });
  });
});

describe('validateMessage: goal', () => {
  it('a goal without an event', () => {
    expect(only(msg({ goal: { within: '7d' } }))).toEqual({
      path: `${P}.goal.event`, level: 'error', message: 'a goal needs an event name', hint: 'like { "event": "shared-file", "within": "7d" }',
    });
    expect(only(msg({ goal: 'shared-file' }))).toMatchObject({ path: `${P}.goal.event` });
  });

  it('a goal without within', () => {
    expect(only(msg({ goal: { event: 'shared-file' } }))).toMatchObject({ path: `${P}.goal.within`, level: 'error' });
  });
});

describe('validateMessage: unknown keys', () => {
  it('are warnings, not errors, with "did you mean" for a typo', () => {
    expect(only(msg({ frquency: { every: '1h' } }))).toEqual({
      path: `${P}.frquency`, level: 'warning', message: 'unknown key "frquency" is ignored', hint: 'did you mean "frequency"?',
    });
    expect(only(msg({ shedule: {} }))).toMatchObject({ level: 'warning', hint: 'did you mean "schedule"?' });
    expect(only(msg({ audiance: [] }))).toMatchObject({ level: 'warning', hint: 'did you mean "audience"?' });
  });

  it('a key like no other lists the message keys', () => {
    expect(only(msg({ colour: 'red' }))).toMatchObject({
      path: `${P}.colour`, level: 'warning', hint: 'known keys: id, type, state, live_at, when, where, audience, frequency, schedule, goal, content',
    });
  });

  it('a typo inside when, schedule, frequency or goal is not silently ignored', () => {
    // Dropped silently today: "metadta" loses every metadata condition (the message then
    // shows for every uploaded-file), "day" sends every day, "evry" falls back to 1m.
    const m = msg({
      when: { event: 'uploaded-file', metadta: [{ key: 'duration_s', op: 'gt', value: 120 }] },
      schedule: { day: ['mon'] },
      frequency: { evry: '1h' },
    });
    const paths = validateMessage(m, P).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([`${P}.when.metadta`, `${P}.schedule.day`, `${P}.frequency.evry`]));
  });
});

describe('validateRuleset', () => {
  const ruleset = (...messages: unknown[]) => ({ version: 1, messages });

  it('a valid ruleset has no problems', () => {
    expect(validateRuleset(ruleset(base, { ...base, id: 'other', type: 'post' }))).toEqual({ problems: [], fatal: false });
    expect(validateRuleset(ruleset())).toEqual({ problems: [], fatal: false });
    expect(validateRuleset({ version: 1, messages: [], series: [] })).toEqual({ problems: [], fatal: false });
  });

  it.each<[string, unknown]>([
    ['an array', [base]],
    ['null', null],
    ['a string', 'ruleset'],
    ['a number', 1],
  ])('not an object (%s) is fatal, at $', (_name, doc) => {
    expect(validateRuleset(doc)).toEqual({
      fatal: true,
      problems: [{ path: '$', level: 'error', message: 'the ruleset must be a JSON object', hint: 'like { "version": 1, "messages": [...] }' }],
    });
  });

  it('version 2 is fatal', () => {
    expect(validateRuleset({ version: 2, messages: [] })).toEqual({
      fatal: true, problems: [{ path: '$.version', level: 'error', message: 'unsupported version 2', hint: 'this SDK reads "version": 1' }],
    });
    expect(validateRuleset({ version: '1', messages: [] }).fatal).toBe(true);
    expect(validateRuleset({ messages: [] }).fatal).toBe(true);
  });

  it('no messages list is fatal', () => {
    for (const doc of [{ version: 1 }, { version: 1, messages: {} }, { version: 1, messages: 'none' }]) {
      const result = validateRuleset(doc);
      expect(result.fatal).toBe(true);
      expect(result.problems).toContainEqual({ path: '$.messages', level: 'error', message: 'the ruleset needs a "messages" list' });
    }
  });

  it('unknown top-level keys are warnings, not fatal', () => {
    const result = validateRuleset({ version: 1, messages: [base], comment: 'hi' });
    expect(result).toEqual({ fatal: false, problems: [{ path: '$.comment', level: 'warning', message: 'unknown key "comment" is ignored', hint: 'known keys: version, messages, series' }] });
  });

  it('message problems are not fatal, and each carries the index of its message', () => {
    const result = validateRuleset(ruleset(base, msg({ id: 'b', type: 'modal' }), 'oops', msg({ id: 'd', frquency: {} })));
    expect(result.fatal).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ path: '$.messages[1].type', level: 'error', index: 1 }),
      expect.objectContaining({ path: '$.messages[2]', level: 'error', index: 2 }),
      expect.objectContaining({ path: '$.messages[3].frquency', level: 'warning', index: 3 }),
    ]);
  });

  it('top-level problems carry no index', () => {
    const result = validateRuleset({ version: 1, messages: [], extra: true });
    expect(result.problems[0]).not.toHaveProperty('index');
  });

  it('a duplicate id: the second is the error, at its own path, naming the first', () => {
    const result = validateRuleset(ruleset(base, msg({ type: 'post' }), msg({ id: 'other' }), msg({ type: 'chat' })));
    expect(result.fatal).toBe(false);
    expect(result.problems).toEqual([
      { path: '$.messages[1].id', level: 'error', index: 1, message: 'id "upload-finished" is used twice (first at $.messages[0])', hint: 'every message needs its own id' },
      { path: '$.messages[3].id', level: 'error', index: 3, message: 'id "upload-finished" is used twice (first at $.messages[0])', hint: 'every message needs its own id' },
    ]);
  });

  it('the duplicate-id problem comes first among its message\'s problems', () => {
    const result = validateRuleset(ruleset(base, msg({ type: 'modal' })));
    expect(result.problems.map((p) => p.path)).toEqual(['$.messages[1].id', '$.messages[1].type']);
  });
});

describe('formatProblem', () => {
  it('path, message and hint on one line', () => {
    expect(formatProblem({ path: '$.messages[0].frequency.every', message: '"soon" is not a duration', hint: 'like "1h"', level: 'error' })).toBe(
      '$.messages[0].frequency.every: "soon" is not a duration (like "1h")',
    );
  });

  it('without a hint, no brackets', () => {
    expect(formatProblem({ path: '$.version', message: 'unsupported version 2', level: 'error' })).toBe('$.version: unsupported version 2');
  });
});

describe('validateMessage: survey content', () => {
  /** The example of SPEC section 4b. */
  const EXAMPLE = SPEC_SURVEY_CONTENT;
  const survey = (content: unknown) => ({ id: 'how-was-it', type: 'survey', when: { event: 'uploaded-file' }, content });
  const withQuestions = (...questions: unknown[]) => survey({ questions });
  const q1 = { id: 'q1', type: 'rating', text: 'How was it?' };
  /** q1 (a rating) and a text question shown if `show_if` holds. */
  const shownIf = (show_if: unknown) => withQuestions(q1, { id: 'q2', type: 'text', text: 'Why?', show_if });
  const Q = `${P}.content.questions`;

  it('the SPEC section 4b example has no problems', () => {
    expect(validateMessage(survey(EXAMPLE), P)).toEqual([]);
  });

  it('every question type, with its options, has no problems', () => {
    expect(validateMessage(withQuestions(
      { id: 'stars', type: 'rating', text: 'Stars?', scale: 10, style: 'stars', required: false },
      { id: 'faces', type: 'rating', text: 'Faces?', scale: 3, style: 'emoji' },
      { id: 'nps', type: 'nps', text: 'Recommend?', required: true },
      { id: 'pick', type: 'choice', text: 'Which?', options: ['A', 'B'], multiple: true, other: false },
      { id: 'say', type: 'text', text: 'Anything else, {{user.name | fallback: "friend"}}?' },
    ), P)).toEqual([]);
  });

  it('intro and thanks are optional; when given, objects of title and body strings', () => {
    expect(validateMessage(withQuestions(q1), P)).toEqual([]);
    expect(errors(survey({ intro: 'Hi', questions: [q1] }))).toEqual([
      expect.objectContaining({ path: `${P}.content.intro`, message: 'intro must be an object' }),
    ]);
    expect(errors(survey({ thanks: { title: 1, body: ['<p>x</p>'] }, questions: [q1] }))).toEqual([
      expect.objectContaining({ path: `${P}.content.thanks.title`, message: 'title must be a string' }),
      expect.objectContaining({ path: `${P}.content.thanks.body`, message: 'body must be a string' }),
    ]);
    expect(only(survey({ thanks: { titel: 'Thanks' }, questions: [q1] }))).toEqual({
      path: `${P}.content.thanks.titel`, level: 'warning', message: 'unknown key "titel" is ignored', hint: 'did you mean "title"?',
    });
  });

  it('unknown keys of the content are warnings: a misspelt screen would silently not show', () => {
    expect(only(survey({ questions: [q1], thank_you: { title: 'Thanks' } }))).toEqual({
      path: `${P}.content.thank_you`, level: 'warning', message: 'unknown key "thank_you" is ignored', hint: 'known keys: intro, questions, thanks',
    });
  });

  it('a survey without questions, or with an empty list, is an error', () => {
    for (const content of [{}, { questions: [] }, { questions: {} }, { questions: 'q1' }]) {
      expect(only(survey(content)), JSON.stringify(content)).toEqual({
        path: `${P}.content.questions`, level: 'error', message: 'a survey needs a list of questions',
        hint: 'like [{ "id": "q1", "type": "rating", "text": "How was it?" }]',
      });
    }
  });

  it('a question is an object with an id, a known type and its text', () => {
    expect(only(withQuestions('q1'))).toMatchObject({ path: `${Q}[0]`, level: 'error', message: 'a question must be an object' });
    expect(only(withQuestions({ type: 'text', text: 'Why?' }))).toMatchObject({ path: `${Q}[0].id`, message: 'a question needs an id' });
    expect(only(withQuestions({ id: '', type: 'text', text: 'Why?' }))).toMatchObject({ path: `${Q}[0].id` });
    expect(only(withQuestions({ id: 'q1', type: 'stars', text: 'Why?' }))).toEqual({
      path: `${Q}[0].type`, level: 'error', message: 'unknown question type "stars"', hint: 'type is one of rating, nps, choice, text',
    });
    expect(only(withQuestions({ id: 'q1', type: 'text' }))).toMatchObject({ path: `${Q}[0].text`, message: 'a question needs its text' });
    expect(only(withQuestions({ id: 'q1', type: 'text', text: 5 }))).toMatchObject({ path: `${Q}[0].text` });
  });

  it('question ids are unique within the survey', () => {
    expect(only(withQuestions(q1, { id: 'q2', type: 'nps', text: 'Recommend?' }, { ...q1, text: 'Again?' }))).toMatchObject({
      path: `${Q}[2].id`, level: 'error', message: 'question id "q1" is used twice',
    });
  });

  it('required, multiple and other are booleans', () => {
    expect(errors(withQuestions({ ...q1, required: 'yes' }, { id: 'q2', type: 'choice', text: 'Which?', options: ['A'], multiple: 1, other: 'true' })).map((p) => [p.path, p.message])).toEqual([
      [`${Q}[0].required`, 'required must be true or false'],
      [`${Q}[1].multiple`, 'multiple must be true or false'],
      [`${Q}[1].other`, 'other must be true or false'],
    ]);
  });

  it('a rating scale is a whole number from 3 to 10', () => {
    for (const scale of [3, 5, 10]) expect(validateMessage(withQuestions({ ...q1, scale }), P), String(scale)).toEqual([]);
    for (const scale of [2, 11, 4.5, '5', null]) {
      expect(only(withQuestions({ ...q1, scale })), String(scale)).toMatchObject({ path: `${Q}[0].scale`, level: 'error', message: `scale ${JSON.stringify(scale)} is not a whole number from 3 to 10` });
    }
  });

  it('a rating style is stars or emoji; faces exist for 3 and 5 points only (a warning)', () => {
    expect(only(withQuestions({ ...q1, style: 'hearts' }))).toMatchObject({ path: `${Q}[0].style`, level: 'error', message: 'style "hearts" is not one of stars, emoji' });
    expect(only(withQuestions({ ...q1, style: 'emoji', scale: 7 }))).toEqual({
      path: `${Q}[0].style`, level: 'warning', message: 'there are faces for 3 or 5 points: a scale of 7 shows stars',
    });
  });

  it('a choice needs a non-empty list of different strings', () => {
    const choice = (options: unknown) => withQuestions({ id: 'q1', type: 'choice', text: 'Which?', options });
    for (const options of [undefined, [], 'A, B', ['A', 2], ['A', 'A']]) {
      expect(only(choice(options)), JSON.stringify(options)).toEqual({
        path: `${Q}[0].options`, level: 'error', message: 'a choice needs a list of different options',
        hint: 'like ["Photos", "Video", "Docs"]; "other": true adds an "Other" option with a text field',
      });
    }
  });

  it('keys another type reads are warnings: NPS is always 0 to 10, text has no options', () => {
    expect(only(withQuestions({ id: 'q1', type: 'nps', text: 'Recommend?', scale: 5 }))).toMatchObject({ path: `${Q}[0].scale`, level: 'warning', message: 'unknown key "scale" is ignored' });
    expect(only(withQuestions({ id: 'q1', type: 'text', text: 'Why?', option: ['A'] }))).toMatchObject({ path: `${Q}[0].option`, level: 'warning' });
    expect(only(withQuestions({ id: 'q1', type: 'choice', text: 'Which?', options: ['A'], multipel: true }))).toMatchObject({ path: `${Q}[0].multipel`, hint: 'did you mean "multiple"?' });
  });

  it('show_if names an earlier question, never itself or a later one', () => {
    expect(validateMessage(shownIf({ question: 'q1', op: 'lte', value: 2 }), P)).toEqual([]);
    const earlier = { path: `${Q}[1].show_if.question`, level: 'error', message: 'show_if must name an earlier question', hint: 'like { "question": "q1", "op": "lte", "value": 2 }' };
    expect(only(shownIf({ question: 'q2', op: 'exists' }))).toEqual(earlier);
    expect(only(shownIf({ question: 'q9', op: 'exists' }))).toEqual(earlier);
    expect(only(shownIf({ op: 'exists' }))).toEqual(earlier);
    expect(only(shownIf('q1 <= 2'))).toEqual(earlier);
    const later = withQuestions({ ...q1, show_if: { question: 'q2', op: 'exists' } }, { id: 'q2', type: 'text', text: 'Why?' });
    expect(only(later)).toMatchObject({ path: `${Q}[0].show_if.question` });
  });

  it('a show_if operator is one of the operators of the rules, with a value it can apply to', () => {
    expect(only(shownIf({ question: 'q1', op: '<=', value: 2 }))).toMatchObject({ path: `${Q}[1].show_if.op`, level: 'error', message: 'unknown operator "<="' });
    expect(only(shownIf({ question: 'q1', op: 'lte', value: '2' }))).toEqual({
      path: `${Q}[1].show_if.value`, level: 'error', message: 'lte compares numbers, but the value is "2"', hint: 'write 2 without quotes',
    });
    for (const op of ['is', 'is_not', 'gt', 'gte', 'lt', 'lte']) expect(validateMessage(shownIf({ question: 'q1', op, value: 3 }), P), op).toEqual([]);
    for (const op of ['exists', 'not_exists']) expect(validateMessage(shownIf({ question: 'q1', op }), P), op).toEqual([]);
  });

  it('a show_if that can never hold on the answer is a warning: numbers for ratings and NPS, text for the others', () => {
    expect(only(shownIf({ question: 'q1', op: 'contains', value: 'bad' }))).toEqual({
      path: `${Q}[1].show_if.value`, level: 'warning', message: '"q1" is answered with a number: "bad" never matches',
    });
    const afterChoice = (show_if: unknown) => withQuestions({ id: 'q1', type: 'choice', text: 'Which?', options: ['Photos', 'Video'] }, { id: 'q2', type: 'text', text: 'Why?', show_if });
    expect(validateMessage(afterChoice({ question: 'q1', op: 'is', value: 'Video' }), P)).toEqual([]);
    expect(only(afterChoice({ question: 'q1', op: 'is', value: 2 }))).toMatchObject({ level: 'warning', message: '"q1" is answered with text: 2 never matches' });
  });

  it('unknown keys of show_if are warnings', () => {
    expect(only(shownIf({ question: 'q1', op: 'lte', value: 2, valeu: 3 }))).toMatchObject({ path: `${Q}[1].show_if.valeu`, level: 'warning', hint: 'did you mean "value"?' });
  });

  it('problems of several questions are all reported, in order', () => {
    const result = validateMessage(withQuestions({ id: 'q1', type: 'rating', text: 'A', scale: 1 }, { id: 'q2', type: 'choice', text: 'B' }, { id: 'q3', type: 'text' }), P);
    expect(result.map((p) => p.path)).toEqual([`${Q}[0].scale`, `${Q}[1].options`, `${Q}[2].text`]);
  });
});

describe('survey content: schema/ruleset.v1.json agrees with the validator', () => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const schemaAccepts = ajv.compile(JSON.parse(readFileSync(new URL('../../schema/ruleset.v1.json', import.meta.url), 'utf8')));
  const doc = (content: unknown) => ({ version: 1, messages: [{ id: 's', type: 'survey', content }] });
  const errorFree = (d: unknown) => !validateRuleset(d).problems.some((p) => p.level === 'error');
  const q1 = { id: 'q1', type: 'rating', text: 'How was it?' };
  const questions = (...list: unknown[]) => doc({ questions: list });

  it.each<[string, unknown]>([
    ['the SPEC 4b example', doc(SPEC_SURVEY_CONTENT)],
    ['faces on 3 points', questions({ ...q1, scale: 3, style: 'emoji' })],
    ['a multiple choice', questions({ id: 'q1', type: 'choice', text: 'Which?', options: ['A', 'B'], multiple: true })],
    ['show_if exists without a value', questions(q1, { id: 'q2', type: 'text', text: 'Why?', show_if: { question: 'q1', op: 'exists' } })],
  ])('both accept: %s', (_name, d) => {
    expect(schemaAccepts(d), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(validateRuleset(d).problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['no questions', doc({})],
    ['an empty list of questions', doc({ questions: [] })],
    ['a question without id', questions({ type: 'text', text: 'Why?' })],
    ['a question without text', questions({ id: 'q1', type: 'text' })],
    ['an unknown question type', questions({ id: 'q1', type: 'stars', text: 'Why?' })],
    ['a scale of 11', questions({ ...q1, scale: 11 })],
    ['a scale of 2', questions({ ...q1, scale: 2 })],
    ['an unknown rating style', questions({ ...q1, style: 'hearts' })],
    ['a choice without options', questions({ id: 'q1', type: 'choice', text: 'Which?' })],
    ['a choice with a number option', questions({ id: 'q1', type: 'choice', text: 'Which?', options: ['A', 1] })],
    ['a choice with the same option twice', questions({ id: 'q1', type: 'choice', text: 'Which?', options: ['A', 'A'] })],
    ['required "yes"', questions({ ...q1, required: 'yes' })],
    ['show_if with an unknown operator', questions(q1, { id: 'q2', type: 'text', text: 'Why?', show_if: { question: 'q1', op: '<=', value: 2 } })],
    ['show_if lte with a string', questions(q1, { id: 'q2', type: 'text', text: 'Why?', show_if: { question: 'q1', op: 'lte', value: '2' } })],
    ['show_if without question', questions(q1, { id: 'q2', type: 'text', text: 'Why?', show_if: { op: 'exists' } })],
    ['intro as a string', doc({ intro: 'Hi', questions: [q1] })],
    ['a thanks title as a number', doc({ thanks: { title: 1 }, questions: [q1] })],
  ])('both reject: %s', (_name, d) => {
    expect(schemaAccepts(d)).toBe(false);
    expect(errorFree(d), JSON.stringify(validateRuleset(d).problems)).toBe(false);
  });
});
