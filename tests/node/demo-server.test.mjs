// The demo server (npm start): private keys are never served, and only this machine's own host names
// are answered, so a DNS-rebinding page cannot read anything through it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoData } from '../../scripts/demo-data.mjs';
import { defaultMounts, startServer } from '../../scripts/serve.mjs';

let server;
let demo;
before(async () => {
  demo = makeDemoData(join(mkdtempSync(join(tmpdir(), 'fep-demo-')), 'demo'));
  server = await startServer({ port: 0, mounts: { ...defaultMounts(), '/demo-data/': demo.out } });
});
after(async () => {
  await server?.close();
});

function get(path, host) {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, headers: { host: host ?? url.host } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('private keys are kept outside every served folder', async () => {
  assert.ok(existsSync(join(demo.keys, 'root.jwk')) && existsSync(join(demo.keys, 'signing.jwk')));
  assert.ok(!demo.keys.startsWith(demo.out + '/'));
  for (const name of ['root.jwk', 'signing.jwk']) assert.equal((await get(`/demo-data/${name}`)).status, 404);
  for (const name of readdirSync(demo.out)) {
    const { status, body } = await get(`/demo-data/${name}`);
    assert.equal(status, 200, name);
    assert.doesNotMatch(body, /"d"\s*:/, `${name} carries a private key`);
  }
});

test('only 127.0.0.1 and localhost, with the port, are answered', async () => {
  const { port } = new URL(server.url);
  assert.equal((await get('/demo-data/roots.json', `127.0.0.1:${port}`)).status, 200);
  assert.equal((await get('/demo-data/roots.json', `localhost:${port}`)).status, 200);
  for (const host of ['attacker.example', `attacker.example:${port}`, 'localhost', `127.0.0.1:${Number(port) + 1}`]) {
    assert.equal((await get('/demo-data/roots.json', host)).status, 421, host);
  }
});
