// <family-portal>: verifies a district's signed bundle in the WebAssembly core and shows the student's
// record only once verified. The element renders one state object with Lit (text is always a text
// node, never HTML); PortalController does the I/O; views/ are pure templates of that state.
// Attributes: hub (the school's hub: sign-in, records and sync from it), or src, keys | roots + keyset
// [+ revocations], roster, sync (static files); student, lang, today, view. Property: bundle.
import { LitElement, html, nothing } from 'lit';
import { PortalController } from './controller.js';
import { emptyForm, formProblem, localRecordId, recordFromForm } from './contact-record.js';
import { download, tableCsv, toCsv, toJsonLines } from './export.js';
import { translator } from './catalogs.js';
import { LANGUAGES, readerLanguage, saveLanguage, savedLanguage } from './i18n.js';
import { namesInRecordFile, parseRecordFile, sameName } from './record-file.js';
import { portalStyles } from './styles.js';
import { enrolView, studentPicker } from './views/enrol.js';
import { guarded } from './views/shared.js';
import { summaryView } from './views/summary.js';

// The views past the first screen (views/tabs.js, a chunk of its own), loaded once per page when the
// first record is on screen or a tab asks for them: null until they arrive.
let tabViews = null;
let loadingTabViews = null;
function loadTabViews() {
  loadingTabViews ??= import('./views/tabs.js').then(
    (views) => (tabViews = views),
    (error) => {
      loadingTabViews = null; // offline before the page's worker kept them: a tab chosen later tries again
      throw error;
    },
  );
  return loadingTabViews;
}

// The views of each mode, in tab order. view="teacher" opens on the form for logging a contact.
const FAMILY_TABS = ['summary', 'attendance', 'grades', 'engagement', 'contact'];
const TEACHER_TABS = ['log', 'engagement', 'summary', 'attendance', 'grades'];
// Inputs whose change means another record, or the same record judged differently: one load each.
const LOAD_INPUTS = ['hub', 'src', 'keys', 'roots', 'keyset', 'revocations', 'student', 'today', 'roster', 'bundle'];

export class FamilyPortal extends LitElement {
  static properties = {
    hub: { reflect: true },
    src: { reflect: true },
    keys: { reflect: true },
    roots: { reflect: true },
    keyset: { reflect: true },
    revocations: { reflect: true },
    student: { reflect: true },
    today: { reflect: true },
    lang: { reflect: true },
    view: { reflect: true },
    sync: { reflect: true },
    roster: { reflect: true },
    scope: { reflect: true },
    /** The trust directory's pinned key (a JWKS, inline or its URL): shows records from other districts. */
    directoryKey: { attribute: 'directory-key', reflect: true },
    /** The compact JWS text, as an alternative to the `src` attribute. */
    bundle: { attribute: false },
    state: { attribute: false },
  };

  static styles = portalStyles();

  #controller = new PortalController(this);
  #tabViews = 'idle'; // idle | loading | loaded | failed: views/tabs.js as this element asked for it
  #announced = 'idle'; // the phase the state attribute last said

  constructor() {
    super();
    this.bundle = null;
    this.state = {
      phase: 'idle', // idle | loading | saved (the last verified copy, while checking) | enrol | verified | error
      error: null,
      result: null, // {view, offline, sub, roster} once verified
      account: null, // signed in to a hub: {account, name, role, students}
      students: [],
      chosen: null,
      enrol: { busy: false, status: '' },
      share: null, // the record file's hand-over: {busy, status: '' | received | refused, code}
      history: null, // {student, items: [{card} | {refused, iss}] | null while loading}, with a directory key
      dashboard: null, // staff on a hub: {phase: loading | ready | error, figures, error}
      archive: null, // the shown record's archive parts opened: {view, parts: [n], rows, busy, error}
      code: '',
      t: null,
      tab: null,
      month: null,
      local: [],
      form: emptyForm(),
      formStatus: '', // a problem or failure the form shows, else what became of `formSaved`
      formSaved: null, // the idem of the record the form saved last
      saving: false,
    };
  }

  /** Merges `changes` into the state and renders once for them all. */
  patch(changes) {
    this.state = { ...this.state, ...changes };
  }

  // Signed in to a hub, the account decides: staff log contacts, families read and write messages.
  get #mode() {
    const role = this.state.account?.role;
    if (role) return role === 'family' ? 'family' : 'teacher';
    return this.view === 'teacher' ? 'teacher' : 'family';
  }

  get #tabs() {
    // Records from earlier schools, when the hub holds any for this student.
    const earlier =
      this.state.history?.student === this.state.chosen && this.state.history.items?.length ? ['history'] : [];
    if (this.#mode !== 'teacher') return [...FAMILY_TABS, ...earlier];
    // The class picture needs the hub: it computes the figures of exactly the students one may see. An
    // administrator's is the school's, and their first screen.
    if (!this.hub || !this.state.account) return TEACHER_TABS;
    return this.#isAdministrator
      ? ['dashboard', ...TEACHER_TABS, ...earlier]
      : [...TEACHER_TABS, ...earlier, 'dashboard'];
  }

  get #isAdministrator() {
    return this.state.account?.role === 'admin';
  }

  // A tab's name; the dashboard is named for what it shows: a class, or the school.
  #tabLabel(t, name) {
    return t.t(name === 'dashboard' && this.#isAdministrator ? 'tab.schoolDashboard' : `tab.${name}`);
  }

  // A verified record is on screen: this visit's, or the copy verified last time ("saved").
  get #recordShown() {
    const { phase } = this.state;
    return phase === 'verified' || phase === 'saved';
  }

  // A record is on screen whose panel shows a loading line until the other tabs' views arrive.
  get #panelWaits() {
    return this.#recordShown && !tabViews && this.#currentTab !== 'summary';
  }

  get #currentTab() {
    return [this.state.tab, this.view].find((name) => this.#tabs.includes(name)) ?? this.#tabs[0];
  }

  willUpdate(changed) {
    if (changed.has('lang') || !this.state.t) this.#loadTranslator();
    if (changed.has('view')) this.patch({ tab: null });
    if (changed.has('sync')) this.#controller.startSync();
    // Attributes set while the element upgrades arrive in one update, so they cause one load.
    if (LOAD_INPUTS.some((name) => changed.has(name))) this.#controller.load();
  }

  updated(changed) {
    if (changed.has('state')) this.#follow(changed.get('state'));
    this.#announce();
    this.#announceLanguage();
  }

  // fep-language says which language the widget speaks, with the page's own words in it (page.title,
  // page.intro), so the page around it can follow (the hub's own page does: web/hub/page.js).
  #announceLanguage() {
    const { t } = this.state;
    if (!t || t === this.#languageAnnounced) return;
    this.#languageAnnounced = t;
    const detail = { lang: t.lang, dir: t.dir, title: t.t('page.title'), intro: t.t('page.intro') };
    this.dispatchEvent(new CustomEvent('fep-language', { bubbles: true, composed: true, detail }));
  }

  #languageAnnounced = null;

  // What a new state sets going: the sign-in of an invite link, the dashboard, the earlier schools'
  // records, and the other tabs' views (at once when the first tab shown is one of them).
  #follow(previous) {
    const { phase } = this.state;
    if (phase === 'enrol' && previous?.phase !== 'enrol') this.#enrolFromLink();
    if (phase === 'verified' && this.#currentTab === 'dashboard' && !this.state.dashboard) this.#controller.dashboard();
    if (phase === 'verified' && this.directoryKey && this.state.history?.student !== this.state.chosen)
      this.#controller.history();
    if (this.#tabViews === 'idle' && (this.#recordShown || (phase !== 'idle' && this.#currentTab !== 'summary')))
      this.#loadTabViews();
  }

  // The state attribute and the fep-rendered / fep-error events say what is on screen: a record once
  // its panel is drawn, not while that panel waits for the other tabs' views.
  #announce() {
    const { phase } = this.state;
    const waiting = this.#panelWaits && this.#tabViews === 'loading';
    if (phase === 'idle' || waiting || phase === this.#announced) return;
    this.#announced = phase;
    this.setAttribute('state', phase);
    if (phase !== 'verified' && phase !== 'error') return;
    const event =
      phase === 'verified'
        ? new CustomEvent('fep-rendered', { bubbles: true, composed: true, detail: summaryOf(this.state.result.view) })
        : new CustomEvent('fep-error', { bubbles: true, composed: true, detail: { code: this.state.error } });
    this.dispatchEvent(event);
  }

  // The other tabs' views, fetched while the family reads the first one; the panel is drawn again when
  // they arrive (or with a notice if they cannot be fetched).
  #loadTabViews() {
    this.#tabViews = 'loading';
    loadTabViews().then(
      () => {
        this.#tabViews = 'loaded';
        this.requestUpdate();
      },
      () => {
        this.#tabViews = 'failed';
        this.requestUpdate();
      },
    );
  }

  // `updateComplete` covers a panel waiting for the other tabs' views: once it resolves, what the
  // reader chose is on screen.
  async getUpdateComplete() {
    const complete = await super.getUpdateComplete();
    if (!this.#panelWaits || !loadingTabViews) return complete;
    await loadingTabViews.catch(() => {});
    return super.getUpdateComplete();
  }

  async #loadTranslator() {
    const lang = readerLanguage({
      attribute: this.lang,
      saved: savedLanguage(),
      browser: navigator.languages ?? [],
      page: this.parentElement?.closest('[lang]')?.getAttribute('lang'),
    });
    const t = await translator(lang);
    if (this.state.t !== t) this.patch({ t });
  }

  render() {
    const { t, phase, error, result } = this.state;
    if (!t) return nothing;
    let body = nothing;
    if (phase === 'loading') body = html`<p role="status" class="muted">${t.t('loading')}</p>`;
    else if (phase === 'error') body = this.#errorScreen(t, error);
    else if (phase === 'enrol') body = this.#enrolScreen(t);
    else if (this.#recordShown) body = this.#record(t, result);
    return html`<div part="root" class="root" lang=${t.lang} dir=${t.dir}>${body}</div>`;
  }

  #errorScreen(t, code) {
    return html`${this.#languagePicker(t)}
      <div part="error" role="alert">
        <h2>${t.t('error.title')}</h2>
        <p>${t.error(code)}</p>
        <p class="muted">${t.t('error.help')}</p>
      </div>`;
  }

  #enrolScreen(t) {
    const { code, enrol } = this.state;
    return html`${this.#languagePicker(t)}
    ${enrolView(t, { code, ...enrol, on: this.#enrolHandlers })}`;
  }

  #enrolHandlers = {
    input: (code) => this.patch({ code }),
    submit: async (event) => {
      event.preventDefault();
      if (this.state.enrol.busy || !this.state.code.trim()) return;
      await this.#controller.enrol(this.state.code);
      if (this.state.phase === 'enrol') this.#focusStatus();
    },
  };

  /** Called while the record is on its way: what showing it needs is made meanwhile, not after it arrives. */
  prepareToShow() {
    this.state.t?.prepare();
  }

  /**
   * The code of an invite link (…#invite=CODE), once: it leaves the address bar at once, and stays in
   * the enrolment form in case signing in with it fails.
   */
  takeInvite() {
    const code = new URLSearchParams(location.hash.slice(1)).get('invite');
    if (!code) return null;
    history.replaceState(history.state, '', location.pathname + location.search);
    this.patch({ code });
    return code;
  }

  // A device the hub no longer knows, opened by an invite link, signs in with it.
  #enrolFromLink() {
    const code = this.takeInvite();
    if (code) this.#controller.enrol(code);
  }

  #record(t, { view, offline, checking }) {
    // view="attendance" (any tab's name) opens on that tab; view="teacher" on the logging form.
    const tab = this.#currentTab;
    // Each line of the header is guarded like a card: a verified value the view cannot draw (a date
    // beyond what the browser formats) replaces that line with a notice, never the whole record.
    const validity = () =>
      t.t('badge.validity', { issued: t.date(view.issuer.issuedAt), until: t.date(view.issuer.validUntil) });
    return html`<header part="header">
        <h2 part="student"><bdi>${view.student.displayName}</bdi></h2>
        <p part="badge"><span aria-hidden="true">✔ </span>${t.nodes('badge.verified', { issuer: schoolsOf(view) })}</p>
        <p part="badge-meaning" class="muted">${t.t('badge.meaning')}</p>
        ${guarded(() => html`<p part="validity" class="muted">${validity()}</p>`, t)}
        ${offline ? guarded(() => html`<p part="offline" role="status">${t.t('offline.asOf', { date: t.date(view.issuer.issuedAt) })}</p>`, t) : nothing}
        ${checking ? guarded(() => html`<p part="checking" class="muted" role="status">${t.t('refresh.checking', { date: t.date(view.issuer.issuedAt) })}</p>`, t) : nothing}
        ${this.state.account ? html`<p part="account" class="muted">${t.t('signedIn', { name: this.state.account.name })}</p>` : nothing}
        ${studentPicker(t, {
          students: this.state.students,
          chosen: this.state.chosen,
          onChoose: (id) => this.#controller.choose(id),
        })}
        ${this.#languagePicker(t)}
      </header>
      <div role="tablist" aria-label=${t.t('tabs.label')} part="tabs" @keydown=${this.#onTabKey}>
        ${this.#tabs.map(
          (name) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${name}"
              data-tab=${name}
              part="tab"
              aria-selected=${String(name === tab)}
              aria-controls="panel"
              tabindex=${name === tab ? '0' : '-1'}
              @click=${() => this.#selectTab(name, false)}
            >
              ${this.#tabLabel(t, name)}
            </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${tab}" part="panel">
        ${guarded(() => this.#panel(tab, view, t), t)}
      </div>`;
  }

  #panel(tab, view, t) {
    if (this.#panelWaits) {
      return this.#tabViews === 'failed'
        ? html`<p role="alert">${t.error('unavailable')}</p>`
        : html`<p role="status" class="muted">${t.t('tabs.loading')}</p>`;
    }
    const { form, saving, local, month } = this.state;
    const status = this.state.formStatus || this.#savedStatus(t);
    const sub = this.state.result.sub;
    const on = this.#formHandlers;
    const { attendanceView, engagementView, familyFormView, gradesView, historyView, teacherFormView } = tabViews ?? {};
    const { mergedTimeline, otherStudentsRows, shownMonth } = tabViews ?? {};
    switch (tab) {
      case 'attendance':
        return attendanceView(view, t, { month: shownMonth(view, month), onMonth: (i) => this.patch({ month: i }) });
      case 'grades':
        return gradesView(view, t);
      case 'engagement':
        return engagementView(t, {
          timeline: mergedTimeline(view, local, sub, this.#archive.rows),
          earlier: this.#earlier(view),
          others: this.#mode === 'teacher' ? otherStudentsRows(local, sub) : [],
          nameOf: (id) => this.state.result.roster?.students.find((s) => s.id === id)?.displayName ?? id,
          onExport: (kind) => this.#export(kind),
        });
      case 'contact':
        return familyFormView(view, t, { form, status, saving, on });
      case 'dashboard':
        return this.#dashboard(t);
      case 'history':
        return historyView(t, this.state.history, { ...view, issuerName: issuerName(view.issuer.iss) });
      case 'log':
        return teacherFormView(view, t, {
          form,
          status,
          saving,
          roster: this.#rosterChoice(),
          vocabulary: this.state.result.vocabulary,
          on,
        });
      default:
        return html`${summaryView(view, t)}${this.#shareCard(t)}`;
    }
  }

  #dashboard(t) {
    const { dashboard } = this.state;
    if (dashboard?.phase === 'ready') {
      return tabViews.dashboardView(
        t,
        { ...dashboard, title: this.#tabLabel(t, 'dashboard') },
        this.#dashboardHandlers,
      );
    }
    if (dashboard?.phase === 'error') {
      return html`<p role="alert">${t.error(dashboard.error)}</p>`;
    }
    return html`<p role="status" class="muted">${t.t('dashboard.loading')}</p>`;
  }

  #dashboardHandlers = {
    // One tap from a student nobody has reached to the contact form, that student chosen.
    log: async (student) => {
      this.patch({ tab: 'log', form: { ...emptyForm(), student }, formStatus: '', formSaved: null });
      await this.updateComplete;
      this.renderRoot.getElementById('tab-log')?.focus();
    },
    // The student's own record, fetched and verified when opened.
    open: (student) => this.#controller.choose(student),
    csv: (id, head, rows) => download(this.renderRoot, `${id}.csv`, 'text/csv;charset=utf-8', tableCsv(head, rows)),
  };

  // The roster and the student chosen in the teacher's form (the record's own student by default).
  #rosterChoice() {
    const { roster, sub } = this.state.result;
    if (!roster?.students.length) return null;
    const ids = roster.students.map((s) => s.id);
    const chosen = ids.includes(this.state.form.student) ? this.state.form.student : ids.includes(sub) ? sub : ids[0];
    return { students: roster.students, chosen, current: sub };
  }

  #formHandlers = {
    set: (name, value) => {
      const form = { ...this.state.form, [name]: value };
      if (name === 'student') form.contact = null; // another student's family
      this.patch({ form });
    },
    toggleTopic: (topic) => {
      const { topics } = this.state.form;
      const next = topics.includes(topic) ? topics.filter((x) => x !== topic) : [...topics, topic];
      this.patch({ form: { ...this.state.form, topics: next } });
    },
    submit: (event) => this.#submit(event),
  };

  async #submit(event) {
    event.preventDefault();
    const { t, form, result, saving } = this.state;
    if (saving || !result) return; // a second tap while the first is being saved
    const mode = this.#mode;
    const problem = formProblem(mode, form);
    if (problem) {
      this.patch({ formStatus: t.t(problem) });
      return this.#focusStatus();
    }
    const roster = this.#rosterChoice();
    const student = roster?.chosen ?? result.sub;
    const contacts = roster ? roster.students.find((s) => s.id === student).contacts : result.view.contacts;
    const now = new Date();
    const record = recordFromForm(mode, form, {
      view: result.view,
      lang: t.lang,
      contact: mode === 'family' ? this.#ownContactId() : this.#chosenContact(contacts, form),
      course: form.course ?? result.view.courses[0]?.title,
      now,
      id: localRecordId(now),
    });
    this.patch({ saving: true, formStatus: t.t('form.saving'), formSaved: null });
    try {
      const entry = await this.#controller.save(record, student);
      this.patch({
        saving: false,
        formStatus: '',
        formSaved: entry.idem,
        form: { ...emptyForm(), student: form.student },
      });
    } catch (error) {
      this.patch({
        saving: false,
        formStatus: t.t('form.failed', { reason: t.t(`error.${error.code ?? 'generic'}`) }),
      });
    }
    this.#focusStatus();
  }

  #chosenContact(contacts, form) {
    return contacts.some((c) => c.id === form.contact) ? form.contact : contacts[0]?.id;
  }

  // A family device writes as the person signed in on it (the hub records the author from the account).
  #ownContactId() {
    const account = this.state.account?.account ?? '';
    return account.startsWith('contact:') ? account.slice('contact:'.length) : undefined;
  }

  // What became of the record the form saved last, as it is now: on the device until the school has it.
  #savedStatus(t) {
    const entry = this.state.local?.find((e) => e.idem === this.state.formSaved);
    if (!entry) return '';
    if (entry.status === 'synced') return t.t('form.sent');
    if (entry.status === 'rejected') return t.t('contact.rejected');
    if (entry.status === 'unsent') return t.t('contact.unsent');
    return this.hub || this.sync ? t.t('form.saved') : t.t('form.savedHere');
  }

  // After submitting (by button or Enter) focus lands on the outcome, read out by screen readers.
  async #focusStatus() {
    await this.updateComplete;
    this.renderRoot.querySelector('.form-status')?.focus();
  }

  // Moving schools: a family saves the record file here, and gives one to a new school's hub (which
  // verifies it against its trust directory; docs/transfers.md).
  #shareCard(t) {
    if (!this.hub || this.#mode !== 'family') return nothing;
    const canSave = this.#controller.canShare;
    const canAdd = Boolean(this.directoryKey);
    if (!canSave && !canAdd) return nothing;
    const { share } = this.state;
    const status =
      share?.status === 'received' || share?.status === 'held'
        ? t.t(`share.${share.status}`)
        : share?.status === 'refused'
          ? t.t('share.refused', {
              reason: t.error(share.code),
            })
          : '';
    return html`<section part="card" aria-labelledby="share-title">
      <h3 id="share-title">${t.t('share.title')}</h3>
      ${
        canSave
          ? html`<p>${t.t('share.saveHelp')}</p>
        <p><button type="button" data-action="save-record" @click=${this.#saveRecordFile}>${t.t('share.save')}</button></p>`
          : nothing
      }
      ${
        canAdd
          ? html`<p><label for="record-file">${t.t('share.add')}</label></p>
        <p class="muted" id="record-file-help">${t.t('share.addHelp')}</p>
        <input id="record-file" type="file" accept=".json,application/json" aria-describedby="record-file-help"
          ?disabled=${share?.busy} @change=${this.#chooseFile} />`
          : nothing
      }
      ${share?.status === 'confirm' ? this.#confirmHandOver(t, share) : nothing}
      ${status ? html`<p class="form-status" role="status">${status}</p>` : nothing}
    </section>`;
  }

  #saveRecordFile = () => {
    const text = this.#controller.recordFile();
    if (text) download(this.renderRoot, `record-${this.state.result.sub}.json`, 'application/json', text);
  };

  // A chosen file is read first, to say whose record it says it is, before anything is sent.
  #chooseFile = async (event) => {
    const input = event.target;
    const [file] = input.files;
    if (!file) return;
    const text = await file.text();
    input.value = '';
    try {
      const names = namesInRecordFile(parseRecordFile(text));
      this.patch({ share: { busy: false, status: 'confirm', text, names } });
    } catch (error) {
      this.patch({ share: { busy: false, status: 'refused', code: error.code ?? 'malformed' } });
    }
  };

  // "This file says it is Maya's record", and, when that is not the child on screen, a warning: the
  // school holds a record of another child until its staff confirm it.
  #confirmHandOver(t, { text, names, busy }) {
    const current = this.state.result.view.student.displayName;
    const another = names.some((name) => !sameName(name, current));
    return html`<div class="confirm-hand-over" role="group" aria-labelledby="hand-over-whose">
      <p id="hand-over-whose">${t.nodes('share.whose', { names: names.join(', ') })}</p>
      ${another ? html`<p class="notice" role="alert">${t.nodes('share.otherChild', { name: current })}</p>` : nothing}
      <p>
        <button type="button" class="primary" data-action="hand-over" ?disabled=${busy}
          @click=${() => this.#controller.handOver(text)}>${t.nodes('share.confirm', { name: current })}</button>
        <button type="button" data-action="cancel-hand-over" @click=${() => this.patch({ share: null })}>
          ${t.t('share.cancel')}
        </button>
      </p>
    </div>`;
  }

  // The archive parts opened for the record on screen (none once another record is shown).
  get #archive() {
    const archive = this.state.archive;
    return archive?.view === this.state.result?.view ? archive : { parts: [], rows: [], busy: false, error: null };
  }

  // What the engagement tab offers of the record's archive: the earlier records not yet shown, and a
  // way to open the next part. Only a hub keeps archives.
  #earlier(view) {
    const unopened = tabViews.unopenedParts(view, this.#archive.parts);
    if (!this.hub || !unopened.length) return null;
    const { busy, error } = this.#archive;
    const count = unopened.reduce((sum, line) => sum + line.records, 0);
    return { count, busy, error, onOpen: () => this.#openArchive(unopened[0]) };
  }

  async #openArchive(line) {
    const { view, sub } = this.state.result;
    const archive = this.#archive;
    this.patch({ archive: { ...archive, view, busy: true, error: null } });
    try {
      const rows = await this.#controller.openArchive(sub, line);
      const now = this.#archive;
      this.patch({
        archive: { view, parts: [...now.parts, line.part], rows: [...now.rows, ...rows], busy: false, error: null },
      });
    } catch (error) {
      this.patch({ archive: { ...this.#archive, view, busy: false, error: error.code ?? 'unavailable' } });
    }
  }

  #export(kind) {
    const { result, local } = this.state;
    const rows = [
      ...tabViews.mergedTimeline(result.view, local, result.sub, this.#archive.rows),
      ...(this.#mode === 'teacher' ? tabViews.otherStudentsRows(local, result.sub) : []),
    ];
    const name = `contact-log-${result.sub}`;
    if (kind === 'csv') download(this.renderRoot, `${name}.csv`, 'text/csv;charset=utf-8', toCsv(rows));
    else download(this.renderRoot, `${name}.jsonl`, 'application/x-ndjson', toJsonLines(rows));
  }

  #languagePicker(t) {
    return html`<p class="language">
      <label for="language">${t.t('language.label')} </label>
      <select id="language" data-action="language" @change=${(e) => this.#chooseLanguage(e.target.value)}>
        ${Object.entries(LANGUAGES).map(
          ([tag, name]) => html`<option value=${tag} lang=${tag} ?selected=${tag === t.lang}>${name}</option>`,
        )}
      </select>
    </p>`;
  }

  // The reader's choice is remembered for the next visit; no re-verification, only new words.
  async #chooseLanguage(tag) {
    saveLanguage(tag);
    this.lang = tag;
    await this.updateComplete;
    await translator(tag);
    await this.updateComplete;
    this.renderRoot.getElementById('language')?.focus();
  }

  async #selectTab(name, focus) {
    if (this.#tabViews === 'failed') this.#loadTabViews();
    this.patch({ tab: name });
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.getElementById(`tab-${name}`)?.focus();
  }

  // Tabs follow the WAI-ARIA pattern: arrows move between tabs (mirrored right to left), Home/End jump.
  #onTabKey = (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (!tab) return;
    const names = this.#tabs;
    const rtl = this.state.t?.dir === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    let next;
    if (step) next = names[(names.indexOf(tab.dataset.tab) + step + names.length) % names.length];
    else if (event.key === 'Home') next = names[0];
    else if (event.key === 'End') next = names.at(-1);
    if (!next) return;
    event.preventDefault();
    this.#selectTab(next, true);
  };
}

/**
 * Who issued a verified record, as a family knows it: the school (or schools) the signed record says the
 * student attends, latest first; the issuer's host when the record names none.
 */
function schoolsOf(view) {
  const names = [...new Set((view.schools ?? []).map((s) => s.name).reverse())];
  return names.length ? names.join(', ') : issuerName(view.issuer.iss);
}

/** The issuer as a reader knows it: the host of its https URL, or the URL itself if no host can be read. */
function issuerName(iss) {
  try {
    return new URL(iss).host || iss;
  } catch {
    return iss;
  }
}

/** The fep-rendered detail: what a host page might act on, without the whole view. */
function summaryOf(view) {
  const { rule, daysEnrolled, daysAbsent, rate, chronicallyAbsent, tier, absencesUntilChronic } = view.attendance;
  return {
    student: view.student,
    issuer: view.issuer,
    attendance: { rule, daysEnrolled, daysAbsent, rate, chronicallyAbsent, tier, absencesUntilChronic },
    courses: view.courses.map(({ id, title, currentGrade, missing }) => ({ id, title, currentGrade, missing })),
    missingAssignments: view.missingAssignments.length,
    lastContact: view.engagement.lastContact,
  };
}
