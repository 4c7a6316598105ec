/**
 * Herald for bundlers: `import { Intercom } from 'herald-messenger'` gives the same calls
 * as the snippet's `window.Intercom`. Nothing runs until the first call.
 */
import { createIntercom } from './api/install';
import type { IntercomFunction } from './api/intercom';
import { browserEnv } from './browser/env';
import type { Check } from './ruleset/parse';
import type { MessageType } from './ruleset/types';
import type { LoadWidget, Widget } from './widget';

export type { Settings } from './api/settings';
export type { Decision, Outcome, Reason } from './engine/types';
export type { Ruleset, Message, MessageType, Condition, Rule } from './ruleset/types';
export type { IntercomFunction } from './api/intercom';

const widgets: Partial<Record<MessageType, () => Promise<Widget>>> = {
  banner: () => import('../widgets/banner/index'),
  chat: () => import('../widgets/chat/index'),
  post: () => import('../widgets/post/index'),
  tour: () => import('../widgets/tour/index'),
};

const loadWidget: LoadWidget = (type) => {
  const load = widgets[type];
  return load ? load() : Promise.reject(new Error(`no widget for ${type} messages yet`));
};

const check: Check = async (doc) => (await import('./ruleset/check')).checkRuleset(doc);

let instance: IntercomFunction | undefined;

/** `Intercom(command, ...args)`, as in SPEC section 3. */
export const Intercom: IntercomFunction = (command, ...args) => {
  instance ??= createIntercom(browserEnv(), loadWidget, check).intercom;
  return instance(command, ...args);
};
