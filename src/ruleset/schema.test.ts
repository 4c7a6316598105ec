import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { validateRuleset } from './validate';

const root = new URL('../../', import.meta.url);
const readJson = (path: string | URL) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const schema = readJson(new URL('schema/ruleset.v1.json', root)) as Record<string, unknown>;

function compile() {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = compile();
const schemaAccepts = (doc: unknown) => validate(doc) === true;
const validatorAccepts = (doc: unknown) => !validateRuleset(doc).problems.some((p) => p.level === 'error');

/** The example of SPEC section 4, verbatim. */
const SPEC_EXAMPLE = `{
  "version": 1,
  "messages": [
    {
      "id": "upload-finished",
      "type": "banner",
      "state": "live",
      "live_at": "2026-11-01T00:00:00Z",
      "when": {
        "event": "uploaded-file",
        "metadata": [
          { "key": "duration_s", "op": "gt", "value": 120 },
          { "key": "left_page", "op": "is", "value": true }
        ]
      },
      "where": [
        { "attr": "current_url", "op": "contains", "value": "/files" },
        { "attr": "time_on_page", "op": "gte", "value": 10 }
      ],
      "audience": [ { "attr": "user.plan", "op": "is", "value": "pro" } ],
      "frequency": { "every": "1h", "max": null },
      "schedule": { "timezone": "Europe/Dublin", "days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "17:30" },
      "goal": { "event": "shared-file", "within": "7d" },
      "content": { "body": "<p>{{event.file_name}} is uploaded.</p>", "position": "top", "style": "floating", "dismissible": true,
                   "action": { "label": "Share it", "url": "{{event.file_url}}" } }
    }
  ]
}`;
const SPEC_PATH = '/work/shared/SPEC.md';

/** The first ```json block after `heading` in a markdown file. */
const jsonBlockAfter = (markdown: string, heading: string) => {
  const rest = markdown.slice(markdown.indexOf(heading));
  const match = /```json\n([\s\S]*?)\n```/.exec(rest);
  if (!match) throw new Error(`no json block after ${heading}`);
  return match[1]!;
};

describe('schema/ruleset.v1.json', () => {
  it('compiles under Ajv in strict mode, with formats', () => {
    expect(compile).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.skipIf(!existsSync(SPEC_PATH))('the example here is the one in SPEC section 4', () => {
    expect(JSON.parse(jsonBlockAfter(readFileSync(SPEC_PATH, 'utf8'), '## 4. The ruleset'))).toEqual(JSON.parse(SPEC_EXAMPLE));
  });

  it('the SPEC section 4 example is valid, for the schema and for the validator', () => {
    const doc = JSON.parse(SPEC_EXAMPLE);
    expect(schemaAccepts(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validateRuleset(doc)).toEqual({ problems: [], fatal: false });
  });

  it('the README example is valid', () => {
    const doc = JSON.parse(jsonBlockAfter(readFileSync(new URL('README.md', root), 'utf8'), '## The ruleset'));
    expect(schemaAccepts(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validateRuleset(doc)).toEqual({ problems: [], fatal: false });
  });

  const demos = readdirSync(new URL('demo/rulesets/', root)).filter((f) => f.endsWith('.json'));

  it('there are demo rulesets to check', () => {
    expect(demos.length).toBeGreaterThan(0);
  });

  it.each(demos)('demo/rulesets/%s is valid, for the schema and for the validator', (file) => {
    const doc = readJson(new URL(`demo/rulesets/${file}`, root));
    expect(schemaAccepts(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validateRuleset(doc)).toEqual({ problems: [], fatal: false });
  });
});

describe('the schema and validateRuleset agree', () => {
  const message = (extra: Record<string, unknown> = {}) => ({ id: 'm', type: 'banner', content: { body: '<p>hi</p>' }, ...extra });
  const doc = (...messages: unknown[]) => ({ version: 1, messages });
  const meta = (rule: Record<string, unknown>) => doc(message({ when: { event: 'uploaded-file', metadata: [rule] } }));

  it.each<[string, unknown]>([
    ['the bare minimum', doc(message())],
    ['no messages at all', doc()],
    ['a series beside the messages', { version: 1, messages: [message()], series: [] }],
    ['every type', doc(...['banner', 'chat', 'post', 'tour', 'survey'].map((type) => ({ id: type, type, content: (type === 'tour' ? { steps: [{ title: 'Hi' }] } : type === 'survey' ? { questions: [{ id: 'q1', type: 'text', text: 'Hi?' }] } : {}) })))],
    ['nested any / all', doc(message({ audience: { any: [{ attr: 'user.plan', op: 'is', value: 'pro' }, { all: [{ attr: 'user.seats', op: 'gte', value: 5 }] }] } }))],
    ['a window across midnight', doc(message({ schedule: { timezone: 'Europe/Dublin', days: ['fri'], from: '22:00', to: '06:00' } }))],
    ['start_at and end_at', doc(message({ schedule: { start_at: '2026-12-01T00:00:00Z', end_at: '2026-12-24T00:00:00Z' } }))],
    ['date operators', meta({ key: 'at', op: 'more_than_ago', value: '2d' })],
    ['exists without a value', meta({ key: 'file', op: 'exists' })],
    ['a stopped message with max 0', doc(message({ state: 'stopped', frequency: { every: '0s', max: 0 } }))],
  ])('both accept: %s', (_name, d) => {
    expect(schemaAccepts(d), JSON.stringify(validate.errors)).toBe(true);
    expect(validateRuleset(d).problems).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['not an object', [message()]],
    ['version 2', { version: 2, messages: [message()] }],
    ['no version', { messages: [message()] }],
    ['no messages', { version: 1 }],
    ['missing content', doc({ id: 'm', type: 'banner' })],
    ['missing type', doc({ id: 'm', content: {} })],
    ['unknown type', doc(message({ type: 'modal' }))],
    ['an id with a space', doc(message({ id: 'my message' }))],
    ['unknown state', doc(message({ state: 'paused' }))],
    ['unknown operator', meta({ key: 'plan', op: 'equals', value: 'pro' })],
    ['"soon" in frequency.every', doc(message({ frequency: { every: 'soon' } }))],
    ['"soon" in goal.within', doc(message({ goal: { event: 'shared-file', within: 'soon' } }))],
    ['"soon" in more_than_ago', meta({ key: 'at', op: 'more_than_ago', value: 'soon' })],
    ['two events as a list', doc(message({ when: { event: ['uploaded-file', 'shared-file'] } }))],
    ['two events under "events"', doc(message({ when: { events: ['uploaded-file', 'shared-file'] } }))],
    ['when as a list', doc(message({ when: [{ event: 'uploaded-file' }, { event: 'shared-file' }] }))],
    ['when without event', doc(message({ when: { metadata: [] } }))],
    ['gt with a string value', meta({ key: 'duration_s', op: 'gt', value: '120' })],
    ['contains with a number', meta({ key: 'name', op: 'contains', value: 5 })],
    ['is with an object', meta({ key: 'plan', op: 'is', value: { a: 1 } })],
    ['a metadata rule with attr for key', meta({ attr: 'plan', op: 'is', value: 'pro' })],
    ['an unknown where attribute', doc(message({ where: [{ attr: 'page_title', op: 'exists' }] }))],
    ['an audience attribute without user.', doc(message({ audience: [{ attr: 'plan', op: 'is', value: 'pro' }] }))],
    ['frequency.max 1.5', doc(message({ frequency: { max: 1.5 } }))],
    ['a schedule time "9:00"', doc(message({ schedule: { from: '9:00', to: '17:00' } }))],
    ['a schedule day "monday"', doc(message({ schedule: { days: ['monday'] } }))],
    ['schedule days as one string', doc(message({ schedule: { days: 'mon' } }))],
    ['a goal without event', doc(message({ goal: { within: '7d' } }))],
    ['a banner position "middle"', doc(message({ content: { position: 'middle' } }))],
    ['a banner style "sticky"', doc(message({ content: { style: 'sticky' } }))],
    ['a banner action without label', doc(message({ content: { action: { url: '/x' } } }))],
  ])('both reject: %s', (_name, d) => {
    expect(schemaAccepts(d)).toBe(false);
    expect(validatorAccepts(d), JSON.stringify(validateRuleset(d).problems)).toBe(false);
  });
});
