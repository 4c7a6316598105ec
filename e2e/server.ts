import { readFileSync, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const DIST = path.resolve('dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.css': 'text/css' };

export interface Route {
  body?: string | Buffer;
  status?: number;
  type?: string;
  headers?: Record<string, string>;
  /** Answers 304 to a matching If-None-Match. */
  etag?: string;
  /** Resolves when the response may be sent (to hold a response back). */
  hold?: Promise<void>;
  /** Like hold, but the headers go out at once: Chromium then lets other tabs' requests
   * for the same URL through instead of queueing them behind this one. */
  holdBody?: Promise<void>;
  /** Drops the connection instead of answering. */
  destroy?: boolean;
}

export interface Request {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server for one test: dist/ under /sdk/, plus the routes the test sets. */
export interface Site {
  origin: string;
  routes: Map<string, Route | ((req: Request) => Route | Promise<Route>)>;
  requests: Request[];
  url(p: string): string;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const routes: Site['routes'] = new Map();
  const requests: Request[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const request: Request = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    requests.push(request);
    const handler = routes.get(url.pathname);
    let route = typeof handler === 'function' ? await handler(request) : handler;
    if (!route && url.pathname.startsWith('/sdk/')) route = distFile(url.pathname.slice(5));
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    if (route.hold) await route.hold;
    if (route.destroy) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { 'content-type': route.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store', ...route.headers };
    if (route.etag) {
      headers.etag = route.etag;
      if (req.headers['if-none-match'] === route.etag) {
        res.writeHead(304, headers).end();
        return;
      }
    }
    res.writeHead(route.status ?? 200, headers);
    if (route.holdBody) {
      res.flushHeaders();
      await route.holdBody;
    }
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    routes,
    requests,
    url: (p) => origin + p,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function distFile(relative: string): Route | undefined {
  const file = path.join(DIST, relative);
  if (!file.startsWith(DIST + path.sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return { body: readFileSync(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
}
