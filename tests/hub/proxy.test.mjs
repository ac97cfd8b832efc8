// The hub behind Debian's nginx with the shipped configuration (docs/deploy/nginx/), attacked through
// the proxy as the internet would: the transport attacks of attacks.test.mjs, and enrolment lockouts
// that must stay per client although every request reaches the hub from the proxy's address.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/postgres.mjs';
import { startNginx } from '../../scripts/nginx.mjs';
import { admin, device, makeSchool, startHub } from './hub-client.mjs';
import { chunkedFlood, idleSockets, rangeFlood, trickle } from './attack-tools.mjs';

let school;
let hub;
let proxy;
let port;

before(async () => {
  school = makeSchool();
  const site = mkdtempSync(join(tmpdir(), 'fep-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>hub</title>');
  writeFileSync(join(site, 'big.txt'), 'x'.repeat(100 * 1024));
  port = freePort();
  const publicUrl = `http://127.0.0.1:${port}/`;
  hub = await startHub(school.data, ['--static', site, '--public-url', publicUrl, '--trusted-proxy', '127.0.0.1']);
  proxy = await startNginx({ port, upstreams: [Number(new URL(hub.url).port)] });
});
after(async () => {
  await proxy?.stop();
  await hub?.stop();
});

// A request from the loopback address `from` (another client, as far as nginx can tell).
function call(d, method, path, { body, from = '127.0.0.1' } = {}) {
  const url = new URL(path, proxy.url);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress: from,
        headers: {
          DPoP: d.proof({ method, url: url.href.split('?')[0] }),
          ...(text === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }),
        },
      },
      (res) => {
        let out = '';
        res.on('data', (chunk) => (out += chunk));
        res.on('end', () => resolve({ status: res.statusCode, text: out, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function served() {
  const started = performance.now();
  const answer = await fetch(new URL('/.well-known/jwks.json', proxy.url));
  assert.equal(answer.status, 200);
  return performance.now() - started;
}

test('through nginx: one copy of a file whatever Range asks', async () => {
  const flood = await rangeFlood(port, '/big.txt', 2000);
  assert.match(flood.head, /^HTTP\/1\.1 200/);
  assert.equal(flood.bodyBytes, 100 * 1024);
});

test('through nginx: a chunked body over 1 MiB is refused at the edge', async () => {
  const flood = await chunkedFlood(port, '/api/contact-log', { maxBytes: 200 * 1024 * 1024 });
  assert.equal(flood.status, 413);
  // nginx answers at 1 MiB and then reads and drops what still comes (lingering close), so a client on
  // loopback may push several more megabytes before it reads the answer; none of it reaches the hub.
  assert.ok(flood.sentBytes < 64 * 1024 * 1024, `refused after ${flood.sentBytes} bytes`);
  assert.ok((await served()) < 1000);
});

test('through nginx: 1,000 idle and 300 trickling connections starve no one; the trickling are cut', async () => {
  const idle = await idleSockets(port, 1000, { addresses: 10, firstAddress: 10 });
  const slow = await trickle(port, 300, { addresses: 3, firstAddress: 30 });
  try {
    assert.equal(slow.open(), 300);
    for (let n = 0; n < 5; n++) assert.ok((await served()) < 1000, 'served in under a second');
    await slow.closedWithin(15_000); // client_header_timeout 10s
    assert.equal(slow.open(), 0);
  } finally {
    idle.destroy();
    slow.destroy();
  }
});

test('through nginx: an id that is not UTF-8 is refused, and the hub keeps serving', async () => {
  const family = await device(proxy.url);
  const code = admin(school.data, 'invite', '--contact', school.familyOfMaya).split('\n')[0];
  assert.equal((await call(family, 'POST', '/api/enroll', { body: { code } })).status, 201);
  const answer = await call(family, 'GET', '/api/transfers?student=%FF');
  assert.equal(answer.status, 400);
  assert.equal((await call(family, 'GET', '/api/me')).status, 200);
});

test('through nginx: a guesser is locked out on its own address, its neighbour still enrols', async () => {
  const guesser = await device(proxy.url);
  const statuses = [];
  for (let n = 0; n < 21; n++)
    statuses.push(
      (await call(guesser, 'POST', '/api/enroll', { body: { code: `WRONG-${n}` }, from: '127.0.0.7' })).status,
    );
  assert.deepEqual(statuses.slice(0, 20), Array(20).fill(403));
  assert.equal(statuses[20], 429);
  const neighbour = await device(proxy.url);
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const enrolled = await call(neighbour, 'POST', '/api/enroll', { body: { code }, from: '127.0.0.8' });
  assert.equal(enrolled.status, 201, enrolled.text);
  // The client's own X-Forwarded-For is replaced by nginx: no way to pose as someone else.
});
