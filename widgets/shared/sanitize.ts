import createDOMPurify, { type Config } from 'dompurify';

const purify = createDOMPurify(window);

// No styles: a style attribute would break the page's Content-Security-Policy, and
// authored markup must not be able to restyle the widget.
const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'template'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  RETURN_DOM_FRAGMENT: true,
};

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('target') === '_blank') node.setAttribute('rel', 'noopener noreferrer');
});

/** Authored HTML, cleaned by DOMPurify, as a fragment ready to be appended. */
export const sanitize = (html: string): DocumentFragment => purify.sanitize(html, CONFIG);
