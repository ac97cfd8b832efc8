// The widget's styles as a constructable stylesheet: a strict `style-src 'self'` blocks inline <style>
// in a shadow root, but not adopted sheets. Every visual value is a --fep-* custom property.
const css = `
:host {
  display: block;
  font-family: var(--fep-font-family, system-ui, sans-serif);
  font-size: var(--fep-font-size, 1rem);
  color: var(--fep-color-text, #1b1b1b);
  background: var(--fep-color-surface, #ffffff);
  border: 1px solid var(--fep-color-border, #c9c9c9);
  border-radius: var(--fep-radius, 0.5rem);
  padding: var(--fep-spacing, 1rem);
}
:host([hidden]) { display: none; }
[part="student"] { margin: 0 0 0.5rem; font-size: 1.25em; }
[part="badge"] {
  display: inline-block;
  margin: 0;
  padding: 0.25rem 0.5rem;
  border-radius: var(--fep-radius, 0.5rem);
  font-weight: 600;
  color: var(--fep-color-verified-text, #0b5d1e);
  background: var(--fep-color-verified-surface, #dff3e4);
}
[part="error"] {
  color: var(--fep-color-error-text, #8a1c1c);
  background: var(--fep-color-error-surface, #fbe9e9);
  padding: 0.5rem;
  border-radius: var(--fep-radius, 0.5rem);
}
[part="validity"] { color: var(--fep-color-muted, #4a4a4a); margin: 0.5rem 0 0; }
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
