// No family, device or script can make a student's record unreadable or flood the hub with contact
// records (issue 26, item 5): every field bounded in bytes, unknown members refused, uploads rated and
// counted per device, records per author and student per day, older records moved to signed archives
// so the signed bundle stays within what every verifier accepts, and quarantine by an administrator,
// audited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jose from 'jose';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { fep } from '../node/fep.mjs';
import { admin, enrolledDevice, makeSchool, recentAt, startHub, trustOptions } from './hub-client.mjs';

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
  at: recentAt(),
  direction,
  channel: 'phone',
  outcome: 'reached',
  note: LONGEST_NOTE,
});

// `path`'s signed object, fetched by `d` and verified by `fep verify` under the hub's published keys.
async function verified(d, path) {
  const answer = await d.call('GET', path);
  assert.equal(answer.status, 200, answer.text);
  assert.ok(answer.text.length <= 1024 * 1024, `${answer.text.length} bytes: within every verifier's limit`);
  const file = join(school.data, 'signed.jws');
  writeFileSync(file, answer.text);
  const result = fep(['verify', ...(await trustOptions(hub.url, school.data)), file]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}
const verifiedBundle = (d, student = MAYA) => verified(d, `/api/students/${student}/bundle`);
const verifiedArchive = (d, part, student = MAYA) => verified(d, `/api/students/${student}/archive/${part}`);

// Every contact record the student's log shows, oldest part first: the archives', then the record's.
async function wholeLog(d, student = MAYA) {
  const claims = await verifiedBundle(d, student);
  const parts = claims.record.contactArchive ?? [];
  const records = [];
  for (const line of parts) {
    const { archive } = await verifiedArchive(d, line.part, student);
    assert.equal(archive.studentId, student);
    assert.equal(archive.part, line.part);
    assert.equal(archive.contactRecords.length, line.records, `part ${line.part} holds what the record says`);
    records.push(...archive.contactRecords);
  }
  return { claims, parts, records: [...records, ...claims.record.contactRecords] };
}

test('three authors writing the longest notes all day: every record kept, the bundle small, older ones archived', async () => {
  const family = await enrolledDevice(hub.url, school.data, ['--contact', school.familyOfMaya]);
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
  const office = await enrolledDevice(hub.url, school.data, ['--staff', 'admin']);
  const accepted = [];
  for (const [d, prefix, direction] of [
    [family, 'fam', 'family_to_school'],
    [teacher, 'tea', 'school_to_family'],
    [office, 'off', 'school_to_family'],
  ]) {
    // 60 each: the 51st of an author's day is refused as over its quota.
    const records = await signed(
      d,
      Array.from({ length: 60 }, (_, n) => note(prefix, n, direction)),
    );
    const answer = await upload(d, records);
    assert.equal(answer.status, 200, answer.text);
    const results = answer.json.results.map((r) => r.code ?? r.status);
    assert.deepEqual(results, [...Array(50).fill('accepted'), ...Array(10).fill('quota_exceeded')]);
    accepted.push(...Array.from({ length: 50 }, (_, n) => `${prefix}-${n}`));
  }
  // 150 notes of 6,000 bytes: 900 KB, more than one bundle may carry.
  const { claims, parts, records } = await wholeLog(family);
  assert.ok(parts.length >= 3, `${parts.length} archived parts`);
  assert.ok(claims.record.contactRecords.length < 50, 'the record carries the newest part only');
  const longest = records.filter((r) => r.note === LONGEST_NOTE).map((r) => r.id);
  assert.deepEqual(longest, accepted, 'every accepted record once, in the order it was accepted');
  // The teacher reads the same log: the family's records name the family, the school's their author.
  const seenByTeacher = await wholeLog(teacher);
  assert.deepEqual(
    seenByTeacher.records.map((r) => r.id),
    records.map((r) => r.id),
  );
  assert.equal(seenByTeacher.records.find((r) => r.id === 'fam-0').contactId, school.familyOfMaya);
  assert.equal(seenByTeacher.records.find((r) => r.id === 'off-0').staff, 'Office');
  // An archive unchanged is the one already signed: its ETag holds.
  const first = await family.call('GET', `/api/students/${MAYA}/archive/1`);
  const again = await family.call('GET', `/api/students/${MAYA}/archive/1`, {
    headers: { 'If-None-Match': first.headers.get('etag') },
  });
  assert.equal(again.status, 304);
});

test('a record quarantined from an archive leaves it: the archive is signed again, without it', async () => {
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
  const before = await verifiedArchive(teacher, 1);
  assert.ok(before.archive.contactRecords.some((r) => r.id === 'fam-0'));
  const line = admin(school.data, 'contacts', 'list', '--student', MAYA)
    .split('\n')
    .find((l) => l.includes('"fam-0"'));
  admin(school.data, 'contacts', 'quarantine', line.split('\t')[0], '--reason', 'written by a script');
  const after = await verifiedArchive(teacher, 1);
  assert.ok(after.seq > before.seq, 'a newer archive, which replaces the old one on every device');
  const { records } = await wholeLog(teacher);
  assert.ok(!records.some((r) => r.id === 'fam-0'));
  assert.ok(records.some((r) => r.id === 'fam-1'));
});

test('an archive is refused to those who may not see the student, and asked for by number only', async () => {
  const other = await enrolledDevice(hub.url, school.data, ['--contact', 'c-ama']);
  const leeTeacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-lee']);
  const family = await enrolledDevice(hub.url, school.data, ['--contact', school.familyOfMaya]);
  for (const d of [other, leeTeacher]) {
    const refused = await d.call('GET', `/api/students/${MAYA}/archive/1`);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.json.code, 'forbidden');
  }
  const anonymous = await family.call('GET', `/api/students/${MAYA}/archive/1`, { dpop: null });
  assert.equal(anonymous.status, 401);
  for (const part of ['0', '01', 'x', '-1', '1.5', '99999999']) {
    const answer = await family.call('GET', `/api/students/${MAYA}/archive/${part}`);
    assert.equal(answer.status, 400, `${part}: ${answer.text}`);
    assert.equal(answer.json.code, 'malformed');
  }
  const missing = await family.call('GET', `/api/students/${LEO}/archive/1`);
  assert.equal(missing.status, 404);
  assert.equal(missing.json.code, 'not_found');
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
        at: recentAt(),
        direction: 'school_to_family',
        channel: 'phone',
        outcome: 'no_answer',
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

test('a record dated beyond clock skew in the future, or long before it arrived, is refused as implausible_time; the school signs both times', async () => {
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
  const call = (id, at) => ({ id, at, direction: 'school_to_family', channel: 'phone', outcome: 'reached', note: id });
  const records = await signed(
    teacher,
    [
      call('time-future', recentAt(-2)), // two hours ahead of the hub's clock
      call('time-old', recentAt(24 * 46)), // 46 days before it arrived
      call('time-fine', recentAt(24 * 3)), // written offline three days ago
    ],
    LEO,
  );
  const before = Date.now();
  const answer = await upload(teacher, records);
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(
    answer.json.results.map((r) => [r.status, r.code]),
    [
      ['rejected', 'implausible_time'],
      ['rejected', 'implausible_time'],
      ['accepted', undefined],
    ],
  );
  const shown = (await verifiedBundle(teacher, LEO)).record.contactRecords.filter((r) => r.id.startsWith('time-'));
  assert.deepEqual(
    shown.map((r) => r.id),
    ['time-fine'],
  );
  // When it happened, as the device says, and when the hub had it, as the school signs.
  const received = Date.parse(shown[0].receivedAt);
  assert.ok(received >= Math.floor(before / 1000) * 1000 && received <= Date.now(), shown[0].receivedAt);
  assert.ok(Date.parse(shown[0].at) < received - 2 * 24 * 3600e3);
});
