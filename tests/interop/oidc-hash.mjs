// OpenID Connect ID token hashes (`at_hash`, `c_hash`: OpenID Connect Core §3.1.3.6,
// §3.3.2.11) made by an implementation independent of ours — npm `oidc-token-hash` 5.2.0
// (panva), which follows OpenID Connect Token Hash Algorithms 1.0 for the algorithms whose
// name carries no hash: SHA-512 for Ed25519, SHAKE256 of 114 bytes for Ed448, SHAKE256 of
// 64 bytes for ML-DSA, and for EdDSA the key's curve's — over a fresh access token and
// authorization code on every run. Prints one JSON record per line:
//   {alg, crv, access_token, code, at_hash, c_hash, wrong: [{value, with}]}
// where `wrong` holds half hashes of the access token made with the hash of another alg
// (`with`), each of which oidc-token-hash refuses for this alg and curve (checked here: the
// script fails if it does not).
//
// Used by tests/oidc_hash_interop.rs.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const { generate, validate } = createRequire(import.meta.url)('oidc-token-hash');

const CASES = [
  ['RS256'], ['PS384'], ['ES512'], ['HS256'], ['ES256K'],
  ['EdDSA', 'Ed25519'], ['EdDSA', 'Ed448'], ['Ed25519'], ['Ed448'],
  ['ML-DSA-44'], ['ML-DSA-65'], ['ML-DSA-87'],
];
// Half hashes with these (alg, crv) pairs' hashes, offered as wrong values.
const OTHERS = [['RS256'], ['RS384'], ['RS512'], ['Ed448'], ['ML-DSA-44']];

const fresh = () => crypto.randomBytes(24).toString('base64url');
for (const [alg, crv] of CASES) {
  const access = fresh(), code = fresh();
  const own = generate(access, alg, crv);
  const wrong = [];
  for (const [a, c] of OTHERS) {
    const value = generate(access, a, c);
    if (value !== own && !wrong.some((w) => w.value === value)) wrong.push({ value, with: a });
  }
  for (const { value } of wrong) {
    let refused = false;
    try { validate({ claim: 'at_hash', source: 'access_token' }, value, access, alg, crv); } catch { refused = true; }
    if (!refused) throw new Error(`oidc-token-hash accepts ${value} for ${alg} ${crv ?? ''}`);
  }
  console.log(JSON.stringify({ alg, crv: crv ?? '', access_token: access, code, at_hash: own, c_hash: generate(code, alg, crv), wrong }));
}
