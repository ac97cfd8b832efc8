// The forms that write contact records: the teacher's (view="teacher") and the family's. Defaults
// make the common case three taps: a family member, a quick message, Save.
import { h } from '../dom.js';

const CHANNELS = ['phone', 'text', 'email', 'in_person', 'home_visit', 'conference', 'video', 'letter', 'app_message'];
const OUTCOMES = ['reached', 'left_message', 'no_answer', 'wrong_number', 'scheduled'];
const TOPICS = ['attendance', 'academics', 'behaviour', 'health', 'positive_news', 'logistics', 'other'];
export const TEMPLATES = ['absent_today', 'positive_progress', 'please_call', 'missing_work', 'conference_invite'];

const field = (id, label, control, help) =>
  h(
    'p',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    help ? h('span', { class: 'muted', id: `${id}-help` }, help) : null,
  );
const select = (id, options, selected) =>
  h(
    'select',
    { id, name: id },
    options.map(([value, label]) => {
      const option = h('option', { value }, label);
      option.selected = value === selected;
      return option;
    }),
  );
const labelled = (control, label) => {
  control.setAttribute('aria-label', label);
  return control;
};
// Ed-Fi relation descriptors the catalogs translate; any other is shown as the record gives it.
const RELATIONS = {
  Mother: 'mother',
  Father: 'father',
  Grandmother: 'grandmother',
  Grandfather: 'grandfather',
  Aunt: 'aunt',
  Uncle: 'uncle',
  Sister: 'sister',
  Brother: 'brother',
  Guardian: 'guardian',
  'Court appointed guardian': 'guardian',
  'Mother, step': 'stepmother',
  'Father, step': 'stepfather',
  Other: 'other',
};
const relation = (descriptor, t) =>
  Object.hasOwn(RELATIONS, descriptor) ? t.t(`relation.${RELATIONS[descriptor]}`) : descriptor;
const contacts = (view, t) =>
  field(
    'contact',
    t.t('form.contact'),
    select(
      'contact',
      view.contacts.map((c) => [c.id, c.relation ? `${c.name} (${relation(c.relation, t)})` : c.name]),
      view.contacts[0]?.id,
    ),
  );
const note = (t) =>
  field(
    'note',
    t.t('form.note'),
    h('textarea', { id: 'note', name: 'note', rows: 3, maxlength: 2000, 'aria-describedby': 'note-help' }),
    t.t('form.noteHelp'),
  );

/** `roster`: {students, chosen, current} when the teacher has a roster, else null (the record's student). */
export function teacherFormView(view, t, status, roster) {
  const student = roster?.students.find((s) => s.id === roster.chosen);
  // The missing-work message carries a count the widget knows only for the student whose record it shows.
  const templates = TEMPLATES.filter((id) => id !== 'missing_work' || !roster || roster.chosen === roster.current);
  return [
    h(
      'form',
      { part: 'card', class: 'contact-form', 'data-form': 'teacher', 'aria-labelledby': 'teacher-title' },
      h('h3', { id: 'teacher-title' }, t.t('form.teacherTitle')),
      roster
        ? field(
            'student',
            t.t('form.student'),
            select(
              'student',
              roster.students.map((s) => [s.id, s.displayName]),
              roster.chosen,
            ),
          )
        : null,
      contacts(student ? { contacts: student.contacts } : view, t),
      h(
        'fieldset',
        {},
        h('legend', {}, t.t('form.template')),
        h(
          'p',
          { class: 'quick' },
          templates.map((id) =>
            h('button', { type: 'button', 'data-template': id, 'aria-pressed': 'false' }, t.t(`templateName.${id}`)),
          ),
        ),
        labelled(
          select(
            'template',
            [['', t.t('form.template.none')], ...templates.map((id) => [id, t.t(`templateName.${id}`)])],
            '',
          ),
          t.t('form.template'),
        ),
      ),
      field(
        'course',
        t.t('form.course'),
        select(
          'course',
          view.courses.map((c) => [c.title, c.title]),
          view.courses[0]?.title,
        ),
      ),
      note(t),
      field(
        'channel',
        t.t('form.channel'),
        select(
          'channel',
          CHANNELS.map((c) => [c, t.t(`channel.${c}`)]),
          'phone',
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, t.t('form.direction')),
        ['school_to_family', 'family_to_school'].map((d) =>
          h(
            'label',
            { class: 'choice' },
            h('input', { type: 'radio', name: 'direction', value: d, checked: d === 'school_to_family' }),
            ' ',
            t.t(`direction.${d}`),
          ),
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, t.t('form.topics')),
        TOPICS.map((topic) =>
          h(
            'label',
            { class: 'choice' },
            h('input', { type: 'checkbox', name: 'topics', value: topic }),
            ' ',
            t.t(`topic.${topic}`),
          ),
        ),
      ),
      field(
        'outcome',
        t.t('form.outcome'),
        select(
          'outcome',
          [['', t.t('form.outcome.none')], ...OUTCOMES.map((o) => [o, t.t(`outcome.${o}`)])],
          'reached',
        ),
      ),
      field(
        'followUpDate',
        t.t('form.followUp'),
        h('input', { type: 'date', id: 'followUpDate', name: 'followUpDate' }),
      ),
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, t.t('form.save'))),
      h('p', { role: 'status', class: 'form-status' }, status ?? ''),
    ),
  ];
}

export function familyFormView(view, t, status) {
  return [
    h(
      'form',
      { part: 'card', class: 'contact-form', 'data-form': 'family', 'aria-labelledby': 'family-title' },
      h('h3', { id: 'family-title' }, t.t('form.familyTitle')),
      h(
        'fieldset',
        {},
        h('legend', {}, t.t('form.kind')),
        ['message', 'absence', 'call'].map((kind) =>
          h(
            'label',
            { class: 'choice' },
            h('input', { type: 'radio', name: 'kind', value: kind, checked: kind === 'message' }),
            ' ',
            t.t(`form.kind.${kind}`),
          ),
        ),
      ),
      contacts(view, t),
      note(t),
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, t.t('form.send'))),
      h('p', { role: 'status', class: 'form-status' }, status ?? ''),
    ),
  ];
}

/** The contact record a submitted form describes (validated again by the core when it is signed). */
export function recordFromForm(form, view, lang) {
  const data = new FormData(form);
  const now = new Date();
  const base = {
    id: `local-${now.getTime()}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`,
    at: `${now.toISOString().slice(0, 19)}Z`,
    contactId: data.get('contact') || undefined,
    language: lang,
    note: String(data.get('note') ?? ''),
  };
  if (form.dataset.form === 'family') {
    const kind = data.get('kind');
    return {
      ...base,
      direction: 'family_to_school',
      channel: 'app_message',
      topics: [kind === 'absence' ? 'attendance' : 'other'],
      ...(kind === 'call' ? { templateId: 'please_call', params: {} } : {}),
    };
  }
  const templateId = data.get('template');
  const params = {
    absent_today: { date: base.at.slice(0, 10) },
    positive_progress: { subject: data.get('course') },
    missing_work: { count: view.missingAssignments.length },
    conference_invite: { date: data.get('followUpDate') || base.at.slice(0, 10) },
  }[templateId];
  return {
    ...base,
    direction: data.get('direction'),
    channel: data.get('channel'),
    topics: data.getAll('topics'),
    ...(templateId ? { templateId, params } : {}),
    ...(data.get('outcome') ? { outcome: data.get('outcome') } : {}),
    ...(data.get('followUpDate') ? { followUpDate: data.get('followUpDate') } : {}),
  };
}
