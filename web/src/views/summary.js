// Summary: attendance explained in plain words with what the family can do, grades at a glance, and
// the last contact with the school.
import { h } from '../dom.js';
import { attendanceStatement, contactLine } from './shared.js';

export function summaryView(view, t) {
  const a = view.attendance;
  return [
    h(
      'section',
      { part: 'card', 'aria-labelledby': 'summary-attendance' },
      h('h3', { id: 'summary-attendance' }, t.t('summary.attendance')),
      attendanceStatement(a, t),
      h('p', { class: `tier tier-${a.tier}` }, t.t(a.message.key, a.message.params)),
      h('p', {}, t.t(a.advice.key, { ...a.advice.params, count: a.absencesUntilChronic })),
      h('p', { class: 'muted' }, t.t(a.ruleMessage.key)),
    ),
    h(
      'section',
      { part: 'card', 'aria-labelledby': 'summary-grades' },
      h('h3', { id: 'summary-grades' }, t.t('summary.grades')),
      h(
        'ul',
        { class: 'plain' },
        view.courses.map((course) =>
          h(
            'li',
            { class: 'row' },
            h('bdi', {}, course.title),
            h('span', { class: 'value' }, gradeText(course.currentGrade, t)),
            course.missing ? h('span', { class: 'flag' }, t.t('grades.missing', { count: course.missing })) : null,
          ),
        ),
      ),
    ),
    h(
      'section',
      { part: 'card', 'aria-labelledby': 'summary-contact' },
      h('h3', { id: 'summary-contact' }, t.t('summary.lastContact')),
      view.engagement.lastContact ? contactLine(view.engagement.lastContact, t) : h('p', {}, t.t('summary.noContact')),
    ),
  ];
}

export function gradeText(grade, t) {
  if (!grade) return t.t('grades.noGrade');
  return [grade.letter, grade.numeric != null ? t.number(grade.numeric) : null].filter(Boolean).join(' · ');
}
