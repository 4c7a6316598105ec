/**
 * JSON text and its positions: where a parse error is, and where a JSON path
 * (`$.messages[0].when.metadata[1].op`, as the validator names problems) is in the text,
 * so that problems show at their line.
 */

/** Line and column (1-based) of a character offset. */
export function lineOf(text, offset) {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** Does text[0, end) parse, or fail only because it stops there? */
function parsesUpTo(text, end) {
  try {
    JSON.parse(text.slice(0, end));
    return true;
  } catch (error) {
    const message = String(error.message ?? error);
    const position = /position (\d+)/.exec(message);
    return /end of JSON|Unterminated|Unexpected end/i.test(message) || (position !== null && Number(position[1]) >= end);
  }
}

/**
 * Parses JSON; on failure, the engine's message with the line and column of the error.
 * Chromium does not always say where ("Unexpected token '}', ... is not valid JSON"): then
 * the shortest prefix that fails other than by ending is the place (as the CLI finds it).
 */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = String(error.message ?? error);
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) return { ok: false, message: message.replace(/ \(line \d+ column \d+\)$/, ''), line: Number(lc[1]), column: Number(lc[2]) };
    const position = /position (\d+)/.exec(message);
    let at = position ? Number(position[1]) : text.length;
    if (!position && !/end of JSON|Unexpected end/i.test(message)) {
      let [low, high] = [0, text.length];
      while (low < high) {
        const mid = (low + high) >> 1;
        if (parsesUpTo(text, mid + 1)) low = mid + 1;
        else high = mid;
      }
      at = low;
    }
    return { ok: false, message, ...lineOf(text, at) };
  }
}

/** The segments of a JSON path: `$.a[0].b` → ['a', 0, 'b']. */
export function segments(path) {
  const out = [];
  for (const m of path.replace(/^\$/, '').matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** A tree of where each value (and each member's key) starts; undefined if the text is not JSON. */
function tree(text) {
  let i = 0;
  const space = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const value = () => {
    space();
    const node = { start: i };
    if (text[i] === '{') {
      i++;
      node.members = new Map();
      space();
      if (text[i] === '}') return i++, node;
      for (;;) {
        space();
        const keyAt = i;
        const key = string();
        space();
        if (text[i++] !== ':') throw new Error('colon');
        const child = value();
        child.keyAt = keyAt;
        node.members.set(key, child);
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === '}') return node;
        throw new Error('object');
      }
    }
    if (text[i] === '[') {
      i++;
      node.items = [];
      space();
      if (text[i] === ']') return i++, node;
      for (;;) {
        node.items.push(value());
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === ']') return node;
        throw new Error('array');
      }
    }
    if (text[i] === '"') return string(), node;
    while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
    return node;
  };
  try {
    return value();
  } catch {
    return undefined;
  }
}

/**
 * Where a path is in the text: its key's position for a member, else its value's. A path
 * to something missing (a key a rule lacks) gives the nearest thing that is there.
 */
export function locate(text, path) {
  let node = tree(text);
  if (!node) return undefined;
  for (const segment of segments(path)) {
    const next = typeof segment === 'number' ? node.items?.[segment] : node.members?.get(segment);
    if (!next) break;
    node = next;
  }
  return lineOf(text, node.keyAt ?? node.start);
}
