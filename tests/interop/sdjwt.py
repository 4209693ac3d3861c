"""SD-JWTs (RFC 9901) made and checked by the Python reference implementation (PyPI
`sd-jwt` 0.10.4, on jwcrypto), independent of ours, with fresh keys on every run.

`sdjwt.py issue` prints one JSON record per line:
  {name, token, issuer_jwk, holder_jwk, aud, nonce, sd_alg, expected_payload}
where `token` is an SD-JWT as issued (every disclosure, no KB-JWT; `aud` and `nonce` are
null) or a presentation with a KB-JWT signed by the holder's ES256 key, `issuer_jwk` the
issuer's public JWK (ES256, EdDSA or RS256), `holder_jwk` the public key in `cnf.jwk`, and
`expected_payload` what the reference verifier decodes the token's disclosed claims to
(after checking the issuer signature and, for a presentation, the KB-JWT's signature, typ,
aud, nonce and sd_hash). The cases: flat claims, a nested object with its own disclosable
members, array elements, decoy digests (the library adds 2 to 5 per object), and `_sd_alg`
sha-256, sha-384 and sha-512 (the library hashes with its class's HASH_ALG; subclasses
choose another).

`sdjwt.py verify` reads JSON lines on stdin, each {name, token, issuer_jwk, aud, nonce}
(aud and nonce null for a token without a KB-JWT), verifies each with the reference
verifier (which checks KB-JWTs signed with ES256 only) and prints per line
{name, ok, payload, error}.

Run with the interpreter of the venv scripts/setup.sh makes (setup_python). Used by
tests/sd_interop.rs.
"""

import json
import secrets
import sys
import time
from hashlib import sha256, sha384, sha512

from jwcrypto.jwk import JWK
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.verifier import SDJWTVerifier

HASHES = {"sha-256": sha256, "sha-384": sha384, "sha-512": sha512}


def classes(sd_alg):
    """Issuer, holder and verifier classes hashing with `sd_alg`."""
    hash_alg = {"name": sd_alg, "fn": HASHES[sd_alg]}
    issuer = type("Issuer", (SDJWTIssuer,), {"HASH_ALG": hash_alg})
    holder = type("Holder", (SDJWTHolder,), {"HASH_ALG": hash_alg})
    verifier = type("Verifier", (SDJWTVerifier,), {"HASH_ALG": hash_alg})
    return issuer, holder, verifier


def fresh_key(alg):
    if alg == "ES256":
        return JWK.generate(kty="EC", crv="P-256")
    if alg == "EdDSA":
        return JWK.generate(kty="OKP", crv="Ed25519")
    if alg == "RS256":
        return JWK.generate(kty="RSA", size=2048)
    raise ValueError(alg)


def claims(flat=(), address=None, nationalities=(), decoy_note=None):
    """The user claims, with the names in `flat` selectively disclosable; `address`, when
    given, the names of the address's own disclosable members (and the address itself is
    disclosable); `nationalities` the disclosable array indexes."""
    now = int(time.time())
    out = {"iss": "https://issuer.example", "iat": now, "exp": now + 3600, "sub": "user-42"}
    plain = {
        "given_name": "Erika",
        "family_name": "Mustermann",
        "email": "erika@example.com",
        "birthdate": "1963-08-12",
    }
    for k, v in plain.items():
        out[SDObj(k) if k in flat else k] = v
    if address is not None:
        addr = {"street_address": "Heidestraße 17", "locality": "Köln", "postal_code": "51147", "country": "DE"}
        out[SDObj("address")] = {(SDObj(k) if k in address else k): v for k, v in addr.items()}
    out["nationalities"] = [SDObj(n) if i in nationalities else n for i, n in enumerate(["DE", "FR", "US"])]
    return out


# [name, issuer alg, _sd_alg, claims, decoys, what to disclose]
CASES = [
    ("flat", "ES256", "sha-256", lambda: claims(flat=("given_name", "family_name", "email")), False,
     {"given_name": True, "email": True}),
    ("nested", "EdDSA", "sha-256", lambda: claims(flat=("email",), address=("street_address", "locality")), False,
     {"address": {"locality": True}}),
    ("array", "RS256", "sha-256", lambda: claims(nationalities=(0, 1, 2)), False,
     {"nationalities": [True, False, True]}),
    ("decoys", "ES256", "sha-256", lambda: claims(flat=("given_name", "birthdate"), address=("country",), nationalities=(1,)), True,
     {"birthdate": True, "address": {"country": True}, "nationalities": [None, True]}),
    ("sha-384", "EdDSA", "sha-384", lambda: claims(flat=("given_name", "email"), address=("locality",)), False,
     {"email": True, "address": {"locality": True}}),
    ("sha-512", "ES256", "sha-512", lambda: claims(flat=("family_name",), address=("postal_code",), nationalities=(0, 2)), True,
     {"family_name": True, "address": {}, "nationalities": [False, None, True]}),
]


def verified_payload(verifier_class, token, issuer_public, aud, nonce):
    v = verifier_class(token, lambda iss, header: issuer_public, expected_aud=aud, expected_nonce=nonce)
    return v.get_verified_payload()


def issue():
    out = []
    for name, alg, sd_alg, make_claims, decoys, disclose in CASES:
        issuer_class, holder_class, verifier_class = classes(sd_alg)
        issuer_key = fresh_key(alg)
        holder_key = fresh_key("ES256")
        issuer = issuer_class(
            make_claims(),
            issuer_key,
            holder_key=holder_key,
            sign_alg=alg,
            add_decoy_claims=decoys,
            extra_header_parameters={"typ": "dc+sd-jwt"},
        )
        issued = issuer.sd_jwt_issuance
        aud = f"https://verifier.example/{name}"
        nonce = secrets.token_urlsafe(16)
        holder = holder_class(issued)
        holder.create_presentation(disclose, nonce=nonce, aud=aud, holder_key=holder_key, sign_alg="ES256")
        presented = holder.sd_jwt_presentation
        issuer_public = JWK.from_json(issuer_key.export_public())
        base = {
            "issuer_jwk": issuer_key.export_public(as_dict=True),
            "holder_jwk": holder_key.export_public(as_dict=True),
            "issuer_alg": alg,
            "sd_alg": sd_alg,
        }
        whole = verified_payload(verifier_class, issued, issuer_public, None, None)
        part = verified_payload(verifier_class, presented, issuer_public, aud, nonce)
        out.append({"name": f"{name} issued", "token": issued, **base, "aud": None, "nonce": None, "expected_payload": whole})
        out.append({"name": f"{name} presented", "token": presented, **base, "aud": aud, "nonce": nonce, "expected_payload": part})
    return out


def sd_alg_of(token):
    """The `_sd_alg` of a compact SD-JWT's issuer-signed payload (sha-256 when absent)."""
    body = token.split("~", 1)[0].split(".")[1]
    payload = json.loads(SDJWTIssuer._base64url_decode(body))
    return payload.get("_sd_alg", "sha-256")


def verify(record):
    try:
        _, _, verifier_class = classes(sd_alg_of(record["token"]))
        issuer_public = JWK.from_json(json.dumps(record["issuer_jwk"]))
        payload = verified_payload(verifier_class, record["token"], issuer_public, record.get("aud"), record.get("nonce"))
        return {"name": record["name"], "ok": True, "payload": payload, "error": None}
    except Exception as e:  # every failure is a result to report
        return {"name": record["name"], "ok": False, "payload": None, "error": f"{type(e).__name__}: {e}"}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "issue":
        for r in issue():
            print(json.dumps(r))
    elif mode == "verify":
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(verify(json.loads(line))), flush=True)
    else:
        print("usage: sdjwt.py issue|verify", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
