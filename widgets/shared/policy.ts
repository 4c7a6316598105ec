import { safeUrl } from './url';

/**
 * What authored HTML may not contain, whichever sanitizer parsed it: no styles (they would
 * restyle the widget and break the page's CSP), no forms or their parts, frames, plugins,
 * SVG or MathML, no document metadata (`title`, which Chromium's sanitizer keeps), and no
 * `<slot>` (it would pull the host element's children into the widget).
 */
export const FORBIDDEN_ELEMENTS = [
  'style', 'script', 'noscript', 'template', 'link', 'meta', 'base', 'title', 'form', 'input', 'button', 'select',
  'option', 'optgroup', 'datalist', 'textarea', 'label', 'fieldset', 'legend', 'output', 'iframe', 'frame',
  'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'dialog', 'slot', 'portal', 'fencedframe',
];

/**
 * Attributes that point at another element by its id. Authored ids are removed, so these
 * could only point at the widget's own elements (relabel its dialog, own its controls).
 */
const REFERENCES = [
  'for', 'form', 'headers', 'list', 'usemap', 'anchor', 'popovertarget', 'commandfor', 'interestfor', 'itemref',
  'aria-activedescendant', 'aria-controls', 'aria-describedby', 'aria-details', 'aria-errormessage',
  'aria-flowto', 'aria-labelledby', 'aria-owns',
];

/**
 * `id`, `class` and `name` too: authored ones would clash with the widget's own, in its
 * shadow root (DOM clobbering). Nor may authored HTML take focus or the keyboard
 * (`autofocus`, `tabindex`, `accesskey`, `contenteditable`) or the top layer (`popover`).
 */
export const FORBIDDEN_ATTRIBUTES = [
  'style', 'srcset', 'imagesrcset', 'srcdoc', 'action', 'formaction', 'ping', 'slot', 'is', 'id', 'class', 'name',
  'autofocus', 'tabindex', 'accesskey', 'contenteditable', 'popover', ...REFERENCES,
];

/** Every attribute that the browser fetches, follows or may pass to a plugin. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'poster', 'cite', 'background', 'longdesc', 'xlink:href', 'data', 'lowsrc', 'dynsrc',
  'codebase', 'classid', 'archive', 'profile', 'manifest', 'icon', 'itemtype',
]);

const forbidden = new Set(FORBIDDEN_ELEMENTS);
const forbiddenAttributes = new Set(FORBIDDEN_ATTRIBUTES);

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
      const drop = name.startsWith('on') || forbiddenAttributes.has(name) || (URL_ATTRIBUTES.has(name) && !safeUrl(value));
      if (drop) el.removeAttribute(name);
    }
    if ((el.localName === 'a' || el.localName === 'area') && el.hasAttribute('target')) {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  }
  return root;
}
