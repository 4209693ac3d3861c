// A page fixture that fails the test if the page logs a console error, throws, or sends a
// request to any origin but its own.
import { readFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  // Console errors a test expects (regular expressions), e.g. a 404 it provokes.
  allowedConsole: [[], { option: true }],
  page: async ({ page, baseURL, allowedConsole }, use) => {
    const origin = new URL(baseURL).origin;
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !allowedConsole.some((re) => re.test(m.text()))) problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      const { protocol } = new URL(url);
      // data: and blob: stay in the page; file: is the single-file build opened as a file.
      if (['data:', 'blob:', 'file:'].includes(protocol)) return;
      if (new URL(url).origin !== origin && !ALSO_OURS.includes(new URL(url).origin)) problems.push(`request off origin: ${url}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    await use(page);
    expect(problems, 'console errors, page errors and off-origin requests').toEqual([]);
  },
});
export { expect };

/** The other local servers of the suite (see playwright.config.mjs): our own, too. */
const PORT = Number(process.env.E2E_PORT || 8765);
export const SUBPATH_URL = `http://127.0.0.1:${PORT + 1}/tools/jwt/`;
export const NO_TRUSTED_URL = `http://127.0.0.1:${PORT + 2}/`;
export const NGINX_URL = `http://127.0.0.1:${PORT + 3}/tools/jwt/`;
export const CADDY_URL = `http://127.0.0.1:${PORT + 4}/tools/jwt/`;
export const UPDATE_URL = `http://127.0.0.1:${PORT + 5}/`;
const ALSO_OURS = [SUBPATH_URL, NO_TRUSTED_URL, NGINX_URL, CADDY_URL, UPDATE_URL].map((u) => new URL(u).origin);

/**
 * The first screen's example until 2026-12-01 (HS256, expired), signed with a secret on
 * the weak-secret list: a token tests give explicitly, with that secret.
 */
export const OLD_EXAMPLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImVtYWlsIjoiYWRhQGV4YW1wbGUuY29tIiwicm9sZXMiOlsiYWRtaW4iLCJhbmFseXN0Il0sImlzcyI6Imh0dHBzOi8vYXV0aC5leGFtcGxlLmNvbSIsImF1ZCI6Imp3dC1sZW5zLWRlbW8iLCJpYXQiOjE3NjQ1NDcyMDAsIm5iZiI6MTc2NDU0NzIwMCwiZXhwIjoxNzY0NTUwODAwfQ.j0Cc30HfxapPDRPeGZXVD0BrbL7Lrs4m3wMftFKqQpo';
export const OLD_EXAMPLE_SECRET = 'jwt-lens-demo-secret-do-not-use-in-production';

/** A link to a token: the page opens on it with no key (no demo secret, no verifier). */
export const TOKEN_LINK = `#token=${OLD_EXAMPLE}`;

/** The first screen's example token and its demo secret (src/ui/example-*.txt). */
export const EXAMPLE = readFileSync(new URL('../src/ui/example-token.txt', import.meta.url), 'utf8');
export const DEMO_SECRET = readFileSync(new URL('../src/ui/example-secret.txt', import.meta.url), 'utf8');

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
