// Signs JWS tokens with an implementation independent of ours — Node's crypto module
// (OpenSSL) — using fresh keys on every run, and prints one JSON record per line:
//   {alg, format, key, encoding, token, expect: "valid" | "invalid", case}
// for every algorithm and key format the verifier reads, plus tampered tokens (payload
// changed, signature changed, another key) that must not verify. Certificates are made
// with the openssl command-line tool when it is installed.
//
// Used by tests/interop.rs and by the Playwright suite (e2e/verify.spec.mjs).
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const b64u = (b) => Buffer.from(b).toString('base64url');
const now = Math.floor(Date.now() / 1000);

const HASH = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };

function sign(alg, privateKey, input) {
  const bits = alg.slice(2, 5);
  if (alg.startsWith('HS')) return crypto.createHmac(HASH[bits], privateKey).update(input).digest();
  if (alg.startsWith('RS')) return crypto.sign(HASH[bits], Buffer.from(input), privateKey);
  if (alg.startsWith('PS')) {
    return crypto.sign(HASH[bits], Buffer.from(input), {
      key: privateKey,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST,
    });
  }
  if (alg === 'ES256K') return crypto.sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  if (alg.startsWith('ES')) return crypto.sign(HASH[bits], Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  if (alg === 'EdDSA') return crypto.sign(null, Buffer.from(input), privateKey);
  throw new Error(alg);
}

export function makeToken(alg, privateKey, claims = {}, header = {}) {
  const h = b64u(JSON.stringify({ alg, typ: 'JWT', ...header }));
  const p = b64u(JSON.stringify({ sub: 'interop', iat: now, exp: now + 600, ...claims }));
  return `${h}.${p}.${b64u(sign(alg, privateKey, `${h}.${p}`))}`;
}

function pem(key, type, format = 'pem') {
  return key.export({ type, format });
}

function hasOpenssl() {
  try { execFileSync('openssl', ['version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

function certificate(privateKey) {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lens-interop-'));
  try {
    const keyPath = join(dir, 'key.pem');
    writeFileSync(keyPath, pem(privateKey, 'pkcs8'));
    const args = ['req', '-new', '-x509', '-key', keyPath, '-subj', '/O=JWT Lens tests/CN=jwt-lens interop', '-days', '2'];
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const GENPKEY = {
  RSA: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  'P-256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-pkeyopt', 'ec_param_enc:named_curve'],
  'P-384': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-pkeyopt', 'ec_param_enc:named_curve'],
  'P-521': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521', '-pkeyopt', 'ec_param_enc:named_curve'],
  secp256k1: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1', '-pkeyopt', 'ec_param_enc:named_curve'],
  Ed25519: ['-algorithm', 'ed25519'],
};

/**
 * A fresh key pair, made by the openssl tool and imported. Not generateKeyPairSync: in
 * Node 20 a garbage collection that finalises its job while a key is being exported as
 * JWK takes the same mutex twice, and the process hangs (seen in this suite).
 */
export function generatePair(kind) {
  const pem = execFileSync('openssl', ['genpkey', ...GENPKEY[kind]], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const privateKey = crypto.createPrivateKey(pem);
  return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
}

export const KEYGEN = Object.fromEntries(Object.keys(GENPKEY).map((kind) => [kind, () => generatePair(kind)]));

const ALGS = {
  RSA: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  'P-256': ['ES256'], 'P-384': ['ES384'], 'P-521': ['ES512'], secp256k1: ['ES256K'], Ed25519: ['EdDSA'],
};

/** Every key format for an asymmetric key pair: [format name, text to paste]. */
function formats(kind, pair, withCert) {
  const { publicKey, privateKey } = pair;
  const jwk = publicKey.export({ format: 'jwk' });
  const out = [
    ['pem_spki', pem(publicKey, 'spki')],
    ['pem_pkcs8_private', pem(privateKey, 'pkcs8')],
    ['jwk', JSON.stringify(jwk)],
    ['jwk_private', JSON.stringify(privateKey.export({ format: 'jwk' }))],
    ['jwks', JSON.stringify({ keys: [{ ...jwk, kid: 'k1', use: 'sig' }] })],
  ];
  if (kind === 'RSA') {
    out.push(['pem_pkcs1', pem(publicKey, 'pkcs1')], ['pem_pkcs1_private', pem(privateKey, 'pkcs1')]);
  } else if (kind !== 'Ed25519') {
    out.push(['pem_sec1_private', pem(privateKey, 'sec1')]);
  }
  if (withCert) out.push(['pem_x509', certificate(privateKey)]);
  return out;
}

function tamper(token) {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url'));
  payload.sub = 'admin';
  const sig = Buffer.from(s, 'base64url');
  sig[sig.length - 1] ^= 1;
  return [
    ['payload-changed', `${h}.${b64u(JSON.stringify(payload))}.${s}`],
    ['signature-changed', `${h}.${p}.${b64u(sig)}`],
  ];
}

export function records() {
  const out = [];
  const withCert = hasOpenssl();
  for (const [kind, algs] of Object.entries(ALGS)) {
    const pair = KEYGEN[kind]();
    const other = KEYGEN[kind]();
    for (const alg of algs) {
      const token = makeToken(alg, pair.privateKey, {}, {});
      const kidToken = makeToken(alg, pair.privateKey, {}, { kid: 'k1' });
      for (const [format, key] of formats(kind, pair, withCert)) {
        const t = format === 'jwks' ? kidToken : token;
        out.push({ alg, format, key, encoding: 'utf8', token: t, expect: 'valid', case: 'signed' });
        for (const [c, bad] of tamper(t)) out.push({ alg, format, key, encoding: 'utf8', token: bad, expect: 'invalid', case: c });
      }
      out.push({ alg, format: 'pem_spki', key: pem(other.publicKey, 'spki'), encoding: 'utf8', token, expect: 'invalid', case: 'other-key' });
    }
  }
  for (const alg of ['HS256', 'HS384', 'HS512']) {
    const bytes = crypto.randomBytes(Number(alg.slice(2)) / 8);
    const text = crypto.randomBytes(48).toString('base64url');
    const token = makeToken(alg, bytes);
    const cases = [
      ['secret_base64', bytes.toString('base64'), 'base64', token],
      ['secret_base64url', bytes.toString('base64url'), 'base64', token],
      ['secret_hex', bytes.toString('hex'), 'hex', token],
      ['secret_utf8', text, 'utf8', makeToken(alg, Buffer.from(text))],
      ['jwk', JSON.stringify({ kty: 'oct', k: bytes.toString('base64url') }), 'utf8', token],
      ['jwks', JSON.stringify({ keys: [{ kty: 'oct', k: bytes.toString('base64url'), kid: 'k1' }] }), 'utf8', makeToken(alg, bytes, {}, { kid: 'k1' })],
    ];
    for (const [format, key, encoding, t] of cases) {
      out.push({ alg, format, key, encoding, token: t, expect: 'valid', case: 'signed' });
      for (const [c, bad] of tamper(t)) out.push({ alg, format, key, encoding, token: bad, expect: 'invalid', case: c });
    }
    out.push({ alg, format: 'secret_hex', key: crypto.randomBytes(32).toString('hex'), encoding: 'hex', token, expect: 'invalid', case: 'other-key' });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of records()) process.stdout.write(`${JSON.stringify(r)}\n`);
}
