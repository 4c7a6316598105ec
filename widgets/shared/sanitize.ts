import createDOMPurify, { type Config } from 'dompurify';

const purify = createDOMPurify(window);

// No styles: authored markup must not restyle the widget, and a style attribute would
// break the page's Content-Security-Policy.
const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'template'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
  ADD_ATTR: ['target'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  RETURN_DOM_FRAGMENT: true,
};

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('target')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const TAG = /<[a-z][^>]*>/gi;
const STYLE_ATTRIBUTE = /\sstyle\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)/gi;
const STYLE_ELEMENT = /<style[\s\S]*?(?:<\/style\s*>|$)/gi;

/**
 * Chromium reports a CSP violation as soon as its parser meets a style attribute or
 * element, even in the inert document DOMPurify parses into. They would be removed
 * anyway; taking them out of the text first keeps the host page's CSP reports clean.
 * DOMPurify remains what makes the markup safe.
 */
const withoutStyles = (html: string) =>
  html.replace(STYLE_ELEMENT, '').replace(TAG, (tag) => tag.replace(STYLE_ATTRIBUTE, ''));

/** Authored HTML, cleaned by DOMPurify, as a fragment ready to be appended. */
export const sanitize = (html: string): DocumentFragment => purify.sanitize(withoutStyles(html), CONFIG);
