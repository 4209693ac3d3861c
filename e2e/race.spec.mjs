// The verdict on screen belongs to the token and key on screen (issue 13, item 3), however
// the verifier's answers are ordered or delayed: the worker checks signatures as concurrent
// tasks, so a check waiting on WebCrypto (RSA, ECDSA) can answer after a later one that
// does not. Tokens and keys are made at test time by Node's crypto.
import crypto from 'node:crypto';
import { test, expect, b64, openApp, paste, TOKEN_LINK } from './fixtures.mjs';

const verdict = (page) => page.getByTestId('verdict');
const keyBox = (page) => page.getByLabel('Verification key', { exact: true });

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 4096 });
const RSA_PUBLIC = rsa.publicKey.export({ type: 'spki', format: 'pem' });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const EC_PUBLIC = ec.publicKey.export({ type: 'spki', format: 'pem' });
/**
 * A JWKS of `n` other public keys of the same kind, then `key` (no kids): the worker tries
 * each in turn, one WebCrypto check after the other, until the last one verifies.
 */
function jwksEndingWith(key, n) {
  const others = Array.from({ length: n }, () =>
    key.asymmetricKeyType === 'rsa'
      ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey
      : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey,
  );
  return JSON.stringify({ keys: [...others, key].map((k) => k.export({ format: 'jwk' })) });
}

/** A compact JWS; `bulk` bytes of filler in the payload make the signed input large. */
function jws(alg, key, { bulk = 0, sub = 'race' } = {}) {
  const input = `${b64(JSON.stringify({ alg, typ: 'JWT' }))}.${b64(JSON.stringify({ sub, bulk: 'x'.repeat(bulk) }))}`;
  let sig;
  if (alg.startsWith('HS')) sig = crypto.createHmac('sha256', key).update(input).digest();
  else if (alg === 'ES256') sig = crypto.sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  else sig = crypto.sign('sha256', Buffer.from(input), key);
  return `${input}.${sig.toString('base64url')}`;
}

/** A compact JWE (`dir`, A128GCM) around `plaintext`. */
function jweDir(secret, plaintext, cty = 'JWT') {
  const protectedHeader = b64(JSON.stringify({ alg: 'dir', enc: 'A128GCM', cty }));
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-128-gcm', Buffer.from(secret), iv);
  c.setAAD(Buffer.from(protectedHeader));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return `${protectedHeader}..${iv.toString('base64url')}.${ct.toString('base64url')}.${c.getAuthTag().toString('base64url')}`;
}

/**
 * A PBES2-HS512+A256KW recipient at the highest count the page runs (600,000 PBKDF2
 * iterations): each password tried on it holds the worker for about a second.
 */
const P2C = 600000;
function pbes2Recipient(password, cek) {
  const alg = 'PBES2-HS512+A256KW';
  const p2s = crypto.randomBytes(16);
  const salt = Buffer.concat([Buffer.from(alg), Buffer.from([0]), p2s]);
  const kek = crypto.pbkdf2Sync(password, salt, P2C, 32, 'sha512');
  const wrap = crypto.createCipheriv('id-aes256-wrap', kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
  const encrypted = Buffer.concat([wrap.update(cek), wrap.final()]);
  return { header: { alg, p2s: p2s.toString('base64url'), p2c: P2C }, encrypted };
}
function seal(protectedHeader, cek, plaintext) {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-128-gcm', cek, iv);
  c.setAAD(Buffer.from(protectedHeader));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv: iv.toString('base64url'), ciphertext: ct.toString('base64url'), tag: c.getAuthTag().toString('base64url') };
}
/**
 * A JSON-serialized PBES2 JWE with `n` recipients (the page tries at most two at this
 * count): a wrong password is tried on each, two to three seconds of the worker's time.
 */
function jwePbes2(password, plaintext, n = 2) {
  const cek = crypto.randomBytes(16);
  const protectedHeader = b64(JSON.stringify({ enc: 'A128GCM' }));
  const recipients = Array.from({ length: n }, () => pbes2Recipient(password, cek)).map((r) => ({
    header: r.header,
    encrypted_key: r.encrypted.toString('base64url'),
  }));
  return JSON.stringify({ protected: protectedHeader, recipients, ...seal(protectedHeader, cek, plaintext) });
}

/**
 * Lets a test deliver the verifier's next two answers to the page in the opposite order:
 * the worker checks signatures as concurrent tasks, so this order can happen, but
 * Chromium seldom produces it on its own (in our runs its WebCrypto callbacks always came
 * before the next message). `swapNextAnswers(page)` arms it for the next two answers.
 */
async function reorderable(page) {
  await page.addInitScript(() => {
    const setter = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
    Object.defineProperty(Worker.prototype, 'onmessage', {
      get() {
        return setter.get.call(this);
      },
      set(handler) {
        let held = null;
        setter.set.call(this, (ev) => {
          if (!globalThis.jwtLensTestSwap || ev.data === 'ready') return handler(ev);
          if (!held) return void (held = ev);
          globalThis.jwtLensTestSwap = false;
          const first = held;
          held = null;
          handler(ev);
          handler(first);
        });
      },
    });
  });
}
const swapNextAnswers = (page) => page.evaluate(() => (globalThis.jwtLensTestSwap = true));

/**
 * Puts `first` (token and key) into the page, waits until the page has asked the verifier
 * about it (the verdict `busy` names turns aria-busy), then at once puts `second`: both
 * questions reach the worker within the same browser task, one right after the other.
 * Fields are set as a paste would. With `busy` null, `second` follows in the next task.
 */
async function race(page, first, second, ids = ['key-input', 'token-input'], busy = '[data-testid=verdict]') {
  await page.evaluate(
    async ({ first, second, ids, busy }) => {
      const set = (id, value) => {
        const el = document.getElementById(id);
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const put = (s) => ids.forEach((id, i) => s[i] !== undefined && set(id, s[i]));
      put(first);
      if (busy) {
        // The page asks in a microtask; the verdict then says it is busy.
        const el = document.querySelector(busy);
        await new Promise((asked) => {
          if (el.getAttribute('aria-busy') === 'true') return asked();
          const seen = new MutationObserver(() => el.getAttribute('aria-busy') === 'true' && (seen.disconnect(), asked()));
          seen.observe(el, { attributes: true, attributeFilter: ['aria-busy'] });
        });
      } else {
        await new Promise((next) => setTimeout(next, 0));
      }
      put(second);
    },
    { first, second, ids, busy },
  );
}

test('a slow WebCrypto answer never replaces the verdict on a later key or token (40 races)', async ({ page }) => {
  await reorderable(page);
  await openApp(page);
  // Tokens signed RS256 and ES256, checked against a JWKS whose last key verifies: the
  // worker awaits WebCrypto once per key (verified, after a while). With a key of the
  // wrong type the core answers at once (error), as it does for an HS256 token with the
  // wrong secret (invalid).
  const tokens = [
    { token: jws('RS256', rsa.privateKey, { bulk: 20_000 }), right: jwksEndingWith(rsa.publicKey, 12), wrong: EC_PUBLIC, desc: /RSA/ },
    { token: jws('ES256', ec.privateKey, { bulk: 20_000 }), right: jwksEndingWith(ec.publicKey, 12), wrong: RSA_PUBLIC, desc: /P-256/ },
  ];
  const hs = { token: jws('HS256', 'the-secret-used-to-sign-it-0123456789'), key: 'not-the-secret-used-to-sign-it-0123456789' };
  const settled = async (expected, keys, desc, i) => {
    await expect(verdict(page), `race ${i}`).toHaveAttribute('aria-busy', 'false');
    await expect(verdict(page), `race ${i}`).toHaveAttribute('data-verdict', expected);
    // The key list belongs to the same answer.
    await expect(page.getByTestId('key-item'), `race ${i}`).toHaveCount(keys);
    await expect(page.getByTestId('key-item').first(), `race ${i}`).toContainText(desc);
  };
  let i = 0;
  for (const t of tokens) {
    // The token once; WebCrypto then holds the keys.
    await race(page, [t.right, t.token], [t.right, t.token]);
    await settled('verified', 13, t.desc, i++);
    for (let n = 0; n < 15; n++, i++) {
      // Mostly the right keys (slow) then a wrong one (quick): the race; every fourth time
      // the other way round.
      // Half of the races also get their two answers in the opposite order.
      if (n % 2 === 1) await swapNextAnswers(page);
      if (n % 4 === 3) {
        await race(page, [t.wrong], [t.right], ['key-input']);
        await settled('verified', 13, t.desc, i);
      } else {
        await race(page, [t.right], [t.wrong], ['key-input']);
        await settled('error', 1, t.wrong === EC_PUBLIC ? /P-256/ : /RSA/, i);
      }
    }
    // And a new token and key (quick) right after the slow check, its answer first.
    await swapNextAnswers(page);
    await race(page, [t.right, t.token], [hs.key, hs.token]);
    await settled('invalid', 1, /HMAC/, i++);
  }
  await expect(page.getByTestId('verdict-pending')).toBeHidden();
});

test('the nested token\'s verdict belongs to the nested key on screen (15 races)', async ({ page }) => {
  await reorderable(page);
  await openApp(page);
  const secret = 'sixteen-byte-key';
  const inner = jws('RS256', rsa.privateKey, { bulk: 150_000 });
  await paste(page, jweDir(secret, inner));
  await keyBox(page).fill(secret);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  const nested = page.getByTestId('nested-verdict');
  await expect(nested).toBeVisible();
  for (let i = 0; i < 15; i++) {
    if (i % 2 === 1) await swapNextAnswers(page);
    // The signer's RSA key (WebCrypto: verified), then a secret (the core: error at once).
    await race(page, [RSA_PUBLIC], ['a secret is no RSA key'], ['nested-key'], null);
    await expect(nested, `race ${i}`).toHaveAttribute('aria-busy', 'false');
    await expect(nested, `race ${i}`).toHaveAttribute('data-verdict', 'error');
  }
  await race(page, ['a secret is no RSA key'], [RSA_PUBLIC], ['nested-key'], null);
  await expect(nested).toHaveAttribute('data-verdict', 'verified');
});

test('a large paste never overwrites a later edit of the token box', async ({ page }) => {
  await openApp(page);
  const big = jws('HS256', 'k', { bulk: 400_000, sub: 'big' }); // decoded in a later task
  const small = jws('HS256', 'k', { sub: 'small' });
  await race(page, [big], [small], ['token-input'], null);
  // A frame and a task later, the deferred large paste has had its turn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => setTimeout(done, 0), 0))));
  const payload = page.getByRole('region', { name: 'Payload', exact: true });
  await expect(payload).toContainText('"small"');
  await expect(payload).not.toContainText('"big"');
  await expect(page.getByLabel('Encoded token', { exact: true })).toHaveValue(small);
  await keyBox(page).fill('k');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByRole('region', { name: 'Payload', exact: true })).toContainText('"small"');
});

/** Opens a costly JWE and starts the verifier on it, so that every later keystroke reaches a listening worker. */
async function costly(page, token) {
  await paste(page, token);
  const started = Date.now();
  await keyBox(page).fill('not the password');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypt-failed');
  console.log(`one PBES2 question (600,000 iterations, with the worker's start): ${Date.now() - started} ms`);
  await keyBox(page).fill('');
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
}

/** Counts the verifier workers the page starts, and those it terminates. */
function watchWorkers(page) {
  const seen = { started: 0, closed: 0 };
  page.on('worker', (w) => {
    // The verifier's loader, or in the single file its blob: URL.
    if (!w.url().includes('verifier') && !w.url().startsWith('blob:')) return;
    seen.started++;
    w.on('close', () => seen.closed++);
  });
  return seen;
}

test('typing the password of a costly JWE: the verdict answers the last keystroke promptly', async ({ page }) => {
  const workers = watchWorkers(page);
  await openApp(page, TOKEN_LINK); // no demo secret: every worker counted is the test's own
  const password = 'correct horse battery staple';
  await costly(page, jwePbes2(password, 'the plaintext'));
  // Each keystroke asks again, and each wrong password costs the worker two PBKDF2 runs of
  // 600,000 iterations (a second or more): 28 questions queued would take most of a minute.
  await keyBox(page).pressSequentially(password);
  // The busy worker is replaced, and only the last question is asked again.
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted', { timeout: 10_000 });
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('region', { name: 'Decrypted payload', exact: true })).toHaveText('the plaintext');
  expect(workers.started).toBeGreaterThan(1);
  await expect.poll(() => workers.closed).toBeGreaterThan(0);
});

test('a new token gets its verdict promptly while the worker is busy with an old one', async ({ page }) => {
  const workers = watchWorkers(page);
  await openApp(page, TOKEN_LINK); // no demo secret: every worker counted is the test's own
  const password = 'correct horse battery staple';
  await costly(page, jwePbes2(password, 'the plaintext'));
  await keyBox(page).pressSequentially(password.slice(0, 20));
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'true');
  // A new token and key while the worker still works through the old questions.
  const secret = 'a-fresh-secret-for-a-fresh-token-000';
  await race(page, [secret, jws('HS256', secret)], [secret, jws('HS256', secret, { sub: 'fresh' })]);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified', { timeout: 6_000 });
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('region', { name: 'Payload', exact: true })).toContainText('"fresh"');
  await expect.poll(() => workers.closed).toBeGreaterThan(0);
});

test('Cancel stops long work: nothing is verified, and the next token is checked afresh', async ({ page }) => {
  const workers = watchWorkers(page);
  await openApp(page, TOKEN_LINK); // no demo secret: every worker counted is the test's own
  const secret = 'a-secret-for-the-token-checked-before';
  await paste(page, jws('HS256', secret));
  await keyBox(page).fill(secret);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  // Two recipients and a wrong password: both are tried, a few seconds of work. The token
  // pasted: the verdict is busy at once, and its spinner and Cancel button are not laid out
  // yet (they show after a moment, so a quick answer never lays them out). A 0 ms timer set
  // before the page's 300 ms one always runs first.
  const atOnce = await page.evaluate((token) => {
    const box = document.querySelector('[data-testid=token-input]');
    box.value = token;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    return new Promise((resolve) => setTimeout(() => resolve({
      busy: document.querySelector('[data-testid=verdict]').getAttribute('aria-busy'),
      display: getComputedStyle(document.querySelector('[data-testid=verdict-pending]')).display,
    }), 0));
  }, jwePbes2('the right password', 'secret plaintext'));
  expect(atOnce).toEqual({ busy: 'true', display: 'none' });
  await keyBox(page).fill('a wrong password');
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('verdict-pending')).toBeVisible();
  // Meanwhile nothing of the previous token's verdict is shown with this one.
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
  await expect(verdict(page)).toContainText('Decrypting');
  await expect(page.getByTestId('key-info')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('pending.png') });
  await page.getByTestId('cancel-work').click();
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'unverified');
  await expect(verdict(page)).toContainText('Cancelled');
  await expect(page.getByTestId('verdict-pending')).toBeHidden();
  // No worker is left running. (The first may already have been replaced before the click:
  // the question asked with the previous key was still in flight when the wrong password's
  // waited longer than the page's patience, on a slow machine.)
  await expect.poll(() => workers.closed).toBeGreaterThan(0);
  await expect.poll(() => workers.closed).toBe(workers.started);
  const before = workers.started;
  // The next question goes to a fresh worker.
  await keyBox(page).fill('the right password');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  await expect(page.getByRole('region', { name: 'Decrypted payload', exact: true })).toHaveText('secret plaintext');
  expect(workers.started).toBe(before + 1);
});

test('in the single file too, Cancel stops long work and a fresh worker takes the next question', async ({ page }) => {
  const workers = watchWorkers(page);
  await page.goto(`file://${new URL('../dist/', import.meta.url).pathname}jwt-lens.html${TOKEN_LINK}`); // no demo secret
  await expect(page.getByRole('region', { name: 'Header', exact: true })).toBeVisible();
  await paste(page, jwePbes2('the right password', 'secret plaintext'));
  await keyBox(page).fill('a wrong password');
  await page.getByTestId('cancel-work').click();
  await expect(verdict(page)).toContainText('Cancelled');
  await expect(verdict(page)).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => workers.closed).toBeGreaterThan(0);
  await expect.poll(() => workers.closed).toBe(workers.started);
  const before = workers.started;
  await keyBox(page).fill('the right password');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'decrypted');
  expect(workers.started).toBe(before + 1);
});

test('generating an RSA 4096 key holds up no verdict, and Clear keys stops it', async ({ page }) => {
  const workers = watchWorkers(page);
  await openApp(page, TOKEN_LINK); // no demo secret: every worker counted is the test's own
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByTestId('key-kind').selectOption('rsa-4096');
  await page.getByTestId('generate-key').click();
  await expect(page.getByTestId('keys-busy')).toBeVisible();
  // Meanwhile the decoder checks a token: its verdict comes while the key is still being
  // generated (RSA 4096 takes seconds to tens of seconds), not after.
  await page.getByRole('tab', { name: 'Decoder', exact: true }).click();
  const secret = 'a-secret-for-a-token-checked-meanwhile';
  await paste(page, jws('HS256', secret));
  await keyBox(page).fill(secret);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('keys-busy')).toHaveCount(1);
  // Clear keys stops the generation: its worker is terminated, no key appears.
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByTestId('clear-keys').click();
  await expect(page.getByTestId('keys-busy')).toHaveCount(0);
  await expect.poll(() => workers.closed).toBe(1);
  await expect(page.getByTestId('key-formats')).toHaveCount(0);
});

test('the page, the extras and the encoder ask one verifier worker', async ({ page }) => {
  const workers = watchWorkers(page);
  await openApp(page, TOKEN_LINK); // no demo secret: every worker counted is the test's own
  const secret = 'a-secret-for-one-shared-worker-32b';
  await paste(page, jws('HS256', secret));
  await keyBox(page).fill(secret);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  // The extras' walkthrough and the encoder's signing are answered by the page's worker.
  await page.getByTestId('walk-toggle').click();
  await expect(page.getByTestId('walk-result')).toHaveAttribute('data-holds', 'true');
  await page.getByRole('tab', { name: 'Encoder', exact: true }).click();
  await page.getByLabel('Signing key', { exact: true }).fill(secret);
  await expect(page.getByTestId('signed-token')).toHaveValue(/^eyJ/);
  await page.getByTestId('open-in-decoder').click();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'verified');
  expect(workers.started).toBe(1);
  expect(workers.closed).toBe(0);
});
