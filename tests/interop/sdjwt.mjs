// SD-JWTs (RFC 9901) made and checked by an implementation independent of ours — the npm
// `@sd-jwt/core` library (OpenWallet Foundation's sd-jwt-js) with Node's crypto — with
// fresh keys on every run.
//
// `node tests/interop/sdjwt.mjs issue` prints one JSON record per line:
//   {name, token, issuer_jwk, holder_jwk, aud, nonce, sd_alg, expected_payload}
// where `token` is an SD-JWT as issued (every disclosure, no KB-JWT; `aud` and `nonce` are
// null) or a presentation with a KB-JWT signed by the holder's ES256 key, `issuer_jwk` the
// issuer's public JWK (ES256, EdDSA or RS256), `holder_jwk` the public key the issuer put in
// `cnf.jwk`, and `expected_payload` what @sd-jwt itself decodes the token's disclosed claims
// to (after checking the issuer signature and, for a presentation, the KB-JWT). The cases:
// flat claims, a nested object with its own disclosable members, array elements, decoy
// digests, and `_sd_alg` sha-256, sha-384 and sha-512.
//
// `node tests/interop/sdjwt.mjs verify` reads JSON lines on stdin, each {name, token,
// issuer_jwk, aud, nonce} (aud and nonce null for a token without a KB-JWT), verifies each
// with @sd-jwt/core (issuer signature; with a nonce, the KB-JWT against the `cnf.jwk` of
// the issuer-signed payload, its nonce and sd_hash; its aud is compared here, the library
// does not) and prints per line {name, ok, payload, error}.
//
// Key pairs come from the openssl tool (see sign.mjs: not generateKeyPairSync).
// Used by tests/sd_interop.rs.
import crypto from 'node:crypto';
import { createInterface } from 'node:readline';
import { SDJwtInstance } from '@sd-jwt/core';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { generatePair } from './sign.mjs';

const now = () => Math.floor(Date.now() / 1000);

/** The key type of each issuer algorithm (holders always use ES256). */
const KIND = { ES256: 'P-256', EdDSA: 'Ed25519', RS256: 'RSA' };

/** Node's signature parameters for an algorithm. */
function params(alg, key) {
  if (alg === 'ES256') return ['sha256', { key, dsaEncoding: 'ieee-p1363' }];
  if (alg === 'EdDSA') return [null, key];
  if (alg === 'RS256') return ['sha256', key];
  throw new Error(`unsupported alg ${alg}`);
}

/** A @sd-jwt signer: base64url signature of the signing input. */
const signer = (alg, privateKey) => (data) => {
  const [hash, key] = params(alg, privateKey);
  return crypto.sign(hash, Buffer.from(data), key).toString('base64url');
};

/** A @sd-jwt verifier for a public JWK; the algorithm is the signed header's. */
function verifierFor(jwk) {
  const publicKey = crypto.createPublicKey({ key: jwk, format: 'jwk' });
  return (data, sig) => {
    const header = JSON.parse(Buffer.from(data.split('.')[0], 'base64url').toString('utf8'));
    const [hash, key] = params(header.alg, publicKey);
    return crypto.verify(hash, Buffer.from(data), key, Buffer.from(sig, 'base64url'));
  };
}

/** The verifying instance: the issuer's key, and the holder's from the payload's cnf.jwk. */
function verifyingInstance(issuerJwk) {
  return new SDJwtInstance({
    hasher: digest,
    verifier: verifierFor(issuerJwk),
    kbVerifier: (data, sig, payload) => verifierFor(payload.cnf.jwk)(data, sig),
  });
}

const CLAIMS = () => ({
  iss: 'https://issuer.example',
  iat: now(),
  exp: now() + 3600,
  sub: 'user-42',
  given_name: 'Erika',
  family_name: 'Mustermann',
  email: 'erika@example.com',
  birthdate: '1963-08-12',
  address: { street_address: 'Heidestraße 17', locality: 'Köln', postal_code: '51147', country: 'DE' },
  nationalities: ['DE', 'FR', 'US'],
  degrees: [{ type: 'BSc', year: 1985 }, { type: 'MSc', year: 1987 }],
});

/**
 * The cases: [name, issuer alg, _sd_alg, disclosure frame, presentation frame]. The
 * presentation frames leave some disclosures out, so what is disclosed is a strict part.
 */
const CASES = [
  ['flat', 'ES256', 'sha-256', { _sd: ['given_name', 'family_name', 'email', 'birthdate'] }, { given_name: true, email: true }],
  [
    'nested',
    'EdDSA',
    'sha-256',
    { _sd: ['address', 'email'], address: { _sd: ['street_address', 'locality', 'postal_code'] } },
    { address: { locality: true, postal_code: true } },
  ],
  ['array', 'RS256', 'sha-256', { nationalities: { _sd: [0, 1, 2] } }, { nationalities: { 0: true, 2: true } }],
  [
    'array-of-objects',
    'ES256',
    'sha-256',
    { _sd: ['degrees'], degrees: { _sd: [0, 1], 1: { _sd: ['year'] } } },
    { degrees: { 1: { year: true } } },
  ],
  [
    'decoys',
    'ES256',
    'sha-256',
    { _sd: ['given_name', 'family_name'], _sd_decoy: 3, address: { _sd: ['country'], _sd_decoy: 2 }, nationalities: { _sd: [1], _sd_decoy: 2 } },
    { family_name: true, address: { country: true }, nationalities: { 1: true } },
  ],
  ['sha-384', 'EdDSA', 'sha-384', { _sd: ['given_name', 'email'], address: { _sd: ['locality'] } }, { email: true, address: { locality: true } }],
  [
    'sha-512',
    'ES256',
    'sha-512',
    { _sd: ['given_name', 'address'], address: { _sd: ['street_address'] }, nationalities: { _sd: [0, 2] } },
    { address: { street_address: true }, nationalities: { 2: true } },
  ],
];

async function issue() {
  const out = [];
  for (const [name, alg, hashAlg, frame, presentFrame] of CASES) {
    const issuer = generatePair(KIND[alg]);
    const holder = generatePair('P-256');
    const issuerJwk = issuer.publicKey.export({ format: 'jwk' });
    const holderJwk = holder.publicKey.export({ format: 'jwk' });
    const sd = new SDJwtInstance({
      hasher: digest,
      hashAlg,
      saltGenerator: generateSalt,
      signer: signer(alg, issuer.privateKey),
      signAlg: alg,
      kbSigner: signer('ES256', holder.privateKey),
      kbSignAlg: 'ES256',
    });
    const issued = await sd.issue({ ...CLAIMS(), cnf: { jwk: holderJwk } }, frame, { header: { typ: 'dc+sd-jwt' } });
    const aud = `https://verifier.example/${name}`;
    const nonce = crypto.randomBytes(16).toString('base64url');
    const presented = await sd.present(issued, presentFrame, { kb: { payload: { iat: now(), aud, nonce } } });

    // What @sd-jwt decodes each to, after its own checks.
    const verifier = verifyingInstance(issuerJwk);
    const whole = await verifier.verify(issued);
    const part = await verifier.verify(presented, { keyBindingNonce: nonce });
    const base = { issuer_jwk: issuerJwk, holder_jwk: holderJwk, issuer_alg: alg, sd_alg: hashAlg };
    out.push({ name: `${name} issued`, token: issued, ...base, aud: null, nonce: null, expected_payload: whole.payload });
    out.push({ name: `${name} presented`, token: presented, ...base, aud, nonce, expected_payload: part.payload });
  }
  return out;
}

async function verify(record) {
  try {
    const v = verifyingInstance(record.issuer_jwk);
    const options = record.nonce ? { keyBindingNonce: record.nonce } : {};
    const result = await v.verify(record.token, options);
    if (record.nonce) {
      if (!result.kb) throw new Error('no KB-JWT was checked');
      if (result.kb.payload.aud !== record.aud) throw new Error(`KB-JWT aud ${JSON.stringify(result.kb.payload.aud)}`);
      if (result.kb.header.typ !== 'kb+jwt') throw new Error('KB-JWT typ');
    }
    return { name: record.name, ok: true, payload: result.payload, error: null };
  } catch (e) {
    return { name: record.name, ok: false, payload: null, error: String(e && e.message ? e.message : e) };
  }
}

const mode = process.argv[2];
if (mode === 'issue') {
  for (const r of await issue()) process.stdout.write(`${JSON.stringify(r)}\n`);
} else if (mode === 'verify') {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(await verify(JSON.parse(line)))}\n`);
  }
} else {
  process.stderr.write('usage: node tests/interop/sdjwt.mjs issue|verify\n');
  process.exit(2);
}
