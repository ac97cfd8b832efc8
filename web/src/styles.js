// The widget's styles as a constructable stylesheet: a strict `style-src 'self'` blocks inline <style>
// in a shadow root, but not adopted sheets. Every visual value is a --fep-* custom property; layout uses
// logical properties so right-to-left languages mirror correctly. Mobile first, from 320 px.
const css = `
:host {
  /* Only the font family comes from the host page, on purpose (the widget reads as part of the page).
     A host rule that matches this element (* { white-space: nowrap; letter-spacing: 2px }) wins over
     :host, so every inherited value is reset again on .root, inside the shadow root, where the host's
     rules cannot reach: there it is set from --fep-* properties or to its initial value. */
  all: initial;
  display: block;
  font-family: var(--fep-font-family, inherit);
  background: var(--fep-color-surface, #ffffff);
  border: 1px solid var(--fep-color-border, #c9c9c9);
  border-radius: var(--fep-radius, 0.5em);
  contain: content;
}
:host([hidden]) { display: none; }
.root {
  all: initial; /* direction stays the dir attribute's: \`all\` leaves it alone */
  display: block;
  font-family: var(--fep-font-family, inherit);
  padding: var(--fep-spacing, 0.75em);
  /* medium is the reader's own default size, which no host rule on html can change (em could). */
  font-size: var(--fep-font-size, medium);
  line-height: 1.5;
  color: var(--fep-color-text, #1b1b1b);
  overflow-wrap: anywhere;
}
select, button, input, textarea { max-inline-size: 100%; box-sizing: border-box; }
fieldset { min-inline-size: 0; }
.contact-form textarea { inline-size: 100%; }
button { white-space: normal; }
h2 { font-size: 1.25em; margin: 0 0 0.25em; }
h3 { font-size: 1.05em; margin: 0 0 0.5em; }
h4 { font-size: 1em; margin: 0.75em 0 0.25em; }
p { margin: 0.25em 0; }
.muted { color: var(--fep-color-muted, #4a4a4a); }
.big { font-size: 1.15em; font-weight: 600; }
.plain { list-style: none; margin: 0; padding: 0; }
.visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
[part="badge"] {
  display: inline-block;
  max-inline-size: 100%;
  box-sizing: border-box;
  padding: 0.125em 0.5em;
  border-radius: var(--fep-radius, 0.5em);
  font-weight: 600;
  color: var(--fep-color-verified-text, #0b5d1e);
  background: var(--fep-color-verified-surface, #dff3e4);
}
[part="offline"], .notice {
  padding: 0.25em 0.5em;
  border-radius: var(--fep-radius, 0.5em);
  background: var(--fep-color-notice-surface, #fff4d6);
  color: var(--fep-color-notice-text, #5c4300);
}
[part="error"] {
  color: var(--fep-color-error-text, #8a1c1c);
  background: var(--fep-color-error-surface, #fbe9e9);
  padding: 0.75em;
  border-radius: var(--fep-radius, 0.5em);
}
.language { margin-block: 0.5em; }
select, button {
  font: inherit;
  min-block-size: 2.75em;
  padding-inline: 0.5em;
  border: 1px solid var(--fep-color-border-strong, #6b6b6b);
  border-radius: var(--fep-radius, 0.5em);
  background: var(--fep-color-control, #ffffff);
  color: inherit;
}
button:focus-visible, select:focus-visible, summary:focus-visible, [role="tabpanel"]:focus-visible {
  outline: 3px solid var(--fep-color-focus, #1a5fb4);
  outline-offset: 2px;
}
[role="tablist"] { display: flex; flex-wrap: wrap; gap: 0.25em; margin-block: 0.75em 0.5em; }
[role="tab"] { flex: 1 1 auto; }
[role="tab"][aria-selected="true"], button[aria-pressed="true"] {
  background: var(--fep-color-accent, #1a5fb4);
  border-color: var(--fep-color-accent, #1a5fb4);
  color: var(--fep-color-on-accent, #ffffff);
  font-weight: 600;
}
[part="card"] {
  border: 1px solid var(--fep-color-border, #c9c9c9);
  border-radius: var(--fep-radius, 0.5em);
  padding: 0.75em;
  margin-block: 0.5em;
}
.row { display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; justify-content: space-between; padding-block: 0.25em; border-block-end: 1px solid var(--fep-color-divider, #e4e4e4); }
.value { font-weight: 600; }
.flag { color: var(--fep-color-error-text, #8a1c1c); font-weight: 600; }
.tier-satisfactory { color: var(--fep-color-verified-text, #0b5d1e); }
.tier-at_risk { color: var(--fep-color-notice-text, #5c4300); }
.tier-moderate_chronic, .tier-severe_chronic { color: var(--fep-color-error-text, #8a1c1c); }
.month-nav { display: flex; align-items: center; justify-content: space-between; gap: 0.5em; }
.month-nav span { font-weight: 600; overflow-wrap: normal; word-break: keep-all; }
.calendar { inline-size: 100%; border-collapse: collapse; table-layout: fixed; margin-block: 0.5em; }
.calendar th { font-size: 0.8em; font-weight: 600; padding-block: 0.25em; overflow-wrap: normal; word-break: keep-all; }
.calendar td { text-align: center; padding: 0.125em; block-size: 2.5em; vertical-align: top; border: 1px solid var(--fep-color-divider, #e4e4e4); }
.calendar .num { display: block; font-size: 0.75em; color: var(--fep-color-muted, #4a4a4a); }
.calendar .mark { display: block; font-weight: 700; }
.s-present .mark, .key.s-present { color: var(--fep-color-present, #0b5d1e); }
.s-excused_absence, .key.s-excused_absence { background: var(--fep-color-excused, #e7effa); }
.s-unexcused_absence, .key.s-unexcused_absence { background: var(--fep-color-unexcused, #fbe3e3); }
.s-suspension, .key.s-suspension { background: var(--fep-color-suspension, #f1e1f5); }
.s-partial, .key.s-partial, .s-tardy, .key.s-tardy, .s-early_departure, .key.s-early_departure { background: var(--fep-color-partial, #fff1cc); }
.s-not_enrolled, .key.s-not_enrolled { background: var(--fep-color-not-enrolled, #eeeeee); }
.s-no_school, .key.s-no_school { background: var(--fep-color-no-school, #f7f7f7); }
.legend ul { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(9em, 100%), 1fr)); gap: 0.25em 0.75em; }
.key { display: inline-block; inline-size: 1.5em; min-block-size: 1em; vertical-align: middle; border: 1px solid var(--fep-color-divider, #e4e4e4); text-align: center; border-radius: 0.25em; font-weight: 700; }
.bars li { display: grid; gap: 0.125em; margin-block: 0.375em; }
.bar { display: block; block-size: 0.5em; min-inline-size: 2px; background: var(--fep-color-accent, #1a5fb4); border-radius: 0.25em; }
details > summary { cursor: pointer; display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; min-block-size: 2.75em; align-items: center; }
.course-title { font-weight: 600; flex: 1 1 100%; }
.assignment { display: grid; padding-block: 0.375em; border-block-end: 1px solid var(--fep-color-divider, #e4e4e4); }
.a-missing > span:first-child { color: var(--fep-color-error-text, #8a1c1c); font-weight: 600; }
.new { color: var(--fep-color-accent, #1a5fb4); font-weight: 700; }
.timeline > li { border-block-end: 1px solid var(--fep-color-divider, #e4e4e4); padding-block: 0.5em; }
.message { white-space: pre-wrap; overflow-wrap: anywhere; }
.contact-form .field { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.25em; margin-block: 0.5em; }
.contact-form fieldset { border: 1px solid var(--fep-color-divider, #e4e4e4); border-radius: var(--fep-radius, 0.5em); margin-block: 0.5em; padding: 0.5em; }
.contact-form legend { font-weight: 600; padding-inline: 0.25em; }
.contact-form textarea, .contact-form input[type="date"] {
  font: inherit; padding: 0.5em; min-block-size: 2.75em;
  border: 1px solid var(--fep-color-border-strong, #6b6b6b); border-radius: var(--fep-radius, 0.5em);
}
.choice { display: inline-flex; align-items: center; gap: 0.25em; min-block-size: 2.75em; margin-inline-end: 0.75em; }
.choice input { inline-size: 1.25em; block-size: 1.25em; }
.quick { display: flex; flex-wrap: wrap; gap: 0.375em; }
button.primary { background: var(--fep-color-accent, #1a5fb4); border-color: var(--fep-color-accent, #1a5fb4); color: var(--fep-color-on-accent, #ffffff); font-weight: 600; padding-inline: 1.25em; }
.form-status { font-weight: 600; }
.enrol input {
  font: inherit; font-size: 1.25em; letter-spacing: 0.05em; padding: 0.5em; min-block-size: 2.75em; inline-size: 100%;
  border: 1px solid var(--fep-color-border-strong, #6b6b6b); border-radius: var(--fep-radius, 0.5em);
}
.enrol label { display: block; }
.table-wrap { overflow-x: auto; max-inline-size: 100%; }
.table-wrap table { border-collapse: collapse; margin-block: 0.5em; }
.table-wrap caption { text-align: start; font-weight: 600; padding-block: 0.25em; }
.table-wrap th, .table-wrap td { text-align: start; padding: 0.375em 0.5em; border-block-end: 1px solid var(--fep-color-divider, #e4e4e4); vertical-align: top; }
/* Words stay whole in a table (the box scrolls sideways instead), names and headings never a letter a line. */
.table-wrap th, .table-wrap td { overflow-wrap: normal; }
.priority > li { border-block-end: 1px solid var(--fep-color-divider, #e4e4e4); padding-block: 0.5em; }
.figures { display: flex; flex-wrap: wrap; gap: 0.25em 1.5em; margin: 0.25em 0; }
.figures dt { font-size: 0.85em; color: var(--fep-color-muted, #4a4a4a); }
.figures dd { margin: 0; font-weight: 600; }
.table-wrap th[scope="row"] { font-weight: normal; min-inline-size: 8em; }
/* Printed, the figures and tables stay; the controls go. */
@media print {
  button, select, .language, [role="tablist"] { display: none; }
  .table-wrap { overflow: visible; }
}
.sync { display: inline-block; font-size: 0.85em; font-weight: 600; padding: 0 0.375em; border-radius: var(--fep-radius, 0.5em); }
.sync-pending { background: var(--fep-color-notice-surface, #fff4d6); color: var(--fep-color-notice-text, #5c4300); }
.sync-synced { background: var(--fep-color-verified-surface, #dff3e4); color: var(--fep-color-verified-text, #0b5d1e); }
.sync-rejected,
.sync-unsent { background: var(--fep-color-error-surface, #fbe9e9); color: var(--fep-color-error-text, #8a1c1c); }
@media (min-width: 40em) {
  .course-title { flex-basis: auto; }
  [role="tab"] { flex: 0 1 auto; }
}
`;

let sheet;

/** One shared sheet for every instance on the page. */
export function portalStyles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
