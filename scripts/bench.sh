#!/usr/bin/env bash
# Benchmarks: the core's verify time per algorithm (native, cargo bench), then the release
# build measured in headless Chromium (asset sizes, load-to-decoded, input-to-rendered,
# long tasks, key-paste-to-verdict; side by side with the bare reference page e2e/bare/, each
# figure as a ratio; idle CPU), where the time goes in a paste of token and key (a Chromium
# trace, e2e/bench-trace.mjs), and core operations per algorithm in the browser next to
# npm jose (WebCrypto), in a second build whose worker has the benchmark's handlers (cargo
# feature `bench`, never in dist/). Prints tables; writes bench-results/decoder.json,
# trace.json and core.json.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
setup_browser
cd "$ROOT"
step "Core verification time per algorithm (native, tokens made by Node's crypto)"
node tests/interop/sign.mjs | cargo bench --bench verify 2>/dev/null
step "Building the release"
trunk build --release 2>&1 | tail -n 1
step "Measuring in headless Chromium (BENCH_RUNS=${BENCH_RUNS:-15} runs each)"
node e2e/bench.mjs
step "Where the time goes: token and key pasted together, traced (TRACE_RUNS=${TRACE_RUNS:-30})"
node e2e/bench-trace.mjs
step "Building the release with the benchmark's handlers in the worker (feature bench) into target/dist-bench"
trunk build --release --features bench --dist target/dist-bench 2>&1 | tail -n 1
step "Core operations in the browser, side by side with npm jose (BENCH_ROUNDS=${BENCH_ROUNDS:-7})"
BENCH_DIST=target/dist-bench node e2e/bench-core.mjs
