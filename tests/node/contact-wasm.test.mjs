// The contact log through the JavaScript facade and the browser's WebAssembly module (run under node).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { jwkThumbprint } from '../../web/src/dpop.js';

let core;
before(async () => {
  core = await loadNodeCore();
});

test("the widget's WebCrypto thumbprint of a device key is the core's RFC 7638 kid", async () => {
  for (let i = 0; i < 5; i++) {
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    assert.equal(await jwkThumbprint(jwk), core.thumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }));
  }
  // RFC 8037 appendix A.3's example key and thumbprint.
  const rfc8037 = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
  assert.equal(await jwkThumbprint(rfc8037), 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
});

const record = (n, note = `Called about attendance ${n}`) => ({
  id: `cr-${n}`,
  at: '2026-03-02T15:00:00Z',
  direction: 'school_to_family',
  channel: 'phone',
  topics: ['attendance'],
  note,
  outcome: 'reached',
});

test('a device key signs a chain that verifies; each fault has its own code', async () => {
  const device = await core.newDeviceKey();
  assert.match(device.kid, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(JSON.parse(device.privateJwk).kid, device.kid);
  const records = [];
  let after = { seq: 0, hash: '' };
  for (let n = 1; n <= 4; n++) {
    const signed = await core.signContact({
      privateJwk: device.privateJwk,
      record: record(n),
      student: 'stu-1',
      after,
      now: 1790000000 + n,
    });
    records.push(signed.compact);
    after = { seq: n, hash: signed.hash };
  }
  const publicJwk = { ...JSON.parse(device.privateJwk), d: undefined };
  const entries = core.verifyContactChain({ deviceJwk: publicJwk, records });
  assert.deepEqual(
    entries.map((e) => e.seq),
    [1, 2, 3, 4],
  );
  assert.equal(new Set(entries.map((e) => e.idem)).size, 4);

  const code = (list) => {
    try {
      core.verifyContactChain({ deviceJwk: publicJwk, records: list });
      return 'ok';
    } catch (e) {
      return e.code;
    }
  };
  assert.equal(code([records[0], records[2], records[3]]), 'chain_gap');
  assert.equal(code([records[0], records[2], records[1], records[3]]), 'chain_reordered');
  const forked = await core.signContact({
    privateJwk: device.privateJwk,
    record: record(9),
    student: 'stu-1',
    after: { seq: 1, hash: core.verifyContactChain({ deviceJwk: publicJwk, records: [records[0]] })[0].hash },
  });
  assert.equal(code([records[0], records[1], forked.compact]), 'chain_fork');
  const [h, p, s] = records[1].split('.');
  assert.equal(
    code([records[0], `${h}.${p.slice(0, 10)}${p[10] === 'A' ? 'B' : 'A'}${p.slice(11)}.${s}`]),
    'chain_tampered',
  );
});

test('an invalid contact record is refused with bad_record and its pointer; text is kept as typed', async () => {
  const device = await core.newDeviceKey();
  await assert.rejects(
    () =>
      core.signContact({ privateJwk: device.privateJwk, record: { ...record(1), channel: 'fax' }, student: 'stu-1' }),
    (e) => e.code === 'bad_record' && /^\/channel:/.test(e.detail),
  );
  await assert.rejects(
    () => core.signContact({ privateJwk: device.privateJwk, record: record(1, 'x'.repeat(2001)), student: 'stu-1' }),
    (e) => e.code === 'bad_record' && /^\/note:/.test(e.detail),
  );
  for (const privateJwk of [
    'not json',
    '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}',
  ])
    await assert.rejects(
      () => core.signContact({ privateJwk, record: record(1), student: 'stu-1' }),
      (e) => e.code === 'bad_key',
    );
  const xss = '<img src=x onerror=alert(1)> "quotes" & ümlauts 中文';
  const signed = await core.signContact({ privateJwk: device.privateJwk, record: record(1, xss), student: 'stu-1' });
  const payload = JSON.parse(Buffer.from(signed.compact.split('.')[1], 'base64url').toString());
  assert.equal(payload.record.note, xss);
});
