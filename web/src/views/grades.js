// Grades: missing work first across all courses, then each course with its current grade and its
// assignments (missing first, then by due date), marking what is new since the last visit.
import { h } from '../dom.js';
import { gradeText } from './summary.js';

export function gradesView(view, t) {
  const missing = h(
    'section',
    { part: 'card', 'aria-labelledby': 'missing-title' },
    h('h3', { id: 'missing-title' }, t.t('grades.missingWork')),
    view.missingAssignments.length
      ? h(
          'ul',
          { class: 'plain' },
          view.missingAssignments.map((a) =>
            h(
              'li',
              { class: 'row' },
              h('span', {}, `${a.courseTitle}: ${a.title}`),
              h('span', { class: 'flag' }, dueText(a, t)),
            ),
          ),
        )
      : h('p', {}, t.t('grades.noMissing')),
  );
  const newCount = view.courses.reduce((n, c) => n + c.newItems, 0);
  return [
    newCount ? h('p', { class: 'notice' }, t.t('grades.newSince', { count: newCount })) : null,
    missing,
    ...view.courses.map((course) => courseCard(course, t)),
  ];
}

function courseCard(course, t) {
  return h(
    'section',
    { part: 'card', class: 'course' },
    h(
      'details',
      {},
      h(
        'summary',
        {},
        h('bdi', { class: 'course-title' }, course.title),
        h('span', { class: 'value' }, `${t.t('grades.currentGrade')}: ${gradeText(course.currentGrade, t)}`),
        course.missing ? h('span', { class: 'flag' }, t.t('grades.missing', { count: course.missing })) : null,
      ),
      course.teacher ? h('p', { class: 'muted' }, t.nodes('grades.teacher', { teacher: course.teacher })) : null,
      h(
        'ul',
        { class: 'plain assignments' },
        course.assignments.map((a) =>
          h(
            'li',
            { class: `assignment a-${a.status}` },
            h('span', {}, a.title, a.isNew ? h('span', { class: 'new' }, ` ${t.t('grades.new')}`) : null),
            h(
              'span',
              { class: 'muted' },
              [
                t.t(`assignment.${a.status}`),
                a.dueDate ? t.t('grades.due', { date: t.date(a.dueDate) }) : null,
                a.score != null && a.maxPoints != null
                  ? t.t('grades.score', { score: a.score, max: a.maxPoints })
                  : a.letter,
              ]
                .filter(Boolean)
                .join(' · '),
            ),
          ),
        ),
      ),
    ),
  );
}

function dueText(a, t) {
  return a.dueDate ? t.t('grades.due', { date: t.date(a.dueDate) }) : t.t('assignment.missing');
}
