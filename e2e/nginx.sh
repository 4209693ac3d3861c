#!/usr/bin/env bash
# Serves dist/ with Debian's nginx on 127.0.0.1:$1 through deploy/nginx-location.conf,
# exactly as documented (its /srv/jwt-lens/ replaced by this checkout's dist/). Foreground,
# for Playwright's webServer.
set -euo pipefail
PORT="$1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/target/e2e-nginx"
mkdir -p "$DIR"
sed "s|/srv/jwt-lens/|$ROOT/dist/|" "$ROOT/deploy/nginx-location.conf" > "$DIR/location.conf"
cat > "$DIR/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $DIR/body;
    proxy_temp_path $DIR/proxy;
    fastcgi_temp_path $DIR/fastcgi;
    uwsgi_temp_path $DIR/uwsgi;
    scgi_temp_path $DIR/scgi;
    server {
        listen 127.0.0.1:$PORT;
        include $DIR/location.conf;
    }
}
CONF
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
exec "$NGINX" -c "$DIR/nginx.conf"
