/**
 * Type tests of the npm package's `Intercom`: checked by `tsc --noEmit` (each
 * `@ts-expect-error` must meet an error, or tsc fails) and run by vitest, which calls
 * the same dispatcher over fakes to show that what TypeScript rejects is what the
 * function warns about at run time, and what it accepts runs without a warning.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createIntercom } from './api/install';
import type { Settings as InternalSettings } from './api/settings';
import type * as Engine from './engine/types';
import type { RuleTrace as InternalTrace } from './engine/explain';
import type { Schedule as InternalSchedule } from './engine/schedule';
import type * as SeriesTypes from './engine/series';
import type * as Rulesets from './ruleset/types';
import type { Runtime } from './runtime';
import {
  Intercom,
  type BootSettings, type Command, type CommandArgs, type CommandResult, type Decision, type EventMetadata,
  type IgnoredCommand, type IntercomFunction, type LoadRulesetResult, type MessageHistory, type Outcome,
  type Reason, type Reply, type Settings, type SilentCommand, type SurveyAnswer, type Ruleset, type Message,
  type MessageType, type Condition, type Conditions, type Rule, type Frequency, type Schedule, type Primitive,
  type RuleTrace, type Series, type SeriesBlock,
} from './index';
import { createFakeEnv, createFakeWidgets, checkNow, extrasNow, flush, jsonResponse } from './testing/fakes';

const T = Date.parse('2026-06-15T12:00:00Z');
const RULESET = {
  version: 1,
  messages: [{ id: 'hello', type: 'banner', when: { event: 'uploaded-file' }, content: { body: '<p>Hi</p>' } }],
};
const BOOT = { app_id: 'app', ruleset_url: 'https://rules.test/ruleset.json' } satisfies BootSettings;

/** The dispatcher behind the package's `Intercom`, over fakes, with the package's types. */
function setup() {
  const fake = createFakeEnv({ now: T, fetch: async () => jsonResponse(RULESET) });
  const widgets = createFakeWidgets();
  // index.ts wraps exactly this (over the real browser) and gives it this type.
  const intercom = createIntercom(fake.env, widgets.loadWidget, checkNow, extrasNow).intercom as unknown as IntercomFunction;
  return { intercom, warnings: fake.warnings, widgets };
}

/** Every command, as the type knows it: adding or removing one fails here until the lists agree. */
const HERALD: Record<Command, true> = {
  boot: true, update: true, shutdown: true, trackEvent: true, hide: true, onDecision: true, onReply: true,
  onSurveyAnswer: true, startTour: true, startSurvey: true, getVisitorId: true,
  'debug:travel': true, 'debug:loadRuleset': true, 'debug:history': true, 'debug:resetHistory': true,
};
const IGNORED: Record<IgnoredCommand, true> = {
  show: true, showMessages: true, showNewMessage: true, showSpace: true, showArticle: true, showNews: true,
  showTicket: true, showConversation: true, startConversation: true, startChecklist: true,
  hideNotifications: true, setAuthTokens: true, whoami: true,
};
const SILENT: Record<SilentCommand, true> = {
  reattach_activator: true, onShow: true, onHide: true, onUnreadCountChange: true, onUserEmailSupplied: true,
};

describe('the exported Intercom', () => {
  it('has the typed signature', () => {
    expectTypeOf(Intercom).toEqualTypeOf<IntercomFunction>();
    expectTypeOf(Intercom).toBeFunction();
  });

  it('reads arguments and results from the command map', () => {
    expectTypeOf<CommandArgs<'trackEvent'>>().toEqualTypeOf<[name: string, metadata?: EventMetadata]>();
    expectTypeOf<CommandArgs<'boot'>>().toEqualTypeOf<[settings: BootSettings]>();
    expectTypeOf<CommandArgs<'update'>>().toEqualTypeOf<[attributes?: Settings]>();
    expectTypeOf<CommandArgs<'shutdown'>>().toEqualTypeOf<[]>();
    expectTypeOf<CommandArgs<'startTour'>>().toEqualTypeOf<[id: string]>();
    expectTypeOf<CommandResult<'getVisitorId'>>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CommandResult<'debug:history'>>().toEqualTypeOf<Promise<MessageHistory[]> | undefined>();
    expectTypeOf<CommandResult<'trackEvent'>>().toEqualTypeOf<void>();
  });

  it('its public types are the internal ones, copied so that the declarations stand alone', () => {
    // A change to an internal type fails here until src/api/types.ts follows it.
    expectTypeOf<Settings>().toEqualTypeOf<InternalSettings>();
    expectTypeOf<Decision>().toEqualTypeOf<Engine.Decision>();
    expectTypeOf<Outcome>().toEqualTypeOf<Engine.Outcome>();
    expectTypeOf<Reason>().toEqualTypeOf<Engine.Reason>();
    expectTypeOf<RuleTrace>().toEqualTypeOf<InternalTrace>();
    expectTypeOf<Ruleset>().toEqualTypeOf<Rulesets.Ruleset>();
    expectTypeOf<Message>().toEqualTypeOf<Rulesets.Message>();
    expectTypeOf<MessageType>().toEqualTypeOf<Rulesets.MessageType>();
    expectTypeOf<Condition>().toEqualTypeOf<Rulesets.Condition>();
    expectTypeOf<Conditions>().toEqualTypeOf<Rulesets.Conditions>();
    expectTypeOf<Rule>().toEqualTypeOf<Rulesets.Rule>();
    expectTypeOf<Frequency>().toEqualTypeOf<Rulesets.Frequency>();
    expectTypeOf<Schedule>().toEqualTypeOf<InternalSchedule>();
    expectTypeOf<Primitive>().toEqualTypeOf<Rulesets.Primitive>();
    expectTypeOf<Series>().toEqualTypeOf<SeriesTypes.Series>();
    expectTypeOf<SeriesBlock>().toEqualTypeOf<SeriesTypes.SeriesBlock>();
    expectTypeOf<EventMetadata>().toEqualTypeOf<Engine.TrackedEvent['metadata']>();
  });

  it('matches what the runtime hands to listeners and returns from the debug tools', () => {
    // If the runtime's shapes drift from the documented ones, this stops compiling.
    expectTypeOf<Parameters<Parameters<Runtime['onReply']>[0]>[0]>().toEqualTypeOf<Reply>();
    expectTypeOf<Parameters<Parameters<Runtime['onSurveyAnswer']>[0]>[0]>().toEqualTypeOf<SurveyAnswer>();
    expectTypeOf<Parameters<Parameters<Runtime['onDecision']>[0]>[0]>().toEqualTypeOf<Decision>();
    expectTypeOf<ReturnType<Runtime['debug']['loadRuleset']>>().toEqualTypeOf<Promise<LoadRulesetResult>>();
    expectTypeOf<ReturnType<Runtime['debug']['history']>>().toEqualTypeOf<Promise<MessageHistory[]>>();
    expectTypeOf<ReturnType<Runtime['debug']['travel']>>().toEqualTypeOf<number>();
  });

  it('types the calls of the docs, and never calls them here (they need a browser)', () => {
    // Only compiled: Intercom itself would start Herald on the real browser.
    const compileOnly = () => {
      Intercom('boot', { app_id: 'app', ruleset_url: '/ruleset.json', user_id: 42, email: 'ada@example.com', plan: 'pro' });
      Intercom('trackEvent', 'uploaded-file', { file_name: 'a.png', duration_s: 130, left_page: true, folder: null });
      Intercom('update', { plan: 'team' });
      const id: string | undefined = Intercom('getVisitorId');
      // @ts-expect-error: getVisitorId is undefined before boot
      const sure: string = Intercom('getVisitorId');
      // @ts-expect-error: no such command
      Intercom('showMessenger');
      return [id, sure];
    };
    expect(typeof compileOnly).toBe('function');
  });
});

describe('what TypeScript accepts runs without a warning', () => {
  it('every Herald command, with the arguments of its type', async () => {
    const { intercom, warnings, widgets } = setup();
    const decisions: Decision[] = [];
    intercom('onDecision', (d) => {
      expectTypeOf(d).toEqualTypeOf<Decision>();
      expectTypeOf(d.outcome).toEqualTypeOf<Outcome>();
      expectTypeOf(d.reason).toEqualTypeOf<Reason>();
      decisions.push(d);
    });
    intercom('onReply', (r) => expectTypeOf(r).toEqualTypeOf<Reply>());
    intercom('onSurveyAnswer', (a) => expectTypeOf(a).toEqualTypeOf<SurveyAnswer>());
    expectTypeOf(intercom('boot', { ...BOOT, debug_tools: true, alignment: 'left' })).toBeVoid();
    intercom('update', { plan: 'pro', z_index: 10 });
    intercom('update');
    intercom('trackEvent', 'uploaded-file', { file_name: 'a.png', size: 3, ok: true, none: null });
    intercom('trackEvent', 'signed-up');
    const travelled = intercom('debug:travel', 60_000);
    expectTypeOf(travelled).toEqualTypeOf<number | undefined>();
    const loaded = intercom('debug:loadRuleset', RULESET);
    expectTypeOf(loaded).toEqualTypeOf<Promise<LoadRulesetResult> | undefined>();
    expect(await loaded).toEqual({ ok: true, invalid: [] });
    const history = intercom('debug:history');
    await intercom('debug:resetHistory', 'hello');
    await intercom('debug:resetHistory');
    intercom('startTour', 'welcome-tour');
    intercom('startSurvey', 'nps');
    const visitor = intercom('getVisitorId');
    expectTypeOf(visitor).toEqualTypeOf<string | undefined>();
    await flush();
    intercom('hide');

    expect(travelled).toBe(60_000);
    expect((await history)?.map((h) => h.message_id)).toEqual(['hello']);
    expect(visitor).toMatch(/^visitor-/);
    expect(decisions.map((d) => [d.message_id, d.outcome])).toEqual([['hello', 'shown']]);
    expect(widgets.shownIds()).toEqual(['hello']);
    // startTour / startSurvey name ids this ruleset lacks: the runtime says so, not the dispatcher.
    expect(warnings.filter((w) => !/^start(Tour|Survey): no (tour|survey) with the id/.test(w))).toEqual([]);
    intercom('shutdown');
    expect(intercom('getVisitorId')).toBeUndefined();
  });

  it('every command of the type is one the runtime knows', () => {
    const { intercom, warnings } = setup();
    const call = intercom as unknown as (command: string, ...args: unknown[]) => unknown;
    call('boot', { ...BOOT, debug_tools: true });
    for (const command of Object.keys(HERALD).filter((c) => c !== 'boot' && c !== 'shutdown')) call(command);
    expect(warnings.filter((w) => w.startsWith('unknown command'))).toEqual([]);
  });
});

describe('what TypeScript rejects, the runtime warns about', () => {
  it.each<[string, (intercom: IntercomFunction) => unknown, RegExp]>([
    // @ts-expect-error: an unknown command
    ['an unknown command', (i) => i('nope'), /^unknown command "nope"$/],
    // @ts-expect-error: commands are case-sensitive
    ['a command in the wrong case', (i) => i('TrackEvent', 'x'), /^unknown command "TrackEvent"$/],
    // @ts-expect-error: the event name is a string
    ['a number as the event name', (i) => i('trackEvent', 42), /^trackEvent needs an event name/],
    // @ts-expect-error: trackEvent needs a name
    ['trackEvent without a name', (i) => i('trackEvent'), /^trackEvent needs an event name/],
    // @ts-expect-error: metadata is an object
    ['metadata as a string', (i) => i('trackEvent', 'e', 'metadata'), /metadata must be a flat object/],
    // @ts-expect-error: metadata is flat
    ['a nested metadata value', (i) => i('trackEvent', 'e', { file: { name: 'a.png' } }), /dropped file/],
    // @ts-expect-error: metadata values are primitives
    ['an array metadata value', (i) => i('trackEvent', 'e', { tags: ['a'] }), /dropped tags/],
    // @ts-expect-error: boot needs settings with an app_id
    ['boot without settings', (i) => i('boot'), /^boot needs an app_id$/],
    // @ts-expect-error: boot needs an app_id
    ['boot without an app_id', (i) => i('boot', { ruleset_url: '/r.json' }), /^boot needs an app_id$/],
    // @ts-expect-error: app_id is a string
    ['a number as the app_id', (i) => i('boot', { app_id: 7 }), /^boot needs an app_id$/],
    // @ts-expect-error: settings are an object
    ['boot with a string', (i) => i('boot', 'app'), /^boot takes a settings object; got "app"$/],
    // @ts-expect-error: update takes attributes
    ['update with a string', (i) => i('update', 'pro'), /^update takes a settings object; got "pro"$/],
    // @ts-expect-error: onDecision takes a function
    ['onDecision with a string', (i) => i('onDecision', 'log'), /^onDecision takes a function; got "log"$/],
    // @ts-expect-error: onDecision needs its listener
    ['onDecision without a listener', (i) => i('onDecision'), /^onDecision takes a function; got undefined$/],
    // @ts-expect-error: onReply takes a function
    ['onReply with an object', (i) => i('onReply', {}), /^onReply takes a function; got an object$/],
    // @ts-expect-error: tour ids are strings (Intercom's are numbers)
    ['a number as the tour id', (i) => i('startTour', 42), /^startTour takes a tour id; got 42$/],
    // @ts-expect-error: startSurvey needs an id
    ['startSurvey without an id', (i) => i('startSurvey'), /^startSurvey takes a survey id; got undefined$/],
  ])('%s', async (_what, run, warning) => {
    const { intercom, warnings } = setup();
    if (!/boot/.test(_what)) intercom('boot', BOOT);
    expect(() => run(intercom)).not.toThrow();
    await flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
  });

  it('arguments to calls that take none: an error, and a warning (the call still runs)', () => {
    const { intercom, warnings } = setup();
    intercom('boot', BOOT);
    // @ts-expect-error: hide takes no arguments
    intercom('hide', true);
    // @ts-expect-error: shutdown takes no arguments
    intercom('shutdown', 'now');
    expect(warnings).toEqual(['hide takes no arguments; they were ignored', 'shutdown takes no arguments; they were ignored']);
    expect(intercom('getVisitorId')).toBeUndefined();
  });

  it('debug tools with the wrong argument', () => {
    const { intercom, warnings } = setup();
    intercom('boot', { ...BOOT, debug_tools: true });
    // @ts-expect-error: travel takes milliseconds
    expect(intercom('debug:travel', '1h')).toBeUndefined();
    expect(warnings).toEqual(['debug:travel takes milliseconds; got "1h"']);
  });

  it('listeners of the wrong shape, and settings of the wrong type (compile-time only)', () => {
    const { intercom, warnings } = setup();
    // @ts-expect-error: a decision is not a string
    intercom('onDecision', (d: string) => d.toUpperCase());
    // @ts-expect-error: a reply is { message_id, text }
    intercom('onReply', (r: { body: string }) => r.body);
    // @ts-expect-error: alignment is left or right
    intercom('boot', { ...BOOT, alignment: 'middle' });
    // @ts-expect-error: debug_tools is a boolean
    intercom('update', { debug_tools: 'yes' });
    // @ts-expect-error: a command held in a string is not known to be one
    intercom(String('trackEvent'), 'e');
    // The runtime takes any function as a listener, and any value as a setting.
    expect(warnings).toEqual([]);
  });
});

describe('Intercom Messenger calls: they compile, and are ignored', () => {
  it('each ignored call warns once that Herald does not implement it', () => {
    const { intercom, warnings } = setup();
    const call = intercom as unknown as (command: string, ...args: unknown[]) => unknown;
    for (const command of Object.keys(IGNORED)) call(command);
    expect(warnings).toEqual(Object.keys(IGNORED).map((c) => `${c} is an Intercom Messenger call that Herald does not implement; ignored`));
  });

  it('with Intercom\'s arguments, they type-check and return undefined', () => {
    const { intercom, warnings } = setup();
    expectTypeOf(intercom('showMessages')).toEqualTypeOf<undefined>();
    intercom('show');
    intercom('showNewMessage', 'Hi, I need help with');
    intercom('showArticle', 123);
    intercom('showSpace', 'help');
    intercom('hideNotifications', true);
    // @ts-expect-error: hideNotifications takes a boolean, as Intercom's does
    intercom('hideNotifications', 'yes');
    expect(warnings).toHaveLength(6);
  });

  it('the listener registrations of Intercom\'s loaders are accepted silently', () => {
    const { intercom, warnings } = setup();
    const call = intercom as unknown as (command: string, ...args: unknown[]) => unknown;
    for (const command of Object.keys(SILENT)) call(command, () => {});
    intercom('onUnreadCountChange', (count) => expectTypeOf(count).toEqualTypeOf<number>());
    intercom('reattach_activator');
    // @ts-expect-error: onShow takes a function
    intercom('onShow', 'x');
    expect(warnings).toEqual([]);
  });
});
