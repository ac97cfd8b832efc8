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
  const writeTimes = [];
  page.on('console', (message) => {
    const [word, idem, milliseconds] = message.text().split(' ');
    if (word !== 'confirmed') return;
    confirmed.add(idem);
    writeTimes.push(Number(milliseconds));
  });
  const url = (mode) => new URL(`/fixtures/contact-log.html?mode=${mode}`, harness.url).href;
  await context.route('**/sync', (route) => route.abort('internetdisconnected')); // offline while writing

  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const firstWriteSaved = () => page.waitForFunction(() => Number(document.body.dataset.saved) >= 1);
  const typicalWrite = () => {
    const recent = writeTimes.slice(-10);
    return recent.length ? recent.reduce((sum, ms) => sum + ms, 0) / recent.length : 0;
  };

  // Timed by the writes themselves, not by the clock, so that a slow machine (a slow disk makes a
  // durable write take long) is interrupted as often mid-write as a fast one: once this page has
  // saved a record, reload at a varying point of a later write.
  await page.goto(url('write'));
  for (let i = 0; i < 50; i++) {
    await firstWriteSaved();
    await page.waitForTimeout((((i * 37) % 100) / 100) * 2 * typicalWrite());
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
  assert.ok(confirmed.size >= 20, `only ${confirmed.size} records were confirmed; page errors: ${errors.join('; ')}`);
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

test("the device's key cannot be read by page scripts; a key stored by an earlier version is migrated", async () => {
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL('/fixtures/contact-log.html?mode=read', harness.url).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const result = await page.evaluate(async () => {
    const { core, saveContact, contactEntries, devicePublicKey } = window.fep;
    await contactEntries(); // the log's stores exist once the outbox has opened it
    const db = await new Promise((resolve) => {
      const open = indexedDB.open('fep-contact-log');
      open.onsuccess = () => resolve(open.result);
    });
    const device = () =>
      new Promise((resolve) => {
        db.transaction('device').objectStore('device').get('device').onsuccess = (e) => resolve(e.target.result);
      });
    // What an earlier version stored: the private JWK itself, and a chain one record long.
    const legacy = await core.newDeviceKey();
    const first = await core.signContact({ privateJwk: legacy.privateJwk, record: record(1), student: 'stu-1' });
    await new Promise((resolve) => {
      const tx = db.transaction(['device', 'outbox'], 'readwrite');
      tx.objectStore('device').put({
        id: 'device',
        privateJwk: legacy.privateJwk,
        kid: legacy.kid,
        head: { seq: 1, hash: first.hash },
      });
      tx.objectStore('outbox').put({
        idem: first.idem,
        seq: 1,
        dev: first.dev,
        student: 'stu-1',
        record: record(1),
        compact: first.compact,
        status: 'pending',
      });
      tx.oncomplete = resolve;
    });
    await saveContact(core, { record: record(2), student: 'stu-1' });
    const stored = await device();
    let exported = 'exported';
    try {
      await crypto.subtle.exportKey('jwk', stored.privateKey);
    } catch (error) {
      exported = error.name;
    }
    const entries = await contactEntries();
    const chain = core.verifyContactChain({
      deviceJwk: await devicePublicKey(),
      records: entries.map((e) => e.compact),
    });
    return {
      hasPrivateJwk: 'privateJwk' in stored || JSON.stringify(stored.publicJwk).includes('"d"'),
      isCryptoKey: stored.privateKey instanceof CryptoKey,
      extractable: stored.privateKey.extractable,
      exported,
      sameKid: stored.kid === legacy.kid && entries.every((e) => e.dev === legacy.kid),
      seqs: chain.map((e) => e.seq),
    };
    function record(n) {
      return {
        id: `r-${n}`,
        at: '2026-05-15T10:00:00Z',
        direction: 'school_to_family',
        channel: 'phone',
        outcome: 'reached',
        note: `n${n}`,
      };
    }
  });
  assert.deepEqual(result, {
    hasPrivateJwk: false,
    isCryptoKey: true,
    extractable: false,
    exported: 'InvalidAccessError',
    sameKid: true,
    seqs: [1, 2],
  });
  await context.close();
});

test('a log stored by the first version opens: its records kept by device and seq, the chain continued', async () => {
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL('/fixtures/contact-log.html?mode=read', harness.url).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const result = await page.evaluate(async () => {
    const { core, saveContact, contactEntries, devicePublicKey } = window.fep;
    // Version 1's database, as a phone has it: one unique index on seq alone, one record waiting.
    const key = await core.newDeviceKey();
    const first = await core.signContact({
      privateJwk: key.privateJwk,
      record: {
        id: 'v1-1',
        at: '2026-05-15T10:00:00Z',
        direction: 'school_to_family',
        channel: 'phone',
        outcome: 'reached',
      },
      student: 'stu-1',
    });
    await new Promise((resolve) => {
      const open = indexedDB.open('fep-contact-log', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('device', { keyPath: 'id' });
        open.result.createObjectStore('outbox', { keyPath: 'idem' }).createIndex('seq', 'seq', { unique: true });
      };
      open.onsuccess = () => {
        const tx = open.result.transaction(['device', 'outbox'], 'readwrite');
        tx.objectStore('device').put({
          id: 'device',
          privateJwk: key.privateJwk,
          kid: key.kid,
          head: { seq: 1, hash: first.hash },
        });
        tx.objectStore('outbox').put({
          idem: first.idem,
          seq: 1,
          dev: first.dev,
          student: 'stu-1',
          compact: first.compact,
          status: 'pending',
        });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
      };
    });
    await saveContact(core, {
      record: {
        id: 'v1-2',
        at: '2026-05-16T10:00:00Z',
        direction: 'school_to_family',
        channel: 'phone',
        outcome: 'reached',
      },
      student: 'stu-1',
    });
    const entries = await contactEntries();
    const chain = core.verifyContactChain({
      deviceJwk: await devicePublicKey(),
      records: entries.map((e) => e.compact),
    });
    return { seqs: chain.map((e) => e.seq), statuses: entries.map((e) => e.status) };
  });
  assert.deepEqual(result, { seqs: [1, 2], statuses: ['pending', 'pending'] });
  await context.close();
});
