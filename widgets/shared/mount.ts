import type { Appearance } from '../../src/widget';
import { BASE_CSS } from './styles';

export const HOST_ID = 'herald-messenger';

let root: ShadowRoot | undefined;
/** One constructed sheet per stylesheet text: the base one first, then each widget's. */
const sheets = new Map<string, CSSStyleSheet>();
/** Last, so that the site's appearance settings win over the defaults. */
const appearanceSheet = { sheet: undefined as CSSStyleSheet | undefined };
const containers = new Map<string, HTMLElement>();

const sheet = (css: string) => {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
};

const adoptAll = (target: ShadowRoot) => {
  const all = [...sheets.values()];
  if (appearanceSheet.sheet) all.push(appearanceSheet.sheet);
  target.adoptedStyleSheets = all;
};

/**
 * The shadow root of `#herald-messenger`, created on first use (and put back if the page
 * removed it). Styles are constructed stylesheets: allowed under a strict
 * Content-Security-Policy, where `<style>` elements and `style` attributes are not.
 */
export function shadow(): ShadowRoot {
  if (root) {
    if (!root.host.isConnected) document.body.appendChild(root.host);
    return root;
  }
  const element = document.createElement('div');
  element.id = HOST_ID;
  root = element.attachShadow({ mode: 'open' });
  if (!sheets.has(BASE_CSS)) sheets.set(BASE_CSS, sheet(BASE_CSS));
  adoptAll(root);
  document.body.appendChild(element);
  return root;
}

/** Adds a widget's stylesheet to the shadow root, once. */
export function adoptStyles(css: string): void {
  if (sheets.has(css)) return;
  sheets.set(css, sheet(css));
  adoptAll(shadow());
}

/** The element inside the shadow root that a widget type renders into. */
export function container(name: string): HTMLElement {
  const target = shadow();
  let el = containers.get(name);
  if (!el) {
    el = document.createElement('div');
    el.className = `slot slot-${name}`;
    target.appendChild(el);
    containers.set(name, el);
  }
  // `:host { all: initial }` also resets direction: mirror the page's, each time we show.
  el.dir = pageDirection();
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

/** The page's writing direction: `rtl` pages get mirrored widgets. */
export function pageDirection(): 'rtl' | 'ltr' {
  const dir = document.documentElement.dir || document.body.dir || getComputedStyle(document.body).direction;
  return dir === 'rtl' ? 'rtl' : 'ltr';
}

const COLOR_KEYS = { action_color: '--herald-action', background_color: '--herald-background' } as const;

/**
 * Intercom's appearance settings as CSS custom properties, in a constructed sheet of their
 * own (no style attribute anywhere). Only values the browser parses as a colour, and a
 * whole z-index, reach the CSS text.
 */
export function applyAppearance(appearance: Appearance): void {
  const declarations: string[] = [];
  for (const [key, property] of Object.entries(COLOR_KEYS)) {
    const value = appearance[key as keyof typeof COLOR_KEYS];
    if (typeof value === 'string' && CSS.supports('color', value)) declarations.push(`${property}: ${value};`);
  }
  const z = appearance.z_index;
  if (Number.isInteger(z)) declarations.push(`--herald-z: ${Math.min(Math.max(z!, 0), 2147483647)};`);
  // The corner of corner widgets (chat): alignment and paddings, in px as Intercom's are.
  const px = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(Math.max(Math.round(v), 0), 500) : fallback);
  const horizontal = `${px(appearance.horizontal_padding, 20)}px`;
  declarations.push(`--herald-vertical-padding: ${px(appearance.vertical_padding, 20)}px;`);
  if (appearance.alignment === 'left') declarations.push(`--herald-left: ${horizontal}; --herald-right: auto;`);
  else declarations.push(`--herald-left: auto; --herald-right: ${horizontal};`);
  const css = `:host { ${declarations.join(' ')} }`;
  if (appearanceSheet.sheet) appearanceSheet.sheet.replaceSync(css);
  else {
    appearanceSheet.sheet = sheet(css);
    adoptAll(shadow());
  }
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
