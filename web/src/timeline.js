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

/** The student's timeline: the bundle's records and this device's records for `student`. */
export function mergedTimeline(view, local, student) {
  const confirmed = new Set(view.engagement.timeline.map((r) => r.id));
  const mine = local.filter((e) => e.student === student && !confirmed.has(e.record.id)).map(rowOf);
  return [...mine, ...view.engagement.timeline.map((r) => ({ ...r, student }))].sort(newestFirst);
}

/** This device's records for every other student (a teacher logging for the roster). */
export function otherStudentsRows(local, student) {
  return local
    .filter((e) => e.student !== student)
    .map(rowOf)
    .sort(newestFirst);
}
