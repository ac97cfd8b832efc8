// The views past the first screen: every tab but the summary, the contact forms and the dashboards,
// with what only they use. esbuild makes this a chunk of its own, which the element fetches once the
// first record is on screen (or a tab asks first): the first render waits for less script on a
// phone's slow link (docs/benchmarks.md, "A parent's phone").
export { attendanceView, shownMonth } from './attendance.js';
export { familyFormView, teacherFormView } from './contact-forms.js';
export { dashboardView } from './dashboard.js';
export { engagementView } from './engagement.js';
export { gradesView } from './grades.js';
export { historyView } from './history.js';
export { mergedTimeline, otherStudentsRows, unopenedParts } from '../timeline.js';
