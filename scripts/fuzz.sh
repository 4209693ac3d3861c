#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer, nightly): every target in fuzz/, each for
# SECONDS (default 600), starting from the committed seeds (fuzz/seeds/TARGET) and the
# growing corpus (fuzz/corpus/TARGET, not committed). Prints executions and crashes per
# target; exits non-zero if any target crashed (the input is kept in fuzz/artifacts/).
#   ./scripts/fuzz.sh [SECONDS] [TARGET...]
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_fuzz || exit 0
cd "$ROOT/fuzz"
SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(decode json keys jwe verify teach sd)
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t"
  step "Fuzzing $t for ${SECONDS_EACH}s"
  log="$ROOT/target/fuzz-$t-${SECONDS_EACH}s.log"
  mkdir -p "$ROOT/target"
  if cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=4096 >"$log" 2>&1; then
    result="no crash"
  else
    result="CRASHED (see $log and fuzz/artifacts/$t/)"
    status=1
  fi
  stats=$(grep -E "^(#[0-9]+|Done [0-9]+ runs)" "$log" | tail -n 1)
  echo "fuzz $t: $result; $stats; corpus $(ls "corpus/$t" | wc -l) inputs"
done
exit $status
