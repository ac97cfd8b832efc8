// Runs scripts/fep (the native tool) for node tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';

export const fepPath = join(root, 'build/native/cli/fep');

/** Runs fep; returns { status, signal, stdout, stderr }. */
export function fep(args, { input } = {}) {
  const result = spawnSync(fepPath, args, { input, encoding: 'utf8', timeout: 20000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The arguments of `fep sign` issuing `record` (a file) with the private key file `key`, as a district
 * does: `--iss` defaults to https://district.example.org; `extra` options go before the record.
 */
export function signArgs(key, record, { iss = 'https://district.example.org', sub, seq, ttl, extra = [] }) {
  return [
    'sign',
    '--key',
    key,
    '--iss',
    iss,
    '--sub',
    sub,
    '--seq',
    String(seq),
    '--ttl',
    String(ttl),
    ...extra,
    record,
  ];
}

/** A fresh temporary folder, and a helper writing files into it. */
export function workdir() {
  const dir = mkdtempSync(join(tmpdir(), 'fep-test-'));
  return {
    dir,
    path: (name) => join(dir, name),
    write(name, contents) {
      const file = join(dir, name);
      writeFileSync(
        file,
        typeof contents === 'string' || contents instanceof Uint8Array ? contents : JSON.stringify(contents),
      );
      return file;
    },
  };
}

/** Asserts the failure contract: exit 1 and exactly one line "error: <code>: <message>". Returns the code. */
export function errorCode(result) {
  const lines = result.stderr.split('\n').filter(Boolean);
  if (result.status !== 1 || lines.length !== 1) {
    throw new Error(`expected exit 1 with one error line, got ${result.status} / ${result.signal}: ${result.stderr}`);
  }
  const match = lines[0].match(/^error: ([a-z_]+): .+$/);
  if (!match) throw new Error(`not an error line: ${lines[0]}`);
  return match[1];
}

/** The arguments of `fep directory` signing the issuers file `issuers` with the directory key `key`. */
export function signDirectoryArgs(key, issuers, { seq, iss = 'https://directory.example.org', ttl = 30, extra = [] }) {
  return ['directory', '--key', key, '--iss', iss, '--seq', String(seq), '--ttl', String(ttl), ...extra, issuers];
}
