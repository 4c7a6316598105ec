/**
 * DOMPurify, for browsers without the built-in HTML sanitizer (Element.setHTML). Its own
 * chunk: browsers that have the built-in one never download it.
 */
import createDOMPurify, { type Config } from 'dompurify';
import { FORBIDDEN_ATTRIBUTES, FORBIDDEN_ELEMENTS } from './policy';

const purify = createDOMPurify(window);

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [...FORBIDDEN_ELEMENTS],
  FORBID_ATTR: [...FORBIDDEN_ATTRIBUTES],
  ADD_ATTR: ['target'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  RETURN_DOM_FRAGMENT: true,
};

/** Authored HTML, cleaned by DOMPurify, as a fragment. */
export const purifyHtml = (html: string): DocumentFragment => purify.sanitize(html, CONFIG);
