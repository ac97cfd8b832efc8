// fep-hub over HTTP, the real binary on a free port: published keys, enrolment with invite codes, the
// authorisation matrix with DPoP proofs, and the contact-log loop (a teacher's and a family's records
// in the student's next verified bundle).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jose from 'jose';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { fep } from '../node/fep.mjs';
import {
  admin,
  backend,
  device,
  enrolledDevice,
  makeSchool,
  recentAt,
  restoreBackup,
  startHub,
  trustOptions,
} from './hub-client.mjs';

const SCHOOL_SITE = 'https://www.lincoln.example.org';
let school;
let hub;
let core;
const people = {};

const enrolled = (account) => enrolledDevice(hub.url, school.data, account);

before(async () => {
  core = await loadNodeCore();
  school = makeSchool();
  hub = await startHub(school.data, ['--cors', `${SCHOOL_SITE},https://other.example.org`]);
  people.family = await enrolled(['--contact', school.familyOfMaya]);
  people.otherFamily = await enrolled(['--contact', 'c-ama']);
  people.okafor = await enrolled(['--staff', 't-okafor']);
  people.lee = await enrolled(['--staff', 't-lee']);
  people.admin = await enrolled(['--staff', 'admin']);
});
after(async () => {
  await hub?.stop();
});

// Verifies a bundle the way a family's widget does: the hub's pinned roots and key set.
async function verified(compact) {
  const dir = school.data;
  writeFileSync(join(dir, 'bundle.jws'), compact);
  const result = fep(['verify', ...(await trustOptions(hub.url, dir)), join(dir, 'bundle.jws')]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('the hub publishes its JWKS, roots, key set and revocation list', async () => {
  for (const path of ['/.well-known/jwks.json', '/.well-known/fep/roots.json']) {
    const response = await fetch(new URL(path, hub.url));
    assert.equal(response.status, 200);
    assert.equal((await response.json()).keys.length, 1);
  }
  for (const path of ['/.well-known/fep/keyset.jws', '/.well-known/fep/revocations.jws']) {
    const response = await fetch(new URL(path, hub.url));
    assert.equal(response.status, 200);
    assert.match(await response.text(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(response.headers.get('etag'));
  }
});

test('an invite code enrols one device once; wrong codes lock after a few tries', async () => {
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const first = await device(hub.url);
  // Typed on a phone: lower case, spaces instead of dashes.
  assert.equal(
    (await first.call('POST', '/api/enroll', { body: { code: code.toLowerCase().replaceAll('-', ' ') } })).status,
    201,
  );
  const second = await device(hub.url);
  const reused = await second.call('POST', '/api/enroll', { body: { code } });
  assert.equal(reused.status, 403);
  assert.equal(reused.json.code, 'invalid_code');
  const guesser = await device(hub.url);
  const statuses = [];
  for (let i = 0; i < 8; i++)
    statuses.push((await guesser.call('POST', '/api/enroll', { body: { code: 'AAAA-BBBB-CCCC-DDDD' } })).status);
  assert.deepEqual(statuses.slice(0, 5), [403, 403, 403, 403, 403]);
  assert.ok(
    statuses.slice(5).every((s) => s === 429),
    statuses.join(),
  );
});

test("an enrolment answers with the first student's bundle (the one asked for, if the account's)", async () => {
  const enrol = async (body) => {
    const d = await device(hub.url);
    const code = admin(school.data, 'invite', '--contact', school.familyOfMaya).split('\n')[0];
    const answer = await d.call('POST', '/api/enroll', {
      body: { code, ...body },
      headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' },
    });
    assert.equal(answer.status, 201);
    return { d, answer: answer.json, encoding: answer.headers.get('content-encoding') };
  };
  const plain = await enrol({});
  // Compressed by the hub with Brotli at a fast setting (cpp-httplib would have used Brotli's slowest
  // setting on every answer).
  assert.equal(plain.encoding, 'br');
  const first = plain.answer.students[0].id;
  assert.equal(plain.answer.bundle.student, first);
  // The very bundle the bundle route serves (already signed: the same signature), its payload sent
  // unencoded: the compact JWS is rebuilt from the three parts, byte for byte.
  const { protected: header, payload, signature } = plain.answer.bundle;
  const compact = `${header}.${Buffer.from(payload).toString('base64url')}.${signature}`;
  const fetched = await plain.d.call('GET', `/api/students/${first}/bundle`);
  assert.equal(compact, fetched.text.trim());
  assert.equal((await verified(compact)).sub, first);
  assert.equal(JSON.parse(payload).sub, first);

  const other = plain.answer.students.find((s) => s.id !== first).id;
  assert.equal((await enrol({ student: other })).answer.bundle.student, other);
  // Another family's child, or a malformed choice: the account's first student, never that one.
  assert.equal((await enrol({ student: 'stu-other' })).answer.bundle.student, first);
  assert.equal((await enrol({ student: 42 })).answer.bundle.student, first);
});

test('me: a family with two children sees both; staff see their roster', async () => {
  const family = (await people.family.call('GET', '/api/me')).json;
  assert.equal(family.role, 'family');
  assert.deepEqual(family.students.map((s) => s.id).sort(), ['stu-7f3a9c', 'stu-sibling']);
  const teacher = (await people.okafor.call('GET', '/api/me')).json;
  assert.equal(teacher.name, 'Ms. Okafor');
  assert.deepEqual(teacher.students.map((s) => s.id).sort(), ['stu-7f3a9c', 'stu-sibling']);
});

test('the authorisation matrix: who may fetch which bundle and roster', async () => {
  const status = async (who, path) => (await people[who].call('GET', path)).status;
  const maya = '/api/students/stu-7f3a9c/bundle';
  const kofi = '/api/students/stu-other/bundle';
  const expected = {
    family: { [maya]: 200, [kofi]: 403, '/api/roster': 403 },
    otherFamily: { [maya]: 403, [kofi]: 200, '/api/roster': 403 },
    okafor: { [maya]: 200, [kofi]: 403, '/api/roster': 200 },
    lee: { [maya]: 403, [kofi]: 200, '/api/roster': 200 },
    admin: { [maya]: 200, [kofi]: 200, '/api/roster': 200 },
  };
  for (const [who, routes] of Object.entries(expected)) {
    for (const [path, code] of Object.entries(routes)) assert.equal(await status(who, path), code, `${who} ${path}`);
  }
  assert.equal((await people.family.call('GET', '/api/students/nobody/bundle')).status, 403);
});

test('every request needs a fresh proof for this method and URL by an enrolled, unrevoked device', async () => {
  const d = people.family;
  const url = new URL('/api/me', hub.url).href;
  const now = Math.floor(Date.now() / 1000);
  const refused = async (options) => {
    const response = await d.call('GET', '/api/me', options);
    assert.equal(response.status, 401, JSON.stringify(options));
    return response.json.code;
  };
  assert.equal(await refused({ dpop: null }), 'bad_header');
  const once = d.proof({ method: 'GET', url });
  assert.equal((await d.call('GET', '/api/me', { dpop: once })).status, 200);
  assert.equal(await refused({ dpop: once }), 'replayed_proof');
  assert.equal(await refused({ dpop: d.proof({ method: 'GET', url, iat: now - 600 }) }), 'expired');
  assert.equal(await refused({ dpop: d.proof({ method: 'GET', url, iat: now + 600 }) }), 'not_yet_valid');
  assert.equal(await refused({ dpop: d.proof({ method: 'GET', url: `${url}/other` }) }), 'bad_claims');
  assert.equal(await refused({ dpop: d.proof({ method: 'POST', url }) }), 'bad_claims');
  assert.equal(await refused({ dpop: d.proof({ method: 'GET', url, header: { typ: 'JWT' } }) }), 'bad_header');
  assert.equal(await refused({ dpop: d.proof({ method: 'GET', url, header: { kid: 'x' } }) }), 'bad_header');
  const stranger = await device(hub.url);
  assert.equal((await stranger.call('GET', '/api/me')).json.code, 'not_enrolled');

  const revoked = await enrolled(['--contact', school.familyOfMaya]);
  assert.equal((await revoked.call('GET', '/api/me')).status, 200);
  admin(school.data, 'devices', 'revoke', revoked.kid);
  const after = await revoked.call('GET', '/api/me');
  assert.equal(after.status, 401);
  assert.equal(after.json.code, 'device_revoked');
});

async function signedRecords(d, student, records, after = { seq: 0, hash: '' }) {
  const privateJwk = await jose.exportJWK(d.privateKey);
  const out = [];
  let head = after;
  for (const record of records) {
    const signed = await core.signContact({ privateJwk, record, student, after: head });
    out.push(signed.compact);
    head = { seq: head.seq + 1, hash: signed.hash };
  }
  return { compacts: out, head };
}
const contact = (id, direction, extra = {}) => ({
  id,
  at: recentAt(),
  direction,
  channel: direction === 'family_to_school' ? 'app_message' : 'phone',
  ...(direction === 'school_to_family' ? { outcome: 'reached' } : {}),
  note: `note ${id}`,
  staff: 'Somebody Else',
  ...extra,
});

test('contact records: each side writes its own direction for its own students, once; the next bundle shows both', async () => {
  const before = await people.family.call('GET', '/api/students/stu-7f3a9c/bundle');
  const beforeClaims = await verified(before.text);

  const teacher = await signedRecords(people.okafor, 'stu-7f3a9c', [
    contact('hub-t1', 'school_to_family', { templateId: 'please_call', params: {} }),
    contact('hub-t2', 'family_to_school'),
  ]);
  const sent = await people.okafor.call('POST', '/api/contact-log', {
    body: { device: people.okafor.jwk, records: teacher.compacts },
  });
  assert.equal(sent.status, 200, sent.text);
  assert.deepEqual(
    sent.json.results.map((r) => [r.status, r.code]),
    [
      ['accepted', undefined],
      ['rejected', 'forbidden'],
    ],
  );
  // Sent again (a retry): acknowledged, never stored twice.
  const again = await people.okafor.call('POST', '/api/contact-log', {
    body: { device: people.okafor.jwk, records: teacher.compacts },
  });
  assert.deepEqual(
    again.json.results.map((r) => r.status),
    ['duplicate', 'duplicate'],
  );

  const family = await signedRecords(people.family, 'stu-7f3a9c', [
    contact('hub-f1', 'family_to_school'),
    contact('hub-f2', 'school_to_family'),
  ]);
  const familySent = await people.family.call('POST', '/api/contact-log', {
    body: { device: people.family.jwk, records: family.compacts },
  });
  assert.deepEqual(
    familySent.json.results.map((r) => r.status),
    ['accepted', 'rejected'],
  );
  // A record id the student's history already has, or a family member the record does not know: refused.
  const odd = await signedRecords(
    people.family,
    'stu-7f3a9c',
    [contact('hub-t1', 'family_to_school'), contact('hub-f3', 'family_to_school', { contactId: 'c-nobody' })],
    family.head,
  );
  const oddSent = await people.family.call('POST', '/api/contact-log', {
    body: { device: people.family.jwk, records: odd.compacts },
  });
  assert.deepEqual(
    oddSent.json.results.map((r) => r.code),
    ['duplicate_id', 'unknown_contact'],
  );
  // Another family's child: refused.
  const stranger = await signedRecords(people.otherFamily, 'stu-7f3a9c', [contact('hub-x1', 'family_to_school')]);
  const strangerSent = await people.otherFamily.call('POST', '/api/contact-log', {
    body: { device: people.otherFamily.jwk, records: stranger.compacts },
  });
  assert.deepEqual(
    strangerSent.json.results.map((r) => r.code),
    ['forbidden'],
  );
  // Someone else's records: refused whole.
  const forged = await people.family.call('POST', '/api/contact-log', {
    body: { device: people.okafor.jwk, records: teacher.compacts },
  });
  assert.equal(forged.status, 403);

  const after = await people.family.call('GET', '/api/students/stu-7f3a9c/bundle');
  const claims = await verified(after.text);
  assert.equal(claims.seq, beforeClaims.seq + 1);
  const added = claims.record.contactRecords.filter((c) => c.id.startsWith('hub-'));
  assert.deepEqual(added.map((c) => c.id).sort(), ['hub-f1', 'hub-t1']);
  // The author comes from the account, not from what the device wrote.
  assert.equal(added.find((c) => c.id === 'hub-t1').staff, 'Ms. Okafor');
  assert.equal(added.find((c) => c.id === 'hub-f1').contactId, school.familyOfMaya);
  // The teacher sees the very same history.
  const teacherView = await verified((await people.okafor.call('GET', '/api/students/stu-7f3a9c/bundle')).text);
  assert.equal(teacherView.seq, claims.seq);
  // Unchanged: the same signed bundle, and a conditional request is 304.
  const etag = after.headers.get('etag');
  const cached = await people.family.call('GET', '/api/students/stu-7f3a9c/bundle', {
    headers: { 'If-None-Match': etag },
  });
  assert.equal(cached.status, 304);
});

test('every route survives malformed JSON, huge bodies and hostile shapes', async () => {
  const d = people.admin;
  for (const body of [
    'not json',
    '{"device": 1}',
    '[]',
    '{"device": {}, "records": [1]}',
    '{"a":1,"a":2}',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  ]) {
    for (const path of ['/api/enroll', '/api/contact-log']) {
      const response = await d.call('POST', path, { body });
      assert.ok([400, 403, 413, 429].includes(response.status), `${path} ${body}: ${response.status}`);
      assert.equal(typeof response.json.code, 'string');
    }
  }
  const huge = await d.call('POST', '/api/contact-log', { body: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}` });
  assert.equal(huge.status, 413);
  const records = Array.from({ length: 101 }, () => 'a.b.c');
  assert.equal((await d.call('POST', '/api/contact-log', { body: { device: d.jwk, records } })).status, 413);
  const tampered = await signedRecords(d, 'stu-7f3a9c', [contact('hub-a1', 'school_to_family')]);
  const broken = tampered.compacts[0].slice(0, -3) + (tampered.compacts[0].endsWith('AAA') ? 'BBB' : 'AAA');
  const refused = await d.call('POST', '/api/contact-log', { body: { device: d.jwk, records: [broken] } });
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'chain_tampered');
  assert.equal((await d.call('GET', '/api/me')).status, 200); // still serving
});

test('administration: devices are listed, keys rotate without breaking bundles, a backup is a working copy', async () => {
  const listed = admin(school.data, 'devices', 'list').trim().split('\n');
  assert.ok(listed.some((line) => line.startsWith(`${people.family.kid}\tcontact:${school.familyOfMaya}\t`)));
  assert.ok(listed.some((line) => line.endsWith('\trevoked')));

  const kid = admin(school.data, 'keys', 'rotate').trim();
  const jwks = await (await fetch(new URL('/.well-known/jwks.json', hub.url))).json();
  assert.equal(jwks.keys.length, 2);
  assert.ok(jwks.keys.some((k) => k.kid === kid));
  // The key set now lists both keys: bundles signed before and after still verify.
  await verified((await people.admin.call('GET', '/api/students/stu-sibling/bundle')).text);

  const copy = join(school.data, 'copy');
  mkdirSync(copy);
  // SQLite's backup is the database file; PostgreSQL's is pg_dump's archive, put back by pg_restore.
  const file = join(copy, backend === 'sqlite' ? 'hub.sqlite' : 'hub.dump');
  admin(school.data, 'backup', '--to', file);
  if (backend === 'postgresql') restoreBackup(file, copy);
  assert.deepEqual(admin(copy, 'devices', 'list'), admin(school.data, 'devices', 'list'));
});

test('CORS: the configured school sites may call the API from the browser, no other site may', async () => {
  const preflight = (origin) =>
    fetch(new URL('/api/me', hub.url), {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'dpop' },
    });
  const allowed = await preflight(SCHOOL_SITE);
  assert.equal(allowed.status, 204);
  assert.equal(allowed.headers.get('access-control-allow-origin'), SCHOOL_SITE);
  assert.match(allowed.headers.get('access-control-allow-headers'), /DPoP/);
  const refused = await preflight('https://attacker.example');
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get('access-control-allow-origin'), null);
  const answer = await people.family.call('GET', '/api/me', { headers: { Origin: SCHOOL_SITE } });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('access-control-allow-origin'), SCHOOL_SITE);
  // Date: a device whose clock is off corrects its next proof by the hub's clock.
  assert.equal(answer.headers.get('access-control-expose-headers'), 'ETag, Date');
  assert.ok(Math.abs(Date.parse(answer.headers.get('date')) - Date.now()) < 60000);
  const elsewhere = await people.family.call('GET', '/api/me', { headers: { Origin: 'https://attacker.example' } });
  assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
});

test('a bundle is sent Brotli- or gzip-compressed to a client that accepts it, each with its own ETag', async () => {
  const path = `/api/students/${school.example.student.id}/bundle`;
  const get = (accept, etag) =>
    people.family.call('GET', path, { headers: { 'Accept-Encoding': accept, ...(etag && { 'If-None-Match': etag }) } });
  const plain = await get('identity');
  const gzipped = await get('gzip');
  const brotli = await get('gzip, deflate, br');
  assert.deepEqual(
    [plain, gzipped, brotli].map((answer) => answer.headers.get('content-encoding')),
    [null, 'gzip', 'br'],
  );
  assert.match(brotli.headers.get('vary'), /Accept-Encoding/);
  // fetch decodes them: the very same signed bytes
  assert.equal(gzipped.text, plain.text);
  assert.equal(brotli.text, plain.text);
  const tags = [plain, gzipped, brotli].map((answer) => answer.headers.get('etag'));
  assert.equal(new Set(tags).size, 3, tags.join());
  assert.equal((await get('gzip', gzipped.headers.get('etag'))).status, 304);
  assert.equal((await get('br', brotli.headers.get('etag'))).status, 304);
  assert.equal(
    (await get('br', gzipped.headers.get('etag'))).status,
    200,
    'another encoding is another representation',
  );
});

test("a client that asks for JSON gets a bundle's unencoded form, the same signed bytes, under its own ETag", async () => {
  const path = `/api/students/${school.example.student.id}/bundle`;
  const get = (headers) => people.family.call('GET', path, { headers: { 'Accept-Encoding': 'br', ...headers } });
  const compact = await get({});
  const form = await get({ Accept: 'application/json' });
  assert.match(compact.headers.get('content-type'), /^application\/jose/);
  assert.match(form.headers.get('content-type'), /^application\/json/);
  // Caches keep the two forms apart.
  for (const answer of [compact, form]) {
    const vary = answer.headers.get('vary').split(/,\s*/);
    assert.ok(vary.includes('Accept') && vary.includes('Accept-Encoding'), vary.join());
  }
  const { protected: header, payload, signature } = form.json;
  assert.equal(`${header}.${Buffer.from(payload).toString('base64url')}.${signature}`, compact.text.trim());
  const tag = form.headers.get('etag');
  assert.notEqual(tag, compact.headers.get('etag'));
  assert.equal((await get({ Accept: 'application/json', 'If-None-Match': tag })).status, 304);
  assert.equal((await get({ 'If-None-Match': tag })).status, 200, 'the compact form is another representation');
  // Refusals are the same in either form.
  const other = await people.otherFamily.call('GET', path, { headers: { Accept: 'application/json' } });
  assert.equal(other.status, 403);
});
