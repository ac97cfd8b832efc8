// The staff dashboard (docs/dashboards.md): the class or school figures the hub computed and signed
// (verified here before anything is shown), as tables (each one downloadable as CSV) that read the same
// to a screen reader as on screen. Pure: figures and words in, a template out; `on.log(id)` opens the
// contact form for a student, `on.open(id)` that student's record, `on.csv(name, head, rows)` downloads
// a table.
import { html, nothing } from 'lit';
import { daysAsSaid } from './shared.js';

// A share, or a group's share coded so it does not tell every member's status ({atLeast} / {atMost}).
function percent(t, value) {
  if (value == null) return '—';
  if (typeof value !== 'object') return t.percent(value);
  return 'atLeast' in value
    ? t.t('dashboard.atLeast', { percent: t.percent(value.atLeast) })
    : t.t('dashboard.atMost', { percent: t.percent(value.atMost) });
}

// One table with its caption and download button; `rows` are lists of text, `extra(row, i)` adds a cell.
function table(t, id, caption, head, rows, on, extra) {
  // A table wider than a phone scrolls sideways in its box, which a keyboard can reach (the table's
  // caption names it).
  return html`<div class="table-wrap" tabindex="0">
      <table id=${id}>
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            ${head.map((h) => html`<th scope="col">${h}</th>`)}${extra ? html`<td></td>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row, i) =>
              html`<tr>
                <th scope="row"><bdi>${row[0]}</bdi></th>
                ${row.slice(1).map((cell) => html`<td>${cell}</td>`)}${extra ? html`<td>${extra(i)}</td>` : nothing}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p>
      <button type="button" data-csv=${id} @click=${() => on.csv(id, head, rows)}>${t.t('dashboard.csv')}</button>
    </p>`;
}

// The students to call first, one card each (a table of them would not fit a phone beside their
// buttons): what they missed, when the family was last reached, and one tap to log a contact or open
// the record. The list downloads as CSV like the tables.
function priorityList(t, students, head, rows, on) {
  return html`<ol class="plain priority" id="priority">
      ${students.map(
        (s, i) =>
          html`<li>
            <p><strong><bdi>${s.displayName}</bdi></strong></p>
            <dl class="figures">
              ${head.slice(1).map((label, column) => html`<div><dt>${label}</dt><dd>${rows[i][column + 1]}</dd></div>`)}
            </dl>
            <p class="quick">
              <button type="button" class="primary" data-log=${s.id} @click=${() => on.log(s.id)}>
                ${t.t('dashboard.logFor', { name: s.displayName })}
              </button>
              <button type="button" data-open=${s.id} @click=${() => on.open(s.id)}>
                ${t.t('dashboard.open', { name: s.displayName })}
              </button>
            </p>
          </li>`,
      )}
    </ol>
    <p>
      <button type="button" data-csv="priority" @click=${() => on.csv('priority', head, rows)}>${t.t('dashboard.csv')}</button>
    </p>`;
}

// A group as its reader names it: a known code's words, a home language by its name.
function groupName(t, dimension, value) {
  const key = `dashboard.value.${value}`;
  if (t.has(key)) return t.t(key);
  return dimension === 'homeLanguage' ? t.languageName(value) : value;
}

function hiddenGroup(t, cell, minCell) {
  return cell.suppressed === 'complementary'
    ? t.t('dashboard.suppressedComplementary')
    : t.t('dashboard.suppressed', { min: minCell });
}

/**
 * `dashboard` = {figures, asOf} as the hub signed them, and its `title`; `on` = {log(studentId),
 * open(studentId), csv(id, head, rows)}.
 */
export function dashboardView(t, { figures, asOf, title }, on) {
  const { reach, trust, breakdowns, chronicAbsence: chronic, interventions, minCell } = figures;
  const reachRows = [
    [t.t('dashboard.last30'), percent(t, reach.last30Days)],
    [t.t('dashboard.term'), percent(t, reach.term)],
    [t.t('dashboard.year'), percent(t, reach.year)],
  ];
  const activity = [
    [t.t('dashboard.perFamily'), t.number(reach.engagementsPerFamily)],
    [t.t('dashboard.positive'), t.number(reach.positive)],
    [t.t('dashboard.problem'), t.number(reach.problemFocused)],
    [t.t('dashboard.homeVisits'), t.number(reach.homeVisits)],
  ];
  const priorityHead = [
    t.t('dashboard.student'),
    t.t('dashboard.daysAbsent'),
    t.t('dashboard.rate'),
    t.t('dashboard.lastReached'),
  ];
  const priorityRows = chronic.priority.map((s) => [
    s.displayName,
    t.number(daysAsSaid(s.daysAbsent)),
    percent(t, s.rate),
    s.lastReached ? t.date(s.lastReached) : t.t('dashboard.neverReached'),
  ]);
  return html`
    <section part="card" aria-labelledby="dash-title">
      <h3 id="dash-title">${title}</h3>
      <p>${t.t('dashboard.students', { count: figures.students })}</p>
      <p class="muted">${t.t('dashboard.asOf', { time: t.dateTime(asOf) })}</p>
    </section>
    <section part="card" aria-labelledby="dash-reach">
      <h3 id="dash-reach">${t.t('dashboard.reach')}</h3>
      <p class="muted">${t.t('dashboard.reach.help')}</p>
      ${table(t, 'reach', t.t('dashboard.reach'), [t.t('dashboard.period'), t.t('dashboard.share')], reachRows, on)}
      ${table(t, 'activity', t.t('dashboard.year'), [t.t('dashboard.measure'), t.t('dashboard.value')], activity, on)}
      <h4>${t.t('dashboard.never')}</h4>
      ${
        reach.neverReached.length
          ? html`<ul>
            ${reach.neverReached.map((s) => html`<li><bdi>${s.displayName}</bdi></li>`)}
          </ul>`
          : html`<p>${t.t('dashboard.none')}</p>`
      }
    </section>
    <section part="card" aria-labelledby="dash-trust">
      <h3 id="dash-trust">${t.t('dashboard.trust')}</h3>
      <p>
        ${
          trust.rated
            ? t.t('dashboard.trust.share', { share: percent(t, trust.share), rated: t.number(trust.rated) })
            : t.t('dashboard.trust.none')
        }
      </p>
    </section>
    <section part="card" aria-labelledby="dash-chronic">
      <h3 id="dash-chronic">${t.t('dashboard.chronic')}</h3>
      ${table(
        t,
        'tiers',
        t.t('dashboard.tier'),
        [t.t('dashboard.tier'), t.t('dashboard.count')],
        Object.entries(chronic.tiers).map(([tier, count]) => [t.t(`dashboard.tier.${tier}`), t.number(count)]),
        on,
      )}
      <h4>${t.t('dashboard.priority', { days: chronic.noContactDays })}</h4>
      ${priorityRows.length ? priorityList(t, chronic.priority, priorityHead, priorityRows, on) : html`<p>${t.t('dashboard.none')}</p>`}
      ${
        chronic.earlySignal.length
          ? table(
              t,
              'early',
              t.t('dashboard.earlySignal'),
              [t.t('dashboard.student'), t.t('dashboard.month'), t.t('dashboard.daysAbsent')],
              chronic.earlySignal.map((s) => [s.displayName, t.number(s.month), t.number(s.daysMissed)]),
              on,
            )
          : nothing
      }
      ${table(
        t,
        'trend',
        t.t('dashboard.trend'),
        [t.t('dashboard.month'), t.t('dashboard.rate')],
        chronic.trend.map((m) => [t.month(m.month), percent(t, m.rate)]),
        on,
      )}
    </section>
    ${
      interventions.length
        ? html`<section part="card" aria-labelledby="dash-interventions">
          <h3 id="dash-interventions">${t.t('dashboard.interventions')}</h3>
          ${table(
            t,
            'interventions',
            t.t('dashboard.interventions'),
            [t.t('dashboard.student'), t.t('dashboard.since'), t.t('dashboard.before'), t.t('dashboard.after')],
            interventions.map((i) => [
              i.displayName,
              t.date(i.since),
              percent(t, i.attendanceBefore),
              percent(t, i.attendanceAfter),
            ]),
            on,
          )}
        </section>`
        : nothing
    }
    ${
      figures.access && (figures.access.device.known || figures.access.internet.known)
        ? html`<section part="card" aria-labelledby="dash-access">
          <h3 id="dash-access">${t.t('dashboard.access')}</h3>
          ${table(
            t,
            'access',
            t.t('dashboard.access'),
            [t.t('dashboard.measure'), t.t('dashboard.share'), t.t('dashboard.access.known')],
            [
              [
                t.t('dashboard.access.device'),
                percent(t, figures.access.device.share),
                t.number(figures.access.device.known),
              ],
              [
                t.t('dashboard.access.internet'),
                percent(t, figures.access.internet.share),
                t.number(figures.access.internet.known),
              ],
            ],
            on,
          )}
        </section>`
        : nothing
    }
    <section part="card" aria-labelledby="dash-groups">
      <h3 id="dash-groups">${t.t('dashboard.groups')}</h3>
      <p class="muted">${t.t('dashboard.groups.help', { min: minCell })}</p>
      ${breakdowns.map((b) =>
        b.allHidden
          ? html`<h4>${t.t(`dashboard.dimension.${b.dimension}`)}</h4>
              <p>${t.t('dashboard.allHidden', { min: minCell })}</p>`
          : table(
              t,
              `group-${b.dimension}`,
              t.t(`dashboard.dimension.${b.dimension}`),
              [
                t.t('dashboard.group'),
                t.t('dashboard.count'),
                t.t('dashboard.last30'),
                t.t('dashboard.year'),
                t.t('dashboard.trusting'),
                t.t('dashboard.access.device'),
                t.t('dashboard.access.internet'),
              ],
              b.cells.map((c) =>
                c.suppressed
                  ? [groupName(t, b.dimension, c.group), hiddenGroup(t, c, minCell), '', '', '', '', '']
                  : [
                      groupName(t, b.dimension, c.group),
                      t.number(c.students),
                      percent(t, c.reached30),
                      percent(t, c.reachedYear),
                      percent(t, c.trusting),
                      percent(t, c.deviceAccess),
                      percent(t, c.internetAccess),
                    ],
              ),
              on,
            ),
      )}
    </section>
  `;
}
