import type { Appearance } from '../../src/widget';
import { BASE_CSS } from './styles';

export const HOST_ID = 'herald-messenger';

let root: ShadowRoot | undefined;
/** One constructed sheet per stylesheet text: the base one first, then each widget's. */
const sheets = new Map<string, CSSStyleSheet>();
const containers = new Map<string, HTMLElement>();

const sheet = (css: string) => {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
};

/**
 * The shadow root of `#herald-messenger`, created on first use. Styles are constructed
 * stylesheets (adoptedStyleSheets): allowed under a strict Content-Security-Policy,
 * where `<style>` elements and `style` attributes are not.
 */
export function shadow(): ShadowRoot {
  const host = document.getElementById(HOST_ID);
  if (root && host === root.host) {
    if (!host.isConnected) document.body.appendChild(host);
    return root;
  }
  const element = document.createElement('div');
  element.id = HOST_ID;
  root = element.attachShadow({ mode: 'open' });
  containers.clear();
  if (!sheets.has(BASE_CSS)) sheets.set(BASE_CSS, sheet(BASE_CSS));
  root.adoptedStyleSheets = [...sheets.values()];
  document.body.appendChild(element);
  return root;
}

/** Adds a widget's stylesheet to the shadow root, once. */
export function adoptStyles(css: string): void {
  const root = shadow();
  if (sheets.has(css)) return;
  sheets.set(css, sheet(css));
  root.adoptedStyleSheets = [...sheets.values()];
}

/** The element inside the shadow root that a widget type renders into. */
export function container(name: string): HTMLElement {
  const root = shadow();
  let el = containers.get(name);
  if (!el || el.parentNode !== root) {
    el = document.createElement('div');
    el.className = `slot slot-${name}`;
    root.appendChild(el);
    containers.set(name, el);
  }
  return el;
}

/**
 * Puts the host first in the body (so an inline top banner pushes the page down) or back
 * at its end.
 */
export function placeHost(first: boolean): void {
  const host = shadow().host;
  const body = document.body;
  if (first && body.firstChild !== host) body.insertBefore(host, body.firstChild);
  if (!first && body.lastChild !== host) body.appendChild(host);
}

const COLOR_KEYS = { action_color: '--herald-action', background_color: '--herald-background' } as const;

/** Intercom's appearance settings as CSS custom properties on the host (CSSOM, not markup). */
export function applyAppearance(appearance: Appearance): void {
  const host = shadow().host as HTMLElement;
  for (const [key, property] of Object.entries(COLOR_KEYS)) {
    const value = appearance[key as keyof typeof COLOR_KEYS];
    if (typeof value === 'string' && CSS.supports('color', value)) host.style.setProperty(property, value);
  }
  const z = appearance.z_index;
  if (Number.isInteger(z)) host.style.setProperty('--herald-z', String(Math.min(Math.max(z!, 0), 2147483647)));
}

/** Tells screen readers about a message without moving focus. */
export function announce(text: string): void {
  const region = container('live');
  region.setAttribute('aria-live', 'polite');
  region.className = 'slot visually-hidden';
  region.textContent = '';
  // A change after the region exists is what assistive technology reads out.
  setTimeout(() => { region.textContent = text; }, 50);
}
