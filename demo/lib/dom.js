/**
 * `h('li', { className: 'x', dataset: { a: '1' }, onclick }, ...children)`: a DOM element.
 * Props are set as properties (text is never parsed as HTML); `dataset`, `attrs` and
 * `on*` handlers have their own keys. Children are nodes, strings or falsy (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'attrs') for (const [name, v] of Object.entries(value)) el.setAttribute(name, String(v));
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el[key] = value;
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false).map((c) => (c instanceof Node ? c : String(c))));
  return el;
}

/** The element with this id (the page's own, never Herald's). */
export const $ = (id) => document.getElementById(id);
