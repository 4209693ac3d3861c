// Core operations per algorithm, measured in headless Chromium, side by side with npm
// `jose` (WebCrypto) in the same browser: decode, verify, sign, decrypt; and ML-DSA verify,
// sign and keygen, Ed448 verify and sign, and key generation, ours alone (neither jose nor
// Chromium's WebCrypto has ML-DSA or Ed448). Ours run in the
// release verifier worker built with the benchmark's handlers (cargo feature `bench`, which
// the release dist/ never has) into target/dist-bench (BENCH_DIST), timed by the worker's
// own clock over many iterations, keys read once; jose's run on the harness page, timed the
// same way, keys imported once. Medians of BENCH_ROUNDS rounds after a warm-up. Prints a
// table with the ratio (ours / jose: below 1 means faster) and writes bench-results/core.json.
//
//   trunk build --release --features bench --dist target/dist-bench
//   node e2e/bench-core.mjs        (scripts/bench.sh does both)
import http from 'node:http';
import { access, readFile, mkdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import nodeCrypto from 'node:crypto';
import { chromium } from '@playwright/test';
import * as jose from 'jose';
import { chromiumArgs } from './playwright.config.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);
// The build whose worker answers `bench` requests (`trunk build --features bench` applies the
// feature to the verifier alone: the page and the extras name their own features).
const DIST = join(ROOT, process.env.BENCH_DIST || 'target/dist-bench');
const HOW = 'trunk build --release --features bench --dist target/dist-bench';
try {
  await access(join(DIST, 'verifier_loader.js'));
} catch {
  console.error(`No build in ${DIST}: make it with \`${HOW}\` (scripts/bench.sh does).`);
  process.exit(1);
}
const TARGET_MS = 120; // each measurement runs about this long
const enc = new TextEncoder();
const b64u = (b) => Buffer.from(b).toString('base64url');

// ---- inputs, made by jose in Node ----
const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'bench', iss: 'https://issuer.example', aud: 'jwt-lens', iat: now, exp: now + 3600, scope: 'read write' };
const cases = [];
for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA']) {
  let privateKey, publicKey, privJwk, pubJwk;
  if (alg === 'HS256') {
    const k = crypto.getRandomValues(new Uint8Array(32));
    privateKey = publicKey = k;
    privJwk = pubJwk = { kty: 'oct', k: b64u(k) };
  } else {
    ({ privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined }));
    privJwk = await jose.exportJWK(privateKey);
    pubJwk = await jose.exportJWK(publicKey);
  }
  const header = { alg, typ: 'JWT' };
  const token = await new jose.SignJWT(claims).setProtectedHeader(header).sign(privateKey);
  cases.push({ op: 'verify', alg, token, key: JSON.stringify(pubJwk), jwk: pubJwk });
  // The same check in the core alone (RustCrypto in wasm), where the worker hands it to WebCrypto.
  if (/^(RS|PS|ES(256|384|512)$)/.test(alg)) cases.push({ op: 'verify-wasm', alg, token, key: JSON.stringify(pubJwk), jwk: pubJwk });
  cases.push({ op: 'sign', alg, header: JSON.stringify(header), payload: JSON.stringify(claims), key: JSON.stringify(privJwk), jwk: privJwk });
}
// Ed448 (RFC 8032): a key pair and tokens from Node's crypto (OpenSSL); `Ed448` (RFC 9864)
// and `EdDSA` (RFC 8037) with the Ed448 key verify, `Ed448` signs; then key generation.
{
  const pair = nodeCrypto.generateKeyPairSync('ed448');
  const pubJwk = pair.publicKey.export({ format: 'jwk' });
  const privJwk = pair.privateKey.export({ format: 'jwk' });
  for (const alg of ['Ed448', 'EdDSA']) {
    const header = { alg, typ: 'JWT' };
    const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
    const token = `${input}.${b64u(nodeCrypto.sign(null, Buffer.from(input), pair.privateKey))}`;
    const label = alg === 'EdDSA' ? 'EdDSA (Ed448 key)' : alg;
    cases.push({ op: 'verify', alg, label, token, key: JSON.stringify(pubJwk), oursOnly: true });
    if (alg === 'Ed448') {
      cases.push({ op: 'sign', alg, header: JSON.stringify(header), payload: JSON.stringify(claims), key: JSON.stringify(privJwk), oursOnly: true });
    }
  }
  for (const kind of ['ed25519', 'ed448', 'p-256']) cases.push({ op: 'keygen', alg: kind, oursOnly: true });
}
// ML-DSA (FIPS 204, RFC 9964): keys and tokens by npm @noble/post-quantum (the JOSE framing
// written here). Neither jose nor this browser's WebCrypto has ML-DSA: ours alone, no ratio.
const { ml_dsa44, ml_dsa65, ml_dsa87 } = await import('@noble/post-quantum/ml-dsa.js');
for (const [alg, dsa] of [['ML-DSA-44', ml_dsa44], ['ML-DSA-65', ml_dsa65], ['ML-DSA-87', ml_dsa87]]) {
  const seed = crypto.getRandomValues(new Uint8Array(32));
  const { secretKey, publicKey } = dsa.keygen(seed);
  const header = { alg, typ: 'JWT' };
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
  const token = `${input}.${b64u(dsa.sign(enc.encode(input), secretKey, { context: new Uint8Array(0) }))}`;
  const pubJwk = { kty: 'AKP', alg, pub: b64u(publicKey) };
  const privJwk = { ...pubJwk, priv: b64u(seed) };
  cases.push({ op: 'verify', alg, token, key: JSON.stringify(pubJwk), jwk: pubJwk, oursOnly: true });
  cases.push({ op: 'sign', alg, header: JSON.stringify(header), payload: JSON.stringify(claims), key: JSON.stringify(privJwk), jwk: privJwk, oursOnly: true });
  cases.push({ op: 'keygen', alg: alg.toLowerCase(), oursOnly: true });
}
// Decoding: a typical token and an 87 KB one (64 KB of claims).
const small = cases[0].token;
const bigClaims = { ...claims, data: 'x'.repeat(64 * 1024) };
const big = await new jose.SignJWT(bigClaims).setProtectedHeader({ alg: 'HS256' }).sign(crypto.getRandomValues(new Uint8Array(32)));
cases.push({ op: 'decode', alg: `${small.length} B`, token: small });
cases.push({ op: 'decode', alg: `${Math.round(big.length / 1024)} KB`, token: big });
// Decryption.
const plaintext = enc.encode(JSON.stringify(claims));
for (const [alg, encName, keyAlg] of [
  ['dir', 'A256GCM', null],
  ['A128KW', 'A128CBC-HS256', null],
  ['RSA-OAEP-256', 'A256GCM', 'RSA-OAEP-256'],
  ['ECDH-ES', 'A128GCM', 'ECDH-ES'],
]) {
  let encKey, decJwk;
  if (keyAlg) {
    const pair = await jose.generateKeyPair(keyAlg, { extractable: true, crv: keyAlg === 'ECDH-ES' ? 'P-256' : undefined });
    encKey = pair.publicKey;
    decJwk = await jose.exportJWK(pair.privateKey);
  } else {
    const k = crypto.getRandomValues(new Uint8Array(alg === 'dir' ? 32 : 16));
    encKey = k;
    decJwk = { kty: 'oct', k: b64u(k) };
  }
  const token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc: encName }).encrypt(encKey);
  cases.push({ op: 'decrypt', alg: `${alg} ${encName}`, keyAlg: alg, token, key: JSON.stringify(decJwk), jwk: decJwk });
}

// ---- a harness page on 127.0.0.1: the release dist/ and jose's browser build ----
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const HARNESS = `<!DOCTYPE html><meta charset="utf-8"><title>bench</title>
<script type="module">
import * as jose from '/jose/index.js';
window.jose = jose;
window.worker = new Worker('/dist/verifier_loader.js');
window.ready = new Promise((resolve) => {
  worker.addEventListener('message', function first(e) { if (e.data === 'ready') { worker.removeEventListener('message', first); resolve(); } });
});
let next = 1;
window.ours = (req) => new Promise((resolve) => {
  const id = next++;
  const on = (e) => { const a = JSON.parse(e.data); if (a.id === id) { worker.removeEventListener('message', on); resolve(a); } };
  worker.addEventListener('message', on);
  worker.postMessage(JSON.stringify({ ...req, kind: 'bench', id }));
});
window.harnessReady = true;
</script>`;
const server = http.createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file;
  if (path === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(HARNESS);
  if (path.startsWith('/dist/')) file = join(DIST, normalize(path.slice(6)));
  else if (path.startsWith('/jose/')) file = join(ROOT, 'node_modules/jose/dist/webapi', normalize(path.slice(6)));
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => window.harnessReady === true);
await page.evaluate(() => window.ready);
// A worker built without the feature never answers: say so rather than wait forever.
const answers = await page.evaluate(() =>
  Promise.race([window.ours({ op: 'decode', token: '', iterations: 1 }), new Promise((r) => setTimeout(() => r(null), 10000))]),
);
if (!answers) {
  console.error(`The worker in ${DIST} does not answer bench requests: build it with \`${HOW}\`.`);
  await browser.close();
  server.close();
  process.exit(1);
}

/** jose: microseconds per operation over n iterations, key imported once. */
async function joseOnce(c, n) {
  return page.evaluate(async ({ c, n }) => {
    const { jose } = window;
    const te = new TextEncoder();
    let run;
    if (c.op === 'decode') {
      run = async () => { jose.decodeProtectedHeader(c.token); jose.decodeJwt(c.token); };
    } else if (c.op.startsWith('verify')) {
      const key = await jose.importJWK(c.jwk, c.alg);
      run = () => jose.compactVerify(c.token, key);
    } else if (c.op === 'sign') {
      const key = await jose.importJWK(c.jwk, c.alg);
      const payload = te.encode(c.payload);
      const header = JSON.parse(c.header);
      run = () => new jose.CompactSign(payload).setProtectedHeader(header).sign(key);
    } else {
      const key = await jose.importJWK(c.jwk, c.keyAlg);
      run = () => jose.compactDecrypt(c.token, key);
    }
    await run();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await run();
    return ((performance.now() - t0) * 1000) / n;
  }, { c, n });
}

/** Ours: the release worker's own timing. */
async function oursOnce(c, n) {
  const a = await page.evaluate((req) => window.ours(req), {
    op: c.op, token: c.token || '', key: c.key || '', alg: c.alg, header: c.header || '', payload: c.payload || '', iterations: n,
  });
  if (!a.ok) throw new Error(`ours: ${c.op} ${c.alg} did not succeed`);
  return a.us;
}

/** Median µs/op over ROUNDS rounds, each long enough to time (warm-up first). */
async function measure(once, c) {
  const probe = await once(c, 5);
  const n = Math.max(5, Math.min(20000, Math.round((TARGET_MS * 1000) / Math.max(probe, 0.5))));
  const xs = [];
  for (let r = 0; r < ROUNDS; r++) xs.push(await once(c, n));
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}

// Warm-up: every operation once in each implementation, so that the wasm engine's optimising
// tier and the JIT have compiled what the measurements run.
for (const c of cases) {
  await oursOnce(c, 20);
  if (!c.oursOnly) await joseOnce(c, 20);
}

const rows = [];
for (const c of cases) {
  const ours = await measure(oursOnce, c);
  const theirs = c.oursOnly ? null : await measure(joseOnce, c);
  rows.push({ op: c.op, alg: c.label || c.alg, ours_us: ours, jose_us: theirs, ratio: theirs === null ? null : ours / theirs });
}
await browser.close();
server.close();

const fmt = (x) => (x === null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`\nCore operations in headless Chromium (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}), µs per operation, medians of ${ROUNDS}:`);
console.log(`${'operation'.padEnd(12)}${'algorithm'.padEnd(26)}${'JWT Lens'.padStart(10)}${'jose'.padStart(10)}${'ratio'.padStart(8)}`);
for (const r of rows) {
  console.log(`${r.op.padEnd(12)}${r.alg.padEnd(26)}${fmt(r.ours_us).padStart(10)}${fmt(r.jose_us).padStart(10)}${(r.ratio === null ? '—' : r.ratio.toFixed(2)).padStart(8)}`);
}
await mkdir(join(ROOT, 'bench-results'), { recursive: true });
await writeFile(join(ROOT, 'bench-results', 'core.json'), JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, rows }, null, 2));
