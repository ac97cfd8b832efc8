// The contact log on the device: records written while the page is reloaded 50 times in the middle of
// writing survive with an unbroken chain, and, back online, every record the device confirmed reaches
// the school's endpoint exactly once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { createHub } from './hub.mjs';
import { startHarness } from './harness.mjs';

let core;
let harness;
let hub;

before(async () => {
  core = await loadNodeCore();
  const endpoint = createHub(core);
  hub = endpoint.state;
  harness = await startHarness({ handlers: { '/sync': endpoint.handler } });
});
after(async () => {
  await harness?.close();
});

test('records logged offline survive 50 reloads mid-write, chained, and reach the endpoint exactly once', async (t) => {
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  const confirmed = new Set();
  page.on('console', (message) => {
    if (message.text().startsWith('confirmed ')) confirmed.add(message.text().slice('confirmed '.length));
  });
  const url = (mode) => new URL(`/fixtures/contact-log.html?mode=${mode}`, harness.url).href;
  await context.route('**/sync', (route) => route.abort('internetdisconnected')); // offline while writing

  await page.goto(url('write'));
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(60 + ((i * 37) % 90)); // interrupt at varying points of a write
    await page.reload({ waitUntil: 'commit' });
  }
  await page.goto(url('read'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true');

  const log = await page.evaluate(async () => {
    const entries = await window.fep.contactEntries();
    const deviceJwk = await window.fep.devicePublicKey();
    const verified = window.fep.core.verifyContactChain({ deviceJwk, records: entries.map((e) => e.compact) });
    return {
      idems: entries.map((e) => e.idem),
      seqs: entries.map((e) => e.seq),
      verified: verified.length,
      pending: entries.filter((e) => e.status === 'pending').length,
    };
  });
  t.diagnostic(`${confirmed.size} records confirmed, ${log.idems.length} stored across 50 reloads`);
  assert.ok(confirmed.size >= 20, `only ${confirmed.size} records were confirmed`);
  for (const idem of confirmed) assert.ok(log.idems.includes(idem), `confirmed record ${idem} was lost`);
  assert.deepEqual(
    log.seqs,
    log.seqs.map((_, i) => i + 1),
    'the chain has no gap',
  );
  assert.equal(log.verified, log.idems.length, 'the whole chain verifies');
  assert.equal(log.pending, log.idems.length, 'nothing was sent while offline');

  // Back online: sync until nothing is pending, then once more (a retry must not duplicate anything).
  await context.unroute('**/sync');
  const sync = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const stop = window.fep.keepSyncing('/sync', {
            onResult: (r) => {
              if (r.remaining <= 0) {
                stop();
                resolve(r);
              }
            },
          });
        }),
    );
  await sync();
  const synced = await page.evaluate(async () => (await window.fep.contactEntries()).map((e) => e.status));
  assert.ok(
    synced.every((s) => s === 'synced'),
    JSON.stringify(synced),
  );
  await sync();
  assert.equal(hub.accepted.length, new Set(hub.accepted).size, 'no record was accepted twice');
  assert.deepEqual([...hub.accepted].sort(), [...log.idems].sort(), 'every stored record reached the endpoint');
  for (const idem of confirmed) assert.ok(hub.idems.has(idem));
  t.diagnostic(`${hub.accepted.length} accepted by the endpoint, ${hub.duplicates} duplicates acknowledged`);
  await context.close();
});
