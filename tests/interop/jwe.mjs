// JWE (RFC 7516) made and opened by an implementation independent of ours — the npm
// `jose` library (panva/jose, WebCrypto) — with fresh keys on every run.
//
// `node tests/interop/jwe.mjs` prints one JSON record per line:
//   {case, alg, enc, key, encoding, token, plaintext, expect: "valid" | "invalid"}
// where `key` is the text to paste into the key box (a PKCS#8 PEM, a private JWK, or the
// secret or password in `encoding`), `token` a compact JWE or, for the JSON
// serializations, the JSON text, and `plaintext` what it decrypts to (UTF-8). It covers
// every key management algorithm of RFC 7518 but RSA1_5 (and X25519, RFC 8037) with every
// content encryption, `zip: DEF`, a nested JWT, the flattened and general JSON
// serializations, and tampered tokens and other keys that must not decrypt.
//
// `node tests/interop/jwe.mjs decrypt` reads JSON lines on stdin, each a `token` and its
// decryption key as one of `jwk` (a private or oct JWK object), `pem` (a PKCS#8 private
// key PEM), `secret_b64u` or `secret_hex` (a shared secret or password), and prints per
// line {ok, plaintext, error}: what jose makes of a token our core encrypted.
//
// Key pairs come from the openssl tool (see sign.mjs: not generateKeyPairSync).
// Used by tests/jwe_interop.rs.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as jose from 'jose';
import { KEYGEN } from './sign.mjs';

const b64u = (b) => Buffer.from(b).toString('base64url');
const utf8 = (s) => new TextEncoder().encode(s);
const text = (b) => new TextDecoder().decode(b);

/** The content key length, in bytes, of each `enc`. */
const ENC_KEY = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 };
/** The key-encryption key length, in bytes, of the AES key wraps. */
const KW_KEY = { A128KW: 16, A192KW: 24, A256KW: 32, A128GCMKW: 16, A192GCMKW: 24, A256GCMKW: 32 };

/** PBES2 iterations for the tokens made here (RFC 7518 §4.8.1.2 recommends at least 1000). */
const P2C = 2048;

/** A fresh X25519 pair from the openssl tool (sign.mjs's KEYGEN has no X25519). */
function x25519Pair() {
  const pem = execFileSync('openssl', ['genpkey', '-algorithm', 'X25519'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const privateKey = crypto.createPrivateKey(pem);
  return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
}

const PAIR = { ...KEYGEN, X25519: x25519Pair };

/** The key box text for a private KeyObject: PKCS#8 PEM or private JWK. */
function privateText(privateKey, format) {
  return format === 'pem' ? privateKey.export({ type: 'pkcs8', format: 'pem' }) : JSON.stringify(privateKey.export({ format: 'jwk' }));
}

/**
 * A recipient: what jose encrypts to, and what our key box is given. `spec` is a curve or
 * RSA for the asymmetric algorithms (with the key box format, pem or jwk), or nothing for
 * the secrets, given as base64 (dir, AES key wrap), as an oct JWK, or as a UTF-8 password.
 */
class Keys {
  constructor() {
    this.pairs = {};
  }

  pair(kind, which = 0) {
    this.pairs[kind] ??= [];
    while (this.pairs[kind].length <= which) this.pairs[kind].push(PAIR[kind]());
    return this.pairs[kind][which];
  }

  recipient(alg, enc, { kind, format = 'pem', which = 0, jwk = false } = {}) {
    if (alg.startsWith('RSA') || alg.startsWith('ECDH')) {
      const { publicKey, privateKey } = this.pair(kind, which);
      return { encryptKey: publicKey, key: privateText(privateKey, format), encoding: 'utf8', form: `${kind} ${format}` };
    }
    if (alg.startsWith('PBES2')) {
      const password = `pw ${b64u(crypto.randomBytes(12))} ✓`;
      return { encryptKey: utf8(password), key: password, encoding: 'utf8', form: 'password' };
    }
    const bytes = crypto.randomBytes(alg === 'dir' ? ENC_KEY[enc] : KW_KEY[alg]);
    if (jwk) return { encryptKey: bytes, key: JSON.stringify({ kty: 'oct', k: b64u(bytes) }), encoding: 'utf8', form: 'oct jwk' };
    return { encryptKey: bytes, key: bytes.toString('base64'), encoding: 'base64', form: 'base64' };
  }
}

function plaintextFor(alg, enc, what) {
  return `${what} with ${alg} and ${enc} — “JWE interop” ✓ ${b64u(crypto.randomBytes(6))}`;
}

async function compact(alg, enc, r, plaintext, extra = {}) {
  const e = new jose.CompactEncrypt(utf8(plaintext)).setProtectedHeader({ alg, enc, ...extra });
  if (alg.startsWith('PBES2')) e.setKeyManagementParameters({ p2c: P2C });
  return e.encrypt(r.encryptKey);
}

// ---- tampering ----

/** Flips the low bit of one byte of a base64url part (so at least one character changes). */
function flip(part, at = 0) {
  const bytes = Buffer.from(part, 'base64url');
  bytes[Math.min(at, bytes.length - 1)] ^= 1;
  return b64u(bytes);
}

/** The tampered versions of a compact JWE: each part changed, the encrypted key when there is one. */
function tamperedCompact(token) {
  const [h, k, iv, c, t] = token.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  const out = [
    ['ciphertext-changed', [h, k, iv, flip(c, 1), t]],
    ['tag-changed', [h, k, iv, c, flip(t, 15)]],
    ['header-changed', [b64u(JSON.stringify({ ...header, kid: 'changed' })), k, iv, c, t]],
  ];
  if (k) out.push(['encrypted-key-changed', [h, flip(k, 3), iv, c, t]]);
  return out.map(([name, parts]) => [name, parts.join('.')]);
}

// ---- the records ----

/** [alg, enc, recipient options, case] of every valid compact token. */
const COMPACT = [
  ['RSA-OAEP', 'A128GCM', { kind: 'RSA', format: 'pem' }],
  ['RSA-OAEP', 'A256GCM', { kind: 'RSA', format: 'jwk' }],
  ['RSA-OAEP', 'A128CBC-HS256', { kind: 'RSA', format: 'pem' }],
  ['RSA-OAEP', 'A256CBC-HS512', { kind: 'RSA', format: 'jwk' }],
  ['RSA-OAEP-256', 'A192GCM', { kind: 'RSA', format: 'pem' }],
  ['RSA-OAEP-256', 'A256GCM', { kind: 'RSA', format: 'jwk' }],
  ['RSA-OAEP-256', 'A192CBC-HS384', { kind: 'RSA', format: 'pem' }],
  ['RSA-OAEP-256', 'A128CBC-HS256', { kind: 'RSA', format: 'jwk' }],
  ['A128KW', 'A128GCM', {}],
  ['A128KW', 'A128CBC-HS256', {}],
  ['A128KW', 'A256CBC-HS512', { jwk: true }],
  ['A192KW', 'A192GCM', {}],
  ['A192KW', 'A192CBC-HS384', { jwk: true }],
  ['A256KW', 'A256GCM', {}],
  ['A256KW', 'A256CBC-HS512', {}],
  ['A256KW', 'A128GCM', { jwk: true }],
  ['dir', 'A128GCM', {}],
  ['dir', 'A192GCM', {}],
  ['dir', 'A256GCM', {}],
  ['dir', 'A128CBC-HS256', {}],
  ['dir', 'A192CBC-HS384', {}],
  ['dir', 'A256CBC-HS512', { jwk: true }],
  ['ECDH-ES', 'A128GCM', { kind: 'P-256', format: 'pem' }],
  ['ECDH-ES', 'A256GCM', { kind: 'P-384', format: 'jwk' }],
  ['ECDH-ES', 'A256CBC-HS512', { kind: 'P-521', format: 'pem' }],
  ['ECDH-ES', 'A128CBC-HS256', { kind: 'X25519', format: 'jwk' }],
  ['ECDH-ES', 'A192GCM', { kind: 'X25519', format: 'pem' }],
  ['ECDH-ES+A128KW', 'A128CBC-HS256', { kind: 'P-256', format: 'jwk' }],
  ['ECDH-ES+A128KW', 'A128GCM', { kind: 'P-384', format: 'pem' }],
  ['ECDH-ES+A128KW', 'A192GCM', { kind: 'P-521', format: 'jwk' }],
  ['ECDH-ES+A128KW', 'A256GCM', { kind: 'X25519', format: 'jwk' }],
  ['ECDH-ES+A192KW', 'A192CBC-HS384', { kind: 'P-256', format: 'pem' }],
  ['ECDH-ES+A192KW', 'A192GCM', { kind: 'P-384', format: 'jwk' }],
  ['ECDH-ES+A192KW', 'A128GCM', { kind: 'P-521', format: 'pem' }],
  ['ECDH-ES+A192KW', 'A256CBC-HS512', { kind: 'X25519', format: 'pem' }],
  ['ECDH-ES+A256KW', 'A256GCM', { kind: 'P-256', format: 'jwk' }],
  ['ECDH-ES+A256KW', 'A256CBC-HS512', { kind: 'P-384', format: 'pem' }],
  ['ECDH-ES+A256KW', 'A192CBC-HS384', { kind: 'P-521', format: 'jwk' }],
  ['ECDH-ES+A256KW', 'A128GCM', { kind: 'X25519', format: 'jwk' }],
  ['A128GCMKW', 'A128GCM', {}],
  ['A128GCMKW', 'A192CBC-HS384', {}],
  ['A192GCMKW', 'A192GCM', {}],
  ['A192GCMKW', 'A128CBC-HS256', { jwk: true }],
  ['A256GCMKW', 'A256GCM', {}],
  ['A256GCMKW', 'A256CBC-HS512', {}],
  ['PBES2-HS256+A128KW', 'A128GCM', {}],
  ['PBES2-HS256+A128KW', 'A128CBC-HS256', {}],
  ['PBES2-HS384+A192KW', 'A192GCM', {}],
  ['PBES2-HS384+A192KW', 'A192CBC-HS384', {}],
  ['PBES2-HS512+A256KW', 'A256GCM', {}],
  ['PBES2-HS512+A256KW', 'A256CBC-HS512', {}],
];

/** Which compact tokens are also tampered with and tried with another key. */
const TAMPERED = new Set([
  'RSA-OAEP A128GCM', 'RSA-OAEP-256 A128CBC-HS256', 'A128KW A128CBC-HS256', 'A256KW A256GCM', 'dir A256GCM',
  'dir A192CBC-HS384', 'ECDH-ES A128GCM', 'ECDH-ES A128CBC-HS256', 'ECDH-ES+A256KW A256CBC-HS512',
  'ECDH-ES+A256KW A128GCM', 'A256GCMKW A256GCM', 'PBES2-HS256+A128KW A128CBC-HS256',
]);

export async function records() {
  const keys = new Keys();
  const out = [];
  const push = (r) => out.push({ case: r.case, alg: r.alg, enc: r.enc, key: r.key, encoding: r.encoding, token: r.token, plaintext: r.plaintext, expect: r.expect });

  for (const [alg, enc, opts] of COMPACT) {
    const r = keys.recipient(alg, enc, opts);
    const plaintext = plaintextFor(alg, enc, `compact, ${r.form} key`);
    const token = await compact(alg, enc, r, plaintext);
    const base = { alg, enc, key: r.key, encoding: r.encoding, plaintext };
    push({ ...base, case: `compact (${r.form})`, token, expect: 'valid' });
    if (!TAMPERED.has(`${alg} ${enc}`)) continue;
    for (const [name, bad] of tamperedCompact(token)) push({ ...base, case: name, token: bad, expect: 'invalid' });
    const other = keys.recipient(alg, enc, { ...opts, which: 1 });
    push({ ...base, key: other.key, encoding: other.encoding, case: `other-key (${other.form})`, token, expect: 'invalid' });
  }

  // zip: DEF (jose 6 still deflates, with the CompressionStream API of Node ≥ 18).
  for (const [alg, enc, opts] of [['dir', 'A256GCM', {}], ['ECDH-ES+A128KW', 'A128CBC-HS256', { kind: 'P-256', format: 'pem' }], ['RSA-OAEP-256', 'A192GCM', { kind: 'RSA', format: 'jwk' }]]) {
    const r = keys.recipient(alg, enc, opts);
    const plaintext = plaintextFor(alg, enc, 'zip DEF, '.repeat(40));
    const token = await compact(alg, enc, r, plaintext, { zip: 'DEF' });
    push({ case: `compact zip DEF (${r.form})`, alg, enc, key: r.key, encoding: r.encoding, token, plaintext, expect: 'valid' });
  }

  // A nested JWT (RFC 7519 §5.2): the plaintext is a compact JWS.
  {
    const [alg, enc] = ['RSA-OAEP-256', 'A256GCM'];
    const r = keys.recipient(alg, enc, { kind: 'RSA', format: 'pem' });
    const jws = await new jose.SignJWT({ sub: 'nested', name: 'José ✓' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .sign(crypto.randomBytes(32));
    const token = await compact(alg, enc, r, jws, { cty: 'JWT' });
    push({ case: 'nested JWT (cty JWT)', alg, enc, key: r.key, encoding: r.encoding, token, plaintext: jws, expect: 'valid' });
  }

  // Flattened JSON: alg in the shared unprotected header, and AAD; then with the alg
  // protected and a per-recipient header.
  {
    const [alg, enc] = ['A256KW', 'A192CBC-HS384'];
    const r = keys.recipient(alg, enc, {});
    const plaintext = plaintextFor(alg, enc, 'flattened JSON with aad');
    const jwe = await new jose.FlattenedEncrypt(utf8(plaintext))
      .setProtectedHeader({ enc })
      .setSharedUnprotectedHeader({ alg, kid: 'shared-1' })
      .setAdditionalAuthenticatedData(utf8('extra authenticated data ✓'))
      .encrypt(r.encryptKey);
    const base = { alg, enc, key: r.key, encoding: r.encoding, plaintext };
    push({ ...base, case: 'flattened JSON + aad', token: JSON.stringify(jwe), expect: 'valid' });
    push({ ...base, case: 'flattened aad-changed', token: JSON.stringify({ ...jwe, aad: b64u(utf8('other data')) }), expect: 'invalid' });
    push({ ...base, case: 'flattened ciphertext-changed', token: JSON.stringify({ ...jwe, ciphertext: flip(jwe.ciphertext, 2) }), expect: 'invalid' });
  }
  {
    const [alg, enc] = ['ECDH-ES+A128KW', 'A256GCM'];
    const r = keys.recipient(alg, enc, { kind: 'P-521', format: 'pem' });
    const plaintext = plaintextFor(alg, enc, 'flattened JSON with a recipient header');
    const jwe = await new jose.FlattenedEncrypt(utf8(plaintext))
      .setProtectedHeader({ alg, enc })
      .setUnprotectedHeader({ kid: 'recipient-1' })
      .encrypt(r.encryptKey);
    push({ case: 'flattened JSON + header', alg, enc, key: r.key, encoding: r.encoding, token: JSON.stringify(jwe), plaintext, expect: 'valid' });
  }

  // General JSON with two recipients (RSA-OAEP and A128KW): each key opens it.
  {
    const enc = 'A128CBC-HS256';
    const rsa = keys.recipient('RSA-OAEP', enc, { kind: 'RSA', format: 'jwk' });
    const kw = keys.recipient('A128KW', enc, {});
    const plaintext = plaintextFor('RSA-OAEP and A128KW', enc, 'general JSON, two recipients');
    const e = new jose.GeneralEncrypt(utf8(plaintext)).setProtectedHeader({ enc });
    e.addRecipient(rsa.encryptKey).setUnprotectedHeader({ alg: 'RSA-OAEP', kid: 'rsa' });
    e.addRecipient(kw.encryptKey).setUnprotectedHeader({ alg: 'A128KW', kid: 'kw' });
    const jwe = await e.encrypt();
    const token = JSON.stringify(jwe);
    push({ case: 'general JSON, recipient 1 of 2', alg: 'RSA-OAEP', enc, key: rsa.key, encoding: rsa.encoding, token, plaintext, expect: 'valid' });
    push({ case: 'general JSON, recipient 2 of 2', alg: 'A128KW', enc, key: kw.key, encoding: kw.encoding, token, plaintext, expect: 'valid' });
    push({ case: 'general tag-changed', alg: 'A128KW', enc, key: kw.key, encoding: kw.encoding, token: JSON.stringify({ ...jwe, tag: flip(jwe.tag, 5) }), plaintext, expect: 'invalid' });
  }
  {
    const [alg, enc] = ['PBES2-HS512+A256KW', 'A128GCM'];
    const r = keys.recipient(alg, enc, {});
    const plaintext = plaintextFor(alg, enc, 'general JSON, one recipient');
    const e = new jose.GeneralEncrypt(utf8(plaintext)).setProtectedHeader({ alg, enc });
    e.addRecipient(r.encryptKey).setKeyManagementParameters({ p2c: P2C });
    const jwe = await e.encrypt();
    push({ case: 'general JSON, PBES2', alg, enc, key: r.key, encoding: r.encoding, token: JSON.stringify(jwe), plaintext, expect: 'valid' });
  }
  return out;
}

// ---- decrypt mode ----

/**
 * jose refuses PBES2 unless it is listed (and more than 10,000 iterations; our encoder uses
 * 100,000): every algorithm our encoder makes is allowed here.
 */
const DECRYPT_OPTIONS = {
  keyManagementAlgorithms: [
    'RSA-OAEP', 'RSA-OAEP-256', 'A128KW', 'A192KW', 'A256KW', 'dir', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW',
    'ECDH-ES+A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW',
  ],
  maxPBES2Count: 1_000_000,
  maxDecompressedLength: 16 * 1024 * 1024,
};

/** jose's key for one input line, for the token's alg. */
async function decryptionKey(line, alg) {
  if (line.jwk) return jose.importJWK(line.jwk, alg);
  if (line.pem) return jose.importPKCS8(line.pem, alg);
  if (line.secret_b64u !== undefined) return new Uint8Array(Buffer.from(line.secret_b64u, 'base64url'));
  if (line.secret_hex !== undefined) return new Uint8Array(Buffer.from(line.secret_hex, 'hex'));
  throw new Error('the line has no jwk, pem, secret_b64u or secret_hex');
}

export async function joseDecrypts(line) {
  const token = line.token.trim();
  if (token.startsWith('{')) {
    const jwe = JSON.parse(token);
    const first = jwe.recipients?.[0] ?? jwe;
    const header = { ...(jwe.protected ? JSON.parse(Buffer.from(jwe.protected, 'base64url')) : {}), ...jwe.unprotected, ...first.header };
    const key = await decryptionKey(line, header.alg);
    const r = jwe.recipients ? await jose.generalDecrypt(jwe, key, DECRYPT_OPTIONS) : await jose.flattenedDecrypt(jwe, key, DECRYPT_OPTIONS);
    return text(r.plaintext);
  }
  const { alg } = jose.decodeProtectedHeader(token);
  const { plaintext } = await jose.compactDecrypt(token, await decryptionKey(line, alg), DECRYPT_OPTIONS);
  return text(plaintext);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'decrypt') {
    for await (const raw of createInterface({ input: process.stdin })) {
      if (!raw.trim()) continue;
      let answer;
      try {
        answer = { ok: true, plaintext: await joseDecrypts(JSON.parse(raw)) };
      } catch (e) {
        answer = { ok: false, error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` };
      }
      process.stdout.write(`${JSON.stringify(answer)}\n`);
    }
  } else {
    for (const r of await records()) process.stdout.write(`${JSON.stringify(r)}\n`);
  }
}
