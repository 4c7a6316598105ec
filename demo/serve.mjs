// Serves the demo on loopback: the page (with the install snippet inlined, as the README
// shows), the example rulesets, and the built SDK under /sdk/. `npm start` builds first.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };

/** The file under `base` that a URL path names, or undefined (never outside `base`). */
function fileIn(base, relative) {
  const file = path.join(base, relative);
  return file.startsWith(base + path.sep) && existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** The example rulesets of demo/rulesets/, by name. */
const rulesets = () => readdirSync(path.join(root, 'demo/rulesets')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

function route(pathname, search) {
  if (pathname === '/' || pathname === '/index.html') {
    const snippet = readFileSync(path.join(root, 'dist/snippet.js'), 'utf8');
    const wanted = search.get('ruleset');
    const ruleset = rulesets().includes(wanted) ? wanted : 'upload';
    const html = readFileSync(path.join(root, 'demo/index.html'), 'utf8').replace('<!-- herald-snippet -->', snippet).replaceAll('__RULESET__', ruleset);
    return { type: TYPES['.html'], body: html };
  }
  if (pathname === '/demo/rulesets/index.json') return { type: TYPES['.json'], body: JSON.stringify(rulesets()) };
  const file = pathname.startsWith('/sdk/') ? fileIn(path.join(root, 'dist'), pathname.slice(5))
    : pathname.startsWith('/demo/') ? fileIn(path.join(root, 'demo'), pathname.slice(6))
      : undefined;
  return file && { type: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}

export function startDemo(port = Number(process.env.PORT ?? 4321), host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://demo');
    const found = route(decodeURIComponent(pathname), searchParams);
    if (!found) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' }).end(found.body);
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
