// A full disk (a small tmpfs holding the hub's SQLite file, or the PostgreSQL cluster): uploads are
// refused with a retryable 503 while it is full, nothing already acknowledged is lost, and once space
// is freed the same hub carries on without a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { backend, enrolledDevice, makeSchool, signNext, startHub, usePostgres } from './hub-client.mjs';

function mountTmpfs(megabytes) {
  const dir = mkdtempSync(join(tmpdir(), 'fep-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0755`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) throw new Error(`mounting a tmpfs needs root: ${mounted.stderr}`);
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmdirSync(dir);
    },
  };
}

/** Writes until the file system is full; returns the filler's path. */
function fill(dir) {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(256 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if (error.code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return path;
}

test('a full disk: 503 while full, nothing acknowledged lost, the same hub carries on once freed', async (t) => {
  const disk = mountTmpfs(96);
  t.after(() => disk.unmount());
  if (backend === 'postgresql') usePostgres({ parent: disk.dir });
  const school = makeSchool({ parent: backend === 'sqlite' ? disk.dir : tmpdir() });
  const hub = await startHub(school.data);
  t.after(() => hub.stop());
  const core = await loadNodeCore();
  const teacher = await enrolledDevice(hub.url, school.data, ['--staff', 't-okafor']);
  const upload = (records) =>
    teacher.call('POST', '/api/contact-log', { body: { device: teacher.jwk, records: records.map((r) => r.compact) } });

  const before = await signNext(core, teacher, 'stu-7f3a9c', 2, 'before-full');
  assert.equal((await upload(before)).status, 200);

  const filler = fill(disk.dir);
  // New records until one batch finds no room (PostgreSQL first fills the space it had set aside).
  const acknowledged = [...before];
  let refused, pending;
  for (let i = 0; i < 400; i++) {
    pending = await signNext(core, teacher, 'stu-7f3a9c', 2, 'while-full');
    refused = await upload(pending);
    if (refused.status !== 200) break;
    acknowledged.push(...pending);
  }
  assert.equal(refused.status, 503, refused.text);
  assert.equal(refused.json.code, 'unavailable');
  assert.equal(refused.headers.get('retry-after'), '1');
  assert.equal(hub.process.exitCode, null, 'the hub is still running');
  t.diagnostic(`${acknowledged.length - before.length} records acknowledged after the disk was filled`);

  rmSync(filler);
  let carried;
  for (let i = 0; i < 100 && carried?.status !== 200; i++) {
    carried = await upload(pending).catch(() => null);
    if (carried?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(carried.status, 200, carried?.text);
  acknowledged.push(...pending);
  const bundle = await teacher.call('GET', '/api/students/stu-7f3a9c/bundle');
  assert.equal(bundle.status, 200);
  const ids = JSON.parse(Buffer.from(bundle.text.split('.')[1], 'base64url')).record.contactRecords.map((c) => c.id);
  for (const r of acknowledged) assert.equal(ids.filter((id) => id === r.id).length, 1, r.id);
});
