// Playwright against the release dist/, served on 127.0.0.1 by Python's static server,
// in Debian's Chromium (no browser is ever downloaded).
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT || 8765);

export const chromiumArgs = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs },
    timezoneId: 'Europe/Paris',
    // Each test starts from a fresh profile; the service worker is tested on its own
    // (e2e/selfhost.spec.mjs), so elsewhere it cannot make a test depend on another.
    serviceWorkers: 'block',
  },
  webServer: [
    server(`python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ../dist`, PORT, 'index.html'),
    // Self-hosting: dist/ at a sub-path, with a deployment's trusted-keys.json.
    server(`python3 serve.py ${PORT + 1} /tools/jwt/ --overlay trusted`, PORT + 1, 'tools/jwt/index.html'),
    // dist/ without its trusted-keys.json.
    server(`python3 serve.py ${PORT + 2} / --missing trusted-keys.json`, PORT + 2, 'index.html'),
    // Debian's nginx with the documented configuration (deploy/nginx-location.conf).
    server(`bash nginx.sh ${PORT + 3}`, PORT + 3, 'tools/jwt/index.html'),
    // Debian's Caddy with the documented configuration (deploy/Caddyfile).
    server(`bash caddy.sh ${PORT + 4}`, PORT + 4, 'tools/jwt/index.html'),
    // dist/ with a "new deployment" the service worker test writes into e2e/sw-update/.
    server(`python3 serve.py ${PORT + 5} / --overlay sw-update`, PORT + 5, 'index.html'),
  ],
});

function server(command, port, path) {
  const quiet = command.startsWith('python3') || command.includes('caddy');
  return { command, url: `http://127.0.0.1:${port}/${path}`, reuseExistingServer: false, timeout: 30_000, stdout: 'ignore', stderr: quiet ? 'ignore' : 'pipe' };
}
