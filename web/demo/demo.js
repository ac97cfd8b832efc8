// Demo data: the RFC 8037 Appendix A signed example, verified with its published public key.
const portal = document.getElementById('portal');
const response = await fetch('/vectors/rfc8037_vectors.json');
if (response.ok) {
  const vectors = await response.json();
  portal.setAttribute('keys', JSON.stringify(vectors['A.2_public_key_jwk']));
  portal.bundle = vectors['A.5_validation'].jws_compact;
} else {
  portal.bundle = 'missing.demo.data';
}
