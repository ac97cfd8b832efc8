// GET /api/dashboard: the hub computes a staff member's figures from exactly the students they may see
// (narrowed to a section or a school), small groups suppressed before anything leaves, and signs them
// (fep-dashboard+jwt); families get none. `fep verify` checks the signature, and `fep dashboard` run on
// the students' own signed bundles gives the same figures: a district's check of its hub.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { fep } from '../node/fep.mjs';
import { enrolledDevice, makeSchool, signNext, startHub, trustOptions } from './hub-client.mjs';

let school;
let hub;
let trust;
const people = {};

const enrolled = (account) => enrolledDevice(hub.url, school.data, account);

before(async () => {
  school = makeSchool();
  hub = await startHub(school.data);
  people.okafor = await enrolled(['--staff', 't-okafor']); // Maya and Leo
  people.lee = await enrolled(['--staff', 't-lee']); // Kofi
  people.admin = await enrolled(['--staff', 'admin']);
  people.family = await enrolled(['--contact', school.familyOfMaya]);
  trust = await trustOptions(hub.url, school.data);
});
after(async () => {
  await hub?.stop();
});

const path = (scope) => `/api/dashboard${scope ? `?scope=${encodeURIComponent(scope)}` : ''}`;

// The signed dashboard `who` receives for `scope`, verified by fep: its claims.
async function dashboard(who, scope) {
  const answer = await who.call('GET', path(scope));
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers.get('content-type'), 'application/jose');
  assert.equal(answer.headers.get('cache-control'), 'private, no-cache');
  const file = join(school.data, 'dashboard.jws');
  writeFileSync(file, answer.text);
  const verified = fep(['verify', ...trust, file]);
  assert.equal(verified.status, 0, verified.stderr);
  return { ...JSON.parse(verified.stdout), etag: answer.headers.get('etag') };
}

test('each staff member receives the figures of only the students they may see, in the scope asked for', async () => {
  const section = school.example.sections[0].id; // every test student takes the example's sections
  const counted = async (who, scope) => (await dashboard(who, scope)).dashboard.figures.students;
  assert.equal(await counted(people.okafor), 2);
  assert.equal(await counted(people.okafor, `section:${section}`), 2);
  assert.equal(await counted(people.okafor, 'section:no-such-section'), 0);
  // Mr. Lee's class shares the section's id, and still he never counts Ms. Okafor's students.
  const lee = await dashboard(people.lee, `section:${section}`);
  assert.equal(lee.dashboard.figures.students, 1);
  assert.equal(lee.sub, 't-lee');
  assert.equal(lee.dashboard.scope, `section:${section}`);
  const named = [...lee.dashboard.figures.reach.neverReached, ...lee.dashboard.figures.chronicAbsence.priority];
  assert.ok(
    named.every((s) => s.id === 'stu-other'),
    JSON.stringify(named),
  );
  assert.equal(await counted(people.admin, 'school:sch-roosevelt'), 3);
  assert.equal(await counted(people.admin, 'school:sch-nowhere'), 0);
  // Small groups never leave the hub: three students, every subgroup under 10.
  const admin = await dashboard(people.admin);
  for (const breakdown of admin.dashboard.figures.breakdowns) {
    assert.ok(
      breakdown.cells.every((c) => c.suppressed && !('students' in c) && !('reached30' in c)),
      JSON.stringify(breakdown),
    );
  }
});

test("the hub's figures are the ones fep dashboard computes from the students' own signed bundles", async () => {
  const signed = await dashboard(people.okafor);
  const files = [];
  for (const student of ['stu-7f3a9c', 'stu-sibling']) {
    const answer = await people.okafor.call('GET', `/api/students/${student}/bundle`);
    assert.equal(answer.status, 200);
    files.push(join(school.data, `${student}.jws`));
    writeFileSync(files.at(-1), answer.text);
  }
  const result = fep(['dashboard', ...trust, '--today', signed.dashboard.today, ...files]);
  assert.equal(result.status, 0, result.stderr);
  const { refused, ...computed } = JSON.parse(result.stdout);
  assert.deepEqual(refused, []);
  assert.deepEqual(signed.dashboard.figures, computed);
});

test('a dashboard is served as signed until a record in it changes, then signed again in the background', async () => {
  const first = await dashboard(people.okafor);
  const again = await people.okafor.call('GET', path(), { headers: { 'If-None-Match': first.etag } });
  assert.equal(again.status, 304, 'the same signed dashboard: nothing computed, nothing sent');
  // Ms. Okafor reaches Maya's family by phone.
  const core = await loadNodeCore();
  const [record] = await signNext(core, people.okafor, 'stu-7f3a9c', 1, 'dash');
  const upload = await people.okafor.call('POST', '/api/contact-log', {
    body: { device: people.okafor.jwk, records: [record.compact] },
  });
  assert.equal(upload.json.results[0].status, 'accepted', upload.text);
  let next = first;
  for (let tries = 0; tries < 50 && next.seq === first.seq; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    next = await dashboard(people.okafor);
  }
  assert.ok(next.seq > first.seq, 'signed again once the record changed');
  assert.equal(next.dashboard.figures.reach.engagements, first.dashboard.figures.reach.engagements + 1);
});

test('the JSON form of a dashboard rebuilds the very JWS the hub signed', async () => {
  const compact = (await people.admin.call('GET', path())).text;
  const form = await people.admin.call('GET', path(), { headers: { Accept: 'application/json' } });
  assert.equal(form.status, 200);
  const { protected: header, payload, signature } = form.json;
  assert.equal(`${header}.${Buffer.from(payload).toString('base64url')}.${signature}`, compact);
});

test('families, missing proofs and malformed scopes are refused', async () => {
  const family = await people.family.call('GET', '/api/dashboard');
  assert.equal(family.status, 403);
  assert.equal(family.json.code, 'forbidden');
  assert.equal((await people.okafor.call('GET', '/api/dashboard', { dpop: null })).status, 401);
  for (const scope of ['class:1', 'section:', 'school', 'x'.repeat(300)]) {
    const answer = await people.okafor.call('GET', path(scope));
    assert.equal(answer.status, 400, scope);
    assert.equal(answer.json.code, 'malformed');
  }
});
