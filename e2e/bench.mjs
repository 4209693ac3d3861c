// Decoder benchmark: builds nothing itself (scripts/bench.sh builds dist/ first), serves
// dist/ on 127.0.0.1, drives Debian's Chromium headless and prints medians:
//   - first-load bytes per asset: raw, gzip -9, brotli 11;
//   - load-to-decoded time with #token= (cold: new browser context each run; warm: reloads);
//   - input-to-rendered time for a 300-byte token, an 87 KB token (64 KB payload) and a
//     1 MB token, as "DOM updated" and "next frame", plus the longest main-thread task
//     (Long Tasks API) during each;
//   - side by side with a bare reference page (e2e/bare/: the same job in plain JavaScript
//     on npm `jose` and WebCrypto, plain-text panes, never shipped), served beside dist/ on
//     the next port and measured in the same run and browser, each figure printed as
//     JWT Lens / bare / ratio: token and key pasted together to `verified`, key pasted to
//     `verified` (HS256, RS256, ES256, fresh keys from Node's crypto), an 87 KB and a 300 B
//     token pasted to payload shown, cold load to decoded, first-load bytes (gzip -9), and
//     the CPU an idle page uses (% of a core over ~10 s, from CDP Performance.getMetrics).
// Writes the same numbers as JSON to bench-results/decoder.json.
//
//   BENCH_RUNS=15 BENCH_PORT=8766 node e2e/bench.mjs     (after `trunk build --release`)
//   BENCH_ONLY=side node e2e/bench.mjs                     (the side-by-side table only)
//   BENCH_PHASE=frame …  pastes right after a frame rather than from idle
//   DECODER_DIST=target/dist-other …  another build in place of dist/
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from './playwright.config.mjs';
import { records } from '../tests/interop/sign.mjs';
import { emptyBoxes, killOnExit, setBoxes } from './bench-common.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// DECODER_DIST: another build to measure (default dist/).
const DIST = join(ROOT, process.env.DECODER_DIST || 'dist');
const PORT = Number(process.env.BENCH_PORT || 8766);
const RUNS = Number(process.env.BENCH_RUNS || 15);
// `side`: only the side-by-side table with the bare page.
const ONLY = process.env.BENCH_ONLY || '';
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
// The bare page's site: its two files and jose's browser modules (./jose/, the import
// map's target), in a temporary folder served by the same kind of server on the next port.
const BARE = mkdtempSync(join(tmpdir(), 'jwt-lens-bare-'));
for (const f of ['index.html', 'bare.js']) copyFileSync(join(ROOT, 'e2e', 'bare', f), join(BARE, f));
symlinkSync(join(ROOT, 'node_modules', 'jose', 'dist', 'webapi'), join(BARE, 'jose'));
const serve = (port, dir) => spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
const server = serve(PORT, DIST);
const bareServer = serve(PORT + 1, BARE);
killOnExit(server, bareServer);
const base = `http://127.0.0.1:${PORT}/`;
const bareBase = `http://127.0.0.1:${PORT + 1}/`;
for (const url of [base, bareBase]) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });

// Records when the header pane first gets text after navigation (load-to-decoded).
const markDecoded = () => {
  new MutationObserver((_, obs) => {
    const el = document.querySelector('[data-testid=header-pane]');
    if (el && el.textContent.includes('"alg"') && !window.__decodedAt) { window.__decodedAt = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
};

async function loadToDecoded(base) {
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

// ---- side by side with the bare page (both pages have the same data-testid names) ----

// When the paste comes: `idle` (default), the page left idle for 50 ms, as a user's paste
// comes; `frame`, right after a frame, so that the next one is a whole frame away. In
// headless Chromium the first frame after a change of the page often runs before the
// verifier's answer, already queued, is handled: from idle, the verdict waits for that
// frame (the style, layout and paint of the panes just rendered).
const PHASE = process.env.BENCH_PHASE || 'idle';
const settle = (page) => page.evaluate((phase) => new Promise((r) => (phase === 'frame' ? requestAnimationFrame(() => setTimeout(r, 0)) : setTimeout(r, 50))), PHASE);

// Pastes `boxes` ([test id, text] pairs, each with its input event, in one task) and
// resolves with the time until the verdict is `verified` and not busy, and whether a frame
// (a requestAnimationFrame callback) ran before it: a verdict that comes from another
// thread (our worker) is shown after that frame when its answer arrives after the paste's
// task has ended and the browser has begun a frame.
function timeVerdict(page, boxes) {
  return page.evaluate((boxes) => new Promise((resolve, reject) => {
    const verdict = document.querySelector('[data-testid=verdict]');
    const done = () => verdict.dataset.verdict === 'verified' && verdict.getAttribute('aria-busy') === 'false';
    let framed = false;
    requestAnimationFrame(() => { framed = true; });
    const t0 = performance.now();
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve({ ms: performance.now() - t0, framed }); } });
    mo.observe(verdict, { attributes: true, subtree: true, characterData: true, childList: true });
    for (const [id, text] of boxes) {
      const box = document.querySelector(`[data-testid=${id}]`);
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
    setTimeout(() => reject(new Error(`no verdict: ${verdict.dataset.verdict} ${verdict.textContent}`)), 10000);
  }), boxes);
}

// The median time of timed pastes (the first two are warm-up), in how many of them a frame
// came first, and the medians of the pastes without and with a frame first (the overall
// median is of two kinds of paste, and jumps between them from run to run when they are
// about as many).
function summary(runs) {
  const kept = runs.slice(2);
  const of = (framed) => kept.filter((r) => r.framed === framed).map((r) => r.ms);
  return { ms: median(kept.map((r) => r.ms)), framed: kept.filter((r) => r.framed).length, n: kept.length, direct: of(false), afterFrame: of(true) };
}

// Token and key pasted together: both boxes are cleared and the page left to settle, then
// the token and the key are put in (each with its input event, in one task) and the time
// taken until the verdict is `verified` and not busy.
async function pasteTogether(page, token, key) {
  const runs = [];
  for (let i = 0; i < RUNS + 2; i++) {
    await emptyBoxes(page);
    await page.waitForFunction(() => {
      const v = document.querySelector('[data-testid=verdict]');
      return v.getAttribute('aria-busy') === 'false' && v.dataset.verdict !== 'verified' && document.querySelector('[data-testid=payload-pane]').textContent === '';
    });
    await settle(page);
    runs.push(await timeVerdict(page, [['token-input', token], ['key-input', key]]));
  }
  return summary(runs);
}

// Key pasted with the token in place: the key box is cleared and the page left to settle,
// then the key is pasted, until the verdict is `verified` and not busy.
async function keyPaste(page, token, key) {
  await setBoxes(page, [['token-input', token]]);
  const runs = [];
  for (let i = 0; i < RUNS + 2; i++) {
    await emptyBoxes(page, ['key-input']);
    await page.waitForFunction(() => {
      const v = document.querySelector('[data-testid=verdict]');
      return v.getAttribute('aria-busy') === 'false' && v.dataset.verdict !== 'verified';
    });
    await settle(page);
    runs.push(await timeVerdict(page, [['key-input', key]]));
  }
  return summary(runs);
}

// The bytes a cold load fetches (gzip -9 of each file served from `dir`), the page left to
// finish loading.
async function loadedBytes(base, dir) {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const paths = new Set();
  page.on('response', (r) => { if (r.url().startsWith(base)) paths.add(new URL(r.url()).pathname); });
  await page.addInitScript(markDecoded);
  await page.goto(`${base}#token=${small}`);
  await page.waitForFunction(() => window.__decodedAt > 0);
  await page.waitForLoadState('networkidle');
  await ctx.close();
  const files = [...paths].map((p) => (p.endsWith('/') ? `${p}index.html` : p).slice(1));
  const bytes = files.map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(dir, f)), { level: 9 }).length }));
  return { files: bytes, gzip: bytes.reduce((t, b) => t + b.gzip, 0) };
}

// The CPU an idle page uses: loaded with the example token, left until quiet, then the
// main thread's task time over ~10 s (CDP Performance.getMetrics), as % of one core.
const EXAMPLE = readFileSync(join(ROOT, 'src', 'ui', 'example-token.txt'), 'utf8').trim();
async function idleCpu(base) {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${base}#token=${EXAMPLE}`);
  await page.waitForSelector('[data-testid=payload-pane]');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(3000);
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await read();
  await page.waitForTimeout(10_000);
  const b = await read();
  await ctx.close();
  const wall = b.Timestamp - a.Timestamp;
  const pct = (k) => (100 * (b[k] - a[k])) / wall;
  return { seconds: wall, taskPct: pct('TaskDuration'), scriptPct: pct('ScriptDuration'), layoutPct: pct('LayoutDuration'), recalcStylePct: pct('RecalcStyleDuration') };
}

async function sideBySide() {
  const recs = records().filter((r) => r.case === 'signed');
  const pick = (alg, format) => recs.find((r) => r.alg === alg && r.format === format);
  const algs = { HS256: pick('HS256', 'secret_utf8'), RS256: pick('RS256', 'pem_spki'), ES256: pick('ES256', 'pem_spki') };
  const rows = [];
  const row = (name, unit, ours, bare, framed) => rows.push({ name, unit, ours, bare, ratio: ours / bare, ...(framed && { framed }) });
  // A verdict row: the medians, and how many of the pastes saw a frame before the verdict.
  const split = (r) => `${r.framed}/${r.n}${r.direct.length ? `, ${median(r.direct).toFixed(1)}` : ', –'}${r.afterFrame.length ? ` / ${median(r.afterFrame).toFixed(1)}` : ' / –'}`;
  const verdictRow = (name, ours, bare) => row(name, 'ms', ours.ms, bare.ms, { ours: split(ours), bare: split(bare) });
  const open = async (url) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-testid=payload-pane]');
    return page;
  };
  const ours = await open(base);
  const bare = await open(bareBase);
  // Start the verifier (and import jose's modules' code paths) before timing anything.
  for (const page of [ours, bare]) await keyPaste(page, algs.HS256.token, algs.HS256.key);
  for (const [alg, r] of Object.entries(algs)) verdictRow(`token and key pasted together → verified, ${alg}`, await pasteTogether(ours, r.token, r.key), await pasteTogether(bare, r.token, r.key));
  for (const [alg, r] of Object.entries(algs)) verdictRow(`key pasted → verified, ${alg}`, await keyPaste(ours, r.token, r.key), await keyPaste(bare, r.token, r.key));
  for (const page of [ours, bare]) await emptyBoxes(page, ['key-input']);
  row('87 KB token pasted → payload shown', 'ms', (await inputToRendered(ours, medium, 'claim_00001')).dom, (await inputToRendered(bare, medium, 'claim_00001')).dom);
  row('300 B token pasted → payload shown', 'ms', (await inputToRendered(ours, small, 'Ada Lovelace')).dom, (await inputToRendered(bare, small, 'Ada Lovelace')).dom);
  await ours.close();
  await bare.close();
  row('load → decoded, cold cache (#token=)', 'ms', await loadToDecoded(base), await loadToDecoded(bareBase));
  const oursBytes = await loadedBytes(base, DIST);
  const bareBytes = await loadedBytes(bareBase, BARE);
  row('first load, gzip -9', 'KiB', total.gzip / 1024, bareBytes.gzip / 1024);
  const idle = { ours: await idleCpu(base), bare: await idleCpu(bareBase) };
  row('idle page CPU (main thread, ~10 s)', '% of a core', idle.ours.taskPct, idle.bare.taskPct);
  return { phase: PHASE, rows, bytes: { ours: oursBytes, bare: bareBytes }, idle };
}

function printSide(side) {
  const fmt = (x, unit) => (unit === 'ms' ? `${x.toFixed(2)} ms` : unit === 'KiB' ? `${x.toFixed(1)} KiB` : `${x.toFixed(2)} %`);
  console.log(`\nSide by side with the bare page (e2e/bare/: npm jose + WebCrypto, plain text), medians over ${RUNS} runs, pastes from ${PHASE === 'frame' ? 'just after a frame' : 'idle'} (BENCH_PHASE)`);
  console.log('measure'.padEnd(48), 'JWT Lens'.padStart(12), 'bare'.padStart(12), 'ratio'.padStart(8), '  frame first; ms without / with (ours | bare)');
  for (const r of side.rows) console.log(r.name.padEnd(48), fmt(r.ours, r.unit).padStart(12), fmt(r.bare, r.unit).padStart(12), `${r.ratio.toFixed(2)}×`.padStart(8), r.framed ? `  ${r.framed.ours} | ${r.framed.bare}` : '');
  console.log('(frame first: in how many pastes a frame ran before the verdict was shown, then the medians of the pastes without and with one; our verdict comes from the verifier worker, and the browser runs the frame for the paste before handling its answer when the answer arrives after the paste\'s task)');
  console.log(`(JWT Lens fetched ${side.bytes.ours.files.length} files on a cold load, ${kib(side.bytes.ours.gzip)} gzip -9; the bare page ${side.bytes.bare.files.length}: ${side.bytes.bare.files.map((f) => f.file).join(', ')})`);
  for (const [who, r] of Object.entries(side.idle)) console.log(`idle ${who}: task ${r.taskPct.toFixed(2)} %, script ${r.scriptPct.toFixed(2)} %, layout ${r.layoutPct.toFixed(2)} %, style ${r.recalcStylePct.toFixed(2)} % of a core over ${r.seconds.toFixed(1)} s`);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

if (ONLY === 'side') {
  const side = await sideBySide();
  await browser.close();
  server.kill();
  bareServer.kill();
  rmSync(BARE, { recursive: true, force: true });
  printSide(side);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'decoder.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, firstLoad: total, sideBySide: side }, null, 2));
  console.log('\nwritten: bench-results/decoder.json');
  process.exit(0);
}

const loadMs = await loadToDecoded(base);
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
const side = await sideBySide();
await browser.close();
server.kill();
bareServer.kill();
rmSync(BARE, { recursive: true, force: true });

// ---- report ----
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
printSide(side);
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', 'decoder.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, sizes, firstLoad: total, verifier: verifierTotal, extras: extrasTotal, loadToDecodedMs: loadMs, loadToDecodedWarmMs: loadWarmMs, inputToRendered: results, keyPasteToVerdictMs: verifyMs, keygenMs, sideBySide: side }, null, 2));
console.log('\nwritten: bench-results/decoder.json');
