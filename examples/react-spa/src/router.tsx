/**
 * A router of a few lines, like any SPA router underneath (react-router, Next's): links
 * change the URL with `history.pushState`, without a page load. Herald patches pushState
 * and listens to popstate, so it needs nothing from the app on navigation.
 */
import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

const NAVIGATED = 'app:navigate';

const subscribe = (onChange: () => void) => {
  addEventListener('popstate', onChange);
  addEventListener(NAVIGATED, onChange);
  return () => {
    removeEventListener('popstate', onChange);
    removeEventListener(NAVIGATED, onChange);
  };
};

/** The current path, re-rendering on navigation. */
export const usePath = () => useSyncExternalStore(subscribe, () => location.pathname, () => '/');

export function navigate(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new Event(NAVIGATED));
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={go}>{children}</a>;
}
