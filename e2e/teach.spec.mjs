// Teaching and everyday workflow (issue 6), driven as a user would.
import { readFileSync } from 'node:fs';
import { test, expect, openApp, paste, TOKEN_LINK } from './fixtures.mjs';

const GALLERY = JSON.parse(readFileSync(new URL('../src/jwt/teach/gallery.json', import.meta.url), 'utf8')).examples;
const DIST = new URL('../dist/', import.meta.url).pathname;
const verdict = (page) => page.getByTestId('verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });
const warningCodes = (page) =>
  page.getByRole('list', { name: 'Warnings', exact: true }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.dataset.code).sort());
// The decoder's problems (an SD-JWT's own, in the Disclosures region, are checked apart).
const problemCodes = (page) =>
  page
    .getByRole('tabpanel', { name: 'Decoder' })
    .getByRole('alert')
    .evaluateAll((els) => els.filter((e) => !e.closest('[data-testid=disclosures]')).map((e) => e.dataset.code).filter(Boolean));
/** Waits until the verdict answers the current question, and returns it. */
async function settled(page) {
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  return verdict(page).getAttribute('data-verdict');
}
/** Opens (or closes) one of the extras' panels from the tools row. */
const tool = (page, id) => page.getByTestId(id).click();
const field = (page, step, key) => page.locator(`[data-step="${step}"] [data-field="${key}"]`);
const HMAC_A1 = '7418dfb49799e0254ffa607dd8adbbba16d4254d69d6bff05b58055853848d79';

// RFC 7515 Appendix A.1: header `{"typ":"JWT",\r\n "alg":"HS256"}`, claims starting `{"iss":"joe",`.
const A1 = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const A1_KEY = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';
const PAYLOAD_AT = A1.indexOf('.') + 1;

/** The texts the page currently highlights under a CSS highlight name. */
const highlighted = (page, name = 'jl-link') =>
  page.evaluate((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => r.toString()), name);

/** Moves the mouse over character `i` of the colour-coded token. */
async function hoverChar(page, i) {
  const box = await page.getByTestId('encoded-token').evaluate((el, i) => {
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (i < seen + n.data.length) {
        const r = document.createRange();
        r.setStart(n, i - seen);
        r.setEnd(n, i - seen + 1);
        r.startContainer.parentElement.scrollIntoView({ block: 'center' });
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
      seen += n.data.length;
    }
    return null;
  }, i);
  await page.mouse.move(box.x, box.y);
}

test.describe('byte-level links', () => {
  test('pointing at a token character lights up the bytes it carries', async ({ page }) => {
    await openApp(page);
    await paste(page, A1);
    // Characters 12–15 of the payload, "b2Ui", carry bytes 9–11: `oe"` of `"joe"`.
    await hoverChar(page, PAYLOAD_AT + 13);
    const link = page.getByTestId('byte-link');
    await expect(link).toHaveAttribute('data-part', 'payload');
    await expect(link).toHaveAttribute('data-bytes', '9-12');
    await expect(link).toContainText('6f 65 22');
    await expect.poll(() => highlighted(page)).toEqual(['b2Ui', 'oe"']);
    // The same bytes in the exact view.
    await page.getByTestId('exact-payload').check();
    await hoverChar(page, PAYLOAD_AT + 12);
    await expect.poll(() => highlighted(page)).toEqual(['b2Ui', 'oe"']);
    // Leaving the token clears the link.
    await page.mouse.move(1, 1);
    await expect(link).not.toHaveAttribute('data-part', /./);
    await expect.poll(() => highlighted(page)).toEqual([]);
  });

  test('the keyboard moves a cursor through the token', async ({ page }) => {
    await openApp(page);
    await paste(page, A1);
    const token = page.getByTestId('encoded-token');
    await token.focus();
    const link = page.getByTestId('byte-link');
    await expect(link).toHaveAttribute('data-part', 'header');
    await expect(link).toHaveAttribute('data-bytes', '0-3');
    await expect.poll(() => highlighted(page)).toEqual(['eyJ0', '{', '"t']);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(link).toHaveAttribute('data-bytes', '3-6');
    await expect.poll(() => highlighted(page, 'jl-cursor')).toEqual(['e']);
    await page.keyboard.press('End');
    await expect(link).not.toHaveAttribute('data-part', /./); // the signature carries no JSON
    await page.keyboard.press('Home');
    await expect(link).toHaveAttribute('data-bytes', '0-3');
  });

  test('selecting decoded text lights up the characters that carry it', async ({ page }) => {
    await openApp(page);
    await paste(page, A1);
    await page.getByRole('region', { name: 'Payload', exact: true }).evaluate((el) => {
      const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const at = n.data.indexOf('joe');
        if (at >= 0) {
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + 3);
          getSelection().removeAllRanges();
          getSelection().addRange(r);
          return;
        }
      }
    });
    const link = page.getByTestId('byte-link');
    await expect(link).toHaveAttribute('data-part', 'payload');
    await expect(link).toHaveAttribute('data-chars', `${PAYLOAD_AT + 8}-${PAYLOAD_AT + 16}`);
    await expect.poll(() => highlighted(page)).toEqual(['OiJqb2Ui', 'joe']);
    await page.evaluate(() => getSelection().removeAllRanges());
    await expect.poll(() => highlighted(page)).toEqual([]);
  });
});

/** RFC 7515 A.1 with its key, verified, and the walkthrough open. */
async function walkA1(page) {
  await openApp(page);
  await paste(page, A1);
  await page.getByLabel('Secret encoding', { exact: true }).selectOption('base64');
  await keyBox(page).fill(A1_KEY);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await tool(page, 'walk-toggle');
}

test.describe('signature walkthrough and tamper demo', () => {
  test('an HS256 token: the HMAC computed step by step equals the signature', async ({ page }) => {
    await walkA1(page);
    const result = page.getByTestId('walk-result');
    await expect(result).toHaveAttribute('data-holds', 'true');
    await expect(field(page, 'signing-input', 'signing-input')).toHaveText(A1.slice(0, A1.lastIndexOf('.')));
    await expect(field(page, 'hmac', 'hmac')).toHaveText(HMAC_A1);
    await expect(field(page, 'compare', 'computed')).toHaveText(HMAC_A1);
    await expect(field(page, 'compare', 'actual')).toHaveText(HMAC_A1);
    // One step at a time.
    await page.getByTestId('walk-stepwise').check();
    await expect(page.locator('.walk-step')).toHaveCount(1);
    await expect(result).toHaveCount(0);
    await page.getByTestId('walk-next').click();
    await expect(page.locator('.walk-step')).toHaveCount(2);
    await page.getByTestId('walk-next').click();
    await expect(page.getByTestId('walk-next')).toBeDisabled();
    await expect(result).toHaveAttribute('data-holds', 'true');
    await page.getByTestId('walk-prev').click();
    await expect(result).toHaveCount(0);
  });

  test('tampering with one payload character breaks the signature, and the walkthrough shows where', async ({ page }) => {
    await walkA1(page);
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
    await page.getByTestId('tamper').click();
    await expect(page.getByTestId('tamper-note')).toContainText('"iss" from "joe" to "jof"');
    await expect(page.getByRole('region', { name: 'Payload', exact: true })).toContainText('"iss": "jof"');
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'false');
    await expect(page.getByTestId('walk-result')).toContainText('first differ at byte');
    await expect(field(page, 'compare', 'actual')).toHaveText(HMAC_A1);
    await expect(page.locator('[data-step="compare"] mark.walk-diff')).toHaveCount(2);
    // The token's signature segment is unchanged.
    expect(await page.getByLabel('Encoded token', { exact: true }).inputValue()).toMatch(/\.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk$/);
    await page.getByTestId('untamper').click();
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
  });

  test('on the first screen, the example and its demo secret walk through; tampering keeps the demo secret', async ({ page }) => {
    await openApp(page);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
    await tool(page, 'walk-toggle');
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
    await page.getByTestId('tamper').click();
    // The tampered example still carries the example's signature: the demo secret stays, and says no.
    await expect(keyBox(page)).not.toHaveValue('');
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'false');
    await page.getByTestId('untamper').click();
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
    await expect(page.getByTestId('demo-key-note')).toBeVisible();
  });

  test('every signature family is walked through with its own values', async ({ page }) => {
    await openApp(page);
    await tool(page, 'gallery-toggle');
    await tool(page, 'walk-toggle');
    const cases = [
      ['rs256', 'rsa', 'em', /^0001ffff/],
      ['ps256', 'rsa', 'em', /bc$/],
      ['es256', 'check', 'x-r', /^[0-9a-f]{64}$/],
      ['es256k', 'signature', 'r', /^[0-9a-f]{64}$/],
      ['es512', 'signature', 's', /^[0-9a-f]{132}$/],
      ['eddsa', 'signature', 'R', /^[0-9a-f]{64}$/],
      ['ed25519', 'check', 'k', /^[0-9a-f]{128}$/],
      ['ed448', 'signature', 'R', /^[0-9a-f]{114}$/],
      // ML-DSA-65: c̃ is λ/4 = 48 bytes; ML-DSA-44's μ is 64 bytes.
      ['ml-dsa-65', 'signature', 'c-tilde', /^[0-9a-f]{96}$/],
      ['ml-dsa-44', 'message', 'mu', /^[0-9a-f]{128}$/],
    ];
    for (const [id, step, key, re] of cases) {
      await page.getByTestId(`example-${id}`).click();
      await expect(page.getByTestId('walk-result'), id).toHaveAttribute('data-holds', 'true');
      await expect(field(page, step, key), id).toHaveText(re);
    }
    // The psychic signature (r = s = 0) is refused, and the walkthrough says why.
    await page.getByTestId('example-psychic').click();
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'false');
    await expect(page.getByTestId('walkthrough')).toContainText('CVE-2022-21449');
  });
});

test.describe('example gallery', () => {
  test('each example yields its stated verdict, warnings and problems', async ({ page }) => {
    test.setTimeout(180_000);
    await openApp(page);
    await tool(page, 'gallery-toggle');
    const gallery = page.getByRole('region', { name: 'Examples' });
    await expect(gallery).toContainText('Demo keys');
    for (const ex of GALLERY) {
      await gallery.getByTestId(`example-${ex.id}`).click();
      const note = page.getByTestId('example-note');
      await expect(note, ex.id).toHaveAttribute('data-example', ex.id);
      await expect(note, ex.id).toHaveAttribute('data-expected', ex.verdict);
      await expect(verdict(page), ex.id).toHaveAttribute('data-verdict', ex.verdict);
      expect(await settled(page), ex.id).toBe(ex.verdict);
      expect(await warningCodes(page), ex.id).toEqual([...ex.warnings].sort());
      expect(await problemCodes(page), ex.id).toEqual(ex.problems);
      if (ex.nested_key) {
        await expect(page.getByTestId('nested-verdict'), ex.id).toHaveAttribute('data-verdict', 'verified');
      }
    }
  });

  test('the examples work from the single file too', async ({ page }) => {
    await page.goto(`file://${DIST}jwt-lens.html`);
    await expect(page.getByRole('region', { name: 'Header', exact: true })).toContainText('"HS256"');
    await tool(page, 'gallery-toggle');
    await page.getByTestId('example-es256').click();
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
    await tool(page, 'walk-toggle');
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
  });
});

test.describe('everyday workflow', () => {
  test('claims are validated against your own clock, leeway and expectations', async ({ page }) => {
    await openApp(page);
    await paste(page, A1); // exp 1300819380 = 2011-03-22T18:43:00Z, iss "joe", no aud
    await tool(page, 'checks-toggle');
    const check = (name) => page.getByTestId('claims-checks').locator(`[data-check="${name}"]`);
    await expect(check('exp')).toHaveAttribute('data-status', 'fail');
    await expect(check('nbf')).toHaveAttribute('data-status', 'skip');
    await page.getByLabel('Now (UTC date-time or seconds)').fill('2011-03-22T18:00:00Z');
    await expect(page.getByTestId('check-clock')).toContainText('2011-03-22T18:00:00Z (typed)');
    await expect(check('exp')).toHaveAttribute('data-status', 'pass');
    await page.getByLabel('Now (UTC date-time or seconds)').fill('2011-03-22T18:44:00Z');
    await expect(check('exp')).toHaveAttribute('data-status', 'fail');
    await page.getByLabel('Leeway (seconds)').fill('120');
    await expect(check('exp')).toHaveAttribute('data-status', 'pass');
    await expect(check('exp')).toContainText('leeway');
    await page.getByLabel('Expected issuer (iss)').fill('joe');
    await expect(check('iss')).toHaveAttribute('data-status', 'pass');
    await page.getByLabel('Expected issuer (iss)').fill('Joe');
    await expect(check('iss')).toHaveAttribute('data-status', 'fail');
    await page.getByLabel('Expected audience (aud)').fill('api');
    await expect(check('aud')).toHaveAttribute('data-status', 'fail');
    await page.getByLabel('Required claims').fill('exp, jti');
    await expect(check('required:exp')).toHaveAttribute('data-status', 'pass');
    await expect(check('required:jti')).toHaveAttribute('data-status', 'fail');
    // A time the page cannot read says so and falls back to the clock.
    await page.getByLabel('Now (UTC date-time or seconds)').fill('next tuesday');
    await expect(page.getByTestId('check-clock')).toContainText('not understood');
    await page.getByLabel('Now (UTC date-time or seconds)').fill('');
    await page.getByTestId('freeze-clock').check();
    await expect(page.getByTestId('check-clock')).toContainText('(frozen)');
  });

  test('a share link carries the token in the fragment only, never the key', async ({ page, context }) => {
    const secret = 'my-very-secret-key-4711';
    await openApp(page);
    await paste(page, A1);
    await keyBox(page).fill(secret);
    await tool(page, 'share-toggle');
    await expect(page.getByTestId('share-warning')).toContainText('anyone who has it can read every claim');
    const link = page.getByTestId('share-link');
    await expect(link).toHaveValue(/#token=/);
    const full = await link.inputValue();
    expect(full).toBe(`${new URL(page.url()).origin}/#token=${A1}`);
    expect(full).not.toContain(secret);
    await page.getByTestId('share-mode').selectOption('no-signature');
    await expect(link).toHaveValue(`${new URL(page.url()).origin}/#token=${A1.slice(0, A1.lastIndexOf('.') + 1)}`);
    await page.getByTestId('share-mode').selectOption('redacted');
    const redacted = await link.inputValue();
    expect(redacted).not.toContain(secret);
    // The link opens in a fresh page with the redacted token and no key.
    const other = await context.newPage();
    await other.goto(redacted);
    await expect(other.getByRole('region', { name: 'Payload', exact: true })).toContainText('"iss": "[redacted]"');
    await expect(other.getByRole('region', { name: 'Payload', exact: true })).toContainText('"exp": 1300819380');
    await expect(other.getByLabel('Verification key', { exact: true })).toHaveValue('');
    await other.close();
    // A JWE cannot have its signature stripped: the panel says why.
    await paste(page, GALLERY.find((e) => e.id === 'jwe').token);
    await expect(page.getByTestId('share-error')).toBeVisible();
    await page.getByTestId('share-mode').selectOption('full');
    await expect(link).toHaveValue(/#token=eyJ/);
  });

  test('two tokens compared side by side', async ({ page }) => {
    await openApp(page);
    await paste(page, A1);
    await tool(page, 'diff-toggle');
    const other = A1.replace('eyJpc3MiOiJqb2Ui', 'eyJpc3MiOiJqb2Yi'); // iss "joe" -> "jof"
    await page.getByLabel('Second token').fill(other);
    const row = (name) => page.getByTestId('token-diff').locator(`tr[data-member="${name}"]`);
    await expect(row('iss')).toHaveAttribute('data-change', 'changed');
    await expect(row('iss')).toContainText('"joe"');
    await expect(row('iss')).toContainText('"jof"');
    await expect(row('exp')).toHaveAttribute('data-change', 'same');
    await expect(row('alg')).toHaveAttribute('data-part', 'header');
    await expect(page.getByTestId('diff-summary')).toContainText('1 member differs');
    await page.getByLabel('Second token').fill(GALLERY.find((e) => e.id === 'hs256').token);
    await expect(row('typ')).toHaveAttribute('data-change', /removed|changed|same/);
    await expect(row('sub')).toHaveAttribute('data-change', 'added');
    await expect(row('iss')).toHaveAttribute('data-change', 'changed');
  });

  test('keyboard shortcuts, listed in a help overlay', async ({ page }) => {
    await openApp(page, TOKEN_LINK); // the key box starts empty
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Focus the token');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
    await page.keyboard.press('k');
    await expect(keyBox(page)).toBeFocused();
    // Typing in a text field types; it does not trigger shortcuts.
    await page.keyboard.type('e/');
    await expect(keyBox(page)).toHaveValue('e/');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect(page.getByLabel('Encoded token', { exact: true })).toBeFocused();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    await expect(page.getByRole('tab', { name: 'Encoder' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('d');
    await expect(page.getByRole('tab', { name: 'Decoder' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('x');
    await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue('');
    // Single-key shortcuts can be turned off (WCAG 2.1.4).
    await page.keyboard.press('?');
    await help.getByTestId('shortcuts-enabled').uncheck();
    await help.getByTestId('shortcuts-close').click();
    await page.keyboard.press('e');
    await expect(page.getByRole('tab', { name: 'Decoder' })).toHaveAttribute('aria-selected', 'true');
  });
});

test.describe('presenting', () => {
  test('presenter mode: large type, one pane at a time; palettes', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('20px');
    await page.getByTestId('presenter-focus').selectOption('header');
    await expect(page.getByRole('region', { name: 'Header', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Payload', exact: true })).toBeHidden();
    await expect(page.getByLabel('Encoded token', { exact: true })).toBeHidden();
    await page.getByTestId('presenter-focus').selectOption('all');
    await expect(page.getByRole('region', { name: 'Payload', exact: true })).toBeVisible();
    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).not.toHaveAttribute('data-presenter', /./);
    // Palettes: colour-blind safe by default; without colour, parts keep their underline styles.
    const seg = page.locator('.encoded .seg-payload').first();
    const safe = await seg.evaluate((e) => getComputedStyle(e).color);
    await page.getByTestId('palette').selectOption('mono');
    await expect.poll(() => seg.evaluate((e) => getComputedStyle(e).color)).not.toBe(safe);
    expect(await seg.evaluate((e) => getComputedStyle(e).textDecorationStyle)).toBe('dashed');
    await page.getByTestId('palette').selectOption('classic');
    await page.getByTestId('palette').selectOption('safe');
    await expect.poll(() => seg.evaluate((e) => getComputedStyle(e).color)).toBe(safe);
  });

  test('screenshots of the walkthrough, gallery and presenter mode (light and dark)', async ({ page }) => {
    const shot = (name) => new URL(`../docs/${name}.png`, import.meta.url).pathname;
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page);
    await tool(page, 'gallery-toggle');
    await expect(page.getByTestId('example-hs256')).toBeVisible();
    await page.getByRole('region', { name: 'Examples' }).screenshot({ path: shot('gallery') });
    await page.getByTestId('example-tampered').click();
    await tool(page, 'gallery-toggle');
    await tool(page, 'walk-toggle');
    await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'false');
    await page.getByTestId('walkthrough').screenshot({ path: shot('walkthrough') });
    await page.getByTestId('presenter-toggle').click();
    await page.getByTestId('theme-toggle').click(); // light
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.screenshot({ path: shot('presenter-light') });
    await page.getByTestId('theme-toggle').click(); // dark
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByTestId('presenter-focus').selectOption('walkthrough');
    await page.screenshot({ path: shot('presenter-dark') });
  });
});
