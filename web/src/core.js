// The typed facade over the WebAssembly core. Raw Embind functions start with '_'; this module gives
// them idiomatic names and turns the core's error codes into one Error subclass with a stable `.code`.
import createFepCore from '../core/fep_core.mjs';

/** An error from the core. `code` is stable (see docs/bundle-format.md); `detail` is for developers. */
export class FepError extends Error {
  constructor(code, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'FepError';
    this.code = code;
    this.detail = detail;
  }
}

let corePromise;

/** Loads the WebAssembly core once per page; later calls share the same instance. */
export function loadCore() {
  corePromise ??= createFepCore().then((module) => new Core(module));
  return corePromise;
}

class Core {
  #module;

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
  verifyJws(compact, jwk) {
    const jwkText = typeof jwk === 'string' ? jwk : JSON.stringify(jwk);
    const outcome = this.#module._verifyJws(String(compact), jwkText);
    if (outcome.code !== 'ok') throw new FepError(outcome.code, outcome.detail);
    return outcome.payload;
  }
}
