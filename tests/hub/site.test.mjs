// What fep-hub serves besides its API: the widget's files (compressed, cached by content hash,
// revalidated by ETag, CORS only for the school sites it names) and the demo school of `npm start`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { root } from '../../scripts/serve.mjs';
import { fep } from '../node/fep.mjs';
import { admin, device, makeSchool, startHub, trustOptions } from './hub-client.mjs';

const SCHOOL_SITE = 'https://www.lincoln.example.org';
const site = join(root, 'build/site');
const wasmName = readdirSync(join(site, 'dist')).find((f) => /^fep_core\.[0-9a-f]{16}\.wasm$/.test(f));
let hub;

before(async () => {
  hub = await startHub(makeSchool().data, ['--static', site, '--cors', SCHOOL_SITE]);
});
after(async () => {
  await hub?.stop();
});

const get = (path, headers = {}) => fetch(new URL(path, hub.url), { headers });

test('the widget is sent Brotli- or gzip-compressed to browsers that accept it, and whole to others', async () => {
  const original = readFileSync(join(site, 'dist/family-portal.js'));
  const tags = new Set();
  for (const [accept, coding] of [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['identity', null],
  ]) {
    const response = await get('/dist/family-portal.js', { 'Accept-Encoding': accept });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), coding, accept);
    assert.match(response.headers.get('vary'), /Accept-Encoding/);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    // fetch() decodes Brotli and gzip itself: the bytes are the file's.
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), original, accept);
    tags.add(`${coding} ${response.headers.get('etag')}`);
  }
  // Each encoding has its own tag, so a cache never serves one for the other.
  assert.equal(new Set([...tags].map((tag) => tag.split(' ')[1])).size, 3);
  // The bytes on the wire are the precompressed files, compressed once.
  assert.deepEqual(gunzipSync(readFileSync(join(site, 'dist/family-portal.js.gz'))), original);
  assert.deepEqual(brotliDecompressSync(readFileSync(join(site, 'dist/family-portal.js.br'))), original);
});

test('the core, its glue, the catalogs and the page style, named by content, are cached for a year; stable names are revalidated', async () => {
  assert.ok(wasmName, 'scripts/bundle.mjs names the core by its hash');
  const wasm = await get(`/dist/${wasmName}`, { 'Accept-Encoding': 'gzip' });
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(wasm.headers.get('content-encoding'), 'gzip');
  // The stable entry loads the core's glue by its content name, and that glue names exactly that core.
  const entry = readFileSync(join(site, 'dist/family-portal.js'), 'utf8');
  const glue = entry.match(/"\.\/(fep_core\.[0-9a-f]{16}\.js)"/)?.[1];
  assert.ok(glue, 'the entry imports the hashed glue');
  assert.ok(readFileSync(join(site, 'dist', glue), 'utf8').includes(`"${wasmName}"`));
  // A reader downloads only their own catalog: Spanish is a chunk of its own, not in the entry.
  const spanish = entry.match(/"\.\/(es\.[0-9a-f]{16}\.js)"/)?.[1];
  assert.ok(spanish, 'the Spanish catalog is loaded on demand');
  assert.ok(
    !entry.includes('"Asistencia"') && readFileSync(join(site, 'dist', spanish), 'utf8').includes('Asistencia'),
  );
  // The views past the first screen are a chunk of their own, fetched once the first record shows;
  // what the entry shares with them is a file the entry imports, which the page preloads beside it.
  const tabs = entry.match(/"\.\/(tabs\.[0-9a-f]{16}\.js)"/)?.[1];
  assert.ok(tabs, 'the other tabs are loaded on demand');
  assert.ok(!entry.includes('class="calendar"'));
  assert.ok(readFileSync(join(site, 'dist', tabs), 'utf8').includes('class="calendar"'));
  const shared = entry.match(/from"\.\/(family-portal-shared\.[0-9a-f]{16}\.js)"/)?.[1];
  assert.ok(shared, 'the entry imports what it shares with the tabs');
  const page = await (await get('/')).text();
  assert.ok(page.includes(`<link rel="modulepreload" href="/dist/${shared}" />`), 'the page preloads it');
  const style = page.match(/href="\/(demo\.[0-9a-f]{16}\.css)"/)?.[1];
  const hashedEntry = page.match(/src="\/dist\/(family-portal\.[0-9a-f]{16}\.js)"/)?.[1];
  assert.ok(style && hashedEntry, 'the hub page names its style and script by content');
  assert.deepEqual(readFileSync(join(site, 'dist', hashedEntry), 'utf8'), entry);
  for (const path of [
    `/dist/${glue}`,
    `/dist/${spanish}`,
    `/dist/${tabs}`,
    `/dist/${shared}`,
    `/${style}`,
    `/dist/${hashedEntry}`,
  ]) {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
  }
  // The page's service worker keeps its fixed name, revalidated, and lists exactly the page's files and
  // the other tabs' views.
  const worker = await get('/sw.js');
  assert.equal(worker.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const shell = JSON.parse((await worker.text()).match(/const SHELL = (\[.*\]);/)[1]);
  const named = [...page.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(new Set(shell), new Set(['/', ...named, `/dist/${tabs}`]));
  for (const path of ['/dist/family-portal.js', '/', '/sw.js']) {
    const first = await get(path, { 'Accept-Encoding': 'gzip' });
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    const etag = first.headers.get('etag');
    assert.match(etag, /^"[\w-]+"$/);
    const again = await get(path, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    assert.equal(again.status, 304, path);
  }
});

test('pages carry the strict policy; nothing outside the site folder is served', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<family-portal hub="\/">/);
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  // The policy goes with whatever can run as a document or a worker (the page, its icon, the service
  // worker, stable names); a content-named script, style or core is governed by the page that loads it.
  const text = await (await get('/')).text();
  const icon = text.match(/href="(\/favicon\.[0-9a-f]{16}\.svg)"/)?.[1];
  assert.ok(icon, 'the icon is named by its content');
  const policyOf = async (path) => (await get(path)).headers.get('content-security-policy');
  for (const path of [icon, '/sw.js', '/dist/family-portal.js'])
    assert.match((await policyOf(path)) ?? '', /default-src 'self'/, path);
  const style = text.match(/href="(\/demo\.[0-9a-f]{16}\.css)"/)?.[1];
  for (const path of [`/dist/${wasmName}`, style]) assert.equal(await policyOf(path), null, path);
  for (const path of [icon, `/dist/${wasmName}`, style])
    assert.equal((await get(path)).headers.get('x-content-type-options'), 'nosniff', path);
  for (const path of ['/../hub.sqlite', '/%2e%2e/keys/root.jwk', '/keys/root.jwk', '/dist/nothing.js', '/.hidden']) {
    const response = await get(path);
    assert.equal(response.status, 404, path);
    assert.equal((await response.json()).code, 'not_found');
  }
});

test("the module script and the core carry CORS for the school's site only", async () => {
  for (const path of ['/dist/family-portal.js', `/dist/${wasmName}`]) {
    const allowed = await get(path, { Origin: SCHOOL_SITE });
    assert.equal(allowed.headers.get('access-control-allow-origin'), SCHOOL_SITE, path);
    const other = await get(path, { Origin: 'https://evil.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null, path);
  }
});

test('serve --demo imports the demo school once, with a code for each person, and signs them in', async () => {
  const data = mkdtempSync(join(tmpdir(), 'fep-demo-'));
  const demo = join(root, 'docs/examples/demo-school');
  const first = await startHub(data, ['--demo', demo]);
  await first.stop();
  const printed = first.output;
  const codes = [...printed.matchAll(/^ {2}([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}) {2}(.+)$/gm)];
  // Each with the id `fep-hub invite` takes to make another.
  assert.deepEqual(
    codes.map((m) => m[2]),
    [
      'Rosa Hernández, family of Maya Hernández and Leo Hernández  [--contact c-mother]',
      'Samir Haddad, family of Amira Haddad  [--contact c-samir]',
      'Ama Mensah, family of Kofi Mensah  [--contact c-ama]',
      'Ms. Okafor, teacher  [--staff stf-1]',
      'Mr. Haile, teacher  [--staff stf-8]',
      'Mr. Ruiz, counsellor  [--staff s-ruiz]',
      'Front office, administrator  [--staff office]',
    ],
  );
  assert.match(printed, /#invite=[0-9A-Z-]{19}/);
  // A second start keeps the school and shows the same codes; nothing is created twice.
  const second = await startHub(data, ['--demo', demo]);
  const codesOf = (output, url) => output.split('fep-hub listening')[0].replaceAll(url, 'URL/');
  assert.equal(codesOf(second.output, second.url), codesOf(printed, first.url)); // links name this start's URL
  // The family of two children signs in with its code and sees both.
  const family = await device(second.url);
  const enrolled = await family.call('POST', '/api/enroll', { body: { code: codes[0][1] } });
  assert.equal(enrolled.status, 201, enrolled.text);
  assert.deepEqual(
    enrolled.json.students.map((s) => s.displayName),
    ['Maya Hernández', 'Leo Hernández'],
  );
  const teacher = await device(second.url);
  const okafor = await teacher.call('POST', '/api/enroll', { body: { code: codes[3][1] } });
  assert.equal(okafor.status, 201);
  // Her students are those of the sections the export says she teaches.
  assert.equal(okafor.json.students.length, 4);
  const roster = await teacher.call('GET', '/api/roster');
  assert.equal(roster.status, 200);
  // The demo's records came through the Ed-Fi importer: Maya's year as the example has it.
  const bundle = await family.call('GET', '/api/students/stu-7f3a9c/bundle');
  const record = JSON.parse(Buffer.from(bundle.text.split('.')[1], 'base64url')).record;
  assert.equal(record.attendanceEvents.length, 34);
  assert.equal(record.demographics.homeLanguage, 'es');
  // The principal (the front office) sees the whole school's dashboard, computed and signed by the hub.
  const office = await device(second.url);
  assert.equal((await office.call('POST', '/api/enroll', { body: { code: codes[6][1] } })).status, 201);
  const dashboard = await office.call('GET', '/api/dashboard');
  assert.equal(dashboard.status, 200, dashboard.text);
  writeFileSync(join(data, 'dashboard.jws'), dashboard.text);
  const verified = fep(['verify', ...(await trustOptions(second.url, data)), join(data, 'dashboard.jws')]);
  assert.equal(verified.status, 0, verified.stderr);
  const { figures } = JSON.parse(verified.stdout).dashboard;
  assert.equal(figures.students, 4);
  assert.equal(figures.interventions[0].id, 'stu-amira'); // the demo's attendance intervention
  await second.stop();
  assert.match(admin(data, 'devices', 'list'), /contact:c-mother\t.*active/);
  // A school's real data is never mixed with the demo's.
  await assert.rejects(startHub(makeSchool().data, ['--demo', demo]), /exited with 1/);
});
