#!/usr/bin/env bash
# Builds the release site into dist/, for self-hosting.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
cd "$ROOT"
step "Building the release into dist/"
trunk build --release "$@"
