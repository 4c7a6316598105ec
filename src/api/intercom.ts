import type { Env } from '../browser/env';
import type { Extras, Runtime } from '../runtime';
import { describe, isPlainObject, normalizeEvent } from './event';
import type { Settings } from './settings';

/** `Intercom(command, ...args)`: the one public function. */
export type IntercomFunction = ((command: string, ...args: unknown[]) => unknown) & { readonly herald?: string };

/** Dispatches one call made at `at` (epoch ms). Never throws. */
export type Call = (command: unknown, args: unknown[], at: number) => unknown;

/** Intercom Messenger calls Herald has no counterpart for: accepted, and ignored. */
const INTERCOM_ONLY = new Set([
  'show', 'showMessages', 'showNewMessage', 'showSpace', 'showArticle', 'showNews', 'showTicket',
  'showConversation', 'startConversation', 'startChecklist', 'hideNotifications', 'setAuthTokens', 'whoami',
]);
/**
 * Called by Intercom's loaders on every page (react-use-intercom registers these
 * listeners at boot): accepted without a word. Herald has no Messenger to open or hide.
 */
const SILENT = new Set(['reattach_activator', 'onHide', 'onShow', 'onUnreadCountChange', 'onUserEmailSupplied']);
/** Calls that wait for `boot` (SPEC section 3: calls made before boot are held until it). */
const HELD_UNTIL_BOOT = new Set(['update', 'trackEvent', 'hide', 'startTour', 'startSurvey']);
/** A page that never boots must not grow without bound. */
const MAX_HELD_CALLS = 500;

const noArguments = (name: string, args: unknown[], warn: (t: string) => void) => {
  if (args.length) warn(`${name} takes no arguments; they were ignored`);
};

/** Builds the dispatcher over a runtime. */
export function createCall(runtime: Runtime, env: Env, loadExtras: () => Promise<Extras>): Call {
  const beforeBoot: [string, unknown[], number][] = [];
  const warnedOnce = new Set<string>();
  const warn = env.warn;

  /** `datalayer_events`: chosen dataLayer entries become trackEvent calls, checked as any other. */
  const watchDataLayer = (names: unknown) => {
    if (names === undefined) return;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      warn(`datalayer_events takes a list of event names; got ${describe(names)}`);
      return;
    }
    // The watcher is in extras.js: only sites that use it fetch it. Entries pushed meanwhile
    // are in the array already, and it reads those first.
    loadExtras().then(({ watchDataLayer: watch }) => watch(env.dataLayerHost(), names, (name, fields) => {
      if (runtime.booted) dispatch('trackEvent', [name, fields], env.now());
    }), () => warn('the dataLayer watcher could not be loaded'));
  };

  /**
   * A copy of the settings, read once (a getter that throws, or a value of the wrong type
   * for an identity key, is left out with a warning): what is kept cannot change later.
   */
  const settingsArg = (name: string, value: unknown): Settings | undefined => {
    if (value === undefined || value === null) return {};
    if (!isPlainObject(value)) {
      warn(`${name} takes a settings object; got ${describe(value)}`);
      return undefined;
    }
    const copy: Settings = {};
    const dropped: string[] = [];
    for (const key of Object.keys(value)) {
      try {
        const v = (value as Record<string, unknown>)[key];
        const ok = key === 'user_id' ? typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
          : key === 'email' || key === 'name' || key.endsWith('_url') ? typeof v === 'string'
            : key === 'created_at' ? typeof v === 'number' && Number.isFinite(v) : true;
        // defineProperty: an own "__proto__" key must stay a key, not become a prototype.
        if (ok || v === undefined) Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
        else dropped.push(key);
      } catch {
        dropped.push(key);
      }
    }
    if (dropped.length) warn(`${name}: left out ${dropped.join(', ')} (a value of the wrong type, or that cannot be read)`);
    return copy;
  };

  function debugTool(run: (args: unknown[]) => unknown) {
    return (args: unknown[]) => {
      if (runtime.debug.enabled) return run(args);
      warn('debug tools are off: boot with debug_tools: true to use them');
      return undefined;
    };
  }

  const commands: Record<string, (args: unknown[], at: number) => unknown> = {
    boot([value]) {
      const settings = settingsArg('boot', value);
      if (!settings) return;
      if (typeof settings.app_id !== 'string' || !settings.app_id) {
        warn('boot needs an app_id');
        return;
      }
      runtime.boot(settings);
      for (const [command, args, at] of beforeBoot.splice(0)) dispatch(command, args, at);
      watchDataLayer(settings.datalayer_events);
    },
    update([value]) {
      const attrs = settingsArg('update', value);
      if (attrs) runtime.update(attrs);
    },
    shutdown(args) {
      noArguments('shutdown', args, warn);
      beforeBoot.length = 0;
      if (runtime.booted) runtime.shutdown();
    },
    trackEvent([name, metadata], at) {
      const event = normalizeEvent(name, metadata, at, warn);
      if (event) runtime.track(event);
    },
    hide(args) {
      noArguments('hide', args, warn);
      runtime.hide();
    },
    onDecision([fn]) {
      if (typeof fn === 'function') runtime.onDecision(fn as never);
      else warn(`onDecision takes a function; got ${describe(fn)}`);
    },
    onReply([fn]) {
      if (typeof fn === 'function') runtime.onReply(fn as never);
      else warn(`onReply takes a function; got ${describe(fn)}`);
    },
    onSurveyAnswer([fn]) {
      if (typeof fn === 'function') runtime.onSurveyAnswer(fn as never);
      else warn(`onSurveyAnswer takes a function; got ${describe(fn)}`);
    },
    startTour([id]) {
      if (typeof id === 'string' && id) runtime.startTour(id);
      else warn(`startTour takes a tour id; got ${describe(id)}`);
    },
    startSurvey([id]) {
      if (typeof id === 'string' && id) runtime.startSurvey(id);
      else warn(`startSurvey takes a survey id; got ${describe(id)}`);
    },
    // Debug tools for QA pages, only with the setting `debug_tools: true`.
    'debug:travel': debugTool(([ms]) => {
      if (typeof ms === 'number' && Number.isFinite(ms)) return runtime.debug.travel(ms);
      warn(`debug:travel takes milliseconds; got ${describe(ms)}`);
      return undefined;
    }),
    'debug:loadRuleset': debugTool(([doc]) => runtime.debug.loadRuleset(doc)),
    'debug:history': debugTool(() => runtime.debug.history()),
    'debug:resetHistory': debugTool(([id]) => runtime.debug.resetHistory(typeof id === 'string' ? id : undefined)),
    getVisitorId: runtime.visitorId,
  };

  function dispatch(command: string, args: unknown[], at: number): unknown {
    if (!runtime.booted && HELD_UNTIL_BOOT.has(command)) {
      if (beforeBoot.length < MAX_HELD_CALLS) beforeBoot.push([command, args, at]);
      else if (!warnedOnce.has('held')) {
        warnedOnce.add('held');
        warn(`more than ${MAX_HELD_CALLS} calls were made before boot; later ones are dropped`);
      }
      return undefined;
    }
    return commands[command]!(args, at);
  }

  return (command, args, at) => {
    try {
      if (typeof command === 'string' && Object.hasOwn(commands, command)) return dispatch(command, args, at);
      if (typeof command === 'string' && SILENT.has(command)) return undefined;
      if (typeof command === 'string' && INTERCOM_ONLY.has(command)) {
        if (!warnedOnce.has(command)) warn(`${command} is an Intercom Messenger call that Herald does not implement; ignored`);
        warnedOnce.add(command);
        return undefined;
      }
      warn(`unknown command ${describe(command)}`);
    } catch (error) {
      // Even the report must not throw: a revoked Proxy throws on String() too.
      try {
        warn(`${typeof command === 'string' ? command : describe(command)} failed: ${String(error)}`);
      } catch {
        warn('a call failed on a value that cannot be read');
      }
    }
    return undefined;
  };
}

/**
 * Replays a loader's queue in order. Herald's snippet queues `[time, arguments]`;
 * Intercom's loaders queue plain `arguments`, which count as made at `now`.
 */
export function replayQueue(queue: unknown, call: Call, now: number, warn: (text: string) => void) {
  if (!Array.isArray(queue)) return;
  for (const entry of queue) {
    const timed = Array.isArray(entry) && typeof entry[0] === 'number';
    try {
      const args: unknown[] = Array.prototype.slice.call(timed ? entry[1] : entry);
      call(args[0], args.slice(1), timed ? entry[0] : now);
    } catch {
      warn('a queued call could not be read; it was skipped');
    }
  }
}
