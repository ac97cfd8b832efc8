// Pieces more than one view shows.
import { html, nothing } from 'lit';

/** Days missed as people say them: whole and half days (14.29 partial-day absences read "14.5"). */
export const daysAsSaid = (days) => Math.round(days * 2) / 2;

export const attendanceStatement = (a, t) =>
  html`<p class="big">
    ${t.t('attendance.missed', { count: daysAsSaid(a.daysAbsent), total: a.daysEnrolled, percent: t.percent(a.rate) })}
  </p>`;

// Template parameters as a reader sees them: a date in the reader's calendar style.
function templateParams(params, t) {
  const shown = { ...params };
  if (typeof shown.date === 'string') shown.date = t.date(shown.date);
  return shown;
}

/** One contact record: when, who contacted whom and how, the message (a template in the reader's
 *  language, else the note exactly as typed), the outcome. */
export function contactLine(record, t) {
  const params = record.params ?? {};
  const templated = record.templateId && t.has(`template.${record.templateId}`);
  const message = templated ? t.nodes(`template.${record.templateId}`, templateParams(params, t)) : record.note;
  const details = [
    record.outcome ? t.t(`outcome.${record.outcome}`) : null,
    ...(record.topics ?? []).map((topic) => t.t(`topic.${topic}`)),
    record.interpreter ? t.t('engagement.interpreter') : null,
    record.followUpDate ? t.t('engagement.followUp', { date: t.date(record.followUpDate) }) : null,
  ].filter(Boolean);
  return html`<div class="contact">
    <p class="muted"><time datetime=${record.at}>${t.dateTime(record.at)}</time></p>
    <p>
      <strong
        >${t.t('engagement.entry', {
          direction: t.t(`direction.${record.direction}`),
          channel: t.t(`channel.${record.channel}`),
        })}</strong
      >
    </p>
    ${record.author ? html`<p class="muted author">${t.nodes('engagement.by', { name: record.author })}</p>` : nothing}
    ${message ? html`<p class="message">${templated ? message : html`<bdi>${message}</bdi>`}</p>` : nothing}
    ${templated && record.note ? html`<p class="message"><bdi>${record.note}</bdi></p>` : nothing}
    <p class="muted">${details.join(' · ')}</p>
  </div>`;
}

/**
 * A card that cannot be drawn (a verified record the view did not expect) says so in the reader's
 * language; the rest of the widget still renders.
 */
export function guarded(render, t) {
  try {
    return render();
  } catch (error) {
    console.warn('family-portal: a card could not be shown', error);
    return html`<section part="card" class="card-failed" role="note"><p>${t.t('view.cardFailed')}</p></section>`;
  }
}
