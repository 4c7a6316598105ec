/**
 * The fake app's single-page navigation: links marked `data-route` push a new URL with
 * `history.pushState` (keeping `?ruleset=`), Back and Forward come through `popstate`.
 * Herald sees each change as a new page, as it would on a real single-page app.
 */
import { $ } from '../lib/dom.js';

let routes = {};
let fallback;

const current = () => routes[location.pathname] ?? fallback;

/** Shows the view for the current URL; `focus` moves the focus to it (after a link click). */
export function render(focus = false) {
  const view = current();
  const main = $('view');
  main.replaceChildren(view.render());
  document.title = `Filebox: ${view.title} · Herald QA`;
  for (const link of document.querySelectorAll('nav a[data-route]')) {
    if (link.pathname === location.pathname || (view === routes['/'] && link.pathname === '/')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (focus) main.querySelector('h1')?.focus();
}

/** Goes to `path` without a reload. */
export function go(path) {
  if (path !== location.pathname) history.pushState(null, '', path + location.search);
  render(true);
}

/** `views`: path → { title, render() }; `notFound` for any other path. */
export function startRouter(views, notFound) {
  routes = views;
  fallback = notFound;
  document.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest('a[data-route]') : null;
    if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(link.pathname);
  });
  addEventListener('popstate', () => render());
  render();
}
