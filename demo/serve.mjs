// Serves the demo on loopback: the QA page (with the install snippet inlined, as the README
// shows) at every route of its fake app, the example rulesets, the built SDK under /sdk/,
// the validator with paths and hints (POST /demo/validate) and edited rulesets
// (POST /demo/drafts). `npm start` builds first.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
/** The fake app's routes (and any other path without a file extension): the page, whose router shows the view. */
const isAppRoute = (pathname) => pathname === '/index.html' || (!/^\/(demo|sdk)\//.test(pathname) && !path.extname(pathname));
const MAX_BODY = 512 * 1024;
const MAX_DRAFTS = 200;

/** The file under `base` that a URL path names, or undefined (never outside `base`). */
function fileIn(base, relative) {
  const file = path.join(base, relative);
  return file.startsWith(base + path.sep) && existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** The example rulesets of demo/rulesets/, by name. */
const rulesets = () => readdirSync(path.join(root, 'demo/rulesets')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

const sha256 = (text) => createHash('sha256').update(text).digest('base64');

/**
 * The page, with the snippet inlined and the chosen ruleset. Its only inline scripts are
 * the settings and the snippet, allowed by their hashes: a strict CSP, as a careful site has.
 */
function page(search) {
  const snippet = readFileSync(path.join(root, 'dist/snippet.js'), 'utf8').trim();
  const wanted = search.get('ruleset');
  const ruleset = rulesets().includes(wanted) ? wanted : 'upload';
  const html = readFileSync(path.join(root, 'demo/index.html'), 'utf8').replace('<!-- herald-snippet -->', snippet).replaceAll('__RULESET__', ruleset);
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${sha256(m[1])}'`);
  const csp = `default-src 'self'; script-src 'self' ${inline.join(' ')}; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'`;
  return { type: TYPES['.html'], body: html, headers: { 'content-security-policy': csp } };
}

/** One `herald validate` problem line: `  error   $.path: message`. */
const PROBLEM = /^ {2}(error|warning) +(\$\S*?): (.*)$/;
const HINT = /^ {10}hint: (.*)$/;
const NOT_JSON = /^stdin: not valid JSON at line (\d+), column (\d+): (.*)$/;

/** Reads `herald validate`'s report into `{ ok, summary, problems: [{level, path, message, hint?}] }`. */
export function readReport(stdout, code) {
  const lines = stdout.split('\n').filter(Boolean);
  const first = lines[0] ?? '';
  const notJson = NOT_JSON.exec(first);
  if (notJson) return { ok: false, json: false, summary: 'not valid JSON', problems: [{ level: 'error', path: '$', message: notJson[3], line: Number(notJson[1]), column: Number(notJson[2]) }] };
  const problems = [];
  for (const line of lines.slice(1)) {
    const problem = PROBLEM.exec(line);
    const hint = HINT.exec(line);
    if (problem) problems.push({ level: problem[1], path: problem[2], message: problem[3] });
    else if (hint && problems.length) problems[problems.length - 1].hint = hint[1];
  }
  return { ok: code === 0, json: true, summary: first.replace(/^stdin: /, ''), problems };
}

/** Runs the built CLI (`node dist/cli.js validate -`) on the text: the validator with hints. */
function validate(text) {
  return new Promise((resolve) => {
    const cli = path.join(root, 'dist/cli.js');
    if (!existsSync(cli)) return resolve({ status: 503, body: { error: 'dist/cli.js is not built' } });
    const child = spawn(process.execPath, [cli, 'validate', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    const timer = setTimeout(() => child.kill(), 10_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.on('error', () => resolve({ status: 500, body: { error: 'the validator could not run' } }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: 200, body: readReport(stdout, code) });
    });
    child.stdin.on('error', () => {}).end(text);
  });
}

/** Edited rulesets, by the hash of their text, so that a boot after a switch of person fetches the one in use. */
const drafts = new Map();
function saveDraft(text) {
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  drafts.delete(id);
  drafts.set(id, text);
  while (drafts.size > MAX_DRAFTS) drafts.delete(drafts.keys().next().value);
  return { url: `/demo/drafts/${id}.json` };
}

function route(pathname, search) {
  if (isAppRoute(pathname)) return page(search);
  if (pathname === '/demo/rulesets/index.json') return { type: TYPES['.json'], body: JSON.stringify(rulesets()) };
  const draft = /^\/demo\/drafts\/([0-9a-f]{16})\.json$/.exec(pathname);
  if (draft) return drafts.has(draft[1]) ? { type: TYPES['.json'], body: drafts.get(draft[1]) } : undefined;
  const file = pathname.startsWith('/sdk/') ? fileIn(path.join(root, 'dist'), pathname.slice(5))
    : pathname.startsWith('/demo/') ? fileIn(path.join(root, 'demo'), pathname.slice(6))
      : undefined;
  // The server and the tests are not part of the page.
  if (file && (file === path.join(root, 'demo/serve.mjs') || /\.test\.m?js$/.test(file))) return undefined;
  return file && { type: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}

/** Reads a request body of at most MAX_BODY bytes; undefined when larger. */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function post(req, pathname) {
  if (pathname !== '/demo/validate' && pathname !== '/demo/drafts') return undefined;
  const text = await readBody(req);
  if (text === undefined) return { status: 413, body: { error: `at most ${MAX_BODY} bytes` } };
  return pathname === '/demo/validate' ? validate(text) : { status: 200, body: saveDraft(text) };
}

export function startDemo(port = Number(process.env.PORT ?? 4321), host = '127.0.0.1') {
  const server = createServer(async (req, res) => {
    try {
      const { pathname, searchParams } = new URL(req.url ?? '/', 'http://demo');
      const name = decodeURIComponent(pathname);
      if (req.method === 'POST') {
        const answer = await post(req, name);
        if (!answer) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return void res.writeHead(answer.status, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' }).end(JSON.stringify(answer.body));
      }
      const found = route(name, searchParams);
      if (!found) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store', ...found.headers }).end(found.body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startDemo();
  const { port } = server.address();
  console.log(`Herald demo: http://127.0.0.1:${port}/`);
}
