// Records that follow a student (docs/transfers.md): three districts' hubs on three ports, one trust
// directory (tests/hub/districts.mjs). Maya moves from Lincoln to Riverside mid-year; her family hands
// Lincoln's signed bundle to Riverside's hub, which verifies it against the directory and keeps it
// unchanged for the staff who now hold her. Every refusal has its stable code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { errorCode, fep } from '../node/fep.mjs';
import { LINCOLN, published, startDistricts } from './districts.mjs';
import { dataArgs, device, enrolledDevice, hubPath, startHub } from './hub-client.mjs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

let districts, riverside, riversideData, file, directoryArgs, fromLincoln, oakdale;

before(async () => {
  districts = await startDistricts();
  ({ riverside, file, directoryArgs, fromLincoln, oakdale } = districts);
  riversideData = riverside.data;
});
after(async () => {
  await districts?.stop();
});

test('the family hands Lincoln’s record to Riverside, which keeps it unchanged for the staff who hold Maya', async () => {
  const item = await fromLincoln();
  const family = await enrolledDevice(riverside.url, riversideData, ['--contact', 'c-mother']);
  const handed = await family.call('POST', '/api/transfers', { body: { student: 'rv-1001', items: [item] } });
  assert.equal(handed.status, 200, handed.text);
  assert.deepEqual(handed.json.refused, []);
  assert.equal(handed.json.received[0].issuerName, 'Lincoln County Schools');
  assert.equal(handed.json.received[0].iss, LINCOLN);
  assert.equal(handed.json.received[0].sub, 'stu-7f3a9c');
  assert.equal(handed.json.received[0].stored, true);
  // Handing the same record over again stores nothing twice.
  const again = await family.call('POST', '/api/transfers', { body: { student: 'rv-1001', items: [item] } });
  assert.equal(again.json.received[0].stored, false);

  const teacher = await enrolledDevice(riverside.url, riversideData, ['--staff', 't-rivera']);
  const history = await teacher.call('GET', '/api/transfers?student=rv-1001');
  assert.equal(history.status, 200, history.text);
  assert.equal(history.json.items.length, 1);
  const [held] = history.json.items;
  // Still Lincoln's signature, byte for byte: nothing re-signed as Riverside's own.
  assert.equal(held.bundle, item.bundle);
  assert.equal(held.issuerName, 'Lincoln County Schools');
  assert.equal(held.sender, 'contact:c-mother');
  assert.match(held.receivedAt, /^\d{4}-\d\d-\d\dT/);
  // The reader can verify it again itself, with the directory the hub sends.
  const verified = verifyHeld(history, held, 'held');
  assert.equal(verified.status, 0, verified.stderr);
  assert.equal(JSON.parse(verified.stdout).record.student.displayName, 'Maya Hernández');
  // What the new school reads first, from the verified record, named as the directory names its district.
  const card = fep([
    'summary',
    '--first-needs',
    '--directory',
    file('held-directory.jws'),
    '--directory-key',
    file('directory-key.json'),
    '--keyset',
    file('held-keyset.jws'),
    '--today',
    '2026-03-02',
    file('held-bundle.jws'),
  ]);
  assert.equal(card.status, 0, card.stderr);
  const needs = JSON.parse(card.stdout);
  assert.equal(needs.issuerName, 'Lincoln County Schools');
  assert.equal(needs.asOf, '2026-03-02');
  assert.equal(needs.languages[0].primary, true);
  assert.ok(needs.attendance.daysEnrolled > 0 && needs.lastContacts.length > 0);
  // The family sees what Riverside received, and when.
  const log = await family.call('GET', '/api/transfers?student=rv-1001');
  assert.equal(log.status, 200);
  assert.equal(log.json.items[0].iss, LINCOLN);
});

test('only accounts that hold the student now may hand over or read the history', async () => {
  const item = await fromLincoln();
  const outsider = await enrolledDevice(riverside.url, riversideData, ['--staff', 't-chen']);
  const read = await outsider.call('GET', '/api/transfers?student=rv-1001');
  assert.equal(read.status, 403);
  assert.equal(read.json.code, 'forbidden');
  const write = await outsider.call('POST', '/api/transfers', { body: { student: 'rv-1001', items: [item] } });
  assert.equal(write.status, 403);
  assert.equal(write.json.code, 'forbidden');
  const stranger = await device(riverside.url);
  assert.equal((await stranger.call('GET', '/api/transfers?student=rv-1001')).json.code, 'not_enrolled');
  const unsigned = await stranger.call('POST', '/api/transfers', {
    body: { student: 'rv-1001', items: [item] },
    dpop: null,
  });
  assert.equal(unsigned.status, 401);
});

test('a tampered bundle, an unlisted district and another district’s keys are refused, each with its code', async () => {
  const item = await fromLincoln();
  const fromOakdale = await fromLincoln(oakdale);
  const signature = item.bundle.lastIndexOf('.') + 10;
  const tampered =
    item.bundle.slice(0, signature) + (item.bundle[signature] === 'A' ? 'B' : 'A') + item.bundle.slice(signature + 1);
  const family = await enrolledDevice(riverside.url, riversideData, ['--contact', 'c-mother']);
  const answer = await family.call('POST', '/api/transfers', {
    body: {
      student: 'rv-1001',
      items: [
        { ...item, bundle: tampered },
        fromOakdale,
        { ...item, keyset: fromOakdale.keyset },
        { bundle: item.bundle },
      ],
    },
  });
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(answer.json.received, []);
  assert.deepEqual(
    answer.json.refused.map((r) => [r.index, r.code]),
    [
      [0, 'bad_signature'],
      [1, 'unlisted_issuer'],
      [2, 'unknown_key'],
      [3, 'malformed'],
    ],
  );
});

test('a hub never goes back to an older directory than one it accepted', async () => {
  await riverside.stop();
  const replayed = spawnSync(
    hubPath,
    [
      'serve',
      ...dataArgs(riversideData),
      '--port',
      '0',
      '--directory',
      file('directory-1.jws'),
      '--directory-key',
      file('directory-key.json'),
    ],
    { encoding: 'utf8', timeout: 10000 },
  );
  assert.equal(replayed.status, 1);
  assert.match(replayed.stderr, /^error: rolled_back: /);
  riverside = { ...(await startHub(riversideData, directoryArgs)), data: riversideData };
  districts.riverside = riverside;
  // A hub without a directory says so rather than accepting anything.
  const plain = await enrolledDevice(districts.lincoln.url, districts.lincoln.data, ['--contact', 'c-mother']);
  const refused = await plain.call('POST', '/api/transfers', {
    body: { student: 'stu-7f3a9c', items: [await fromLincoln()] },
  });
  assert.equal(refused.status, 501);
  assert.equal(refused.json.code, 'no_directory');
});

test('fep verify refuses a bundle of an unlisted district with the same code', async () => {
  const fromOakdale = await fromLincoln(oakdale);
  const result = fep([
    'verify',
    ...directoryArgs,
    '--keyset',
    file('oakdale-keyset.jws', fromOakdale.keyset),
    file('oakdale-bundle.jws', fromOakdale.bundle),
  ]);
  assert.equal(errorCode(result), 'unlisted_issuer');
});

test("a record of another child is held, never shown as this child's history until a staff member confirms it", async () => {
  // Leo's Lincoln record, handed over (by mistake) as Maya's.
  const lincolnFamily = await enrolledDevice(districts.lincoln.url, districts.lincoln.data, ['--contact', 'c-mother']);
  const leo = (await lincolnFamily.call('GET', '/api/students/stu-sibling/bundle')).text.trim();
  const item = { ...(await fromLincoln()), bundle: leo };
  const family = await enrolledDevice(riverside.url, riversideData, ['--contact', 'c-mother']);
  const handed = await family.call('POST', '/api/transfers', { body: { student: 'rv-1001', items: [item] } });
  assert.equal(handed.status, 200, handed.text);
  const [answer] = handed.json.received;
  assert.deepEqual([answer.sub, answer.held, answer.code], ['stu-sibling', true, 'another_student']);
  assert.match(answer.message, /names another student/);
  const shown = async () => (await family.call('GET', '/api/transfers?student=rv-1001')).json.items.map((i) => i.sub);
  assert.ok(!(await shown()).includes('stu-sibling'), 'not history before a staff member confirms it');
  const listed = spawnSync(hubPath, ['transfers', 'list', '--student', 'rv-1001', ...dataArgs(riversideData)], {
    encoding: 'utf8',
  });
  assert.match(listed.stdout, /\tstu-sibling\t\d+\tLincoln County Schools\tcontact:c-mother\t[^\t]+\theld\n/);
  const seq = JSON.parse(Buffer.from(leo.split('.')[1], 'base64url')).seq;
  const confirm = (sub) =>
    spawnSync(
      hubPath,
      [
        'transfers',
        'confirm',
        '--student',
        'rv-1001',
        '--iss',
        LINCOLN,
        '--sub',
        sub,
        '--seq',
        String(seq),
        ...dataArgs(riversideData),
      ],
      { encoding: 'utf8' },
    );
  assert.equal(confirm('stu-nobody').status, 1);
  assert.equal(confirm('stu-sibling').status, 0, confirm.stderr);
  assert.ok((await shown()).includes('stu-sibling'));
  const audit = spawnSync(hubPath, ['contacts', 'audit', ...dataArgs(riversideData)], { encoding: 'utf8' }).stdout;
  assert.match(audit, /\ttransfers\.confirm\trv-1001\t[^\t]+\thttps:\/\/lincoln\.example\.org stu-sibling seq \d+\n/);
});

// `fep verify` of a record the hub's history holds, with the directory and the trust material it sends.
const verifyHeld = (history, held, name) =>
  fep([
    'verify',
    '--directory',
    file(`${name}-directory.jws`, history.json.directory),
    '--directory-key',
    file('directory-key.json'),
    '--keyset',
    file(`${name}-keyset.jws`, held.keyset),
    '--revocations',
    file(`${name}-revocations.jws`, held.revocations),
    file(`${name}-bundle.jws`, held.bundle),
  ]);

// Lincoln's revocation list number `seq`, signed by its root, withdrawing `bundle`.
function withdrawnBy(bundle, seq) {
  const [header, claims] = bundle
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url')));
  const list = file(`revoked-${seq}.json`, { [header.kid]: [claims.jti] });
  const root = join(districts.lincoln.data, 'keys/root.jwk');
  const signed = fep(['revoke', '--root', root, '--iss', LINCOLN, '--seq', String(seq), '--ttl', '30', list]);
  assert.equal(signed.status, 0, signed.stderr);
  return signed.stdout.trim();
}

test('revocation holds on transfers: the list is required, an older one is replaced by the newest the hub holds, and history is judged by it', async () => {
  const item = await fromLincoln();
  const family = await enrolledDevice(riverside.url, riversideData, ['--contact', 'c-mother']);
  const handOver = async (items) =>
    (await family.call('POST', '/api/transfers', { body: { student: 'rv-1001', items } })).json;
  // Without its district's list a withdrawn record would look as good as any.
  const { revocations: _omitted, ...withoutList } = item;
  assert.deepEqual(
    (await handOver([withoutList])).refused.map((r) => r.code),
    ['malformed'],
  );
  assert.deepEqual((await handOver([item])).refused, []);
  // Lincoln withdraws the bundle: a newer list, signed by its root.
  const withdrawn = withdrawnBy(item.bundle, 100000);
  assert.deepEqual(
    (await handOver([{ ...item, revocations: withdrawn }])).refused.map((r) => r.code),
    ['revoked'],
  );
  // The family's older list (from before the withdrawal) no longer brings it in: the hub judges the
  // record by the newest list it holds from Lincoln.
  assert.deepEqual(
    (await handOver([item])).refused.map((r) => r.code),
    ['revoked'],
  );
  // The copy received earlier is read with that newest list too: a reader's verification refuses it.
  const history = await family.call('GET', '/api/transfers?student=rv-1001');
  const held = history.json.items.find((i) => i.bundle === item.bundle);
  assert.equal(held.revocations, withdrawn);
  const verified = verifyHeld(history, held, 'withdrawn');
  assert.equal(errorCode(verified), 'revoked');
});

test("a record is judged by its district's current key set and list, fetched over HTTPS from where the directory says", async () => {
  // Lincoln's web server: HTTPS under a certificate this test makes, serving what Lincoln publishes.
  const key = file('tls-key.pem');
  const cert = file('tls-cert.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  assert.equal(made.status, 0, String(made.stderr));
  const served = {
    '/keyset.jws': await published(districts.lincoln, 'keyset.jws'),
    '/revocations.jws': await published(districts.lincoln, 'revocations.jws'),
  };
  let asked = 0;
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    asked++;
    const body = served[request.url];
    response.writeHead(body ? 200 : 404).end(body ?? '');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const base = `https://127.0.0.1:${server.address().port}`;
  try {
    const roots = async (hub) => JSON.parse(await published(hub, 'roots.json')).keys;
    const directory = districts.signDirectory(3, [
      {
        iss: LINCOLN,
        name: 'Lincoln County Schools',
        roots: await roots(districts.lincoln),
        keyset: `${base}/keyset.jws`,
        revocations: `${base}/revocations.jws`,
      },
      { iss: 'https://riverside.example.org', name: 'Riverside Unified', roots: await roots(riverside) },
    ]);
    await riverside.stop();
    riverside = {
      ...(await startHub(riversideData, [
        '--directory',
        directory,
        '--directory-key',
        file('directory-key.json'),
        '--district-ca',
        cert,
      ])),
      data: riversideData,
    };
    districts.riverside = riverside;

    // Leo's record, with the list his family saved: received while Lincoln's own list agrees.
    const lincolnFamily = await enrolledDevice(districts.lincoln.url, districts.lincoln.data, [
      '--contact',
      'c-mother',
    ]);
    const leo = (await lincolnFamily.call('GET', '/api/students/stu-sibling/bundle')).text.trim();
    const item = { bundle: leo, keyset: served['/keyset.jws'], revocations: served['/revocations.jws'] };
    const family = await enrolledDevice(riverside.url, riversideData, ['--contact', 'c-mother']);
    const handOver = async () =>
      (await family.call('POST', '/api/transfers', { body: { student: 'rv-1001', items: [item] } })).json;
    assert.deepEqual((await handOver()).refused, []);
    assert.ok(asked >= 2, 'the hub asked Lincoln');
    // Lincoln withdraws Leo's record on its own server only: the family's file still carries the old
    // list, and the hub, asking Lincoln, refuses the record all the same.
    served['/revocations.jws'] = withdrawnBy(leo, 300000);
    assert.deepEqual(
      (await handOver()).refused.map((r) => r.code),
      ['revoked'],
    );
  } finally {
    server.close();
  }
});
