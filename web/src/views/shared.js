// Pieces more than one view shows.
import { h } from '../dom.js';

export function attendanceStatement(a, t) {
  return h(
    'p',
    { class: 'big' },
    t.t('attendance.missed', { count: a.daysAbsent, total: a.daysEnrolled, percent: t.percent(a.rate) }),
  );
}

/** One contact record: when, who contacted whom and how, the message (a template in the reader's
 *  language, else the note exactly as typed), the outcome. */
export function contactLine(record, t) {
  const message =
    record.templateId && t.has(`template.${record.templateId}`)
      ? t.nodes(`template.${record.templateId}`, {
          ...record.params,
          ...(record.params.date ? { date: t.date(record.params.date) } : {}),
        })
      : h('bdi', {}, record.note);
  return h(
    'div',
    { class: 'contact' },
    h('p', { class: 'muted' }, h('time', { datetime: record.at }, t.dateTime(record.at))),
    h(
      'p',
      {},
      h(
        'strong',
        {},
        t.t('engagement.entry', {
          direction: t.t(`direction.${record.direction}`),
          channel: t.t(`channel.${record.channel}`),
        }),
      ),
    ),
    message ? h('p', { class: 'message' }, message) : null,
    record.templateId && record.note ? h('p', { class: 'message' }, h('bdi', {}, record.note)) : null,
    h(
      'p',
      { class: 'muted' },
      [
        record.outcome ? t.t(`outcome.${record.outcome}`) : null,
        ...record.topics.map((topic) => t.t(`topic.${topic}`)),
        record.interpreter ? t.t('engagement.interpreter') : null,
        record.followUpDate ? t.t('engagement.followUp', { date: t.date(record.followUpDate) }) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  );
}
