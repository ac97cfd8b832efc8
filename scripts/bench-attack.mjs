#!/usr/bin/env node
// `npm run bench:attack`: bundle fetches by enrolled family devices, driven by wrk (Debian's load
// generator in C) with DPoP proofs made in advance, on a quiet hub and on a hub under a slowloris
// attack (300 connections trickling header bytes, 1,000 idle ones, kept open for the whole run from
// other loopback addresses); and how long an honest request waits meanwhile. Everything on 127.0.0.1,
// bounded in time. Prints Markdown rows for docs/benchmarks.md.
// Usage: node scripts/bench-attack.mjs [--seconds S] [--connections C] [--devices D] [--proxy]
//   --proxy: the same through nginx with the shipped configuration (docs/deploy/nginx/).
import { spawn } from 'node:child_process';
import { randomUUID, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, device, makeSchool, startHub } from '../tests/hub/hub-client.mjs';
import { idleSockets, trickle } from '../tests/hub/attack-tools.mjs';
import { startNginx } from './nginx.mjs';
import { freePort } from './postgres.mjs';
import { root } from './serve.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(option('seconds', 10));
// nginx allows 32 requests in progress per client address, and wrk's connections all come from one.
const CONNECTIONS = Number(option('connections', process.argv.includes('--proxy') ? 24 : 32));
const DEVICES = Number(option('devices', 64));
const THREADS = 2;
const viaProxy = process.argv.includes('--proxy');
const PUBLIC_URL = 'http://hub.bench.test';
const STUDENT = 'stu-7f3a9c';
const b64u = (value) => Buffer.from(value).toString('base64url');
const log = (...words) => console.error(`[bench:attack ${new Date().toISOString().slice(11, 19)}]`, ...words);

// One proof per request wrk will send (it sends what it can in SECONDS; 6,000 a second is beyond it here).
function proofsFile(devices, count) {
  const path = `/api/students/${STUDENT}/bundle`;
  const iat = Math.floor(Date.now() / 1000);
  const lines = [];
  for (let n = 0; n < count; n++) {
    const d = devices[n % devices.length];
    const input = `${b64u(JSON.stringify({ typ: 'dpop+jwt', alg: 'EdDSA', jwk: d.jwk }))}.${b64u(
      JSON.stringify({ jti: randomUUID(), htm: 'GET', htu: `${PUBLIC_URL}${path}`, iat }),
    )}`;
    lines.push(`${path}\t${input}.${sign(null, Buffer.from(input), d.privateKey).toString('base64url')}`);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'fep-bench-')), 'proofs.tsv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// Asynchronously: the attack's sockets and the honest client keep running while wrk does.
async function wrk(url, file) {
  const child = spawn(
    'wrk',
    [
      `-t${THREADS}`,
      `-c${CONNECTIONS}`,
      `-d${SECONDS}s`,
      '--latency',
      '-s',
      join(root, 'scripts/bench-attack.lua'),
      url,
      '--',
      file,
      String(THREADS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const status = await new Promise((resolve) => child.on('exit', resolve));
  if (status !== 0) throw new Error(`wrk exited with ${status}`);
  const result = { stdout };
  const text = result.stdout;
  const ms = (value, unit) => Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
  const p = (q) => {
    const m = text.match(new RegExp(`^\\s+${q}%\\s+([\\d.]+)(us|ms|s)`, 'm'));
    return m ? ms(m[1], m[2]) : NaN;
  };
  return {
    perSecond: Number(text.match(/Requests\/sec:\s+([\d.]+)/)[1]),
    requests: Number(text.match(/(\d+) requests in/)[1]),
    p50: p(50),
    p99: p(99),
    non2xx: Number(text.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0),
    errors: text.match(/Socket errors: (.*)/)?.[1] ?? 'none',
  };
}

// Keeps `count` attack connections open, opening new ones as the hub closes old ones.
async function sustained(open, port, count, options) {
  let groups = [await open(port, count, options)];
  let stopped = false;
  const openCount = () => groups.reduce((n, g) => n + g.open(), 0);
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const missing = count - openCount();
      if (!stopped && missing > 0) groups.push(await open(port, missing, options));
      groups = groups.filter((g) => g.open() > 0 || g.sockets.length === 0);
    }
  })();
  return {
    open: openCount,
    async stop() {
      stopped = true;
      await loop;
      for (const g of groups) g.destroy();
    },
  };
}

// A GET from 127.0.0.2: another client than wrk's 127.0.0.1, as nginx counts clients by address.
const honestAgent = new http.Agent({ keepAlive: true, localAddress: '127.0.0.2' });
function honestGet(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: honestAgent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      })
      .on('error', reject)
      .setTimeout(10_000, function () {
        this.destroy(new Error('no answer in 10 s'));
      });
  });
}

// The slowest of honest requests, one every 100 ms for `ms` (at least 20 of them).
async function honestWait(url, ms = 0) {
  let worst = 0;
  const until = performance.now() + ms;
  for (let n = 0; n < 20 || performance.now() < until; n++) {
    const started = performance.now();
    const status = await honestGet(new URL('/.well-known/jwks.json', url));
    if (status !== 200) throw new Error(`honest request: ${status}`);
    worst = Math.max(worst, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return worst;
}

log('a school, its hub', viaProxy ? 'behind nginx' : 'bare', `, ${DEVICES} family devices`);
const school = makeSchool();
const hub = await startHub(school.data, [
  '--public-url',
  PUBLIC_URL,
  ...(viaProxy ? ['--trusted-proxy', '127.0.0.1'] : []),
]);
const proxy = viaProxy ? await startNginx({ port: freePort(), upstreams: [Number(new URL(hub.url).port)] }) : null;
const target = proxy?.url ?? hub.url;
const port = Number(new URL(target).port);
const devices = [];
for (let n = 0; n < DEVICES; n++) {
  const d = await device(hub.url, { publicUrl: `${PUBLIC_URL}/` });
  const code = admin(school.data, 'invite', '--contact', school.familyOfMaya).split('\n')[0];
  const enrolled = await d.call('POST', '/api/enroll', { body: { code } });
  if (enrolled.status !== 201) throw new Error(`enrolment: ${enrolled.status} ${enrolled.text}`);
  devices.push(d);
}
const rows = [];
try {
  for (const attack of [false, true]) {
    const file = proofsFile(devices, 6000 * SECONDS);
    let idle = null;
    let slow = null;
    let worst = null;
    let held = 'none';
    if (attack) {
      idle = await sustained(idleSockets, port, 1000, { addresses: 10, firstAddress: 10 });
      slow = await sustained(trickle, port, 300, { addresses: 3, firstAddress: 30 });
      worst = await honestWait(target);
      held = `${idle.open().toLocaleString('en')} idle + ${slow.open()} trickling`;
      log(`attack on: ${held}; slowest honest request ${worst.toFixed(1)} ms`);
    }
    log(`wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s`, attack ? '(under attack)' : '(quiet)');
    // Under attack, an honest client keeps asking while wrk loads the hub too.
    const [result, during] = await Promise.all([wrk(target, file), attack ? honestWait(target, SECONDS * 1000) : 0]);
    if (attack) {
      worst = Math.max(worst, during, await honestWait(target));
      await idle.stop();
      await slow.stop();
    }
    rows.push({ held, worst, ...result });
  }
} catch (error) {
  log('failed:', error.message, `(hub exit ${hub.process.exitCode} ${hub.process.signalCode})`);
  throw error;
} finally {
  await proxy?.stop();
  await hub.stop();
}

console.log(
  '| in front | connections held by the attack | bundle fetches/s | p50 | p99 | non-2xx | slowest honest request |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${viaProxy ? 'nginx' : 'none'} | ${r.held} | ${Math.round(r.perSecond).toLocaleString(
      'en',
    )} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.non2xx} | ${
      r.worst === null ? '' : `${r.worst.toFixed(1)} ms`
    } |`,
  );
}
