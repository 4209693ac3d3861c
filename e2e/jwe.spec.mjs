// JWE as a user meets it: paste an encrypted token and the recipient's key, read the
// plaintext. Tokens come from the RFCs and the RFC 7520 cookbook (tests/data) and from
// the page's own encoder; every decryption runs in the verifier worker.
import { readFileSync } from 'node:fs';
import crypto from 'node:crypto';
import { test, expect, openApp, paste } from './fixtures.mjs';

const load = (file) =>
  readFileSync(new URL(`../tests/data/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const RFC = load('rfc.jsonl');
const COOKBOOK = load('cookbook.jsonl');
const byId = (id) => [...RFC, ...COOKBOOK].find((r) => r.id === id);
const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

const verdict = (page) => page.getByTestId('verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });
const decrypted = (page) => page.getByRole('region', { name: 'Decrypted payload', exact: true });
const warningCodes = (page) =>
  page.getByRole('list', { name: 'Warnings', exact: true }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.dataset.code));

async function decrypt(page, record, expected = 'decrypted') {
  await paste(page, text(record.token));
  await keyBox(page).fill(text(record.key));
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', expected);
}

test('RFC 7516 A.3: the five parts are labelled, and with the key the plaintext appears', async ({ page }) => {
  await openApp(page);
  const r = byId('rfc7516:A.3');
  await paste(page, r.token);
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'jwe');
  const legend = page.getByRole('list', { name: 'Parts', exact: true });
  for (const part of ['Header', 'Encrypted key', 'Initialization vector', 'Ciphertext', 'Authentication tag']) await expect(legend).toContainText(part);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
  await expect(verdict(page)).toContainText('JWE');
  await decrypt(page, r);
  await expect(decrypted(page)).toHaveText(r.plaintext);
  await expect(verdict(page)).toContainText('A128KW');
  // One character of the ciphertext changed: the tag no longer matches.
  const parts = r.token.split('.');
  parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
  // The decrypted pane never shows the old plaintext beside the new token, in any frame
  // (checked before each paint).
  await page.evaluate(([tampered, plaintext]) => {
    window.stalePlaintext = 0;
    const check = () => {
      const box = document.querySelector('[data-testid=token-input]');
      const pane = document.querySelector('[data-testid=decrypted-pane]');
      if (box && pane && box.value === tampered && pane.textContent.includes(plaintext)) window.stalePlaintext++;
    };
    const frame = () => { check(); requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  }, [parts.join('.'), r.plaintext]);
  await paste(page, parts.join('.'));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypt-failed');
  await expect(verdict(page)).toContainText('tag does not match');
  await expect(decrypted(page)).toHaveText('');
  expect(await page.evaluate(() => window.stalePlaintext)).toBe(0);
});

test('every key management family of the cookbook decrypts, compact and JSON', async ({ page }) => {
  await openApp(page);
  const ids = [
    'cookbook:jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json:compact',
    'cookbook:jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json:compact',
    'cookbook:jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json:compact',
    'cookbook:jwe/5_6.direct_encryption_using_aes-gcm.json:json_flat',
    'cookbook:jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json:compact',
    'cookbook:jwe/5_9.compressed_content.json:compact',
    'cookbook:jwe/5_10.including_additional_authentication_data.json:json_flat',
    'cookbook:curve25519/ecdh-es.json:compact',
  ];
  for (const id of ids) {
    const r = byId(id);
    await decrypt(page, r);
    await expect(decrypted(page)).toHaveText(r.plaintext);
  }
});

test('RSA1_5 decrypts with a deprecated-alg warning; a wrong key fails without padding detail', async ({ page }) => {
  await openApp(page);
  const r = byId('rfc7516:A.2');
  await decrypt(page, r);
  await expect(decrypted(page)).toHaveText(r.plaintext);
  expect(await warningCodes(page)).toContain('deprecated-alg');
  // Another RSA key (RFC 7516 A.1's) with the same token: a plain tag failure.
  await keyBox(page).fill(text(byId('rfc7516:A.1').key));
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypt-failed');
  await expect(verdict(page)).not.toContainText('padding');
  // A secret cannot decrypt RSA1_5: an error that says why.
  await keyBox(page).fill('not an RSA key');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'error');
  await expect(verdict(page)).toContainText('RSA private key');
});

test('a public key is refused for decryption with a reason', async ({ page }) => {
  await openApp(page);
  const r = byId('rfc7516:A.1');
  const { d, p, q, dp, dq, qi, ...pub } = r.key;
  await decrypt(page, { token: r.token, key: pub }, 'error');
  await expect(verdict(page)).toContainText('private key');
});

test('RFC 7519 A.2: the nested JWT is decoded, verified with its own key, and opens in the decoder', async ({ page }) => {
  await openApp(page);
  const r = byId('rfc7519:A.2');
  await decrypt(page, r);
  const nested = page.getByTestId('nested-token');
  await expect(nested).toBeVisible();
  await expect(page.getByTestId('nested-header')).toContainText('"RS256"');
  await expect(page.getByTestId('nested-payload')).toContainText('"iss": "joe"');
  const inner = page.getByTestId('nested-verdict');
  await expect(inner).toHaveAttribute('data-verdict', 'unverified');
  // The signer's key is RFC 7515 A.2's RSA key.
  const signer = byId('rfc7515:A.2').key;
  await page.getByLabel('Nested token key', { exact: true }).fill(text(signer));
  await expect(inner).toHaveAttribute('data-verdict', 'verified');
  // The outer verdict is unchanged, and there is still exactly one status.
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  await expect(page.getByRole('status')).toHaveCount(1);
  await page.getByTestId('open-nested').click();
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'jws');
  await expect(page.getByRole('region', { name: 'Header', exact: true })).toContainText('"RS256"');
});

test('the encoder encrypts the signed token; the decoder decrypts it and verifies the nested token', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByLabel('Signing key', { exact: true }).fill('a-signing-secret-of-32-bytes-ok!');
  await expect(page.getByTestId('signed-token')).toHaveValue(/^eyJ/);
  await page.getByTestId('encrypt-toggle').check();
  await page.getByLabel('Key management', { exact: true }).selectOption('A256KW');
  await page.getByLabel('Content encryption', { exact: true }).selectOption('A128CBC-HS256');
  // A key of the wrong length: an alert saying why, no token.
  await page.getByLabel('Encryption key', { exact: true }).fill('too short');
  await expect(page.getByRole('alert').filter({ hasText: '32-byte' })).toBeVisible();
  await page.getByLabel('Encryption key', { exact: true }).fill('0123456789abcdef0123456789abcdef');
  const sealed = page.getByTestId('encrypted-token');
  await expect(sealed).toHaveValue(/^eyJ[^.]+\.[^.]+\.[^.]+\.[^.]+\.[^.]+$/);
  const signed = await page.getByTestId('signed-token').inputValue();
  await page.getByTestId('open-encrypted-in-decoder').click();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  await expect(decrypted(page)).toHaveText(signed);
  await page.getByLabel('Nested token key', { exact: true }).fill('a-signing-secret-of-32-bytes-ok!');
  await expect(page.getByTestId('nested-verdict')).toHaveAttribute('data-verdict', 'verified');
});

test('the encoder encrypts the payload to an EC public key; its private key decrypts it', async ({ page }) => {
  await openApp(page);
  // RFC 7520 §5.5's P-256 recipient key (a JWK).
  const r = byId('cookbook:jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json:compact');
  const { d, ...pub } = r.key;
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByTestId('encrypt-toggle').check();
  await page.getByLabel('Key management', { exact: true }).selectOption('ECDH-ES');
  await page.getByLabel('Content encryption', { exact: true }).selectOption('A256GCM');
  await page.getByLabel('Encrypt', { exact: true }).selectOption('payload');
  await page.getByLabel('Payload JSON', { exact: true }).fill('{"sub":"bob","secret":"<b>not markup</b>"}');
  await page.getByLabel('Encryption key', { exact: true }).fill(JSON.stringify(pub));
  await expect(page.getByTestId('encrypted-token')).toHaveValue(/^eyJ/);
  const jwe = await page.getByTestId('encrypted-token').inputValue();
  // An empty payload asks nothing: no token, and nothing shown as busy.
  await page.getByLabel('Payload JSON', { exact: true }).fill('');
  await expect(page.getByTestId('encrypted-token')).toHaveValue('');
  await expect(page.getByTestId('encrypted-token')).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('tab', { name: 'Decoder', exact: true }).click();
  await decrypt(page, { token: jwe, key: r.key });
  await expect(decrypted(page)).toHaveText('{"sub":"bob","secret":"<b>not markup</b>"}');
  await expect(page.getByTestId('decrypted-pretty')).toContainText('"sub": "bob"');
  // Claims are text: no element came from the plaintext.
  await expect(page.locator('.pane-decrypted b')).toHaveCount(0);
});

test('an ephemeral key off its curve is refused and flagged invalid-curve (Wycheproof)', async ({ page }) => {
  await openApp(page);
  const r = load('wycheproof-jose.jsonl').find((x) => x.id === 'wycheproof:json_web_encryption_test.json:51');
  await decrypt(page, r, 'decrypt-failed');
  expect(await warningCodes(page)).toContain('invalid-curve');
  await expect(verdict(page)).toContainText('not a point on P-256');
  await expect(decrypted(page)).toHaveText('');
});

test("the extras' part of the decrypted pane never shows another token's plaintext", async ({ page }) => {
  const { CompactEncrypt, base64url } = await import('jose');
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const jwe = (plaintext) => new CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(secret);
  const first = await jwe('{"first":"plaintext-one"}');
  const second = await jwe('{"second":"plaintext-two"}');
  await openApp(page);
  await decrypt(page, { token: first, key: JSON.stringify({ kty: 'oct', k: base64url.encode(secret) }) });
  const pretty = page.getByTestId('decrypted-pretty');
  await expect(pretty).toContainText('plaintext-one');
  // From here on, the first plaintext must never be visible while the box holds the
  // second token: checked before each paint.
  await page.evaluate((second) => {
    window.stale = 0;
    const frame = () => {
      const box = document.querySelector('[data-testid=token-input]');
      const shown = [...document.querySelectorAll('[data-testid=decrypted-pretty], [data-testid=decrypted-pane]')]
        .filter((e) => e.checkVisibility())
        .map((e) => e.textContent)
        .join(' ');
      if (box.value === second && shown.includes('plaintext-one')) window.stale++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, second);
  await paste(page, second);
  await expect(pretty).toContainText('plaintext-two');
  await expect(page.getByRole('region', { name: 'Decrypted payload', exact: true })).toHaveText('{"second":"plaintext-two"}');
  expect(await page.evaluate(() => window.stale)).toBe(0);
});
