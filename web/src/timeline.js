// The contact log as rows: the bundle's confirmed records and this device's own records, once each,
// newest first. Pure data, shared by the view and the exports.

// A device entry as a timeline row, with the defaults a confirmed record always has.
function rowOf(entry) {
  return {
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
    ...entry.record,
    student: entry.student,
    status: entry.status,
    seq: entry.seq,
    dev: entry.dev,
    idem: entry.idem,
    jws: entry.compact,
  };
}

const newestFirst = (a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

// Who made a confirmed record, as the school recorded it: the staff member, or the family member.
function authorOf(record, contacts) {
  if (record.direction === 'school_to_family') return record.staff || '';
  return contacts.find((c) => c.id === record.contactId)?.name ?? '';
}

/**
 * The student's timeline: the bundle's records, those of the archive parts opened (`archived`, verified
 * rows as the bundle's) and this device's records for `student`.
 */
export function mergedTimeline(view, local, student, archived = []) {
  const bundled = [...view.engagement.timeline, ...archived];
  const confirmed = new Set(bundled.map((r) => r.id));
  const mine = local.filter((e) => e.student === student && !confirmed.has(e.record.id)).map(rowOf);
  const signed = bundled.map((r) => ({ ...r, student, author: authorOf(r, view.contacts ?? []) }));
  return [...mine, ...signed].sort(newestFirst);
}

/** The archive parts of the record not yet opened, newest first (the next to open is the first). */
export function unopenedParts(view, opened) {
  return (view.engagement.archive ?? []).filter((line) => !opened.includes(line.part)).reverse();
}

/** This device's records for every other student (a teacher logging for the roster). */
export function otherStudentsRows(local, student) {
  return local
    .filter((e) => e.student !== student)
    .map(rowOf)
    .sort(newestFirst);
}
