// Durability: 20 devices upload 200 records concurrently; the hub is killed with SIGKILL mid-way and
// restarted; the devices resend whatever was not acknowledged. Every acknowledged record is stored
// exactly once, nothing twice, and every device's chain is intact in the student's bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { admin, device, makeSchool, recentAt, startHub } from './hub-client.mjs';

const DEVICES = 20;
const PER_DEVICE = 10;

test('every acknowledged record survives SIGKILL exactly once, and resending completes every chain', async (t) => {
  const core = await loadNodeCore();
  const school = makeSchool();
  let hub = await startHub(school.data);
  t.after(() => hub.stop());
  // Each device belongs to a teacher of Maya (one each: an author's day has a quota per student) and
  // signs its whole chain up front, as a phone would offline.
  const devices = [];
  for (let i = 0; i < DEVICES; i++) {
    const d = await device(hub.url);
    admin(
      school.data,
      'staff',
      'add',
      '--id',
      `t-${i}`,
      '--name',
      `Teacher ${i}`,
      '--role',
      'teacher',
      '--students',
      'stu-7f3a9c',
    );
    const code = admin(school.data, 'invite', '--staff', `t-${i}`).split('\n')[0];
    assert.equal((await d.call('POST', '/api/enroll', { body: { code } })).status, 201);
    const privateJwk = await jose.exportJWK(d.privateKey);
    let head = { seq: 0, hash: '' };
    d.chain = [];
    for (let n = 1; n <= PER_DEVICE; n++) {
      const record = {
        id: `d${i}-r${n}`,
        at: recentAt(),
        direction: 'school_to_family',
        channel: 'phone',
        outcome: 'reached',
        note: `${i}/${n}`,
      };
      const signed = await core.signContact({ privateJwk, record, student: 'stu-7f3a9c', after: head });
      d.chain.push({ compact: signed.compact, idem: signed.idem });
      head = { seq: n, hash: signed.hash };
    }
    d.acknowledged = new Set();
    devices.push(d);
  }
  const url = () => hub.url;
  // Sends the device's unacknowledged records one request at a time (two per request), until done or
  // the hub is gone.
  async function upload(d) {
    for (;;) {
      const pending = d.chain.filter((r) => !d.acknowledged.has(r.idem)).slice(0, 2);
      if (!pending.length) return;
      let response;
      try {
        d.hubUrl = url();
        response = await d.call('POST', new URL('/api/contact-log', url()).href, {
          body: { device: d.jwk, records: pending.map((r) => r.compact) },
        });
      } catch {
        return; // the hub was killed: resend later
      }
      if (response.status !== 200) return;
      for (const r of response.json.results)
        if (r.status === 'accepted' || r.status === 'duplicate') d.acknowledged.add(r.idem);
    }
  }

  const first = Promise.all(devices.map(upload));
  await new Promise((resolve) => setTimeout(resolve, 150));
  hub.process.kill('SIGKILL');
  await first;
  const before = devices.reduce((n, d) => n + d.acknowledged.size, 0);
  t.diagnostic(`${before} of ${DEVICES * PER_DEVICE} records acknowledged before SIGKILL`);
  const acknowledgedBefore = devices.map((d) => new Set(d.acknowledged));

  hub = await startHub(school.data);
  await Promise.all(devices.map(upload));
  for (const d of devices) assert.equal(d.acknowledged.size, PER_DEVICE);

  const admin_ = await device(hub.url);
  const code = admin(school.data, 'invite', '--staff', 'admin').split('\n')[0];
  assert.equal((await admin_.call('POST', '/api/enroll', { body: { code } })).status, 201);
  const bundle = await admin_.call('GET', '/api/students/stu-7f3a9c/bundle');
  const payload = JSON.parse(Buffer.from(bundle.text.split('.')[1], 'base64url').toString());
  const ids = payload.record.contactRecords.map((c) => c.id).filter((id) => /^d\d+-r\d+$/.test(id));
  assert.equal(ids.length, DEVICES * PER_DEVICE, 'every record once');
  assert.equal(new Set(ids).size, ids.length, 'nothing twice');
  for (const [i, acknowledged] of acknowledgedBefore.entries()) {
    for (const idem of acknowledged) assert.ok(devices[i].chain.some((r) => r.idem === idem));
  }
  await hub.stop();
});
