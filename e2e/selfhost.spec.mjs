// Self-hosting, offline use and privacy, as a deploying team and its users meet them:
// the site at a sub-path and behind nginx, its Content-Security-Policy, the service worker
// with the network off, the single-file build from file://, the deployment's trusted keys,
// and the opt-in memory of the token.
import { readFileSync, readdirSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, openApp, paste, b64, SUBPATH_URL, NO_TRUSTED_URL, NGINX_URL, CADDY_URL, UPDATE_URL, EXAMPLE, DEMO_SECRET, TOKEN_LINK, OLD_EXAMPLE_SECRET } from './fixtures.mjs';
import crypto from 'node:crypto';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const verdict = (page) => page.getByTestId('verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });
const SECRET = 'team-staging-secret-32-bytes-ok!';

function hs256(secret, header, claims) {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The policy in a page's meta tag, as a map of directive to its sources. */
async function metaPolicy(page) {
  const text = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  return Object.fromEntries(text.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
}

test.describe('the Content-Security-Policy', () => {
  // The blocked fetch below is reported on the console by the browser: that is the point.
  test.use({ allowedConsole: [/Content Security Policy/] });
  test('names no other origin, allows no inline script, and blocks a cross-origin fetch', async ({ page }) => {
    await openApp(page);
    const policy = await metaPolicy(page);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    for (const sources of Object.values(policy)) {
      for (const s of sources) expect(s).toMatch(/^'(self|none|wasm-unsafe-eval)'$/);
    }
    // No inline script at all: every script element has a src on the page's origin.
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => ({ src: e.src, text: e.textContent })));
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.text.trim()).toBe('');
      expect(new URL(s.src).origin).toBe(new URL(page.url()).origin);
    }
    // What a console user (or an injected script) would try: refused by the policy itself.
    const fetched = await page.evaluate(async () => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
      try {
        await fetch('https://example.com/collect?token=x');
        return 'sent';
      } catch {
        return 'blocked';
      }
    });
    expect(fetched).toBe('blocked');
    await expect.poll(() => page.evaluate(() => window.violations)).toContain('connect-src');
    await expect(page.getByTestId('privacy-indicator')).toHaveText('Offline — nothing leaves this page');
  });
});

test('at a sub-path every request stays under it and the page decodes and verifies', async ({ page }) => {
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  await page.goto(`${SUBPATH_URL}${TOKEN_LINK}`);
  await expect(page.getByRole('region', { name: 'Header', exact: true })).toBeVisible();
  await keyBox(page).fill(OLD_EXAMPLE_SECRET);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  expect(paths.length).toBeGreaterThan(5);
  for (const p of paths) expect(p.startsWith('/tools/jwt/')).toBe(true);
  expect(paths).toContain('/tools/jwt/verifier_bg.wasm');
});

for (const [server, base, config] of [['nginx', NGINX_URL, 'deploy/nginx-location.conf'], ['Caddy', CADDY_URL, 'deploy/Caddyfile']]) {
  test(`behind ${server} with the documented configuration (${config}): headers as documented, and the app works`, async ({ page, request }) => {
    const index = await request.get(base);
    expect(index.status()).toBe(200);
    const meta = readFileSync(`${DIST}index.html`, 'utf8').match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
    expect(index.headers()['content-security-policy']).toBe(`${meta}; frame-ancestors 'none'`);
    expect(index.headers()['referrer-policy']).toBe('no-referrer');
    expect(index.headers()['x-content-type-options']).toBe('nosniff');
    expect(index.headers()['cache-control']).toBe('no-cache');
    const wasm = readdirSync(DIST).find((f) => /^jwt-lens-[0-9a-f]+_bg\.wasm$/.test(f));
    const asset = await request.get(`${base}${wasm}`);
    expect(asset.headers()['content-type']).toBe('application/wasm');
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers()['content-security-policy']).toBe(`${meta}; frame-ancestors 'none'`);
    await page.goto(`${base}${TOKEN_LINK}`);
    await keyBox(page).fill(OLD_EXAMPLE_SECRET);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  });
}

test('a deployment\'s trusted key verifies a matching token with no key pasted, and names it', async ({ page }) => {
  await page.goto(SUBPATH_URL);
  await expect(page.getByTestId('trusted-keys-note')).toContainText('1 key trusted by this deployment');
  const now = Math.floor(Date.now() / 1000);
  await paste(page, hs256(SECRET, { alg: 'HS256', kid: 'team-hs256' }, { sub: 'alice', exp: now + 600 }));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(verdict(page)).toContainText('"Team staging key", trusted by this deployment');
  await expect(page.getByTestId('key-info')).toContainText('Team staging key: trusted by this deployment');
  // Signed with another secret under the same kid: invalid.
  await paste(page, hs256('another-secret-of-32-bytes-okay!', { alg: 'HS256', kid: 'team-hs256' }, { sub: 'mallory' }));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'invalid');
  // Another kid, or none: the trusted key is not used.
  await paste(page, hs256(SECRET, { alg: 'HS256', kid: 'someone-else' }, { sub: 'alice' }));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
  // A key in the box takes over from the trusted keys.
  await keyBox(page).fill(SECRET);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(verdict(page)).not.toContainText('trusted by this deployment');
});

test.describe('without trusted-keys.json', () => {
  // The browser itself logs the 404 of the optional file; the page shows nothing.
  test.use({ allowedConsole: [/404/] });
  test('nothing changes and no error is shown', async ({ page }) => {
    await page.goto(NO_TRUSTED_URL);
    await expect(page.getByRole('region', { name: 'Header', exact: true })).toBeVisible();
    await paste(page, hs256(SECRET, { alg: 'HS256', kid: 'team-hs256' }, { sub: 'alice' }));
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
    await expect(page.getByTestId('trusted-keys-note')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });
  test('after a first visit the page reloads, decodes and verifies with the network off', async ({ page, context }) => {
    await openApp(page, TOKEN_LINK);
    // The service worker installs in the background; a second visit is controlled by it.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    // A reload aborts what is still loading (the icon, trusted-keys.json), which the fixture
    // rightly reports as failed requests: let the page finish first.
    await page.waitForLoadState('networkidle');
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Header', exact: true })).toContainText('"HS256"');
    await keyBox(page).fill(OLD_EXAMPLE_SECRET);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
    await context.setOffline(false);
  });

  test('a new build is picked up on the next visit, never in the middle of one', async ({ page, context }) => {
    const next = fileURLToPath(new URL('./sw-update/', import.meta.url));
    rmSync(next, { recursive: true, force: true });
    const caches = (p) => p.evaluate(() => caches.keys());
    const registration = (p) =>
      p.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => ({ waiting: Boolean(r?.waiting), active: Boolean(r?.active) })));
    await page.goto(UPDATE_URL);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForLoadState('networkidle'); // a reload would abort what is still loading
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    const before = await caches(page);
    expect(before).toHaveLength(1);
    try {
      // A new deployment: another service worker version beside the same files.
      mkdirSync(next, { recursive: true });
      writeFileSync(`${next}sw.js`, readFileSync(`${DIST}sw.js`, 'utf8').replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'"));
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await expect.poll(() => registration(page)).toEqual({ waiting: true, active: true });
      // Mid-use nothing changes: the old version still serves this page, which still works.
      expect(await caches(page)).toContain(before[0]);
      await paste(page, hs256(SECRET, { alg: 'HS256' }, { sub: 'mid-use' }));
      await keyBox(page).fill(SECRET);
      await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
      // The next visit, once the old page is gone, gets the new version (and the old cache goes).
      await page.goto('about:blank');
      // A visit that comes while the old page (or its worker) is still going away is served
      // by the old version, as it should be; the browser activates the new one once no page
      // uses the old, so such a visit is closed and the next one made.
      let again;
      await expect
        .poll(async () => {
          const visit = await context.newPage();
          await visit.goto(UPDATE_URL);
          const r = await registration(visit);
          if (r.waiting) await visit.close();
          else again = visit;
          return r;
        })
        .toEqual({ waiting: false, active: true });
      await expect.poll(() => caches(again)).toEqual([`${before[0]}-next`]);
      await expect(again.getByRole('region', { name: 'Header', exact: true })).toContainText('"HS256"');
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  });
});

test('the single-file build decodes, verifies and decrypts from file://', async ({ page }) => {
  await page.goto(`file://${DIST}jwt-lens.html${TOKEN_LINK}`);
  await expect(page.getByRole('region', { name: 'Header', exact: true })).toContainText('"HS256"');
  await keyBox(page).fill(OLD_EXAMPLE_SECRET);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  const policy = await metaPolicy(page);
  expect(policy['connect-src']).toEqual(["'none'"]);
  expect(policy['worker-src']).toEqual(['blob:']);
  // A JWE (RFC 7516 A.3) decrypts in the worker started from the embedded copy.
  const a3 = readFileSync(new URL('../tests/data/rfc.jsonl', import.meta.url), 'utf8')
    .split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.id === 'rfc7516:A.3');
  await paste(page, a3.token);
  await keyBox(page).fill(JSON.stringify(a3.key));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  await expect(page.getByRole('region', { name: 'Decrypted payload', exact: true })).toHaveText(a3.plaintext);
});

test('the token is remembered only when asked, never the key, and Clear all forgets it', async ({ page }) => {
  await openApp(page);
  const token = hs256(SECRET, { alg: 'HS256' }, { sub: 'remember-me' });
  await paste(page, token);
  await keyBox(page).fill(SECRET);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  const stored = () => page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(await page.getByTestId('remember-token').isChecked()).toBe(false);
  expect(await stored()).not.toContain(token.split('.')[1]);
  await page.getByTestId('remember-token').check();
  expect(await stored()).toContain(token);
  expect(await stored()).not.toContain(SECRET);
  await page.reload();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(token);
  await expect(page.getByTestId('remember-token')).toBeChecked();
  await expect(keyBox(page)).toHaveValue('');
  await page.getByTestId('clear-all').click();
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue('');
  expect(await stored()).toBe('{}{}');
  await page.reload();
  await expect(page.getByTestId('remember-token')).not.toBeChecked();
});

test('the first load stays within its budget: 148 KiB gzip -9, no cryptography in it', async ({ page }) => {
  const bodies = new Map();
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    if (r.ok()) bodies.set(path, r.body().catch(() => Buffer.alloc(0)));
  });
  // A link to a token: no key, so nothing to verify (a bare load verifies the example with
  // its demo secret, once the decoded example is painted: the next test).
  await openApp(page, `#token=${EXAMPLE}`);
  await page.waitForLoadState('networkidle');
  const { gzipSync } = await import('node:zlib');
  let total = 0;
  const sizes = {};
  for (const [path, body] of bodies) {
    const n = gzipSync(await body, { level: 9 }).length;
    sizes[path] = n;
    total += n;
  }
  console.log(`first load: ${(total / 1024).toFixed(1)} KiB gzip -9`, sizes);
  expect([...bodies.keys()].some((p) => p.includes('verifier'))).toBe(false);
  expect([...bodies.keys()].some((p) => /_bg\.wasm$/.test(p))).toBe(true);
  expect(total).toBeLessThanOrEqual(148 * 1024);
});

test('a bare load paints the decoded example before it fetches the verifier, then verifies it with the demo secret', async ({ page }) => {
  const verifier = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.includes('verifier')) verifier.push(r);
  });
  // The first frame in which the decoded example is on the page (epoch milliseconds): the
  // browser paints it right after this callback.
  await page.addInitScript(() => {
    const watch = () => {
      const pane = document.querySelector('[data-testid=payload-pane]');
      if (pane && pane.textContent.includes('Ada Lovelace')) window.decodedAt = performance.timeOrigin + performance.now();
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await openApp(page);
  await expect(page.getByTestId('payload-pane')).toContainText('"name": "Ada Lovelace"');
  await expect(keyBox(page)).toHaveValue(DEMO_SECRET);
  await expect(page.getByTestId('demo-key-note')).toBeVisible();
  await expect(page.getByTestId('demo-key-note')).toContainText('Demo secret');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('claims-status')).toHaveAttribute('data-status', 'valid');
  expect(verifier.length).toBeGreaterThan(0);
  const { decodedAt, paintedAt } = await page.evaluate(() => ({
    decodedAt: window.decodedAt,
    paintedAt: performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0].startTime,
  }));
  const firstRequest = Math.min(...verifier.map((r) => r.timing().startTime));
  expect(decodedAt).toBeGreaterThan(0);
  expect(firstRequest).toBeGreaterThan(decodedAt);
  expect(firstRequest).toBeGreaterThan(paintedAt);
});

test('the release verifier carries no benchmark handlers (they need the cargo feature bench)', () => {
  const wasm = readdirSync(DIST).filter((f) => /^verifier.*_bg\.wasm$/.test(f));
  expect(wasm.length).toBeGreaterThan(0);
  // The handlers' op names (`verify-wasm` is known to them alone) are strings in the module's
  // data when built in; so was their hand-written answer, `{"kind":"bench","id":…}`, before the
  // protocol's types (serde writes the tag and its value apart).
  for (const f of wasm) {
    const bytes = readFileSync(DIST + f);
    expect(bytes.includes('"kind":"bench"'), f).toBe(false);
    expect(bytes.includes('verify-wasm'), f).toBe(false);
  }
});
