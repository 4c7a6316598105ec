import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

// The built CLI, as `npx herald validate` runs it (npm test builds first).
const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

it('every example ruleset of the demo is valid', () => {
  const files = readdirSync('demo/rulesets').filter((f) => f.endsWith('.json')).map((f) => path.join('demo/rulesets', f));
  expect(files.length).toBeGreaterThan(0);
  const out = execFileSync(process.execPath, [cli, 'validate', ...files], { encoding: 'utf8' });
  for (const file of files) expect(out).toContain(`${file}: valid`);
});

it('a bad file: each problem with its path and hint, exit 1', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-cli-'));
  const file = path.join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({
    version: 1,
    messages: [
      { id: 'a', type: 'modal', content: {} },
      { id: 'b', type: 'banner', when: { event: 'x' }, frequency: { every: 'soon' }, where: [{ attr: 'current_url', op: 'is', value: 'example.com/files' }], content: {} },
      { id: 'b', type: 'banner', when: { event: ['x', 'y'] }, audience: [{ attr: 'user.seats', op: 'gt', value: '10' }], content: {} },
    ],
  }));
  const result = run('validate', file);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain(`${file}: 6 errors, 0 warnings`);
  expect(result.stdout).toContain('$.messages[0].type: unknown type "modal"');
  expect(result.stdout).toContain('$.messages[1].frequency.every: "soon" is not a duration');
  expect(result.stdout).toContain('$.messages[1].where[0].value: current_url is the full URL');
  expect(result.stdout).toContain('$.messages[2].id: id "b" is used twice');
  expect(result.stdout).toContain('$.messages[2].when: a message has exactly one event rule');
  expect(result.stdout).toContain('hint: write 10 without quotes');
});

it('not JSON: says where, exit 1; no file: usage, exit 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-cli-'));
  const file = path.join(dir, 'broken.json');
  writeFileSync(file, '{\n  "version": 1,\n  "messages": [],\n}');
  const result = run('validate', file);
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/not valid JSON at line 4, column 1/);
  expect(run().status).toBe(2);
  expect(run('validate').stderr).toMatch(/usage: herald validate/);
});
