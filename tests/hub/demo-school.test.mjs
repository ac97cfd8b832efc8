// The demo of `npm start` at a real school's size: `make-demo-school.mjs --school 300` writes the four
// named families' students and 300 more of Lincoln Middle School (a fixed seed) as a district's Ed-Fi
// export; the hub imports it through the same importer, gives sign-in codes to the four families and
// the staff only, and its dashboards have classes and a school to show: Ms. Okafor's two classes of 25
// to 30 beside the named students, the front office's whole school, groups large enough to be shown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { fep } from '../node/fep.mjs';
import { admin, device, startHub, trustOptions } from './hub-client.mjs';

let hub;
let data;
let codes;
const spent = new Set(); // who has used their code

before(async () => {
  const demo = mkdtempSync(join(tmpdir(), 'fep-demo-school-'));
  execFileSync(process.execPath, [join(root, 'scripts/make-demo-school.mjs'), '--school', '300', demo]);
  data = mkdtempSync(join(tmpdir(), 'fep-demo-'));
  hub = await startHub(data, ['--demo', demo]);
  codes = printedCodes(hub.output);
});

// Each printed code: `  CODE[  (used)]  who  [--contact ID|--staff ID]`, then its link unless used.
const printedCodes = (output) =>
  [
    ...output.matchAll(
      /^ {2}([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})( {2}\(used\))? {2}(.+) {2}\[(--contact|--staff) (\S+)\]$/gm,
    ),
  ].map(([, code, used, who, flag, id]) => ({ code, used: Boolean(used), who, flag, id }));
after(async () => {
  await hub?.stop();
});

// The signed dashboard of the person whose code is printed as `who`, verified.
async function dashboardOf(who) {
  const code = codes.find((m) => m.who === who)?.code;
  assert.ok(code, `a code for ${who}`);
  spent.add(who);
  const d = await device(hub.url);
  assert.equal((await d.call('POST', '/api/enroll', { body: { code } })).status, 201);
  const answer = await d.call('GET', '/api/dashboard');
  assert.equal(answer.status, 200, answer.text);
  writeFileSync(join(data, 'dashboard.jws'), answer.text);
  const verified = fep(['verify', ...(await trustOptions(hub.url, data)), join(data, 'dashboard.jws')]);
  assert.equal(verified.status, 0, verified.stderr);
  return JSON.parse(verified.stdout).dashboard.figures;
}

test('only the four families and the staff get codes, not the 300 generated families', () => {
  assert.deepEqual(
    codes.map((m) => m.who),
    [
      'Rosa Hernández, family of Maya Hernández and Leo Hernández',
      'Samir Haddad, family of Amira Haddad',
      'Ama Mensah, family of Kofi Mensah',
      'Ms. Okafor, teacher',
      'Mr. Haile, teacher',
      'Mr. Ruiz, counsellor',
      'Front office, administrator',
    ],
  );
});

test("Ms. Okafor's dashboard counts her two classes of 25 to 30 beside the named students", async () => {
  const figures = await dashboardOf('Ms. Okafor, teacher');
  assert.ok(figures.students >= 54 && figures.students <= 64, `${figures.students} students`);
  const tiers = Object.values(figures.chronicAbsence.tiers).filter((count) => count > 0);
  assert.ok(tiers.length >= 2, 'attendance varies');
  assert.ok(figures.chronicAbsence.priority.length > 0, 'students to call');
});

test("the front office's dashboard is the school's: 304 students, groups shown and hidden", async () => {
  const figures = await dashboardOf('Front office, administrator');
  assert.equal(figures.students, 304);
  const cells = figures.breakdowns.flatMap((b) => b.cells);
  assert.ok(
    cells.some((c) => c.suppressed === false && c.students >= 10),
    'large groups shown',
  );
  assert.ok(
    cells.some((c) => c.suppressed === 'small'),
    'small groups hidden',
  );
  // The school's contact history came with the demo: some families reached this year, some never.
  assert.ok(
    figures.reach.reachedYear > 100 && figures.reach.neverReached.length > 10,
    JSON.stringify(figures.reach).slice(0, 200),
  );
  const languages = figures.breakdowns.find((b) => b.dimension === 'homeLanguage').cells.map((c) => c.group);
  assert.ok(languages.includes('en') && languages.includes('es'), languages.join());
});

test('a later start marks the codes used and prints the ids that make new ones', async () => {
  const rosa = codes[0];
  assert.deepEqual([rosa.flag, rosa.id, rosa.used], ['--contact', 'c-mother', false]);
  assert.deepEqual(
    codes.filter((m) => m.flag === '--staff').map((m) => m.id),
    ['stf-1', 'stf-8', 's-ruiz', 'office'], // Ms. Okafor and Mr. Haile as the generated export names them
  );
  const d = await device(hub.url);
  assert.equal((await d.call('POST', '/api/enroll', { body: { code: rosa.code } })).status, 201);
  await hub.stop();
  hub = await startHub(data, ['--demo', 'unused: the data folder already holds the demo']);
  const again = printedCodes(hub.output);
  assert.deepEqual(
    again.map((m) => [m.who, m.used]),
    codes.map((m) => [m.who, m.who === rosa.who || spent.has(m.who)]),
  );
  assert.ok(!hub.output.includes(`#invite=${rosa.code}`), 'a used code has no link');
  assert.ok(hub.output.includes(`#invite=${codes[1].code}`));
  // The printed id is what `fep-hub invite` takes.
  const fresh = admin(data, 'invite', rosa.flag, rosa.id).split('\n')[0];
  assert.match(fresh, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
});

test('npm start passes what follows -- to the hub: a school site it names with --cors may call the API', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'fep-npm-start-'));
  const site = 'https://www.school.example';
  const child = spawn('bash', [join(root, 'scripts/start.sh'), '--cors', site], {
    env: { ...process.env, FEP_HUB_DATA: folder, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = out.match(/fep-hub listening on (http:\/\/[^\s]+)/);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`npm start ended with ${code}: ${out.slice(-2000)}`)));
    });
    const preflight = await fetch(new URL('/api/me', url), {
      method: 'OPTIONS',
      headers: { Origin: site, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'dpop' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), site);
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
  }
});
