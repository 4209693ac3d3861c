// ML-DSA JOSE tokens (RFC 9964) with an implementation independent of ours — npm
// `@noble/post-quantum` — framed here: header {"alg":"ML-DSA-65"}, base64url, pure ML-DSA
// with the empty context over the ASCII signing input. Fresh keys on every run.
//
//   node mldsa.mjs sign      one JSON record per line, for each level:
//                            {alg, token, jwk, private_jwk, tampered}
//                            (noble's token, its AKP public JWK, its private JWK with the
//                            32-byte seed as `priv`, and the token with one payload bit
//                            flipped, which must not verify)
//   node mldsa.mjs verify    reads lines {alg, token, jwk} (tokens our core signed with keys
//                            our core generated) on stdin, and prints for each
//                            {alg, ok, tampered_ok}: whether noble verifies it, and whether it
//                            verifies it with one signature bit flipped
//
// Used by tests/mldsa_interop.rs.
import crypto from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';

const LEVELS = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 };
const b64u = (b) => Buffer.from(b).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const EMPTY = new Uint8Array(0);

function sign() {
  for (const [alg, dsa] of Object.entries(LEVELS)) {
    const seed = crypto.randomBytes(32);
    const { secretKey, publicKey } = dsa.keygen(seed);
    const h = b64u(JSON.stringify({ alg, typ: 'JWT' }));
    const p = b64u(JSON.stringify({ sub: 'noble', iat: now, exp: now + 600 }));
    const input = Buffer.from(`${h}.${p}`, 'ascii');
    const sig = dsa.sign(input, secretKey, { context: EMPTY });
    if (!dsa.verify(sig, input, publicKey, { context: EMPTY })) throw new Error(`${alg}: noble's own check`);
    const token = `${h}.${p}.${b64u(sig)}`;
    const other = b64u(JSON.stringify({ sub: 'noblf', iat: now, exp: now + 600 }));
    const jwk = { kty: 'AKP', alg, pub: b64u(publicKey) };
    const record = { alg, token, jwk, private_jwk: { ...jwk, priv: b64u(seed) }, tampered: `${h}.${other}.${b64u(sig)}` };
    console.log(JSON.stringify(record));
  }
}

function verify(lines) {
  for (const line of lines) {
    const { alg, token, jwk } = JSON.parse(line);
    const dsa = LEVELS[alg];
    const [h, p, s] = token.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    if (header.alg !== alg || jwk.kty !== 'AKP' || jwk.alg !== alg) throw new Error(`${alg}: header or key`);
    const input = Buffer.from(`${h}.${p}`, 'ascii');
    const pub = Buffer.from(jwk.pub, 'base64url');
    const sig = Buffer.from(s, 'base64url');
    const ok = dsa.verify(sig, input, pub, { context: EMPTY });
    const flipped = Buffer.from(sig);
    flipped[0] ^= 1;
    const tampered_ok = dsa.verify(flipped, input, pub, { context: EMPTY });
    console.log(JSON.stringify({ alg, ok, tampered_ok }));
  }
}

const mode = process.argv[2];
if (mode === 'sign') sign();
else if (mode === 'verify') {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d) => (input += d));
  process.stdin.on('end', () => verify(input.split('\n').filter((l) => l.trim())));
} else throw new Error('usage: node mldsa.mjs sign | verify');
