/**
 * Single-page-app navigation: `pushState` and `replaceState` (patched once, for every
 * listener), `popstate` and `hashchange`. Listeners hear of a change of URL only; a
 * `replaceState` that keeps the URL (routers do it to store state) is not a new page.
 */
type Listener = (url: string) => void;

const listeners = new Set<Listener>();
let lastUrl = '';
let patched = false;

function check() {
  const url = location.href;
  if (url === lastUrl) return;
  lastUrl = url;
  for (const fn of listeners) {
    try {
      fn(url);
    } catch (error) {
      console.warn('[herald] a navigation listener failed:', error);
    }
  }
}

function patch(method: 'pushState' | 'replaceState') {
  const original = history[method];
  history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
    const result = original.apply(this, args);
    check();
    return result;
  };
}

/** Calls `fn(url)` after each change of the page's URL. Returns a function that stops it. */
export function onNavigate(fn: Listener): () => void {
  if (!patched) {
    patched = true;
    lastUrl = location.href;
    patch('pushState');
    patch('replaceState');
    addEventListener('popstate', check);
    addEventListener('hashchange', check);
  }
  listeners.add(fn);
  return () => listeners.delete(fn);
}
