// GET /api/dashboard: a staff member receives the signed bundles of exactly the students they may see,
// narrowed to a section or a school; families none. `fep dashboard` computes the figures from them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fep } from '../node/fep.mjs';
import { enrolledDevice, makeSchool, startHub, trustOptions } from './hub-client.mjs';

let school;
let hub;
const people = {};
const subOf = (compact) => JSON.parse(Buffer.from(compact.split('.')[1], 'base64url')).sub;

const enrolled = (account) => enrolledDevice(hub.url, school.data, account);

before(async () => {
  school = makeSchool();
  hub = await startHub(school.data);
  people.okafor = await enrolled(['--staff', 't-okafor']); // Maya and Leo
  people.lee = await enrolled(['--staff', 't-lee']); // Kofi
  people.admin = await enrolled(['--staff', 'admin']);
  people.family = await enrolled(['--contact', school.familyOfMaya]);
});
after(async () => {
  await hub?.stop();
});

const students = async (who, scope) => {
  const answer = await who.call('GET', `/api/dashboard${scope ? `?scope=${encodeURIComponent(scope)}` : ''}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.json.bundles.map(subOf).sort();
};

test('each staff member receives only the students they may see, in the scope asked for', async () => {
  const section = school.example.sections[0].id; // every test student takes the example's sections
  assert.deepEqual(await students(people.okafor), ['stu-7f3a9c', 'stu-sibling']);
  assert.deepEqual(await students(people.okafor, `section:${section}`), ['stu-7f3a9c', 'stu-sibling']);
  assert.deepEqual(await students(people.okafor, 'section:no-such-section'), []);
  // Mr. Lee's class shares the section's id, and still he never receives Ms. Okafor's students.
  assert.deepEqual(await students(people.lee, `section:${section}`), ['stu-other']);
  assert.deepEqual(await students(people.admin, 'school:sch-roosevelt'), ['stu-7f3a9c', 'stu-other', 'stu-sibling']);
  assert.deepEqual(await students(people.admin, 'school:sch-nowhere'), []);
});

test("a dashboard's JSON is sent gzip-compressed at the hub's fastest level, even to a browser that prefers Brotli", async () => {
  const answer = await people.admin.call('GET', '/api/dashboard', {
    headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' },
  });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-encoding'), 'gzip');
  assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(answer.json.bundles.length, 3);
});

test('families, missing proofs and malformed scopes are refused', async () => {
  const family = await people.family.call('GET', '/api/dashboard');
  assert.equal(family.status, 403);
  assert.equal(family.json.code, 'forbidden');
  assert.equal((await people.okafor.call('GET', '/api/dashboard', { dpop: null })).status, 401);
  for (const scope of ['class:1', 'section:', 'school', 'x'.repeat(300)]) {
    const answer = await people.okafor.call('GET', `/api/dashboard?scope=${encodeURIComponent(scope)}`);
    assert.equal(answer.status, 400, scope);
    assert.equal(answer.json.code, 'malformed');
  }
});

test('the bundles a dashboard receives verify, and fep dashboard computes the class from them', async () => {
  const answer = await people.okafor.call('GET', '/api/dashboard');
  const dir = school.data;
  const files = answer.json.bundles.map((compact, i) => {
    const file = join(dir, `dash-${i}.jws`);
    writeFileSync(file, compact);
    return file;
  });
  const trust = await trustOptions(hub.url, dir);
  const result = fep(['dashboard', ...trust, '--today', '2026-05-15', ...files]);
  assert.equal(result.status, 0, result.stderr);
  const figures = JSON.parse(result.stdout);
  assert.equal(figures.students, 2);
  assert.deepEqual(figures.refused, []);
  // Two students: every subgroup is under 10, so every breakdown is suppressed.
  for (const breakdown of figures.breakdowns) assert.ok(breakdown.cells.every((c) => c.suppressed));
  // A tampered bundle is refused by name and left out of the figures.
  const good = answer.json.bundles[0];
  const at = good.length - 10; // inside the signature, clear of its final padding bits
  writeFileSync(files[0], `${good.slice(0, at)}${good[at] === 'A' ? 'B' : 'A'}${good.slice(at + 1)}`);
  const tampered = fep(['dashboard', ...trust, ...files]);
  assert.equal(tampered.status, 1);
  const partial = JSON.parse(tampered.stdout);
  assert.equal(partial.students, 1);
  assert.equal(partial.refused[0].file, files[0]);
  assert.equal(partial.refused[0].code, 'bad_signature');
});
