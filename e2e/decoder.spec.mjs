// The live decoder, driven as a user drives it: by role and accessible name (UI contract).
import { test, expect, b64, openApp, paste } from './fixtures.mjs';

// RFC 7515 Appendix A.1.
const A1 = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const H = b64('{"alg":"HS256","typ":"JWT"}');
const P = b64('{"sub":"1234567890","name":"Ada"}');

const header = (page) => page.getByRole('region', { name: 'Header', exact: true });
const payload = (page) => page.getByRole('region', { name: 'Payload', exact: true });
const signature = (page) => page.getByRole('region', { name: 'Signature', exact: true });
const verdict = (page) => page.getByTestId('verdict');
const alerts = (page) => page.getByRole('tabpanel', { name: 'Decoder' }).getByRole('alert');
const warningCodes = (page) =>
  page.getByRole('list', { name: 'Warnings', exact: true }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.dataset.code));

test('shows an example token on a first visit, valid and verified with its demo secret', async ({ page }) => {
  await openApp(page);
  await expect(header(page)).toContainText('"alg": "HS256"');
  await expect(payload(page)).toContainText('"name": "Ada Lovelace"');
  await expect(page.getByTestId('demo-key-note')).toBeVisible();
  await expect(page.getByTestId('demo-key-note')).toContainText('Demo secret');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('claims-status')).toHaveAttribute('data-status', 'valid');
  expect(await warningCodes(page)).toEqual(['long-lifetime']);
  await expect(page.getByRole('status')).toHaveCount(1);
});

test('decodes every part of a pasted token, members in token order', async ({ page }) => {
  await openApp(page);
  await paste(page, A1);
  await expect(header(page)).toHaveText('{\n  "typ": "JWT",\n  "alg": "HS256"\n}');
  const shown = JSON.parse(await payload(page).textContent());
  expect(shown).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
  expect(Object.keys(shown)).toEqual(['iss', 'exp', 'http://example.com/is_root']);
  await expect(signature(page)).toContainText('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  await expect(signature(page)).toContainText('7418dfb49799e0254ffa607dd8adbbba16d4254d69d6bff05b58055853848d79');
  await expect(signature(page)).toContainText('32 bytes (HS256 expects 32 bytes)');
  await expect(alerts(page)).toHaveCount(0);
  expect(await warningCodes(page)).toEqual(['expired']);
  // Times as dates: UTC, local (the suite runs in Europe/Paris) and relative.
  const exp = page.getByTestId('time-exp');
  await expect(exp).toContainText('2011-03-22T18:43:00Z');
  await expect(exp).toContainText('2011-03-22 19:43:00 UTC+01:00');
  await expect(exp).toContainText('years ago');
  await expect(page.getByTestId('claims-status')).toHaveAttribute('data-status', 'expired');
});

test('the exact bytes of a part are one click away', async ({ page }) => {
  await openApp(page);
  await paste(page, A1);
  await page.getByTestId('exact-header').check();
  // RFC 7515 A.1's header has a CRLF and a leading space, shown as they are.
  await expect(header(page)).toHaveText('{"typ":"JWT",\r\n "alg":"HS256"}');
  await expect(page.locator('.pane-header .pane-note')).toHaveText('30 bytes, 1 CRLF line end');
});

const malformed = [
  ['token-parts', `${H}.${P}`, 'Token'],
  ['empty-segment', `.${P}.c2ln`, 'Header (token character 1)'],
  ['header-base64', `eyJh*GciOiJIUzI1NiJ9.${P}.c2ln`, 'Header (token character 5)'],
  ['header-utf8', `${Buffer.from('{"alg":"\xff"}', 'latin1').toString('base64url')}.${P}.c2ln`, 'decoded byte 9'],
  ['header-json', `${b64('{"alg":"HS256",}')}.${P}.c2ln`, 'line 1, column 16'],
  ['header-not-object', `${b64('["HS256"]')}.${P}.c2ln`, 'Header'],
  ['missing-alg', `${b64('{"typ":"JWT"}')}.${P}.c2ln`, 'Header'],
  ['payload-base64', `${H}.eyJzd!IiOiIxIn0.c2ln`, 'Payload (token character'],
  ['payload-utf8', `${H}.${Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]).toString('base64url')}.c2ln`, 'decoded byte 7'],
  ['payload-json', `${H}.${b64('{"sub":1')}.c2ln`, 'line 1, column 9'],
  ['signature-base64', `${H}.${P}.c2l+`, 'Signature (token character'],
];

for (const [code, token, where] of malformed) {
  test(`a malformed token raises ${code} and still shows what decodes`, async ({ page }) => {
    await openApp(page);
    await paste(page, token);
    const alert = alerts(page).and(page.locator(`[data-code="${code}"]`));
    await expect(alert).toHaveCount(1);
    await expect(alert).toContainText(where);
    // Whatever else decodes is still on the page.
    if (!code.startsWith('payload')) await expect(payload(page)).toContainText('"sub"');
    if (!code.startsWith('header') && code !== 'missing-alg' && code !== 'empty-segment') {
      await expect(header(page)).toContainText('"alg"');
    }
  });
}

test('duplicate members, padding and non-canonical base64url are warned about', async ({ page }) => {
  await openApp(page);
  await paste(page, `${b64('{"alg":"HS256","alg":"none"}')}.${P}=.c2m`);
  const codes = await warningCodes(page);
  for (const c of ['duplicate-member', 'padding', 'non-canonical-base64', 'alg-none', 'missing-exp']) expect(codes).toContain(c);
  // Both members are shown, in order.
  await expect(header(page)).toHaveText('{\n  "alg": "HS256",\n  "alg": "none"\n}');
});

test('alg none is unsecured; NONE is not none', async ({ page }) => {
  await openApp(page);
  await paste(page, `${b64('{"alg":"none"}')}.${P}.`);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unsecured');
  await expect(alerts(page)).toHaveCount(0);
  await paste(page, `${b64('{"alg":"NONE"}')}.${P}.c2ln`);
  await expect(verdict(page)).not.toHaveAttribute('data-verdict', 'unsecured');
  expect(await warningCodes(page)).toContain('alg-none');
});

test('a five-part token is recognised as JWE', async ({ page }) => {
  await openApp(page);
  // RFC 7516 Appendix A.3's header, with its parts.
  await paste(page, 'eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ');
  await expect(page.getByTestId('token-form')).toHaveAttribute('data-form', 'jwe');
  await expect(header(page)).toContainText('"enc": "A128CBC-HS256"');
  await expect(page.getByTestId('jwe-parts')).toContainText('Encrypted key 40 bytes');
  await expect(signature(page)).toContainText('16 bytes');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
  await expect(alerts(page)).toHaveCount(0);
});

test('cleans what people paste and says what it removed', async ({ page }) => {
  await openApp(page);
  const cases = [
    [`Authorization: Bearer ${A1}`, 'took the token from the Authorization header'],
    [`  "${A1}"\n`, 'removed surrounding quotes'],
    [`curl -H 'Authorization: Bearer ${A1}' https://api.example/`, "curl command's Authorization header"],
    [`session=${A1}; Path=/`, 'took the token from "session="'],
  ];
  for (const [text, note] of cases) {
    await paste(page, text);
    await expect(page.getByTestId('cleaning-notes')).toContainText(note);
    await expect(header(page)).toContainText('"typ": "JWT"');
    await expect(alerts(page)).toHaveCount(0);
  }
});

test('#token= loads a token, also on hashchange; #id_token= and #access_token= too', async ({ page }) => {
  await openApp(page, `#token=${A1}`);
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(A1);
  await expect(payload(page)).toContainText('"iss": "joe"');
  const other = `${H}.${P}.c2ln`;
  await page.evaluate((t) => { location.hash = `id_token=${t}&state=xyz`; }, other);
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(other);
  await page.evaluate((t) => { location.hash = `access_token=${t}`; }, A1);
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(A1);
});

test('a token in the query string is removed from the address bar, not loaded', async ({ page }) => {
  await page.goto(`?token=${A1}&lang=en`);
  await expect(page.getByTestId('query-token-warning')).toBeVisible();
  expect(new URL(page.url()).search).toBe('?lang=en');
  await expect(page.getByLabel('Encoded token', { exact: true })).not.toHaveValue(A1);
});

test('claims are rendered as text, never as markup', async ({ page }) => {
  await openApp(page);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const evil = '{"name":"<img src=x onerror=alert(1)>","html":"<script>alert(2)</script>","exp":4102444800}';
  await paste(page, `${b64('{"alg":"HS256","kid":"<b>bold</b>"}')}.${b64(evil)}.c2ln`);
  await expect(payload(page)).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('main img, main script, main b')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('clearing the token leaves an empty, working page', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('clear-token').click();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue('');
  await expect(header(page)).toHaveText('');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
  await paste(page, A1);
  await expect(header(page)).toContainText('"typ"');
});

test('a 1 MB token decodes and the page stays usable', async ({ page }) => {
  await openApp(page);
  const big = JSON.stringify({ sub: 'big', exp: 4102444800, data: 'x'.repeat(1_000_000) });
  await paste(page, `${H}.${b64(big)}.c2ln`);
  await expect(payload(page)).toContainText('"sub": "big"');
  await expect(alerts(page)).toHaveCount(0);
  // Still responsive: a further edit is decoded.
  await paste(page, A1);
  await expect(payload(page)).toContainText('"iss": "joe"');
});

test('works at 360 px wide without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await openApp(page);
  await paste(page, A1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the token box and the copy buttons are reachable by keyboard', async ({ page }) => {
  await openApp(page);
  const reached = new Set();
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') || document.activeElement?.getAttribute('aria-label') || ''));
  }
  for (const id of ['token-input', 'copy-token', 'clear-token', 'theme-toggle']) expect([...reached]).toContain(id);
});

test('dark theme toggles and the page looks right (screenshots)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  // The first screen as a newcomer sees it: the example verified with its demo secret.
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname, fullPage: true });
  await page.getByTestId('theme-toggle').click(); // light
  await page.getByTestId('theme-toggle').click(); // dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(21, 23, 27)');
  await page.screenshot({ path: new URL('../docs/screenshot-dark.png', import.meta.url).pathname, fullPage: true });
});
