// Untrusted text is shown one way: whatever a token, key or certificate says (kid, alg,
// claim names and values, member names in the pasted text, a certificate's subject and
// issuer) reaches the screen through one rendering path (jwt::text::visible via
// ui::untrusted), which shows bidi, zero-width, control and other invisible characters as
// ⟨U+XXXX⟩. And what the page keeps (remembered token, share link) is the token found in
// a paste, never the paste.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import crypto from 'node:crypto';
import { test, expect, openApp, paste, b64 } from './fixtures.mjs';

const RLO = '\u202E';
// What must never be on screen raw. Tab, line feed and carriage return are left out: the
// code panes lay out their lines with them.
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u206F\uFEFF]|[\u{E0000}-\u{E0FFF}]/u;

const verdict = (page) => page.getByTestId('verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });
const tool = (page, id) => page.getByTestId(id).click();

/** A fresh RSA key and a self-signed certificate whose subject hides a bidi override. */
function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'jwtlens-untrusted-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-utf8',
      '-subj', `/CN=invoice${RLO}fdp.exe\u061C\u2028/O=Bad\u200BCorp\u0085`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rs256(privateKey, header, claims) {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/** The text shown by every element the locator finds. */
const textOf = (locator) => locator.evaluateAll((els) => els.map((e) => e.textContent).join('\n'));

/** The element shows each escape, and no raw hidden character. */
async function escaped(locator, escapes) {
  for (const e of escapes) await expect(locator).toContainText(e);
  const text = await textOf(locator);
  expect(text, JSON.stringify(text)).not.toMatch(HIDDEN);
}

/** Every text node of the page, but what the user typed (text areas and inputs). */
const rawOnScreen = (page) =>
  page.locator('main').evaluate((m, source) => {
    const re = new RegExp(source, 'u');
    const walker = document.createTreeWalker(m, NodeFilter.SHOW_TEXT);
    const hits = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('textarea, input')) continue;
      if (re.test(n.data)) hits.push(`${n.parentElement.className || n.parentElement.tagName}: ${JSON.stringify(n.data.slice(0, 80))}`);
    }
    return hits;
  }, HIDDEN.source);

test('text from a token, a key and a certificate is shown with its invisible characters escaped, everywhere', async ({ page }) => {
  test.setTimeout(120_000);
  const { key, cert } = certificate();
  const now = Math.floor(Date.now() / 1000);
  const kid = `k${RLO}1\u200B\u0001`;
  const header = { alg: 'RS256', typ: 'JWT', kid };
  const claims = { sub: `admin${RLO}fdp.exe\u0000\u0085`, [`na${RLO}me`]: `x\u200By\u2028z\u{E0041}`, iat: now - 60, exp: now + 3600 };
  const token = rs256(key, header, claims);
  await openApp(page);
  // Pasted as a token response whose member name hides an override.
  await paste(page, JSON.stringify({ [`acc${RLO}ess_token`]: token, token_type: 'Bearer' }));

  await escaped(page.getByTestId('cleaning-notes'), ['⟨U+202E⟩']);
  await escaped(page.getByTestId('claims'), ['⟨U+202E⟩', '⟨U+0000⟩', '⟨U+0085⟩', '⟨U+200B⟩', '⟨U+2028⟩', '⟨U+E0041⟩']);
  await escaped(page.locator('[data-code="suspicious-kid"] .warning-message'), ['⟨U+202E⟩', '⟨U+200B⟩', '⟨U+0001⟩']);

  // The certificate: its subject in the key description and the certificate details.
  await keyBox(page).fill(cert);
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await escaped(page.getByTestId('key-info'), ['⟨U+202E⟩', '⟨U+061C⟩', '⟨U+2028⟩', '⟨U+200B⟩', '⟨U+0085⟩']);
  await escaped(page.locator('.key-desc'), ['⟨U+202E⟩', '⟨U+061C⟩']);
  await escaped(verdict(page), []);

  // A JWKS: the key with the token's kid verifies (its description quotes the kid), and
  // the note on the entry it cannot read quotes that entry's key type.
  const jwk = crypto.createPublicKey(key).export({ format: 'jwk' });
  await keyBox(page).fill(JSON.stringify({ keys: [{ ...jwk, kid }, { kty: `RS${RLO}A\u0007`, kid: 'other' }] }));
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await escaped(page.locator('.key-desc'), ['⟨U+202E⟩', '⟨U+0001⟩']);
  await escaped(page.locator('.key-info .skipped'), ['⟨U+202E⟩', '⟨U+0007⟩']);
  // No entry has the kid: the verdict says so, quoting it.
  await keyBox(page).fill(JSON.stringify({ keys: [{ ...jwk, kid: 'other' }, { ...jwk, kid: 'another' }] }));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'error');
  await escaped(verdict(page), ['⟨U+202E⟩', '⟨U+0001⟩']);

  // An algorithm name with an override: the verdict and the signature pane quote it.
  await keyBox(page).fill(cert);
  await paste(page, rs256(key, { alg: `RS256${RLO}\u0000`, kid: 'x' }, { sub: 'x' }));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'error');
  await escaped(verdict(page), ['⟨U+202E⟩', '⟨U+0000⟩']);
  await escaped(page.getByTestId('signature-length'), ['⟨U+202E⟩', '⟨U+0000⟩']);

  // The colour-coded token: every hidden character in it, not only the first one a
  // problem points at.
  await paste(page, `${b64('{"alg":"HS256"}')}.${b64('{}')}.c2ln${RLO}x\u200By\u2066z`);
  await escaped(page.getByTestId('encoded-token'), ['⟨U+202E⟩', '⟨U+200B⟩', '⟨U+2066⟩']);

  // A payload that is text, and a header that is not JSON: no pretty-printing to escape
  // them as JSON, so ⟨U+…⟩ (the "Exact bytes" toggle still shows the bytes as they are).
  await paste(page, `${b64(`{"alg":"HS256\u200B`)}.${b64(`hello ${RLO}dlrow\u0000\nline two`)}.c2ln`);
  await escaped(page.getByRole('region', { name: 'Payload', exact: true }), ['⟨U+202E⟩', '⟨U+0000⟩']);
  await escaped(page.getByRole('region', { name: 'Header', exact: true }), ['⟨U+200B⟩']);

  // The extras: walkthrough (the key used is the certificate's), tamper note, claims
  // checks and token diff.
  await paste(page, token);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await tool(page, 'walk-toggle');
  await escaped(page.locator('[data-step] [data-field="key"]').first(), ['⟨U+202E⟩', '⟨U+061C⟩']);
  await page.getByTestId('tamper').click();
  await escaped(page.getByTestId('tamper-note'), ['⟨U+202E⟩', '⟨U+0085⟩']);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'invalid');
  await page.getByTestId('untamper').click();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');

  await tool(page, 'checks-toggle');
  await page.getByLabel('Expected subject (sub)').fill('admin');
  const sub = page.getByTestId('claims-checks').locator('[data-check="sub"]');
  await expect(sub).toHaveAttribute('data-status', 'fail');
  await escaped(sub, ['⟨U+202E⟩', '⟨U+0085⟩']);

  await tool(page, 'diff-toggle');
  const other = rs256(key, { ...header, kid: `k${RLO}2` }, { ...claims, sub: `root${RLO}\u0085`, [`x${RLO}`]: 1 });
  await page.getByLabel('Second token').fill(other);
  await expect(page.getByTestId('token-diff').locator('tr[data-change="added"]')).toHaveCount(1);
  await escaped(page.getByTestId('token-diff'), ['⟨U+202E⟩']);
  await expect(page.getByTestId('token-diff')).toContainText('\\u0085');

  // Nowhere on the page is a hidden character shown raw.
  expect(await rawOnScreen(page)).toEqual([]);
  if (process.env.UNTRUSTED_SHOT) {
    await page.getByTestId('key-info').scrollIntoViewIfNeeded();
    await page.screenshot({ path: process.env.UNTRUSTED_SHOT });
  }
});

test('a nested token inside a JWE shows its hidden characters escaped too', async ({ page }) => {
  // dir + A256GCM, made here with Node's crypto; the plaintext is a JWS whose signature
  // part hides an override and a zero-width space.
  const secret = 'jwt-lens-untrusted-32-byte-key!!';
  const nested = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"x"}')}.c2ln${RLO}\u200Bx`;
  const protectedHeader = b64(JSON.stringify({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }));
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(secret), iv);
  cipher.setAAD(Buffer.from(protectedHeader));
  const ciphertext = Buffer.concat([cipher.update(nested), cipher.final()]);
  const jwe = [protectedHeader, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  await openApp(page);
  await paste(page, jwe);
  await keyBox(page).fill(secret);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  await escaped(page.getByTestId('nested-encoded'), ['⟨U+202E⟩', '⟨U+200B⟩']);
  await escaped(page.getByRole('region', { name: 'Decrypted payload', exact: true }), ['⟨U+202E⟩', '⟨U+200B⟩']);
  await expect(page.getByTestId('decrypted-note')).toContainText('invisible characters shown as ⟨U+…⟩');
  expect(await rawOnScreen(page)).toEqual([]);
});

test('"Remember the token" and the share link keep the token found in a paste, never the paste', async ({ page }) => {
  const token = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"remember-me"}')}.c2lnbmF0dXJl`;
  const stored = () => page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  const remember = page.getByTestId('remember-token');
  await openApp(page);
  const curl = `curl -u user:hunter2 -H 'Authorization: Bearer ${token}' https://x`;
  await paste(page, curl);
  await expect(page.getByTestId('cleaning-notes')).toContainText('curl');
  await remember.check();
  await expect.poll(stored).toContain(token);
  expect(await stored()).not.toContain('hunter2');
  // A cookie line: the other cookies stay out.
  await paste(page, `Cookie: sid=hunter2; session=${token}; theme=dark`);
  await expect(page.getByTestId('cleaning-notes')).toContainText('session=');
  await expect.poll(stored).toContain(token);
  expect(await stored()).not.toContain('hunter2');
  // No token in the paste: nothing is kept (not the paste as if it were the token).
  await paste(page, 'curl -u user:hunter2 https://api.example.com/x');
  await expect.poll(stored).toBe('{}{}');
  // The token comes back alone after a reload.
  await paste(page, curl);
  await expect.poll(stored).toContain(token);
  // A reload aborts what is still loading (the verifier the first screen's example started),
  // which the fixture rightly reports as failed requests: let the page finish first.
  await page.waitForLoadState('networkidle');
  await page.reload();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(token);
  await expect(remember).toBeChecked();
  expect(page.url()).not.toContain('hunter2');

  // The share link: the token, never the paste around it, and nothing for a paste without one.
  await paste(page, curl);
  await tool(page, 'share-toggle');
  await expect(page.getByTestId('share-link')).toHaveValue(`${new URL(page.url()).origin}/#token=${token}`);
  await paste(page, 'curl -u user:hunter2 https://api.example.com/x');
  await expect(page.getByTestId('share-error')).toContainText('no token was found');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  expect(page.url()).not.toContain('hunter2');
});

test('a token full of hidden characters is shown escaped, in a bounded number of elements', async ({ page }) => {
  await openApp(page);
  // 100,000 zero-width spaces in the payload: each used to become an element of its own.
  const n = 100_000;
  await paste(page, `${b64('{"alg":"HS256"}')}.e30${'\u200B'.repeat(n)}.c2ln`);
  const encoded = page.getByTestId('encoded-token');
  await expect(encoded).toContainText('⟨U+200B⟩');
  const shown = await encoded.evaluate((el) => ({ marked: el.querySelectorAll('.bad-char').length, elements: el.querySelectorAll('*').length, text: el.textContent }));
  expect(shown.marked).toBeLessThanOrEqual(256);
  // Long runs are split into chunks of text (linear in its length), never an element a character.
  expect(shown.elements).toBeLessThan(n / 20);
  expect(shown.text).not.toMatch(HIDDEN);
  // Every hidden character is still shown, escaped.
  expect(shown.text.split('⟨U+200B⟩').length - 1).toBe(n);
});
