// DPoP proofs (RFC 9449): how this device signs in to its school's hub on every request. Signed by the
// device's non-extractable Ed25519 key (the one that signs its contact records) through WebCrypto.
import { base64url } from './core.js';

const encoder = new TextEncoder();
const encodeJson = (value) => base64url(encoder.encode(JSON.stringify(value)));

/**
 * The RFC 7638 thumbprint of a public Ed25519 JWK (its required members in order, no whitespace, hashed
 * with SHA-256): the device's kid, as the core computes it, without waiting for the core to download.
 */
export async function jwkThumbprint({ crv, kty, x }) {
  const canonical = JSON.stringify({ crv, kty, x });
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(canonical))));
}

/**
 * A fresh proof for one request: `htu` is the URL without query or fragment, `iat` the device's clock
 * corrected by `clockOffset` seconds (the hub's clock minus the device's, learnt from a refusal).
 */
export async function dpopProof({ privateKey, publicJwk }, method, url, clockOffset = 0) {
  const header = { typ: 'dpop+jwt', alg: 'EdDSA', jwk: publicJwk };
  const claims = {
    jti: base64url(crypto.getRandomValues(new Uint8Array(18))),
    htm: method,
    htu: url.split(/[?#]/)[0],
    iat: Math.floor(Date.now() / 1000) + clockOffset,
  };
  const input = `${encodeJson(header)}.${encodeJson(claims)}`;
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, encoder.encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}
