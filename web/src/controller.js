// The widget's I/O, apart from rendering: fetching the bundle and its keys, verifying them in the core
// with the device's rollback state, the offline copy, the teacher's roster, this device's contact log
// and its sync. It writes one state object on the element and asks it to update; it never touches the DOM.
import { FepError, loadCore } from './core.js';
import { contactEntries, keepSyncing, saveContact } from './outbox.js';
import { openStore } from './store.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function fetchText(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new FepError('unavailable', `${url}: ${error.message}`);
  }
  if (!response.ok) throw new FepError('unavailable', `${url}: HTTP ${response.status}`);
  return (await response.text()).trim();
}

// An attribute holding inline JSON, or the URL of a JSON document.
const jsonOrUrl = (value) => (value.trim().startsWith('{') ? value : fetchText(value));

export class PortalController {
  #host;
  #token = 0;
  #stopSync = null;
  #core = null;

  constructor(host) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected() {
    this.#stopSync?.();
    this.#stopSync = null;
  }

  /** Loads and verifies the host's bundle; a newer call supersedes one still running. */
  async load() {
    const host = this.#host;
    if (host.bundle == null && !host.src) return;
    const token = ++this.#token;
    host.patch({ phase: 'loading', result: null, error: null });
    try {
      const result = await this.#open();
      if (token !== this.#token) return;
      host.patch({ phase: 'verified', result, local: await this.#localEntries() });
      this.startSync();
    } catch (error) {
      if (token !== this.#token) return;
      if (!(error instanceof FepError)) console.warn('family-portal:', error);
      host.patch({ phase: 'error', error: error instanceof FepError ? error.code : 'malformed' });
    }
  }

  // Fetches, verifies (with the device's seen state) and remembers the bundle; offline, verifies the
  // last bundle this source gave, as of when it was verified.
  async #open() {
    const host = this.#host;
    // The bundle and keys download while the WebAssembly core compiles, not after it.
    let arrived = false;
    const fetched = this.#inputs().finally(() => {
      arrived = true;
    });
    fetched.catch(() => {}); // judged below, once the store says whether an offline copy exists
    const [core, store] = await Promise.all([loadCore(), openStore()]);
    this.#core = core;
    // Still downloading: let the engine compile and optimise the core on a synthetic year meanwhile.
    if (!arrived) core.warmUp();
    const source = host.src ?? `inline:${location.pathname}`;
    const saved = await store.source(source);
    let inputs;
    let offline = false;
    try {
      inputs = await fetched;
    } catch (error) {
      if (!(error instanceof FepError) || error.code !== 'unavailable' || !saved) throw error;
      inputs = saved.inputs;
      offline = true;
    }
    const verifiedAt = offline ? saved.verifiedAt : nowSeconds();
    const opened = core.openBundle({
      ...inputs,
      seen: await store.allSeen(),
      now: verifiedAt,
      today: host.today ?? '',
      lastViewed: saved?.lastViewed ?? 0,
    });
    // A page for one student shows only that student's record, however it was signed.
    if (host.student && opened.sub !== host.student) {
      throw new FepError('bad_claims', `the record is for ${opened.sub}, not ${host.student}`);
    }
    await store.save(opened.seen, { src: source, inputs, verifiedAt, lastViewed: nowSeconds() });
    // A teacher's roster (verified with the same keys and the same rollback state) lists the students
    // the teacher may log for.
    let roster = null;
    if (host.roster && !offline) {
      const rosterOpened = core.openRoster({ ...inputs, bundle: await fetchText(host.roster), seen: opened.seen });
      await store.save(rosterOpened.seen);
      roster = rosterOpened.roster;
    }
    return { view: opened.view, offline, sub: opened.sub, roster, vocabulary: core.contactVocabulary() };
  }

  async #inputs() {
    const host = this.#host;
    const bundle = host.bundle ?? fetchText(host.src);
    if (host.keyset) {
      const [text, roots, keyset, revocations] = await Promise.all([
        bundle,
        jsonOrUrl(host.roots ?? ''),
        fetchText(host.keyset),
        host.revocations ? fetchText(host.revocations) : '',
      ]);
      return { bundle: text, roots, keyset, revocations };
    }
    if (host.revocations) throw new FepError('unknown_key', 'a revocation list needs roots and a key set');
    if (!host.keys) throw new FepError('unknown_key', 'no keys attribute');
    const [text, keys] = await Promise.all([bundle, jsonOrUrl(host.keys)]);
    return { bundle: text, keys };
  }

  // Every record this device has written (all students); none where IndexedDB is unavailable.
  async #localEntries() {
    try {
      return await contactEntries();
    } catch {
      return [];
    }
  }

  /** Signs and stores a contact record; resolves once it is durably saved. */
  async save(record, student) {
    await saveContact(this.#core, { record, student });
    this.#host.patch({ local: await this.#localEntries() });
    this.startSync();
  }

  /** Sends this device's pending records to the `sync` endpoint, retrying with backoff. */
  startSync() {
    this.#stopSync?.();
    this.#stopSync = null;
    const url = this.#host.sync;
    if (!url || this.#host.state.phase !== 'verified') return;
    this.#stopSync = keepSyncing(url, {
      onResult: async ({ sent }) => {
        if (sent) this.#host.patch({ local: await this.#localEntries() });
      },
    });
  }
}
