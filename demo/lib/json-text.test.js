import { describe, expect, it } from 'vitest';
import { lineOf, locate, parseJson, segments } from './json-text.js';

const text = JSON.stringify({
  version: 1,
  messages: [{ id: 'a', when: { event: 'e', metadata: [{ key: 'k', op: 'greater_than', value: 1 }] }, contnet: {} }],
}, null, 2);

describe('json-text', () => {
  it('splits a JSON path into keys and indexes', () => {
    expect(segments('$.messages[0].when.metadata[12].op')).toEqual(['messages', 0, 'when', 'metadata', 12, 'op']);
    expect(segments('$')).toEqual([]);
  });

  it('finds the line of a path: the key of a member, the start of an item', () => {
    const lines = text.split('\n');
    const at = (path) => lines[locate(text, path).line - 1].trim();
    expect(at('$.messages[0].when.metadata[0].op')).toBe('"op": "greater_than",');
    expect(at('$.messages[0].contnet')).toBe('"contnet": {}');
    expect(at('$.messages[0]')).toBe('{');
    expect(at('$.version')).toBe('"version": 1,');
  });

  it('points a path to something missing at the nearest thing that is there', () => {
    const lines = text.split('\n');
    expect(lines[locate(text, '$.messages[0].when.event_name').line - 1].trim()).toBe('"when": {');
    expect(locate(text, '$.messages[7].id')).toEqual(locate(text, '$.messages'));
  });

  it('gives nothing for text that is not JSON', () => {
    expect(locate('{ "a": ', '$.a')).toBeUndefined();
  });

  it('says where a parse error is, also when the engine does not', () => {
    expect(parseJson('{"a":1,}')).toMatchObject({ ok: false, line: 1, column: 8 });
    expect(parseJson('{\n  "version": 1,\n  "messages": [\n}')).toMatchObject({ ok: false, line: 4, column: 1 });
    expect(parseJson('{\n  "a": tru\n}')).toMatchObject({ ok: false, line: 2 });
    expect(parseJson('')).toMatchObject({ ok: false, line: 1, column: 1 });
    expect(parseJson('{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
  });

  it('counts lines and columns from 1', () => {
    expect(lineOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
