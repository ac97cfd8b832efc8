// Administration in bulk: a code for every family (the letters a school sends at the start of a year)
// and a folder of records stored in one command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, dataArgs, device, enrolledDevice, hubPath, makeSchool, startHub } from './hub-client.mjs';

test('invite --all families: one code per parent or guardian who reads a record, each enrolling its own account', async (t) => {
  const school = makeSchool();
  const hub = await startHub(school.data);
  t.after(() => hub.stop());
  const lines = admin(school.data, 'invite', '--all', 'families').trim().split('\n');
  const invites = lines.map((line) => line.split('\t'));
  // The grandmother who picks up (not a legal guardian, "Pick-up only") is a contact, not a reader.
  const readers = school.example.contacts.filter((c) => c.legalGuardian && !c.restrictions);
  assert.ok(readers.length < school.example.contacts.length);
  const expected = [...new Set([...readers.map((c) => `contact:${c.id}`), 'contact:c-ama'])].sort();
  assert.deepEqual(
    invites.map(([account]) => account),
    expected,
  );
  for (const [, code, link] of invites) {
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.equal(link, `${hub.url}#invite=${code}`);
  }
  const [account, code] = invites.find(([a]) => a === 'contact:c-ama');
  const d = await device(hub.url);
  assert.equal((await d.call('POST', '/api/enroll', { body: { code } })).status, 201);
  assert.equal((await d.call('GET', '/api/me')).json.account, account);

  const staff = admin(school.data, 'invite', '--all', 'staff').trim().split('\n');
  assert.deepEqual(
    staff.map((line) => line.split('\t')[0]),
    ['staff:admin', 'staff:t-lee', 'staff:t-okafor'],
  );
  const refused = spawnSync(hubPath, ['invite', '--all', 'everyone', ...dataArgs(school.data)], { encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--all is families or staff/);
});

test('records put DIR stores each record in the folder; a bad file is named and stops the run', () => {
  const school = makeSchool();
  const folder = join(school.data, 'more');
  mkdirSync(folder);
  for (const id of ['stu-a', 'stu-b']) {
    const record = structuredClone(school.example);
    record.student = { ...record.student, id };
    writeFileSync(join(folder, `${id}.json`), JSON.stringify(record));
  }
  writeFileSync(join(folder, 'notes.txt'), 'not a record');
  assert.deepEqual(admin(school.data, 'records', 'put', folder).trim().split('\n'), ['stu-a', 'stu-b']);
  writeFileSync(join(folder, 'stu-c.json'), '{"student": 1}');
  const refused = spawnSync(hubPath, ['records', 'put', folder, ...dataArgs(school.data)], { encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /stu-c\.json/);
});

test('only a parent or legal guardian without restrictions reads a record, unless an administrator grants it with a reason', async (t) => {
  const school = makeSchool();
  const hub = await startHub(school.data);
  t.after(() => hub.stop());
  const run = (...args) => spawnSync(hubPath, [...args, ...dataArgs(school.data)], { encoding: 'utf8' });
  // The grandmother who picks up: no code, and the refusal says why and what an administrator can do.
  const refused = run('invite', '--contact', 'c-grandmother');
  assert.equal(refused.status, 1);
  assert.match(
    refused.stderr,
    /c-grandmother reads no student's record: no record names them a parent or legal guardian/,
  );
  assert.match(refused.stderr, /access grant --contact ID --student ID --reason TEXT/);
  // A grant needs a reason, and a contact the record names.
  assert.equal(run('access', 'grant', '--contact', 'c-grandmother', '--student', 'stu-7f3a9c').status, 2);
  const stranger = run('access', 'grant', '--contact', 'c-ama', '--student', 'stu-7f3a9c', '--reason', 'x');
  assert.equal(stranger.status, 1);
  assert.match(stranger.stderr, /does not name c-ama/);
  const reason = 'Kinship carer since March (court order 2026-114)';
  admin(school.data, 'access', 'grant', '--contact', 'c-grandmother', '--student', 'stu-7f3a9c', '--reason', reason);
  const grandmother = await enrolledDevice(hub.url, school.data, ['--contact', 'c-grandmother']);
  const me = await grandmother.call('GET', '/api/me');
  assert.deepEqual(
    me.json.students.map((s) => s.id),
    ['stu-7f3a9c'], // the granted record, not Leo's, which names her too
  );
  assert.equal(me.json.name, 'Lucía Pérez');
  assert.equal((await grandmother.call('GET', '/api/students/stu-sibling/bundle')).status, 403);
  assert.equal((await grandmother.call('GET', '/api/students/stu-7f3a9c/bundle')).status, 200);
  const audit = admin(school.data, 'contacts', 'audit');
  assert.match(
    audit,
    new RegExp(`\\taccess\\.grant\\tc-grandmother stu-7f3a9c\\t[^\\t]+\\t${reason.replace(/[()]/g, '\\$&')}\\n`),
  );

  // Rights follow the record: once an import restricts the father on Maya's record, he reads Leo's only.
  const father = await enrolledDevice(hub.url, school.data, ['--contact', 'c-father']);
  assert.deepEqual(
    (await father.call('GET', '/api/me')).json.students.map((s) => s.id),
    ['stu-7f3a9c', 'stu-sibling'],
  );
  const restricted = structuredClone(school.example);
  restricted.contacts.find((c) => c.id === 'c-father').restrictions = 'No contact: court order';
  const file = join(school.data, 'maya-restricted.json');
  writeFileSync(file, JSON.stringify(restricted));
  admin(school.data, 'records', 'put', file);
  assert.deepEqual(
    (await father.call('GET', '/api/me')).json.students.map((s) => s.id),
    ['stu-sibling'],
  );
  const bundle = await father.call('GET', '/api/students/stu-7f3a9c/bundle');
  assert.equal(bundle.status, 403);
});

test('staff remove: the account, its students and its devices go at once, audited', async (t) => {
  const school = makeSchool();
  const hub = await startHub(school.data);
  t.after(() => hub.stop());
  const lee = await enrolledDevice(hub.url, school.data, ['--staff', 't-lee']);
  const unused = admin(school.data, 'invite', '--staff', 't-lee').split('\n')[0];
  assert.equal((await lee.call('GET', '/api/students/stu-other/bundle')).status, 200);
  admin(school.data, 'staff', 'remove', '--id', 't-lee');
  const after = await lee.call('GET', '/api/me');
  assert.equal(after.status, 401);
  assert.equal(after.json.code, 'device_revoked');
  // A code made before the removal signs nobody in.
  const other = await device(hub.url);
  assert.equal((await other.call('POST', '/api/enroll', { body: { code: unused } })).status, 403);
  assert.ok(!admin(school.data, 'invite', '--all', 'staff').includes('staff:t-lee'));
  assert.match(admin(school.data, 'contacts', 'audit'), /\tstaff\.remove\tt-lee\t/);
  const again = spawnSync(hubPath, ['staff', 'remove', '--id', 't-lee', ...dataArgs(school.data)], {
    encoding: 'utf8',
  });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /no such staff member: t-lee/);
});

test('fep-hub refuses an option it does not know and a port that is not a number, as usage errors', () => {
  const school = makeSchool();
  for (const [args, message] of [
    [['serve', '--prot', '8080'], /unknown option --prot/],
    [['serve', '--port', 'abc'], /--port is a whole number from 0/],
    [['serve', '--port', '70000'], /--port is a whole number from 0/],
    [['invite', '--contact', 'c-mother', '--days', 'soon'], /--days is a whole number from 1 to 365/],
    [['invite', '--contact', 'c-mother', '--contact', 'c-father'], /--contact given twice/],
  ]) {
    const result = spawnSync(hubPath, [...args, ...dataArgs(school.data)], { encoding: 'utf8', timeout: 10000 });
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});
