/**
 * Herald for bundlers: `import { Intercom } from 'herald-messenger'` gives the same calls
 * as the snippet's `window.Intercom`. Nothing runs until the first call.
 */
import { createIntercom } from './api/install';
import type { IntercomFunction as Dispatch } from './api/intercom';
import type { IntercomFunction } from './api/types.js';
import { browserEnv } from './browser/env';
import type { Prepare } from './ruleset/parse';
import type { MessageType } from './ruleset/types';
import type { LoadWidget, Widget } from './widget';

// The public types come from self-contained files (see api/types.ts for why), imported
// with the extension that Node-style resolution of the emitted declarations needs.
export type {
  IntercomFunction, Commands, Command, CommandArgs, CommandResult, IgnoredCommands, IgnoredCommand, SilentCommands,
  SilentCommand, BootSettings, EventMetadata, MetadataValue, Reply, SurveyAnswer, LoadRulesetResult, MessageHistory,
} from './api/types.js';
export type {
  Decision, Outcome, Reason, RuleTrace, Ruleset, Message, MessageType, Condition, Conditions, Rule, Frequency,
  Schedule, Series, SeriesBlock, Primitive,
} from './api/shapes.js';
export type { Settings } from './api/settings.js';

const widgets: Partial<Record<MessageType, () => Promise<Widget>>> = {
  banner: () => import('../widgets/banner/index'),
  chat: () => import('../widgets/chat/index'),
  post: () => import('../widgets/post/index'),
  tour: () => import('../widgets/tour/index'),
  survey: () => import('../widgets/survey/index'),
};

const loadWidget: LoadWidget = (type) => {
  const load = widgets[type];
  return load ? load() : Promise.reject(new Error(`no widget for ${type} messages yet`));
};

const check: Prepare = async (doc) => (await import('./ruleset/check')).prepareRuleset(doc);
const loadExtras = () => import('./extras');

let instance: Dispatch | undefined;

/**
 * `Intercom(command, ...args)`, as in SPEC section 3, typed (src/api/types.ts): unknown
 * commands and wrong arguments are compile-time errors. At run time it accepts anything
 * and warns, as the snippet's `window.Intercom` does.
 */
export const Intercom = ((command: string, ...args: unknown[]) => {
  // Server-side rendering imports the package too: there, every call is a no-op.
  if (typeof window === 'undefined' || typeof document === 'undefined') return undefined;
  instance ??= createIntercom(browserEnv(loadExtras), loadWidget, check, loadExtras).intercom;
  return instance(command, ...args);
}) as IntercomFunction;
