// The school's hub as the widget sees it (docs/hub.md, "API"): every request carries a fresh DPoP proof
// made with this device's key; refusals become FepErrors with the hub's stable code.
import { FepError, base64url } from './core.js';
import { dpopProof } from './dpop.js';

// A device whose clock is off by more than the hub's few minutes of skew is told so by the hub
// (expired / not_yet_valid); its next proof uses the hub's clock, from the refusal's Date header.
const CLOCK_CODES = new Set(['expired', 'not_yet_valid']);
const encoder = new TextEncoder();

// A signed object as the hub sends it in JSON, {protected, payload, signature} with its payload
// unencoded (it compresses far better so: a year's bundle is 11 KB instead of 17 with Brotli), as the
// compact JWS again, byte for byte, which the core verifies as any other; null when it is not that.
function compactOf(sent) {
  const { protected: header, payload, signature } = sent ?? {};
  if (![header, payload, signature].every((part) => typeof part === 'string')) return null;
  return `${header}.${base64url(encoder.encode(payload))}.${signature}`;
}

export class HubClient {
  #base;
  #device;
  #clockOffset = 0;

  /** @param {string} base the hub's URL; @param {{privateKey, publicJwk}} device */
  constructor(base, device) {
    this.#base = new URL(base, location.href);
    this.#device = device;
  }

  get origin() {
    return this.#base.origin;
  }

  /**
   * Sends one request; resolves with the Response when it is 2xx or 304, else rejects with FepError.
   * `onSent` is called once the request is on its way (the page may then use the wait).
   */
  async request(method, path, { body, headers = {}, onSent } = {}) {
    const url = new URL(path.replace(/^\//, ''), this.#base).href;
    for (let attempt = 0; ; attempt++) {
      let response;
      try {
        const sending = fetch(url, {
          method,
          headers: {
            ...headers,
            DPoP: await dpopProof(this.#device, method, url, this.#clockOffset),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          cache: 'no-cache',
        });
        if (attempt === 0) onSent?.();
        response = await sending;
      } catch (error) {
        throw new FepError('unavailable', `${url}: ${error.message}`);
      }
      if (response.ok || response.status === 304) return response;
      const refusal = await response.json().catch(() => ({}));
      const date = Date.parse(response.headers.get('Date') ?? '');
      if (attempt === 0 && response.status === 401 && CLOCK_CODES.has(refusal.code) && Number.isFinite(date)) {
        this.#clockOffset = Math.round((date - Date.now()) / 1000);
        continue;
      }
      const code = typeof refusal.code === 'string' ? refusal.code : response.status >= 500 ? 'unavailable' : 'generic';
      throw new FepError(code, `${method} ${url}: HTTP ${response.status} ${refusal.message ?? ''}`.trim());
    }
  }

  async #json(method, path, body, onSent) {
    return (await this.request(method, path, { body, onSent })).json();
  }

  async #text(path) {
    return (await (await this.request('GET', path)).text()).trim();
  }

  /**
   * Binds this device to the invite's account: the account as /api/me describes it, and `bundle`
   * {student, compact} when the hub sent the first student's bundle along (`student`, if given and the
   * account's, else its first).
   */
  async enroll(code, student, onSent) {
    const answer = await this.#json('POST', '/api/enroll', student ? { code, student } : { code }, onSent);
    const compact = compactOf(answer.bundle);
    const { student: shown } = answer.bundle ?? {};
    return { ...answer, bundle: compact && typeof shown === 'string' ? { student: shown, compact } : null };
  }

  /** {account, name, role, device, students: [{id, displayName}]}; rejects not_enrolled / device_revoked. */
  me(onSent) {
    return this.#json('GET', '/api/me', undefined, onSent);
  }

  /** The student's signed bundle (fep-record+jwt), compact; it travels in the hub's JSON form. */
  async bundle(student) {
    const path = `/api/students/${encodeURIComponent(student)}/bundle`;
    const response = await this.request('GET', path, { headers: { Accept: 'application/json' } });
    const compact = compactOf(await response.json().catch(() => null));
    if (!compact) throw new FepError('malformed', `GET ${path}: not a signed bundle`);
    return compact;
  }

  /**
   * The caller's signed dashboard (fep-dashboard+jwt) for `scope` ("section:ID", "school:ID" or "" for
   * all their students), compact; it travels in the hub's JSON form, like a bundle. Staff only.
   */
  async dashboard(scope) {
    const path = `/api/dashboard${scope ? `?scope=${encodeURIComponent(scope)}` : ''}`;
    const response = await this.request('GET', path, { headers: { Accept: 'application/json' } });
    const compact = compactOf(await response.json().catch(() => null));
    if (!compact) throw new FepError('malformed', `GET ${path}: not a signed dashboard`);
    return compact;
  }

  /** Part `part` (1 = the oldest) of the student's contact archive (fep-archive+jwt), compact. */
  archive(student, part) {
    return this.#text(`/api/students/${encodeURIComponent(student)}/archive/${part}`);
  }

  /** The caller's signed roster (fep-roster+jwt), compact: staff only. */
  roster() {
    return this.#text('/api/roster');
  }

  /** The published trust material: roots (JSON text), the key set and the revocation list (compact). */
  async published() {
    const get = async (name) => {
      const url = new URL(`.well-known/${name}`, this.#base).href;
      let response;
      try {
        response = await fetch(url, { cache: 'no-cache' });
      } catch (error) {
        throw new FepError('unavailable', `${url}: ${error.message}`);
      }
      if (!response.ok) throw new FepError('unavailable', `${url}: HTTP ${response.status}`);
      return (await response.text()).trim();
    };
    const [roots, keyset, revocations] = await Promise.all([
      get('fep/roots.json'),
      get('fep/keyset.jws'),
      get('fep/revocations.jws'),
    ]);
    return { roots, keyset, revocations };
  }

  /** Posts a contact-log batch (docs/contact-log.md); resolves with the Response, as the outbox expects. */
  postContacts(batch) {
    return this.request('POST', '/api/contact-log', { body: batch });
  }
}
