#!/usr/bin/env bash
# Runs every test: native core tests (unit, vectors, interop, property tests), a short
# cargo-fuzz smoke pass of every fuzz target (when the machine has a nightly toolchain),
# component tests in headless Chromium (wasm-bindgen-test), the release build, and the
# Playwright suite against dist/ served on 127.0.0.1 (Python, and nginx at a sub-path).
# Installs whatever is missing first. Ends with one line "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
setup_browser
cd "$ROOT"
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"

step "Native tests: the core (cargo test)"
cargo test --locked 2>&1 | tee "$LOGS/native.log"

step "Fuzzing smoke pass (cargo-fuzz, 10 s per target; ./scripts/fuzz.sh for long runs)"
./scripts/fuzz.sh 10 2>&1 | tee "$LOGS/fuzz.log" || true

step "Component tests in headless Chromium (wasm-bindgen-test)"
cargo test --locked --target wasm32-unknown-unknown --features ui --test web 2>&1 | tee "$LOGS/wasm.log"

step "Release build (trunk build --release)"
trunk build --release 2>&1 | tail -n 5

step "End-to-end tests against dist/ (Playwright, Debian's Chromium)"
npx playwright test -c e2e/playwright.config.mjs 2>&1 | tee "$LOGS/e2e.log"

# One closing line over all runners.
sum_cargo() { # column 1 = passed, 2 = failed, over every "test result:" line
  cat "$LOGS/native.log" "$LOGS/wasm.log" \
    | awk -v col="$1" '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/ && col == 1) s += $(i-1); if ($i ~ /^failed;?$/ && col == 2) s += $(i-1) } } END { print s + 0 }'
}
passed=$(sum_cargo 1)
failed=$(sum_cargo 2)
e2e_passed=$(sed -n 's/^ *\([0-9]*\) passed.*/\1/p' "$LOGS/e2e.log" | tail -n 1)
e2e_failed=$(sed -n 's/^ *\([0-9]*\) failed.*/\1/p' "$LOGS/e2e.log" | tail -n 1)
# Each fuzz target that ran without a crash counts as a passed test, each crash as a failure.
fuzz_passed=$(grep -c '^fuzz .*: no crash' "$LOGS/fuzz.log" || true)
fuzz_failed=$(grep -c '^fuzz .*: CRASHED' "$LOGS/fuzz.log" || true)
echo
echo "tests: $((passed + ${e2e_passed:-0} + fuzz_passed)) passed, $((failed + ${e2e_failed:-0} + fuzz_failed)) failed"
