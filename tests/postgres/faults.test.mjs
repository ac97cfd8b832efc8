// Faults under load, two hub processes on one PostgreSQL: a process killed, the database restarted,
// its connections dropped, clients cutting their own requests. Devices keep resending what was not
// acknowledged (as the widget's outbox does); afterwards every chain is complete and stored once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseOf, signNext, startHub } from '../hub/hub-client.mjs';
import { PUBLIC_URL, storedChains, twoHubs, uploadAll } from './two-hubs.mjs';

const DEVICES = 12;
const PER_DEVICE = 16;
let district, database;

before(async () => {
  district = await twoHubs();
  database = new URL(databaseOf(district.school.data)).pathname.slice(1);
});
after(() => district?.stop());

async function devices(prefix) {
  const out = [];
  for (let i = 0; i < DEVICES; i++) {
    const d = await district.enrolled(['--staff', 't-okafor']);
    d.chain = await signNext(district.core, d, 'stu-7f3a9c', PER_DEVICE, `${prefix}${i}`);
    out.push(d);
  }
  return out;
}

function assertComplete(list) {
  for (const d of list) assert.equal(d.acknowledged.size, PER_DEVICE, 'every record acknowledged');
  for (const chain of storedChains(district.cluster, database, list)) {
    assert.deepEqual(chain, [PER_DEVICE, PER_DEVICE, PER_DEVICE], 'each record stored once, the chain whole');
  }
}

const acknowledged = (list) => list.reduce((n, d) => n + d.acknowledged.size, 0);
function summary(statuses) {
  const counts = new Map();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status}: ${n}`).join(', ');
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = () => district.hubs.filter((h) => h.process.exitCode === null && h.process.signalCode === null);

test('SIGKILL one hub process: devices carry on at the other; a restarted process serves again', async (t) => {
  const list = await devices('kill');
  let turn = 0;
  const load = uploadAll(list, () => {
    const hubs = alive();
    return hubs[turn++ % hubs.length].url;
  });
  await sleep(150);
  district.hubs[0].process.kill('SIGKILL');
  const atKill = acknowledged(list);
  const statuses = await load;
  assert.ok(atKill < DEVICES * PER_DEVICE, 'the process was killed under load');
  t.diagnostic(`${atKill} of ${DEVICES * PER_DEVICE} acknowledged at SIGKILL; ${summary(statuses)}`);
  assertComplete(list);
  assert.ok(statuses.includes(200));
  district.hubs[0] = await startHub(district.school.data, ['--public-url', PUBLIC_URL]);
  assert.equal((await list[0].call('GET', '/api/me', { at: district.hubs[0].url })).status, 200);
});

test('PostgreSQL restarted: 503 with Retry-After while it is away, the hubs reconnect by themselves', async (t) => {
  const list = await devices('restart');
  let turn = 0;
  const load = uploadAll(list, () => district.hubs[turn++ % 2].url);
  await sleep(100);
  district.cluster.halt();
  // While the database is away every hub answers at once, retryable, with a stable code.
  for (const hub of district.hubs) {
    const away = await list[0].call('GET', '/api/me', { at: hub.url });
    assert.equal(away.status, 503);
    assert.equal(away.json.code, 'unavailable');
    assert.equal(away.headers.get('retry-after'), '1');
  }
  const atHalt = acknowledged(list);
  await sleep(500);
  district.cluster.start();
  const statuses = await load;
  assert.ok(atHalt < DEVICES * PER_DEVICE, 'the database went away under load');
  t.diagnostic(`${atHalt} of ${DEVICES * PER_DEVICE} acknowledged at the halt; ${summary(statuses)}`);
  assert.ok(statuses.includes(503), 'the devices saw the outage');
  assertComplete(list);
  for (const hub of district.hubs) assert.equal((await list[0].call('GET', '/api/me', { at: hub.url })).status, 200);
});

test('dropped connections: backends terminated under load, requests cut by clients; nothing doubled', async (t) => {
  const list = await devices('drop');
  let turn = 0;
  const load = uploadAll(list, () => district.hubs[turn++ % 2].url, { abortSome: true });
  for (let i = 0; i < 4; i++) {
    await sleep(60);
    district.cluster.psql(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'fep-hub'",
    );
  }
  const atLast = acknowledged(list);
  const statuses = await load;
  assert.ok(atLast < DEVICES * PER_DEVICE, 'connections were dropped under load');
  assert.ok(statuses.includes('network'), 'some requests were cut by their clients');
  t.diagnostic(`${atLast} of ${DEVICES * PER_DEVICE} acknowledged at the last drop; ${summary(statuses)}`);
  assertComplete(list);
});
