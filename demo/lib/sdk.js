/**
 * The QA panel's view of Herald: every call goes through `Intercom(...)`, as a site's
 * would. The debug tools answer only once the SDK has replaced the snippet's queue, so
 * they wait for `ready()`.
 */
import { emit } from './bus.js';

/** `Intercom(command, ...args)`: queued by the snippet until the SDK loads. */
export const intercom = (...args) => window.Intercom(...args);

const loaded = () => typeof window.Intercom?.herald === 'string';

let waiting;
/** Resolves once the SDK is loaded (its script's load event, or a short poll for loaders that differ). */
export function ready() {
  waiting ??= new Promise((resolve) => {
    if (loaded()) return resolve();
    const done = () => {
      if (!loaded()) return false;
      document.removeEventListener('load', onLoad, true);
      resolve();
      return true;
    };
    const onLoad = () => done();
    document.addEventListener('load', onLoad, true);
    const poll = () => { if (!done()) setTimeout(poll, 50); };
    poll();
  });
  return waiting;
}

/** Time travel: the offset Herald's clock runs at, as the SDK last reported it. */
let offset = 0;

/** Herald's clock: the real one plus time travel. */
export const sdkNow = () => Date.now() + offset;
export const travelOffset = () => offset;

/** Moves Herald's clock by `ms` (negative goes back); announces `travel`. */
export async function travel(ms) {
  await ready();
  const total = intercom('debug:travel', ms);
  if (typeof total === 'number') offset = total;
  emit('travel', offset);
  emit('history');
  return offset;
}

/** A debug tool's answer (a Promise), once the SDK is there. */
export async function debugCall(command, ...args) {
  await ready();
  return intercom(command, ...args);
}

/** Tracks an event the way the app does, and tells the panel. */
export function track(name, metadata) {
  intercom('trackEvent', name, metadata);
  emit('tracked', { name, metadata, at: sdkNow() });
}
