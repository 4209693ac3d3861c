// The tokens of 2026 as a user meets them: SD-JWTs with their disclosures and key binding,
// DPoP proofs beside their access token, and the profile of every kind of token. Every
// token here is made in the test, with fresh keys each run, by Node's crypto and npm
// `jose` following RFC 9901 and RFC 9449 (an implementation independent of the page's).
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { test, expect, openApp, paste, EXAMPLE } from './fixtures.mjs';

const b64u = (b) => Buffer.from(b).toString('base64url');
const sha256 = (s) => b64u(crypto.createHash('sha256').update(s).digest());
const now = () => Math.floor(Date.now() / 1000);

const verdict = (page) => page.getByTestId('verdict');
const binding = (page) => page.getByTestId('binding-verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });
const disclosures = (page) => page.getByRole('region', { name: 'Disclosures', exact: true });
const sdPayload = (page) => page.getByRole('region', { name: 'Disclosed payload', exact: true });
const check = (page, id) => page.getByTestId('profile-checks').locator(`[data-check="${id}"]`);
const companion = (page) => page.getByLabel('Access token or code', { exact: true });

/** A disclosure (RFC 9901 §4.2.1/§4.2.2) and its SHA-256 digest. */
function disclose(...items) {
  const salt = b64u(crypto.randomBytes(16));
  const encoded = b64u(JSON.stringify([salt, ...items]));
  return { encoded, digest: sha256(encoded) };
}

async function es256() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { publicKey, privateKey, jwk: await exportJWK(publicKey) };
}

/**
 * An SD-JWT VC issued by a fresh ES256 key: `given_name`, `family_name` and an address
 * whose `street` is itself disclosable, a nationality array with one disclosable element,
 * and two decoys; bound to a fresh holder key (`cnf.jwk`).
 */
async function issue() {
  const issuer = await es256();
  const holder = await es256();
  const given = disclose('given_name', 'Erika');
  const family = disclose('family_name', 'Mustermann');
  const street = disclose('street', 'Heidestraße 17');
  const address = disclose('address', { _sd: [street.digest], locality: 'Köln' });
  const de = disclose('DE');
  const decoys = [sha256('decoy-1' + Math.random()), sha256('decoy-2' + Math.random())];
  const payload = {
    iss: 'https://issuer.example',
    iat: now() - 60,
    exp: now() + 3600,
    vct: 'https://credentials.example/identity',
    _sd: [given.digest, family.digest, address.digest, decoys[0]].sort(),
    nationalities: [{ '...': de.digest }, { '...': decoys[1] }],
    cnf: { jwk: holder.jwk },
    _sd_alg: 'sha-256',
  };
  const jwt = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt' }).sign(issuer.privateKey);
  return { issuer, holder, jwt, d: { given, family, street, address, de } };
}

/** A presentation of `disclosed` with a KB-JWT signed by `holder` (RFC 9901 §4.3). */
async function present(jwt, disclosed, holder, { aud = 'https://verifier.example', nonce = 'n-0S6_WzA2Mj', hashOf } = {}) {
  const presentation = `${jwt}~${disclosed.map((d) => d.encoded).join('~')}${disclosed.length ? '~' : ''}`;
  const kb = await new SignJWT({ iat: now(), aud, nonce, sd_hash: sha256(hashOf ?? presentation) })
    .setProtectedHeader({ alg: 'ES256', typ: 'kb+jwt' })
    .sign(holder.privateKey);
  return presentation + kb;
}

test('an SD-JWT presentation: each disclosure matched and placed, the decoys counted, the issuer and the holder verified', async ({ page }) => {
  const { issuer, holder, jwt, d } = await issue();
  const token = await present(jwt, [d.given, d.address, d.street, d.de], holder);
  await openApp(page);
  await paste(page, token);
  await keyBox(page).fill(JSON.stringify(issuer.jwk));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('profile')).toHaveAttribute('data-profile', 'dc+sd-jwt');
  const items = disclosures(page).getByTestId('disclosure');
  await expect(items).toHaveCount(4);
  for (const [disclosure, name] of [[d.given, 'given_name'], [d.address, 'address'], [d.street, 'street'], [d.de, null]]) {
    const item = disclosures(page).locator(`[data-digest="${disclosure.digest}"]`);
    await expect(item).toHaveAttribute('data-status', 'matched');
    if (name) await expect(item).toHaveAttribute('data-name', name);
    else expect(await item.getAttribute('data-name')).toBeNull();
  }
  // family_name is not disclosed: its digest and the two decoys cannot be told apart.
  await expect(page.getByTestId('sd-decoys')).toHaveAttribute('data-count', '3');
  const shown = JSON.parse(await sdPayload(page).textContent());
  expect(shown).toMatchObject({
    given_name: 'Erika',
    address: { street: 'Heidestraße 17', locality: 'Köln' },
    nationalities: ['DE'],
    vct: 'https://credentials.example/identity',
  });
  expect(shown).not.toHaveProperty('family_name');
  expect(shown).not.toHaveProperty('_sd');
  expect(shown).not.toHaveProperty('_sd_alg');
  // What the disclosures put in place is marked, and nothing else.
  const marked = await sdPayload(page).locator('.sd-disclosed').allTextContents();
  expect(marked.sort()).toEqual(['"DE"', '"address"', '"given_name"', '"street"']);
  await expect(binding(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(binding(page)).toContainText(/holds the private key the issuer bound/);
  await expect(check(page, 'kb-sd-hash')).toHaveAttribute('data-status', 'pass');
  // A disclosure lights up its digest in the payload and its own text in the token.
  await disclosures(page).locator(`[data-digest="${d.given.digest}"]`).hover();
  await expect(page.getByTestId('payload-pane').locator('.sd-lit')).toHaveText(`"${d.given.digest}"`);
  await expect(page.locator('.seg-disclosure.sd-lit')).toHaveText(d.given.encoded);
  // Nested: its digest is in the disclosed address, which lights up.
  await disclosures(page).locator(`[data-digest="${d.street.digest}"]`).hover();
  await expect(page.locator('.sd-lit')).toHaveCount(2);
  await expect(disclosures(page).locator(`[data-digest="${d.address.digest}"] .sd-lit`)).toContainText(d.street.digest);
});

test('a forged disclosure is unmatched and refused; a replayed KB-JWT does not bind', async ({ page }) => {
  const { holder, jwt, d } = await issue();
  const forged = disclose('given_name', 'Mallory');
  await openApp(page);
  await paste(page, `${jwt}~${d.family.encoded}~${forged.encoded}~`);
  await expect(disclosures(page).locator(`[data-digest="${forged.digest}"]`)).toHaveAttribute('data-status', 'unmatched');
  await expect(disclosures(page).locator(`[data-digest="${d.family.digest}"]`)).toHaveAttribute('data-status', 'matched');
  await expect(disclosures(page).getByRole('alert').first()).toHaveAttribute('data-code', /^sd-/);
  expect(await sdPayload(page).textContent()).not.toContain('Mallory');
  // No KB-JWT: no binding verdict.
  await expect(binding(page)).toHaveCount(0);

  // The KB-JWT of another presentation (its sd_hash covers other disclosures).
  const other = await present(jwt, [d.given], holder);
  const kb = other.slice(other.lastIndexOf('~') + 1);
  await paste(page, `${jwt}~${d.family.encoded}~${kb}`);
  await expect(binding(page)).toHaveAttribute('data-verdict', 'invalid');
  await expect(check(page, 'kb-sd-hash')).toHaveAttribute('data-status', 'fail');
  // Signed by a key the issuer did not bind.
  const stranger = await es256();
  await paste(page, await present(jwt, [d.family], stranger));
  await expect(binding(page)).toHaveAttribute('data-verdict', 'invalid');
});

test('every SD-JWT refusal is shown with its stable code', async ({ page }) => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  const x = disclose('a', 1);
  const named = (name) => disclose(name, 1);
  const element = disclose('DE');
  const sdName = named('_sd');
  const exists = named('b');
  // A chain of disclosures each inside the one before, deeper than the 128 levels allowed.
  const chain = [];
  let inner = disclose('leaf', 1);
  chain.push(inner);
  for (let i = 0; i < 130; i++) {
    inner = disclose(`level${i}`, { _sd: [inner.digest] });
    chain.push(inner);
  }
  const notObject = `${b64u('{"alg":"ES256"}')}.${b64u('[1,2]')}.c2ln`;
  const jsonPayload = b64u(JSON.stringify({ _sd: [] }));
  const cases = [
    ['sd-unreferenced-disclosure', `${await sign({ _sd: [] })}~${x.encoded}~`],
    ['sd-repeated-digest', `${await sign({ _sd: [x.digest, x.digest] })}~${x.encoded}~`],
    ['sd-duplicate-disclosure', `${await sign({ _sd: [x.digest] })}~${x.encoded}~${x.encoded}~`],
    ['sd-forbidden-name', `${await sign({ _sd: [sdName.digest] })}~${sdName.encoded}~`],
    ['sd-name-exists', `${await sign({ b: 0, _sd: [exists.digest] })}~${exists.encoded}~`],
    ['sd-wrong-form', `${await sign({ _sd: [element.digest] })}~${element.encoded}~`],
    ['sd-bad-sd-array', `${await sign({ _sd: 'not an array' })}~`],
    ['sd-unsupported-alg', `${await sign({ _sd: [], _sd_alg: 'md5' })}~`],
    ['sd-malformed-disclosure', `${await sign({ _sd: [] })}~${b64u('not json')}~`],
    ['sd-payload-not-object', `${notObject}~`],
    ['sd-empty-disclosure', `${await sign({ _sd: [x.digest] })}~~${x.encoded}~`],
    ['sd-too-deep', `${await sign({ _sd: [inner.digest] })}~${chain.map((d) => d.encoded).join('~')}~`],
    ['sd-too-many-disclosures', `${await sign({ _sd: [] })}${'~'.repeat(100002)}`],
    ['sd-bad-json-serialization', JSON.stringify({ protected: b64u('{"alg":"ES256"}'), payload: jsonPayload, signature: 'c2ln', header: { disclosures: 'not an array' } })],
  ];
  await openApp(page);
  for (const [code, token] of cases) {
    await paste(page, token);
    await expect(disclosures(page).locator(`[role=alert][data-code="${code}"]`).first(), code).toBeVisible();
  }
});

test('hostile text in a disclosure is shown escaped, never as markup', async ({ page }) => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const evil = disclose('\u202Eevil<img src=x onerror=alert(1)>', '<script>alert(2)</script>\u200B');
  const jwt = await new SignJWT({ _sd: [evil.digest] }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  await openApp(page);
  await paste(page, `${jwt}~${evil.encoded}~`);
  const item = disclosures(page).getByTestId('disclosure');
  await expect(item).toHaveAttribute('data-status', 'matched');
  await expect(item).toContainText('⟨U+202E⟩evil<img src=x onerror=alert(1)>');
  await expect(item).toContainText('⟨U+200B⟩');
  await expect(disclosures(page).locator('img, script')).toHaveCount(0);
  expect(await disclosures(page).textContent()).not.toContain('\u202E');
});

test('the disclosures and the binding verdict shown always belong to the token on screen', async ({ page }) => {
  const a = await issue();
  const b = await issue();
  // The first is bound (a verified KB-JWT); the second has no KB-JWT, so no binding verdict.
  const first = await present(a.jwt, [a.d.given], a.holder);
  const second = `${b.jwt}~${b.d.family.encoded}~`;
  await openApp(page);
  await paste(page, first);
  await expect(disclosures(page).locator(`[data-digest="${a.d.given.digest}"]`)).toBeVisible();
  await expect(binding(page)).toHaveAttribute('data-verdict', 'verified');
  // Before every paint: neither a disclosure nor the binding verdict of the first token
  // shows beside the second.
  await page.evaluate(([token, digest]) => {
    window.stale = 0;
    const frame = () => {
      const box = document.querySelector('[data-testid=token-input]');
      const old = document.querySelector(`[data-digest="${digest}"]`);
      const bound = document.querySelector('[data-testid=binding-verdict]');
      if (box && box.value === token && ((old && old.checkVisibility()) || (bound && bound.checkVisibility()))) window.stale++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, [second, a.d.given.digest]);
  await paste(page, second);
  await expect(disclosures(page).locator(`[data-digest="${b.d.family.digest}"]`)).toBeVisible();
  await expect(binding(page)).toHaveCount(0);
  // A plain JWT afterwards: no disclosures at all.
  await paste(page, EXAMPLE);
  await expect(disclosures(page)).toBeHidden();
  expect(await page.evaluate(() => window.stale)).toBe(0);
});

test('an SD-JWT with 5,000 disclosures: all are matched, the first 1,000 listed, and the page keeps working', async ({ page }) => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const ds = Array.from({ length: 5000 }, (_, i) => disclose(`claim_${i}`, i));
  const jwt = await new SignJWT({ iss: 'https://issuer.example', _sd: ds.map((d) => d.digest).sort() })
    .setProtectedHeader({ alg: 'ES256', typ: 'example+sd-jwt' })
    .sign(privateKey);
  await openApp(page);
  await paste(page, `${jwt}~${ds.map((d) => d.encoded).join('~')}~`);
  await expect(page.getByTestId('profile')).toHaveAttribute('data-profile', 'sd-jwt');
  await expect(page.getByTestId('sd-unlisted')).toHaveAttribute('data-count', '4000', { timeout: 60000 });
  await expect(disclosures(page).getByTestId('disclosure')).toHaveCount(1000);
  await expect(disclosures(page).locator('[data-status="matched"]')).toHaveCount(1000);
  await expect(page.getByTestId('sd-decoys')).toHaveAttribute('data-count', '0');
  expect(await sdPayload(page).textContent()).toContain('"claim_4999": 4999');
  // Still a working page: another token replaces it at once.
  await paste(page, EXAMPLE);
  await expect(page.getByTestId('profile')).toHaveAttribute('data-profile', 'jwt');
  await expect(disclosures(page)).toBeHidden();
});

/** A DPoP proof (RFC 9449 §4.2) made by npm jose with a fresh key, for an access token. */
async function dpop(alg, accessToken, { jwk, key } = {}) {
  const pair = key ? { privateKey: key } : await generateKeyPair(alg, { extractable: true });
  const publicJwk = jwk ?? (await exportJWK(pair.publicKey));
  const claims = { jti: crypto.randomUUID(), htm: 'POST', htu: 'https://api.example/token', iat: now() };
  if (accessToken) claims.ath = sha256(accessToken);
  const proof = await new SignJWT(claims).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk: publicJwk }).sign(pair.privateKey);
  return { proof, jwk: publicJwk };
}

test('a DPoP proof proves possession of its own key; its ath and the access token\'s cnf.jkt are checked', async ({ page }) => {
  const at = await es256();
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const proofJwk = await exportJWK(publicKey);
  const jkt = await calculateJwkThumbprint(proofJwk, 'sha256');
  const accessToken = await new SignJWT({ iss: 'https://as.example', sub: 'u1', aud: 'https://api.example', client_id: 'c1', jti: 'j1', cnf: { jkt } })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(at.privateKey);
  const { proof } = await dpop('ES256', accessToken, { jwk: proofJwk, key: privateKey });
  await openApp(page);
  await paste(page, proof);
  await expect(page.getByTestId('profile')).toHaveAttribute('data-profile', 'dpop+jwt');
  await expect(binding(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(binding(page)).toContainText(/holds that key's private half, nothing more/);
  await expect(check(page, 'dpop-ath')).toHaveAttribute('data-status', 'skip');
  await companion(page).fill(accessToken);
  await expect(check(page, 'dpop-ath')).toHaveAttribute('data-status', 'pass');
  await expect(check(page, 'dpop-jkt')).toHaveAttribute('data-status', 'pass');
  // Another access token: the proof was not made for it.
  await companion(page).fill(accessToken.slice(0, -2) + (accessToken.endsWith('AA') ? 'BA' : 'AA'));
  await expect(check(page, 'dpop-ath')).toHaveAttribute('data-status', 'fail');
  // The main verdict stays the pasted key's: nothing pasted, nothing verified.
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
  // The access token is a credential: "Clear all" forgets it with the token.
  await page.getByTestId('clear-all').click();
  await expect(companion(page)).toHaveValue('');
});

test('every profile is recognised and named', async ({ page }) => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const sign = (header, claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', ...header }).sign(privateKey);
  const t = now();
  const cases = [
    ['jwt', await sign({ typ: 'JWT' }, { sub: 'x', name: 'plain' })],
    ['at+jwt', await sign({ typ: 'at+jwt' }, { iss: 'i', sub: 's', aud: 'a', exp: t + 60, iat: t, jti: 'j', client_id: 'c' })],
    ['id-token', await sign({}, { iss: 'i', sub: 's', aud: 'a', exp: t + 60, iat: t, nonce: 'n' })],
    ['logout+jwt', await sign({ typ: 'logout+jwt' }, { iss: 'i', sub: 's', aud: 'a', iat: t, jti: 'j', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })],
    ['secevent+jwt', await sign({ typ: 'secevent+jwt' }, { iss: 'i', iat: t, jti: 'j', events: { 'urn:example:event': {} } })],
    ['oauth-authz-req+jwt', await sign({ typ: 'oauth-authz-req+jwt' }, { iss: 'c', aud: 'as', client_id: 'c', response_type: 'code' })],
    ['client-assertion', await sign({}, { iss: 'c', sub: 'c', aud: 'https://as.example/token', exp: t + 60, jti: 'j' })],
    ['dpop+jwt', (await dpop('ES256')).proof],
    ['kb+jwt', await sign({ typ: 'kb+jwt' }, { iat: t, aud: 'v', nonce: 'n', sd_hash: sha256('x') })],
    ['sd-jwt', `${await sign({ typ: 'example+sd-jwt' }, { _sd: [], _sd_alg: 'sha-256' })}~`],
    ['dc+sd-jwt', `${await sign({ typ: 'dc+sd-jwt' }, { vct: 'v', _sd: [] })}~`],
  ];
  await openApp(page);
  for (const [profile, token] of cases) {
    await paste(page, token);
    await expect(page.getByTestId('profile'), profile).toHaveAttribute('data-profile', profile);
    // A plain SD-JWT has no rules beyond RFC 9901's, which its disclosures show.
    if (profile === 'sd-jwt') await expect(disclosures(page), profile).toBeVisible();
    else if (profile !== 'jwt') await expect(page.getByTestId('profile-checks').locator('[data-check]').first(), profile).toBeVisible();
  }
});

test('screenshots of an SD-JWT presentation and a DPoP proof', async ({ page }) => {
  const shot = (name) => new URL(`../docs/${name}.png`, import.meta.url).pathname;
  await page.setViewportSize({ width: 1280, height: 900 });
  const { issuer, holder, jwt, d } = await issue();
  await openApp(page);
  await paste(page, await present(jwt, [d.given, d.address, d.street, d.de], holder));
  await keyBox(page).fill(JSON.stringify(issuer.jwk));
  await expect(binding(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await page.screenshot({ path: shot('sd-jwt'), fullPage: true });
  const { proof } = await dpop('ES256');
  await keyBox(page).fill('');
  await paste(page, proof);
  await expect(binding(page)).toHaveAttribute('data-verdict', 'verified');
  await page.screenshot({ path: shot('dpop') });
});

const GALLERY = JSON.parse(readFileSync(new URL('../src/jwt/teach/gallery.json', import.meta.url), 'utf8')).examples;
const statuses = (page) => disclosures(page).getByTestId('disclosure').evaluateAll((els) => els.map((e) => e.dataset.status));

test('the gallery teaches SD-JWT and DPoP', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('gallery-toggle').click();
  const want = {
    'sd-jwt-vc': { profile: 'dc+sd-jwt', statuses: Array(6).fill('matched'), decoys: '3', binding: null },
    'sd-jwt-kb': { profile: 'dc+sd-jwt', statuses: Array(5).fill('matched'), decoys: '4', binding: 'verified' },
    'sd-forged-disclosure': { profile: 'dc+sd-jwt', statuses: ['matched', 'unmatched'], decoys: '5', binding: 'verified', code: 'sd-unreferenced-disclosure' },
    'sd-replayed-kb': { profile: 'dc+sd-jwt', statuses: Array(3).fill('matched'), decoys: '3', binding: 'invalid', fail: 'kb-sd-hash' },
    'dpop-access-token': { profile: 'at+jwt', binding: null },
    'dpop-proof': { profile: 'dpop+jwt', binding: 'verified', fail: 'dpop-iat' },
  };
  for (const [id, w] of Object.entries(want)) {
    await page.getByTestId(`example-${id}`).click();
    await expect(page.getByTestId('verdict'), id).toHaveAttribute('data-verdict', 'verified');
    await expect(page.getByTestId('profile'), id).toHaveAttribute('data-profile', w.profile);
    if (w.statuses) {
      await expect.poll(() => statuses(page), id).toEqual(w.statuses);
      await expect(page.getByTestId('sd-decoys'), id).toHaveAttribute('data-count', w.decoys);
    }
    if (w.binding) await expect(binding(page), id).toHaveAttribute('data-verdict', w.binding);
    else await expect(binding(page), id).toHaveCount(0);
    if (w.code) await expect(disclosures(page).getByRole('alert').first(), id).toHaveAttribute('data-code', w.code);
    if (w.fail) await expect(check(page, w.fail), id).toHaveAttribute('data-status', 'fail');
  }
  // The proof with its access token beside it: ath and cnf.jkt pass.
  await companion(page).fill(GALLERY.find((e) => e.id === 'dpop-access-token').token);
  await expect(check(page, 'dpop-ath')).toHaveAttribute('data-status', 'pass');
  await expect(check(page, 'dpop-jkt')).toHaveAttribute('data-status', 'pass');
});

test('the encoder issues an SD-JWT and a presentation with key binding, which the decoder and Node check', async ({ page }) => {
  const issuerPair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const holderPair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const holderJwk = holderPair.publicKey.export({ format: 'jwk' });
  await openApp(page);
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByLabel('Header JSON', { exact: true }).fill('{"alg":"ES256","typ":"dc+sd-jwt"}');
  await page.getByLabel('Payload JSON', { exact: true }).fill(
    JSON.stringify({ iss: 'https://issuer.example', vct: 'urn:example:id', given_name: 'Erika', address: { street: 'Heidestraße 17', locality: 'Köln' }, nationalities: ['DE', 'FR'] }),
  );
  await page.getByRole('combobox', { name: 'Algorithm', exact: true }).selectOption('ES256');
  await page.getByLabel('Signing key', { exact: true }).fill(issuerPair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await page.getByTestId('sd-issue-toggle').check();
  await page.getByTestId('sd-disclose').fill('/given_name\n/address/street\n/nationalities/1');
  await page.getByTestId('sd-holder-key').fill(JSON.stringify(holderJwk));
  await expect(page.getByTestId('sd-token')).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+(~[\w-]+){3}~$/);
  const sdJwt = await page.getByTestId('sd-token').inputValue();
  // Node checks what the page issued: the issuer's signature, and each disclosure's digest in the payload.
  const [jwt, ...rest] = sdJwt.split('~');
  const [h, p, s] = jwt.split('.');
  expect(crypto.verify('sha256', Buffer.from(`${h}.${p}`), { key: issuerPair.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))).toBe(true);
  const payloadText = Buffer.from(p, 'base64url').toString();
  for (const d of rest.filter(Boolean)) expect(payloadText + rest.map((x) => Buffer.from(x, 'base64url').toString()).join('')).toContain(sha256(d));
  expect(JSON.parse(payloadText).cnf.jwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: holderJwk.x, y: holderJwk.y });
  // Present without the nationality, with a KB-JWT.
  await expect(page.getByTestId('sd-keep')).toHaveCount(3);
  await page.getByTestId('sd-keep').nth(2).uncheck();
  await page.getByTestId('kb-key').fill(holderPair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await page.getByTestId('kb-nonce').fill('n-4711');
  await expect(page.getByTestId('sd-presentation')).toHaveValue(/~[\w-]+\.[\w-]+\.[\w-]+$/);
  const presentation = await page.getByTestId('sd-presentation').inputValue();
  expect(presentation.split('~')).toHaveLength(4);
  const kb = presentation.slice(presentation.lastIndexOf('~') + 1);
  const [kh, kp, ks] = kb.split('.');
  expect(crypto.verify('sha256', Buffer.from(`${kh}.${kp}`), { key: holderPair.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(ks, 'base64url'))).toBe(true);
  const kbClaims = JSON.parse(Buffer.from(kp, 'base64url').toString());
  expect(kbClaims).toMatchObject({ nonce: 'n-4711', aud: 'https://verifier.example', sd_hash: sha256(presentation.slice(0, presentation.lastIndexOf('~') + 1)) });
  // Issued again without given_name: the choice follows the disclosure, not its place.
  await page.getByTestId('sd-disclose').fill('/address/street\n/nationalities/1');
  await expect(page.getByTestId('sd-keep')).toHaveCount(2);
  await expect(page.getByTestId('sd-presentation')).toHaveValue(/^[^~]+~[\w-]+~[\w-]+\.[\w-]+\.[\w-]+$/);
  const again = await page.getByTestId('sd-presentation').inputValue();
  expect(JSON.parse(Buffer.from(again.split('~')[1], 'base64url').toString())[1]).toBe('street');
  await page.getByTestId('sd-disclose').fill('/given_name\n/address/street\n/nationalities/1');
  await expect(page.getByTestId('sd-presentation')).toHaveValue(/^[^~]+~[\w-]+~[\w-]+~[\w-]+\.[\w-]+\.[\w-]+$/);
  const presented = await page.getByTestId('sd-presentation').inputValue();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('group', { name: 'SD-JWT', exact: true }).screenshot({ path: new URL('../docs/sd-encoder.png', import.meta.url).pathname });
  // In the decoder: the issuer verified with the key the encoder hands over, and the holder bound.
  await page.getByTestId('open-presentation').click();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(presented);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(binding(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(disclosures(page).getByTestId('disclosure')).toHaveCount(2);
  const shown = JSON.parse(await sdPayload(page).textContent());
  expect(shown).toMatchObject({ given_name: 'Erika', address: { street: 'Heidestraße 17' }, nationalities: ['DE'] });
});
