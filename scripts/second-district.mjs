#!/usr/bin/env node
// `npm run start:second-district`: a second demo district beside `npm start`'s, to try a move between
// schools (docs/transfers.md, "Try it"). Its hub (Riverside, http://127.0.0.1:8081/) believes a trust
// directory listing the first demo district, and its page pins the directory's key. Both demos hold the
// same families and children, so a family signs in at both, saves the record file on the first page and
// adds it on the second. Its data (records, keys, directory) is kept in .demo-riverside/ (git-ignored).
//   FIRST_HUB (http://127.0.0.1:8080/), SECOND_PORT (8081), FEP_SECOND_DATA (.demo-riverside)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root } from './serve.mjs';

const first = process.env.FIRST_HUB ?? 'http://127.0.0.1:8080/';
const port = process.env.SECOND_PORT ?? '8081';
const data = resolve(process.env.FEP_SECOND_DATA ?? join(root, '.demo-riverside'));
const fep = (...args) => {
  const result = spawnSync(join(root, 'build/native/cli/fep'), args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`fep ${args[0]}: ${result.stderr}`);
  return result.stdout;
};
if (!existsSync(join(root, 'build/site/index.html'))) throw new Error('build first: npm start (or npm run build)');

// The first district as it publishes itself: its roots, and its issuer (named in its key set's claims).
async function published(name) {
  let response;
  try {
    response = await fetch(new URL(`.well-known/fep/${name}`, first));
  } catch {
    throw new Error(`the first demo district is not running at ${first}: start it with npm start`);
  }
  if (!response.ok) throw new Error(`${first}: ${name} HTTP ${response.status}`);
  return response.text();
}
const roots = JSON.parse(await published('roots.json')).keys;
const keyset = (await published('keyset.jws')).trim();
const { iss } = JSON.parse(Buffer.from(keyset.split('.')[1], 'base64url').toString('utf8'));

// The directory: its key made once, the list signed again on each start with a higher seq.
mkdirSync(data, { recursive: true, mode: 0o700 });
const file = (name) => join(data, name);
if (!existsSync(file('directory.jwk'))) fep('keygen', '--out', file('directory.jwk'));
writeFileSync(file('directory-key.json'), fep('jwks', file('directory.jwk')));
writeFileSync(file('issuers.json'), JSON.stringify([{ iss, name: 'Lincoln County Schools (demo)', roots }]));
const seq = String(Math.floor(Date.now() / 1000));
writeFileSync(
  file('directory.jws'),
  fep(
    'directory',
    '--key',
    file('directory.jwk'),
    '--iss',
    'https://directory.demo.example.org',
    '--seq',
    seq,
    '--ttl',
    '365',
    file('issuers.json'),
  ),
);

// The site: the hub's pages, with the directory's key pinned on the widget.
const site = file('site');
cpSync(join(root, 'build/site'), site, { recursive: true });
const pinned = JSON.stringify(JSON.parse(readFileSync(file('directory-key.json'), 'utf8')));
const page = readFileSync(join(site, 'index.html'), 'utf8');
writeFileSync(
  join(site, 'index.html'),
  page.replace('<family-portal hub="/">', `<family-portal hub="/" directory-key='${pinned}'>`),
);

const hub = spawn(
  join(root, 'build/native/hub/fep-hub'),
  [
    'serve',
    '--data',
    data,
    '--port',
    port,
    '--iss',
    'https://riverside.example.org',
    '--demo',
    join(root, 'docs/examples/demo-school'),
    '--static',
    site,
    '--directory',
    file('directory.jws'),
    '--directory-key',
    file('directory-key.json'),
  ],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => hub.kill(signal));
hub.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
