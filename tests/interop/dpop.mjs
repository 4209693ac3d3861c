// DPoP proofs (RFC 9449) made by an implementation independent of ours — the npm `jose`
// library (panva/jose) — with fresh keys on every run (from the openssl tool, as sign.mjs
// makes them), and prints one JSON record per line:
//   {alg, case, proof, access_token, fails}
// where `proof` is a compact DPoP proof, `access_token` the token pasted beside it (empty
// when none) and `fails` the check id that must fail (empty when every check must pass,
// but `dpop-ath` and `dpop-jkt`, skipped without an access token).
//
// Cases per algorithm (ES256, RS256, PS256, EdDSA): a proof alone; a proof with `ath`
// beside an access token (signed by jose with the authorization server's key) whose
// `cnf.jkt` is the proof key's RFC 7638 thumbprint; and proofs that must be refused: the
// payload tampered, `ath` over another access token, an access token bound to another key,
// the private JWK in the header, and an HS256 proof.
//
// Used by tests/dpop_interop.rs.
import crypto from 'node:crypto';
import * as jose from 'jose';
import { KEYGEN } from './sign.mjs';

const KIND = { ES256: 'P-256', RS256: 'RSA', PS256: 'RSA', EdDSA: 'Ed25519' };
const HTU = 'https://resource.example.org/protected';

const ath = (token) => crypto.createHash('sha256').update(token, 'ascii').digest('base64url');

/** A DPoP proof signed by `privateKey` with `jwk` in its header. */
async function proof(alg, privateKey, jwk, extra = {}) {
  return new jose.SignJWT({ htm: 'GET', htu: HTU, ...extra })
    .setProtectedHeader({ alg, typ: 'dpop+jwt', jwk })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .sign(privateKey);
}

/** An access token (RFC 9068) bound to the key of thumbprint `jkt`. */
async function accessToken(as, jkt) {
  return new jose.SignJWT({ client_id: 'client', cnf: { jkt } })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
    .setIssuer('https://as.example.org')
    .setSubject('user')
    .setAudience('https://resource.example.org')
    .setIssuedAt()
    .setExpirationTime('10m')
    .setJti(crypto.randomUUID())
    .sign(as.privateKey);
}

async function records() {
  const out = [];
  const as = KEYGEN['P-256']();
  for (const [alg, kind] of Object.entries(KIND)) {
    const pair = KEYGEN[kind]();
    const other = KEYGEN[kind]();
    const jwk = await jose.exportJWK(pair.publicKey);
    const jkt = await jose.calculateJwkThumbprint(jwk, 'sha256');
    const otherJkt = await jose.calculateJwkThumbprint(await jose.exportJWK(other.publicKey), 'sha256');
    const at = await accessToken(as, jkt);
    const push = (c, p, access, fails = '') => out.push({ alg, case: c, proof: p, access_token: access, fails });

    push('alone', await proof(alg, pair.privateKey, jwk), '');
    push('with-access-token', await proof(alg, pair.privateKey, jwk, { ath: ath(at) }), at);

    const good = await proof(alg, pair.privateKey, jwk);
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, htu: 'https://attacker.example/' })).toString('base64url');
    push('tampered', `${h}.${tampered}.${s}`, '', 'dpop-signature');
    push('signed-by-another-key', await proof(alg, other.privateKey, jwk), '', 'dpop-signature');

    const otherAt = await accessToken(as, jkt);
    push('wrong-ath', await proof(alg, pair.privateKey, jwk, { ath: ath(otherAt) }), at, 'dpop-ath');
    const boundElsewhere = await accessToken(as, otherJkt);
    push('wrong-jkt', await proof(alg, pair.privateKey, jwk, { ath: ath(boundElsewhere) }), boundElsewhere, 'dpop-jkt');

    const privateJwk = await jose.exportJWK(pair.privateKey);
    push('private-jwk', await proof(alg, pair.privateKey, privateJwk), '', 'dpop-jwk');
  }
  // A MAC is no proof of possession: HS256 with a public jwk beside it.
  const pair = KEYGEN['P-256']();
  const jwk = await jose.exportJWK(pair.publicKey);
  const secret = crypto.randomBytes(32);
  out.push({ alg: 'HS256', case: 'hs256', proof: await proof('HS256', secret, jwk), access_token: '', fails: 'dpop-alg' });
  return out;
}

for (const r of await records()) process.stdout.write(`${JSON.stringify(r)}\n`);
