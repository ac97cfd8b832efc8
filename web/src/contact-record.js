// The contact record a form describes (the core validates it again when it signs it). Pure: the
// clock and the random id come in as arguments, so node tests can check every form.

/** A contact form's starting state (views/contact-forms.js draws it). */
export const emptyForm = () => ({
  student: null,
  contact: null,
  template: '',
  course: null,
  note: '',
  channel: 'phone',
  direction: 'school_to_family',
  topics: [],
  outcome: 'reached',
  followUpDate: '',
  kind: 'message',
});

/** A catalog key saying why the form cannot be saved yet, or null. */
export function formProblem(mode, form) {
  // A family's message or absence note says something; "please call me" needs no words.
  if (mode === 'family' && form.kind !== 'call' && !form.note.trim()) return 'form.noteRequired';
  return null;
}

/**
 * @param {'teacher'|'family'} mode
 * @param {object} form  the element's form state (emptyForm)
 * @param {{view: object, lang: string, contact: string, course: string, now: Date, id: string}} context
 */
export function recordFromForm(mode, form, { view, lang, contact, course, now, id }) {
  const at = `${now.toISOString().slice(0, 19)}Z`;
  const base = { id, at, contactId: contact || undefined, language: lang, note: form.note };
  if (mode === 'family') {
    return {
      ...base,
      direction: 'family_to_school',
      channel: 'app_message',
      topics: [form.kind === 'absence' ? 'attendance' : 'other'],
      ...(form.kind === 'call' ? { templateId: 'please_call', params: {} } : {}),
    };
  }
  const params = {
    absent_today: { date: at.slice(0, 10) },
    positive_progress: { subject: course },
    please_call: {},
    missing_work: { count: view.missingAssignments.length },
    conference_invite: { date: form.followUpDate || at.slice(0, 10) },
  }[form.template];
  return {
    ...base,
    direction: form.direction,
    channel: form.channel,
    topics: [...form.topics],
    ...(form.template ? { templateId: form.template, params } : {}),
    ...(form.outcome ? { outcome: form.outcome } : {}),
    ...(form.followUpDate ? { followUpDate: form.followUpDate } : {}),
  };
}

/** A record id unique on this device. */
export const localRecordId = (now) =>
  `local-${now.getTime()}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`;
