// The first screen's example token, made by an independent implementation (Node's crypto,
// i.e. OpenSSL): HS256 over fixed claims with the demo secret of src/ui/example-secret.txt.
// Prints the token; src/ui/example-token.txt holds exactly this output, which
// tests/example.rs checks.
//
//   node tests/interop/example.mjs > src/ui/example-token.txt
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';

const secret = readFileSync(new URL('../../src/ui/example-secret.txt', import.meta.url), 'utf8');
const header = { alg: 'HS256', typ: 'JWT' };
const claims = {
  sub: '1234567890',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  roles: ['admin', 'analyst'],
  iss: 'https://auth.example.com',
  aud: 'jwt-lens-demo',
  iat: 1767225600, // 2026-01-01T00:00:00Z
  nbf: 1767225600,
  exp: 2082758400, // 2036-01-01T00:00:00Z
};
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const input = `${b64(header)}.${b64(claims)}`;
const signature = crypto.createHmac('sha256', secret).update(input).digest('base64url');
process.stdout.write(`${input}.${signature}`);
