// The contact record a form describes (the core validates it again when it signs it). Pure: the
// clock and the random id come in as arguments, so node tests can check every form.

/** A contact form's starting state (views/contact-forms.js draws it). */
export const emptyForm = () => ({
  student: null,
  contact: null,
  template: '',
  course: null,
  note: '',
  // A message through the portal is what the form records unless the teacher says otherwise; a call,
  // meeting or visit has no pre-selected outcome (docs/contact-log.md, "What a record may say").
  channel: 'app_message',
  direction: 'school_to_family',
  topics: [],
  outcome: '',
  followUpDate: '',
  kind: 'message',
});

/** Whether the teacher's form describes a message sent through the portal (no outcome to choose). */
export const isPortalMessage = (form) => form.channel === 'app_message';

/** A catalog key saying why the form cannot be saved yet, or null. */
export function formProblem(mode, form) {
  // A family's message or absence note says something; "please call me" needs no words.
  if (mode === 'family' && form.kind !== 'call' && !form.note.trim()) return 'form.noteRequired';
  // The school's call, meeting or visit went some way, and only the person who was there can say how.
  if (mode === 'teacher' && !isPortalMessage(form) && form.direction === 'school_to_family' && !form.outcome) {
    return 'form.outcomeRequired';
  }
  return null;
}

/**
 * @param {'teacher'|'family'} mode
 * @param {object} form  the element's form state (emptyForm)
 * @param {{view: object, lang: string, contact: string, course: string, now: Date, id: string}} context
 *   `contact`: for a family, the signed-in person's own contact id (the hub records the author from the
 *   account in any case); for a teacher, the family member reached.
 */
export function recordFromForm(mode, form, { view, lang, contact, course, now, id }) {
  const at = `${now.toISOString().slice(0, 19)}Z`;
  const base = { id, at, contactId: contact || undefined, language: lang, note: form.note };
  // A written message through the portal was sent; nobody can say yet that it reached anyone.
  if (mode === 'family') {
    return {
      ...base,
      direction: 'family_to_school',
      channel: 'app_message',
      outcome: 'sent',
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
  const portal = isPortalMessage(form);
  const outcome = portal ? 'sent' : form.outcome;
  return {
    ...base,
    direction: portal ? 'school_to_family' : form.direction,
    channel: form.channel,
    topics: [...form.topics],
    ...(form.template ? { templateId: form.template, params } : {}),
    ...(outcome ? { outcome } : {}),
    ...(form.followUpDate ? { followUpDate: form.followUpDate } : {}),
  };
}

/** A record id unique on this device. */
export const localRecordId = (now) =>
  `local-${now.getTime()}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`;
