// Checks of dist/ that size-limit does not make: the snippet is ES5, messenger.js is a
// classic script with its compile hint and without widget code, and nothing shipped can
// evaluate strings as code.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';

const dist = path.resolve('dist');
const problems = [];
const read = (file) => readFileSync(path.join(dist, file), 'utf8');

try {
  parse(read('snippet.js'), { ecmaVersion: 5 });
} catch (error) {
  problems.push(`snippet.js is not ES5: ${error.message}`);
}

const entry = read('messenger.js');
try {
  // sourceType script: no import/export statements, no import.meta, no top-level await.
  parse(entry, { ecmaVersion: 'latest', sourceType: 'script' });
} catch (error) {
  problems.push(`messenger.js is not a classic script: ${error.message}`);
}
// Chromium's explicit compile hint: the functions of the entry and of the validator are
// compiled while they stream, off the main thread (rollup.config.mjs).
for (const file of ['messenger.js', 'validate.js']) {
  if (!read(file).startsWith('//# allFunctionsCalledOnLoad\n')) problems.push(`${file} does not open with the compile hint //# allFunctionsCalledOnLoad`);
}
for (const [marker, what] of [['ALLOWED_TAGS', 'DOMPurify'], ['__H', 'Preact hooks'], ['attachShadow', 'widget code'], ['is not a duration', 'the validator']]) {
  if (entry.includes(marker)) problems.push(`messenger.js contains ${what} (${marker}): it belongs in a widget chunk`);
}

const files = (dir) => readdirSync(dir).flatMap((name) => {
  const full = path.join(dir, name);
  return statSync(full).isDirectory() ? files(full) : [full];
});
for (const file of files(dist).filter((f) => /\.m?js$/.test(f))) {
  if (/\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(file, 'utf8'))) problems.push(`${path.relative(dist, file)} uses eval or new Function`);
}

// The package as npm would publish it: messenger.js served from it (a CDN that mirrors npm)
// loads its chunks from beside it, so every script of dist/ must be in the tarball.
const packed = new Set(JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }))[0].files.map((f) => f.path));
for (const file of files(dist).filter((f) => /\.js$/.test(f)).map((f) => path.relative('.', f).split(path.sep).join('/'))) {
  if (!packed.has(file)) problems.push(`${file} is not in the npm package (package.json "files")`);
}

if (problems.length) {
  console.error(problems.map((p) => `check-dist: ${p}`).join('\n'));
  process.exit(1);
}
console.log('check-dist: snippet is ES5; messenger.js and validate.js open with the compile hint; messenger.js is a classic script without widget code; no eval or new Function; every script of dist/ is in the npm package');
