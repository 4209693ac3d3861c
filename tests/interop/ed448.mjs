// Ed448 (RFC 8032) in JOSE with an implementation independent of ours — Node's crypto
// module (OpenSSL) — with fresh keys on every run. Used by tests/ed448_interop.rs and the
// Playwright suite (e2e/verify.spec.mjs imports `records`).
//
// `node ed448.mjs` signs and prints one JSON record per line:
//   {alg, case, format, key, token, expect: "valid" | "invalid" | "error", thumbprint}
// for `alg` Ed448 (RFC 9864 §2.3) and EdDSA (RFC 8037) with an Ed448 key: the public key as
// a JWK, a PEM SubjectPublicKeyInfo and bare base64 DER (`thumbprint` is its RFC 7638
// thumbprint, computed here); tampered tokens and another Ed448 key (invalid); an Ed25519
// key for alg Ed448 and an Ed448 key for alg Ed25519 (refused: error). Each key pair's
// private key is also given (`case: "private"`, PKCS#8 PEM and JWK), for our signer.
//
// `node ed448.mjs verify` reads JSON lines {alg, token, key, [private]} (key: a public key
// PEM or JWK text) on stdin and prints, per line, "true" or "false": whether the header's
// alg is the record's and Node's crypto verifies the Ed448 signature with the key (and,
// given `private`, a PKCS#8 PEM or private JWK, reads it as the same key's private half).
import crypto from 'node:crypto';
import { createInterface } from 'node:readline';

const b64u = (b) => Buffer.from(b).toString('base64url');

function token(alg, privateKey, claims = {}) {
  const h = b64u(JSON.stringify({ alg, typ: 'JWT' }));
  const p = b64u(JSON.stringify({ sub: 'ed448 interop', n: crypto.randomInt(1e9), ...claims }));
  return `${h}.${p}.${b64u(crypto.sign(null, Buffer.from(`${h}.${p}`), privateKey))}`;
}

/** RFC 7638 §3: SHA-256 of the required members in lexicographic order, base64url. */
function thumbprint(jwk) {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return b64u(crypto.createHash('sha256').update(canonical).digest());
}

/** The forms of a public key the verifier reads. */
function publicForms(publicKey) {
  const jwk = publicKey.export({ format: 'jwk' });
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    thumbprint: thumbprint(jwk),
    forms: {
      jwk: JSON.stringify(jwk),
      pem_spki: publicKey.export({ format: 'pem', type: 'spki' }),
      der_base64: der.toString('base64'),
    },
  };
}

export function records() {
  const out = [];
  const pair = crypto.generateKeyPairSync('ed448');
  const other = crypto.generateKeyPairSync('ed448');
  const ed25519 = crypto.generateKeyPairSync('ed25519');
  const { thumbprint: tp, forms } = publicForms(pair.publicKey);
  const push = (alg, c, format, key, t, expect) => out.push({ alg, case: c, format, key, token: t, expect, thumbprint: tp });
  for (const alg of ['Ed448', 'EdDSA']) {
    for (const [format, key] of Object.entries(forms)) {
      push(alg, 'signed', format, key, token(alg, pair.privateKey), 'valid');
      const good = token(alg, pair.privateKey);
      const [h, , s] = good.split('.');
      push(alg, 'payload-changed', format, key, `${h}.${b64u('{"sub":"mallory"}')}.${s}`, 'invalid');
      const sig = Buffer.from(s, 'base64url');
      sig[10] ^= 1;
      push(alg, 'signature-changed', format, key, `${good.split('.').slice(0, 2).join('.')}.${b64u(sig)}`, 'invalid');
      push(alg, 'another-key', format, key, token(alg, other.privateKey), 'invalid');
    }
  }
  // The fully-specified names take their own curve only (RFC 9864 §2).
  const ed25519Jwk = JSON.stringify(ed25519.publicKey.export({ format: 'jwk' }));
  out.push({ alg: 'Ed448', case: 'ed25519-key', format: 'jwk', key: ed25519Jwk, token: token('Ed448', ed25519.privateKey), expect: 'error' });
  out.push({ alg: 'Ed25519', case: 'ed448-key', format: 'jwk', key: forms.jwk, token: token('Ed25519', pair.privateKey), expect: 'error' });
  // The private key, for our signer: PKCS#8 PEM and private JWK.
  const privateForms = {
    pem_pkcs8_private: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }),
    jwk_private: JSON.stringify(pair.privateKey.export({ format: 'jwk' })),
  };
  for (const [format, key] of Object.entries(privateForms)) {
    out.push({ alg: 'Ed448', case: 'private', format, key, token: '', expect: 'valid', thumbprint: tp, public: forms.pem_spki });
  }
  return out;
}

const read = (key, make) => (key.trim().startsWith('{') ? make({ key: JSON.parse(key), format: 'jwk' }) : make(key));

function verifies({ alg, token: t, key, private: priv }) {
  const [h, p, s] = t.split('.');
  if (JSON.parse(Buffer.from(h, 'base64url')).alg !== alg) return false;
  const pub = read(key, crypto.createPublicKey);
  if (pub.asymmetricKeyType !== 'ed448') return false;
  if (priv !== undefined) {
    const derived = crypto.createPublicKey(read(priv, crypto.createPrivateKey)).export({ format: 'jwk' });
    if (derived.x !== pub.export({ format: 'jwk' }).x) return false;
  }
  return crypto.verify(null, Buffer.from(`${h}.${p}`), pub, Buffer.from(s, 'base64url'));
}

const main = import.meta.url === `file://${process.argv[1]}`;
if (main && process.argv[2] === 'verify') {
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    let ok = false;
    try { ok = verifies(JSON.parse(line)); } catch { ok = false; }
    process.stdout.write(`${ok}\n`);
  }
} else if (main) {
  for (const r of records()) process.stdout.write(`${JSON.stringify(r)}\n`);
}
