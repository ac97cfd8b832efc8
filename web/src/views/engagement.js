// Contact log: every contact between home and school, newest first. Records confirmed by the school
// (from the signed bundle) and this device's own records not yet in a bundle are shown together, once
// each; the device's records say whether they are waiting to be sent.
import { h } from '../dom.js';
import { contactLine } from './shared.js';

/** The bundle's timeline merged with this device's records for the student, newest first. */
export function mergedTimeline(view, local) {
  const confirmed = new Set(view.engagement.timeline.map((r) => r.id));
  const mine = local
    .filter((e) => !confirmed.has(e.record.id))
    .map((e) => ({
      topics: [],
      params: {},
      staff: '',
      contactId: '',
      language: '',
      interpreter: false,
      outcome: null,
      templateId: null,
      followUpDate: null,
      trustingRelationship: null,
      ...e.record,
      status: e.status,
      seq: e.seq,
      dev: e.dev,
      idem: e.idem,
      jws: e.compact,
    }));
  return [...mine, ...view.engagement.timeline].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function engagementView(view, t, local) {
  const timeline = mergedTimeline(view, local);
  return [
    h(
      'section',
      { part: 'card', 'aria-labelledby': 'engagement-title' },
      h('h3', { id: 'engagement-title' }, t.t('engagement.title')),
      timeline.length
        ? h(
            'ol',
            { class: 'plain timeline' },
            timeline.map((record) =>
              h(
                'li',
                { 'data-status': record.status ?? 'confirmed' },
                record.status ? h('p', { class: `sync sync-${record.status}` }, t.t(`contact.${record.status}`)) : null,
                contactLine(record, t),
              ),
            ),
          )
        : h('p', {}, t.t('engagement.empty')),
    ),
    h(
      'section',
      { part: 'card', 'aria-labelledby': 'export-title' },
      h('h3', { id: 'export-title' }, t.t('export.title')),
      h(
        'p',
        { class: 'quick' },
        h('button', { type: 'button', 'data-export': 'csv' }, t.t('export.csv')),
        h('button', { type: 'button', 'data-export': 'jsonl' }, t.t('export.jsonl')),
      ),
    ),
  ];
}
