// The contact log on the device (docs/contact-log.md). The device's key is a non-extractable WebCrypto
// Ed25519 CryptoKey kept in IndexedDB: no script on the host page can read it, only ask for signatures
// while the page is open. A record is stored in one IndexedDB transaction together with the device's new
// chain head, so a reload or crash mid-write leaves either both or neither: never a gap, never a fork.
// Only when that transaction completes is the record "saved". Unsent records wait in the outbox until
// the school's endpoint acknowledges them by idem.
import { ED25519, FepError } from './core.js';
import { jwkThumbprint } from './dpop.js';

const DB_NAME = 'fep-contact-log';
const DB_VERSION = 2; // 2: records kept by (dev, seq), since a device signed out by its school gets a new key
const MAX_BATCH = 100;

let dbPromise;
function openLog() {
  dbPromise ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = (event) => {
      const db = open.result;
      if (event.oldVersion < 1) {
        db.createObjectStore('device', { keyPath: 'id' });
        db.createObjectStore('outbox', { keyPath: 'idem' });
      }
      const outbox = open.transaction.objectStore('outbox');
      if (outbox.indexNames.contains('seq')) outbox.deleteIndex('seq');
      outbox.createIndex('chain', ['dev', 'seq'], { unique: true });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new FepError('unavailable', `IndexedDB: ${open.error?.message}`));
  });
  return dbPromise;
}

const request = (idbRequest) =>
  new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });

async function readDevice() {
  const db = await openLog();
  return request(db.transaction('device').objectStore('device').get('device'));
}

// Writes `device` unless another tab got there first (`expected` no longer matches what is stored):
// resolves with what is stored now.
async function putDevice(device, expected) {
  const db = await openLog();
  return new Promise((resolve, reject) => {
    const tx = db.transaction('device', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('device');
    let stored;
    store.get('device').onsuccess = (event) => {
      stored = event.target.result;
      if (stored?.kid === expected?.kid && Boolean(stored?.privateJwk) === Boolean(expected?.privateJwk)) {
        store.put(device);
        stored = device;
      }
    };
    tx.oncomplete = () => resolve(stored);
    tx.onerror = () => reject(new FepError('unavailable', `IndexedDB: ${tx.error?.message}`));
  });
}

/**
 * This device's key {privateKey, publicJwk, kid, head}: created on first use; a key stored as a private
 * JWK by an earlier version is imported as a non-extractable CryptoKey and the JWK deleted, keeping its
 * kid and its chain.
 */
export async function deviceKey() {
  let device = await readDevice();
  if (device?.privateKey && !device.privateJwk) return device;
  let next;
  if (device?.privateJwk) {
    const { d: _private, ...publicJwk } = JSON.parse(device.privateJwk);
    const privateKey = await crypto.subtle.importKey('jwk', JSON.parse(device.privateJwk), ED25519, false, ['sign']);
    next = { id: 'device', privateKey, publicJwk, kid: device.kid, head: device.head };
  } else {
    const pair = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
    const { kty, crv, x } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const publicJwk = { kty, crv, x };
    next = {
      id: 'device',
      privateKey: pair.privateKey,
      publicJwk,
      kid: await jwkThumbprint(publicJwk),
      head: { seq: 0, hash: '' },
    };
  }
  device = await putDevice(next, device);
  return device.privateJwk ? deviceKey() : device;
}

// One save at a time in this page; another tab's save shows as a moved head and is retried.
let saving = Promise.resolve();

/**
 * Signs `record` for `student` as this device's next record and stores it durably.
 * Resolves with the stored entry once the transaction is complete; rejects (bad_record, unavailable...)
 * with nothing stored.
 */
export function saveContact(core, { record, student }) {
  const result = saving.then(() => saveNext(core, record, student));
  saving = result.catch(() => {});
  return result;
}

async function saveNext(core, record, student) {
  for (;;) {
    const device = await deviceKey();
    const signed = await core.signContactWith({ ...device, record, student, after: device.head });
    const entry = await storeAfter(
      device.head,
      {
        idem: signed.idem,
        seq: signed.seq,
        dev: signed.dev,
        student,
        record,
        compact: signed.compact,
        status: 'pending',
        savedAt: Date.now(),
      },
      signed.hash,
    );
    if (entry) return entry;
  }
}

// Stores `entry` and moves the head past it, in one transaction, if the head is still `head`; resolves
// with the entry, or with null when another tab moved the head meanwhile (nothing is written then).
async function storeAfter(head, entry, hash) {
  const db = await openLog();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['device', 'outbox'], 'readwrite', { durability: 'strict' });
    const devices = tx.objectStore('device');
    let stored = null;
    devices.get('device').onsuccess = (event) => {
      const device = event.target.result;
      if (device?.head.seq !== head.seq || device.head.hash !== head.hash) return;
      tx.objectStore('outbox').add(entry);
      devices.put({ ...device, head: { seq: entry.seq, hash } });
      stored = entry;
    };
    tx.oncomplete = () => resolve(stored);
    tx.onabort = () => reject(new FepError('unavailable', `not saved: ${tx.error?.message ?? 'aborted'}`));
  });
}

/**
 * A new key for this device, replacing `revokedKid` (a key the school signed out: it can neither sign
 * in nor send again). Records of the old key not yet sent stay on the device, marked `unsent`, never
 * re-signed: the school revoked the key that wrote them. Resolves with the device's key now (another
 * tab may have replaced it first).
 */
export async function replaceDeviceKey(revokedKid) {
  const pair = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
  const { kty, crv, x } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = { kty, crv, x };
  const next = {
    id: 'device',
    privateKey: pair.privateKey,
    publicJwk,
    kid: await jwkThumbprint(publicJwk),
    head: { seq: 0, hash: '' },
  };
  const db = await openLog();
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['device', 'outbox'], 'readwrite', { durability: 'strict' });
    tx.objectStore('device').get('device').onsuccess = (event) => {
      if (event.target.result?.kid !== revokedKid) return;
      tx.objectStore('device').put(next);
      const outbox = tx.objectStore('outbox');
      outbox.getAll().onsuccess = ({ target }) => {
        for (const entry of target.result) {
          if (entry.dev === revokedKid && entry.status === 'pending') outbox.put({ ...entry, status: 'unsent' });
        }
      };
    };
    tx.oncomplete = resolve;
    tx.onabort = () => reject(new FepError('unavailable', `IndexedDB: ${tx.error?.message ?? 'aborted'}`));
  });
  return deviceKey();
}

/**
 * Every record this device has written, each key's in chain order, with its status (pending, synced,
 * rejected, or unsent: written with a key the school signed out).
 */
export async function contactEntries() {
  const db = await openLog();
  return request(db.transaction('outbox').objectStore('outbox').index('chain').getAll());
}

/** This device's public key (a JWK), or undefined before its first record. */
export async function devicePublicKey() {
  return publicHalf(await readDevice());
}

function publicHalf(device) {
  if (!device) return undefined;
  if (device.publicJwk) return device.publicJwk;
  const { d: _private, ...publicJwk } = JSON.parse(device.privateJwk); // not yet migrated
  return publicJwk;
}

/**
 * Sends pending records (oldest first, at most 100) and records each acknowledgement. `send` is the
 * endpoint's URL, or a function posting the batch (an object) and resolving with the Response (the
 * hub's client, which signs each request). Resolves with {sent, remaining}; rejects with
 * FepError('unavailable') when the endpoint cannot be reached or answers with an error, so the caller
 * retries later.
 */
export async function syncOutbox(send) {
  const [device, entries] = await Promise.all([readDevice(), contactEntries()]);
  // The current key's records only: a batch is one device's chain.
  const waiting = entries.filter((e) => e.status === 'pending' && e.dev === device?.kid);
  const pending = waiting.slice(0, MAX_BATCH);
  if (!device || pending.length === 0) return { sent: 0, remaining: 0, accepted: 0 };
  const publicJwk = publicHalf(device);
  const batch = { device: publicJwk, records: pending.map((e) => e.compact) };
  let response;
  try {
    response =
      typeof send === 'function'
        ? await send(batch)
        : await fetch(send, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(batch),
          });
  } catch (error) {
    throw new FepError('unavailable', `sync: ${error.message}`);
  }
  if (!response.ok) throw new FepError('unavailable', `sync: HTTP ${response.status}`);
  const { results = [] } = await response.json();
  const db = await openLog();
  await new Promise((resolve, reject) => {
    const tx = db.transaction('outbox', 'readwrite');
    const outbox = tx.objectStore('outbox');
    for (const { idem, status, code } of results) {
      const entry = pending.find((e) => e.idem === idem);
      if (!entry) continue;
      if (status === 'accepted' || status === 'duplicate') outbox.put({ ...entry, status: 'synced' });
      else if (status === 'rejected') outbox.put({ ...entry, status: 'rejected', code });
    }
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  return {
    sent: pending.length,
    remaining: waiting.length - results.length,
    accepted: results.filter((r) => r.status === 'accepted').length,
  };
}

/** Retries syncOutbox with exponential backoff (2 s doubling to 5 min, with jitter) until nothing is pending. */
export function keepSyncing(send, { onResult } = {}) {
  let delay = 2000;
  let timer;
  const attempt = async () => {
    clearTimeout(timer);
    try {
      const result = await syncOutbox(send);
      onResult?.(result);
      delay = 2000;
      if (result.remaining > 0) timer = setTimeout(attempt, 0);
    } catch {
      timer = setTimeout(attempt, delay + (Math.random() * delay) / 2);
      delay = Math.min(delay * 2, 300000);
    }
  };
  addEventListener('online', attempt);
  attempt();
  return () => {
    clearTimeout(timer);
    removeEventListener('online', attempt);
  };
}
