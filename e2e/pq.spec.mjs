// Post-quantum and fully-specified algorithms as a user meets them: ML-DSA (RFC 9964) tokens
// made by npm `@noble/post-quantum`, an implementation independent of ours, verified in the
// page; keys generated and tokens signed in the encoder, verified by noble (ML-DSA) and by
// Node's crypto (Ed448). Fresh keys on every run.
import crypto from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { test, expect, openApp, paste, b64 } from './fixtures.mjs';

const LEVELS = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 };
const EMPTY = new Uint8Array(0);
const verdict = (page) => page.getByTestId('verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });
const signedToken = (page) => page.getByTestId('signed-token');
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');

/** A fresh ML-DSA key pair and a JOSE token signed by noble with it. */
function nobleToken(alg, claims = { sub: 'noble' }) {
  const seed = crypto.randomBytes(32);
  const { secretKey, publicKey } = LEVELS[alg].keygen(seed);
  const input = `${b64(JSON.stringify({ alg, typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
  const sig = LEVELS[alg].sign(Buffer.from(input, 'ascii'), secretKey, { context: EMPTY });
  const jwk = { kty: 'AKP', alg, pub: b64u(publicKey) };
  return { token: `${input}.${b64u(sig)}`, jwk, privateJwk: { ...jwk, priv: b64u(seed) } };
}

/** Whether noble verifies an ML-DSA JOSE token with an AKP public JWK. */
function nobleVerifies(token, jwk) {
  const [h, p, s] = token.split('.');
  const alg = JSON.parse(Buffer.from(h, 'base64url')).alg;
  if (alg !== jwk.alg) return false;
  return LEVELS[alg].verify(Buffer.from(s, 'base64url'), Buffer.from(`${h}.${p}`, 'ascii'), Buffer.from(jwk.pub, 'base64url'), { context: EMPTY });
}

async function check(page, token, key, expected) {
  await paste(page, token);
  await keyBox(page).fill(key);
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', expected);
}

test('ML-DSA-44/65/87 tokens signed by noble verify with their AKP key (public or private JWK); tampered ones do not; a key of another level is refused', async ({ page }) => {
  await openApp(page);
  for (const alg of Object.keys(LEVELS)) {
    const { token, jwk, privateJwk } = nobleToken(alg);
    await check(page, token, JSON.stringify(jwk), 'verified');
    await expect(page.getByTestId('key-info')).toContainText(`${alg} public key`);
    await check(page, token, JSON.stringify(privateJwk), 'verified');
    const [h, , s] = token.split('.');
    await check(page, `${h}.${b64(JSON.stringify({ sub: 'noblf' }))}.${s}`, JSON.stringify(jwk), 'invalid');
  }
  // An AKP key is bound to its algorithm (RFC 9964): a 44 key never checks a 65 token.
  const a = nobleToken('ML-DSA-65');
  const b = nobleToken('ML-DSA-44');
  await check(page, a.token, JSON.stringify(b.jwk), 'error');
  await expect(verdict(page)).toContainText('ML-DSA-65');
  // The same key with its alg changed by hand is not the 65 key either.
  await check(page, a.token, JSON.stringify({ ...b.jwk, alg: 'ML-DSA-65' }), 'error');
});

test('ML-DSA keys generated in the encoder sign tokens noble verifies, hedged by default and deterministic when asked', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  for (const alg of Object.keys(LEVELS)) {
    await page.getByTestId('key-kind').selectOption(alg.toLowerCase());
    await page.getByTestId('generate-key').click();
    await expect(page.getByTestId('keys-busy')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByRole('combobox', { name: 'Algorithm', exact: true })).toHaveValue(alg);
    const formats = Object.fromEntries(await page.getByTestId('key-format').evaluateAll((els) => els.map((e) => [e.dataset.label, e.value])));
    const jwk = JSON.parse(formats['Public JWK']);
    expect(jwk).toMatchObject({ kty: 'AKP', alg });
    // The thumbprint's members for AKP: alg, kty, pub (RFC 9964, RFC 7638).
    const thumb = crypto.createHash('sha256').update(JSON.stringify({ alg: jwk.alg, kty: 'AKP', pub: jwk.pub })).digest('base64url');
    expect(JSON.parse(formats['JWKS (kid = thumbprint)']).keys[0].kid).toBe(thumb);
    await expect(page.getByTestId('mldsa-mode')).toHaveValue('hedged');
    await expect.poll(async () => {
      const token = await signedToken(page).inputValue();
      return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) && nobleVerifies(token, jwk);
    }, { message: alg }).toBe(true);
    await expect(page.getByTestId('signed-mode')).toHaveAttribute('data-hedged', 'true');
    if (alg === 'ML-DSA-44') {
      // Deterministic: the same input signs to the same bytes, and noble agrees.
      await page.getByTestId('mldsa-mode').selectOption('deterministic');
      await expect(page.getByTestId('signed-mode')).toHaveAttribute('data-hedged', 'false');
      // The token signed for this very payload (the encoder re-signs on every change).
      const payload = page.getByLabel('Payload JSON', { exact: true });
      const signedFor = async (claims) => {
        await payload.fill(claims);
        await expect.poll(async () => (await signedToken(page).inputValue()).split('.')[1]).toBe(b64(claims));
        await expect(page.getByTestId('signed-mode')).toHaveAttribute('data-hedged', 'false');
        return signedToken(page).inputValue();
      };
      const first = await signedFor('{"sub":"one"}');
      expect(nobleVerifies(first, jwk)).toBe(true);
      const other = await signedFor('{"sub":"two"}');
      expect(nobleVerifies(other, jwk)).toBe(true);
      expect(await signedFor('{"sub":"one"}')).toBe(first);
      await page.getByTestId('mldsa-mode').selectOption('hedged');
      await expect(page.getByTestId('signed-mode')).toHaveAttribute('data-hedged', 'true');
    }
  }
  // Open in decoder: the page verifies the ML-DSA token with the generated key's public half.
  const last = await signedToken(page).inputValue();
  await page.getByTestId('open-in-decoder').click();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(last);
  await expect(keyBox(page)).toHaveValue(/"kty":"AKP"|BEGIN PUBLIC KEY/);
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('key-info')).toContainText('ML-DSA-87 public key');
});

test('an Ed448 key generated in the encoder signs Ed448 tokens that Node\'s crypto verifies', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByTestId('key-kind').selectOption('ed448');
  await page.getByTestId('generate-key').click();
  await expect(page.getByTestId('keys-busy')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByRole('combobox', { name: 'Algorithm', exact: true })).toHaveValue('Ed448');
  const formats = Object.fromEntries(await page.getByTestId('key-format').evaluateAll((els) => els.map((e) => [e.dataset.label, e.value])));
  const pub = crypto.createPublicKey(formats['Public key (SPKI PEM)']);
  expect(pub.asymmetricKeyType).toBe('ed448');
  const verifies = (token) => {
    const [h, p, s] = token.split('.');
    return crypto.verify(null, Buffer.from(`${h}.${p}`), pub, Buffer.from(s, 'base64url'));
  };
  await expect.poll(async () => {
    const token = await signedToken(page).inputValue();
    return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) && verifies(token);
  }).toBe(true);
  // EdDSA with the same key: the RFC 8037 name, which the linter marks deprecated (RFC 9864).
  await page.getByRole('combobox', { name: 'Algorithm', exact: true }).selectOption('EdDSA');
  await expect.poll(async () => {
    const token = await signedToken(page).inputValue();
    return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) && JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).alg === 'EdDSA' && verifies(token);
  }).toBe(true);
  const last = await signedToken(page).inputValue();
  await page.getByTestId('open-in-decoder').click();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(last);
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('key-info')).toContainText('Ed448 public key');
  await expect(page.locator('[data-code="deprecated-alg"]')).toContainText('RFC 9864');
});
