// Grades: each course first, with its current grade and its assignments (missing first, then by due
// date), then the missing work across all courses, folded when it is long, marking what is new since
// the last visit.
import { html, nothing } from 'lit';
import { gradeText } from './summary.js';

const dueText = (a, t) => (a.dueDate ? t.t('grades.due', { date: t.date(a.dueDate) }) : t.t('assignment.missing'));

// More missing assignments than this are folded: the courses stay on a phone's first screen.
const MISSING_SHOWN_OPEN = 3;

export function gradesView(view, t) {
  const newCount = view.courses.reduce((n, c) => n + c.newItems, 0);
  const missing = view.missingAssignments;
  const list = html`<ul class="plain">
    ${missing.map(
      // Course and title each isolated: a right-to-left mark in one cannot reorder the other.
      (a) =>
        html`<li class="row">
          <span><bdi>${a.courseTitle}</bdi>: <bdi>${a.title}</bdi></span>
          <span class="flag">${dueText(a, t)}</span>
        </li>`,
    )}
  </ul>`;
  return html`
    ${newCount ? html`<p class="notice">${t.t('grades.newSince', { count: newCount })}</p>` : nothing}
    ${view.courses.map((course) => courseCard(course, t))}
    <section part="card" aria-labelledby="missing-title">
      <h3 id="missing-title">${t.t('grades.missingWork')}</h3>
      ${
        !missing.length
          ? html`<p>${t.t('grades.noMissing')}</p>`
          : missing.length <= MISSING_SHOWN_OPEN
            ? list
            : html`<details class="missing-list">
                <summary>${t.t('grades.missingAll', { count: missing.length })}</summary>
                ${list}
              </details>`
      }
    </section>
  `;
}

function courseCard(course, t) {
  return html`<section part="card" class="course">
    <details>
      <summary>
        <bdi class="course-title">${course.title}</bdi>
        <span class="value">${t.t('grades.currentGrade')}: ${gradeText(course.currentGrade, t)}</span>
        ${course.missing ? html`<span class="flag">${t.t('grades.missing', { count: course.missing })}</span>` : nothing}
      </summary>
      ${course.teacher ? html`<p class="muted">${t.nodes('grades.teacher', { teacher: course.teacher })}</p>` : nothing}
      <ul class="plain assignments">
        ${course.assignments.map(
          (a) =>
            html`<li class="assignment a-${a.status}">
              <span><bdi>${a.title}</bdi>${a.isNew ? html`<span class="new"> ${t.t('grades.new')}</span>` : nothing}</span>
              <span class="muted"
                >${[
                  t.t(`assignment.${a.status}`),
                  a.dueDate ? t.t('grades.due', { date: t.date(a.dueDate) }) : null,
                  a.score != null && a.maxPoints != null
                    ? t.t('grades.score', { score: a.score, max: a.maxPoints })
                    : a.letter,
                ]
                  .filter(Boolean)
                  .join(' · ')}</span
              >
            </li>`,
        )}
      </ul>
    </details>
  </section>`;
}
