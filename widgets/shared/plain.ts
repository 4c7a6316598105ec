/**
 * HTML that is only text and plain tags, built without parsing it: where the browser has
 * no HTML sanitizer of its own, most bodies (`<p>Your file <strong>a.png</strong> is
 * up.</p>`) then need no DOMPurify. Text becomes text nodes and each tag an element made
 * by `createElement`, so nothing in it can run. Anything else (another tag, an attribute,
 * an entity beyond the five that templates write, a `<p>` inside an open element, a tag
 * closed out of order) is not plain: undefined, and DOMPurify does it.
 */
const TAG = /<(\/?)(p|br|strong|em|b|i|u)>/g;
const ENTITY = /&(amp|lt|gt|quot|#39);/g;
const CHARACTERS: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function plainHtml(html: string): DocumentFragment | undefined {
  const fragment = document.createDocumentFragment();
  const open: (DocumentFragment | Element)[] = [fragment];
  // split with the tag's two groups: text, slash, name, text, slash, name, ..., text.
  const parts = html.split(TAG);
  for (let i = 0; i < parts.length; i += 3) {
    const text = parts[i]!;
    if (text.includes('<') || text.replace(ENTITY, '').includes('&')) return undefined;
    const parent = open.at(-1)!;
    if (text) parent.append(text.replace(ENTITY, (_entity, name: string) => CHARACTERS[name]!));
    const name = parts[i + 2];
    if (!name) continue;
    if (parts[i + 1]) {
      if ((parent as Element).localName !== name) return undefined;
      open.pop();
    } else if (name === 'br') parent.append(document.createElement('br'));
    else {
      if (name === 'p' && open.length > 1) return undefined;
      const element = document.createElement(name);
      parent.append(element);
      open.push(element);
    }
  }
  return fragment;
}
