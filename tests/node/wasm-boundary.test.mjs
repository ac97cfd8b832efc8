// The JavaScript boundary of the WebAssembly module: results survive the module's memory growing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import * as jose from 'jose';
import { prepareNodeCore } from '../../scripts/node-core.mjs';

const b64u = (text) => Buffer.from(text).toString('base64url');
const NOW = 1790000000;

async function signedBundle(extraClaims) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = await jose.exportJWK(publicKey);
  const kid = await jose.calculateJwkThumbprint(jwk, 'sha256');
  const payload = {
    iss: 'https://district.example.org',
    sub: 's-1',
    iat: NOW,
    nbf: NOW,
    exp: NOW + 3600,
    seq: 1,
    jti: 'j-1',
    ver: 1,
    record: { student: { id: 's-1', displayName: 'Ana' }, schoolYear: 2026 },
    ...extraClaims,
  };
  const input = `${b64u(JSON.stringify({ alg: 'Ed25519', kid, typ: 'fep-record+jwt' }))}.${b64u(JSON.stringify(payload))}`;
  return {
    bundle: `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`,
    keys: { keys: [jwk] },
  };
}

test('a result survives the memory growing during and after the call', async () => {
  const { createFepCore, wrapModule, wasmBinary } = await prepareNodeCore();
  const module = await createFepCore({ wasmBinary });
  const core = wrapModule(module);
  // 180k empty arrays in one claim: the call itself allocates enough to grow the module's memory.
  const { bundle, keys } = await signedBundle({ many: Array.from({ length: 180 * 1024 }, () => []) });
  const before = module.HEAPU8?.buffer.byteLength;
  const { claims } = core.verifyBundle({ bundle, keys, now: NOW });
  assert.equal(claims.many.length, 180 * 1024);
  assert.equal(claims.sub, 's-1');
  if (before !== undefined) assert.ok(module.HEAPU8.buffer.byteLength > before, 'the memory did grow');

  // Grow the memory between the call and the read: the view is made at reading time, so it still holds.
  const small = await signedBundle({});
  const outcome = module._verifyBundle({
    bundleLength: new TextEncoder().encodeInto(small.bundle, module._inputBuffer(small.bundle.length)).written,
    keys: JSON.stringify(small.keys),
    roots: '',
    keyset: '',
    revocations: '',
    directory: '',
    directoryKeys: '',
    now: NOW,
    minSeq: -1,
    seenSignature: '',
    seen: '',
    today: '',
    lastViewed: 0,
    rule: '',
  });
  assert.equal(outcome.code, 'ok', outcome.detail);
  module._inputBuffer(32 * 1024 * 1024); // forces growth
  module._inputBuffer(0);
  const text = new TextDecoder().decode(module._outputView());
  assert.equal(text.length, outcome.jsonLength);
  assert.equal(JSON.parse(text).jti, 'j-1');
});
