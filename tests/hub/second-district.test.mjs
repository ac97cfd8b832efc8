// `npm run start:second-district` (docs/transfers.md, "Try it"): beside a running demo district, a
// second one whose hub believes a trust directory listing the first, with the directory's key pinned
// on its page. A family of both demos hands the first district's record over to the second.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { published } from './districts.mjs';
import { enrolledDevice, keepOnSqlite, startHub } from './hub-client.mjs';

const firstData = mkdtempSync(join(tmpdir(), 'fep-demo-first-'));
const secondData = mkdtempSync(join(tmpdir(), 'fep-demo-second-'));
keepOnSqlite(secondData); // the script starts that hub itself, on its default store
let first, second, script;

before(async () => {
  first = await startHub(firstData, [
    '--demo',
    join(root, 'docs/examples/demo-school'),
    '--static',
    join(root, 'build/site'),
  ]);
  script = spawn(process.execPath, [join(root, 'scripts/second-district.mjs')], {
    env: { ...process.env, FIRST_HUB: first.url, SECOND_PORT: '0', FEP_SECOND_DATA: secondData },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  second = await new Promise((resolve, reject) => {
    let out = '';
    script.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/[^\s]+)/);
      if (match) resolve({ url: match[1], output: out });
    });
    script.on('exit', (code) => reject(new Error(`second-district.mjs exited with ${code}`)));
  });
});
after(async () => {
  if (script && script.exitCode === null) {
    const exited = new Promise((resolve) => script.on('exit', resolve));
    script.kill('SIGTERM');
    await exited;
  }
  await first?.stop();
});

test('the second demo district pins the directory on its page and prints its own sign-in codes', async () => {
  const page = await (await fetch(second.url)).text();
  assert.match(page, /<family-portal hub="\/" directory-key='\{"keys":\[/);
  assert.match(second.output, /one-time sign-in codes/);
});

test("a family of both demos hands the first district's record to the second", async () => {
  const atFirst = await enrolledDevice(first.url, firstData, ['--contact', 'c-mother']);
  const bundle = await atFirst.call('GET', '/api/students/stu-7f3a9c/bundle');
  assert.equal(bundle.status, 200);
  const item = {
    bundle: bundle.text.trim(),
    keyset: await published(first, 'keyset.jws'),
    revocations: await published(first, 'revocations.jws'),
  };
  const atSecond = await enrolledDevice(second.url, secondData, ['--contact', 'c-mother']);
  const handed = await atSecond.call('POST', '/api/transfers', { body: { student: 'stu-7f3a9c', items: [item] } });
  assert.equal(handed.status, 200, handed.text);
  assert.deepEqual(handed.json.refused, []);
  assert.equal(handed.json.received[0].issuerName, 'Lincoln County Schools (demo)');
});
