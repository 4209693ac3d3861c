// Reads JSON lines {alg, token, key} (key: a public key PEM or JWK text, or a secret as
// {"secret_hex": …}) on stdin and prints, per line, whether Node's crypto (OpenSSL)
// verifies the token: "true" or "false". Used by tests/interop.rs to check tokens that
// our core signed.
import crypto from 'node:crypto';
import { createInterface } from 'node:readline';

const HASH = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };

/** Whether Node's crypto verifies a compact JWS with a KeyObject or, for HS*, a Buffer. */
export function nodeVerifies(token, alg, pub) {
  const [h, p, s] = token.split('.');
  const input = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, 'base64url');
  const bits = alg.slice(2, 5);
  if (alg.startsWith('HS')) {
    const mac = crypto.createHmac(HASH[bits], pub).update(input).digest();
    return mac.length === sig.length && crypto.timingSafeEqual(mac, sig);
  }
  if (alg.startsWith('RS')) return crypto.verify(HASH[bits], input, pub, sig);
  if (alg.startsWith('PS')) {
    return crypto.verify(HASH[bits], input, { key: pub, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }, sig);
  }
  if (alg === 'ES256K') return crypto.verify('sha256', input, { key: pub, dsaEncoding: 'ieee-p1363' }, sig);
  if (alg.startsWith('ES')) return crypto.verify(HASH[bits], input, { key: pub, dsaEncoding: 'ieee-p1363' }, sig);
  if (alg === 'EdDSA') return crypto.verify(null, input, pub, sig);
  throw new Error(`unknown alg ${alg}`);
}

function verifyRecord({ alg, token, key, secret_hex }) {
  if (alg.startsWith('HS')) return nodeVerifies(token, alg, Buffer.from(secret_hex, 'hex'));
  const pub = key.trim().startsWith('{') ? crypto.createPublicKey({ key: JSON.parse(key), format: 'jwk' }) : crypto.createPublicKey(key);
  return nodeVerifies(token, alg, pub);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    let ok = false;
    try { ok = verifyRecord(JSON.parse(line)); } catch { ok = false; }
    process.stdout.write(`${ok}\n`);
  }
}
