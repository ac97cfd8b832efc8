// The forms that write contact records: the teacher's (view="teacher") and the family's. The common
// case is two taps, a quick message and Save, and records exactly that: a message sent through the
// portal. A call, meeting or visit is recorded only with how it went, chosen by the teacher (nothing is
// pre-selected). A family writes as the person signed in, so its form names nobody. What a person
// types lives in the element's state (`form`, contact-record.js emptyForm), so it survives
// re-rendering, a language switch and a student change.
import { html, nothing } from 'lit';
import { isPortalMessage } from '../contact-record.js';

export const TEMPLATES = ['absent_today', 'positive_progress', 'please_call', 'missing_work', 'conference_invite'];
const FAMILY_KINDS = ['message', 'absence', 'call'];

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

const options = (pairs, selected) =>
  pairs.map(([value, label]) => html`<option value=${value} ?selected=${value === selected}>${label}</option>`);

const field = (id, label, control, help) =>
  html`<p class="field">
    <label for=${id}>${label}</label>${control}${help ? html`<span class="muted" id="${id}-help">${help}</span>` : nothing}
  </p>`;

// A radio button or checkbox with its label, large enough to tap.
const choice = (type, name, value, checked, onChange, label) =>
  html`<label class="choice"><input type=${type} name=${name} value=${value} .checked=${checked} @change=${onChange} /> ${label}</label>`;

const select = (id, pairs, selected, on, required = false) =>
  html`<select
    id=${id}
    name=${id}
    aria-required=${required ? 'true' : nothing}
    .value=${selected ?? ''}
    @change=${(e) => on.set(id, e.target.value)}
  >
    ${options(pairs, selected)}
  </select>`;

function contactsField(contacts, form, t, on) {
  const pairs = contacts.map((c) => [c.id, c.relation ? `${c.name} (${relation(c.relation, t)})` : c.name]);
  const chosen = contacts.some((c) => c.id === form.contact) ? form.contact : contacts[0]?.id;
  return field('contact', t.t('form.contact'), select('contact', pairs, chosen, on));
}

const noteField = (form, t, on) =>
  field(
    'note',
    t.t('form.note'),
    html`<textarea
      id="note"
      name="note"
      rows="3"
      maxlength="2000"
      aria-describedby="note-help"
      .value=${form.note}
      @input=${(e) => on.set('note', e.target.value)}
    ></textarea>`,
    t.t('form.noteHelp'),
  );

const footer = (label, status, saving) =>
  html`<p><button type="submit" class="primary" ?disabled=${saving} aria-disabled=${String(saving)}>${label}</button></p>
    <p role="status" class="form-status" tabindex="-1">${status}</p>`;

/**
 * `vocabulary`: the core's words ({directions, channels, outcomes, topics}); `roster`: {students, chosen,
 * current} when the teacher has a roster, else null (the record's student).
 * `on`: {set(name, value), toggleTopic(topic), submit(event)}.
 */
// How the contact happened: a message through the portal first (the form's default), then the rest.
const channelsInOrder = (channels) => ['app_message', ...channels.filter((c) => c !== 'app_message')];

// What a call, meeting or visit led to; `sent` only for a written channel.
const WRITTEN = new Set(['text', 'email', 'letter']);
const outcomesFor = (channel, outcomes) => outcomes.filter((o) => o !== 'sent' || WRITTEN.has(channel));

function howItWentFields(form, t, vocabulary, on) {
  if (isPortalMessage(form)) return nothing;
  const outcomes = outcomesFor(form.channel, vocabulary.outcomes);
  const outcome = outcomes.includes(form.outcome) ? form.outcome : '';
  return html`<fieldset>
      <legend>${t.t('form.direction')}</legend>
      ${vocabulary.directions.map((d) =>
        choice('radio', 'direction', d, form.direction === d, () => on.set('direction', d), t.t(`direction.${d}`)),
      )}
    </fieldset>
    ${field(
      'outcome',
      t.t('form.outcome'),
      select(
        'outcome',
        [['', t.t('form.outcome.choose')], ...outcomes.map((o) => [o, t.t(`outcome.${o}`)])],
        outcome,
        on,
        form.direction === 'school_to_family',
      ),
    )}`;
}

export function teacherFormView(view, t, { form, status, saving, roster, vocabulary, on }) {
  const student = roster?.students.find((s) => s.id === roster.chosen);
  // The missing-work message carries a count the widget knows only for the student whose record it shows.
  const templates = TEMPLATES.filter((id) => id !== 'missing_work' || !roster || roster.chosen === roster.current);
  const template = templates.includes(form.template) ? form.template : '';
  return html`<form part="card" class="contact-form" data-form="teacher" aria-labelledby="teacher-title" @submit=${on.submit}>
    <h3 id="teacher-title">${t.t('form.teacherTitle')}</h3>
    ${
      roster
        ? field(
            'student',
            t.t('form.student'),
            select(
              'student',
              roster.students.map((s) => [s.id, s.displayName]),
              roster.chosen,
              on,
            ),
          )
        : nothing
    }
    ${contactsField(student ? student.contacts : view.contacts, form, t, on)}
    <fieldset>
      <legend>${t.t('form.template')}</legend>
      <p class="quick">
        ${templates.map(
          (id) =>
            html`<button
              type="button"
              data-template=${id}
              aria-pressed=${String(id === template)}
              @click=${() => on.set('template', id)}
            >
              ${t.t(`templateName.${id}`)}
            </button>`,
        )}
      </p>
      <select
        id="template"
        name="template"
        aria-label=${t.t('form.template')}
        .value=${template}
        @change=${(e) => on.set('template', e.target.value)}
      >
        ${options(
          [['', t.t('form.template.none')], ...templates.map((id) => [id, t.t(`templateName.${id}`)])],
          template,
        )}
      </select>
    </fieldset>
    ${field(
      'course',
      t.t('form.course'),
      select(
        'course',
        view.courses.map((c) => [c.title, c.title]),
        form.course ?? view.courses[0]?.title,
        on,
      ),
    )}
    ${noteField(form, t, on)}
    ${field(
      'channel',
      t.t('form.channel'),
      select(
        'channel',
        channelsInOrder(vocabulary.channels).map((c) => [c, t.t(`channel.${c}`)]),
        form.channel,
        on,
      ),
    )}
    ${howItWentFields(form, t, vocabulary, on)}
    <fieldset>
      <legend>${t.t('form.topics')}</legend>
      ${vocabulary.topics.map((topic) =>
        choice(
          'checkbox',
          'topics',
          topic,
          form.topics.includes(topic),
          () => on.toggleTopic(topic),
          t.t(`topic.${topic}`),
        ),
      )}
    </fieldset>
    ${field(
      'followUpDate',
      t.t('form.followUp'),
      html`<input
        type="date"
        id="followUpDate"
        name="followUpDate"
        .value=${form.followUpDate}
        @input=${(e) => on.set('followUpDate', e.target.value)}
      />`,
    )}
    ${footer(t.t('form.save'), status, saving)}
  </form>`;
}

export function familyFormView(view, t, { form, status, saving, on }) {
  return html`<form part="card" class="contact-form" data-form="family" aria-labelledby="family-title" @submit=${on.submit}>
    <h3 id="family-title">${t.t('form.familyTitle')}</h3>
    <fieldset>
      <legend>${t.t('form.kind')}</legend>
      ${FAMILY_KINDS.map((kind) =>
        choice('radio', 'kind', kind, form.kind === kind, () => on.set('kind', kind), t.t(`form.kind.${kind}`)),
      )}
    </fieldset>
    ${noteField(form, t, on)}
    ${footer(t.t('form.send'), status, saving)}
  </form>`;
}
