// Summary: attendance explained in plain words with what the family can do, grades at a glance, and
// the last contact with the school.
import { html, nothing } from 'lit';
import { attendanceStatement, contactLine, guarded } from './shared.js';

export function gradeText(grade, t) {
  if (!grade) return t.t('grades.noGrade');
  return [grade.letter, grade.numeric != null ? t.number(grade.numeric) : null].filter(Boolean).join(' · ');
}

// A school's per-pupil spending from its ESSA report card, beside its district's, when the record has it.
function spendingCard(view, t) {
  const schools = (view.schools ?? []).filter((s) => s.perPupilExpenditure);
  if (!schools.length) return nothing;
  const total = (a, b) => (a ?? 0) + (b ?? 0);
  return html`<section part="card" aria-labelledby="summary-spending">
    <h3 id="summary-spending">${t.t('school.spending.title')}</h3>
    ${schools.map(({ name, perPupilExpenditure: e }) => {
      const district = e.districtFederal != null || e.districtStateLocal != null;
      return html`<p>
          ${t.nodes('school.spending.line', {
            school: name,
            federal: t.dollars(e.federal ?? 0),
            stateLocal: t.dollars(e.stateLocal ?? 0),
            total: t.dollars(total(e.federal, e.stateLocal)),
          })}
        </p>
        ${
          district
            ? html`<p class="muted">
              ${t.t('school.spending.district', { total: t.dollars(total(e.districtFederal, e.districtStateLocal)) })}
            </p>`
            : nothing
        }
        ${e.reportYear ? html`<p class="muted">${t.t('school.spending.source', { year: e.reportYear })}</p>` : nothing}`;
    })}
  </section>`;
}

export function summaryView(view, t) {
  const a = view.attendance;
  return html`
    <section part="card" aria-labelledby="summary-attendance">
      <h3 id="summary-attendance">${t.t('summary.attendance')}</h3>
      ${attendanceStatement(a, t)}
      <p class="tier tier-${a.tier}">${t.t(a.message.key, a.message.params)}</p>
      <p>${t.t(a.advice.key, { ...a.advice.params, count: a.absencesUntilChronic })}</p>
      <p class="muted">${t.t(a.ruleMessage.key)}</p>
    </section>
    <section part="card" aria-labelledby="summary-grades">
      <h3 id="summary-grades">${t.t('summary.grades')}</h3>
      <ul class="plain">
        ${view.courses.map(
          (course) =>
            html`<li class="row">
              <bdi>${course.title}</bdi>
              <span class="value">${gradeText(course.currentGrade, t)}</span>
              ${
                course.missing
                  ? html`<span class="flag">${t.t('grades.missing', { count: course.missing })}</span>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </section>
    <section part="card" aria-labelledby="summary-contact">
      <h3 id="summary-contact">${t.t('summary.lastContact')}</h3>
      ${
        view.engagement.lastContact
          ? guarded(() => contactLine(view.engagement.lastContact, t), t)
          : html`<p>${t.t('summary.noContact')}</p>`
      }
    </section>
    ${guarded(() => spendingCard(view, t), t)}
  `;
}
