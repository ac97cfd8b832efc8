// Attendance: the numbers, a month calendar whose legend does not rely on colour alone (every status
// has a symbol and a name), and days missed month by month.
import { h } from '../dom.js';
import { attendanceStatement } from './shared.js';

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

export function attendanceView(view, t, state) {
  const a = view.attendance;
  const months = a.calendar;
  state.month = Math.min(state.month ?? months.findIndex((m) => m.month === view.today.slice(0, 7)), months.length - 1);
  if (state.month < 0) state.month = months.length - 1;
  const month = months[state.month];

  const calendar = h(
    'section',
    { part: 'card', 'aria-labelledby': 'calendar-title' },
    h('h3', { id: 'calendar-title' }, t.t('attendance.calendar')),
    h(
      'div',
      { class: 'month-nav' },
      h(
        'button',
        {
          type: 'button',
          'data-month': state.month - 1,
          disabled: state.month === 0,
          'aria-label': t.t('attendance.previousMonth'),
        },
        '‹',
      ),
      h('span', { 'aria-live': 'polite' }, t.month(month.month)),
      h(
        'button',
        {
          type: 'button',
          'data-month': state.month + 1,
          disabled: state.month === months.length - 1,
          'aria-label': t.t('attendance.nextMonth'),
        },
        '›',
      ),
    ),
    monthTable(month, t),
    legend(t),
  );

  const maxMissed = Math.max(1, ...a.byMonth.map((m) => m.daysAbsent));
  const bars = h(
    'section',
    { part: 'card', 'aria-labelledby': 'bars-title' },
    h('h3', { id: 'bars-title' }, t.t('attendance.byMonth')),
    h(
      'ul',
      { class: 'plain bars' },
      a.byMonth
        .filter((m) => m.daysEnrolled > 0)
        .map((m) =>
          h(
            'li',
            {},
            h('span', {}, t.t('attendance.monthTotal', { month: t.month(m.month), count: m.daysAbsent })),
            h('span', {
              class: 'bar',
              'aria-hidden': 'true',
              'data-width': Math.round((m.daysAbsent / maxMissed) * 100),
            }),
          ),
        ),
    ),
  );

  return [
    h(
      'section',
      { part: 'card' },
      attendanceStatement(a, t),
      h('p', { class: `tier tier-${a.tier}` }, t.t(a.message.key, a.message.params)),
      h('p', {}, t.t('attendance.tardies', { count: a.tardies })),
      h('p', { class: 'muted' }, t.t(a.ruleMessage.key)),
    ),
    calendar,
    bars,
  ];
}

function monthTable(month, t) {
  const names = t.weekdays();
  const rows = [];
  let cells = Array.from({ length: month.firstWeekday - 1 }, () => h('td', {}));
  month.days.forEach((status, index) => {
    const day = index + 1;
    const label = `${t.date(`${month.month}-${String(day).padStart(2, '0')}`)}: ${t.t(`status.${status}`)}`;
    cells.push(
      h(
        'td',
        { class: `day s-${status}`, 'aria-label': label, title: label },
        h('span', { class: 'num', 'aria-hidden': 'true' }, t.number(day)),
        h('span', { class: 'mark', 'aria-hidden': 'true' }, STATUS_SYMBOLS[status]),
      ),
    );
    if (cells.length === 7) {
      rows.push(h('tr', {}, cells));
      cells = [];
    }
  });
  if (cells.length) rows.push(h('tr', {}, cells));
  return h(
    'table',
    { class: 'calendar' },
    h('caption', { class: 'visually-hidden' }, t.month(month.month)),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        names.map((name) => h('th', { scope: 'col' }, name)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

function legend(t) {
  const shown = [
    'present',
    'excused_absence',
    'unexcused_absence',
    'suspension',
    'partial',
    'tardy',
    'early_departure',
    'not_enrolled',
  ];
  return h(
    'div',
    { class: 'legend' },
    h('h4', {}, t.t('attendance.legend')),
    h(
      'ul',
      { class: 'plain' },
      shown.map((status) =>
        h(
          'li',
          {},
          h('span', { class: `key s-${status}`, 'aria-hidden': 'true' }, STATUS_SYMBOLS[status]),
          ' ',
          t.t(`status.${status}`),
        ),
      ),
    ),
  );
}
