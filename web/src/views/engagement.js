// Contact log: every contact between home and school, newest first.
import { h } from '../dom.js';
import { contactLine } from './shared.js';

export function engagementView(view, t) {
  const timeline = view.engagement.timeline;
  return [
    h('section', { part: 'card', 'aria-labelledby': 'engagement-title' },
      h('h3', { id: 'engagement-title' }, t.t('engagement.title')),
      timeline.length
        ? h('ol', { class: 'plain timeline' }, timeline.map((record) => h('li', {}, contactLine(record, t))))
        : h('p', {}, t.t('engagement.empty'))),
  ];
}
