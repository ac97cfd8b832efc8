// Records that follow a student (docs/transfers.md): two districts' hubs on two ports, one trust
// directory. Maya moves from Lincoln to Riverside mid-year; her family hands Lincoln's signed bundle to
// Riverside's hub, which verifies it against the directory and keeps it unchanged for the staff who now
// hold her. Every refusal has its stable code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { errorCode, fep } from '../node/fep.mjs';
import { admin, device, enrolledDevice, hubPath, makeSchool, startHub } from './hub-client.mjs';

const LINCOLN = 'https://lincoln.example.org';
const RIVERSIDE = 'https://riverside.example.org';
const work = mkdtempSync(join(tmpdir(), 'fep-transfers-'));
const file = (name, contents) => {
  const path = join(work, name);
  if (contents !== undefined) writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
};
let lincoln, riverside, oakdale, lincolnData, riversideData, oakdaleData, directoryArgs;

// A second school where Maya is enrolled now, under Riverside's own id, with her family's same contact.
function makeRiverside(data) {
  const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
  const maya = structuredClone(example);
  maya.student = { ...maya.student, id: 'rv-1001' };
  delete maya.contactRecords;
  writeFileSync(join(data, 'maya.json'), JSON.stringify(maya));
  admin(data, 'records', 'put', join(data, 'maya.json'));
  admin(data, 'staff', 'add', '--id', 't-rivera', '--name', 'Mr. Rivera', '--role', 'teacher', '--students', 'rv-1001');
  admin(data, 'staff', 'add', '--id', 't-chen', '--name', 'Ms. Chen', '--role', 'teacher', '--students', '');
  return example.contacts[0].id;
}

const published = async (hub, name) => (await fetch(new URL(`/.well-known/fep/${name}`, hub.url))).text();

function signDirectory(seq, issuers) {
  writeFileSync(file('issuers.json'), JSON.stringify(issuers));
  const signed = fep([
    'directory',
    '--key',
    file('directory.jwk'),
    '--iss',
    'https://directory.example.org',
    '--seq',
    String(seq),
    '--ttl',
    '30',
    file('issuers.json'),
  ]);
  assert.equal(signed.status, 0, signed.stderr);
  return file(`directory-${seq}.jws`, signed.stdout);
}

before(async () => {
  lincolnData = makeSchool().data;
  oakdaleData = makeSchool().data;
  riversideData = mkdtempSync(join(tmpdir(), 'fep-hub-'));
  makeRiverside(riversideData);
  lincoln = await startHub(lincolnData, ['--iss', LINCOLN]);
  oakdale = await startHub(oakdaleData, ['--iss', 'https://oakdale.example.org']);
  fep(['keygen', '--out', file('directory.jwk')]);
  file('directory-key.json', fep(['jwks', file('directory.jwk')]).stdout);
  // Riverside's own roots come from its data folder's first start: start it once to publish them.
  const first = await startHub(riversideData, ['--iss', RIVERSIDE]);
  const riversideRoots = JSON.parse(await published(first, 'roots.json')).keys;
  await first.stop();
  const lincolnRoots = JSON.parse(await published(lincoln, 'roots.json')).keys;
  signDirectory(1, [
    { iss: LINCOLN, name: 'Lincoln County Schools', roots: lincolnRoots },
    { iss: RIVERSIDE, name: 'Riverside Unified', roots: riversideRoots },
    { iss: 'https://old.example.org', name: 'A district that left', roots: lincolnRoots },
  ]);
  const current = signDirectory(2, [
    { iss: LINCOLN, name: 'Lincoln County Schools', roots: lincolnRoots },
    { iss: RIVERSIDE, name: 'Riverside Unified', roots: riversideRoots },
  ]);
  directoryArgs = ['--directory', current, '--directory-key', file('directory-key.json')];
  riverside = await startHub(riversideData, directoryArgs);
});
after(async () => {
  await Promise.all([lincoln?.stop(), riverside?.stop(), oakdale?.stop()]);
});

// What Maya's family holds from Lincoln: her bundle and Lincoln's published trust material.
async function fromLincoln(hub = lincoln, data = lincolnData) {
  const family = await enrolledDevice(hub.url, data, ['--contact', 'c-mother']);
  const bundle = await family.call('GET', '/api/students/stu-7f3a9c/bundle');
  assert.equal(bundle.status, 200);
  return {
    bundle: bundle.text.trim(),
    keyset: await published(hub, 'keyset.jws'),
    revocations: await published(hub, 'revocations.jws'),
  };
}

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
  const verified = fep([
    'verify',
    '--directory',
    file('sent-directory.jws', history.json.directory),
    '--directory-key',
    file('directory-key.json'),
    '--keyset',
    file('held-keyset.jws', held.keyset),
    file('held-bundle.jws', held.bundle),
  ]);
  assert.equal(verified.status, 0, verified.stderr);
  assert.equal(JSON.parse(verified.stdout).record.student.displayName, 'Maya Hernández');
  // What the new school reads first, from the verified record, named as the directory names its district.
  const card = fep([
    'summary',
    '--first-needs',
    '--directory',
    file('sent-directory.jws'),
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
  const fromOakdale = await fromLincoln(oakdale, oakdaleData);
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
      '--data',
      riversideData,
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
  riverside = await startHub(riversideData, directoryArgs);
  // A hub without a directory says so rather than accepting anything.
  const plain = await enrolledDevice(lincoln.url, lincolnData, ['--contact', 'c-mother']);
  const refused = await plain.call('POST', '/api/transfers', {
    body: { student: 'stu-7f3a9c', items: [await fromLincoln()] },
  });
  assert.equal(refused.status, 501);
  assert.equal(refused.json.code, 'no_directory');
});

test('fep verify refuses a bundle of an unlisted district with the same code', async () => {
  const fromOakdale = await fromLincoln(oakdale, oakdaleData);
  const result = fep([
    'verify',
    ...directoryArgs,
    '--keyset',
    file('oakdale-keyset.jws', fromOakdale.keyset),
    file('oakdale-bundle.jws', fromOakdale.bundle),
  ]);
  assert.equal(errorCode(result), 'unlisted_issuer');
});
