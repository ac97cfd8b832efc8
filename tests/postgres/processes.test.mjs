// Several hub processes on one PostgreSQL: every rule that guards against doing something twice holds
// when the two attempts reach different processes at the same moment.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, databaseOf, device, signNext } from '../hub/hub-client.mjs';
import { PUBLIC_URL, claimsOf, twoHubs } from './two-hubs.mjs';

let district, a, b;
before(async () => {
  district = await twoHubs();
  [a, b] = district.hubs;
});
after(() => district?.stop());

test('an invite code is redeemed once when two processes race for it', async () => {
  for (let round = 0; round < 8; round++) {
    const code = admin(district.school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
    const [one, two] = await Promise.all([a, b].map((hub) => device(hub.url, { publicUrl: PUBLIC_URL })));
    const answers = await Promise.all([
      one.call('POST', '/api/enroll', { body: { code } }),
      two.call('POST', '/api/enroll', { body: { code }, at: b.url }),
    ]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 403], `round ${round}`);
    assert.equal(answers.find((r) => r.status === 403).json.code, 'invalid_code');
  }
});

test('a DPoP proof is accepted once, whichever processes it is sent to', async () => {
  const d = await district.enrolled(['--staff', 't-lee']);
  for (let round = 0; round < 8; round++) {
    const dpop = d.proof({ method: 'GET', url: new URL('/api/me', PUBLIC_URL).href });
    const answers = await Promise.all([
      d.call('GET', '/api/me', { dpop }),
      d.call('GET', '/api/me', { dpop, at: b.url }),
    ]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 401], `round ${round}`);
    assert.equal(answers.find((r) => r.status === 401).json.code, 'replayed_proof');
  }
});

test('failed enrolment tries are counted across processes: a code locks after five, at either', async () => {
  const code = admin(district.school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const wrong = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
  const d = await device(a.url, { publicUrl: PUBLIC_URL });
  for (const at of [a.url, b.url, a.url, b.url, a.url]) {
    assert.equal((await d.call('POST', '/api/enroll', { body: { code: wrong }, at })).status, 403);
  }
  const locked = await d.call('POST', '/api/enroll', { body: { code: wrong }, at: b.url });
  assert.equal(locked.status, 429);
  assert.equal(locked.json.code, 'too_many_attempts');
});

test('no two bundles share a seq when both processes re-issue at once, and no change is left out', async () => {
  const teacher = await district.enrolled(['--staff', 't-okafor']);
  const seen = new Map(); // seq -> the compacts served with it
  const sent = [];
  for (let round = 0; round < 6; round++) {
    const [record] = await signNext(district.core, teacher, 'stu-sibling', 1, 'race');
    sent.push(record.id);
    const upload = await teacher.call('POST', '/api/contact-log', {
      body: { device: teacher.jwk, records: [record.compact] },
      at: round % 2 ? a.url : b.url,
    });
    assert.equal(upload.status, 200);
    const fetches = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        teacher.call('GET', '/api/students/stu-sibling/bundle', { at: i % 2 ? a.url : b.url }),
      ),
    );
    for (const response of fetches) {
      assert.equal(response.status, 200);
      const { seq } = claimsOf(response.text);
      seen.set(seq, (seen.get(seq) ?? new Set()).add(response.text.trim()));
    }
  }
  for (const [seq, compacts] of seen) assert.equal(compacts.size, 1, `seq ${seq} was signed twice`);
  const last = claimsOf((await teacher.call('GET', '/api/students/stu-sibling/bundle')).text);
  const shown = last.record.contactRecords.map((c) => c.id);
  for (const id of sent) assert.ok(shown.includes(id), `${id} is missing from the newest bundle`);
});

test('one batch sent to both processes at once is stored once; the loser is told to send again', async () => {
  const teacher = await district.enrolled(['--staff', 't-okafor']);
  for (let round = 0; round < 6; round++) {
    const records = await signNext(district.core, teacher, 'stu-7f3a9c', 2, `twin-${round}`);
    const body = { device: teacher.jwk, records: records.map((r) => r.compact) };
    const answers = await Promise.all([
      teacher.call('POST', '/api/contact-log', { body }),
      teacher.call('POST', '/api/contact-log', { body, at: b.url }),
    ]);
    for (const answer of answers) {
      assert.ok([200, 503].includes(answer.status), `${answer.status} ${answer.text}`);
      if (answer.status === 503) assert.equal(answer.headers.get('retry-after'), '1');
    }
    assert.ok(answers.some((r) => r.status === 200));
    // The retry of a loser finds both records held.
    const retry = await teacher.call('POST', '/api/contact-log', { body, at: b.url });
    assert.deepEqual(
      retry.json.results.map((r) => r.status),
      ['duplicate', 'duplicate'],
    );
  }
  const stored = district.cluster.psql(
    `SELECT count(*), count(DISTINCT idem), max(seq) FROM contacts WHERE dev = '${teacher.kid}'`,
    new URL(databaseOf(district.school.data)).pathname.slice(1),
  );
  assert.equal(stored, '12|12|12');
});
