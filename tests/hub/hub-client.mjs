// Starts a real fep-hub on a free port with its own data folder, and talks to it as a device would:
// an Ed25519 key, a fresh DPoP proof (RFC 9449) on every request.
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { startPostgres } from '../../scripts/postgres.mjs';
import { root } from '../../scripts/serve.mjs';

// FEP_HUB_BINARY runs the suites against another build (an older one, to see a test fail before a fix).
export const hubPath = process.env.FEP_HUB_BINARY ?? join(root, 'build/native/hub/fep-hub');
const b64u = (value) => Buffer.from(value).toString('base64url');

// FEP_HUB_BACKEND=postgresql runs every hub of these suites on PostgreSQL: one throwaway cluster per
// test file, one database per data folder (made the first time the folder is used).
let onPostgres = process.env.FEP_HUB_BACKEND === 'postgresql';
let cluster = null;
const databases = new Map();
export let backend = onPostgres ? 'postgresql' : 'sqlite';

/** Puts every hub this process starts from now on on PostgreSQL; returns the cluster (its folder in `parent`). */
export function usePostgres({ parent } = {}) {
  onPostgres = true;
  backend = 'postgresql';
  cluster ??= startPostgres({ parent });
  return cluster;
}

/** The PostgreSQL URL of the hub whose data folder is `data` (made on first use). */
export const databaseOf = (data) => dataArgs(data)[3];

/** The options that name a hub's data: `--data DIR`, and on PostgreSQL its database. */
export function dataArgs(data) {
  if (!onPostgres || databases.get(data) === null) return ['--data', data];
  cluster ??= usePostgres();
  if (!databases.has(data)) databases.set(data, cluster.createDatabase(`hub_${databases.size + 1}`));
  return ['--data', data, '--db', databases.get(data)];
}

/** Keeps the hub of `data` on SQLite whatever the backend (a hub some script started on its own). */
export function keepOnSqlite(data) {
  databases.set(data, null);
}

/** Puts a PostgreSQL backup (`fep-hub backup`, pg_dump's archive) into the database of `data`. */
export function restoreBackup(file, data) {
  const db = databaseOf(data);
  const result = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', db, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pg_restore: ${result.stderr}`);
}

/** Runs an administration command; returns its stdout (throws on a non-zero exit). */
export function admin(data, ...args) {
  const result = spawnSync(hubPath, [...args, ...dataArgs(data)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`fep-hub ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A school: the example record, a second child of the same family, two teachers and an admin. */
export function makeSchool({ parent = tmpdir() } = {}) {
  const data = mkdtempSync(join(parent, 'fep-hub-'));
  const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
  const sibling = structuredClone(example);
  sibling.student = { id: 'stu-sibling', displayName: 'Leo Hernández', gradeLevel: 'Fourth grade' };
  delete sibling.contactRecords;
  const other = structuredClone(example);
  other.student = { id: 'stu-other', displayName: 'Kofi Mensah', gradeLevel: 'Seventh grade' };
  other.contacts = [{ id: 'c-ama', name: 'Ama Mensah', relation: 'Mother', preferredLanguage: 'en', primary: true }];
  delete other.contactRecords;
  for (const [name, record] of [
    ['maya', example],
    ['leo', sibling],
    ['kofi', other],
  ]) {
    const file = join(data, `${name}.json`);
    writeFileSync(file, JSON.stringify(record));
    admin(data, 'records', 'put', file);
  }
  admin(
    data,
    'staff',
    'add',
    '--id',
    't-okafor',
    '--name',
    'Ms. Okafor',
    '--role',
    'teacher',
    '--students',
    'stu-7f3a9c,stu-sibling',
  );
  admin(data, 'staff', 'add', '--id', 't-lee', '--name', 'Mr. Lee', '--role', 'teacher', '--students', 'stu-other');
  admin(data, 'staff', 'add', '--id', 'admin', '--name', 'Office', '--role', 'admin');
  return { data, example, familyOfMaya: example.contacts[0].id };
}

/** Starts `fep-hub serve` on a free port; resolves to {url, process, output, stop()} (output: stdout so far). */
export function startHub(data, extra = []) {
  const child = spawn(hubPath, ['serve', ...dataArgs(data), '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/[^\s]+)/);
      if (match) resolve({ url: match[1], process: child, output: out, stop: () => stopHub(child) });
    });
    child.on('exit', (code) => reject(new Error(`fep-hub exited with ${code}`)));
  });
}

function stopHub(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill(signal);
  });
}

// PKCS #8 for an Ed25519 private key is this prefix and the 32-byte seed (RFC 8410).
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * A new Ed25519 key pair from 32 random bytes. Not generateKeyPairSync: on Node 20 a garbage
 * collection during it can deadlock the process (seen in bench:hub making 41,000 keys).
 */
export function ed25519KeyPair() {
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8, randomBytes(32)]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** A device: its key, and requests signed with fresh DPoP proofs. */
export async function device(hubUrl, { publicUrl = hubUrl } = {}) {
  const { publicKey, privateKey } = ed25519KeyPair();
  const jwk = await jose.exportJWK(publicKey);
  const kid = await jose.calculateJwkThumbprint(jwk, 'sha256');
  const proof = ({ method, url, iat = Math.floor(Date.now() / 1000), jti = randomUUID(), header = {} }) => {
    const input = `${b64u(JSON.stringify({ typ: 'dpop+jwt', alg: 'EdDSA', jwk, ...header }))}.${b64u(
      JSON.stringify({ jti, htm: method, htu: url, iat }),
    )}`;
    return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
  };
  // `at`: another hub process behind the same public URL (proofs name the public URL, not the process).
  async function call(method, path, { body, dpop, headers = {}, at = hubUrl, signal } = {}) {
    const url = new URL(path, at).href;
    const htu = new URL(path, publicUrl).href.split('?')[0];
    const response = await fetch(url, {
      method,
      signal,
      headers: {
        ...(dpop === null ? {} : { DPoP: dpop ?? proof({ method, url: htu }) }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      // a signed bundle, or an empty 304
    }
    return { status: response.status, text, json, headers: response.headers };
  }
  return { jwk, kid, privateKey, proof, call };
}

/** A device of `account` (["--contact", ID] or ["--staff", ID]) enrolled with a fresh invite code. */
export async function enrolledDevice(hubUrl, data, account, options) {
  const d = await device(hubUrl, options);
  const code = admin(data, 'invite', ...account).split('\n')[0];
  const response = await d.call('POST', '/api/enroll', { body: { code } });
  if (response.status !== 201)
    throw new Error(`enrolment of ${account.join(' ')}: ${response.status} ${response.text}`);
  return d;
}

/** Writes the hub's published roots and key set into `dir`; the `fep` options that verify with them. */
export async function trustOptions(hubUrl, dir) {
  const roots = join(dir, 'roots.json');
  const keyset = join(dir, 'keyset.jws');
  for (const [name, file] of [
    ['fep/roots.json', roots],
    ['fep/keyset.jws', keyset],
  ]) {
    writeFileSync(file, await (await fetch(new URL(`/.well-known/${name}`, hubUrl))).text());
  }
  return ['--roots', roots, '--keyset', keyset];
}

/** A contact's time the hub finds plausible: an hour ago, as RFC 3339 in UTC (docs/contact-log.md). */
export const recentAt = (hoursAgo = 1) => `${new Date(Date.now() - hoursAgo * 3600e3).toISOString().slice(0, 19)}Z`;

/** Signs `count` contact records of `d` for `student`, continuing its chain (kept on `d`). */
export async function signNext(core, d, student, count, prefix) {
  d.head ??= { seq: 0, hash: '' };
  const privateJwk = await jose.exportJWK(d.privateKey);
  const out = [];
  for (let n = 0; n < count; n++) {
    const record = {
      id: `${prefix}-${d.head.seq + 1}`,
      at: recentAt(),
      direction: 'school_to_family',
      channel: 'phone',
      outcome: 'reached',
      note: `${prefix} ${d.head.seq + 1}`,
    };
    const signed = await core.signContact({ privateJwk, record, student, after: d.head });
    out.push({ compact: signed.compact, idem: signed.idem, id: record.id });
    d.head = { seq: d.head.seq + 1, hash: signed.hash };
  }
  return out;
}
