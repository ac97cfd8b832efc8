#!/usr/bin/env node
// `npm run start:two-hubs`: the demo school as a large district runs it (docs/scaling.md): a
// PostgreSQL cluster, two stateless fep-hub processes sharing it, and Debian's nginx in front on
// http://127.0.0.1:8080/ (PORT) with the shipped configuration (docs/deploy/nginx/), taking turns
// between the processes and naming the one that answered in `X-Fep-Hub`. The cluster is throwaway (a
// temporary folder, removed on exit); the keys are kept in .demo-two-hubs/ (git-ignored). In production
// PostgreSQL is the district's own (docs/scaling.md).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startNginx } from './nginx.mjs';
import { freePort, startPostgres } from './postgres.mjs';
import { root } from './serve.mjs';

const port = Number(process.env.PORT ?? 8080);
const publicUrl = `http://127.0.0.1:${port}/`;
const data = resolve(process.env.FEP_TWO_HUBS_DATA ?? join(root, '.demo-two-hubs'));
if (!existsSync(join(root, 'build/site/index.html'))) throw new Error('build first: npm start (or npm run build)');

// A fresh database each start, so the demo's keys and its data always belong together.
rmSync(data, { recursive: true, force: true });
mkdirSync(data, { recursive: true, mode: 0o700 });
const cluster = startPostgres();
const db = cluster.createDatabase('district');

const children = [];
function hub(extra) {
  const hubPort = freePort();
  const child = spawn(
    join(root, 'build/native/hub/fep-hub'),
    [
      'serve',
      '--data',
      data,
      '--db',
      db,
      '--port',
      String(hubPort),
      '--public-url',
      publicUrl,
      '--static',
      join(root, 'build/site'),
      '--trusted-proxy',
      '127.0.0.1',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (/listening on/.test(out)) done({ port: hubPort, output: out });
    });
    child.on('exit', (code) => fail(new Error(`fep-hub exited with ${code}`)));
  });
}

// The first process makes the demo school (and the keys, kept in --data); the second shares both.
const first = await hub(['--demo', join(root, 'docs/examples/demo-school')]);
const second = await hub([]);
const hubs = [first.port, second.port];

const proxy = await startNginx({ port, upstreams: hubs });
process.stdout.write(
  first.output.replace(/fep-hub listening on .*\n/, '').replaceAll(`http://127.0.0.1:${first.port}/`, publicUrl),
);
console.log(`two fep-hub processes (ports ${hubs.join(', ')}) on PostgreSQL ${db}`);
console.log(`proxy listening on ${publicUrl} (nginx, docs/deploy/nginx/)`);

async function stop() {
  for (const child of children) child.kill('SIGTERM');
  await proxy.stop();
  cluster.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
