#!/usr/bin/env bash
# Serves dist/ with Debian's Caddy on 127.0.0.1:$1 through deploy/Caddyfile, exactly as
# documented but for the site address (and no automatic HTTPS, no admin endpoint).
# Foreground, for Playwright's webServer.
set -euo pipefail
PORT="$1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/target/e2e-caddy"
mkdir -p "$DIR"
{
  printf '{\n\tauto_https off\n\tadmin off\n\tstorage file_system %s\n}\n' "$DIR/data"
  sed -e "s|^intra.example {|http://127.0.0.1:$PORT {|" -e "s|/srv/jwt-lens|$ROOT/dist|" "$ROOT/deploy/Caddyfile"
} > "$DIR/Caddyfile"
export HOME="$DIR" XDG_DATA_HOME="$DIR/data" XDG_CONFIG_HOME="$DIR/config"
exec caddy run --config "$DIR/Caddyfile" --adapter caddyfile
