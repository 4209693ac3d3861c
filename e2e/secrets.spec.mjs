// Secrets stay put (issue 13, item 6): the key box reaches the extras through a
// MessageChannel, never through a global any script in the page could read, and clearing
// the key box clears it there too.
import { test, expect, openApp, paste } from './fixtures.mjs';

// RFC 7515 Appendix A.1, as in teach.spec.mjs.
const A1 = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const A1_KEY = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';
const verdict = (page) => page.getByTestId('verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });

/**
 * Where a script in the page finds `secret`: every property reachable from `globalThis`
 * (own properties, five levels deep, strings anywhere in them), except DOM nodes (the
 * key box itself shows the key), binary buffers (the programs' memories) and interfaces'
 * prototypes.
 */
const holders = (page, secret) =>
  page.evaluate((secret) => {
    const found = [];
    const seen = new Set();
    const visit = (v, path, depth) => {
      if (typeof v === 'string') {
        if (v.includes(secret)) found.push(path);
        return;
      }
      if (v === null || (typeof v !== 'object' && typeof v !== 'function') || depth > 5 || seen.has(v)) return;
      if (v instanceof Node || ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof WebAssembly.Memory) return;
      seen.add(v);
      let names = [];
      try {
        names = Object.getOwnPropertyNames(v);
      } catch {
        return;
      }
      for (const n of names) {
        // Interfaces' prototypes hold getters that only work on instances.
        if (n === 'prototype') continue;
        let x;
        try {
          x = v[n];
        } catch {
          continue;
        }
        visit(x, `${path}.${n}`, depth + 1);
      }
    };
    visit(globalThis, 'globalThis', 0);
    return found;
  }, secret);

test('the key reaches the extras, and no global holds it; Clear forgets it there too', async ({ page }) => {
  await openApp(page);
  await paste(page, A1);
  await page.getByLabel('Secret encoding', { exact: true }).selectOption('base64');
  await keyBox(page).fill(A1_KEY);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  // The extras load and get the key: the walkthrough checks the signature with it.
  await page.getByTestId('walk-toggle').click();
  await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
  expect(await holders(page, A1_KEY)).toEqual([]);
  expect(await holders(page, A1_KEY.slice(10, 40))).toEqual([]);
  // A new key reaches them too, and is in no global either.
  await keyBox(page).fill(A1_KEY.replace('Ay', 'By'));
  await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'false');
  expect(await holders(page, A1_KEY.slice(10, 40))).toEqual([]);
  // Clearing the key box: the walkthrough has no key any more.
  await page.getByTestId('clear-key').click();
  await expect(page.getByTestId('walkthrough')).toContainText('Paste the key above');
  await expect(page.getByTestId('walk-result')).toHaveCount(0);
  expect(await holders(page, A1_KEY.slice(10, 40))).toEqual([]);
  // And the extras still follow the page: the key again, the walkthrough again.
  await keyBox(page).fill(A1_KEY);
  await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
});

test('the extras take their end of the channel once: a later caller gets nothing', async ({ page }) => {
  await openApp(page);
  await paste(page, A1);
  await page.getByTestId('walk-toggle').click();
  await expect(page.getByTestId('walkthrough')).toBeVisible();
  // The hand-over function is gone once used.
  expect(await page.evaluate(() => typeof globalThis.jwtLensExtrasConnect)).toBe('undefined');
  expect(await page.evaluate(() => 'jwtLensState' in globalThis)).toBe(false);
  await page.getByLabel('Secret encoding', { exact: true }).selectOption('base64');
  await keyBox(page).fill(A1_KEY);
  await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
  expect(await holders(page, A1_KEY)).toEqual([]);
});

test('the gallery hands the nested token\'s key to the page through the channel, not a global', async ({ page }) => {
  // Any write to the globals that once carried keys is recorded.
  await page.addInitScript(() => {
    globalThis.jwtLensTestWrites = [];
    for (const name of ['jwtLensNestedKey', 'jwtLensState']) {
      Object.defineProperty(globalThis, name, { configurable: true, set: () => globalThis.jwtLensTestWrites.push(name), get: () => undefined });
    }
  });
  await openApp(page);
  await page.getByTestId('gallery-toggle').click();
  await page.getByTestId('example-nested').click();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  // The nested token got its key (and verified with it), and no global ever held it.
  await expect(page.getByTestId('nested-verdict')).toHaveAttribute('data-verdict', 'verified');
  const key = await page.getByLabel('Nested token key', { exact: true }).inputValue();
  expect(key.length).toBeGreaterThan(60);
  expect(await page.evaluate(() => globalThis.jwtLensTestWrites)).toEqual([]);
  expect(await holders(page, key.slice(30, 60))).toEqual([]);
});
