// The encoder, driven as a user drives it; every signed token is checked outside the
// browser by Node's crypto (OpenSSL), an implementation independent of ours.
import crypto from 'node:crypto';
import { test, expect, openApp, paste, b64 } from './fixtures.mjs';
import { KEYGEN } from '../tests/interop/sign.mjs';
import { nodeVerifies } from '../tests/interop/verify.mjs';

const PAIRS = KEYGEN;
const CASES = [
  ['RS256', 'RSA'], ['RS384', 'RSA'], ['RS512', 'RSA'], ['PS256', 'RSA'], ['PS384', 'RSA'], ['PS512', 'RSA'],
  ['ES256', 'P-256'], ['ES384', 'P-384'], ['ES512', 'P-521'], ['ES256K', 'secp256k1'], ['EdDSA', 'Ed25519'],
];

const signedToken = (page) => page.getByTestId('signed-token');
const encoderPanel = (page) => page.getByRole('tabpanel', { name: 'Encoder' });

async function openEncoder(page) {
  await openApp(page);
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await expect(page.getByLabel('Header JSON', { exact: true })).toBeVisible();
}

/** Fills algorithm and key; waits for a new signed token and returns it. */
async function signWith(page, alg, key, encoding = 'utf8') {
  await page.getByRole('combobox', { name: 'Algorithm', exact: true }).selectOption(alg);
  await page.getByRole('combobox', { name: 'Signing secret encoding', exact: true }).selectOption(encoding);
  await page.getByLabel('Signing key', { exact: true }).fill(key);
  await expect(signedToken(page)).toHaveAttribute('aria-busy', 'false');
  await expect(signedToken(page)).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const token = await signedToken(page).inputValue();
  expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).alg).toBe(alg);
  return token;
}

for (const [alg, kind] of CASES) {
  test(`${alg}: tokens signed in the encoder verify with Node's crypto, from every private key format`, async ({ page }) => {
    await openEncoder(page);
    const { publicKey, privateKey } = PAIRS[kind]();
    const formats = [
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
      JSON.stringify(privateKey.export({ format: 'jwk' })),
    ];
    if (kind === 'RSA') formats.push(privateKey.export({ type: 'pkcs1', format: 'pem' }));
    else if (kind !== 'Ed25519') formats.push(privateKey.export({ type: 'sec1', format: 'pem' }));
    for (const key of formats) {
      await page.getByLabel('Signing key', { exact: true }).fill('');
      const token = await signWith(page, alg, key);
      expect(nodeVerifies(token, alg, publicKey), `${alg} with ${key.slice(0, 30)}`).toBe(true);
    }
  });
}

test('HS256/384/512 with UTF-8, base64 and hex secrets verify with Node\'s crypto', async ({ page }) => {
  await openEncoder(page);
  const secret = crypto.randomBytes(64);
  for (const alg of ['HS256', 'HS384', 'HS512']) {
    for (const [encoding, text] of [['base64', secret.toString('base64')], ['hex', secret.toString('hex')]]) {
      await page.getByLabel('Signing key', { exact: true }).fill('');
      expect(nodeVerifies(await signWith(page, alg, text, encoding), alg, secret)).toBe(true);
    }
    const utf8 = 'correct horse battery staple, long enough for HS512 too, surely';
    await page.getByLabel('Signing key', { exact: true }).fill('');
    expect(nodeVerifies(await signWith(page, alg, utf8, 'utf8'), alg, Buffer.from(utf8))).toBe(true);
  }
});

test('the algorithm select and the header alg follow each other', async ({ page }) => {
  await openEncoder(page);
  const headerBox = page.getByLabel('Header JSON', { exact: true });
  await page.getByRole('combobox', { name: 'Algorithm', exact: true }).selectOption('ES384');
  await expect(headerBox).toHaveValue(/"alg": "ES384"/);
  await headerBox.fill('{"alg":"PS512","typ":"JWT"}');
  await expect(page.getByRole('combobox', { name: 'Algorithm', exact: true })).toHaveValue('PS512');
});

test('a public key or a wrong key type gets an alert, never a token', async ({ page }) => {
  await openEncoder(page);
  const { publicKey } = PAIRS['P-256']();
  await page.getByRole('combobox', { name: 'Algorithm', exact: true }).selectOption('ES256');
  await page.getByLabel('Signing key', { exact: true }).fill(publicKey.export({ type: 'spki', format: 'pem' }));
  await expect(encoderPanel(page).getByRole('alert')).toContainText('can only verify');
  await expect(signedToken(page)).toHaveValue('');
  await page.getByLabel('Signing key', { exact: true }).fill('a secret');
  await expect(encoderPanel(page).getByRole('alert')).toContainText('ES256 cannot be signed with an HMAC secret');
  await expect(signedToken(page)).toHaveValue('');
});

test('invalid JSON is located; the last good token stays visible, marked stale', async ({ page }) => {
  await openEncoder(page);
  await signWith(page, 'HS256', 'a sufficiently long secret of 32+');
  await page.getByLabel('Header JSON', { exact: true }).fill('{"alg": "HS256",,}');
  await expect(encoderPanel(page).getByRole('alert')).toContainText('line 1, column 17');
  await expect(signedToken(page)).toHaveValue('');
  await expect(page.getByTestId('stale-token')).toContainText('Last good token (stale)');
});

test('exact bytes versus compacted JSON: a reformatted payload gives another signature', async ({ page }) => {
  await openEncoder(page);
  const secret = 'a sufficiently long secret of 32+';
  await page.getByLabel('Payload JSON', { exact: true }).fill('{ "sub" : "x" }');
  const compacted = await signWith(page, 'HS256', secret);
  expect(Buffer.from(compacted.split('.')[1], 'base64url').toString()).toBe('{"sub":"x"}');
  await page.getByTestId('exact-bytes').check();
  // Wait for the new token itself, not just for the old one to go.
  await expect.poll(async () => {
    const v = await signedToken(page).inputValue();
    return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v) && v !== compacted;
  }).toBe(true);
  const exact = await signedToken(page).inputValue();
  expect(Buffer.from(exact.split('.')[1], 'base64url').toString()).toBe('{ "sub" : "x" }');
  expect(nodeVerifies(exact, 'HS256', Buffer.from(secret))).toBe(true);
});

test('claim helpers set iat, exp and jti; the kid helper sets the key thumbprint', async ({ page }) => {
  await openEncoder(page);
  await signWith(page, 'HS256', 'a sufficiently long secret of 32+');
  const before = Math.floor(Date.now() / 1000);
  await page.getByRole('button', { name: 'exp = +1 h' }).click();
  await page.getByRole('button', { name: 'random jti' }).click();
  const claims = JSON.parse(await page.getByLabel('Payload JSON', { exact: true }).inputValue());
  expect(claims.exp).toBeGreaterThanOrEqual(before + 3600);
  expect(claims.exp).toBeLessThanOrEqual(before + 3700);
  expect(claims.jti).toMatch(/^[0-9a-f]{32}$/);
  await expect(page.getByTestId('claim-times')).toContainText('exp');
  await page.getByRole('button', { name: 'kid = key thumbprint' }).click();
  const header = JSON.parse(await page.getByLabel('Header JSON', { exact: true }).inputValue());
  expect(header.kid).toMatch(/^[\w-]{43}$/);
});

test('open in decoder verifies at once; edit this token carries it back; both views keep their state', async ({ page }) => {
  await openEncoder(page);
  const { privateKey } = PAIRS.Ed25519();
  await page.getByLabel('Payload JSON', { exact: true }).fill('{"sub":"round trip"}');
  const token = await signWith(page, 'EdDSA', privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await page.getByTestId('open-in-decoder').click();
  await expect(page.getByRole('tab', { name: 'Decoder', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(token);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'verified');
  await page.getByTestId('edit-in-encoder').click();
  await expect(page.getByLabel('Payload JSON', { exact: true })).toHaveValue(/"sub": "round trip"/);
  await expect(page.getByRole('combobox', { name: 'Algorithm', exact: true })).toHaveValue('EdDSA');
  // The decoder kept its token while the encoder was shown.
  await page.getByRole('tab', { name: 'Decoder', exact: true }).click();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(token);
});

test('keys generated in the browser sign tokens that Node\'s crypto verifies, for every kind', async ({ page }) => {
  await openEncoder(page);
  const kinds = [['hmac-256', 'HS256'], ['rsa-2048', 'RS256'], ['p-256', 'ES256'], ['p-384', 'ES384'], ['p-521', 'ES512'], ['secp256k1', 'ES256K'], ['ed25519', 'EdDSA']];
  for (const [kind, alg] of kinds) {
    await page.getByTestId('key-kind').selectOption(kind);
    await page.getByTestId('generate-key').click();
    await expect(page.getByTestId('keys-busy')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByRole('combobox', { name: 'Algorithm', exact: true })).toHaveValue(alg);
    const formats = Object.fromEntries(await page.getByTestId('key-format').evaluateAll((els) => els.map((e) => [e.dataset.label, e.value])));
    const verifyWith = alg.startsWith('HS')
      ? Buffer.from(formats['Secret (base64url)'], 'base64url')
      : crypto.createPublicKey(formats['Public key (SPKI PEM)']);
    // The token signed with the new key, once the encoder has re-signed.
    await expect.poll(async () => {
      const token = await signedToken(page).inputValue();
      return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) && nodeVerifies(token, alg, verifyWith);
    }, { message: kind }).toBe(true);
    if (!alg.startsWith('HS')) {
      // The JWKS entry's kid is the RFC 7638 thumbprint Node computes too.
      const jwk = JSON.parse(formats['Public JWK']);
      const required = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'] }[jwk.kty];
      const canonical = JSON.stringify(Object.fromEntries(required.map((k) => [k, jwk[k]])));
      const thumb = crypto.createHash('sha256').update(canonical).digest('base64url');
      expect(JSON.parse(formats['JWKS (kid = thumbprint)']).keys[0].kid).toBe(thumb);
      expect(crypto.createPrivateKey(formats['Private key (PKCS#8 PEM)']).asymmetricKeyType).toBeTruthy();
    }
  }
});

test('any pasted key converts to PEM, JWK and JWKS', async ({ page }) => {
  await openEncoder(page);
  const { privateKey, publicKey } = PAIRS['P-384']();
  await page.getByLabel('Signing key', { exact: true }).fill(JSON.stringify(privateKey.export({ format: 'jwk' })));
  await page.getByTestId('convert-key').click();
  const pem = page.locator('[data-testid=key-format][data-label="Public key (SPKI PEM)"]');
  await expect(pem).toHaveValue(/BEGIN PUBLIC KEY/);
  expect(crypto.createPublicKey(await pem.inputValue()).export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
  await page.getByTestId('clear-keys').click();
  await expect(page.getByTestId('key-formats')).toHaveCount(0);
  await expect(page.getByLabel('Signing key', { exact: true })).toHaveValue('');
});

test('a custom exp offset in minutes', async ({ page }) => {
  await openEncoder(page);
  await page.getByTestId('exp-minutes').fill('90');
  const before = Math.floor(Date.now() / 1000);
  await page.getByTestId('set-exp-custom').click();
  const claims = JSON.parse(await page.getByLabel('Payload JSON', { exact: true }).inputValue());
  expect(claims.exp - before).toBeGreaterThanOrEqual(90 * 60);
  expect(claims.exp - before).toBeLessThanOrEqual(90 * 60 + 60);
});

test('the encoder loads on first use: not in the first load, and "Edit this token" as its first use fills it', async ({ page }) => {
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  await openApp(page);
  await page.waitForLoadState('networkidle');
  expect(paths.some((p) => p.includes('extras'))).toBe(false);
  await expect(page.getByLabel('Header JSON', { exact: true })).toHaveCount(0);
  const claims = { sub: 'first use', admin: true };
  await paste(page, `${b64(JSON.stringify({ alg: 'HS384', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}.c2ln`);
  await page.getByTestId('edit-in-encoder').click();
  await expect(page.getByRole('tab', { name: 'Encoder', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Payload JSON', { exact: true })).toHaveValue(/"sub": "first use"/);
  await expect(page.getByRole('combobox', { name: 'Algorithm', exact: true })).toHaveValue('HS384');
  expect(paths.some((p) => p.includes('extras'))).toBe(true);
});
