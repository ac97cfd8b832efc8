// fep-hub import: a district's export into the hub's store. Importing the same data twice issues no
// new bundle; a change re-issues only the students it touches; teachers get their sections' students.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from '../../scripts/serve.mjs';
import { admin, dataArgs, device, hubPath, startHub } from './hub-client.mjs';

const grandBend = resolve(root, 'tests/data/oneroster-1.1-grand-bend');
const data = mkdtempSync(join(tmpdir(), 'fep-hub-import-'));
const source = mkdtempSync(join(tmpdir(), 'fep-hub-source-'));
let hub;

function hubImport() {
  const result = spawnSync(hubPath, ['import', 'oneroster', source, ...dataArgs(data)], { encoding: 'utf8' });
  return { status: result.status, report: JSON.parse(result.stdout) };
}
const seqOf = (compact) => JSON.parse(Buffer.from(compact.split('.')[1], 'base64url')).seq;

before(async () => {
  cpSync(grandBend, source, { recursive: true });
  hub = await startHub(data);
});
after(async () => {
  await hub?.stop();
});

test('importing twice re-issues nothing; a change re-issues only the student it touches', async () => {
  const first = hubImport();
  assert.equal(first.status, 0, JSON.stringify(first.report));
  assert.deepEqual(first.report.records, { changed: 8, unchanged: 0 });
  assert.deepEqual(first.report.staff, { changed: 2, unchanged: 0, removed: [] });
  admin(data, 'staff', 'add', '--id', 'office', '--name', 'Office', '--role', 'admin');
  const office = await device(hub.url);
  const code = admin(data, 'invite', '--staff', 'office').split('\n')[0];
  assert.equal((await office.call('POST', '/api/enroll', { body: { code } })).status, 201);
  const bundles = async () =>
    Object.fromEntries(
      await Promise.all(
        ['604863', '604874'].map(async (id) => [id, (await office.call('GET', `/api/students/${id}/bundle`)).text]),
      ),
    );
  const before = await bundles();

  const again = hubImport();
  assert.deepEqual(again.report.records, { changed: 0, unchanged: 8 });
  assert.deepEqual(again.report.staff, { changed: 0, unchanged: 2, removed: [] });
  assert.deepEqual(await bundles(), before); // the very same signed bundles

  // Kyle Hughes (604874) changes name in the SIS: only his bundle is re-issued, with seq + 1.
  const users = join(source, 'users.csv');
  writeFileSync(users, readFileSync(users, 'utf8').replace('Kyle,Hughes', 'Kyle,Hughes-Park'));
  const changed = hubImport();
  assert.deepEqual(changed.report.records, { changed: 1, unchanged: 7 });
  const after = await bundles();
  assert.equal(after['604863'], before['604863']);
  assert.equal(seqOf(after['604874']), seqOf(before['604874']) + 1);
  assert.match(Buffer.from(after['604874'].split('.')[1], 'base64url').toString(), /Kyle Hughes-Park/);
});

test('a teacher imported from the export signs in and sees the students of the classes they teach', async () => {
  // 207268 teaches in the sample (users.csv, role teacher; enrollments.csv, role teacher).
  const code = admin(data, 'invite', '--staff', '207268').split('\n')[0];
  const teacher = await device(hub.url);
  const me = await teacher.call('POST', '/api/enroll', { body: { code } });
  assert.equal(me.status, 201, me.text);
  assert.equal(me.json.role, 'teacher');
  assert.ok(me.json.students.length > 0);
  for (const { id } of me.json.students) {
    assert.equal((await teacher.call('GET', `/api/students/${id}/bundle`)).status, 200);
  }
});

test('the export is the truth: a class left mid-year links nobody, and a teacher it no longer holds is removed', async () => {
  const enrol = async (account) => {
    const code = admin(data, 'invite', '--staff', account).split('\n')[0];
    const d = await device(hub.url);
    assert.equal((await d.call('POST', '/api/enroll', { body: { code } })).status, 201);
    return d;
  };
  const students = async (d) => (await d.call('GET', '/api/me')).json.students.map((s) => s.id);
  const english = await enrol('207268'); // teaches English, Kyle Hughes (604874) among them
  const algebra = await enrol('207270'); // teaches Algebra
  assert.ok((await students(english)).includes('604874'));
  // Kyle leaves English in February (his spring row ends then; his classmates' run to May), and the
  // algebra teacher is no longer in the district's export.
  const enrollments = join(source, 'enrollments.csv');
  const rows = readFileSync(enrollments, 'utf8').split('\n');
  const edited = rows
    .filter((row) => !row.includes(',207270,'))
    .map((row) =>
      row.includes(',25590100101Trad120ENG112011,') && row.includes(',604874,') && row.endsWith('2021-05-28')
        ? row.replace(/2021-05-28$/, '2021-02-01')
        : row,
    );
  assert.equal(rows.length - edited.length, 2, 'both of his terms');
  writeFileSync(enrollments, edited.join('\n'));
  const users = join(source, 'users.csv');
  writeFileSync(
    users,
    readFileSync(users, 'utf8')
      .split('\n')
      .filter((row) => !row.startsWith('207270,'))
      .join('\n'),
  );
  const changed = hubImport();
  assert.equal(changed.status, 0, JSON.stringify(changed.report));
  assert.deepEqual(changed.report.staff.removed, ['207270']);
  assert.ok(!(await students(english)).includes('604874'), 'a class he left is not his teacher’s any more');
  assert.equal((await english.call('GET', '/api/students/604874/bundle')).status, 403);
  const gone = await algebra.call('GET', '/api/me');
  assert.deepEqual([gone.status, gone.json.code], [401, 'device_revoked']);
  assert.match(admin(data, 'contacts', 'audit'), /\tstaff\.remove\t207270\timport\t/);
  // Staff added by hand are not the export's to remove.
  assert.ok(admin(data, 'invite', '--all', 'staff').includes('staff:office'));
});
