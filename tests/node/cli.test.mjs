// The fep command-line contract: exit codes, one-line errors, key files, signing and verifying.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { errorCode, fep, signDirectoryArgs, workdir, signArgs } from './fep.mjs';

const record = { student: { id: 's-204', displayName: 'Ana' } };

function issue(w, extra = []) {
  const kid = fep(['keygen', '--out', w.path('sign.jwk')]).stdout.trim();
  w.write('jwks.json', fep(['jwks', w.path('sign.jwk')]).stdout);
  w.write('record.json', record);
  const signed = fep(
    signArgs(w.path('sign.jwk'), w.path('record.json'), {
      sub: 's-204',
      seq: '7',
      ttl: '30',
      extra: ['--now', '2026-09-01T12:00:00Z', ...extra],
    }),
  );
  assert.equal(signed.status, 0, signed.stderr);
  return { kid, bundle: w.write('bundle.jws', signed.stdout) };
}

test('keygen writes a private JWK readable only by its owner, prints its kid, never overwrites', () => {
  const w = workdir();
  const result = fep(['keygen', '--out', w.path('k.jwk')]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(statSync(w.path('k.jwk')).mode & 0o777, 0o600);
  const jwk = JSON.parse(readFileSync(w.path('k.jwk'), 'utf8'));
  assert.deepEqual(Object.keys(jwk).sort(), ['crv', 'd', 'kid', 'kty', 'x']);
  assert.equal(result.stdout.trim(), jwk.kid);
  const before = readFileSync(w.path('k.jwk'), 'utf8');
  assert.equal(errorCode(fep(['keygen', '--out', w.path('k.jwk')])), 'unavailable');
  assert.equal(readFileSync(w.path('k.jwk'), 'utf8'), before);
});

test('jwks publishes public halves only', () => {
  const w = workdir();
  fep(['keygen', '--out', w.path('a.jwk')]);
  fep(['keygen', '--out', w.path('b.jwk')]);
  const set = JSON.parse(fep(['jwks', w.path('a.jwk'), w.path('b.jwk'), w.path('a.jwk')]).stdout);
  assert.equal(set.keys.length, 2);
  for (const key of set.keys) assert.equal(key.d, undefined);
});

test('sign then verify prints the verified claims; time, seq and keys are enforced', () => {
  const w = workdir();
  const { bundle } = issue(w);
  const ok = fep(['verify', '--jwks', w.path('jwks.json'), '--now', '2026-09-02T00:00:00Z', bundle]);
  assert.equal(ok.status, 0, ok.stderr);
  const claims = JSON.parse(ok.stdout);
  assert.deepEqual(claims.record, record);
  assert.equal(claims.iss, 'https://district.example.org');
  assert.equal(claims.sub, 's-204');
  assert.equal(claims.seq, 7);
  assert.equal(claims.ver, 2); // signers write the current schema version
  assert.equal(claims.iat, Date.parse('2026-09-01T12:00:00Z') / 1000);
  assert.equal(claims.exp - claims.iat, 30 * 86400);
  assert.match(claims.jti, /^[A-Za-z0-9_-]{22}$/);

  const at = (now, ...more) => fep(['verify', '--jwks', w.path('jwks.json'), '--now', now, ...more, bundle]);
  assert.equal(at(String(claims.iat)).status, 0);
  assert.equal(errorCode(at('2026-10-01T12:05:00Z')), 'expired');
  assert.equal(errorCode(at('2026-09-01T11:54:59Z')), 'not_yet_valid');
  assert.equal(at('2026-09-02T00:00:00Z', '--min-seq', '7').status, 0);
  assert.equal(errorCode(at('2026-09-02T00:00:00Z', '--min-seq', '8')), 'rolled_back');
  fep(['keygen', '--out', w.path('other.jwk')]);
  w.write('other.json', fep(['jwks', w.path('other.jwk')]).stdout);
  assert.equal(
    errorCode(fep(['verify', '--jwks', w.path('other.json'), '--now', '2026-09-02T00:00:00Z', bundle])),
    'unknown_key',
  );
});

test('a root-signed key set and revocation list rotate and revoke keys', () => {
  const w = workdir();
  const { kid, bundle } = issue(w, ['--rid', 'family-17']);
  fep(['keygen', '--out', w.path('root.jwk')]);
  w.write('roots.json', fep(['jwks', w.path('root.jwk')]).stdout);
  const common = [
    '--root',
    w.path('root.jwk'),
    '--iss',
    'https://district.example.org',
    '--ttl',
    '30',
    '--now',
    '2026-09-01T00:00:00Z',
  ];
  w.write('keyset.jws', fep(['keyset', ...common, '--seq', '1', w.path('sign.jwk')]).stdout);
  const verify = (...more) =>
    fep([
      'verify',
      '--roots',
      w.path('roots.json'),
      '--keyset',
      w.path('keyset.jws'),
      '--now',
      '2026-09-02T00:00:00Z',
      ...more,
      bundle,
    ]);
  assert.equal(verify().status, 0, verify().stderr);

  w.write('revoked.json', { [kid]: ['family-17'] });
  w.write('revocations.jws', fep(['revoke', ...common, '--seq', '4', w.path('revoked.json')]).stdout);
  assert.equal(errorCode(verify('--revocations', w.path('revocations.jws'))), 'revoked');

  // A key set signed by a signing key (not a root) is refused.
  w.write(
    'forged.jws',
    fep([
      'keyset',
      ...common.map((a) => (a === w.path('root.jwk') ? w.path('sign.jwk') : a)),
      '--seq',
      '2',
      w.path('sign.jwk'),
    ]).stdout,
  );
  assert.equal(
    errorCode(
      fep([
        'verify',
        '--roots',
        w.path('roots.json'),
        '--keyset',
        w.path('forged.jws'),
        '--now',
        '2026-09-02T00:00:00Z',
        bundle,
      ]),
    ),
    'unknown_key',
  );
});

test('every command has --help; usage errors exit 2', () => {
  for (const command of ['keygen', 'jwks', 'sign', 'verify', 'keyset', 'revoke']) {
    const help = fep([command, '--help']);
    assert.equal(help.status, 0, command);
    assert.match(help.stdout, new RegExp(`^usage: fep ${command}`), command);
  }
  assert.equal(fep(['--help']).status, 0);
  for (const args of [
    [],
    ['nope'],
    ['verify'],
    ['verify', '--jwks'],
    ['verify', '--bogus', 'x', 'b'],
    ['sign', 'r.json'],
    ['sign', '--key', 'k', '--iss', 'https://a', '--sub', 's', '--seq', '-1', '--ttl', '1', 'r'],
    ['sign', '--key', 'k', '--iss', 'https://a', '--sub', 's', '--seq', '1', '--ttl', '0', 'r'],
    ['verify', '--jwks', 'a', '--jwks', 'b', 'x'],
    ['verify', '--jwks', 'a', '--now', 'yesterday', 'x'],
    ['verify', '--jwks', 'a', '--revocations', 'r', 'x'],
    ['keygen'],
  ]) {
    const result = fep(args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, '');
  }
});

test('sign refuses what the verifier would refuse', () => {
  const w = workdir();
  fep(['keygen', '--out', w.path('k.jwk')]);
  w.write('list.json', [1, 2]);
  const base = ['sign', '--key', w.path('k.jwk'), '--sub', 's', '--seq', '1', '--ttl', '1'];
  assert.equal(errorCode(fep([...base, '--iss', 'http://insecure.example', w.write('r.json', {})])), 'bad_claims');
  assert.equal(errorCode(fep([...base, '--iss', 'https://a.example', w.path('list.json')])), 'bad_record');
  assert.equal(
    errorCode(fep([...base, '--iss', 'https://a.example', w.write('big.json', { pad: 'x'.repeat(900000) })])),
    'too_large',
  );
  assert.equal(
    errorCode(fep([...base, '--iss', 'https://a.example', w.write('bad.json', '{"a":1,"a":2}')])),
    'malformed',
  );
});

test('no input of any kind makes fep crash or hang', () => {
  const w = workdir();
  fep(['keygen', '--out', w.path('k.jwk')]);
  w.write('jwks.json', fep(['jwks', w.path('k.jwk')]).stdout);
  let seed = 20261122;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const inputs = ['', '\n', '.', '..', '...', '\0\0\0', 'a.b.c', '{"keys":[]}', 'x'.repeat(2 * 1024 * 1024)];
  for (let i = 0; i < 40; i++) {
    inputs.push(Buffer.from(Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 256))));
  }
  for (const [i, input] of inputs.entries()) {
    for (const file of ['bundle', 'jwks']) {
      const target = w.write(`input-${i}`, input);
      const args =
        file === 'bundle' ? ['verify', '--jwks', w.path('jwks.json'), target] : ['verify', '--jwks', target, target];
      const result = fep(args);
      assert.equal(result.signal, null, `signal on input ${i}`);
      assert.ok([1].includes(result.status), `input ${i}: exit ${result.status}`);
      errorCode(result);
    }
    const keyResult = fep(
      signArgs(w.path(`input-${i}`), w.path(`input-${i}`), { iss: 'https://a.example', sub: 's', seq: '1', ttl: '1' }),
    );
    assert.equal(keyResult.signal, null);
    errorCode(keyResult);
  }
});

test('--state keeps what was accepted: an older key set, revocation list or bundle is rolled_back', () => {
  const w = workdir();
  const iss = 'https://district.example.org';
  const now = ['--now', '2026-09-01T12:00:00Z'];
  for (const name of ['root', 'a', 'b']) fep(['keygen', '--out', w.path(`${name}.jwk`)]);
  w.write('roots.json', fep(['jwks', w.path('root.jwk')]).stdout);
  const signed = (args) => {
    const result = fep([...args, ...now]);
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const root = ['--root', w.path('root.jwk'), '--iss', iss, '--ttl', '30'];
  const set1 = w.write('set1.jws', signed(['keyset', ...root, '--seq', '1', w.path('a.jwk')]));
  const set2 = w.write('set2.jws', signed(['keyset', ...root, '--seq', '2', w.path('b.jwk')]));
  w.write('record.json', record);
  const sign = (key, seq) =>
    signed(signArgs(w.path(key), w.path('record.json'), { iss, sub: 's-204', seq: String(seq), ttl: '30' }));
  const genuine = w.write('genuine.jws', sign('b.jwk', 6));
  const stale = w.write('stale.jws', sign('b.jwk', 5));
  const oldKey = w.write('old-key.jws', sign('a.jwk', 999));
  const state = w.path('seen.json');
  const verify = (set, bundle) =>
    fep([
      'verify',
      '--roots',
      w.path('roots.json'),
      '--keyset',
      set,
      '--state',
      state,
      '--now',
      '2026-09-02T00:00:00Z',
      bundle,
    ]);

  assert.equal(verify(set2, genuine).status, 0);
  const seen = JSON.parse(readFileSync(state, 'utf8'));
  assert.deepEqual(Object.keys(seen).sort(), [`${iss} s-204`, `keyset ${iss}`]);
  assert.equal(seen[`keyset ${iss}`].seq, 2);
  assert.equal(statSync(state).mode & 0o777, 0o600);
  assert.equal(errorCode(verify(set2, oldKey)), 'unknown_key');
  // Replaying the older key set would bring the removed key back: refused, and the state is unchanged.
  assert.equal(errorCode(verify(set1, oldKey)), 'rolled_back');
  assert.deepEqual(JSON.parse(readFileSync(state, 'utf8')), seen);
  assert.equal(errorCode(verify(set2, stale)), 'rolled_back');
  assert.equal(verify(set2, genuine).status, 0); // the same bundle again
  // Without the state file, nothing is remembered.
  assert.equal(
    fep(['verify', '--roots', w.path('roots.json'), '--keyset', set1, '--now', '2026-09-02T00:00:00Z', oldKey]).status,
    0,
  );
  // A state file that is not a Seen value is refused rather than silently replaced.
  w.write('seen.json', '[1]');
  assert.equal(errorCode(verify(set2, genuine)), 'malformed');
});

test('every integer a signed object carries stays within ±(2^53 − 1): fep sign refuses more', () => {
  const w = workdir();
  issue(w);
  const sign = (seq, file = w.path('record.json')) =>
    fep(signArgs(w.path('sign.jwk'), file, { sub: 's-204', seq: seq, ttl: '30' }));
  assert.equal(sign('9007199254740991').status, 0);
  assert.equal(sign('9007199254740992').status, 2);
  assert.equal(sign('1790000000000000100').status, 2);
  const big = w.write('big.json', '{"student": {"id": "s-204", "displayName": "Ana"}, "schoolYear": 9007199254740993}');
  assert.equal(errorCode(sign('1', big)), 'malformed');
});

test('a trust directory: each listed district verified with its own roots; unlisted and replayed directories refused', () => {
  const w = workdir();
  const now = ['--now', '2026-09-01T12:00:00Z'];
  const district = (name, iss) => {
    fep(['keygen', '--out', w.path(`${name}-root.jwk`)]);
    fep(['keygen', '--out', w.path(`${name}-sign.jwk`)]);
    const keyset = fep([
      'keyset',
      '--root',
      w.path(`${name}-root.jwk`),
      '--iss',
      iss,
      '--seq',
      '1',
      '--ttl',
      '30',
      ...now,
      w.path(`${name}-sign.jwk`),
    ]);
    assert.equal(keyset.status, 0, keyset.stderr);
    w.write(`${name}-keyset.jws`, keyset.stdout);
    w.write('record.json', record);
    const signed = fep(
      signArgs(w.path(`${name}-sign.jwk`), w.path('record.json'), { iss, sub: 's-204', seq: 3, ttl: 30, extra: now }),
    );
    assert.equal(signed.status, 0, signed.stderr);
    w.write(`${name}-bundle.jws`, signed.stdout);
    const roots = JSON.parse(fep(['jwks', w.path(`${name}-root.jwk`)]).stdout).keys;
    return { iss, name, roots };
  };
  const lincoln = district('lincoln', 'https://lincoln.example.org');
  const riverside = district('riverside', 'https://riverside.example.org');
  fep(['keygen', '--out', w.path('directory.jwk')]);
  w.write('directory-key.json', fep(['jwks', w.path('directory.jwk')]).stdout);
  const signDirectory = (key, seq, issuers) => {
    w.write('issuers.json', issuers);
    return fep(signDirectoryArgs(w.path(key), w.path('issuers.json'), { seq, extra: now }));
  };

  const directory = (seq, issuers) => {
    const signed = signDirectory('directory.jwk', seq, issuers);
    assert.equal(signed.status, 0, signed.stderr);
    return w.write(`directory-${seq}.jws`, signed.stdout);
  };
  const both = directory(1, [lincoln, riverside]);
  const onlyLincoln = directory(2, [lincoln]);
  const verify = (name, listed, extra = [], keyset = name) =>
    fep([
      'verify',
      '--directory',
      listed,
      '--directory-key',
      w.path('directory-key.json'),
      '--keyset',
      w.path(`${keyset}-keyset.jws`),
      ...now,
      ...extra,
      w.path(`${name}-bundle.jws`),
    ]);

  const fromRiverside = verify('riverside', both);
  assert.equal(fromRiverside.status, 0, fromRiverside.stderr);
  assert.equal(JSON.parse(fromRiverside.stdout).iss, 'https://riverside.example.org');
  assert.equal(errorCode(verify('riverside', onlyLincoln)), 'unlisted_issuer');
  // Riverside's bundle with Lincoln's key set: Riverside's listed roots never signed it.
  const crossed = verify('riverside', both, [], 'lincoln');
  assert.equal(errorCode(crossed), 'unknown_key');
  // Once the newer directory is seen, the older one (which still lists Riverside) is refused.
  const state = ['--state', w.path('seen.json')];
  assert.equal(verify('lincoln', onlyLincoln, state).status, 0);
  assert.equal(errorCode(verify('riverside', both, state)), 'rolled_back');
  // A directory signed by another key is not the pinned one's.
  fep(['keygen', '--out', w.path('stranger.jwk')]);
  const foreign = signDirectory('stranger.jwk', 9, [lincoln, riverside]);
  assert.equal(errorCode(verify('lincoln', w.write('foreign.jws', foreign.stdout))), 'unknown_key');
  // fep directory never signs a list a verifier would refuse: a private root, a district listed twice.
  const privateRoot = JSON.parse(readFileSync(w.path('lincoln-root.jwk'), 'utf8'));
  assert.equal(errorCode(signDirectory('directory.jwk', 3, [{ ...lincoln, roots: [privateRoot] }])), 'bad_claims');
  assert.equal(errorCode(signDirectory('directory.jwk', 3, [lincoln, lincoln])), 'bad_claims');
});
