#!/usr/bin/env bash
# Runs every test: formatting and lints (rustfmt, clippy with warnings as errors, native and
# both wasm builds), the post-build hook's unit tests (Python), native core tests (unit, vectors, interop, property tests), a short
# cargo-fuzz smoke pass of every fuzz target (when the machine has a nightly toolchain),
# component tests in headless Chromium (wasm-bindgen-test), the release build, and the
# Playwright suite against dist/ served on 127.0.0.1 (Python, and nginx at a sub-path).
# Installs whatever is missing first. Every step runs even when an earlier one failed; the
# run ends with one line "tests: N passed, N failed" (naming the failed steps, if any) and
# exits non-zero if any step failed (a lint, a test, a fuzz crash, the build).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build
setup_lint
setup_browser
setup_python
cd "$ROOT"
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"

# The titles of the steps that failed, in order.
FAILED_STEPS=()
STEPS=0
# run_step TITLE COMMAND...: announces the step and runs it; a failure is noted and the run
# goes on. (errexit does not apply inside a command whose status is tested, so a step of
# several commands chains them with &&.)
run_step() {
  local title="$1"
  shift
  STEPS=$((STEPS + 1))
  step "$title"
  if ! "$@"; then
    FAILED_STEPS+=("$title")
    printf '\033[1;31m==> failed: %s\033[0m\n' "$title"
  fi
}
# Whether the step of that title failed.
step_failed() {
  local s
  for s in "${FAILED_STEPS[@]}"; do [ "$s" = "$1" ] && return 0; done
  return 1
}

WASM=(--target wasm32-unknown-unknown)
lint_native() { cargo clippy --all-targets --locked -- -D warnings; }
lint_page() { cargo clippy --locked "${WASM[@]}" --no-default-features --features ui --bins -- -D warnings; }
lint_worker() {
  # The worker, its entry point and the browser tests; then once more with the benchmark's
  # handlers (feature `bench`), which no release build compiles.
  cargo clippy --locked "${WASM[@]}" --features ui --test web --bins -- -D warnings \
    && cargo clippy --locked "${WASM[@]}" --features bench --bins -- -D warnings
}
native_tests() { cargo test --locked 2>&1 | tee "$LOGS/native.log"; }
fuzz_smoke() { ./scripts/fuzz.sh 10 2>&1 | tee "$LOGS/fuzz.log"; }
wasm_tests() { cargo test --locked "${WASM[@]}" --features ui --test web 2>&1 | tee "$LOGS/wasm.log"; }
release_build() { trunk build --release 2>&1 | tail -n 5; }
e2e_tests() {
  if step_failed "$BUILD"; then
    echo "skipped: the release build failed, and dist/ would be an older build" | tee "$LOGS/e2e.log"
    return 1
  fi
  npx playwright test -c e2e/playwright.config.mjs 2>&1 | tee "$LOGS/e2e.log"
}
BUILD="Release build (trunk build --release)"

# A step that cannot run must not leave an older run's log to be counted.
rm -f "$LOGS/native.log" "$LOGS/fuzz.log" "$LOGS/wasm.log" "$LOGS/e2e.log"

run_step "Formatting (cargo fmt --check)" cargo fmt --check
run_step "Post-build hook tests (python3 -m unittest scripts/test_postbuild.py)" python3 -m unittest discover -s scripts -p "test_*.py"
run_step "Lints, native: every target (cargo clippy -D warnings)" lint_native
run_step "Lints, the page's wasm (cargo clippy -D warnings)" lint_page
run_step "Lints, the worker's wasm and the browser tests (cargo clippy -D warnings)" lint_worker
run_step "Native tests: the core (cargo test)" native_tests
run_step "Fuzzing smoke pass (cargo-fuzz, 10 s per target; ./scripts/fuzz.sh for long runs)" fuzz_smoke
run_step "Component tests in headless Chromium (wasm-bindgen-test)" wasm_tests
run_step "$BUILD" release_build
run_step "End-to-end tests against dist/ (Playwright, Debian's Chromium)" e2e_tests

# One closing line over all runners.
touch "$LOGS/native.log" "$LOGS/fuzz.log" "$LOGS/wasm.log" "$LOGS/e2e.log"
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
summary="tests: $((passed + ${e2e_passed:-0} + fuzz_passed)) passed, $((failed + ${e2e_failed:-0} + fuzz_failed)) failed"
echo
if [ ${#FAILED_STEPS[@]} -eq 0 ]; then
  echo "$summary"
  exit 0
fi
failed_list=$(printf '%s; ' "${FAILED_STEPS[@]}")
echo "$summary; ${#FAILED_STEPS[@]} of $STEPS steps failed: ${failed_list%; }"
exit 1
