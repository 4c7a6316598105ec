import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRuleset } from '../testing/parse';
import { recordResponseBodies } from '../testing/fakes';
import { prepareRuleset } from './check';
import { readCompiled, type CompiledRuleset, type IndexedRuleset } from './parse';

const valid = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'banner', content: { body: 'hi' }, ...extra });

const parsed = (doc: unknown): IndexedRuleset => {
  const result = parseRuleset(doc);
  if (!result.ok) throw new Error(`rejected: ${result.detail}`);
  return result.value;
};

describe('parseRuleset: the whole document', () => {
  it.each<[string, unknown, RegExp]>([
    ['null', null, /must be a JSON object/],
    ['a string', '{"version":1}', /must be a JSON object/],
    ['a number', 1, /must be a JSON object/],
    ['an array', [{ version: 1, messages: [] }], /must be a JSON object/],
    ['undefined', undefined, /must be a JSON object/],
    ['version 2', { version: 2, messages: [] }, /version 2/],
    ['version "1"', { version: '1', messages: [] }, /version "1"/],
    ['no version', { messages: [] }, /version/],
    ['missing messages', { version: 1 }, /"messages"/],
    ['messages not a list', { version: 1, messages: { a: valid('a') } }, /"messages"/],
  ])('rejects %s', (_name, doc, detail) => {
    const result = parseRuleset(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toMatch(detail);
  });

  it('accepts an empty version 1 ruleset', async () => {
    const value = parsed({ version: 1, messages: [] });
    expect((await value.all())).toEqual([]);
    expect(value.pageMessages).toEqual([]);
    expect(value.invalid).toEqual([]);
  });

  it('accepts every message type', async () => {
    const value = parsed({ version: 1, messages: ['banner', 'chat', 'post', 'tour', 'survey'].map((type) => ({ id: type, type, content: (type === 'tour' ? { steps: [{ title: 'Hi' }] } : type === 'survey' ? { questions: [{ id: 'q1', type: 'text', text: 'Hi?' }] } : {}) })) });
    expect((await value.all()).map((m) => m.id)).toEqual(['banner', 'chat', 'post', 'tour', 'survey']);
    expect(value.invalid).toEqual([]);
  });

  it('accepts the example of SPEC section 4', () => {
    const value = parsed({
      version: 1,
      messages: [{
        id: 'upload-finished', type: 'banner', state: 'live', live_at: '2026-11-01T00:00:00Z',
        when: { event: 'uploaded-file', metadata: [{ key: 'duration_s', op: 'gt', value: 120 }, { key: 'left_page', op: 'is', value: true }] },
        where: [{ attr: 'current_url', op: 'contains', value: '/files' }, { attr: 'time_on_page', op: 'gte', value: 10 }],
        audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }],
        frequency: { every: '1h', max: null },
        schedule: { timezone: 'Europe/Dublin', days: ['mon'], from: '09:00', to: '17:30' },
        goal: { event: 'shared-file', within: '7d' },
        content: { body: '<p>{{event.file_name}} is uploaded.</p>', position: 'top', style: 'floating', dismissible: true, action: { label: 'Share it', url: '{{event.file_url}}' } },
      }],
    });
    expect(value.invalid).toEqual([]);
    expect(value.triggered('uploaded-file').map((m) => m.id)).toEqual(['upload-finished']);
  });
});

describe('parseRuleset: invalid messages are skipped alone', () => {
  // Each bad message sits at index 1, between two valid ones; one without a usable id is "#1".
  it.each<[string, unknown, string, RegExp]>([
    ['not an object', 'banner', '#1', /must be an object/],
    ['an array', [valid('x')], '#1', /must be an object/],
    ['null', null, '#1', /must be an object/],
    ['no id', { type: 'banner', content: {} }, '#1', /id undefined/],
    ['a numeric id', { ...valid('x'), id: 7 }, '#1', /id 7/],
    ['an id with a space', valid('a b'), 'a b', /letters, digits/],
    ['an id with a slash', valid('a/b'), 'a/b', /letters, digits/],
    ['an empty id', valid(''), '#1', /letters, digits/],
    ['an unknown type', valid('x', { type: 'modal' }), 'x', /unknown type "modal"/],
    ['no type', { id: 'x', content: {} }, 'x', /unknown type/],
    ['missing content', { id: 'x', type: 'banner' }, 'x', /content is required/],
    ['content not an object', valid('x', { content: 'hi' }), 'x', /content is required/],
    ['content an array', valid('x', { content: [] }), 'x', /content is required/],
    ['a bad state', valid('x', { state: 'paused' }), 'x', /unknown state "paused"/],
    ['a bad live_at', valid('x', { live_at: 'next tuesday-ish' }), 'x', /live_at/],
    ['a numeric live_at', valid('x', { live_at: 1767225600 }), 'x', /live_at/],
    ['when without event', valid('x', { when: { metadata: [] } }), 'x', /\$\.messages\[1\]\.when\.event: when needs the name of the event/],
    ['when with an empty event', valid('x', { when: { event: '  ' } }), 'x', /when needs the name of the event/],
    ['when with a list of events', valid('x', { when: { event: ['a', 'b'] } }), 'x', /exactly one event rule/],
    ['when a string', valid('x', { when: 'signup' }), 'x', /when needs the name of the event/],
    ['an unknown metadata operator', valid('x', { when: { event: 'e', metadata: [{ key: 'k', op: 'matches', value: 1 }] } }), 'x', /when\.metadata\[0\]\.op: unknown operator "matches"/],
    ['a metadata rule without key', valid('x', { when: { event: 'e', metadata: [{ attr: 'k', op: 'is', value: 1 }] } }), 'x', /needs "key"/],
    ['an unknown where operator', valid('x', { where: [{ attr: 'current_url', op: 'like', value: '/' }] }), 'x', /where\[0\]\.op: unknown operator "like"/],
    ['a where rule without attr', valid('x', { where: [{ key: 'current_url', op: 'is', value: '/' }] }), 'x', /where\[0\]\.attr: a where condition needs "attr"/],
    ['an unknown audience operator nested in any', valid('x', { audience: { any: [{ attr: 'user.plan', op: 'is', value: 'a' }, { attr: 'user.plan', op: 'nope' }] } }), 'x', /audience\.any\[1\]\.op: unknown operator "nope"/],
    ['an unknown operator nested two deep', valid('x', { audience: [{ all: [{ any: [{ attr: 'user.a', op: 'eq' }] }] }] }), 'x', /unknown operator "eq"/],
    ['a condition that is not an object', valid('x', { where: ['current_url contains /'] }), 'x', /must be an object/],
    ['a missing operator', valid('x', { where: [{ attr: 'current_url', value: '/' }] }), 'x', /unknown operator undefined/],
    ['frequency.every "soon"', valid('x', { frequency: { every: 'soon' } }), 'x', /frequency\.every: "soon" is not a duration/],
    ['frequency.every "1.5h"', valid('x', { frequency: { every: '1.5h' } }), 'x', /frequency\.every/],
    ['frequency.every a number', valid('x', { frequency: { every: 3600 } }), 'x', /frequency\.every: 3600 is not a duration/],
    ['frequency a string', valid('x', { frequency: '1h' }), 'x', /frequency must be an object/],
    ['frequency.max negative', valid('x', { frequency: { max: -1 } }), 'x', /frequency\.max/],
    ['frequency.max fractional', valid('x', { frequency: { max: 1.5 } }), 'x', /frequency\.max/],
    ['frequency.max a string', valid('x', { frequency: { max: '3' } }), 'x', /frequency\.max/],
    ['frequency.max Infinity', valid('x', { frequency: { max: Infinity } }), 'x', /frequency\.max/],
  ])('%s', async (_name, bad, id, detail) => {
    const value = parsed({ version: 1, messages: [valid('before'), bad, valid('after')] });
    expect(value.invalid).toHaveLength(1);
    expect(value.invalid[0]!.id).toBe(id);
    expect(value.invalid[0]!.detail).toMatch(detail);
    // The valid neighbours are untouched.
    expect((await value.all()).map((m) => m.id)).toEqual(['before', 'after']);
    expect(value.pageMessages.map((m) => m.id)).toEqual(['before', 'after']);
  });

  it('a duplicate id: the first one stays, the second is invalid', () => {
    const first = valid('dup', { content: { body: 'first' } });
    const value = parsed({ version: 1, messages: [first, valid('dup', { content: { body: 'second' } })] });
    expect(value.byId.get('dup')).toBe(first);
    expect(value.pageMessages).toEqual([first]);
    expect(value.invalid).toEqual([{ index: 1, id: 'dup', detail: expect.stringMatching(/used twice/) }]);
  });

  it('lists every invalid message, in order, each with its own detail', async () => {
    const value = parsed({
      version: 1,
      messages: [valid('a', { type: 'toast' }), valid('ok'), valid('b', { state: 'off' }), valid('c', { frequency: { every: 'soon' } })],
    });
    expect(value.invalid.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(new Set(value.invalid.map((i) => i.detail)).size).toBe(3);
    expect((await value.all()).map((m) => m.id)).toEqual(['ok']);
  });

  it.each(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'])(
    'an inherited name %j is an unknown operator',
    (op) => {
      const value = parsed({ version: 1, messages: [valid('x', { where: [{ attr: 'current_url', op, value: '/' }] })] });
      expect(value.invalid).toEqual([{ index: 0, id: 'x', detail: expect.stringContaining(`$.messages[0].where[0].op: unknown operator ${JSON.stringify(op)}`) }]);
    },
  );

  it.each<[string, Record<string, unknown>]>([
    ['state stopped', { state: 'stopped' }],
    ['state live', { state: 'live' }],
    ['frequency.max 0', { frequency: { max: 0 } }],
    ['frequency.max null', { frequency: { every: '2w', max: null } }],
    ['an empty frequency', { frequency: {} }],
    ['a live_at with an offset', { live_at: '2026-11-01T09:00:00+01:00' }],
    ['empty condition lists', { where: [], audience: [] }],
    ['a single rule as where', { where: { all: [{ attr: 'referrer', op: 'exists' }] } }],
  ])('accepts %s', (_name, extra) => {
    const value = parsed({ version: 1, messages: [valid('x', extra)] });
    expect(value.invalid).toEqual([]);
    expect(value.byId.has('x')).toBe(true);
  });
});

describe('parseRuleset: indexes', () => {
  it('indexes event messages by their trimmed event name, in order, and page messages apart', async () => {
    const a = valid('a', { when: { event: '  uploaded-file ' } });
    const b = valid('b', { when: { event: 'uploaded-file' } });
    const c = valid('c', { when: { event: 'signed-up' } });
    const p = valid('p');
    const q = valid('q', { where: [{ attr: 'current_url', op: 'contains', value: '/pricing' }] });
    const value = parsed({ version: 1, messages: [a, p, b, c, q] });
    expect(value.triggered('uploaded-file')).toEqual([a, b]);
    expect(value.triggered('signed-up')).toEqual([c]);
    expect(value.triggered('  uploaded-file ')).toEqual([]);
    expect(value.pageMessages).toEqual([p, q]);
    expect((await value.all()).map((m) => m.id).sort()).toEqual(['a', 'b', 'c', 'p', 'q']);
  });

  it('event names are case-sensitive keys', () => {
    const value = parsed({ version: 1, messages: [valid('a', { when: { event: 'Signup' } })] });
    expect(value.triggered('Signup')).toHaveLength(1);
    expect(value.triggered('signup')).toEqual([]);
  });

  it('the head holds what is needed before any event or by id: page, series, tour, survey, goal and scheduled messages', () => {
    const on = (event: string) => ({ when: { event } });
    const doc = {
      version: 1,
      messages: [
        valid('page'),
        valid('plain', on('a')),
        { id: 'tour', type: 'tour', ...on('a'), content: { steps: [{ title: 'Hi' }] } },
        { id: 'survey', type: 'survey', ...on('b'), content: { questions: [{ id: 'q1', type: 'text', text: 'Hi?' }] } },
        valid('goal', { ...on('a'), goal: { event: 'shared', within: '1d' } }),
        valid('scheduled', { ...on('b'), schedule: { timezone: 'UTC', days: ['mon'] } }),
        valid('in-series', on('a')),
      ],
      series: [{ id: 's', entry: { event: 'signed-up' }, blocks: [{ message: 'in-series' }] }],
    };
    const prepared = prepareRuleset(doc);
    if (!prepared.ok) throw new Error(prepared.detail);
    expect(prepared.head.messages.map((m) => m.id)).toEqual(['page', 'tour', 'survey', 'goal', 'scheduled', 'in-series']);
    // A message of a series is shown by its series only.
    expect([...prepared.events].map(([name, list]) => [name, list.map((m) => m.id)])).toEqual([['a', ['plain', 'tour', 'goal']], ['b', ['survey', 'scheduled']]]);
    const value = parsed(doc);
    expect([...value.byId.keys()]).toEqual(['page', 'tour', 'survey', 'goal', 'scheduled', 'in-series']);
    expect(value.pageMessages.map((m) => m.id)).toEqual(['page']);
    expect(value.byGoal.get('shared')?.map((m) => m.id)).toEqual(['goal']);
    expect(value.triggered('a').map((m) => m.id)).toEqual(['plain', 'tour', 'goal']);
  });
});

describe('compiled rulesets (the cache)', () => {
  const doc = {
    version: 1,
    messages: [
      valid('page'),
      valid('a1', { when: { event: 'a' } }),
      valid('goal', { when: { event: 'a' }, goal: { event: 'shared', within: '1d' } }),
      valid('b1', { when: { event: 'b' } }),
      valid('bad', { type: 'toast', when: { event: 'b' } }),
    ],
  };
  const compiled = async () => {
    const prepared = prepareRuleset(doc);
    if (!prepared.ok) throw new Error(prepared.detail);
    return prepared.compile(async () => {});
  };

  it('reads back as the same index: an event\'s messages are parsed when the event first comes, a head message stays one object', async () => {
    const fromDoc = parsed(doc);
    const read = readCompiled(await compiled());
    expect(read.pageMessages).toEqual(fromDoc.pageMessages);
    expect(read.invalid).toEqual(fromDoc.invalid);
    expect(await read.load('a')).toBe(true);
    expect(read.triggered('a')).toEqual(fromDoc.triggered('a'));
    expect(read.triggered('a')).toBe(read.triggered('a'));
    expect(read.triggered('a')[1]).toBe(read.byGoal.get('shared')![0]);
    expect(read.triggered('b').map((m) => m.id)).toEqual(['b1']);
    expect((await read.all()).map((m) => m.id).sort()).toEqual(['a1', 'b1', 'goal', 'page']);
  });

  it('an event\'s messages are text until that event comes, found by the index', async () => {
    const { head, events: blob, index } = await compiled();
    expect(blob).toBeInstanceOf(Blob);
    const events = await (blob as Blob).text();
    expect(JSON.parse(head).messages.map((m: { id: string }) => m.id)).toEqual(['page', 'goal']);
    const places = JSON.parse(index) as Record<string, [number, number]>;
    expect(Object.keys(places)).toEqual(['a', 'b']);
    expect(JSON.parse(events.slice(...places.a!))).toEqual([doc.messages[1], 1]);
    expect(JSON.parse(events.slice(...places.b!))).toEqual([doc.messages[3]]);
    expect(places.b![1]).toBe(events.length);
  });

  it('gives the main thread back every 250 events while compiling, and makes the Blob a part of 250 events at a time', async () => {
    const many = { version: 1, messages: Array.from({ length: 600 }, (_, i) => valid(`m${i}`, { when: { event: `e${i}` } })) };
    const prepared = prepareRuleset(many);
    if (!prepared.ok) throw new Error(prepared.detail);
    const steps: string[] = [];
    // Each Blob made, by the number and kind of its parts.
    vi.stubGlobal('Blob', class extends Blob {
      constructor(parts: BlobPart[]) {
        super(parts);
        steps.push(`blob of ${parts.length} ${parts.every((p) => p instanceof Blob) ? 'blobs' : 'lists'}`);
      }
    });
    const { events, index } = await prepared.compile(async () => void steps.push('pause'));
    vi.unstubAllGlobals();
    expect(steps).toEqual(['blob of 250 lists', 'pause', 'blob of 250 lists', 'pause', 'blob of 100 lists', 'blob of 3 blobs']);
    const places = JSON.parse(index) as Record<string, [number, number]>;
    expect(Object.keys(places)).toHaveLength(600);
    const text = await (events as Blob).text();
    for (const i of [0, 249, 250, 599]) expect(JSON.parse(text.slice(...places[`e${i}`]!))).toEqual([many.messages[i]]);
  });

  it.each<[string, (c: CompiledRuleset) => CompiledRuleset]>([
    ['a head that is not JSON', (c) => ({ ...c, head: '{"messages": [' })],
    ['a head that is not text', (c) => ({ ...c, head: {} as unknown as string })],
    ['a head with junk messages', (c) => ({ ...c, head: JSON.stringify({ messages: [null], series: [], invalid: [] }) })],
    ['a junk series', (c) => ({ ...c, head: JSON.stringify({ messages: [], series: [{ id: 's' }], invalid: [] }) })],
    ['an index that is not text', (c) => ({ ...c, index: undefined as unknown as string })],
    ['an index that is not JSON', (c) => ({ ...c, index: '{"a": [0' })],
  ])('%s does not read: no cache', async (_name, damage) => {
    const damaged = damage(await compiled());
    expect(() => readCompiled(damaged)).toThrow();
  });

  it.each<[string, Partial<CompiledRuleset>]>([
    ['events that are not text', { events: [] as unknown as string }],
    ['an index that is null', { index: 'null' }],
    ['an index that is a number', { index: '7' }],
    ['an index entry that is not a place', { index: '{"a": "here", "b": null}' }],
  ])('%s: events trigger nothing, page messages still show, nothing throws', async (_name, damage) => {
    const read = readCompiled({ ...(await compiled()), ...damage });
    await read.load('a');
    expect(read.triggered('a')).toEqual([]);
    expect(read.triggered('b')).toEqual([]);
    expect(read.pageMessages.map((m) => m.id)).toEqual(['page']);
  });

  it('a damaged event list gives that event no messages, and no error', async () => {
    const c = await compiled();
    const junk = JSON.stringify([null, 42, 'x', { id: 7 }, 99, doc.messages[3]]);
    const read = readCompiled({ ...c, events: `[{"id": ${junk}`, index: JSON.stringify({ a: [0, 8], b: [8, 8 + junk.length] }) });
    expect(await read.load('a')).toBe(true);
    expect(read.triggered('a')).toEqual([]);
    expect(read.triggered('b').map((m) => m.id)).toEqual(['b1']);
  });

  describe('the lists, read when first needed', () => {
    /** Counts the reads of the lists: readCompiled reads them through a Response. */
    const countReads = recordResponseBodies;
    afterEach(() => void vi.unstubAllGlobals());

    it('are not read for the head, nor for an event that has no messages', async () => {
      const reads = countReads();
      const read = readCompiled(await compiled());
      expect(read.pageMessages.map((m) => m.id)).toEqual(['page']);
      expect(read.byGoal.get('shared')!.map((m) => m.id)).toEqual(['goal']);
      expect(await read.load('signed-up')).toBe(true);
      expect(read.triggered('signed-up')).toEqual([]);
      expect(reads).toHaveLength(0);
    });

    it('are read once, at the first event that has messages, for every event after it', async () => {
      const reads = countReads();
      const read = readCompiled(await compiled());
      const order: string[] = [];
      const loads = ['a', 'signed-up', 'b'].map((event) => read.load(event).then((ok) => void order.push(`${event} ${ok}`)));
      await Promise.all(loads);
      expect(reads).toHaveLength(1);
      // Events still come out in the order they went in, the one without messages included.
      expect(order).toEqual(['a true', 'signed-up true', 'b true']);
      expect(read.triggered('b').map((m) => m.id)).toEqual(['b1']);
      expect(await read.load('a')).toBe(true);
      expect(reads).toHaveLength(1);
    });

    it('that cannot be read (the cache\'s Blob is gone) resolve load to false, for every event after', async () => {
      const gone = new ReadableStream({ pull: (c) => c.error(new DOMException('gone', 'NotReadableError')) });
      const read = readCompiled({ ...(await compiled()), events: gone as unknown as Blob });
      expect(await read.load('signed-up')).toBe(true);
      expect(await read.load('a')).toBe(false);
      expect(await read.load('signed-up')).toBe(false);
      expect(read.triggered('a')).toEqual([]);
    });

    it('a ruleset fresh from the network has them in memory: load is at once true', async () => {
      const fresh = parsed(doc);
      expect(await fresh.load('a')).toBe(true);
      expect(fresh.triggered('a').map((m) => m.id)).toEqual(['a1', 'goal']);
    });
  });

  it('events named like Object.prototype\'s members are events like any other', async () => {
    const names = ['__proto__', 'toString', 'constructor'];
    const prepared = prepareRuleset({ version: 1, messages: names.map((name) => valid(name, { when: { event: name } })) });
    if (!prepared.ok) throw new Error(prepared.detail);
    const read = readCompiled(await prepared.compile(async () => {}));
    await read.load('hasOwnProperty');
    expect(read.triggered('hasOwnProperty')).toEqual([]);
    await read.load('toString');
    for (const name of names) expect(read.triggered(name).map((m) => m.id)).toEqual([name]);
    expect(read.triggered('hasOwnProperty')).toEqual([]);
    expect((await read.all()).map((m) => m.id)).toEqual(names);
  });

});
