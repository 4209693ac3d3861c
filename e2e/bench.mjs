// Decoder benchmark: builds nothing itself (scripts/bench.sh builds dist/ first), serves
// dist/ on 127.0.0.1, drives Debian's Chromium headless and prints medians:
//   - first-load bytes per asset: raw, gzip -9, brotli 11;
//   - load-to-decoded time with #token= (cold: new browser context each run; warm: reloads);
//   - input-to-rendered time for a 300-byte token, an 87 KB token (64 KB payload) and a
//     1 MB token, as "DOM updated" and "next frame", plus the longest main-thread task
//     (Long Tasks API) during each.
// Writes the same numbers as JSON to bench-results/decoder.json.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from './playwright.config.mjs';
import { records } from '../tests/interop/sign.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const PORT = Number(process.env.BENCH_PORT || 8766);
const RUNS = Number(process.env.BENCH_RUNS || 15);
const b64 = (s) => Buffer.from(s).toString('base64url');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ms = (x) => `${x.toFixed(2)} ms`;

// ---- sizes ----
const walk = (dir) => readdirSync(join(DIST, dir)).flatMap((f) => {
  const rel = dir ? `${dir}/${f}` : f;
  if (f.startsWith('.')) return [];
  return statSync(join(DIST, rel)).isDirectory() ? walk(rel) : [rel];
});
const assets = walk('');
// The verifier worker loads on the first signature check and the extras on the first use of
// a teaching or workflow panel, not with the page; the service worker installs after the
// page has loaded; the single file is a separate deliverable.
const lazy = (f) => f.startsWith('verifier');
const extras = (f) => f.startsWith('extras');
const notFirst = (f) => lazy(f) || extras(f) || f === 'sw.js' || f === 'jwt-lens.html';
const sizes = assets.map((f) => {
  const data = readFileSync(join(DIST, f));
  return {
    asset: f,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const sum = (xs) => xs.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const total = sum(sizes.filter((s) => !notFirst(s.asset)));
const verifierTotal = sum(sizes.filter((s) => lazy(s.asset)));
const extrasTotal = sum(sizes.filter((s) => extras(s.asset)));

// ---- tokens ----
const header = b64('{"alg":"HS256","typ":"JWT"}');
const small = (() => {
  const p = { sub: '1234567890', name: 'Ada Lovelace', email: 'ada@example.com', iss: 'https://auth.example.com', aud: 'api', iat: 1764547200, exp: 1764550800, scope: 'read write', jti: 'a1b2c3d4e5f6' };
  return `${header}.${b64(JSON.stringify(p))}.${'A'.repeat(43)}`;
})();
const payloadOf = (bytes) => {
  const p = { sub: 'bench', exp: 4102444800 };
  for (let i = 0; JSON.stringify(p).length < bytes; i++) p[`claim_${String(i).padStart(5, '0')}`] = `value ${i} `.padEnd(32, 'x');
  return JSON.stringify(p);
};
const medium = `${header}.${b64(payloadOf(64 * 1024))}.${'A'.repeat(43)}`;
const large = `${header}.${b64(JSON.stringify({ sub: 'bench', exp: 4102444800, data: 'y'.repeat(750_000) }))}.${'A'.repeat(43)}`;

// ---- server and browser ----
const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', DIST], { stdio: 'ignore' });
const base = `http://127.0.0.1:${PORT}/`;
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(base)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });

// Records when the header pane first gets text after navigation (load-to-decoded).
const markDecoded = () => {
  new MutationObserver((_, obs) => {
    const el = document.querySelector('[data-testid=header-pane]');
    if (el && el.textContent.includes('"alg"') && !window.__decodedAt) { window.__decodedAt = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
};

async function loadToDecoded() {
  const out = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(markDecoded);
    await page.goto(`${base}#token=${small}`);
    await page.waitForFunction(() => window.__decodedAt > 0);
    const t = await page.evaluate(() => window.__decodedAt);
    if (i > 0) out.push(t); // the first run warms the OS file cache and the server
    await ctx.close();
  }
  return median(out);
}

// Warm: the same profile reloads the page, so the HTTP cache (and, once installed, the
// service worker) serves every file.
async function loadToDecodedWarm() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(markDecoded);
  await page.goto(`${base}#token=${small}`);
  await page.waitForFunction(() => window.__decodedAt > 0);
  const out = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload();
    await page.waitForFunction(() => window.__decodedAt > 0);
    out.push(await page.evaluate(() => window.__decodedAt));
  }
  await ctx.close();
  return median(out);
}

async function inputToRendered(page, token, marker) {
  const dom = [], frame = [], longest = [];
  for (let i = 0; i < RUNS + 2; i++) {
    // Alternate with another token so every run is a real change.
    await page.evaluate(() => { const t = document.querySelector('[data-testid=token-input]'); t.value = ''; t.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.waitForFunction(() => document.querySelector('[data-testid=payload-pane]').textContent === '');
    const r = await page.evaluate(([token, marker]) => new Promise((resolve) => {
      const pane = document.querySelector('[data-testid=payload-pane]');
      const tasks = [];
      const po = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
      po.observe({ type: 'longtask' });
      let domAt = 0;
      const mo = new MutationObserver(() => { if (!domAt && pane.textContent.includes(marker)) domAt = performance.now(); });
      mo.observe(pane, { subtree: true, childList: true, characterData: true });
      const input = document.querySelector('[data-testid=token-input]');
      const t0 = performance.now();
      input.value = token;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      requestAnimationFrame(() => setTimeout(() => {
        const frameAt = performance.now();
        // Give the long-task observer a moment to report.
        setTimeout(() => { mo.disconnect(); po.disconnect(); resolve({ dom: domAt - t0, frame: frameAt - t0, longest: Math.max(0, ...tasks) }); }, 50);
      }, 0));
    }), [token, marker]);
    if (i >= 2) { dom.push(r.dom); frame.push(r.frame); longest.push(r.longest); }
  }
  return { dom: median(dom), frame: median(frame), longestTask: Math.max(...longest), longestTaskMedian: median(longest) };
}

// Key paste to verdict: the token is in place, the verifier warm; the key box is cleared
// (an immediate "unverified") and the key pasted again, until the verdict is final.
async function keyToVerdict(page, token, key, encoding) {
  await page.evaluate(([token, encoding]) => {
    const t = document.querySelector('[data-testid=token-input]');
    t.value = token;
    t.dispatchEvent(new Event('input', { bubbles: true }));
    const sel = document.querySelector('[data-testid=secret-encoding]');
    sel.value = encoding;
    sel.dispatchEvent(new Event('change', { bubbles: true }));
  }, [token, encoding]);
  const times = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t = await page.evaluate((key) => new Promise((resolve, reject) => {
      const box = document.querySelector('[data-testid=key-input]');
      const verdict = document.querySelector('[data-testid=verdict]');
      box.value = '';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      const t0 = performance.now();
      const done = () => verdict.dataset.verdict === 'verified' && verdict.getAttribute('aria-busy') === 'false';
      const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(performance.now() - t0); } });
      mo.observe(verdict, { attributes: true, subtree: true, characterData: true, childList: true });
      box.value = key;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      setTimeout(() => reject(new Error(`no verdict: ${verdict.dataset.verdict} ${verdict.textContent}`)), 10000);
    }), key);
    if (i >= 2) times.push(t);
  }
  return median(times);
}

const loadMs = await loadToDecoded();
const loadWarmMs = await loadToDecodedWarm();
const page = await browser.newPage();
await page.goto(base);
await page.waitForSelector('[data-testid=header-pane]');
const results = {
  small: { bytes: small.length, ...(await inputToRendered(page, small, 'Ada Lovelace')) },
  medium: { bytes: medium.length, ...(await inputToRendered(page, medium, 'claim_00001')) },
  large: { bytes: large.length, ...(await inputToRendered(page, large, '"sub": "bench"')) },
};
const verifyPage = await browser.newPage();
await verifyPage.goto(base);
await verifyPage.waitForSelector('[data-testid=header-pane]');
const verifyMs = {};
const chosen = records().filter((r) => r.case === 'signed' && (r.format === 'pem_spki' || r.format === 'secret_base64'));
for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'ES256K', 'EdDSA']) {
  const r = chosen.find((x) => x.alg === alg);
  verifyMs[alg] = await keyToVerdict(verifyPage, r.token, r.key, r.encoding);
}
// Key generation in the worker, from the click to the keys being shown.
await verifyPage.getByRole('tab', { name: 'Encoder', exact: true }).click();
const keygenMs = {};
for (const [kind, runs] of [['rsa-2048', Math.min(RUNS, 7)], ['rsa-4096', 3], ['p-256', RUNS], ['ed25519', RUNS]]) {
  await verifyPage.getByTestId('key-kind').selectOption(kind);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = Date.now();
    await verifyPage.getByTestId('generate-key').click();
    await verifyPage.getByTestId('keys-busy').waitFor({ state: 'detached', timeout: 300_000 });
    times.push(Date.now() - t0);
  }
  keygenMs[kind] = { runs, medianMs: median(times), maxMs: Math.max(...times) };
}
await browser.close();
server.kill();

// ---- report ----
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log('\nFirst-load assets (dist/)');
console.log('asset'.padEnd(40), 'raw'.padStart(12), 'gzip -9'.padStart(12), 'brotli 11'.padStart(12));
for (const s of sizes) console.log(s.asset.padEnd(40), kib(s.raw).padStart(12), kib(s.gzip).padStart(12), kib(s.brotli).padStart(12));
console.log('first load (all but verifier*, extras*, sw.js, jwt-lens.html)'.padEnd(40), kib(total.raw).padStart(12), kib(total.gzip).padStart(12), kib(total.brotli).padStart(12));
console.log('verifier worker (on first key)'.padEnd(40), kib(verifierTotal.raw).padStart(12), kib(verifierTotal.gzip).padStart(12), kib(verifierTotal.brotli).padStart(12));
console.log('extras (on first use of a panel)'.padEnd(40), kib(extrasTotal.raw).padStart(12), kib(extrasTotal.gzip).padStart(12), kib(extrasTotal.brotli).padStart(12));
console.log(`\nMedians over ${RUNS} runs (headless Chromium, this machine)`);
console.log(`load-to-decoded with #token= (cold context): ${ms(loadMs)}`);
console.log(`load-to-decoded with #token= (warm cache, reload): ${ms(loadWarmMs)}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`input-to-rendered, ${name} token (${kib(r.bytes)}): DOM ${ms(r.dom)}, next frame ${ms(r.frame)}, longest task ${ms(r.longestTask)} (median ${ms(r.longestTaskMedian)})`);
}
console.log('\nKey paste to final verdict (verifier worker warm), medians:');
for (const [alg, t] of Object.entries(verifyMs)) console.log(`  ${alg.padEnd(7)} ${ms(t)}`);
console.log('\nKey generation in the worker (click to keys shown):');
for (const [kind, r] of Object.entries(keygenMs)) console.log(`  ${kind.padEnd(9)} median ${r.medianMs} ms, max ${r.maxMs} ms over ${r.runs} runs`);
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', 'decoder.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, sizes, firstLoad: total, verifier: verifierTotal, extras: extrasTotal, loadToDecodedMs: loadMs, loadToDecodedWarmMs: loadWarmMs, inputToRendered: results, keyPasteToVerdictMs: verifyMs, keygenMs }, null, 2));
console.log('\nwritten: bench-results/decoder.json');
