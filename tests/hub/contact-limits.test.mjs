// No family, device or script can make a student's record unreadable or flood the hub with contact
// records (issue 26, item 5): every field bounded in bytes, unknown members refused, uploads rated and
// counted per device, records per author and student per day, a byte budget per student that keeps
// the signed bundle within what every verifier accepts, and quarantine by an administrator, audited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jose from 'jose';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { fep } from '../node/fep.mjs';
import { admin, enrolledDevice, makeSchool, startHub, trustOptions } from './hub-client.mjs';

const MAYA = 'stu-7f3a9c';
const LEO = 'stu-sibling';
let core;
let school;
let hub;

before(async () => {
  core = await loadNodeCore();
  school = makeSchool();
  hub = await startHub(school.data);
});
after(async () => {
  await hub?.stop();
});

// Signs `records` as the next ones of device `d` (its chain head kept on it).
async function signed(d, records, student = MAYA) {
  d.head ??= { seq: 0, hash: '' };
  const privateJwk = await jose.exportJWK(d.privateKey);
  const out = [];
  for (const record of records) {
    const result = await core.signContact({ privateJwk, record, student, after: d.head });
    out.push(result.compact);
    d.head = { seq: d.head.seq + 1, hash: result.hash };
  }
  return out;
}

const upload = (d, records) => d.call('POST', '/api/contact-log', { body: { device: d.jwk, records } });

// A note as long as a note may be: 2,000 characters of three bytes each (Amharic), 6,000 bytes.
const LONGEST_NOTE = 'ሀ'.repeat(2000);
const note = (prefix, n, direction) => ({
  id: `${prefix}-${n}`,
  at: '2026-05-14T10:00:00Z',
  direction,
  channel: 'phone',
  note: LONGEST_NOTE,
});

async function verifiedBundle(d, student = MAYA) {
  const answer = await d.call('GET', `/api/students/${student}/bundle`);
  assert.equal(answer.status, 200, answer.text);
  assert.ok(answer.text.length <= 1024 * 1024, `${answer.text.length} bytes: within every verifier's limit`);
  const file = join(school.data, 'bundle.jws');
  writeFileSync(file, answer.text);
  const result = fep(['verify', ...(await trustOptions(hub.url, school.data)), file]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('three authors writing the longest notes cannot push the bundle past what verifiers accept', async () => {
  const family = await enrolledDevice(hub.url, school.data, ['--contact', school.familyOfMaya]);
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
  const office = await enrolledDevice(hub.url, school.data, ['--staff', 'admin']);
  const statuses = [];
  for (const [d, prefix, direction] of [
    [family, 'fam', 'family_to_school'],
    [teacher, 'tea', 'school_to_family'],
    [office, 'off', 'school_to_family'],
  ]) {
    // 60 each: the 51st of an author's day is refused as over its quota, or once the student's
    // budget is spent, as making the log too large.
    const records = await signed(
      d,
      Array.from({ length: 60 }, (_, n) => note(prefix, n, direction)),
    );
    const answer = await upload(d, records);
    assert.equal(answer.status, 200, answer.text);
    const results = answer.json.results.map((r) => r.code ?? r.status);
    statuses.push(...results);
    assert.ok(results.filter((r) => r === 'accepted').length <= 50, 'at most 50 a day from one author');
    if (d === family) assert.deepEqual(results.slice(50), Array(10).fill('quota_exceeded'));
  }
  const accepted = statuses.filter((s) => s === 'accepted').length;
  const full = statuses.filter((s) => s === 'log_full').length;
  assert.ok(full > 0, 'the student budget refused some');
  assert.ok(accepted > 60, `${accepted} accepted before the budget`);
  const claims = await verifiedBundle(family);
  assert.equal(claims.record.contactRecords.filter((r) => r.note === LONGEST_NOTE).length, accepted);
});

test('a field over its size or a member the format lacks is refused, whatever the device signs', async () => {
  const d = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
  const header = Buffer.from(JSON.stringify({ alg: 'Ed25519', kid: d.kid, typ: 'fep-contact+jwt' })).toString(
    'base64url',
  );
  const raw = (record) => {
    const claims = { dev: d.kid, seq: 1, prev: null, idem: randomUUID(), iat: 1790000000, sub: MAYA, record };
    const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${sign(null, Buffer.from(input), d.privateKey).toString('base64url')}`;
  };
  const base = { id: 'raw-1', at: '2026-05-14T10:00:00Z', direction: 'school_to_family', channel: 'phone' };
  for (const [record, detail] of [
    [{ ...base, language: 'x'.repeat(36) }, /language: is longer than 35 bytes/],
    [{ ...base, id: 'i'.repeat(129) }, /id: is longer than 128 bytes/],
    [{ ...base, note: '😀'.repeat(1600) }, /note: is longer than 6000 bytes/],
    [{ ...base, html: '<b>' }, /html: is not a member of a contact record/],
  ]) {
    const answer = await upload(d, [raw(record)]);
    assert.equal(answer.status, 409, answer.text);
    assert.equal(answer.json.code, 'bad_record');
    assert.match(answer.json.message, detail);
  }
});

test('a device that uploads too often is told to wait (429, Retry-After)', async () => {
  const d = await enrolledDevice(hub.url, school.data, ['--staff', 't-lee']);
  const statuses = [];
  for (let n = 0; n < 121; n++) statuses.push(await upload(d, []));
  assert.deepEqual(
    statuses.slice(0, 120).map((a) => a.status),
    Array(120).fill(200),
  );
  assert.equal(statuses[120].status, 429);
  assert.equal(statuses[120].json.code, 'rate_limited');
  assert.equal(statuses[120].headers.get('retry-after'), '60');
});

test('a device that has sent its 500 records for the day is told to wait an hour', async () => {
  const d = await enrolledDevice(hub.url, school.data, ['--staff', 'admin']);
  for (let batch = 0; batch < 5; batch++) {
    const records = await signed(
      d,
      Array.from({ length: 100 }, (_, n) => ({ ...note('day', batch * 100 + n, 'school_to_family'), note: 'short' })),
    );
    assert.equal((await upload(d, records)).status, 200);
  }
  const [one] = await signed(d, [{ ...note('day', 500, 'school_to_family'), note: 'one more' }]);
  const refused = await upload(d, [one]);
  assert.equal(refused.status, 429);
  assert.equal(refused.json.code, 'quota_exceeded');
  assert.equal(refused.headers.get('retry-after'), '3600');
});

test('an administrator quarantines a record: out of the bundle, kept, audited', async () => {
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
  const [record] = await signed(
    teacher,
    [
      {
        id: 'to-quarantine',
        at: '2026-05-15T10:00:00Z',
        direction: 'school_to_family',
        channel: 'phone',
        note: 'oops',
      },
    ],
    LEO,
  );
  assert.equal((await upload(teacher, [record])).json.results[0].status, 'accepted');
  const before = await verifiedBundle(teacher, LEO);
  assert.ok(before.record.contactRecords.some((r) => r.id === 'to-quarantine'));
  const line = admin(school.data, 'contacts', 'list', '--student', LEO)
    .trim()
    .split('\n')
    .find((l) => l.includes('"to-quarantine"'));
  const idem = line.split('\t')[0];
  assert.match(line, /\tshown\t/);
  admin(school.data, 'contacts', 'quarantine', idem, '--reason', 'sent to the wrong family');
  const afterward = await verifiedBundle(teacher, LEO);
  assert.ok(!afterward.record.contactRecords.some((r) => r.id === 'to-quarantine'), 'not in the next bundle');
  const kept = admin(school.data, 'contacts', 'list', '--student', LEO);
  assert.match(kept, new RegExp(`${idem}\\t"to-quarantine"\\t[^\\t]+\\tquarantined\\t`));
  const audit = admin(school.data, 'contacts', 'audit');
  assert.match(audit, new RegExp(`\\tcontacts\\.quarantine\\t${idem}\\t[^\\t]+\\tsent to the wrong family`));
  assert.throws(
    () => admin(school.data, 'contacts', 'quarantine', idem, '--reason', 'again'),
    /no shown contact record/,
  );
});
