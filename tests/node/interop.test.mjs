// Interoperability with an independent JOSE implementation (npm `jose`, a test dependency only):
// fep's bundles verify with jose, jose's bundles verify with fep, both compute the same RFC 7638
// thumbprints, and a corpus of valid and hostile bundles made by jose and by hand, never seen by the
// core's tests, is judged by `fep verify` exactly as docs/bundle-format.md says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as jose from 'jose';
import { errorCode, fep, workdir, signArgs } from './fep.mjs';

const NOW = Date.parse('2026-09-10T08:00:00Z') / 1000;
const b64u = (data) => Buffer.from(data).toString('base64url');

async function joseKey() {
  const { publicKey, privateKey } = await jose.generateKeyPair('Ed25519', { extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  return { publicKey, privateKey, jwk, kid: await jose.calculateJwkThumbprint(jwk, 'sha256') };
}

function claims(overrides = {}) {
  return {
    iss: 'https://district.example.org',
    sub: 's-9',
    iat: NOW - 60,
    nbf: NOW - 60,
    exp: NOW + 86400,
    jti: 'j-9',
    ver: 1,
    seq: 3,
    record: { student: { id: 's-9' } },
    ...overrides,
  };
}

// Signs arbitrary header and payload bytes with WebCrypto, for shapes jose itself refuses to produce.
async function rawSign(key, headerJson, payloadText) {
  const input = `${b64u(headerJson)}.${b64u(payloadText)}`;
  const signature = await crypto.subtle.sign('Ed25519', key.privateKey, new TextEncoder().encode(input));
  return `${input}.${b64u(new Uint8Array(signature))}`;
}

async function joseSign(key, payload, header = {}) {
  const bytes =
    typeof payload === 'string' ? new TextEncoder().encode(payload) : new TextEncoder().encode(JSON.stringify(payload));
  return new jose.CompactSign(bytes)
    .setProtectedHeader({ alg: 'Ed25519', kid: key.kid, typ: 'fep-record+jwt', ...header })
    .sign(key.privateKey);
}

test('bundles from fep sign verify with jose, claims intact', async () => {
  const w = workdir();
  const kid = fep(['keygen', '--out', w.path('k.jwk')]).stdout.trim();
  const jwks = JSON.parse(fep(['jwks', w.path('k.jwk')]).stdout);
  w.write('record.json', { student: { id: 's-1', name: 'Ngọc Ánh' } });
  const compact = fep(
    signArgs(w.path('k.jwk'), w.path('record.json'), { sub: 's-1', seq: '2', ttl: '10' }),
  ).stdout.trim();

  const key = await jose.importJWK(jwks.keys[0], 'Ed25519');
  const { payload, protectedHeader } = await jose.jwtVerify(compact, key, {
    issuer: 'https://district.example.org',
    typ: 'fep-record+jwt',
    subject: 's-1',
  });
  assert.deepEqual(protectedHeader, { alg: 'Ed25519', kid, typ: 'fep-record+jwt' });
  assert.equal(payload.record.student.name, 'Ngọc Ánh');
  assert.equal(await jose.calculateJwkThumbprint(jwks.keys[0], 'sha256'), kid);
});

test('bundles signed by jose, in both alg spellings, verify with fep', async () => {
  const w = workdir();
  const key = await joseKey();
  w.write('jwks.json', { keys: [key.jwk] });
  for (const alg of ['Ed25519', 'EdDSA']) {
    const bundle = w.write(`${alg}.jws`, await joseSign(key, claims(), { alg }));
    const result = fep(['verify', '--jwks', w.path('jwks.json'), '--now', String(NOW), bundle]);
    assert.equal(result.status, 0, `${alg}: ${result.stderr}`);
    assert.deepEqual(JSON.parse(result.stdout), claims());
  }
  // fep computes the same kid (RFC 7638) for jose's key.
  assert.equal(JSON.parse(fep(['jwks', w.path('jwks.json')]).stdout).keys[0].kid, key.kid);
});

test('an unseen corpus of valid and hostile bundles is judged exactly as the profile says', async () => {
  const w = workdir();
  const key = await joseKey();
  const stranger = await joseKey();
  const rsa = await jose.generateKeyPair('RS256');
  const ec = await jose.generateKeyPair('ES256');
  w.write('jwks.json', { keys: [key.jwk] });
  const good = await joseSign(key, claims());
  const [h, p, s] = good.split('.');
  const hmac = (alg, input) =>
    createHmac(alg === 'HS256' ? 'sha256' : 'sha512', Buffer.from(key.jwk.x, 'base64url'))
      .update(input)
      .digest('base64url');
  const hsInput = `${b64u(JSON.stringify({ alg: 'HS512', kid: key.kid, typ: 'fep-record+jwt' }))}.${p}`;

  const corpus = [
    ['valid Ed25519', good, 'ok'],
    ['valid EdDSA', await joseSign(key, claims({ jti: 'j-10' }), { alg: 'EdDSA' }), 'ok'],
    ['valid with rid', await joseSign(key, claims({ rid: 'r-1' })), 'ok'],
    [
      'valid roster',
      await joseSign(key, { ...claims(), record: undefined, roster: { section: 'math' } }, { typ: 'fep-roster+jwt' }),
      'ok',
    ],
    [
      'alg none, no signature',
      `${b64u('{"alg":"none","kid":"' + key.kid + '","typ":"fep-record+jwt"}')}.${p}.`,
      'unsupported_alg',
    ],
    [
      'alg none, 64-byte signature',
      `${b64u('{"alg":"none","kid":"' + key.kid + '","typ":"fep-record+jwt"}')}.${p}.${s}`,
      'unsupported_alg',
    ],
    ['HS512 keyed with the public key', `${hsInput}.${hmac('HS512', hsInput)}`, 'unsupported_alg'],
    [
      'RS256 by jose',
      await new jose.CompactSign(Buffer.from(JSON.stringify(claims())))
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'fep-record+jwt' })
        .sign(rsa.privateKey),
      'unsupported_alg',
    ],
    [
      'ES256 by jose',
      await new jose.CompactSign(Buffer.from(JSON.stringify(claims())))
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'fep-record+jwt' })
        .sign(ec.privateKey),
      'unsupported_alg',
    ],
    ['embedded attacker jwk', await joseSign(stranger, claims(), { jwk: stranger.jwk }), 'bad_header'],
    [
      'crit header',
      await rawSign(
        key,
        JSON.stringify({ alg: 'Ed25519', kid: key.kid, typ: 'fep-record+jwt', crit: ['exp'], exp: 1 }),
        JSON.stringify(claims()),
      ),
      'bad_header',
    ],
    [
      'duplicate header member',
      await rawSign(
        key,
        `{"alg":"Ed25519","kid":"${key.kid}","typ":"fep-record+jwt","alg":"none"}`,
        JSON.stringify(claims()),
      ),
      'malformed',
    ],
    ['jku header', await joseSign(key, claims(), { jku: 'https://evil.example/jwks.json' }), 'bad_header'],
    ['x5u header', await joseSign(key, claims(), { x5u: 'https://evil.example/cert' }), 'bad_header'],
    ['zip header', await joseSign(key, claims(), { zip: 'DEF' }), 'bad_header'],
    ['no typ', await joseSign(key, claims(), { typ: undefined }), 'bad_header'],
    ['typ JWT', await joseSign(key, claims(), { typ: 'JWT' }), 'bad_header'],
    ['keyset typ on a record', await joseSign(key, claims(), { typ: 'fep-keyset+jwt' }), 'wrong_typ'],
    ['no kid', await joseSign(key, claims(), { kid: undefined }), 'bad_header'],
    ['unknown signer', await joseSign(stranger, claims()), 'unknown_key'],
    ['signer claims a trusted kid', await joseSign(stranger, claims(), { kid: key.kid }), 'bad_signature'],
    ['payload changed', `${h}.${b64u(JSON.stringify(claims({ sub: 's-10' })))}.${s}`, 'bad_signature'],
    ['expired', await joseSign(key, claims({ iat: NOW - 9000, nbf: NOW - 9000, exp: NOW - 301 })), 'expired'],
    ['not yet valid', await joseSign(key, claims({ nbf: NOW + 301, iat: NOW })), 'not_yet_valid'],
    ['http issuer', await joseSign(key, claims({ iss: 'http://district.example.org' })), 'bad_claims'],
    ['no sub', await joseSign(key, claims({ sub: undefined })), 'bad_claims'],
    ['exp as text', await joseSign(key, claims({ exp: String(NOW + 100) })), 'bad_claims'],
    ['future schema version', await joseSign(key, claims({ ver: 3 })), 'bad_claims'],
    ['schema version 2 (demographics, interventions)', await joseSign(key, claims({ ver: 2 })), 'ok'],
    ['no record', await joseSign(key, claims({ record: undefined })), 'bad_claims'],
    [
      'duplicate claim',
      await joseSign(key, JSON.stringify(claims()).replace('"sub":"s-9"', '"sub":"s-9","sub":"s-1"')),
      'malformed',
    ],
    ['payload not JSON', await joseSign(key, 'hello'), 'malformed'],
    [
      'payload nested 40 deep',
      await joseSign(key, JSON.stringify(claims({ record: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) }))),
      'too_large',
    ],
    ['oversized', await joseSign(key, claims({ record: { pad: 'x'.repeat(800 * 1024) } })), 'too_large'],
    ['header over 1 KiB', await joseSign(key, claims(), { kid: key.kid.padEnd(1100, 'k') }), 'too_large'],
    ['padding', `${good}==`, 'malformed'],
    ['whitespace inside', `${h}.\n${p}.${s}`, 'malformed'],
    [
      'standard base64 alphabet',
      `${h}.${p}.${s.replaceAll('-', '+').replaceAll('_', '/')}${s.includes('-') || s.includes('_') ? '' : '+'}`,
      'malformed',
    ],
    ['truncated signature', `${h}.${p}.${s.slice(0, -2)}`, 'malformed'],
    ['four segments', `${good}.${p}`, 'malformed'],
    ['JSON serialization', JSON.stringify({ protected: h, payload: p, signature: s }), 'malformed'],
    ['empty file', '', 'malformed'],
  ];
  for (const [name, compact, expected] of corpus) {
    const file = w.write('bundle.jws', compact);
    const result = fep(['verify', '--jwks', w.path('jwks.json'), '--now', String(NOW), file]);
    if (expected === 'ok') assert.equal(result.status, 0, `${name}: ${result.stderr}`);
    else assert.equal(errorCode(result), expected, name);
  }
  assert.ok(corpus.length >= 40);
});
