// Attendance: the numbers, a month calendar whose legend does not rely on colour alone (every status
// has a symbol and a name), and days missed month by month.
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { attendanceStatement, daysAsSaid } from './shared.js';

// One symbol per status, so a mark is readable without colour; names come from the catalog.
export const STATUS_SYMBOLS = {
  present: '✓',
  excused_absence: '○',
  unexcused_absence: '✕',
  suspension: '⊘',
  partial: '◐',
  tardy: '◷',
  early_departure: '⇥',
  not_enrolled: '–',
  no_school: '',
  future: '',
};
const LEGEND = [
  'present',
  'excused_absence',
  'unexcused_absence',
  'suspension',
  'partial',
  'tardy',
  'early_departure',
  'not_enrolled',
  'no_school',
];

/** The month shown: the chosen one, else today's month, else the last. */
export function shownMonth(view, chosen) {
  const months = view.attendance.calendar;
  const index = chosen ?? months.findIndex((m) => m.month === view.today.slice(0, 7));
  return index < 0 ? months.length - 1 : Math.min(index, months.length - 1);
}

/** `month`: the index shown; `onMonth(index)` moves to another. */
export function attendanceView(view, t, { month, onMonth }) {
  const a = view.attendance;
  const months = a.calendar;
  // A student enrolled from today, or a record without enrollments: nothing to draw yet.
  if (!months.length) return html`<section part="card"><p>${t.t('attendance.noDays')}</p></section>`;
  const shown = months[month];
  const maxMissed = Math.max(1, ...a.byMonth.map((m) => m.daysAbsent));
  return html`
    <section part="card">
      ${attendanceStatement(a, t)}
      <p class="tier tier-${a.tier}">${t.t(a.message.key, a.message.params)}</p>
      <p>${t.t('attendance.tardies', { count: a.tardies })}</p>
      <p class="muted">${t.t(a.ruleMessage.key)}</p>
    </section>
    <section part="card" aria-labelledby="calendar-title">
      <h3 id="calendar-title">${t.t('attendance.calendar')}</h3>
      <div class="month-nav">
        <button
          type="button"
          data-month=${month - 1}
          ?disabled=${month === 0}
          aria-label=${t.t('attendance.previousMonth')}
          @click=${() => onMonth(month - 1)}
        >
          ‹
        </button>
        <span aria-live="polite">${t.month(shown.month)}</span>
        <button
          type="button"
          data-month=${month + 1}
          ?disabled=${month === months.length - 1}
          aria-label=${t.t('attendance.nextMonth')}
          @click=${() => onMonth(month + 1)}
        >
          ›
        </button>
      </div>
      ${monthTable(shown, t)} ${legend(t)}
    </section>
    <section part="card" aria-labelledby="bars-title">
      <h3 id="bars-title">${t.t('attendance.byMonth')}</h3>
      <ul class="plain bars">
        ${a.byMonth
          .filter((m) => m.daysEnrolled > 0)
          .map(
            (m) =>
              html`<li>
                <span>${t.t('attendance.monthTotal', { month: t.month(m.month), count: daysAsSaid(m.daysAbsent) })}</span>
                <span
                  class="bar"
                  aria-hidden="true"
                  ${ref(barWidth(Math.round((m.daysAbsent / maxMissed) * 100)))}
                ></span>
              </li>`,
          )}
      </ul>
    </section>
  `;
}

// Bar widths through the CSSOM: a strict style-src forbids style attributes (which is what Lit's
// styleMap writes on first render), not this.
const barWidth = (percent) => (element) => {
  if (element) element.style.inlineSize = `${percent}%`;
};

function monthTable(month, t) {
  const cells = [
    ...Array.from({ length: month.firstWeekday - 1 }, () => html`<td></td>`),
    ...month.days.map((status, index) => {
      const day = index + 1;
      const label = `${t.date(`${month.month}-${String(day).padStart(2, '0')}`)}: ${t.t(`status.${status}`)}`;
      return html`<td class="day s-${status}" aria-label=${label} title=${label}>
        <span class="num" aria-hidden="true">${t.number(day)}</span>
        <span class="mark" aria-hidden="true">${STATUS_SYMBOLS[status]}</span>
      </td>`;
    }),
  ];
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const letters = t.weekdays('narrow');
  return html`<table class="calendar">
    <caption class="visually-hidden">${t.month(month.month)}</caption>
    <thead>
      <tr>
        ${t.weekdays('long').map(
          // A letter or two on screen, so seven columns fit a phone at 200 % zoom without breaking a
          // name mid-word (Arabic's are long); the whole name for a screen reader.
          (name, i) =>
            html`<th scope="col" abbr=${name}>
              <span aria-hidden="true">${letters[i]}</span><span class="visually-hidden">${name}</span>
            </th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${weeks.map((week) => html`<tr>${week}</tr>`)}
    </tbody>
  </table>`;
}

function legend(t) {
  return html`<div class="legend">
    <h4>${t.t('attendance.legend')}</h4>
    <ul class="plain">
      ${LEGEND.map(
        (status) =>
          html`<li>
            <span class="key s-${status}" aria-hidden="true">${STATUS_SYMBOLS[status] || nothing}</span>
            ${t.t(`status.${status}`)}
          </li>`,
      )}
    </ul>
  </div>`;
}
