// History from other districts (docs/transfers.md): for each record the school's hub holds from
// another district, verified on this device against the trust directory, the card a new school reads
// first. A record that does not verify is listed apart with its reason, never shown as verified.
import { html, nothing } from 'lit';
import { guarded } from './shared.js';
import { gradeText } from './summary.js';

// The oldest few are what a new teacher can act on; the heading gives the whole count.
const MISSING_SHOWN = 5;

function languageName(code, t) {
  try {
    return new Intl.DisplayNames([t.lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const list = (items, render, t) =>
  items.length
    ? html`<ul class="plain">${items.map((item) => html`<li>${render(item)}</li>`)}</ul>`
    : html`<p class="muted">${t.t('history.none')}</p>`;

function card(t, { card: c, receivedAt }, index) {
  const a = c.attendance;
  const id = `history-${index}`;
  return html`<section part="card history" aria-labelledby=${id}>
    <h3 id=${id}>${t.nodes('history.from', { issuer: c.issuerName || c.issuer })}</h3>
    <p part="badge"><span aria-hidden="true">✔ </span>${t.nodes('badge.verified', { issuer: c.issuerName || c.issuer })}</p>
    <p class="muted">${t.t('history.asOf', { date: t.date(c.asOf) })}</p>
    ${receivedAt ? html`<p class="muted">${t.t('history.received', { date: t.date(receivedAt) })}</p>` : nothing}
    <h4>${t.t('summary.attendance')}</h4>
    <p>${t.t('history.attendance', { days: a.absentDays, enrolled: a.daysEnrolled, percent: t.percent(a.rate) })}</p>
    <p class="tier tier-${a.tier}">${t.t(`dashboard.tier.${a.tier}`)}</p>
    <h4>${t.t('history.interventions')}</h4>
    ${list(c.openInterventions, (i) => html`<bdi>${[i.class, i.purpose].filter(Boolean).join(' — ')}</bdi> · ${t.t('history.since', { date: t.date(i.since) })}`, t)}
    <h4>${t.t('history.lastContacts')}</h4>
    ${list(c.lastContacts, (contact) => html`${t.date(contact.at)}: ${contact.topics.map((topic) => t.t(`topic.${topic}`)).join(', ')}`, t)}
    <h4>${t.t('history.grades')}</h4>
    ${list(c.grades ?? [], (g) => html`<bdi>${g.course}</bdi>: ${gradeText(g, t)}`, t)}
    <h4>${t.t('history.missing', { count: c.missingWork.length })}</h4>
    ${list(c.missingWork.slice(0, MISSING_SHOWN), (w) => html`<bdi>${w.title}</bdi>${w.course ? html` (<bdi>${w.course}</bdi>)` : nothing}`, t)}
    <h4>${t.t('history.languages')}</h4>
    ${list(c.languages, (l) => html`${t.nodes('history.language', { name: l.name, relation: l.relation || '—', language: languageName(l.preferredLanguage, t) })}`, t)}
  </section>`;
}

const schoolYear = (year) => `${year - 1}–${String(year).slice(2)}`;

// One history, newest first: the record on screen (this school) and each earlier one, labelled with
// the district that signed it.
function timeline(t, current, verified) {
  const segments = [
    {
      year: current.student.schoolYear,
      issuer: current.issuerName,
      rate: current.attendance.rate,
      asOf: '9999',
      now: true,
    },
    ...verified.map(({ card: c }) => ({
      year: c.schoolYear,
      issuer: c.issuerName || c.issuer,
      rate: c.attendance.rate,
      asOf: c.asOf,
    })),
  ].sort((a, b) => b.year - a.year || b.asOf.localeCompare(a.asOf));
  return html`<section part="card" aria-labelledby="history-timeline">
    <h3 id="history-timeline">${t.t('history.timeline')}</h3>
    <ol class="plain">
      ${segments.map(
        (s) => html`<li>
          ${t.nodes('history.segment', { year: schoolYear(s.year), issuer: s.issuer, percent: t.percent(s.rate) })}
          ${s.now ? html` <span class="muted">${t.t('history.now')}</span>` : nothing}
        </li>`,
      )}
    </ol>
  </section>`;
}

/** `current`: the record on screen ({student, attendance, issuerName}); `history`: the controller's. */
export function historyView(t, history, current) {
  if (!history.items) return html`<p role="status">${t.t('loading')}</p>`;
  const verified = history.items.filter((item) => item.card);
  const refused = history.items.filter((item) => item.refused);
  return html`${guarded(() => timeline(t, current, verified), t)}
    ${verified.map((item, i) => guarded(() => card(t, item, i), t))}
    ${
      refused.length
        ? html`<section part="card" aria-labelledby="history-refused">
          <h3 id="history-refused">${t.t('history.unverified')}</h3>
          <ul class="plain">
            ${refused.map((r) => html`<li><bdi>${r.iss}</bdi>: ${t.error(r.refused)}</li>`)}
          </ul>
        </section>`
        : nothing
    }`;
}
