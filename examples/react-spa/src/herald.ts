/**
 * Herald in a React app: who to boot it for, and the one listener the app keeps.
 * `herald-messenger` does nothing until the first call, and every call here is made from
 * an effect or an event handler, never while rendering: safe to import in a server-rendered
 * (Next.js) app too, where `Intercom()` must not run on the server.
 */
import { Intercom, type BootSettings, type Decision } from 'herald-messenger';

/** The signed-in user, as your auth gives it. */
export interface User {
  id: string;
  email: string;
  name: string;
  plan: 'free' | 'pro';
  createdAt: Date;
}

/** Your deployment: the ruleset you serve, and (optionally) a collector for stats. */
const HERALD = {
  app_id: 'files-app',
  ruleset_url: '/herald/ruleset.json',
  events_url: '/herald/events',
};

/** The settings for a user: identity, plus custom attributes rules can read (`user.plan`). */
export function settingsFor(user: User): BootSettings {
  return {
    ...HERALD,
    user_id: user.id,
    email: user.email,
    name: user.name,
    created_at: Math.floor(user.createdAt.getTime() / 1000),
    plan: user.plan,
    // On a QA build, every decision (and why) in the console:
    debug: location.hostname === 'localhost',
  };
}

let listening = false;

/**
 * Herald's listeners cannot be removed, so the app adds its one listener once, not per
 * render or per effect (React runs effects twice in development).
 */
export function listenOnce(onDecision: (decision: Decision) => void): void {
  if (listening) return;
  listening = true;
  Intercom('onDecision', onDecision);
}
