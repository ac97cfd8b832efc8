// <family-portal>: verifies a district's signed bundle in the WebAssembly core and shows it only once
// verified. Everything from the bundle is rendered with textContent, never as HTML.
import { FepError, loadCore } from './core.js';
import { portalStyles } from './styles.js';
import { messages } from './messages.js';

// Attributes holding either inline JSON or the URL of a JSON document.
async function jsonOrUrl(value, missingCode) {
  const text = (value ?? '').trim();
  if (!text) throw new FepError(missingCode, 'attribute missing');
  if (text.startsWith('{')) return text;
  return fetchText(text, missingCode);
}

async function fetchText(url, code) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new FepError('unavailable', `${url}: ${error.message}`);
  }
  if (!response.ok) throw new FepError(code === 'unknown_key' ? 'unknown_key' : 'unavailable', `${url}: HTTP ${response.status}`);
  return response.text();
}

export class FamilyPortal extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'keys', 'roots', 'keyset', 'lang'];
  }

  #bundle = null;
  #renderToken = 0;
  #view;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [portalStyles()];
    this.#view = document.createElement('div');
    this.#view.setAttribute('role', 'status');
    this.#view.setAttribute('aria-live', 'polite');
    root.append(this.#view);
  }

  /** The compact JWS text, as an alternative to the `src` attribute. */
  get bundle() {
    return this.#bundle;
  }

  set bundle(value) {
    this.#bundle = value == null ? null : String(value);
    this.#refresh();
  }

  connectedCallback() {
    this.#refresh();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#refresh();
  }

  async #refresh() {
    const token = ++this.#renderToken;
    if (this.#bundle == null && !this.hasAttribute('src')) return;
    this.#setState('loading');
    try {
      const [core, bundle, trust] = await Promise.all([loadCore(), this.#loadBundle(), this.#loadTrust()]);
      if (token !== this.#renderToken) return;
      const verified = core.verifyBundle({ bundle: bundle.trim(), ...trust });
      this.#showVerified(verified.claims);
    } catch (error) {
      if (token !== this.#renderToken) return;
      this.#showError(error instanceof FepError ? error.code : 'malformed', error);
    }
  }

  #loadBundle() {
    return this.#bundle != null ? this.#bundle : fetchText(this.getAttribute('src'), 'unavailable');
  }

  // Signing keys come from `keys` (a JWKS), or from a `keyset` signed by one of the pinned `roots`.
  async #loadTrust() {
    if (this.hasAttribute('keyset')) {
      const [roots, keyset] = await Promise.all([
        jsonOrUrl(this.getAttribute('roots'), 'unknown_key'),
        fetchText(this.getAttribute('keyset'), 'unknown_key'),
      ]);
      return { roots, keyset: keyset.trim() };
    }
    return { keys: await jsonOrUrl(this.getAttribute('keys'), 'unknown_key') };
  }

  #text() {
    return messages(this.getAttribute('lang') || document.documentElement.lang);
  }

  #setState(state) {
    this.setAttribute('state', state);
    this.#view.replaceChildren(...(state === 'loading' ? [this.#text().loading] : []));
  }

  #showVerified(claims) {
    const text = this.#text();
    const badge = document.createElement('p');
    badge.part = 'badge';
    badge.textContent = text.verifiedBy(new URL(claims.iss).host);
    const validity = document.createElement('p');
    validity.part = 'validity';
    validity.textContent = text.validity(new Date(claims.iat * 1000), new Date(claims.exp * 1000));
    const student = document.createElement('h2');
    student.part = 'student';
    student.textContent = claims.record?.student?.displayName ?? claims.sub;
    this.#view.replaceChildren(student, badge, validity);
    this.setAttribute('state', 'verified');
    this.dispatchEvent(new CustomEvent('fep-rendered', { bubbles: true, composed: true, detail: { claims } }));
  }

  #showError(code, error) {
    const box = document.createElement('p');
    box.part = 'error';
    box.setAttribute('role', 'alert');
    box.textContent = this.#text().error(code);
    this.#view.replaceChildren(box);
    this.setAttribute('state', 'error');
    console.warn('family-portal:', error);
    this.dispatchEvent(new CustomEvent('fep-error', { bubbles: true, composed: true, detail: { code } }));
  }
}
