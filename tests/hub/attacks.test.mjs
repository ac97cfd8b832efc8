// The hub tried as an attacker would (issue 26): each test is an attack that once stopped the hub,
// starved its clients or got past a rule, run against the real binary on 127.0.0.1, bounded in time
// and traffic. tests/hub/proxy.test.mjs runs the transport attacks again through nginx.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, backend, dataArgs, device, enrolledDevice, hubPath, makeSchool, startHub } from './hub-client.mjs';
import { chunkedFlood, idleSockets, rangeFlood, rawRequest, trickle } from './attack-tools.mjs';

let school;
let hub;
let site;
let family;
let okafor;

before(async () => {
  school = makeSchool();
  // A site folder with a file worth ranging over, and a link out of the folder to the private root key.
  site = mkdtempSync(join(tmpdir(), 'fep-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>hub</title>');
  writeFileSync(join(site, 'big.txt'), 'x'.repeat(100 * 1024));
  symlinkSync(join(school.data, 'keys'), join(site, 'keys'));
  symlinkSync(join(school.data, 'keys', 'root.jwk'), join(site, 'root.jwk'));
  hub = await startHub(school.data, ['--static', site]);
  family = await enrolledDevice(hub.url, school.data, ['--contact', school.familyOfMaya]);
  okafor = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
});
after(async () => {
  await hub?.stop();
});

const port = () => Number(new URL(hub.url).port);

async function stillServing() {
  const me = await family.call('GET', '/api/me');
  assert.equal(me.status, 200, 'the hub still answers');
}

test('an id that is not UTF-8 is refused as malformed, never echoed, and the hub keeps serving', async () => {
  for (const [who, path] of [
    [family, '/api/transfers?student=%FF'],
    [okafor, '/api/dashboard?scope=school:%FF'],
    [okafor, '/api/dashboard?scope=section:%C3'],
    [family, '/api/students/%FF/bundle'],
    [family, '/api/students/%ZZ/bundle'],
    [family, '/api/students/a%00b/bundle'],
    [family, `/api/students/${'x'.repeat(201)}/bundle`],
  ]) {
    const answer = await who.call('GET', path);
    assert.equal(answer.status, 400, `${path}: ${answer.text}`);
    assert.equal(answer.json.code, 'malformed', path);
    assert.ok(!answer.text.includes('\ufffd'), 'nothing of the request is written back');
  }
  // A student this family does not hold: refused without naming the id.
  const other = await family.call('GET', '/api/transfers?student=stu-other');
  assert.equal(other.status, 403);
  assert.ok(!other.text.includes('stu-other'));
  await stillServing();
});

test('an id that a URL percent-encodes is fetched by its encoded path, and a proof names that path', async () => {
  const id = 'stu a/b+ç';
  const record = { ...school.example, student: { ...school.example.student, id } };
  delete record.contactRecords;
  const file = join(school.data, 'encoded.json');
  writeFileSync(file, JSON.stringify(record));
  admin(school.data, 'records', 'put', file);
  admin(school.data, 'staff', 'add', '--id', 't-enc', '--name', 'Ms. Encoded', '--role', 'teacher', '--students', id);
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-enc']);
  const answer = await teacher.call('GET', `/api/students/${encodeURIComponent(id)}/bundle`);
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers.get('cache-control'), 'private, no-cache');
});

test('API answers are never sniffed, and never cached unless they say so', async () => {
  for (const answer of [
    await family.call('GET', '/api/me'),
    await family.call('GET', '/api/roster'),
    await family.call('GET', '/api/nowhere'),
    await device(hub.url).then((d) => d.call('GET', '/api/me')),
  ]) {
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  }
  const bundle = await family.call('GET', '/api/students/stu-7f3a9c/bundle');
  assert.equal(bundle.headers.get('cache-control'), 'private, no-cache');
  assert.equal(bundle.headers.get('x-content-type-options'), 'nosniff');
});

test('a proof is checked against the public URL, not the Host header a client chooses', async () => {
  const d = await device(hub.url, { publicUrl: 'http://evil.example/' });
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const body = JSON.stringify({ code });
  const proof = d.proof({ method: 'POST', url: 'http://evil.example/api/enroll' });
  const answer = await rawRequest(
    port(),
    `POST /api/enroll HTTP/1.1\r\nHost: evil.example\r\nDPoP: ${proof}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  );
  assert.match(answer.head, /^HTTP\/1\.1 401/);
  assert.match(answer.body, /"bad_claims"/);
});

test('a static file is sent whole, once, whatever Range asks; no link leads out of the site', async () => {
  const flood = await rangeFlood(port(), '/big.txt', 2000);
  assert.ok(flood.requestBytes > 6000, 'the request carries 2,000 ranges');
  assert.match(flood.head, /^HTTP\/1\.1 200/);
  assert.match(flood.head, /accept-ranges: none/i);
  assert.equal(flood.bodyBytes, 100 * 1024, 'one copy of the file');
  for (const path of ['/root.jwk', '/keys/root.jwk', '/keys/', '/%2e%2e/keys/root.jwk']) {
    const answer = await fetch(new URL(path, hub.url));
    assert.equal(answer.status, 404, path);
    assert.ok(!(await answer.text()).includes('"d"'), `${path} leaks no key`);
  }
});

test('a chunked body is limited while it is read: 413 after a megabyte, not 200 MiB buffered', async () => {
  const flood = await chunkedFlood(port(), '/api/contact-log', { maxBytes: 200 * 1024 * 1024 });
  assert.equal(flood.status, 413);
  assert.ok(flood.sentBytes < 8 * 1024 * 1024, `refused after ${flood.sentBytes} bytes`);
  await stillServing();
});

test('1,000 idle and 300 trickling connections starve no one; the trickling are cut at the deadline', async () => {
  // From other loopback addresses than the honest client's, at most 100 from each (the cap is 128).
  const idle = await idleSockets(port(), 1000, { addresses: 10, firstAddress: 10 });
  const slow = await trickle(port(), 300, { addresses: 3, firstAddress: 30 });
  try {
    assert.equal(idle.open(), 1000);
    assert.equal(slow.open(), 300);
    for (let n = 0; n < 5; n++) {
      const started = performance.now();
      await stillServing();
      assert.ok(performance.now() - started < 1000, 'served in under a second');
    }
    // The whole-request deadline (10 s) closes every trickling connection, however steadily it sends.
    await slow.closedWithin(15_000);
    assert.equal(slow.open(), 0);
  } finally {
    idle.destroy();
    slow.destroy();
  }
});

test('one address holds at most 128 connections; others are still served', async () => {
  const greedy = await idleSockets(port(), 200, { addresses: 1, firstAddress: 50, settle: 500 });
  try {
    assert.equal(greedy.open(), 128, 'the first 128 stay, the rest are closed at once');
    await stillServing();
  } finally {
    greedy.destroy();
  }
});

test('a second hub on a port in use refuses to start, with a clear error', async () => {
  const second = spawn(hubPath, ['serve', ...dataArgs(school.data), '--port', String(port())], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  second.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => second.on('exit', resolve));
  assert.notEqual(code, 0);
  assert.match(stderr, /cannot listen on 127\.0\.0\.1:\d+: Address already in use/);
  await stillServing();
});

test('requests without a valid proof lock no one out of enrolling', async () => {
  for (let n = 0; n < 25; n++) {
    const answer = await fetch(new URL('/api/enroll', hub.url), { method: 'POST', body: '{"code":"AAAA"}' });
    assert.equal(answer.status, 401);
  }
  const neighbour = await device(hub.url);
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  assert.equal((await neighbour.call('POST', '/api/enroll', { body: { code } })).status, 201);
});

test('behind a trusted proxy, each client is limited on its own; X-Forwarded-For is believed from it only', async (t) => {
  // A school of its own: the refusals counted here must not lock the other tests out.
  const own = makeSchool();
  const proxied = await startHub(own.data, ['--trusted-proxy', '127.0.0.1']);
  const bare = await startHub(own.data);
  t.after(() => Promise.all([proxied.stop(), bare.stop()]));
  const guesser = await device(proxied.url);
  const from = (address) => ({ headers: { 'X-Forwarded-For': `198.51.100.1, ${address}` } });
  for (let n = 0; n < 20; n++) {
    const answer = await guesser.call('POST', '/api/enroll', { body: { code: `WRONG-${n}` }, ...from('203.0.113.7') });
    assert.equal(answer.status, 403);
  }
  const locked = await guesser.call('POST', '/api/enroll', { body: { code: 'WRONG' }, ...from('203.0.113.7') });
  assert.equal(locked.status, 429);
  const neighbour = await device(proxied.url);
  const code = admin(own.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const enrolled = await neighbour.call('POST', '/api/enroll', { body: { code }, ...from('203.0.113.8') });
  assert.equal(enrolled.status, 201);
  // Not from a trusted proxy (the first hub trusts none): the header names no one, the peer is counted.
  const direct = await device(bare.url);
  for (let n = 0; n < 20; n++) {
    const header = { headers: { 'X-Forwarded-For': `192.0.2.${n}` } };
    assert.equal((await direct.call('POST', '/api/enroll', { body: { code: `NO-${n}` }, ...header })).status, 403);
  }
  assert.equal((await direct.call('POST', '/api/enroll', { body: { code: 'NO' } })).status, 429);
});

test('a device already enrolled, or revoked, spends no code', async () => {
  const fresh = await device(hub.url);
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const again = await family.call('POST', '/api/enroll', { body: { code } });
  assert.equal(again.status, 409);
  assert.equal(again.json.code, 'already_enrolled');
  const revoked = await enrolledDevice(hub.url, school.data, ['--contact', school.familyOfMaya]);
  admin(school.data, 'devices', 'revoke', revoked.kid);
  const refused = await revoked.call('POST', '/api/enroll', { body: { code } });
  assert.equal(refused.status, 401);
  assert.equal(refused.json.code, 'device_revoked');
  assert.equal((await fresh.call('POST', '/api/enroll', { body: { code } })).status, 201, 'the code still works');
});

test("a device that is not enrolled leaves no trace: its proof's jti is not remembered", async () => {
  const stranger = await device(hub.url);
  const proof = stranger.proof({ method: 'GET', url: new URL('/api/me', hub.url).href });
  for (let n = 0; n < 2; n++) {
    const answer = await stranger.call('GET', '/api/me', { dpop: proof });
    assert.equal(answer.status, 401);
    assert.equal(answer.json.code, 'not_enrolled', 'not replayed_proof: nothing was written');
  }
});

test('a teacher with no students gets an empty roster', async () => {
  admin(school.data, 'staff', 'add', '--id', 't-new', '--name', 'Mr. New', '--role', 'teacher');
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-new']);
  const roster = await teacher.call('GET', '/api/roster');
  assert.equal(roster.status, 200, roster.text);
  const payload = JSON.parse(Buffer.from(roster.text.split('.')[1], 'base64url'));
  assert.deepEqual(payload.roster.students, []);
  assert.equal(payload.roster.teacher.name, 'Mr. New');
});

test(
  'every file the hub writes is its own: the database and a backup are mode 0600',
  { skip: backend !== 'sqlite' },
  () => {
    const data = mkdtempSync(join(tmpdir(), 'fep-umask-'));
    mkdirSync(data, { recursive: true }); // a folder that already exists, as a school's may
    admin(data, 'staff', 'add', '--id', 'a', '--name', 'A', '--role', 'admin');
    assert.equal(statSync(join(data, 'hub.sqlite')).mode & 0o777, 0o600);
    admin(data, 'backup', '--to', join(data, 'copy.sqlite'));
    assert.equal(statSync(join(data, 'copy.sqlite')).mode & 0o777, 0o600);
  },
);
