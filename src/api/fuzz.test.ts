/**
 * Bad input (issue 5, point 7): random values at every public call, through
 * `createIntercom` over the real runtime. No call throws, nothing rejects unhandled, a
 * rejected call changes nothing (one warning, same state), a valid call afterwards still
 * works, and listeners that throw stop neither the others nor Herald.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '../engine/types';
import { memoryStore } from '../storage/store';
import { checkNow, extrasNow, createFakeEnv, createFakeWidgets, flush, jsonResponse } from '../testing/fakes';
import { createIntercom } from './install';

const T = Date.parse('2026-06-15T12:00:00Z');
const SETTINGS = { app_id: 'app', ruleset_url: 'https://rules.test/ruleset.json', name: 'Ada' };
const RULESET = {
  version: 1,
  messages: [
    { id: 'hello', type: 'banner', when: { event: 'signed-up' }, frequency: { every: '1s' }, content: { body: '<p>Hi {{user.name}} on {{event.plan}}</p>' } },
    { id: 'chat', type: 'chat', when: { event: 'chatty' }, frequency: { every: '1s' }, content: { from: { name: 'Ada' }, body: '<p>How is it?</p>' } },
    { id: 'tour', type: 'tour', when: { event: 'never' }, content: { steps: [{ title: 'One' }] } },
  ],
};
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Every command Herald knows, and names that trip careless lookups. */
const COMMANDS = [
  'boot', 'update', 'shutdown', 'trackEvent', 'hide', 'onDecision', 'onReply', 'onSurveyAnswer', 'startTour', 'startSurvey',
  'getVisitorId', 'show', 'showMessages', 'onShow', 'reattach_activator',
];
const ODD_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'then', 'debug', 'Boot', ' boot'];

// --- Values that break careless code, each made fresh -------------------------------------

const boom = (where: string) => () => { throw new Error(`hostile ${where}`); };
const throwingProxy = (target: object = {}) => new Proxy(target, {
  get: boom('get'), has: boom('has'), ownKeys: boom('ownKeys'), getOwnPropertyDescriptor: boom('descriptor'),
  getPrototypeOf: boom('prototype'), set: boom('set'), defineProperty: boom('define'), apply: boom('apply'),
});
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const unprintable = () => ({ toString: boom('toString'), valueOf: boom('valueOf'), [Symbol.toPrimitive]: boom('toPrimitive'), toJSON: boom('toJSON') });
const throwingGetters = () => Object.defineProperties({ plan: 'pro' }, {
  name: { enumerable: true, get: boom('getter') },
  app_id: { enumerable: true, get: boom('app_id getter') },
});
const cyclic = () => {
  const o: Record<string, unknown> = { plan: 'pro' };
  o.self = o;
  o.list = [o, [o]];
  return o;
};
const manyKeys = () => Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
/** A getter that answers well once, then otherwise: a value checked, then read again. */
const flaky = (key: string, first: unknown, then: () => unknown) => {
  let reads = 0;
  return Object.defineProperty({ ruleset_url: 'https://rules.test/ruleset.json', plan: 'pro' }, key, { enumerable: true, get: () => (reads++ ? then() : first) });
};
const nullProto = () => Object.assign(Object.create(null), { plan: 'pro', toString: 'not a function' });

const MAKERS: (() => unknown)[] = [
  throwingProxy, () => throwingProxy(() => {}), revoked, unprintable, throwingGetters, cyclic, manyKeys, nullProto,
  () => flaky('app_id', 'app', boom('second read')), () => flaky('app_id', 'app', () => 'other-app'), () => flaky('name', 'Ada', boom('second read')),
  () => Symbol('hostile'), () => Symbol.iterator, () => 10n ** 40n, () => -0, () => NaN, () => Infinity,
  () => new Date(Number.NaN), () => /re/g, () => new Map([['plan', 'pro']]), () => new Set([1]), () => new WeakMap(),
  () => new Uint8Array(4), () => new Promise(() => {}), () => Object.freeze({ plan: 'pro' }), () => [, , 1], // eslint-disable-line no-sparse-arrays
  () => new (class Custom { plan = 'pro'; })(), () => new Error('an error'), () => function named() {}, () => boom('called'),
  () => 'x'.repeat(1_000_000), () => '🙂'.repeat(50_000), () => '\uD800', () => '\u0000', () => '\u202Eevil', () => '',
  () => '   ', () => 'a'.repeat(255), () => 'a'.repeat(256), () => '{{user.secret}}', () => '<img src=x onerror=alert(1)>',
];
/**
 * fast-check itself looks into the values it makes (a Proxy that throws would break it):
 * arbitraries make descriptions, and `realize` makes the values, fresh, at call time.
 */
type Desc = { make: number } | { value: unknown } | { dict: [string, Desc][] };
const realize = (d: Desc): unknown => ('make' in d ? MAKERS[d.make]!() : 'value' in d ? d.value : Object.fromEntries(d.dict.map(([k, v]) => [k, realize(v)])));
/** The description of a value made by `maker`: for the examples every run tries first. */
const mk = (maker: () => unknown): Desc => ({ make: MAKERS.indexOf(maker) });
const ANYTHING = { withBigInt: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withDate: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true } as const;
const hostile: fc.Arbitrary<Desc> = fc.oneof(
  { weight: 3, arbitrary: fc.nat(MAKERS.length - 1).map((make) => ({ make })) },
  { weight: 3, arbitrary: fc.anything(ANYTHING).map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((value) => ({ value })) },
);
const plain = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Desc> => arb.map((value) => ({ value }));
/** Settings-shaped objects: the keys Herald reads, with hostile values. */
const SETTING_KEYS = ['app_id', 'user_id', 'email', 'name', 'ruleset_url', 'events_url', 'debug', 'debug_tools', 'datalayer_events', 'alignment', 'z_index', 'action_color', 'horizontal_padding', 'created_at', 'company', 'plan', '__proto__', 'constructor'];
const settingsLike: fc.Arbitrary<Desc> = fc.array(fc.tuple(fc.constantFrom(...SETTING_KEYS), hostile), { maxLength: 6 }).map((dict) => ({ dict }));
/** Metadata-shaped objects: some good values, some hostile. */
const metadataLike: fc.Arbitrary<Desc> = fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('plan', '__proto__', 'constructor', 'created_at')), fc.oneof(hostile, plain(fc.string()), plain(fc.integer()))), { maxLength: 25 }).map((dict) => ({ dict }));
const argument = fc.oneof(hostile, settingsLike, metadataLike);
/** Values of `arb` whose realized value passes `test`. */
const where = (arb: fc.Arbitrary<Desc>, test: (v: unknown) => boolean) => arb.filter((d) => test(realize(d)));

/** A random call: a known command (or an odd name, or any value), with hostile arguments. */
const call = fc.tuple(
  fc.oneof({ weight: 5, arbitrary: plain(fc.constantFrom(...COMMANDS)) }, { weight: 1, arbitrary: plain(fc.constantFrom(...ODD_NAMES)) }, { weight: 1, arbitrary: hostile }),
  fc.array(argument, { maxLength: 4 }),
);

// --- The harness ---------------------------------------------------------------------------

function harness() {
  const data = new Map<string, unknown>();
  const fake = createFakeEnv({ now: T, fetch: async () => jsonResponse(RULESET), store: memoryStore(data) });
  const widgets = createFakeWidgets();
  const { intercom } = createIntercom(fake.env, widgets.loadWidget, checkNow, extrasNow);
  const heard: Decision[] = [];
  intercom('onDecision', (d: Decision) => void heard.push(d));
  /** Everything a call could change, as plain data. */
  const state = () => JSON.stringify({
    visitor: intercom('getVisitorId'), shown: widgets.shownIds(), hidden: widgets.hidden, heard, local: [...fake.local], session: [...fake.session],
    store: [...data], fetches: fake.fetches.length, timers: fake.timers(), beacons: fake.beacons.length,
  });
  /** A valid event shows `hello` (after its frequency interval, with the screen cleared). */
  const stillWorks = async () => {
    fake.advance(2000);
    intercom('hide');
    intercom('boot', SETTINGS);
    await flush();
    const from = heard.length;
    intercom('trackEvent', 'signed-up', { plan: 'pro' });
    await flush();
    return heard.slice(from).some((d) => d.message_id === 'hello' && d.outcome === 'shown');
  };
  return { fake, widgets, intercom, heard, state, stillWorks };
}

/** Rejections nobody handled: each one would reach the page's `unhandledrejection`. */
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));
beforeEach(() => void (unhandled.length = 0));
/** Lets late rejections of the run before surface, then forgets them: each run is judged alone. */
const fresh = async () => {
  await flush();
  unhandled.length = 0;
};

/** What a value looks like in a failure report, without touching it. */
const show = (v: unknown) => {
  try {
    return typeof v === 'string' ? JSON.stringify(v.slice(0, 60)) : typeof v === 'symbol' || typeof v === 'bigint' ? String(v) : fc.stringify(v).slice(0, 80);
  } catch {
    return `(${typeof v})`;
  }
};

describe('fuzz: random calls never throw, and Herald keeps working', { timeout: 120_000 }, () => {
  it(`${RUNS} random sequences of calls, booted or not`, async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(call, { maxLength: 20 }), async (booted, calls) => {
      await fresh();
      const h = harness();
      if (booted) h.intercom('boot', SETTINGS);
      for (const [c, a] of calls) {
        const command = realize(c);
        const args = a.map(realize);
        try {
          h.intercom(command as string, ...args);
        } catch (error) {
          throw new Error(`Intercom(${show(command)}, ${args.map(show).join(', ')}) threw: ${show(error)}`);
        }
        h.fake.advance(5);
      }
      await flush();
      expect(unhandled.map(show), 'rejections nobody handled').toEqual([]);
      expect(await h.stillWorks(), 'a valid trackEvent afterwards shows the message').toBe(true);
    }), {
      numRuns: RUNS,
      // Found by earlier runs; tried first, every time.
      examples: [
        [true, [[mk(revoked), []]]],
        [false, [[{ value: 'update' }, [{ dict: [['user_id', mk(throwingProxy)]] }]]]],
        [false, [[{ value: 'update' }, [{ dict: [['__proto__', mk(throwingProxy)], ['plan', { value: {} }]] }]]]],
        [true, [[{ value: 'update' }, [{ dict: [['email', mk(throwingProxy)], ['events_url', { value: '/events' }]] }]]]],
        [true, [[{ value: 'update' }, [{ dict: [['user_id', { value: 10n }], ['events_url', { value: '/events' }]] }]]]],
        [true, [[{ value: 'trackEvent' }, [{ value: 'signed-up' }, mk(throwingGetters)]]]],
      ],
    });
  });

  it('the debug tools never throw either, on or off', async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(fc.tuple(fc.constantFrom('debug:travel', 'debug:loadRuleset', 'debug:history', 'debug:resetHistory'), fc.array(argument, { maxLength: 2 })), { maxLength: 8 }), async (on, calls) => {
      await fresh();
      const h = harness();
      h.intercom('boot', { ...SETTINGS, debug_tools: on });
      await flush();
      for (const [command, args] of calls) expect(() => h.intercom(command, ...args.map(realize))).not.toThrow();
      await flush();
      expect(unhandled.map(show)).toEqual([]);
    }), { numRuns: RUNS, examples: [[true, [['debug:loadRuleset', [mk(throwingProxy)]]]], [true, [['debug:travel', [mk(revoked)]]]]] });
  });
});

/** Calls Herald must refuse: each gets one warning and changes nothing. */
const badName = fc.oneof(where(hostile, (v) => typeof v !== 'string' || !v.trim() || v.trim().length > 255), plain(fc.constantFrom('', ' \n\t ', 'x'.repeat(256))));
const notPlain = where(hostile, (v) => v !== undefined && v !== null && !isPlain(v));
const notSettingsWithApp = fc.oneof(
  notPlain,
  plain(fc.dictionary(fc.constantFrom('user_id', 'name', 'plan'), fc.string(), { maxKeys: 3 })),
  plain(fc.record({ app_id: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)) })),
);
const KNOWN = new Set([...COMMANDS, 'showNewMessage', 'showSpace', 'showArticle', 'showNews', 'showTicket', 'showConversation', 'startConversation', 'startChecklist', 'hideNotifications', 'setAuthTokens', 'whoami', 'onHide', 'onUnreadCountChange', 'onUserEmailSupplied', 'debug:travel', 'debug:loadRuleset', 'debug:history', 'debug:resetHistory']);
const rejectedCall: fc.Arbitrary<[Desc, Desc[]]> = fc.oneof(
  fc.tuple(plain(fc.constant('trackEvent')), fc.tuple(badName, argument)),
  fc.tuple(plain(fc.constant('trackEvent')), fc.tuple(plain(fc.constant('signed-up')), notPlain)),
  fc.tuple(plain(fc.constant('boot')), fc.tuple(notSettingsWithApp)),
  fc.tuple(plain(fc.constant('update')), fc.tuple(notPlain)),
  fc.tuple(plain(fc.constantFrom('startTour', 'startSurvey')), fc.tuple(where(hostile, (v) => typeof v !== 'string' || v === ''))),
  fc.tuple(plain(fc.constantFrom('onDecision', 'onReply', 'onSurveyAnswer')), fc.tuple(where(hostile, (v) => typeof v !== 'function'))),
  fc.tuple(fc.oneof(plain(fc.string().filter((s) => !KNOWN.has(s))), where(hostile, (v) => typeof v !== 'string')), fc.array(argument, { maxLength: 2 })),
).map(([command, args]) => [command, [...args]]);

/** A plain object to Herald (`Object.prototype.toString`); a value that throws on access is not one. */
function isPlain(v: unknown): boolean {
  try {
    return Object.prototype.toString.call(v) === '[object Object]';
  } catch {
    return false;
  }
}

describe('fuzz: a rejected call changes nothing', { timeout: 120_000 }, () => {
  it(`${RUNS} random rejected calls after boot: one warning each, the same state, and a valid call afterwards still works`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(rejectedCall, { minLength: 1, maxLength: 10 }), async (calls) => {
      await fresh();
      const h = harness();
      h.intercom('boot', SETTINGS);
      await flush();
      const before = h.state();
      for (const [c, a] of calls) {
        const command = realize(c);
        const args = a.map(realize);
        const warned = h.fake.warnings.length;
        expect(() => h.intercom(command as string, ...args)).not.toThrow();
        await flush();
        expect(h.fake.warnings.length - warned, `warnings for Intercom(${show(command)}, ${args.map(show).join(', ')})`).toBe(1);
        expect(h.state(), `state after Intercom(${show(command)}, ${args.map(show).join(', ')})`).toBe(before);
      }
      expect(unhandled.map(show)).toEqual([]);
      const visitor = h.intercom('getVisitorId');
      expect(await h.stillWorks()).toBe(true);
      expect(h.intercom('getVisitorId')).toBe(visitor);
    }), {
      numRuns: RUNS,
      // An app_id only inherited (JSON.parse makes "__proto__" an own key; a copy made by assignment turns it into the prototype).
      examples: [[[[{ value: 'boot' }, [{ value: JSON.parse('{"__proto__": {"app_id": "other"}}') }]]]]],
    });
  });
});

/** A listener: one that works, or one that throws a hostile value (some every time, some once). */
const listener = fc.oneof(
  fc.constant({ kind: 'good' as const, value: undefined as Desc | undefined }),
  fc.record({ kind: fc.constantFrom('throws' as const, 'throws-once' as const), value: hostile }),
  fc.constant({ kind: 'reenters' as const, value: undefined as Desc | undefined }),
);

describe('fuzz: listeners that throw stop neither the others nor Herald', { timeout: 120_000 }, () => {
  it(`${RUNS} random sets of onDecision and onReply listeners`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(listener, { minLength: 1, maxLength: 8 }), fc.array(listener, { minLength: 1, maxLength: 8 }), async (decisionListeners, replyListeners) => {
      await fresh();
      const h = harness();
      const heardBy = decisionListeners.map(() => [] as string[]);
      const repliesTo = replyListeners.map(() => [] as string[]);
      const make = (spec: (typeof decisionListeners)[number], log: string[], label: (x: any) => string) => {
        let calls = 0;
        return (x: unknown) => {
          calls += 1;
          if (spec.kind === 'throws' || (spec.kind === 'throws-once' && calls === 1)) throw realize(spec.value as Desc);
          if (spec.kind === 'reenters') h.intercom('getVisitorId');
          log.push(label(x));
        };
      };
      decisionListeners.forEach((spec, i) => h.intercom('onDecision', make(spec, heardBy[i]!, (d) => `${d.message_id} ${d.outcome}`)));
      replyListeners.forEach((spec, i) => h.intercom('onReply', make(spec, repliesTo[i]!, (r) => `${r.message_id}: ${r.text}`)));
      h.intercom('boot', SETTINGS);
      h.intercom('trackEvent', 'signed-up', { plan: 'pro' });
      h.intercom('trackEvent', 'chatty');
      await flush();
      // Herald went on: both messages are on screen, every decision reached the harness.
      expect(h.widgets.shownIds()).toEqual(['hello', 'chat']);
      expect(h.heard.map((d) => `${d.message_id} ${d.outcome}`)).toEqual(['hello shown', 'chat shown']);
      h.widgets.shown[1]!.handlers.replied('Fine, thanks');
      h.widgets.shown[1]!.handlers.replied('Really');
      await flush();
      decisionListeners.forEach((spec, i) => {
        if (spec.kind !== 'throws') expect(heardBy[i], `onDecision listener ${i} (${spec.kind})`).toEqual(spec.kind === 'throws-once' ? ['chat shown'] : ['hello shown', 'chat shown']);
      });
      replyListeners.forEach((spec, i) => {
        if (spec.kind !== 'throws') expect(repliesTo[i], `onReply listener ${i} (${spec.kind})`).toEqual(spec.kind === 'throws-once' ? ['chat: Really'] : ['chat: Fine, thanks', 'chat: Really']);
      });
      expect(unhandled.map(show)).toEqual([]);
      expect(await h.stillWorks()).toBe(true);
    }), {
      numRuns: RUNS,
      examples: [[
        [{ kind: 'throws', value: mk(nullProto) }, { kind: 'good', value: undefined }],
        [{ kind: 'throws', value: mk(throwingProxy) }, { kind: 'throws-once', value: mk(unprintable) }, { kind: 'good', value: undefined }],
      ]],
    });
  });
});
