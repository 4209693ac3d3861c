#!/usr/bin/env bash
# A copy of dist/ whose page and verifier keep their Rust function names, for reading a
# profile: target/dist-names, for
#   TRACE_DIST=target/dist-names TRACE_SAMPLES=1 TRACE_NAMES=1 node e2e/bench-trace.mjs
# It reuses the release build's cargo output (run `trunk build --release` first): the
# page's wasm goes through wasm-bindgen again, and its imports get the short names
# postbuild.py gave the shipped glue (`rename_imports`); the verifier's wasm-bindgen output
# replaces dist's as it is. Without wasm-opt the wasm is larger and somewhat slower; the
# proportions hold. The copy's index.html loses its `integrity` attributes. Never shipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PAGE=target/wasm32-unknown-unknown/release/jwt-lens.wasm
VERIFIER=target/wasm32-unknown-unknown/worker/verifier.wasm
for f in "$PAGE" "$VERIFIER" dist/index.html; do
  [ -e "$f" ] || { echo "names-build: $f is missing: run trunk build --release first" >&2; exit 1; }
done
OUT=target/dist-names
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT"
cp -r dist "$OUT"
wasm-bindgen --target web --out-name jwt-lens --no-typescript --out-dir "$TMP/page" "$PAGE"
wasm-bindgen --target no-modules --out-name verifier --no-typescript --out-dir "$TMP/verifier" "$VERIFIER"
python3 - "$TMP/page" "$OUT" <<'PY'
import importlib.util, os, re, sys
spec = importlib.util.spec_from_file_location("postbuild", "scripts/postbuild.py")
pb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pb)
src, out = sys.argv[1], sys.argv[2]
_, names, prefixes = pb.page_imports(open(os.path.join(src, "jwt-lens.js")).read())
with open(os.path.join(src, "jwt-lens_bg.wasm"), "rb") as f:
    wasm, _ = pb.rename_imports(f.read(), "./jwt-lens_bg.js", names, lambda e: e.startswith(prefixes))
target = next(n for n in os.listdir(out) if re.fullmatch(r"jwt-lens-[0-9a-f]+_bg\.wasm", n))
with open(os.path.join(out, target), "wb") as f:
    f.write(wasm)
PY
cp "$TMP/verifier/verifier.js" "$TMP/verifier/verifier_bg.wasm" "$OUT/"
sed -i 's/ integrity="[^"]*"//g' "$OUT/index.html"
echo "names-build: $OUT"
