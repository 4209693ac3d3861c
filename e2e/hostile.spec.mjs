// Hostile content: tokens whose claims, header values, kid and keys carry markup, script,
// javascript: URLs, bidi overrides, zero-width characters, very long lines and deep
// nesting. Nothing executes, no element is injected, invisible characters are made
// visible, and the page stays responsive.
import { test, expect, openApp, paste, b64 } from './fixtures.mjs';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '{{constructor.constructor("window.__pwned=1")()}}',
];
const token = (header, claims) => `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}.c2ln`;

async function assertInert(page) {
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  // No element came from the token: the decoded views hold no img, svg, script or iframe,
  // and no link points at javascript:.
  const injected = await page.locator('main img, main svg, main script, main iframe, main object').count();
  expect(injected).toBe(0);
  const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of links) expect(href).not.toMatch(/^\s*javascript:/i);
}

test('markup and script in claims, header values and kid stay text', async ({ page }) => {
  await openApp(page);
  for (const evil of PAYLOADS) {
    await paste(page, token({ alg: 'HS256', kid: evil, typ: evil }, { sub: evil, name: evil, [evil]: evil, website: evil }));
    await expect(page.getByRole('region', { name: 'Payload', exact: true })).toContainText(JSON.stringify(evil).slice(1, 20));
    await expect(page.getByTestId('claims')).toContainText(evil.slice(0, 20));
    await assertInert(page);
  }
  // The verifier's messages quote the kid: still text.
  await page.getByLabel('Verification key', { exact: true }).fill(JSON.stringify({ keys: [{ kty: 'oct', kid: PAYLOADS[0], k: 'c2VjcmV0' }] }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('aria-busy', 'false');
  await assertInert(page);
});

test('markup in a key (PEM headers, JWK members) stays text', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Verification key', { exact: true }).fill(
    `-----BEGIN PUBLIC KEY-----\nComment: ${PAYLOADS[0]}\n\n${'A'.repeat(40)}\n-----END PUBLIC KEY-----`,
  );
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'error');
  await assertInert(page);
  await page.getByLabel('Verification key', { exact: true }).fill(JSON.stringify({ kty: PAYLOADS[1], kid: PAYLOADS[2], k: 'x' }));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'error');
  await assertInert(page);
});

test('bidi overrides and zero-width characters are made visible', async ({ page }) => {
  await openApp(page);
  // "admin" followed by a right-to-left override: rendered raw it would read reversed.
  const sneaky = 'user\u202Enimda\u200B';
  await paste(page, token({ alg: 'HS256', kid: 'k\u2066x' }, { sub: sneaky, role: 'read\u200Bonly' }));
  const payload = page.getByRole('region', { name: 'Payload', exact: true });
  await expect(payload).toContainText('"user\\u202enimda\\u200b"');
  await expect(payload.locator('.j-invisible')).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'Header', exact: true })).toContainText('"k\\u2066x"');
  const claim = page.locator('tr[data-claim="sub"] .claim-value');
  await expect(claim).toHaveText('user⟨U+202E⟩nimda⟨U+200B⟩');
  // Nowhere on the page is a raw override or zero-width character rendered.
  const raw = await page.locator('main').evaluate((m) => {
    const walker = document.createTreeWalker(m, NodeFilter.SHOW_TEXT);
    const hits = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('textarea')) continue;
      if (/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/.test(n.data)) hits.push(n.parentElement.className);
    }
    return hits;
  });
  expect(raw).toEqual([]);
});

test('a very long line and deep nesting: clear messages, and the page stays responsive', async ({ page }) => {
  await openApp(page);
  await paste(page, token({ alg: 'HS256' }, { sub: 'x'.repeat(300_000) }));
  await expect(page.getByTestId('claims')).toContainText('…');
  // Deeper than the JSON reader goes: located, said plainly.
  const deep = '['.repeat(200) + ']'.repeat(200);
  await paste(page, `${b64('{"alg":"HS256"}')}.${b64(deep)}.c2ln`);
  await expect(page.getByRole('alert').filter({ hasText: 'nested deeper than 128 levels' })).toBeVisible();
  // Still responsive: the theme toggle answers, and the next paste decodes.
  await page.getByTestId('theme-toggle').click();
  await expect(page.getByTestId('theme-toggle')).toContainText('light');
  await paste(page, token({ alg: 'HS256' }, { sub: 'after' }));
  await expect(page.getByRole('region', { name: 'Payload', exact: true })).toContainText('"after"');
});

test('more than 10 MB is refused at once with a clear message', async ({ page }) => {
  await openApp(page);
  const huge = `${b64('{"alg":"HS256"}')}.${'A'.repeat(10 * 1024 * 1024 + 16)}.c2ln`;
  await page.getByLabel('Encoded token', { exact: true }).evaluate((el, text) => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, huge);
  await expect(page.getByRole('alert').filter({ hasText: 'this page decodes tokens up to 10.0 MB' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'too-large');
  await page.getByTestId('clear-token').click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('secrets and private keys never reach the URL, storage or the console', async ({ page }) => {
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  await openApp(page);
  const secret = 'hostile-test-secret-do-not-leak-0123456789';
  await page.getByLabel('Verification key', { exact: true }).fill(secret);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'invalid');
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByLabel('Signing key', { exact: true }).fill(secret);
  await expect(page.getByTestId('signed-token')).toHaveValue(/^eyJ/);
  await page.getByTestId('open-in-decoder').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'verified');
  const where = await page.evaluate(() => location.href + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(where).not.toContain(secret);
  expect(logs.join('\n')).not.toContain(secret);
});
