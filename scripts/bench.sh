#!/usr/bin/env bash
# Builds the release and measures it in headless Chromium: asset sizes, load-to-decoded,
# input-to-rendered and long tasks. Prints a table; writes bench-results/decoder.json.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
setup_browser
cd "$ROOT"
step "Building the release"
trunk build --release 2>&1 | tail -n 1
step "Measuring (BENCH_RUNS=${BENCH_RUNS:-15} runs each)"
node e2e/bench.mjs
