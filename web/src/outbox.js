// The contact log on the device (docs/contact-log.md). A record is signed and stored in one IndexedDB
// transaction together with the device's new chain head, so a reload or crash mid-write leaves either
// both or neither: never a gap, never a fork. Only when that transaction completes is the record
// "saved". Unsent records wait in the outbox until the school's endpoint acknowledges them by idem.
import { FepError } from './core.js';

const DB_NAME = 'fep-contact-log';
const DB_VERSION = 1;
const MAX_BATCH = 100;

let dbPromise;
function openLog() {
  dbPromise ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('device', { keyPath: 'id' });
      open.result.createObjectStore('outbox', { keyPath: 'idem' }).createIndex('seq', 'seq', { unique: true });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new FepError('unavailable', `IndexedDB: ${open.error?.message}`));
  });
  return dbPromise;
}

/**
 * Signs `record` for `student` as this device's next record and stores it durably.
 * Resolves with the stored entry once the transaction is complete; rejects (bad_record, unavailable...)
 * with nothing stored.
 */
export async function saveContact(core, { record, student }) {
  const db = await openLog();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['device', 'outbox'], 'readwrite', { durability: 'strict' });
    let entry;
    let failure;
    const devices = tx.objectStore('device');
    const current = devices.get('device');
    current.onsuccess = () => {
      let device = current.result;
      if (!device) {
        const key = core.newDeviceKey(); // libsodium, from the platform's random source
        device = { id: 'device', privateJwk: key.privateJwk, kid: key.kid, head: { seq: 0, hash: '' } };
      }
      try {
        const signed = core.signContact({ privateJwk: device.privateJwk, record, student, after: device.head });
        const { seq, idem, dev } = signed;
        entry = { idem, seq, dev, student, record, compact: signed.compact, status: 'pending', savedAt: Date.now() };
        tx.objectStore('outbox').add(entry);
        devices.put({ ...device, head: { seq, hash: signed.hash } });
      } catch (error) {
        failure = error;
        tx.abort();
      }
    };
    tx.oncomplete = () => resolve(entry);
    tx.onabort = () => reject(failure ?? new FepError('unavailable', `not saved: ${tx.error?.message ?? 'aborted'}`));
  });
}

/** Every record this device has written, in chain order, with its status (pending, synced, rejected). */
export async function contactEntries() {
  const db = await openLog();
  return new Promise((resolve, reject) => {
    const request = db.transaction('outbox').objectStore('outbox').index('seq').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** This device's public key (a JWK), or undefined before its first record. */
export async function devicePublicKey() {
  const self = await device();
  if (!self) return undefined;
  const { d: _private, ...publicJwk } = JSON.parse(self.privateJwk);
  return publicJwk;
}

async function device() {
  const db = await openLog();
  return new Promise((resolve, reject) => {
    const request = db.transaction('device').objectStore('device').get('device');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Sends pending records (oldest first, at most 100) to `url` and records each acknowledgement.
 * Resolves with {sent, remaining}; rejects with FepError('unavailable') when the endpoint cannot be
 * reached or answers with an error, so the caller retries later.
 */
export async function syncOutbox(url) {
  const [publicJwk, entries] = await Promise.all([devicePublicKey(), contactEntries()]);
  const pending = entries.filter((e) => e.status === 'pending').slice(0, MAX_BATCH);
  if (!publicJwk || pending.length === 0) return { sent: 0, remaining: 0 };
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ device: publicJwk, records: pending.map((e) => e.compact) }),
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
  return { sent: pending.length, remaining: entries.filter((e) => e.status === 'pending').length - results.length };
}

/** Retries syncOutbox with exponential backoff (2 s doubling to 5 min, with jitter) until nothing is pending. */
export function keepSyncing(url, { onResult } = {}) {
  let delay = 2000;
  let timer;
  const attempt = async () => {
    clearTimeout(timer);
    try {
      const result = await syncOutbox(url);
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
