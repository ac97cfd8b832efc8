// The typed facade over the WebAssembly core. Raw Embind functions start with '_'; this module gives
// them idiomatic names and turns the core's error codes into one Error subclass with a stable `.code`.
/** An error from the core. `code` is stable (see docs/bundle-format.md); `detail` is for developers. */
export class FepError extends Error {
  constructor(code, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'FepError';
    this.code = code;
    this.detail = detail;
  }
}

const asText = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

const MAX_BUNDLE_BYTES = 1024 * 1024; // the core's limit: UTF-8 never has fewer bytes than UTF-16 units
const encoder = new TextEncoder();
/** WebCrypto's name for the devices' signature algorithm. */
export const ED25519 = { name: 'Ed25519' };
/** Bytes as base64url without padding (RFC 4648 §5), as JOSE writes them; any length. */
export function base64url(bytes) {
  // Native where the browser has it: a year's payload (200 KB) took a slowed phone 70-110 ms in script.
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64({ alphabet: 'base64url', omitPadding: true });
  let binary = '';
  // In slices: a function's arguments are limited (a bundle's payload is hundreds of kilobytes).
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const decoder = new TextDecoder();

function wireRequest(
  bundleLength,
  {
    keys = '',
    roots = '',
    keyset = '',
    revocations = '',
    directory = '',
    directoryKeys = '',
    now,
    minSeq,
    seenSignature = '',
    seen = {},
    today = '',
    lastViewed = 0,
    rule = '',
  },
) {
  return {
    bundleLength,
    keys: asText(keys),
    roots: asText(roots),
    keyset: String(keyset),
    revocations: String(revocations),
    directory: String(directory),
    directoryKeys: asText(directoryKeys),
    now: now ?? Math.floor(Date.now() / 1000),
    minSeq: minSeq ?? -1,
    seenSignature: String(seenSignature),
    seen: Object.keys(seen).length ? JSON.stringify(seen) : '',
    today: String(today),
    lastViewed: Number(lastViewed),
    rule: String(rule),
  };
}

const modules = new Map();

/**
 * Loads the WebAssembly core once per page; later calls share the same instance. A module or .wasm
 * that cannot be fetched or compiled (offline, CORS, a wrong path) is a deployment fault, not a damaged
 * record: it rejects with FepError('unavailable'), and the next call tries again.
 */
export function loadCore() {
  return loadModule('core', () => import('../core/fep_core.mjs'));
}

/**
 * The staff module: the core plus the teacher's roster and the dashboards (`openRoster`, `openDashboard`),
 * kept out of the family's download. Loaded, like the core, once per page.
 */
export function loadStaffCore() {
  return loadModule('staff', () => import('../core/fep_staff.mjs'));
}

function loadModule(name, importGlue) {
  if (!modules.has(name)) {
    const loading = importGlue()
      .then(({ default: createFepCore }) => createFepCore())
      .then(wrapModule)
      .catch((error) => {
        modules.delete(name);
        throw new FepError('unavailable', `core: ${error?.message ?? error}`);
      });
    modules.set(name, loading);
  }
  return modules.get(name);
}

/** Wraps an already instantiated Emscripten module (as node tools and benchmarks create it). */
export function wrapModule(module) {
  return new Core(module);
}

class Core {
  #module;
  #warm = false;

  constructor(module) {
    this.#module = module;
  }

  /**
   * Verifies a compact JWS (Ed25519) against one public JWK and returns the payload text.
   * @param {string} compact
   * @param {object|string} jwk
   * @returns {string}
   * @throws {FepError}
   */
  /**
   * Verifies a signed bundle (fep-record+jwt or fep-roster+jwt) exactly as `fep verify` does.
   * @param {object} request
   * @param {string} request.bundle  compact JWS
   * @param {string|object} [request.keys]  JWKS of signing keys (when no key set is given)
   * @param {string|object} [request.roots]  JWKS of pinned root keys
   * @param {string} [request.keyset]  root-signed key set (fep-keyset+jwt)
   * @param {string} [request.revocations]  root-signed revocation list (fep-revocation+jwt)
   * @param {number} [request.now]  seconds since the epoch; defaults to the device clock
   * @param {number} [request.minSeq]  highest seq already accepted for this issuer and student
   * @param {string} [request.seenSignature]  signature (base64url) of the bundle accepted at minSeq
   * @param {Object<string, {seq: number, signature: string}>} [request.seen]  everything accepted before,
   *   by stream ("<iss> <sub>", "roster <iss> <sub>", "keyset <iss>", "revocations <iss>"): a bundle, key
   *   set or revocation list older than its stream's entry is rolled_back. Every result carries `seen`
   *   updated, for the caller to keep (docs/bundle-format.md, "Rollback").
   * @returns {{claims: object, kid: string, iss: string, sub: string, seq: number, signature: string}}
   * @throws {FepError}
   */
  verifyBundle(request) {
    const { json, ...rest } = this.#call(this.#module._verifyBundle, request);
    return { claims: json, ...rest };
  }

  /**
   * Verifies a bundle as verifyBundle does, then returns the view model the widget renders
   * (docs/record-schema.md, "View model"): locale-neutral values and i18n keys.
   * @param {object} request  as for verifyBundle, plus:
   * @param {string} [request.today]  YYYY-MM-DD; defaults to the UTC date of `now`
   * @param {number} [request.lastViewed]  seconds since the epoch of the family's last visit
   * @param {'percent_10'|'days_15'} [request.rule]  chronic-absence rule
   * @returns {{view: object, kid: string, seq: number, signature: string}}
   * @throws {FepError}
   */
  openBundle(request) {
    const { json, ...rest } = this.#call(this.#module._openBundle, request);
    return { view: json, ...rest };
  }

  /**
   * Verifies a bundle as verifyBundle does, then returns its short summary (docs/record-schema.md,
   * "Summary"; the same JSON as `fep summary`): attendance numbers, courses with current grade and
   * missing count, missingAssignments, lastContact. For pages that show a student at a glance.
   * @param {object} request  as for openBundle
   * @returns {{summary: object, kid: string, seq: number, signature: string}}
   * @throws {FepError}
   */
  summarizeBundle(request) {
    const { json, ...rest } = this.#call(this.#module._summarizeBundle, request);
    return { summary: json, ...rest };
  }

  /**
   * Verifies a part of a student's contact archive (fep-archive+jwt, docs/bundle-format.md) with the
   * same trust options as openBundle, and returns its contact records as the view's timeline shows
   * them: {studentId, part, timeline}. The caller checks them against the record's engagement.archive.
   * @param {object} request  as for openBundle
   * @returns {{archive: object, sub: string, seq: number, seen: string}}
   * @throws {FepError}
   */
  openArchive(request) {
    const { json, ...rest } = this.#call(this.#module._openArchive, request);
    return { archive: json, ...rest };
  }

  /**
   * Verifies a record from another district against a trust directory (`directory`, compact, signed
   * by one of `directoryKeys`, a JWKS) with its issuer's `keyset` (and `revocations`), then returns the
   * card a new school reads first (docs/transfers.md): attendance history, open interventions, the
   * last contacts, missing work and the family's languages, as of `today`.
   * @param {object} request  as for openBundle, plus `directory` and `directoryKeys`
   * @returns {{card: object, issuerName: string, iss: string, sub: string, seq: number}}
   * @throws {FepError} unlisted_issuer, rolled_back, bad_signature… as openBundle
   */
  firstNeeds(request) {
    const { json, ...rest } = this.#call(this.#module._firstNeeds, request);
    return { card: json, ...rest };
  }

  /** Whether warmUp() has run on this module. */
  get isWarm() {
    return this.#warm;
  }

  /**
   * Runs a synthetic year through verification, the view and the summary, once per page, so that the
   * engine has compiled and optimised the core before the family's record arrives: call it while the
   * record downloads. Returns false only if the core refused its own synthetic year (a bug).
   * @returns {boolean}
   */
  warmUp() {
    if (this.#warm) return true;
    this.#warm = true;
    return this.#module._warmUp();
  }

  /**
   * Verifies a teacher's roster (fep-roster+jwt) as verifyBundle verifies a record, and returns it:
   * {teacher {id, name}, schoolYear, students [{id, displayName, gradeLevel, contacts [...]}]}.
   * @throws {FepError}
   */
  openRoster(request) {
    const { json, ...rest } = this.#call(this.#module._openRoster, request);
    return { roster: json, ...rest };
  }

  /**
   * A staff dashboard as the hub computed and signed it (fep-dashboard+jwt, docs/dashboards.md),
   * verified as openBundle verifies a record (same keys options, its own rollback stream per scope).
   * @param {object} request  as for openBundle
   * @returns {{dashboard: {scope: string, today: string, asOf: string, figures: object}, seq: number, seen: string}}
   * @throws {FepError}
   */
  openDashboard(request) {
    const { json, ...rest } = this.#call(this.#module._openDashboard, request);
    return { dashboard: json, ...rest };
  }

  // The bundle goes in as UTF-8 written straight into the core's input buffer; the JSON result comes
  // back as bytes in its output buffer, decoded at once (the next call reuses both buffers).
  #call(entry, { bundle, ...options }) {
    const text = String(bundle);
    if (text.length > MAX_BUNDLE_BYTES) throw new FepError('too_large', 'bundle larger than 1 MiB');
    const { written } = encoder.encodeInto(text, this.#module._inputBuffer(text.length * 3));
    const outcome = entry(wireRequest(written, options));
    if (outcome.code !== 'ok') throw new FepError(outcome.code, outcome.detail);
    return {
      json: JSON.parse(decoder.decode(this.#module._outputView())),
      kid: outcome.kid,
      iss: outcome.iss,
      sub: outcome.sub,
      issuerName: outcome.issuerName,
      seq: outcome.seq,
      signature: outcome.signature,
      seen: JSON.parse(outcome.seen),
    };
  }

  /**
   * The words a contact record may use, as the core validates them: {directions, channels, outcomes,
   * topics}, each a list of wire names (docs/contact-log.md).
   * @returns {{directions: string[], channels: string[], outcomes: string[], topics: string[]}}
   */
  contactVocabulary() {
    return JSON.parse(this.#module._contactVocabulary());
  }

  /**
   * A new device key as a private JWK for tools and tests ({privateJwk: JSON text, kid}); the widget's
   * own key is a WebCrypto key that cannot be exported (outbox.js). Made by WebCrypto: the module has
   * no signing code, which keeps the family's download small.
   */
  async newDeviceKey() {
    const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
    const { kty, crv, x, d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const kid = this.thumbprint({ kty, crv, x });
    return { privateJwk: JSON.stringify({ kty, crv, x, d, kid }), kid };
  }

  /**
   * Signs a contact record (docs/contact-log.md) with a private JWK, as signContactWith does with a
   * CryptoKey: for tools and tests that hold their key as a JWK.
   * @param {{privateJwk: string|object, record: object, student: string, after?: {seq: number, hash: string}, now?: number}} request
   * @returns {Promise<{compact: string, hash: string, seq: number, idem: string, dev: string}>}
   * @throws {FepError} bad_record (with its JSON pointer), bad_key...
   */
  async signContact({ privateJwk, ...request }) {
    let privateKey;
    let publicJwk;
    try {
      const { kty, crv, x, d } = typeof privateJwk === 'string' ? JSON.parse(privateJwk) : privateJwk;
      publicJwk = { kty, crv, x };
      privateKey = await crypto.subtle.importKey('jwk', { kty, crv, x, d }, ED25519, false, ['sign']);
    } catch (error) {
      throw new FepError('bad_key', `not a private Ed25519 JWK: ${error.message}`);
    }
    return this.signContactWith({ privateKey, publicJwk, ...request });
  }

  /**
   * The kid of a public Ed25519 JWK: its RFC 7638 thumbprint.
   * @throws {FepError} bad_key
   */
  thumbprint(publicJwk) {
    const kid = this.#module._keyId(asText(publicJwk));
    if (!kid) throw new FepError('bad_key', 'not a public Ed25519 JWK');
    return kid;
  }

  /**
   * Signs a contact record with a key the core never sees: a non-extractable WebCrypto CryptoKey.
   * The core prepares the signing input (validating the record), WebCrypto signs it, and the core
   * assembles the JWS after checking the signature with the device's public key.
   * @param {{privateKey: CryptoKey, publicJwk: object, record: object, student: string,
   *   after?: {seq: number, hash: string}, now?: number}} request
   * @returns {Promise<{compact: string, hash: string, seq: number, idem: string, dev: string}>}
   * @throws {FepError} bad_record (with its JSON pointer), bad_key, bad_signature...
   */
  async signContactWith({ privateKey, publicJwk, record, student, after = { seq: 0, hash: '' }, now }) {
    const jwk = asText(publicJwk);
    const prepared = this.#module._prepareContact(
      jwk,
      JSON.stringify(record),
      String(student),
      after.seq,
      after.hash,
      now ?? Math.floor(Date.now() / 1000),
    );
    if (prepared.code !== 'ok') throw new FepError(prepared.code, prepared.detail);
    const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, encoder.encode(prepared.compact)));
    const assembled = this.#module._assembleContact(jwk, prepared.compact, base64url(signature));
    if (assembled.code !== 'ok') throw new FepError(assembled.code, assembled.detail);
    return {
      compact: assembled.compact,
      hash: assembled.hash,
      seq: prepared.seq,
      idem: prepared.idem,
      dev: prepared.dev,
    };
  }

  /**
   * Verifies one device's records, continuing its chain after `start`.
   * @returns {Array<{seq: number, idem: string, student: string, iat: number, hash: string, recordId: string}>}
   * @throws {FepError} chain_gap, chain_fork, chain_reordered, chain_tampered...
   */
  verifyContactChain({ deviceJwk, records, start = { seq: 0, hash: '' } }) {
    const outcome = this.#module._verifyContactChain(asText(deviceJwk), JSON.stringify(records), start.seq, start.hash);
    if (outcome.code !== 'ok') throw new FepError(outcome.code, outcome.detail);
    return JSON.parse(outcome.entries);
  }

  verifyJws(compact, jwk) {
    const outcome = this.#module._verifyJws(String(compact), asText(jwk));
    if (outcome.code !== 'ok') throw new FepError(outcome.code, outcome.detail);
    return outcome.payload;
  }
}
