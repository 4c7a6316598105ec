import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport, startDemo } from './serve.mjs';

let server;
let origin;
beforeAll(async () => {
  server = await startDemo(0);
  origin = `http://127.0.0.1:${server.address().port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the demo server', () => {
  it('reads the CLI report into problems with paths and hints', () => {
    const out = [
      'stdin: 1 error, 1 warning',
      '  error   $.messages[0].when.metadata[0].op: unknown operator "greater_than"',
      '          hint: did you mean "gt"?',
      '  warning $.messages[0].contnet: unknown key "contnet" is ignored',
      '',
    ].join('\n');
    expect(readReport(out, 1)).toEqual({
      ok: false, json: true, summary: '1 error, 1 warning',
      problems: [
        { level: 'error', path: '$.messages[0].when.metadata[0].op', message: 'unknown operator "greater_than"', hint: 'did you mean "gt"?' },
        { level: 'warning', path: '$.messages[0].contnet', message: 'unknown key "contnet" is ignored' },
      ],
    });
    expect(readReport('stdin: valid (2 messages)\n', 0)).toEqual({ ok: true, json: true, summary: 'valid (2 messages)', problems: [] });
    expect(readReport('stdin: not valid JSON at line 3, column 5: Unexpected token\n', 1)).toMatchObject({ ok: false, json: false, problems: [{ line: 3, column: 5 }] });
  });

  it('validates posted text with the built CLI', async () => {
    const body = JSON.stringify({ version: 1, messages: [{ id: 'm', type: 'banner', frequency: { every: 'soon' }, content: { body: '<p>x</p>' } }] });
    const report = await (await fetch(`${origin}/demo/validate`, { method: 'POST', body })).json();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ level: 'error', path: '$.messages[0].frequency.every' });
    expect(report.problems[0].hint).toContain('"30m"');
  });

  it('keeps an edited ruleset at a URL named by its hash', async () => {
    const text = '{"version":1,"messages":[]}';
    const { url } = await (await fetch(`${origin}/demo/drafts`, { method: 'POST', body: text })).json();
    expect(url).toMatch(/^\/demo\/drafts\/[0-9a-f]{16}\.json$/);
    expect(await (await fetch(origin + url)).text()).toBe(text);
    expect((await fetch(`${origin}/demo/drafts/0000000000000000.json`)).status).toBe(404);
  });

  it('serves the page at every app route, under a CSP that allows only its two inline scripts', async () => {
    for (const route of ['/', '/pricing', '/settings?ruleset=trial', '/help/anything']) {
      const response = await fetch(origin + route);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy').match(/'sha256-/g)).toHaveLength(2);
    }
    expect(await (await fetch(`${origin}/?ruleset=trial`)).text()).toContain("ruleset_url: '/demo/rulesets/trial.json'");
    expect(await (await fetch(`${origin}/?ruleset=../../etc`)).text()).toContain("ruleset_url: '/demo/rulesets/upload.json'");
    expect((await fetch(`${origin}/demo/serve.mjs`)).status).toBe(404);
    expect((await fetch(`${origin}/sdk/../package.json`)).status).toBe(404);
  });
});
