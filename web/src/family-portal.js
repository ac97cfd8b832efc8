// <family-portal>: verifies signed data in the WebAssembly core and shows it only once verified.
// Everything from the data is rendered with textContent, never as HTML.
import { FepError, loadCore } from './core.js';
import { portalStyles } from './styles.js';
import { messages } from './messages.js';

export class FamilyPortal extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'keys', 'lang'];
  }

  #bundle = null;
  #renderToken = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [portalStyles()];
    this.#status = document.createElement('div');
    this.#status.setAttribute('role', 'status');
    this.#status.setAttribute('aria-live', 'polite');
    root.append(this.#status);
  }

  #status;

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
    const stale = () => token !== this.#renderToken;
    if (this.#bundle == null && !this.hasAttribute('src')) return;
    this.#setState('loading');
    try {
      const [core, compact, jwk] = await Promise.all([loadCore(), this.#loadBundle(), this.#loadKey()]);
      if (stale()) return;
      const payload = core.verifyJws(compact.trim(), jwk);
      this.#showVerified(payload);
    } catch (error) {
      if (stale()) return;
      this.#showError(error instanceof FepError ? error.code : 'malformed', error);
    }
  }

  async #loadBundle() {
    if (this.#bundle != null) return this.#bundle;
    const response = await fetch(this.getAttribute('src'));
    if (!response.ok) throw new FepError('malformed', `bundle: HTTP ${response.status}`);
    return response.text();
  }

  // `keys` holds a JWK as inline JSON, or the URL of one.
  async #loadKey() {
    const keys = (this.getAttribute('keys') ?? '').trim();
    if (keys.startsWith('{')) return keys;
    if (!keys) throw new FepError('unknown_key', 'no keys attribute');
    const response = await fetch(keys);
    if (!response.ok) throw new FepError('unknown_key', `keys: HTTP ${response.status}`);
    return response.text();
  }

  #text() {
    return messages(this.getAttribute('lang') || document.documentElement.lang);
  }

  #setState(state) {
    this.setAttribute('state', state);
    this.#status.replaceChildren(...(state === 'loading' ? [this.#text().loading] : []));
  }

  #showVerified(payload) {
    const text = this.#text();
    const badge = document.createElement('span');
    badge.part = 'badge';
    badge.textContent = text.verified;
    const body = document.createElement('p');
    body.part = 'payload';
    body.textContent = payload;
    this.#status.replaceChildren(badge, body);
    this.setAttribute('state', 'verified');
    this.dispatchEvent(new CustomEvent('fep-rendered', { bubbles: true, composed: true, detail: { payload } }));
  }

  #showError(code, error) {
    const box = document.createElement('p');
    box.part = 'error';
    box.setAttribute('role', 'alert');
    box.textContent = this.#text().error(code);
    this.#status.replaceChildren(box);
    this.setAttribute('state', 'error');
    console.warn('family-portal:', error);
    this.dispatchEvent(new CustomEvent('fep-error', { bubbles: true, composed: true, detail: { code } }));
  }
}
