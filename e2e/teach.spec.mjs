// Teaching and everyday workflow (issue 6), driven as a user would.
import { test, expect, openApp, paste } from './fixtures.mjs';

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
