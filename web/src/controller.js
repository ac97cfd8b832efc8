// The widget's I/O, apart from rendering: fetching the bundle and its keys (from static files, or from
// the school's hub after signing in), verifying them in the core with the device's rollback state, the
// offline copy, the teacher's roster, this device's contact log and its sync. It writes one state object
// on the element and asks it to update; it never touches the DOM.
import { FepError, loadCore, loadStaffCore } from './core.js';
import { HubClient } from './hub-client.js';
import { contactEntries, deviceKey, keepSyncing, replaceDeviceKey, saveContact } from './outbox.js';
import { parseRecordFile } from './record-file.js';
import { openStore } from './store.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
// The steps of a load, as User Timing marks: `npm run bench:phone -- --trace` lists them, and a school's
// own measurement of real phones can read them.
const mark = (step) => performance.mark(`fep:${step}`);
// Refusals that mean "sign this device in", not "this record is bad".
const SIGN_IN_CODES = new Set(['not_enrolled', 'device_revoked']);
// What the enrolment screen can say about a failed sign-in; anything else is `unavailable`.
const ENROL_CODES = new Set(['invalid_code', 'too_many_attempts', 'device_revoked', 'roots_unavailable']);

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

const nextTask = () => new Promise((resolve) => setTimeout(resolve));

// While `waiting` (the record, or a sign-in that brings it) is on its way, the engine compiles and
// optimises the core on a synthetic year: as soon as the core is ready, unless the record came first.
// A task later, so that a record merely a few callbacks from done is not held up by it (at 4x CPU
// the warm-up is 80-100 ms).
function warmUpWhileWaiting(waiting) {
  let answered = false;
  const settle = () => (answered = true);
  waiting.then(settle, settle);
  loadCore().then(
    async (core) => {
      await nextTask();
      if (answered || core.isWarm) return;
      mark('warm-up');
      core.warmUp();
      mark('warmed-up');
    },
    () => {},
  );
}

// An attribute holding inline JSON, or the URL of a JSON document.
const jsonOrUrl = (value) => (value.trim().startsWith('{') ? value : fetchText(value));

export class PortalController {
  #host;
  #token = 0;
  #stopSync = null;
  #core = null;
  #hub = null; // HubClient once the device's key is known, in hub mode
  #trust = null; // the keys (or roots, key set, revocations) the shown record verified with
  #shareable = null; // the record on screen as signed, with its key set: what a record file carries
  #enrolled = null; // the hub's answer to an enrolment from the sign-in form, for the load that follows

  constructor(host) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected() {
    this.#stopSync?.();
    this.#stopSync = null;
  }

  /**
   * Loads and verifies the record to show; a newer call supersedes one still running. `quiet` keeps
   * the record on screen while a newer version is fetched (after the hub accepted a contact record).
   */
  async load({ quiet = false } = {}) {
    const host = this.#host;
    if (!host.hub && host.bundle == null && !host.src) return;
    const token = ++this.#token;
    if (!quiet) host.patch({ phase: 'loading', result: null, error: null, chosen: host.state.chosen });
    const load = { done: false }; // set once this load has an outcome: an early copy may no longer show
    try {
      // On a return visit the record this device last verified shows at once, marked as such, while
      // the current one downloads and verifies (alongside: the downloads start at once either way).
      const early = quiet ? null : this.#showSaved(token, load);
      const shown = host.hub ? await this.#fromHub() : { result: await this.#open(this.#staticSource()) };
      load.done = true;
      await early;
      if (token !== this.#token) return;
      host.patch({ phase: 'verified', ...shown, local: await this.#localEntries() });
      this.startSync();
    } catch (error) {
      load.done = true;
      if (token !== this.#token) return;
      if (error instanceof FepError && (SIGN_IN_CODES.has(error.code) || ENROL_CODES.has(error.code))) {
        host.patch({ phase: 'enrol', enrol: { busy: false, status: error.code === 'not_enrolled' ? '' : error.code } });
        return;
      }
      if (quiet) return; // the verified record stays; the next sync or visit tries again
      if (!(error instanceof FepError)) console.warn('family-portal:', error);
      host.patch({ phase: 'error', error: error instanceof FepError ? error.code : 'malformed' });
    }
  }

  // The last verified copy of what this page shows (the hub's chosen student, or the static source),
  // verified again as of when it was first verified; nothing when there is none or it no longer opens.
  async #showSaved(token, load) {
    const host = this.#host;
    try {
      // The copy is read before this visit's own download can save one (the core meanwhile loads):
      // a first visit has none, and must not verify its new record a second time.
      const loadingCore = loadCore();
      loadingCore.catch(() => {});
      const store = await openStore();
      let source = host.src ?? `inline:${location.pathname}`;
      let shown = {};
      let student = host.student;
      if (host.hub) {
        const session = await store.source(`session ${this.#hubOrigin}`);
        if (!session) return;
        const { account } = session;
        const chosen = this.#chosen(account.students, session);
        if (!chosen) return;
        source = `${this.#hubOrigin} ${chosen}`;
        shown = { account, students: account.students, chosen };
        student = chosen;
      }
      const saved = await store.source(source);
      if (!saved || token !== this.#token || load.done) return;
      const core = await loadingCore;
      if (load.done) return;
      const opened = await this.#verify(core, store, saved.inputs, saved.verifiedAt, saved.lastViewed);
      mark('saved-copy-verified');
      // Too late: the current record is already verified (or refused); never show an older one over it.
      if ((student && opened.sub !== student) || token !== this.#token || load.done) return;
      this.#core = core;
      const result = { view: opened.view, offline: false, checking: true, sub: opened.sub, roster: null };
      // "saved", not "verified": the page's state says the current record is still being checked.
      host.patch({ phase: 'saved', ...shown, result: { ...result, vocabulary: core.contactVocabulary() } });
    } catch {
      // No early copy: the normal load shows the record.
    }
  }

  // Verifies `inputs` with the device's rollback state, as of `at` (now, or when a saved copy was verified).
  async #verify(core, store, inputs, at, lastViewed = 0) {
    return core.openBundle({
      ...inputs,
      seen: await store.allSeen(),
      now: at,
      today: this.#host.today ?? '',
      lastViewed,
    });
  }

  // The student a hub page shows: the page's, the one just chosen, or the one shown last time, if the
  // account has that student.
  #chosen(students, session) {
    const host = this.#host;
    return [host.student, host.state.chosen, session?.chosen].find((id) => students.some((s) => s.id === id));
  }

  get #hubOrigin() {
    return new URL(this.#host.hub, location.href).origin;
  }

  #staticSource() {
    const host = this.#host;
    return {
      source: host.src ?? `inline:${location.pathname}`,
      fetchInputs: () => this.#inputs(),
      fetchRoster: host.roster ? () => fetchText(host.roster) : null,
      student: host.student,
    };
  }

  // Signed in to the hub: the account (saved for offline visits), the student chosen among its
  // students, and that student's verified record. Nothing here waits for the core to download: the
  // sign-in, the key set and the bundle travel while it does, and only verification needs it.
  async #fromHub() {
    const host = this.#host;
    const opening = openStore(); // a first visit creates the database: slow, so it runs alongside
    this.#hub ??= new HubClient(host.hub, await deviceKey());
    mark('device-key');
    let hub = this.#hub;
    const signingIn = this.#signIn(hub);
    signingIn.catch(() => {}); // judged below, once the store says whether an offline copy exists
    const trust = this.#hubTrust(hub, opening);
    trust.catch(() => {}); // judged with the bundle, below
    const store = await opening;
    const sessionKey = `session ${hub.origin}`;
    const saved = await store.source(sessionKey);
    // A first visit has no saved copy to verify meanwhile (verifying one warms the engine up).
    if (!saved) warmUpWhileWaiting(signingIn);
    // A return visit asks for the student shown last time alongside /api/me, not after it.
    const guess = saved && this.#chosen(saved.account.students, saved);
    let early = guess ? { id: guess, bundle: hub.bundle(guess) } : null;
    early?.bundle.catch(() => {});
    let account;
    let first = null; // the bundle the hub sent with an enrolment
    try {
      ({ account, first } = await signingIn);
      mark('signed-in');
      if (this.#hub !== hub) {
        // Signed in with a new key (the old one was signed out): what the old key asked for is refused.
        hub = this.#hub;
        early = null;
      }
    } catch (error) {
      if (error.code !== 'unavailable' || !saved) throw error;
      account = saved.account; // offline: the account as it was, and each student's last verified record
    }
    const { students } = account;
    if (!students.length) throw new FepError('no_students', `${account.account} has no students`);
    const chosen = this.#chosen(students, saved) ?? students[0].id;
    let fetched = null; // this visit's inputs, once downloaded (offline, the record is not shared)
    // Remembered for offline visits, alongside the download rather than before it.
    const remembered = store.save({}, { src: sessionKey, account, chosen });
    const result = await this.#open({
      source: `${hub.origin} ${chosen}`,
      fetchInputs: async () => {
        const bundle =
          early?.id === chosen ? early.bundle : first?.student === chosen ? first.compact : hub.bundle(chosen);
        const [text, published] = await Promise.all([bundle, trust]);
        fetched = { bundle: text, keyset: published.keyset, revocations: published.revocations };
        return { bundle: text, ...published };
      },
      fetchRoster: account.role === 'family' ? null : () => hub.roster(),
      student: chosen,
    });
    await remembered;
    this.#shareable = result.offline ? null : fetched;
    return { result, account, students, chosen };
  }

  // {account, first}: the account this device is signed in to, and the bundle the hub sent with an
  // enrolment (null otherwise). A visit by an invite link signs in with its code at once (the hub
  // answers with the account and the first student's bundle), rather than being refused by /api/me
  // first; a device already signed in is told so, and asks /api/me.
  async #signIn(hub) {
    const invite = this.#host.takeInvite();
    let answer = this.#enrolled;
    this.#enrolled = null;
    // The round trip is the time to prepare what showing the record needs.
    const onSent = () => {
      mark('sign-in-sent');
      this.#host.prepareToShow();
      mark('prepared');
    };
    if (!answer && invite) {
      // The code stays in the form, unspent, when the page's pinned roots cannot be read.
      if (!(await this.#pinnedRootsLoad())) throw new FepError('roots_unavailable', 'the pinned roots did not load');
      try {
        answer = await this.#enrollWith(invite, onSent);
      } catch (error) {
        if (error.code !== 'already_enrolled') throw error;
      }
    }
    if (!answer) return { account: await hub.me(onSent), first: null };
    const { bundle: first = null, ...account } = answer;
    return { account, first };
  }

  // The hub's key set and revocation list, under roots the page pins (`roots`) or, without one, the
  // roots this device first saw from this hub: a hub that later names other roots is not believed.
  // `store` may still be opening: the download starts at once.
  async #hubTrust(hub, opening) {
    const host = this.#host;
    const [published, store] = await Promise.all([hub.published(), opening]);
    let roots = host.roots ? await jsonOrUrl(host.roots) : null;
    if (!roots) {
      const pinKey = `roots ${hub.origin}`;
      const pinned = await store.source(pinKey);
      roots = pinned?.roots ?? published.roots;
      if (!pinned) await store.save({}, { src: pinKey, roots });
    }
    return { roots, keyset: published.keyset, revocations: published.revocations };
  }

  // Enrols with `code`. A device the school signed out (device_revoked: its key can never sign in
  // again) makes a new key and enrols that, once: the new code is the school's word that this phone may.
  async #enrollWith(code, onSent) {
    try {
      return await this.#hub.enroll(code, this.#host.student, onSent);
    } catch (error) {
      if (!(error instanceof FepError && error.code === 'device_revoked')) throw error;
      const revoked = await deviceKey();
      this.#hub = new HubClient(this.#host.hub, await replaceDeviceKey(revoked.kid));
      return this.#hub.enroll(code, this.#host.student, onSent);
    }
  }

  // Whether the district's roots the page pins (roots="…") load and read as JSON. Checked before a code
  // is spent: a device that cannot check its school's records would burn its code and be stuck.
  async #pinnedRootsLoad() {
    const { roots } = this.#host;
    if (!roots) return true;
    try {
      JSON.parse(await jsonOrUrl(roots));
      return true;
    } catch {
      return false;
    }
  }

  /** Signs this device in with an invite code, then shows the account's first student. */
  async enrol(code) {
    const host = this.#host;
    host.patch({ enrol: { busy: true, status: 'working' } });
    if (!(await this.#pinnedRootsLoad())) {
      host.patch({ enrol: { busy: false, status: 'roots_unavailable' } });
      return false;
    }
    try {
      this.#hub ??= new HubClient(host.hub, await deviceKey());
      this.#enrolled = await this.#enrollWith(code);
    } catch (error) {
      const known = error instanceof FepError && ENROL_CODES.has(error.code);
      if (!(error instanceof FepError && error.code === 'already_enrolled')) {
        host.patch({ enrol: { busy: false, status: known ? error.code : 'unavailable' } });
        return false;
      }
    }
    await this.load();
    return true;
  }

  /**
   * The staff dashboard: the hub computes the figures of exactly the students this account may see (in
   * `scope`: "section:ID" or "school:ID", or all) and signs them; the core verifies that one signature
   * (and its rollback stream) before anything is shown. `quiet`: refresh what is on screen (after a
   * contact was logged) without the loading state.
   */
  async dashboard({ quiet = false } = {}) {
    const host = this.#host;
    if (!this.#hub) return;
    if (!quiet) host.patch({ dashboard: { phase: 'loading' } });
    try {
      const [core, store] = await Promise.all([loadStaffCore(), openStore()]);
      const [compact, trust] = await Promise.all([
        this.#hub.dashboard(host.scope ?? ''),
        this.#hubTrust(this.#hub, store),
      ]);
      const opened = core.openDashboard({ bundle: compact, ...trust, seen: await store.allSeen(), now: nowSeconds() });
      await store.save(opened.seen);
      const { figures, asOf, scope } = opened.dashboard;
      host.patch({ dashboard: { phase: 'ready', figures, asOf, scope } });
    } catch (error) {
      if (!(error instanceof FepError)) console.warn('family-portal:', error);
      host.patch({ dashboard: { phase: 'error', error: error instanceof FepError ? error.code : 'malformed' } });
    }
  }

  // After a contact is accepted the hub signs the dashboard again in the background: ask a few times,
  // without a loading state, until it has (its asOf moves).
  async #dashboardAfterChange() {
    const before = this.#host.state.dashboard.asOf;
    for (const wait of [500, 1500, 4000]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      await this.dashboard({ quiet: true });
      if (this.#host.state.dashboard?.asOf !== before) return;
    }
  }

  /**
   * The chosen student's records from other districts that the hub holds (docs/transfers.md), each
   * verified here against the hub's trust directory under the directory key the page pins
   * (`directory-key`); nothing without one. A record that does not verify is listed apart, never shown
   * as verified.
   */
  async history() {
    const host = this.#host;
    const student = host.state.chosen;
    if (!this.#hub || !host.directoryKey || !student) return;
    host.patch({ history: { student, items: null } });
    const source = `history ${this.#hubOrigin} ${student}`;
    try {
      const [core, store, directoryKeys] = await Promise.all([loadCore(), openStore(), jsonOrUrl(host.directoryKey)]);
      let answer;
      let verifiedAt = nowSeconds();
      let offline = false;
      try {
        answer = await this.#hub
          .request('GET', `/api/transfers?student=${encodeURIComponent(student)}`)
          .then((response) => response.json());
      } catch (error) {
        // Offline: the history this device verified last, verified again as of then (never trusted as stored).
        const saved = await store.source(source);
        if (error.code !== 'unavailable' || !saved) throw error;
        ({ answer, verifiedAt } = saved);
        offline = true;
      }
      let seen = await store.allSeen(); // the directory, like a key set, never goes back to an older one
      const items = answer.items.map((item) => {
        try {
          const opened = core.firstNeeds({
            bundle: item.bundle,
            keyset: item.keyset,
            revocations: item.revocations,
            directory: answer.directory,
            directoryKeys,
            seen,
            now: verifiedAt,
            today: host.today ?? '',
          });
          seen = opened.seen;
          return { card: opened.card, receivedAt: item.receivedAt };
        } catch (error) {
          return { refused: error instanceof FepError ? error.code : 'malformed', iss: item.iss };
        }
      });
      await store.save(seen, offline ? undefined : { src: source, answer, verifiedAt });
      if (host.state.chosen === student) host.patch({ history: { student, items } });
    } catch {
      // No history to show (none fetched, none kept): the tab stays away; the record itself is unaffected.
      if (host.state.chosen === student) host.patch({ history: { student, items: [] } });
    }
  }

  /** Whether the record on screen can be saved as a record file (verified from the hub this visit). */
  get canShare() {
    return this.#shareable !== null;
  }

  /**
   * The record file a family gives a new school (docs/transfers.md): the record on screen exactly as
   * its district signed it, with the district's key set and revocation list. Whoever reads the file
   * trusts nothing in it: the new school's hub and devices verify it against their trust directory.
   */
  recordFile() {
    if (!this.#shareable) return null;
    return JSON.stringify({ format: 'fep-record-file', version: 1, items: [this.#shareable] });
  }

  /** Hands a record file over to the hub for the student on screen (POST /api/transfers). */
  async handOver(text) {
    const host = this.#host;
    host.patch({ share: { busy: true, status: '' } });
    try {
      const response = await this.#hub.request('POST', '/api/transfers', {
        body: { student: host.state.chosen, items: parseRecordFile(text) },
      });
      const { received, refused } = await response.json();
      if (refused.length) throw new FepError(refused[0].code, refused[0].message);
      // The history is fetched and verified again: the new record shows under "Earlier schools", unless
      // it names another child, which waits for the school's confirmation.
      const held = received.some((r) => r.held);
      host.patch({ share: { busy: false, status: held ? 'held' : 'received' }, history: null });
    } catch (error) {
      host.patch({
        share: { busy: false, status: 'refused', code: error instanceof FepError ? error.code : 'malformed' },
      });
    }
  }

  /** Shows another of the account's students. */
  choose(student) {
    this.#host.patch({ chosen: student }); // the tab the reader is on stays: the other child's same page
    return this.load();
  }

  // Fetches, verifies (with the device's seen state) and remembers the bundle; offline, verifies the
  // last bundle this source gave, as of when it was verified.
  async #open({ source, fetchInputs, fetchRoster, student }) {
    // The bundle and keys download while the WebAssembly core compiles, not after it.
    const fetched = fetchInputs();
    fetched.catch(() => {}); // judged below, once the store says whether an offline copy exists
    warmUpWhileWaiting(fetched);
    const [core, store] = await Promise.all([loadCore(), openStore()]);
    this.#core = core;
    const saved = await store.source(source);
    let inputs;
    let offline = false;
    try {
      inputs = await fetched;
      mark('downloaded');
    } catch (error) {
      if (!(error instanceof FepError) || error.code !== 'unavailable' || !saved) throw error;
      inputs = saved.inputs;
      offline = true;
    }
    const verifiedAt = offline ? saved.verifiedAt : nowSeconds();
    const opened = await this.#verify(core, store, inputs, verifiedAt, saved?.lastViewed);
    mark('verified');
    // A page for one student shows only that student's record, however it was signed.
    if (student && opened.sub !== student) {
      throw new FepError('bad_claims', `the record is for ${opened.sub}, not ${student}`);
    }
    await store.save(opened.seen, { src: source, inputs, verifiedAt, lastViewed: nowSeconds() });
    mark('stored');
    this.#trust = { ...inputs, bundle: undefined }; // what an archive of this record verifies with
    // A teacher's roster (verified with the same keys and the same rollback state) lists the students
    // the teacher may log for.
    let roster = null;
    if (fetchRoster && !offline) {
      const staffCore = await loadStaffCore();
      const rosterOpened = staffCore.openRoster({ ...inputs, bundle: await fetchRoster(), seen: opened.seen });
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

  /**
   * The contact records of one part of the shown student's archive (hub pages only), fetched and
   * verified like the record itself, and checked against the record's line for it (`line`: an entry of
   * view.engagement.archive), so a part can be neither swapped for another nor cut short.
   */
  async openArchive(student, line) {
    const compact = await this.#hub.archive(student, line.part);
    const store = await openStore();
    const opened = this.#core.openArchive({
      ...this.#trust,
      bundle: compact,
      seen: await store.allSeen(),
      now: nowSeconds(),
    });
    const { archive } = opened;
    if (opened.sub !== student || archive.part !== line.part || archive.timeline.length !== line.records) {
      throw new FepError('bad_claims', `archive part ${archive.part} of ${opened.sub} is not the one the record lists`);
    }
    await store.save(opened.seen);
    return archive.timeline;
  }

  /** Signs and stores a contact record; resolves with its outbox entry once it is durably saved. */
  async save(record, student) {
    const entry = await saveContact(this.#core, { record, student });
    this.#host.patch({ local: await this.#localEntries() });
    this.startSync();
    return entry;
  }

  /**
   * Sends this device's pending records to the hub (signed requests) or to the `sync` endpoint,
   * retrying with backoff. Once the hub accepts one, the record is fetched again: the accepted
   * record comes back in the school's signed history, with its author as the school recorded it.
   */
  startSync() {
    this.#stopSync?.();
    this.#stopSync = null;
    const host = this.#host;
    if (host.state.phase !== 'verified') return;
    const hub = host.hub ? this.#hub : null;
    const send = hub ? (batch) => hub.postContacts(batch) : host.sync;
    if (!send) return;
    this.#stopSync = keepSyncing(send, {
      onResult: async ({ sent, accepted }) => {
        if (sent) host.patch({ local: await this.#localEntries() });
        if (hub && accepted) this.load({ quiet: true });
        if (hub && accepted && host.state.dashboard?.phase === 'ready') this.#dashboardAfterChange();
      },
    });
  }
}
