import { chromium } from '@playwright/test';
import { chromiumArgs } from './playwright.config.mjs';
import { spawn } from 'node:child_process';
const server = spawn('python3', ['-m', 'http.server', '8771', '--bind', '127.0.0.1', '--directory', process.env.DIST || 'dist'], { stdio: 'ignore' });
await new Promise(r => setTimeout(r, 800));
const b64 = (s) => Buffer.from(s).toString('base64url');
const p = { sub: 'bench', exp: 4102444800 };
for (let i = 0; JSON.stringify(p).length < 65536; i++) p[`claim_${String(i).padStart(5, '0')}`] = `value ${i} `.padEnd(32, 'x');
const medium = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(JSON.stringify(p))}.${'A'.repeat(43)}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:8771/');
await page.waitForSelector('[data-testid=header-pane]');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
for (let i = 0; i < 10; i++) {
  await page.evaluate((tok) => { const t = document.querySelector('[data-testid=token-input]'); t.value = tok; t.dispatchEvent(new Event('input', { bubbles: true })); }, i % 2 ? medium : medium.replace('claim', 'claiM'));
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))));
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map(n => [n.id, n]));
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(k, (self.get(k) || 0) + (dt[i] || 0)); });
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [k, v] of top) console.log((v / 1000 / 10).toFixed(2).padStart(8), 'ms/run ', k);
await browser.close(); server.kill();
