#!/usr/bin/env node
// A small static server for the demo and the browser tests. Every response carries the strict
// Content-Security-Policy a school's site may use, so the demo proves the widget works under it.
// Usage: node scripts/serve.mjs            (PORT overrides 8080; binds 127.0.0.1 only)
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const strictCsp =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'";

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.jws': 'application/jose; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** URL prefix -> folder. The first matching prefix wins; '/' serves the demo page. */
export function defaultMounts() {
  const mounts = {
    '/src/': join(root, 'web/src'),
    '/i18n/': join(root, 'i18n'),
    '/core/': join(root, 'build/wasm/wasm'),
    '/demo/': join(root, 'build/static-demo'), // web/demo with the hashed core named (scripts/bundle.mjs)
    '/demo-data/': join(root, 'build/demo'),
    '/dist/': join(root, 'dist'),
  };
  const vectors = resolve(root, 'tests/vectors');
  if (existsSync(vectors)) mounts['/vectors/'] = vectors;
  return mounts;
}

function resolveFile(mounts, pathname) {
  if (pathname === '/') pathname = '/demo/index.html';
  for (const [prefix, folder] of Object.entries(mounts)) {
    if (!pathname.startsWith(prefix)) continue;
    const file = normalize(join(folder, pathname.slice(prefix.length)));
    if (file !== folder && !file.startsWith(folder + sep)) return null; // no way out of the folder
    return file;
  }
  return null;
}

/**
 * Starts the server; resolves to { url, close() }.
 * @param {{port?: number, mounts?: Record<string,string>, csp?: string | (() => string),
 *          handlers?: Record<string, (request, response, body: string) => void>}} options
 *   port 0 picks a free port; handlers answer POST requests by path (tests use one as a sync endpoint)
 */
export function startServer({ port = 8080, mounts = defaultMounts(), csp = strictCsp, handlers = {} } = {}) {
  let allowedHosts = new Set();
  const server = createServer((request, response) => {
    const headers = {
      'Content-Security-Policy': typeof csp === 'function' ? csp() : csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    // Only this machine's own names: a page on another site whose name a DNS-rebinding attack pointed
    // at 127.0.0.1 sends its own Host, and is refused.
    if (!allowedHosts.has(request.headers.host)) {
      response.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('unknown host\n');
      return;
    }
    const handler = request.method === 'POST' && handlers[new URL(request.url, 'http://127.0.0.1').pathname];
    if (handler) {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => handler(request, response, Buffer.concat(chunks).toString('utf8')));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    } catch {
      response.writeHead(400, headers).end();
      return;
    }
    const file = resolveFile(mounts, pathname);
    const stat = file && existsSync(file) ? statSync(file) : null;
    if (!stat?.isFile()) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      allowedHosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
      resolvePromise({ url: `http://127.0.0.1:${actual}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`Family engagement portal demo: ${url}  (Ctrl+C to stop)`);
}
