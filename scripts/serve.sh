#!/usr/bin/env bash
# Serves JWT Lens on http://127.0.0.1:8080 with live reload, installing what is missing.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
cd "$ROOT"
step "Serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port "${PORT:-8080}" "$@"
