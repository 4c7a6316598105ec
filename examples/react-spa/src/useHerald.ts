import { Intercom } from 'herald-messenger';
import { useEffect } from 'react';
import { listenOnce, settingsFor, type User } from './herald';

/**
 * Boots Herald when a user signs in (and for the next user, when another one does).
 * Logging out calls `Intercom('shutdown')` in the logout handler, not here: an effect's
 * cleanup also runs when React re-mounts in development, and shutdown forgets the visitor.
 *
 * No `update` on route changes: Herald sees the router's `pushState` itself, starts a new
 * page (time on the page from zero, `where` rules on the new URL) and shows page messages.
 */
export function useHerald(user: User | null): void {
  useEffect(() => {
    listenOnce((d) => {
      if (d.outcome !== 'shown') console.debug(`[app] ${d.message_id}: ${d.reason}, ${d.detail}`);
    });
  }, []);

  useEffect(() => {
    // A new user object (signed in, or a changed plan): booting the same user again is an
    // update of their attributes; another user is a shutdown and a new boot.
    if (user) Intercom('boot', settingsFor(user));
  }, [user]);
}
