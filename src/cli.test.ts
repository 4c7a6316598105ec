import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { main } from './cli';

const USAGE = 'usage: herald validate RULESET.json [...]   (- reads standard input)';

const good = JSON.stringify({
  version: 1,
  messages: [
    { id: 'a', type: 'banner', content: { body: '<p>a</p>' } },
    { id: 'b', type: 'post', content: {} },
  ],
});
const one = JSON.stringify({ version: 1, messages: [{ id: 'a', type: 'banner', content: {} }] });
const bad = JSON.stringify({
  version: 1,
  messages: [
    { id: 'a', type: 'modal', content: {}, frequency: { every: 'soon' } },
    { id: 'b', type: 'banner', content: {}, frquency: {} },
  ],
});
const warningsOnly = JSON.stringify({ version: 1, messages: [{ id: 'a', type: 'banner', content: {}, frquency: {} }], comment: 'x' });

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
const out = () => log.mock.calls.map((c) => c.join(' ')).join('\n');
const err = () => error.mock.calls.map((c) => c.join(' ')).join('\n');

/** A `read` over an in-memory set of files; a missing one throws like readFileSync. */
const files = (map: Record<string, string>) => (file: string) => {
  if (!(file in map)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
  return map[file]!;
};

beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('herald validate: usage', () => {
  it.each<[string, string[]]>([
    ['no arguments', []],
    ['validate without files', ['validate']],
    ['another command', ['check', 'rules.json']],
    ['a file first', ['rules.json']],
  ])('%s: usage on stderr, exit 2, nothing read', (_name, args) => {
    const read = vi.fn(files({ 'rules.json': good }));
    expect(main(args, read)).toBe(2);
    expect(err()).toBe(USAGE);
    expect(out()).toBe('');
    expect(read).not.toHaveBeenCalled();
  });
});

describe('herald validate: one file', () => {
  it('a valid file: "valid (N messages)", exit 0', () => {
    expect(main(['validate', 'rules.json'], files({ 'rules.json': good }))).toBe(0);
    expect(out()).toBe('rules.json: valid (2 messages)');
    expect(err()).toBe('');
  });

  it('one message is "1 message"; none is "0 messages"', () => {
    expect(main(['validate', 'one.json', 'none.json'], files({ 'one.json': one, 'none.json': '{"version":1,"messages":[]}' }))).toBe(0);
    expect(out()).toBe('one.json: valid (1 message)\nnone.json: valid (0 messages)');
  });

  it('errors: the count line, then each problem with its path and a hint line, exit 1', () => {
    expect(main(['validate', 'rules.json'], files({ 'rules.json': bad }))).toBe(1);
    const lines = out().split('\n');
    expect(lines[0]).toBe('rules.json: 2 errors, 1 warning');
    expect(lines).toEqual([
      'rules.json: 2 errors, 1 warning',
      '  error   $.messages[0].type: unknown type "modal"',
      '          hint: type is one of banner, chat, post, tour, survey',
      '  error   $.messages[0].frequency.every: "soon" is not a duration',
      '          hint: a duration is a whole number and a unit (s, m, h, d or w), like "30m", "1h" or "7d"',
      '  warning $.messages[1].frquency: unknown key "frquency" is ignored',
      '          hint: did you mean "frequency"?',
    ]);
  });

  it('a problem without a hint has no hint line', () => {
    const doc = JSON.stringify({ version: 1, messages: [{ id: 'a', type: 'banner', content: { position: 'middle' } }] });
    expect(main(['validate', 'r.json'], files({ 'r.json': doc }))).toBe(1);
    expect(out().split('\n')).toEqual(['r.json: 1 error, 0 warnings', '  error   $.messages[0].content.position: position "middle" is not one of top, bottom']);
  });

  it('warnings only: listed, exit 0', () => {
    expect(main(['validate', 'rules.json'], files({ 'rules.json': warningsOnly }))).toBe(0);
    const text = out();
    expect(text.split('\n')[0]).toBe('rules.json: 0 errors, 2 warnings');
    expect(text).toContain('warning $.messages[0].frquency');
    expect(text).toContain('warning $.comment');
  });

  it('a fatal document (version 2): exit 1', () => {
    expect(main(['validate', 'r.json'], files({ 'r.json': '{"version":2,"messages":[]}' }))).toBe(1);
    expect(out()).toContain('error   $.version: unsupported version 2');
  });

  it('invalid JSON: "not valid JSON at line L, column C", exit 1', () => {
    const text = '{\n  "version": 1,\n  "messages": [\n    {,}\n  ]\n}';
    expect(main(['validate', 'r.json'], files({ 'r.json': text }))).toBe(1);
    // The stray comma is on line 4, column 6.
    expect(out()).toMatch(/^r\.json: not valid JSON at line 4, column 6: /);
  });

  it('invalid JSON on the first line: column counts from 1', () => {
    expect(main(['validate', 'r.json'], files({ 'r.json': '{"version": 1,}' }))).toBe(1);
    expect(out()).toMatch(/^r\.json: not valid JSON at line 1, column 15: /);
  });

  it.each<[string, string, string]>([
    // On Node 20, these JSON.parse errors carry no "position N", so today no line or column is printed.
    ['a value missing', '{\n  "version": 1,\n  "messages": }', 'line 3, column 15'],
    ['single quotes', "{\n  'version': 1\n}", 'line 2, column 3'],
    ['a truncated file', '{\n  "version": 1,\n  "messages": [', 'line 3, column 16'],
  ])('invalid JSON (%s) still says where', (_name, text, place) => {
    expect(main(['validate', 'r.json'], files({ 'r.json': text }))).toBe(1);
    expect(out()).toContain(`r.json: not valid JSON at ${place}`);
  });

  it('an empty file is not valid JSON', () => {
    expect(main(['validate', 'r.json'], files({ 'r.json': '' }))).toBe(1);
    expect(out()).toMatch(/^r\.json: not valid JSON/);
  });

  it('an unreadable file: says so on stderr, exit 1', () => {
    expect(main(['validate', 'missing.json'], files({}))).toBe(1);
    expect(err()).toMatch(/^missing\.json: cannot be read \(ENOENT: no such file or directory/);
    expect(out()).toBe('');
  });

  it('"-" reads standard input and is reported as stdin', () => {
    const read = vi.fn(files({ '-': good }));
    expect(main(['validate', '-'], read)).toBe(0);
    expect(read).toHaveBeenCalledWith('-');
    expect(out()).toBe('stdin: valid (2 messages)');
  });
});

describe('herald validate: several files', () => {
  it('all valid: exit 0, one line each, in order', () => {
    expect(main(['validate', 'a.json', 'b.json'], files({ 'a.json': good, 'b.json': one }))).toBe(0);
    expect(out()).toBe('a.json: valid (2 messages)\nb.json: valid (1 message)');
  });

  it('one bad among good ones: every file is reported, exit 1', () => {
    const read = files({ 'a.json': good, 'b.json': bad, 'c.json': one });
    expect(main(['validate', 'a.json', 'b.json', 'c.json'], read)).toBe(1);
    const text = out();
    expect(text).toContain('a.json: valid (2 messages)');
    expect(text).toContain('b.json: 2 errors, 1 warning');
    expect(text).toContain('c.json: valid (1 message)');
    expect(text.indexOf('a.json')).toBeLessThan(text.indexOf('b.json'));
    expect(text.indexOf('b.json')).toBeLessThan(text.indexOf('c.json'));
  });

  it('the bad file first still checks the rest', () => {
    expect(main(['validate', 'bad.json', 'good.json'], files({ 'bad.json': '{', 'good.json': good }))).toBe(1);
    expect(out()).toContain('good.json: valid (2 messages)');
  });

  it('an unreadable file among good ones: exit 1, the others checked', () => {
    expect(main(['validate', 'missing.json', 'a.json'], files({ 'a.json': good }))).toBe(1);
    expect(err()).toContain('missing.json: cannot be read');
    expect(out()).toBe('a.json: valid (2 messages)');
  });

  it('warnings in one file and valid others: exit 0', () => {
    expect(main(['validate', 'a.json', 'w.json'], files({ 'a.json': good, 'w.json': warningsOnly }))).toBe(0);
  });
});
