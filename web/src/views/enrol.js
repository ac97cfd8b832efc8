// Signing this device in to the school's hub: one field for the invite code, typed or arrived with
// the invite link. The code is read aloud or copied from paper, so case, spaces and dashes don't matter.
import { html } from 'lit';

/** @param {{code: string, busy: boolean, status: string, on: {input, submit}}} state */
export function enrolView(t, { code, busy, status, on }) {
  return html`<form part="enrol" class="enrol" @submit=${on.submit}>
    <h2>${t.t('enrol.title')}</h2>
    <p>${t.t('enrol.intro')}</p>
    <p class="field">
      <label for="code">${t.t('enrol.code')}</label>
      <input
        id="code"
        name="code"
        autocomplete="one-time-code"
        autocapitalize="characters"
        spellcheck="false"
        required
        .value=${code}
        @input=${(e) => on.input(e.target.value)}
      />
    </p>
    <p><button type="submit" class="primary" ?disabled=${busy}>${t.t('enrol.submit')}</button></p>
    <p class="form-status" role="status" tabindex="-1">${status ? t.t(`enrol.${status}`) : ''}</p>
  </form>`;
}

/** The account's students, when it has several: which one the record shows. */
export function studentPicker(t, { students, chosen, onChoose }) {
  if (students.length < 2) return '';
  return html`<p class="field student-picker">
    <label for="shown-student">${t.t('picker.student')}</label>
    <select id="shown-student" data-action="student" @change=${(e) => onChoose(e.target.value)}>
      ${students.map(
        ({ id, displayName }) => html`<option value=${id} ?selected=${id === chosen}>${displayName}</option>`,
      )}
    </select>
  </p>`;
}
