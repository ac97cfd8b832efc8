// Contact log: every contact between home and school, newest first. Records confirmed by the school
// (from the signed bundle) and this device's own records not yet in a bundle are shown together, once
// each; the device's records say whether they are waiting to be sent. A teacher also sees what this
// device logged for the other students on the roster.
import { html, nothing } from 'lit';
import { contactLine, guarded } from './shared.js';

const item = (record, t) =>
  html`<li data-status=${record.status ?? 'confirmed'}>
    ${record.status ? html`<p class="sync sync-${record.status}">${t.t(`contact.${record.status}`)}</p>` : nothing}
    ${guarded(() => contactLine(record, t), t)}
  </li>`;

// Older records the school keeps in its archive: a button for the next part, which says while it loads
// and, if it fails, why (in a live region, for screen readers).
function earlierRecords(t, earlier) {
  if (!earlier) return nothing;
  return html`<p class="quick">
      <button type="button" data-action="earlier" ?disabled=${earlier.busy} @click=${earlier.onOpen}>
        ${t.t('engagement.earlier', { count: earlier.count })}
      </button>
    </p>
    <p role="status" class="muted">${earlier.busy ? t.t('engagement.earlierLoading') : ''}</p>
    ${earlier.error ? html`<p role="alert">${t.error(earlier.error)}</p>` : nothing}`;
}

/**
 * `timeline` and `others` come from timeline.js; `earlier`: {count, busy, error, onOpen} when older
 * records can be opened, else null; `nameOf(id)` names a roster student; `onExport(kind)`.
 */
export function engagementView(t, { timeline, earlier, others, nameOf, onExport }) {
  return html`
    <section part="card" aria-labelledby="engagement-title">
      <h3 id="engagement-title">${t.t('engagement.title')}</h3>
      ${
        timeline.length
          ? html`<ol class="plain timeline">
            ${timeline.map((record) => item(record, t))}
          </ol>`
          : html`<p>${t.t('engagement.empty')}</p>`
      }
      ${earlierRecords(t, earlier)}
    </section>
    ${
      others.length
        ? html`<section part="card" aria-labelledby="others-title">
          <h3 id="others-title">${t.t('engagement.otherStudents')}</h3>
          <ol class="plain others">
            ${others.map(
              (record) =>
                html`<li data-status=${record.status}>
                  <p><strong><bdi>${nameOf(record.student)}</bdi></strong></p>
                  <p class="sync sync-${record.status}">${t.t(`contact.${record.status}`)}</p>
                  ${guarded(() => contactLine(record, t), t)}
                </li>`,
            )}
          </ol>
        </section>`
        : nothing
    }
    <section part="card" aria-labelledby="export-title">
      <h3 id="export-title">${t.t('export.title')}</h3>
      <p class="quick">
        <button type="button" data-export="csv" @click=${() => onExport('csv')}>${t.t('export.csv')}</button>
        <button type="button" data-export="jsonl" @click=${() => onExport('jsonl')}>${t.t('export.jsonl')}</button>
      </p>
    </section>
  `;
}
