// The plain-JavaScript baseline for `npm run bench`: the same job on the same bytes without the core.
// Split the JWS, verify Ed25519 with WebCrypto, JSON.parse the payload, then compute the same counts as
// the summary: days enrolled and absent (max per day, school-level first, then section share), the
// rate and tier, missing assignments per course, the last contact. It skips what the core also does
// (strict base64url, duplicate-member and depth checks, the header profile, schema validation, the
// full view with calendars), so it is a lower bound for a JS implementation, not an equal.
const subtle = globalThis.crypto.subtle;
const decoder = new TextDecoder();

export async function importKey(jwk) {
  return subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, { name: 'Ed25519' }, false, ['verify']);
}

export async function baselineSummary(compact, key, today) {
  const [h, p, s] = compact.split('.');
  const ok = await subtle.verify('Ed25519', key, Buffer.from(s, 'base64url'), new TextEncoder().encode(`${h}.${p}`));
  if (!ok) throw new Error('bad_signature');
  const claims = JSON.parse(decoder.decode(Buffer.from(p, 'base64url')));
  const r = claims.record;

  const schoolDay = new Set(['Instructional day', 'Make-up day', 'Student late arrival/early dismissal']);
  const enrolled = new Map();
  for (const e of r.enrollments) {
    const school = r.schools.find((x) => x.id === e.schoolId);
    for (const d of school.calendarDates) {
      if (
        schoolDay.has(d.event) &&
        d.date >= e.entryDate &&
        (!e.exitWithdrawDate || d.date <= e.exitWithdrawDate) &&
        !enrolled.has(d.date)
      ) {
        enrolled.set(d.date, school);
      }
    }
  }
  const category = {
    'In Attendance': 0,
    'Excused Absence': 1,
    'Unexcused Absence': 1,
    Suspension: 1,
    Partial: 1,
    Tardy: 0,
    'Early departure': 0,
  };
  const map = { ...Object.fromEntries(Object.keys(category).map((k) => [k, k])), ...(r.attendanceDescriptors ?? {}) };
  const schoolLevel = new Map(),
    sectionLevel = new Map();
  for (const e of r.attendanceEvents) {
    if (enrolled.get(e.date)?.id !== e.schoolId) continue;
    const target = e.sectionId ? sectionLevel : schoolLevel;
    if (!target.has(e.date)) target.set(e.date, []);
    target.get(e.date).push(e);
  }
  let daysEnrolled = 0,
    absent = 0;
  for (const [date, school] of enrolled) {
    if (date > today) continue;
    daysEnrolled++;
    const events = schoolLevel.get(date);
    if (events) {
      absent += Math.max(0, ...events.map((e) => (category[map[e.descriptor]] ? (e.duration ?? 1) : 0)));
    } else if (sectionLevel.has(date)) {
      const missed = new Set(
        sectionLevel
          .get(date)
          .filter((e) => category[map[e.descriptor]])
          .map((e) => e.sectionId),
      );
      absent += Math.min(1, missed.size / (school.periodsPerDay ?? 7));
    }
  }
  const rate = daysEnrolled ? absent / daysEnrolled : 0;
  const tier =
    rate >= 0.2 ? 'severe_chronic' : rate >= 0.1 ? 'moderate_chronic' : rate >= 0.05 ? 'at_risk' : 'satisfactory';

  const results = new Map(r.studentGradebookEntries.map((x) => [x.gradebookEntryId, x]));
  const courseOf = new Map(r.sections.map((x) => [x.id, x.courseId]));
  const missing = new Map();
  for (const entry of r.gradebookEntries) {
    const result = results.get(entry.id);
    const handedIn =
      result &&
      (result.pointsEarned != null ||
        result.letter ||
        ['Graded', 'Returned', 'Submitted', 'Exempt'].includes(result.submissionStatus));
    if (!handedIn && entry.dueDate && entry.dueDate < today) {
      const course = courseOf.get(entry.sectionId);
      missing.set(course, (missing.get(course) ?? 0) + 1);
    }
  }
  const lastContact = r.contactRecords.reduce((a, b) => (!a || b.at > a.at ? b : a), null);
  return {
    daysEnrolled,
    daysAbsent: absent,
    rate,
    tier,
    missing: [...missing.values()].reduce((a, b) => a + b, 0),
    lastContact: lastContact?.at,
  };
}
