/** Where a tour step belongs: the page it is meant for, and its target on that page. */
import { safeUrl } from '../shared/url';

/** How long a missing target is waited for before the tour ends. */
export const WAIT_MS = 5_000;

/**
 * A step's `url` (already template-filled) as an absolute http(s) URL, or undefined when
 * it has none or it is unusable (`javascript:`, `mailto:`...): such a step shows anywhere.
 */
export function stepUrl(raw: unknown): URL | undefined {
  const href = safeUrl(raw);
  const url = href ? new URL(href) : undefined;
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}

const path = (url: URL) => url.pathname.replace(/(.)\/$/, '$1');

/**
 * Whether the page open now is the step's page. The rule, kept simple and predictable:
 * - the step URL is resolved against the current page (so "/files" means this site);
 * - origin and path must be equal (a trailing slash does not count: "/files/" = "/files");
 * - the query counts only when the step URL has one: "/files" matches "/files?utm_source=x"
 *   (sites add tracking and UI parameters), "/files?tab=shared" needs exactly that query;
 * - the hash never counts (it is in-page state).
 */
export function onPage(url: URL, current: URL = new URL(location.href)): boolean {
  return url.origin === current.origin && path(url) === path(current) && (!url.search || url.search === current.search);
}

/** The step's target, if it is on the page and rendered (an element inside a closed menu is not there yet). */
function find(selector: string): Element | undefined {
  const el = document.querySelector(selector);
  return el && el.getClientRects().length > 0 ? el : undefined;
}

/**
 * Calls `done(element)` once `selector` matches a rendered element: at once when it does
 * now, else when a DOM change (nodes, or attributes such as `class` and `hidden`) makes it
 * match, within WAIT_MS; then `done(undefined)`. The limit is a setTimeout, so a test's
 * fake clock drives it. An invalid selector can never match: it ends the wait at once.
 * Returns a function that cancels the wait.
 */
export function waitFor(selector: string, done: (el: Element | undefined) => void): () => void {
  let found: Element | undefined;
  try {
    found = find(selector);
  } catch {
    done(undefined);
    return () => {};
  }
  if (found) {
    done(found);
    return () => {};
  }
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const observer = new MutationObserver(() => {
    const el = find(selector);
    if (el) {
      stop();
      done(el);
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  const timer = setTimeout(() => {
    stop();
    done(undefined);
  }, WAIT_MS);
  return stop;
}
