import { describe, expect, it } from 'vitest';
import { escapeHtml, fill, type TemplateValues } from './template';

const values: TemplateValues = {
  event: { file_name: 'report.pdf', size: 1024, zero: 0, ok: true, off: false, empty: '', nothing: null, nan: NaN, nested: { a: 1 }, list: ['x'] },
  user: { name: 'Ann', plan: 'pro', secret: 's3cr3t', trick: '{{user.secret}}', html: '<img src=x onerror=alert(1)>', 'address.city': 'Cork' },
};

describe('fill', () => {
  it.each<[string, string]>([
    ['{{event.file_name}} is uploaded.', 'report.pdf is uploaded.'],
    ['Hi {{user.name}}, you are on {{user.plan}}', 'Hi Ann, you are on pro'],
    ['{{ user.name }}', 'Ann'],
    ['{{event.size}} bytes', '1024 bytes'],
    ['{{event.zero}}', '0'],
    ['{{event.ok}}/{{event.off}}', 'true/false'],
    ['{{user.address.city}}', 'Cork'],
    ['no templates here', 'no templates here'],
    ['{{user.name}}{{user.name}}', 'AnnAnn'],
  ])('fills %j', (text, expected) => {
    expect(fill(text, values)).toBe(expected);
  });

  it.each<[string, string]>([
    ['Hi {{user.nickname | fallback: "there"}}!', 'Hi there!'],
    ["Hi {{user.nickname | fallback: 'there'}}!", 'Hi there!'],
    ['Hi {{user.nickname|fallback:"there"}}!', 'Hi there!'],
    ['Hi {{ user.nickname  |  fallback:  "there"  }}!', 'Hi there!'],
    ['Hi {{user.name | fallback: "there"}}!', 'Hi Ann!'],
    ['{{user.nickname | fallback: ""}}', ''],
    ['{{user.nickname | fallback: "it\'s you"}}', "it's you"],
    ["{{user.nickname | fallback: 'say \"hi\"'}}", 'say "hi"'],
    ['{{event.empty | fallback: "none"}}', 'none'],
    ['{{event.nothing | fallback: "none"}}', 'none'],
    ['{{event.nan | fallback: "none"}}', 'none'],
    ['{{event.nested | fallback: "none"}}', 'none'],
    ['{{event.list | fallback: "none"}}', 'none'],
    ['{{event.zero | fallback: "none"}}', '0'],
    ['{{event.off | fallback: "none"}}', 'false'],
  ])('fallback: %j gives %j', (text, expected) => {
    expect(fill(text, values)).toBe(expected);
  });

  it.each<[string, string]>([
    ['Hi {{user.nickname}}!', 'Hi !'],
    ['{{event.missing}}', ''],
    ['{{event.nothing}}', ''],
    ['{{event.empty}}', ''],
    ['{{event.nested}}', ''],
    ['{{user.constructor}}', ''],
    ['{{user.toString}}', ''],
    ['{{user.__proto__}}', ''],
    ['{{event.hasOwnProperty}}', ''],
  ])('a missing value without fallback renders as nothing: %j', (text, expected) => {
    expect(fill(text, values)).toBe(expected);
  });

  it.each<string>(['{{page.url}}', '{{name}}', '{{ }}', '{user.name}', '{{user.name', '{{user.}}', '{{user.name | default: "x"}}', '{{user.name | fallback: "x}}'])(
    'leaves %j, which is not a template, as written',
    (text) => {
      expect(fill(text, values)).toBe(text);
    },
  );

  it('never re-expands a value: a value that looks like a template stays literal', () => {
    expect(fill('{{user.trick}}', values)).toBe('{{user.secret}}');
    expect(fill('{{user.trick}} and {{user.secret}}', values)).toBe('{{user.secret}} and s3cr3t');
    expect(fill('{{event.x}}', { event: { x: '{{event.x}}' }, user: {} })).toBe('{{event.x}}');
  });

  it('inserts values exactly as tracked, without formatting', () => {
    expect(fill('{{event.n}}', { event: { n: 1234567.5 }, user: {} })).toBe('1234567.5');
    expect(fill('{{event.s}}', { event: { s: '  spaced  ' }, user: {} })).toBe('  spaced  ');
  });

  it('applies encode to every value and fallback, and to nothing else', () => {
    const seen: string[] = [];
    const encode = (v: string) => {
      seen.push(v);
      return `[${v}]`;
    };
    expect(fill('<b>{{user.name}}</b> {{user.nickname | fallback: "there"}} {{user.missing}}', values, encode)).toBe('<b>[Ann]</b> [there] []');
    expect(seen).toEqual(['Ann', 'there', '']);
  });

  it('with escapeHtml, values and fallbacks can never become markup', () => {
    expect(fill('<p>{{user.html}}</p>', values, escapeHtml)).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(fill('<p>{{user.nickname | fallback: "<script>alert(1)</script>"}}</p>', values, escapeHtml)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(fill("<a title=\"{{user.q}}\">", { event: {}, user: { q: '" onmouseover="x' } }, escapeHtml)).toBe('<a title="&quot; onmouseover=&quot;x">');
    expect(fill("<a title='{{user.q}}'>", { event: {}, user: { q: "' onmouseover='x" } }, escapeHtml)).toBe("<a title='&#39; onmouseover=&#39;x'>");
  });
});

describe('escapeHtml', () => {
  it.each<[string, string]>([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
    ['<a href="x">Tom & Jerry\'s</a>', '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;'],
    ['&amp;', '&amp;amp;'],
    ['plain text', 'plain text'],
    ['', ''],
  ])('escapes %j as %j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});
