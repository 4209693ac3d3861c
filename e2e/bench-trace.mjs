// Where the time goes in "token and key pasted together → verified" on the release build:
// a Chromium trace (CDP Tracing: devtools.timeline, the V8 sampling profiler at ~100 µs,
// user timing) around TRACE_RUNS pastes, each between two performance marks, and a
// breakdown in ms (median over the pastes) of the main thread's and the worker's time:
//   - page, input event: the input handlers (the signals set);
//   - page, effects: Leptos effects and render effects (microtasks), split by the profiler's
//     samples into decoding in wasm, rendering (DOM calls) and the rest of the wasm;
//   - page, answer: the worker's message handled (the answer parsed, the verdict rendered);
//   - page, timers and frames: setTimeout / requestAnimationFrame callbacks;
//   - page, style, layout, paint;
//   - worker: the question handled (serde_json, the core, WebCrypto), by task;
//   - idle: the page waiting (for the worker, a timer or a frame).
// The task-level breakdown needs nothing more. Function names in the sampler's stacks
// (TRACE_SAMPLES=1, TRACE_NAMES=1 lists the hottest per category) need the page's and the
// verifier's wasm with their name sections: scripts/names-build.sh makes target/dist-names
// from the release build. The sampler and tracing slow the page: the traced wall time is
// above the benchmark's, the proportions hold.
//
//   TRACE_ALG=HS256,RS256,ES256 TRACE_RUNS=30 node e2e/bench-trace.mjs
//   TRACE_ALG=87KB,300B ...     an 87 KB or a 300 B token pasted alone, until its payload is shown
//   TRACE_ALG=load ...          a cold load with #token=, task by task
//   TRACE_ALG=RS256-key ...     the key alone pasted (HS256-key, ES256-key too), the token in place
//   TRACE_DIST=target/dist-names TRACE_SAMPLES=1 TRACE_NAMES=1 ...
//   ... TRACE_SAMPLES=1 TRACE_INCLUSIVE=1 ... the time under each function of the wasm (its
//       callees included), per paste: which effect or pane costs what (names build only)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from './playwright.config.mjs';
import { records } from '../tests/interop/sign.mjs';
import { emptyBoxes, killOnExit } from './bench-common.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, process.env.TRACE_DIST || 'dist');
const PORT = Number(process.env.BENCH_PORT || 8766) + 2;
const RUNS = Number(process.env.TRACE_RUNS || 30);
const ALGS = (process.env.TRACE_ALG || 'HS256,RS256,ES256').split(',');
const SAMPLES = Boolean(process.env.TRACE_SAMPLES);
const PAGE = process.env.TRACE_PAGE || '';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : 0; };

const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', DIST], { stdio: 'ignore' });
killOnExit(server);
const base = `http://127.0.0.1:${PORT}/`;
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(base)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
const recs = records().filter((r) => r.case === 'signed');
// TRACE_ALG=87KB: an 87 KB token (64 KB of claims) pasted alone, until its payload is shown.
const b64 = (x) => Buffer.from(x).toString('base64url');
const bigPayload = (() => { const p = { sub: 'bench', exp: 4102444800 }; for (let i = 0; JSON.stringify(p).length < 64 * 1024; i++) p[`claim_${String(i).padStart(5, '0')}`] = `value ${i} `.padEnd(32, 'x'); return JSON.stringify(p); })();
const smallPayload = JSON.stringify({ sub: '1234567890', name: 'Ada Lovelace', email: 'ada@example.com', iss: 'https://auth.example.com', aud: 'api', iat: 1764547200, exp: 1764550800, scope: 'read write', jti: 'a1b2c3d4e5f6' });
const pick = { '300B': { token: `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(smallPayload)}.${'A'.repeat(43)}`, key: '', marker: 'Ada Lovelace' }, '87KB': { token: `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(bigPayload)}.${'A'.repeat(43)}`, key: '' }, HS256: recs.find((r) => r.alg === 'HS256' && r.format === 'secret_utf8'), RS256: recs.find((r) => r.alg === 'RS256' && r.format === 'pem_spki'), ES256: recs.find((r) => r.alg === 'ES256' && r.format === 'pem_spki') };

async function clear(page, keyOnly = false) {
  await emptyBoxes(page, keyOnly ? ['key-input'] : undefined);
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid=verdict]');
    return v.getAttribute('aria-busy') === 'false' && v.dataset.verdict !== 'verified';
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
}

// `token` null: only the key is pasted (the token is left in place).
async function paste(page, token, key, n, marker = 'claim_00001') {
  return page.evaluate(([token, key, n, marker]) => new Promise((resolve, reject) => {
    const verdict = document.querySelector('[data-testid=verdict]');
    const payload = document.querySelector('[data-testid=payload-pane]');
    // With a key: until the verdict is final; without: until the payload pane shows the token's.
    const done = key ? () => verdict.dataset.verdict === 'verified' && verdict.getAttribute('aria-busy') === 'false' : () => payload.textContent.includes(marker);
    performance.mark(`paste-start-${n}`);
    const t0 = performance.now();
    const mo = new MutationObserver(() => {
      if (done()) { mo.disconnect(); performance.mark(`paste-end-${n}`); resolve(performance.now() - t0); }
    });
    mo.observe(key ? verdict : payload, { attributes: true, subtree: true, characterData: true, childList: true });
    for (const [id, text] of [['token-input', token], ['key-input', key]]) {
      if (text === null) continue;
      const box = document.querySelector(`[data-testid=${id}]`);
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
    setTimeout(() => reject(new Error('no verdict')), 10000);
  }), [token, key, n, marker]);
}

// Classifies a sampled stack by its innermost frame that says what the work is for
// (allocator, memcpy and glue frames are skipped).
const GENERIC = /^(dlmalloc|<dlmalloc|memcpy|memmove|memcmp|memset|core::|<core::|alloc::|<alloc::|__rust|__rdl|wasm-to-js|js-to-wasm|real|\?|\(anonymous\)|wasm-function\[|<?std::|hashbrown|<hashbrown|indexmap|<indexmap|wasm_bindgen::|<wasm_bindgen|__wbindgen|getStringFromWasm0|passStringToWasm0|getObject|addHeapObject|takeObject|handleError)/;
function classify(stack) {
  for (const f of stack) {
    const n = f.functionName || '';
    if (!n || GENERIC.test(n)) continue;
    if (n === '(garbage collector)') return 'GC';
    if (/jwt_lens::jwt::(decode|token|json|base64url|clean|Decoded|problem)|jwt_lens::jwt::teach/.test(n)) return 'decoding and pretty-printing (wasm core)';
    if (/jwt_lens::jwt::(lint|claims|verdict|text)/.test(n)) return 'lint, claims, verdict, text (wasm core)';
    if (/jwt_lens::jwt::protocol|jwt_lens::jwt::/.test(n)) return 'other core (protocol codec…)';
    if (/selection_in|jwt_lens::ui::link/.test(n)) return 'selectionchange handler';
    if (/jwt_lens::ui::crypto|postMessage/.test(n)) return 'asking the worker / receiving';
    if (/tachys|leptos|reactive_graph|any_spawner|jwt_lens::ui|^__wbg_|cloneNode|insertBefore|setAttribute|createElement|createTextNode|appendChild|removeChild|replaceWith|remove$|set_nodeValue|textContent|append|before|after|classList|toggle|setProperty|nodeValue|data$/.test(n)) return 'rendering and reactivity (Leptos, DOM)';
    if (/evaluate|mark|dispatchEvent|observe|querySelector|getAttribute|now$/.test(n)) return 'benchmark harness';
    return `other: ${n.slice(0, 40)}`;
  }
  return 'other';
}

const categoriesOf = {};
const inclusive = {};
const result = {};
// TRACE_ALG=load: one cold load with #token= (a fresh context), its main thread's tasks of
// 1 ms or more and when each file finished loading, in ms from the navigation.
async function coldLoad() {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const finished = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.wasm', 'disabled-by-default-v8.wasm', 'loading', 'devtools.timeline.frame'] } });
  await page.goto(`${base}${PAGE}#token=${pick['300B'].token}`);
  await page.waitForFunction(() => (document.querySelector('[data-testid=header-pane]')?.textContent || '').includes('"alg"'));
  const decodedAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300);
  await cdp.send('Tracing.end');
  await finished;
  await ctx.close();
  const threadName = {};
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName[`${e.pid}:${e.tid}`] = e.args.name;
  // From the request for the page; the renderer is the one whose main thread parsed it.
  const nav = events.find((e) => e.name === 'ResourceSendRequest' && (e.args?.data?.url || '').startsWith(base));
  const t0 = nav.ts;
  const parse = events.find((e) => e.name === 'ParseHTML' && e.ts >= t0 && /CrRendererMain/.test(threadName[`${e.pid}:${e.tid}`] || ''));
  const main = events.filter((e) => e.pid === parse?.pid && e.tid === parse?.tid && e.ph === 'X');
  const tops = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const out = [];
  let last = null;
  for (const t of tops) {
    if (last && t.ts + t.dur <= last.ts + last.dur) continue;
    last = t;
    if (t.dur < 1000 || (t.ts - t0) / 1000 > decodedAt + 50) continue;
    const kids = main.filter((c) => c.ts >= t.ts && c.ts + (c.dur || 0) <= t.ts + t.dur && c !== t && c.name !== 'RunTask' && c.name !== 'ThreadControllerImpl::RunTask');
    const names = {};
    for (const c of kids) names[c.name] = (names[c.name] || 0) + (c.dur || 0) / 1000;
    const top = Object.entries(names).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, d]) => `${n} ${d.toFixed(1)}`).join(', ');
    out.push({ at: (t.ts - t0) / 1000, ms: t.dur / 1000, inside: top });
  }
  const loads = events.filter((e) => e.name === 'ResourceFinish' && e.ts >= t0).map((e) => {
    const send = events.find((x) => x.name === 'ResourceSendRequest' && x.args?.data?.requestId === e.args?.data?.requestId);
    if (!(send?.args?.data?.url || '').startsWith(base)) return null;
    return { file: (send?.args?.data?.url || '?').split('/').pop().split('#')[0] || 'index.html', sent: send ? (send.ts - t0) / 1000 : NaN, done: (e.ts - t0) / 1000 };
  });
  console.log(`\ncold load with #token= (from the navigation's start, ms): decoded at ${decodedAt.toFixed(1)} (page clock)`);
  for (const l of loads.filter(Boolean).sort((a, b) => a.done - b.done)) console.log(`  file ${l.file.padEnd(40)} requested ${l.sent.toFixed(1).padStart(7)}  loaded ${l.done.toFixed(1).padStart(7)}`);
  for (const t of out) console.log(`  task at ${t.at.toFixed(1).padStart(7)}  ${t.ms.toFixed(1).padStart(6)} ms  ${t.inside}`);
  return { decodedAt, loads, tasks: out };
}

for (const alg of ALGS) {
  if (alg === 'load') {
    result.load = await coldLoad();
    continue;
  }
  const keyOnly = alg.endsWith('-key');
  const { token, key, marker } = pick[alg.replace(/-key$/, '')];
  const page = await browser.newPage();
  await page.goto(base + PAGE);
  await page.waitForSelector('[data-testid=payload-pane]');
  // Warm: the verifier started, the key imported once.
  await clear(page);
  await paste(page, token, key, -1, marker);
  // The key alone: the token stays in place, each paste is of the key.
  const pasted = keyOnly ? null : token;
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const finished = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      // The sampler (function names) costs the traced run a lot: only with TRACE_SAMPLES=1.
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', ...(SAMPLES ? ['disabled-by-default-v8.cpu_profiler', 'v8.execute'] : [])],
    },
  });
  const wall = [];
  for (let i = 0; i < RUNS; i++) {
    await clear(page, keyOnly);
    wall.push(await paste(page, pasted, key, i, marker));
  }
  await cdp.send('Tracing.end');
  await finished;
  await page.close();

  // Windows between the marks.
  const marks = {};
  for (const e of events) {
    const m = /^paste-(start|end)-(\d+)$/.exec(e.name || '');
    if (m && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'e' || e.ph === 'X' || e.ph === 'i')) {
      (marks[m[2]] ??= {})[m[1]] = e.ts;
    }
  }
  const windows = Object.values(marks).filter((w) => w.start && w.end).map((w) => [w.start, w.end]);
  // Threads: the page's main thread (CrRendererMain) and the worker's (DedicatedWorker thread).
  const threadName = {};
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName[`${e.pid}:${e.tid}`] = e.args.name;
  const thread = (e) => threadName[`${e.pid}:${e.tid}`] || '';
  const main = events.filter((e) => /CrRendererMain/.test(thread(e)));
  const worker = events.filter((e) => /DedicatedWorker/.test(thread(e)));

  // Top-level tasks and what each is.
  const per = windows.map(() => ({}));
  const add = (i, k, v) => { per[i][k] = (per[i][k] || 0) + v; };
  const inWindow = (ts) => windows.findIndex(([a, b]) => ts >= a && ts <= b);
  const overlap = (ts, dur, [a, b]) => Math.max(0, Math.min(ts + dur, b) - Math.max(ts, a));
  // Top-level tasks (a RunTask not inside another).
  const topLevel = (evs) => {
    const out = [];
    for (const e of evs.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')).sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
      const last = out[out.length - 1];
      if (last && e.ts >= last.ts && e.ts + e.dur <= last.ts + last.dur) continue;
      out.push(e);
    }
    return out;
  };
  const tasks = topLevel(main);
  const children = main.filter((e) => e.ph === 'X' && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
  const kindOf = (t, kids) => {
    const ev = kids.find((c) => c.name === 'EventDispatch');
    if (ev) return `page, ${ev.args?.data?.type || 'event'} event`;
    if (kids.some((c) => c.name === 'TimerFire')) return 'page, timer';
    if (kids.some((c) => c.name === 'FireAnimationFrame')) return 'page, animation frame';
    if (kids.some((c) => c.name === 'HandlePostMessage' || (c.name === 'FunctionCall' && /onmessage|message/i.test(JSON.stringify(c.args || {}))))) return 'page, message (answer)';
    if (kids.some((c) => ['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayer'].includes(c.name))) return 'page, style/layout/paint';
    if (kids.some((c) => c.name === 'FunctionCall' || c.name === 'v8.callFunction')) return 'page, other script';
    return `page, other (${kids.map((c) => c.name).slice(0, 3).join(' ')})`;
  };
  const timelines = windows.map(() => []);
  for (const t of tasks) {
    windows.forEach((w, i) => {
      const o = overlap(t.ts, t.dur, w);
      if (!o) return;
      const kids = children.filter((c) => c.ts >= t.ts && c.ts + (c.dur || 0) <= t.ts + t.dur);
      const kind = kindOf(t, kids);
      add(i, kind, o / 1000);
      add(i, 'page busy (all tasks)', o / 1000);
      timelines[i].push({ at: (Math.max(t.ts, w[0]) - w[0]) / 1000, ms: o / 1000, what: kind, inside: [...new Set(kids.map((c) => c.name))].filter((n) => !['FunctionCall', 'v8.callFunction', 'EventDispatch'].includes(n)).slice(0, 8).join(' ') });
    });
  }
  // Inside the tasks: rendering work by name.
  for (const c of children) {
    const i = inWindow(c.ts);
    if (i < 0) continue;
    if (['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'ParseHTML'].includes(c.name)) add(i, `  of which ${c.name}`, (c.dur || 0) / 1000);
    if (c.name === 'RunMicrotasks') add(i, '  of which microtasks (effects)', (c.dur || 0) / 1000);
  }
  const wtasks = topLevel(worker);
  for (const t of wtasks) {
    windows.forEach((w, i) => {
      const o = overlap(t.ts, t.dur, w);
      if (!o) return;
      add(i, 'worker busy (all tasks)', o / 1000);
      timelines[i].push({ at: (Math.max(t.ts, w[0]) - w[0]) / 1000, ms: o / 1000, what: 'worker task', inside: '' });
    });
  }
  windows.forEach(([a, b], i) => add(i, 'window (traced wall time)', (b - a) / 1000));

  // The sampling profiler: samples on the page's thread, by category.
  const profiles = {};
  for (const e of events) {
    if (e.name === 'Profile') profiles[e.id] = { pid: e.pid, tid: e.tid, start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] };
    if (e.name === 'ProfileChunk') {
      const p = profiles[e.id];
      if (!p) continue;
      const d = e.args.data;
      for (const n of d.cpuProfile?.nodes || []) p.nodes.set(n.id, n);
      p.samples.push(...(d.cpuProfile?.samples || []));
      p.deltas.push(...(d.timeDeltas || []));
    }
  }
  for (const p of Object.values(profiles)) {
    const who = /DedicatedWorker/.test(threadName[`${p.pid}:${p.tid}`] || '') ? 'worker' : /CrRendererMain/.test(threadName[`${p.pid}:${p.tid}`] || '') ? 'page' : null;
    if (!who) continue;
    const stackOf = (id) => { const s = []; for (let n = p.nodes.get(id); n; n = p.nodes.get(n.parent)) s.push(n.callFrame); return s; };
    let ts = p.start;
    for (let k = 0; k < p.samples.length; k++) {
      const dt = p.deltas[k] || 0;
      ts += dt;
      const i = inWindow(ts);
      if (i < 0) continue;
      const stack = stackOf(p.samples[k]);
      if (stack[0]?.functionName === '(idle)' || stack[0]?.functionName === '(program)') continue;
      const c = classify(stack);
      add(i, `${who} samples: ${c}`, Math.max(0, (p.deltas[k + 1] || dt)) / 1000);
      if (process.env.TRACE_INCLUSIVE) {
        const seen = new Set();
        for (const f of stack) {
          const n = (f.functionName || '').replace(/::h[0-9a-f]{16}.*$/, '');
          if (/jwt_lens::|^(build_runs|build_tree|fill|set_highlight|decode|done)$/.test(n) && !seen.has(n)) { seen.add(n); inclusive[`${who} ${n}`] = (inclusive[`${who} ${n}`] || 0) + Math.max(0, (p.deltas[k + 1] || dt)) / 1000; }
        }
      }
      if (process.env.TRACE_NAMES) {
        const leaf = stack.find((f) => f.functionName && !/^\(/.test(f.functionName))?.functionName || '?';
        (categoriesOf[`${who} ${c}`] ??= {})[leaf] = ((categoriesOf[`${who} ${c}`] ??= {})[leaf] || 0) + 1;
      }
    }
  }
  const keys = [...new Set(per.flatMap((x) => Object.keys(x)))].sort();
  result[alg] = { wallMs: median(wall), windows: windows.length, breakdownMs: Object.fromEntries(keys.map((k) => [k, median(per.map((x) => x[k] || 0))])) };
  // The paste whose traced wall time is the median, as a timeline.
  const order = windows.map(([a, b], i) => [b - a, i]).sort((x, y) => x[0] - y[0]);
  const mid = order[order.length >> 1]?.[1];
  result[alg].timeline = timelines[mid]?.sort((x, y) => x.at - y.at);
  console.log(`\n${alg}: paste ${keyOnly ? 'the key' : 'token and key'} → verified, median wall ${median(wall).toFixed(2)} ms over ${windows.length} traced pastes (medians per category, ms)`);
  for (const k of keys) console.log(`  ${k.padEnd(52)} ${result[alg].breakdownMs[k].toFixed(2)}`);
  console.log('  the median paste, task by task (start ms, duration ms):');
  for (const t of result[alg].timeline || []) console.log(`    ${t.at.toFixed(2).padStart(7)} ${t.ms.toFixed(2).padStart(6)}  ${t.what}  ${t.inside}`);
}
if (process.env.TRACE_INCLUSIVE) {
  console.log('\nInclusive time per function in the page\'s and the worker\'s wasm, ms per paste (all traced pastes):');
  const n = RUNS * ALGS.length;
  for (const [f, ms] of Object.entries(inclusive).sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${(ms / n).toFixed(3).padStart(8)} ${f}`);
}
if (process.env.TRACE_NAMES) {
  for (const [c, m] of Object.entries(categoriesOf)) {
    console.log(`\n${c}:`);
    for (const [n, k] of Object.entries(m).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(k).padStart(5)} ${n}`);
  }
}
await browser.close();
server.kill();
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', 'trace.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, result }, null, 2));
console.log('\nwritten: bench-results/trace.json');
