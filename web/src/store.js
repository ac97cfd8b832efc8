// What the widget keeps on the device, in IndexedDB:
//   seen:    per stream ("<iss> <sub>", "roster <iss> <sub>", "keyset <iss>", "revocations <iss>"), the
//            highest seq accepted and its signature: the core's Seen value, one entry per record;
//   sources: per bundle source, the last verified bundle with the keys that verified it and when the
//            family last looked (offline reading and "new since you last looked").
// Where IndexedDB is unavailable (some private modes) it keeps the same data in memory.
const DB_NAME = 'fep-family-portal';
const DB_VERSION = 1;

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

class IndexedDbStore {
  #db;
  constructor(db) {
    this.#db = db;
  }

  async allSeen() {
    const entries = await request(this.#db.transaction('seen').objectStore('seen').getAll());
    return Object.fromEntries(entries.map(({ id, seq, signature }) => [id, { seq, signature }]));
  }

  source(src) {
    return request(this.#db.transaction('sources').objectStore('sources').get(src));
  }

  /** Saves the seen state (the core's, whole) and the source in one transaction, durably. */
  save(seen, source) {
    return new Promise((resolve, reject) => {
      const tx = this.#db.transaction(['seen', 'sources'], 'readwrite', { durability: 'strict' });
      for (const [id, { seq, signature }] of Object.entries(seen)) tx.objectStore('seen').put({ id, seq, signature });
      if (source) tx.objectStore('sources').put(source);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
}

class MemoryStore {
  #seen = new Map();
  #sources = new Map();
  async allSeen() {
    return Object.fromEntries([...this.#seen].map(([id, { seq, signature }]) => [id, { seq, signature }]));
  }
  async source(src) {
    return this.#sources.get(src);
  }
  async save(seen, source) {
    for (const [id, entry] of Object.entries(seen)) this.#seen.set(id, entry);
    if (source) this.#sources.set(source.src, source);
  }
}

let storePromise;

export function openStore() {
  storePromise ??= new Promise((resolve) => {
    let open;
    try {
      open = indexedDB.open(DB_NAME, DB_VERSION);
    } catch {
      resolve(new MemoryStore());
      return;
    }
    open.onupgradeneeded = () => {
      open.result.createObjectStore('seen', { keyPath: 'id' });
      open.result.createObjectStore('sources', { keyPath: 'src' });
    };
    open.onsuccess = () => resolve(new IndexedDbStore(open.result));
    open.onerror = () => resolve(new MemoryStore());
  });
  return storePromise;
}
