// Administration in bulk: a code for every family (the letters a school sends at the start of a year)
// and a folder of records stored in one command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, dataArgs, device, hubPath, makeSchool, startHub } from './hub-client.mjs';

test('invite --all families: one code per family contact, each enrolling its own account', async (t) => {
  const school = makeSchool();
  const hub = await startHub(school.data);
  t.after(() => hub.stop());
  const lines = admin(school.data, 'invite', '--all', 'families').trim().split('\n');
  const invites = lines.map((line) => line.split('\t'));
  const expected = [...new Set([...school.example.contacts.map((c) => `contact:${c.id}`), 'contact:c-ama'])].sort();
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
