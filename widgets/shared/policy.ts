import { safeUrl } from './url';

/**
 * What authored HTML may not contain, whichever sanitizer parsed it: no styles (they would
 * restyle the widget and break the page's CSP), no forms, frames, plugins, SVG or MathML.
 */
export const FORBIDDEN_ELEMENTS = [
  'style', 'script', 'noscript', 'template', 'link', 'meta', 'base', 'form', 'input', 'button', 'select',
  'option', 'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'dialog',
];
/** `id` and `class` too: authored ones would clash with the widget's own, in its shadow root. */
export const FORBIDDEN_ATTRIBUTES = ['style', 'srcset', 'action', 'formaction', 'ping', 'slot', 'is', 'id', 'class'];
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'background', 'longdesc', 'xlink:href'];

const forbidden = new Set(FORBIDDEN_ELEMENTS);

/**
 * Applies the policy to a parsed fragment, after the sanitizer: removes forbidden elements
 * and attributes, any handler, and URLs other than http(s), mailto and relative ones;
 * links that open a new tab get `rel="noopener noreferrer"`.
 */
export function enforcePolicy(root: DocumentFragment): DocumentFragment {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (forbidden.has(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      el.remove();
      continue;
    }
    for (const { name, value } of Array.from(el.attributes)) {
      const drop = name.startsWith('on') || FORBIDDEN_ATTRIBUTES.includes(name) || (URL_ATTRIBUTES.includes(name) && !safeUrl(value));
      if (drop) el.removeAttribute(name);
    }
    if (el.localName === 'a' && el.hasAttribute('target')) {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  }
  return root;
}
