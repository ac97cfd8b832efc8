#!/usr/bin/env node
// Issues the demo's signed data with the native `fep` tool, as a district would: a pinned root key, a
// signing key, a root-signed key set, and a bundle of docs/examples/record.json. Keys are kept between
// runs; the key set and bundle are re-signed each time so they are never expired.
// Usage: node scripts/demo-data.mjs [OUT_DIR]   (default build/demo)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const fepTool = join(root, 'build/native/cli/fep');
const issuer = 'https://demo-district.example.org';

const fep = (...args) => execFileSync(fepTool, args, { encoding: 'utf8' });

/**
 * Writes roots.json, jwks.json, keyset.jws, bundle.jws and a teacher's roster.jws into `out`, the folder
 * the demo serves. The private keys (root.jwk, signing.jwk) live beside it in `<out>-keys`, never inside
 * a served folder.
 */
export function makeDemoData(
  out = join(root, 'build/demo'),
  { record = join(root, 'docs/examples/record.json'), seq = 1 } = {},
) {
  const keys = `${out}-keys`;
  mkdirSync(out, { recursive: true });
  mkdirSync(keys, { recursive: true, mode: 0o700 });
  const file = (name) => join(name.endsWith('.jwk') ? keys : out, name);
  for (const key of ['root.jwk', 'signing.jwk']) {
    // An earlier version kept the keys in the served folder: move them out, keeping the demo's identity.
    if (existsSync(join(out, key))) renameSync(join(out, key), file(key));
    if (!existsSync(file(key))) fep('keygen', '--out', file(key));
  }
  writeFileSync(file('roots.json'), fep('jwks', file('root.jwk')));
  writeFileSync(file('jwks.json'), fep('jwks', file('signing.jwk')));
  writeFileSync(
    file('keyset.jws'),
    fep('keyset', '--root', file('root.jwk'), '--iss', issuer, '--seq', '1', '--ttl', '90', file('signing.jwk')),
  );
  // Signs `data` (a file) for `sub` with the demo's signing key, valid 30 days.
  const sign = (sub, data, ...options) =>
    fep(
      'sign',
      '--key',
      file('signing.jwk'),
      '--iss',
      issuer,
      '--sub',
      sub,
      ...options,
      '--seq',
      String(seq),
      '--ttl',
      '30',
      data,
    );
  writeFileSync(file('bundle.jws'), sign('stu-7f3a9c', record));
  // A teacher's roster: the example student with her family, and two classmates with theirs.
  const { student, contacts } = JSON.parse(readFileSync(record, 'utf8'));
  writeFileSync(
    file('roster.json'),
    JSON.stringify({
      teacher: { id: 't-okafor', name: 'Ms. Okafor' },
      schoolYear: 2026,
      students: [
        { id: student.id, displayName: student.displayName, gradeLevel: student.gradeLevel, contacts },
        {
          id: 'stu-2b81de',
          displayName: 'Kofi Mensah',
          gradeLevel: 'Seventh grade',
          contacts: [{ id: 'c-ama', name: 'Ama Mensah', relation: 'Mother', preferredLanguage: 'en', primary: true }],
        },
        {
          id: 'stu-9c04aa',
          displayName: 'Linh Tran',
          gradeLevel: 'Seventh grade',
          contacts: [
            { id: 'c-bao', name: 'Bao Tran', relation: 'Father', preferredLanguage: 'vi', primary: true },
            { id: 'c-mai', name: 'Mai Tran', relation: 'Mother', preferredLanguage: 'vi' },
          ],
        },
      ],
    }),
  );
  writeFileSync(file('roster.jws'), sign('t-okafor', file('roster.json'), '--typ', 'roster'));
  return { out, keys, file };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { out } = makeDemoData(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`demo data written to ${out}`);
}
