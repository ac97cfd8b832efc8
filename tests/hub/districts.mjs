// Three districts for the transfer tests (docs/transfers.md): Lincoln and Riverside listed in one
// trust directory, Oakdale not. Maya moves from Lincoln (stu-7f3a9c) to Riverside (rv-1001, Mr. Rivera's
// student; Ms. Chen holds nobody); her family's contact is c-mother at both. Riverside's hub runs with
// the directory; the directory's seq 1 still listed a district that left, seq 2 is current.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { fep, signDirectoryArgs } from '../node/fep.mjs';
import { admin, enrolledDevice, makeSchool, startHub } from './hub-client.mjs';

export const LINCOLN = 'https://lincoln.example.org';
export const RIVERSIDE = 'https://riverside.example.org';

export const published = async (hub, name) => (await fetch(new URL(`/.well-known/fep/${name}`, hub.url))).text();

// Riverside, where Maya is enrolled now under Riverside's own id, with her family's same contact.
function makeRiverside(data) {
  const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
  const maya = structuredClone(example);
  maya.student = { ...maya.student, id: 'rv-1001' };
  delete maya.contactRecords;
  writeFileSync(join(data, 'maya.json'), JSON.stringify(maya));
  admin(data, 'records', 'put', join(data, 'maya.json'));
  admin(data, 'staff', 'add', '--id', 't-rivera', '--name', 'Mr. Rivera', '--role', 'teacher', '--students', 'rv-1001');
  admin(data, 'staff', 'add', '--id', 't-chen', '--name', 'Ms. Chen', '--role', 'teacher', '--students', '');
}

/**
 * Starts the three hubs, with extra serve options for Lincoln and Riverside (--static…). Resolves to
 * {lincoln, riverside, oakdale (hubs, each with its data), file(name, contents?) (a work folder),
 * directoryArgs, directoryKeys (the pinned JWKS), fromLincoln(hub?) (what the family holds), stop()}.
 */
export async function startDistricts({ lincolnArgs = [], riversideArgs = [] } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'fep-transfers-'));
  const file = (name, contents) => {
    const path = join(work, name);
    if (contents !== undefined) writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
    return path;
  };
  const signDirectory = (seq, issuers) => {
    file('issuers.json', issuers);
    const signed = fep(signDirectoryArgs(file('directory.jwk'), file('issuers.json'), { seq }));
    assert.equal(signed.status, 0, signed.stderr);
    return file(`directory-${seq}.jws`, signed.stdout);
  };
  const lincolnData = makeSchool().data;
  const oakdaleData = makeSchool().data;
  const riversideData = mkdtempSync(join(tmpdir(), 'fep-hub-'));
  makeRiverside(riversideData);
  const lincoln = { ...(await startHub(lincolnData, ['--iss', LINCOLN, ...lincolnArgs])), data: lincolnData };
  const oakdale = { ...(await startHub(oakdaleData, ['--iss', 'https://oakdale.example.org'])), data: oakdaleData };
  fep(['keygen', '--out', file('directory.jwk')]);
  const directoryKeys = fep(['jwks', file('directory.jwk')]).stdout;
  file('directory-key.json', directoryKeys);
  // Riverside's own roots come from its data folder's first start: start it once to publish them.
  const first = await startHub(riversideData, ['--iss', RIVERSIDE]);
  const riversideRoots = JSON.parse(await published(first, 'roots.json')).keys;
  await first.stop();
  const lincolnRoots = JSON.parse(await published(lincoln, 'roots.json')).keys;
  signDirectory(1, [
    { iss: LINCOLN, name: 'Lincoln County Schools', roots: lincolnRoots },
    { iss: RIVERSIDE, name: 'Riverside Unified', roots: riversideRoots },
    { iss: 'https://old.example.org', name: 'A district that left', roots: lincolnRoots },
  ]);
  const current = signDirectory(2, [
    { iss: LINCOLN, name: 'Lincoln County Schools', roots: lincolnRoots },
    { iss: RIVERSIDE, name: 'Riverside Unified', roots: riversideRoots },
  ]);
  const directoryArgs = ['--directory', current, '--directory-key', file('directory-key.json')];
  const riverside = { ...(await startHub(riversideData, [...directoryArgs, ...riversideArgs])), data: riversideData };

  // What Maya's family holds from a district: her bundle and that district's published trust material.
  async function fromLincoln(hub = lincoln) {
    const family = await enrolledDevice(hub.url, hub.data, ['--contact', 'c-mother']);
    const bundle = await family.call('GET', '/api/students/stu-7f3a9c/bundle');
    assert.equal(bundle.status, 200);
    return {
      bundle: bundle.text.trim(),
      keyset: await published(hub, 'keyset.jws'),
      revocations: await published(hub, 'revocations.jws'),
    };
  }
  const districts = { lincoln, riverside, oakdale, file, directoryArgs, directoryKeys, fromLincoln, signDirectory };
  districts.stop = () => Promise.all([districts.lincoln.stop(), districts.riverside.stop(), oakdale.stop()]);
  return districts;
}
