// `npm run start:two-hubs` (docs/scaling.md, "Try it"): the demo school on a throwaway PostgreSQL,
// two hub processes behind a round-robin proxy. A family signs in with a printed code through the
// proxy and is answered by both processes, each knowing the device the other enrolled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/postgres.mjs';
import { root } from '../../scripts/serve.mjs';
import { device } from '../hub/hub-client.mjs';

test('two hub processes on one PostgreSQL serve the demo school behind one address', async (t) => {
  const port = freePort();
  const script = spawn(process.execPath, [join(root, 'scripts/start-two-hubs.mjs')], {
    env: { ...process.env, PORT: String(port), FEP_TWO_HUBS_DATA: mkdtempSync(join(tmpdir(), 'fep-two-hubs-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => script.on('exit', resolve));
  t.after(async () => {
    if (script.exitCode === null) script.kill('SIGTERM');
    await exited;
  });
  const output = await new Promise((resolve, reject) => {
    let out = '';
    script.stdout.on('data', (chunk) => {
      out += chunk;
      if (/proxy listening on/.test(out)) resolve(out);
    });
    script.on('exit', (code) => reject(new Error(`start-two-hubs.mjs exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  assert.match(output, /two fep-hub processes \(ports \d+, \d+\) on PostgreSQL/);
  const code = output.match(new RegExp(`${url.replaceAll('.', '\\.')}#invite=([0-9A-Z-]+)`))[1];

  const family = await device(url);
  const enrolled = await family.call('POST', '/api/enroll', { body: { code } });
  assert.equal(enrolled.status, 201, enrolled.text);
  const answeredBy = new Set([enrolled.headers.get('x-fep-hub')]);
  for (let i = 0; i < 3; i++) {
    const me = await family.call('GET', '/api/me');
    assert.equal(me.status, 200, me.text);
    answeredBy.add(me.headers.get('x-fep-hub'));
    const bundle = await family.call('GET', `/api/students/${me.json.students[0].id}/bundle`);
    assert.equal(bundle.status, 200);
  }
  assert.equal(answeredBy.size, 2, 'both processes answered');
  script.kill('SIGTERM');
  assert.equal(await exited, 0);
});
