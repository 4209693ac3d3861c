// A page fixture that fails the test if the page logs a console error, throws, or sends a
// request to any origin but its own.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL).origin;
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) problems.push(`request off origin: ${url}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    await use(page);
    expect(problems, 'console errors, page errors and off-origin requests').toEqual([]);
  },
});
export { expect };

/** base64url of a string, as a token part. */
export const b64 = (s) => Buffer.from(s).toString('base64url');

/** Opens the app and waits until the decoder is on the page. */
export async function openApp(page, path = '') {
  await page.goto(path);
  await expect(page.getByRole('region', { name: 'Header', exact: true })).toBeVisible();
}

/** Pastes text into the token box as a user would. */
export async function paste(page, text) {
  await page.getByLabel('Encoded token', { exact: true }).fill(text);
}
