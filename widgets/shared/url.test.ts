import { describe, expect, it } from 'vitest';
import { safeUrl } from './url';

const BASE = 'https://site.test/page';

describe('safeUrl', () => {
  it.each<[string, string]>([
    ['https://example.test/a?b=1#c', 'https://example.test/a?b=1#c'],
    ['http://example.test/', 'http://example.test/'],
    ['HTTPS://EXAMPLE.TEST/x', 'https://example.test/x'],
    ['mailto:ann@example.test', 'mailto:ann@example.test'],
    ['MAILTO:ann@example.test?subject=Hi', 'mailto:ann@example.test?subject=Hi'],
    ['/files/1', 'https://site.test/files/1'],
    ['files/1', 'https://site.test/files/1'],
    ['../up', 'https://site.test/up'],
    ['?tab=2', 'https://site.test/page?tab=2'],
    ['#section', 'https://site.test/page#section'],
    ['//cdn.test/x', 'https://cdn.test/x'],
    ['  https://example.test/  ', 'https://example.test/'],
    // Entity-looking text is not decoded: it is a relative path, resolved on the site.
    ['&#106;avascript:alert(1)', 'https://site.test/&#106;avascript:alert(1)'],
    ['javascript&colon;alert(1)', 'https://site.test/javascript&colon;alert(1)'],
  ])('allows %j as %j', (raw, expected) => {
    expect(safeUrl(raw, BASE)).toBe(expected);
  });

  it('resolves against the base it is given', () => {
    expect(safeUrl('/x', 'http://other.test/a/b')).toBe('http://other.test/x');
    expect(safeUrl('y', 'http://other.test/a/b')).toBe('http://other.test/a/y');
  });

  it.each<[string, string]>([
    ['javascript', 'javascript:alert(1)'],
    ['mixed case', 'JaVaScRiPt:alert(1)'],
    ['upper case', 'JAVASCRIPT:alert(1)'],
    ['leading spaces', '   javascript:alert(1)'],
    ['a leading newline and tab', '\n\tjavascript:alert(1)'],
    ['a leading control character', '\x01javascript:alert(1)'],
    ['a leading NUL', '\x00javascript:alert(1)'],
    ['a leading form feed', '\fjavascript:alert(1)'],
    ['a tab inside', 'java\tscript:alert(1)'],
    ['a newline inside', 'java\nscript:alert(1)'],
    ['a carriage return inside', 'jav\rascript:alert(1)'],
    ['no payload', 'javascript:'],
    ['slashes', 'javascript://example.test/%0Aalert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['data: base64', 'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['VBScript mixed case', 'VbScRiPt:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.test/'],
    ['blob:', 'blob:https://site.test/uuid'],
    ['a custom scheme', 'intent://x#Intent;end'],
  ])('rejects %s: %j', (_name, raw) => {
    expect(safeUrl(raw, BASE)).toBeUndefined();
  });

  it.each<unknown>(['', '   ', '\t\n', null, undefined, 42, {}, ['https://example.test/'], new URL('https://example.test/')])(
    'rejects an empty or non-string value: %j',
    (raw) => {
      expect(safeUrl(raw, BASE)).toBeUndefined();
    },
  );

  it('rejects what cannot be parsed', () => {
    expect(safeUrl('http://', BASE)).toBeUndefined();
    expect(safeUrl('https://exa mple.test/', BASE)).toBeUndefined();
  });
});
