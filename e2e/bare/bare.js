// The bare reference page's logic: decode on every input (header and payload JSON
// pretty-printed, signature in hex), and verify HS256/RS256/ES256 (and whatever else jose
// verifies) with the key box's text read as a PEM public key or certificate, a JWK, or
// UTF-8 secret text. Only the latest check's answer is shown.
import { compactVerify } from 'jose/jws/compact/verify.js';
import { importSPKI, importX509, importJWK } from 'jose/key/import.js';

const $ = (id) => document.querySelector(`[data-testid=${id}]`);
const tokenBox = $('token-input');
const keyBox = $('key-input');
const verdict = $('verdict');
const panes = { header: $('header-pane'), payload: $('payload-pane'), signature: $('signature-pane') };
const utf8 = new TextDecoder();

function b64u(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function part(s) {
  try {
    const text = utf8.decode(b64u(s));
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
  } catch { return '(not base64url)'; }
}

function decode(token) {
  const [h = '', p = '', s = ''] = token.trim().split('.');
  let header = null;
  try { header = JSON.parse(utf8.decode(b64u(h))); } catch { /* shown as text */ }
  panes.header.textContent = h ? part(h) : '';
  panes.payload.textContent = p ? part(p) : '';
  let hex = '';
  try { hex = Array.from(b64u(s), (b) => b.toString(16).padStart(2, '0')).join(''); } catch { hex = '(not base64url)'; }
  panes.signature.textContent = hex;
  return header;
}

function show(word, busy, text = word) {
  verdict.dataset.verdict = word;
  verdict.setAttribute('aria-busy', String(busy));
  verdict.textContent = text;
}

async function key(text, alg) {
  const t = text.trim();
  if (t.startsWith('{')) return importJWK(JSON.parse(t), alg);
  if (t.includes('-----BEGIN CERTIFICATE-----')) return importX509(t, alg);
  if (t.includes('-----BEGIN')) return importSPKI(t, alg);
  return new TextEncoder().encode(text);
}

let latest = 0;
async function update() {
  const id = ++latest;
  const token = tokenBox.value.trim();
  const header = decode(token);
  if (!header || !keyBox.value.trim()) return show('unverified', false);
  show('unverified', true, 'checking…');
  let word;
  try {
    await compactVerify(token, await key(keyBox.value, header.alg));
    word = 'verified';
  } catch (e) {
    word = e && e.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'invalid' : 'error';
  }
  if (id === latest) show(word, false);
}

tokenBox.addEventListener('input', update);
keyBox.addEventListener('input', update);
const m = /^#(?:token|id_token|access_token)=(.*)$/.exec(location.hash);
if (m) { tokenBox.value = decodeURIComponent(m[1]); update(); }
