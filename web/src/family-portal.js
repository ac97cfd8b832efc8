// <family-portal>: verifies a district's signed bundle in the WebAssembly core and shows the student's
// record only once verified. Every piece of text from a bundle is rendered as text, never as HTML
// (see dom.js). Attributes: src, keys | roots + keyset, lang, today, view. Property: bundle.
import { FepError, loadCore } from './core.js';
import { h } from './dom.js';
import { download, toCsv, toJsonLines } from './export.js';
import { LANGUAGES, negotiate, translator } from './i18n.js';
import { contactEntries, keepSyncing, saveContact } from './outbox.js';
import { openStore } from './store.js';
import { portalStyles } from './styles.js';
import { attendanceView } from './views/attendance.js';
import { familyFormView, recordFromForm, teacherFormView } from './views/contact-forms.js';
import { engagementView, mergedTimeline } from './views/engagement.js';
import { gradesView } from './views/grades.js';
import { summaryView } from './views/summary.js';

// The views of each mode, in tab order. view="teacher" opens on the form for logging a contact.
const FAMILY_TABS = ['summary', 'attendance', 'grades', 'engagement', 'contact'];
const TEACHER_TABS = ['log', 'engagement', 'summary', 'attendance', 'grades'];
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

export class FamilyPortal extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'keys', 'roots', 'keyset', 'today', 'lang', 'sync', 'view', 'roster'];
  }

  #bundle = null;
  #token = 0;
  #root;
  #result = null; // {view, offline} once verified
  #error = null;
  #tab = 'summary';
  #calendar = {};
  #t = null;
  #rendering = Promise.resolve();
  #local = []; // this device's contact records for the student
  #formStatus = '';
  #chosenStudent = null;
  #stopSync = null;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [portalStyles()];
    this.#root = h('div', { part: 'root', class: 'root' });
    shadow.append(this.#root);
    shadow.addEventListener('click', (event) => this.#onClick(event));
    shadow.addEventListener('keydown', (event) => this.#onKeydown(event));
    shadow.addEventListener('change', (event) => this.#onChange(event));
    shadow.addEventListener('submit', (event) => this.#onSubmit(event));
  }

  #tabs() {
    return this.getAttribute('view') === 'teacher' ? TEACHER_TABS : FAMILY_TABS;
  }

  #viewOf(name, view, t) {
    switch (name) {
      case 'attendance':
        return attendanceView(view, t, this.#calendar);
      case 'grades':
        return gradesView(view, t);
      case 'engagement':
        return engagementView(view, t, this.#local);
      case 'contact':
        return familyFormView(view, t, this.#formStatus);
      case 'log':
        return teacherFormView(view, t, this.#formStatus, this.#rosterChoice());
      default:
        return summaryView(view, t);
    }
  }

  /** The compact JWS text, as an alternative to the `src` attribute. */
  get bundle() {
    return this.#bundle;
  }

  set bundle(value) {
    this.#bundle = value == null ? null : String(value);
    this.#refresh();
  }

  connectedCallback() {
    this.#openFirstView();
    this.#refresh();
  }

  // view="teacher" opens on the logging form; a view name opens that view.
  #openFirstView() {
    const first = this.getAttribute('view') === 'teacher' ? 'log' : this.getAttribute('view');
    this.#tab = this.#tabs().includes(first) ? first : this.#tabs()[0];
  }

  disconnectedCallback() {
    this.#stopSync?.();
    this.#stopSync = null;
  }

  attributeChangedCallback(name) {
    if (!this.isConnected) return;
    if (name === 'lang') this.#rendering = this.#render();
    else if (name === 'sync') this.#startSync();
    else if (name === 'view') {
      this.#openFirstView();
      this.#rendering = this.#render();
    } else this.#refresh();
  }

  #lang() {
    return negotiate([
      this.getAttribute('lang'),
      this.closest('[lang]')?.getAttribute('lang'),
      ...(navigator.languages ?? []),
    ]);
  }

  async #refresh() {
    if (this.#bundle == null && !this.hasAttribute('src')) return;
    const token = ++this.#token;
    this.#result = null;
    this.#error = null;
    this.setAttribute('state', 'loading');
    await this.#render();
    try {
      const result = await this.#open();
      if (token !== this.#token) return;
      this.#result = result;
      await this.#loadLocal();
      this.setAttribute('state', 'verified');
      this.#startSync();
    } catch (error) {
      if (token !== this.#token) return;
      this.#error = error instanceof FepError ? error.code : 'malformed';
      if (!(error instanceof FepError)) console.warn('family-portal:', error);
      this.setAttribute('state', 'error');
    }
    await this.#render();
    const event = this.#result
      ? new CustomEvent('fep-rendered', { bubbles: true, composed: true, detail: summaryOf(this.#result.view) })
      : new CustomEvent('fep-error', { bubbles: true, composed: true, detail: { code: this.#error } });
    this.dispatchEvent(event);
  }

  // Fetches, verifies (with the rollback table) and remembers the bundle; offline, verifies the last
  // bundle this source gave, as of when it was verified.
  async #open() {
    // The bundle and keys download while the WebAssembly core compiles, not after it.
    let arrived = false;
    const fetched = this.#inputs().finally(() => {
      arrived = true;
    });
    fetched.catch(() => {}); // judged below, once the store says whether an offline copy exists
    const [core, store] = await Promise.all([loadCore(), openStore()]);
    // Still downloading: let the engine compile and optimise the core on a synthetic year meanwhile,
    // which roughly halves the first real call (docs/benchmarks.md).
    if (!arrived) core.warmUp();
    const source = this.getAttribute('src') ?? `inline:${location.pathname}`;
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
    const seen = await store.allSeen();
    const verifiedAt = offline ? saved.verifiedAt : nowSeconds();
    const opened = core.openBundle({
      ...inputs,
      seen,
      now: verifiedAt,
      today: this.getAttribute('today') ?? '',
      lastViewed: saved?.lastViewed ?? 0,
    });
    await store.save(
      { id: `${opened.iss} ${opened.sub}`, seq: opened.seq, signature: opened.signature },
      { src: source, inputs, verifiedAt, lastViewed: nowSeconds() },
    );
    // A teacher's roster (verified with the same keys) lists the students the teacher may log for.
    const roster =
      this.hasAttribute('roster') && !offline
        ? core.openRoster({ ...inputs, bundle: await fetchText(this.getAttribute('roster')), seen: {} }).roster
        : null;
    return { view: opened.view, offline, sub: opened.sub, core, roster };
  }

  // The roster and the student chosen in the teacher's form (the record's own student by default).
  #rosterChoice() {
    const roster = this.#result?.roster;
    if (!roster) return null;
    const chosen =
      this.#chosenStudent ??
      (roster.students.some((s) => s.id === this.#result.sub) ? this.#result.sub : roster.students[0].id);
    return { students: roster.students, chosen, current: this.#result.sub };
  }

  async #loadLocal() {
    const sub = this.#result?.sub;
    try {
      this.#local = sub ? (await contactEntries()).filter((e) => e.student === sub) : [];
    } catch {
      this.#local = []; // no IndexedDB: nothing stored on this device
    }
  }

  // Sends this device's pending records to the `sync` endpoint, retrying with backoff.
  #startSync() {
    this.#stopSync?.();
    this.#stopSync = null;
    const url = this.getAttribute('sync');
    if (!url || !this.#result) return;
    this.#stopSync = keepSyncing(url, {
      onResult: async ({ sent }) => {
        if (!sent) return;
        await this.#loadLocal();
        if (this.#tab === 'engagement') this.#render();
      },
    });
  }

  async #onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const t = this.#t;
    const { view, core, sub } = this.#result ?? {};
    if (!view) return;
    try {
      const student = new FormData(form).get('student') || sub;
      await saveContact(core, { record: recordFromForm(form, view, t.lang), student });
      this.#formStatus = t.t('form.saved');
      await this.#loadLocal();
      this.#startSync();
      await this.#render();
    } catch (error) {
      this.#formStatus = t.t('form.failed', { reason: t.t(`error.${error.code ?? 'generic'}`) });
      await this.#render();
    }
    this.shadowRoot.querySelector('.form-status')?.focus?.();
  }

  async #inputs() {
    const bundle = this.#bundle ?? fetchText(this.getAttribute('src'));
    if (this.hasAttribute('keyset')) {
      const [text, roots, keyset] = await Promise.all([
        bundle,
        jsonOrUrl(this.getAttribute('roots') ?? ''),
        fetchText(this.getAttribute('keyset')),
      ]);
      return { bundle: text, roots, keyset };
    }
    if (!this.hasAttribute('keys')) throw new FepError('unknown_key', 'no keys attribute');
    const [text, keys] = await Promise.all([bundle, jsonOrUrl(this.getAttribute('keys'))]);
    return { bundle: text, keys };
  }

  async #render() {
    const t = await translator(this.#lang());
    this.#t = t;
    this.#root.setAttribute('lang', t.lang);
    this.#root.setAttribute('dir', t.dir);
    const state = this.getAttribute('state');
    if (state === 'loading') {
      this.#root.replaceChildren(h('p', { role: 'status', class: 'muted' }, t.t('loading')));
    } else if (this.#error) {
      this.#root.replaceChildren(
        this.#languagePicker(t),
        h(
          'div',
          { part: 'error', role: 'alert' },
          h('h2', {}, t.t('error.title')),
          h('p', {}, t.t(`error.${this.#error}`)),
          h('p', { class: 'muted' }, t.t('error.help')),
        ),
      );
    } else if (this.#result) {
      this.#renderRecord(t);
    }
  }

  #renderRecord(t) {
    const { view, offline } = this.#result;
    const header = h(
      'header',
      { part: 'header' },
      h('h2', { part: 'student' }, h('bdi', {}, view.student.displayName)),
      h(
        'p',
        { part: 'badge' },
        h('span', { 'aria-hidden': 'true' }, '✔ '),
        t.nodes('badge.verified', { issuer: new URL(view.issuer.iss).host }),
      ),
      h(
        'p',
        { part: 'validity', class: 'muted' },
        t.t('badge.validity', { issued: t.date(view.issuer.issuedAt), until: t.date(view.issuer.validUntil) }),
      ),
      offline
        ? h('p', { part: 'offline', role: 'status' }, t.t('offline.asOf', { date: t.date(view.issuer.issuedAt) }))
        : null,
      this.#languagePicker(t),
    );
    const tabs = h(
      'div',
      { role: 'tablist', 'aria-label': t.t('tabs.label'), part: 'tabs' },
      this.#tabs().map((name) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${name}`,
            'data-tab': name,
            part: 'tab',
            'aria-selected': String(name === this.#tab),
            'aria-controls': 'panel',
            tabindex: name === this.#tab ? '0' : '-1',
          },
          t.t(`tab.${name}`),
        ),
      ),
    );
    const panel = h(
      'div',
      { role: 'tabpanel', id: 'panel', 'aria-labelledby': `tab-${this.#tab}`, part: 'panel' },
      this.#viewOf(this.#tab, view, t),
    );
    this.#root.replaceChildren(header, tabs, panel);
    // Bar widths through the CSSOM: a strict style-src forbids style attributes, not this.
    for (const bar of panel.querySelectorAll('.bar[data-width]')) bar.style.inlineSize = `${bar.dataset.width}%`;
  }

  #languagePicker(t) {
    const select = h(
      'select',
      { id: 'language', 'data-action': 'language' },
      Object.entries(LANGUAGES).map(([tag, name]) => {
        const option = h('option', { value: tag, lang: tag }, name);
        option.selected = tag === t.lang;
        return option;
      }),
    );
    return h('p', { class: 'language' }, h('label', { for: 'language' }, t.t('language.label'), ' '), select);
  }

  #selectTab(name, focus) {
    this.#tab = name;
    this.#render().then(() => {
      if (focus) this.shadowRoot.getElementById(`tab-${name}`)?.focus();
    });
  }

  #onClick(event) {
    const target = event.target.closest('button');
    if (!target) return;
    if (target.dataset.template) {
      const choice = this.shadowRoot.getElementById('template');
      if (choice) choice.value = target.dataset.template;
      for (const button of this.shadowRoot.querySelectorAll('[data-template]')) {
        button.setAttribute('aria-pressed', String(button === target));
      }
    } else if (target.dataset.export) {
      const rows = mergedTimeline(this.#result.view, this.#local);
      const name = `contact-log-${this.#result.sub}`;
      if (target.dataset.export === 'csv')
        download(this.shadowRoot, `${name}.csv`, 'text/csv;charset=utf-8', toCsv(rows));
      else download(this.shadowRoot, `${name}.jsonl`, 'application/x-ndjson', toJsonLines(rows));
    } else if (target.dataset.tab) this.#selectTab(target.dataset.tab, true);
    else if (target.dataset.month !== undefined) {
      this.#calendar.month = Number(target.dataset.month);
      const direction = target.getAttribute('aria-label');
      this.#render().then(() => {
        const again = [...this.shadowRoot.querySelectorAll('.month-nav button')].find(
          (b) => b.getAttribute('aria-label') === direction,
        );
        (again && !again.disabled
          ? again
          : this.shadowRoot.querySelector('.month-nav button:not([disabled])')
        )?.focus();
      });
    }
  }

  // Tabs follow the WAI-ARIA pattern: arrows move between tabs (mirrored right to left), Home/End jump.
  #onKeydown(event) {
    const tab = event.target.closest('[role="tab"]');
    if (!tab) return;
    const names = this.#tabs();
    const rtl = this.#t?.dir === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    let next;
    if (step) next = names[(names.indexOf(tab.dataset.tab) + step + names.length) % names.length];
    else if (event.key === 'Home') next = names[0];
    else if (event.key === 'End') next = names.at(-1);
    if (!next) return;
    event.preventDefault();
    this.#selectTab(next, true);
  }

  #onChange(event) {
    if (event.target.id === 'student') {
      this.#chosenStudent = event.target.value;
      this.#render().then(() => this.shadowRoot.getElementById('student')?.focus());
      return;
    }
    if (event.target.dataset.action !== 'language') return;
    this.setAttribute('lang', event.target.value); // re-renders in the new language, no re-verification
    this.#rendering.then(() => this.shadowRoot.getElementById('language')?.focus());
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
