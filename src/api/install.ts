import type { Env } from '../browser/env';
import { createRuntime, type Extras } from '../runtime';
import type { Prepare } from '../ruleset/parse';
import type { LoadWidget } from '../widget';
import { createCall, replayQueue, type Call, type IntercomFunction } from './intercom';


type HostWindow = { Intercom?: unknown; intercomSettings?: unknown };

/** `Intercom(...)` over a fresh runtime, and its dispatcher for calls with their own time. */
export function createIntercom(env: Env, loadWidget: LoadWidget, check: Prepare, loadExtras: () => Promise<Extras>): { intercom: IntercomFunction; call: Call } {
  const call = createCall(createRuntime(env, loadWidget, check, loadExtras), env, loadExtras);
  const intercom = Object.assign((command: string, ...args: unknown[]) => call(command, args, env.now()), { herald: __HERALD_VERSION__ });
  return { intercom, call };
}

/**
 * Installs Herald as `window.Intercom` in place of a loader's queue, boots from
 * `intercomSettings` when it has an `app_id`, then replays the queue (`Intercom.q`) in
 * order. Loaded twice, the second copy leaves the first in charge.
 */
export function install(win: Window & HostWindow, env: () => Env, loadWidget: LoadWidget, check: Prepare, loadExtras: () => Promise<Extras>): void {
  const loader = win.Intercom as (IntercomFunction & { q?: unknown }) | undefined;
  if (typeof loader === 'function' && loader.herald) return;
  const runtimeEnv = env();
  const { intercom, call } = createIntercom(runtimeEnv, loadWidget, check, loadExtras);
  // In place before the replay, so that calls made by listeners during it reach the SDK.
  win.Intercom = intercom;
  const settings = win.intercomSettings as { app_id?: unknown } | undefined;
  if (settings && settings.app_id) call('boot', [settings], runtimeEnv.now());
  replayQueue(loader?.q, call, runtimeEnv.now(), runtimeEnv.warn);
}
