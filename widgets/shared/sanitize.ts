import { enforcePolicy } from './policy';

type Sanitize = (html: string) => DocumentFragment;

interface BuiltInSanitizer {
  allowElement(element: { name: string; attributes: string[] }): void;
  allowAttribute(name: string): void;
}

/**
 * The browser's own HTML sanitizer (Chromium, Firefox): `Element.setHTML`, safe by design
 * whatever its configuration. Its default drops images and link targets, which posts
 * need; an implementation without this API shape means DOMPurify instead.
 */
function makeBuiltIn(): Sanitize | undefined {
  try {
    const Sanitizer = (window as unknown as { Sanitizer?: new () => BuiltInSanitizer }).Sanitizer;
    if (!Sanitizer || typeof (Element.prototype as { setHTML?: unknown }).setHTML !== 'function') return undefined;
    const sanitizer = new Sanitizer();
    sanitizer.allowElement({ name: 'img', attributes: ['src', 'alt', 'width', 'height'] });
    sanitizer.allowAttribute('target');
    return (html) => {
      const template = document.createElement('template');
      (template as unknown as { setHTML(html: string, options: object): void }).setHTML(html, { sanitizer });
      return template.content;
    };
  } catch {
    return undefined;
  }
}

const builtIn = makeBuiltIn();

let plain: ((html: string) => DocumentFragment | undefined) | undefined;
let purified: Sanitize | undefined;

/**
 * Resolves when `html` can be sanitized: at once with the built-in sanitizer; else once the
 * plain-HTML builder has loaded, and DOMPurify too if the HTML is more than plain.
 */
export async function sanitizerReady(html: string) {
  if (builtIn) return;
  plain = (await import('./plain')).plainHtml;
  if (!plain(html)) purified = (await import('./purify')).purifyHtml;
}

const TAG = /<[a-z][^>]*>/gi;
const STYLE_ATTRIBUTE = /\sstyle\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)/gi;
const STYLE_ELEMENT = /<style[\s\S]*?(?:<\/style\s*>|$)/gi;

/**
 * Chromium reports a CSP violation as soon as its parser meets a style attribute or
 * element, even in an inert document. They are removed anyway; taking them out of the
 * text first keeps the host page's CSP reports clean. The sanitizer is what makes it safe.
 */
const withoutStyles = (html: string) =>
  html.replace(STYLE_ELEMENT, '').replace(TAG, (tag) => tag.replace(STYLE_ATTRIBUTE, ''));

let warned = false;

/**
 * Authored HTML as a clean fragment: the built-in sanitizer, or where there is none the
 * plain-HTML builder or DOMPurify, then Herald's own policy. Undefined until `sanitizerReady` has resolved. Never
 * throws: HTML that cannot be sanitized here is left out (an empty fragment), with one
 * warning. That happens on a page that enforces Trusted Types without letting DOMPurify
 * make its `dompurify` policy (the name is taken, and `'allow-duplicates'` is not set).
 */
export function sanitize(html: string): DocumentFragment | undefined {
  let problem: unknown;
  try {
    const fragment = builtIn ? builtIn(withoutStyles(html)) : plain?.(html) ?? purified?.(withoutStyles(html));
    // Without the built-in sanitizer: not ready, until the HTML is plain or DOMPurify has loaded.
    if (!builtIn && !fragment && !purified) return undefined;
    if (fragment?.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return enforcePolicy(fragment);
  } catch (error) {
    problem = error;
  }
  if (!warned) {
    warned = true;
    console.warn(`[herald] message HTML could not be sanitized on this page${problem instanceof Error ? ` (${problem.name}: ${problem.message})` : ''}; it is left out. Under Trusted Types, allow the policy "dompurify" (with 'allow-duplicates' if the page makes one too).`);
  }
  return document.createDocumentFragment();
}
