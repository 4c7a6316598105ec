import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

it('the README shows the snippet exactly as built', () => {
  const snippet = read('dist/snippet.js').trim();
  expect(read('README.md')).toContain(`<script>${snippet}</script>`);
  expect(read('README.md')).toContain(`\`dist/snippet.js\`, ${Buffer.byteLength(read('dist/snippet.js'))} bytes`);
});

it('the README opens with what Herald does, then the two commands', () => {
  const readme = read('README.md');
  expect(readme.indexOf('npm install && npm start')).toBeGreaterThan(0);
  expect(readme.indexOf('npm test')).toBeGreaterThan(readme.indexOf('npm install && npm start'));
  expect(readme.indexOf('npm install && npm start')).toBeLessThan(readme.indexOf('## Install'));
});

it('the README quotes the figures of bench/results.json', async () => {
  // @ts-expect-error: a plain ES module shared with scripts/bench.mjs
  const { withBenchTable } = await import('./bench-table.mjs');
  const results = JSON.parse(read('bench/results.json'));
  expect(read('README.md')).toBe(withBenchTable(read('README.md'), results));
});
