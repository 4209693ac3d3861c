#!/usr/bin/env bash
# Installs what building and testing JWT Lens needs, skipping whatever is already there.
# Sourced by serve.sh, test.sh and bench.sh. Every tool comes from a package registry
# (crates.io, npm, Debian); nothing is downloaded from anywhere else, and Trunk is told
# never to download (Trunk.toml: offline = true, pinned tool versions).
#
#   setup_build    wasm target, trunk, wasm-bindgen-cli (version from Cargo.lock), npm packages
#   setup_lint     the toolchain's clippy and rustfmt components
#   setup_browser  Debian's chromium and chromedriver, openssl, nginx
#   setup_fuzz     cargo-fuzz (crates.io), given the machine's nightly toolchain
#   setup_python   a venv at target/pyenv with the Python SD-JWT reference implementation (PyPI)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.22.1"
export TRUNK_SKIP_VERSION_CHECK=true
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

wasm_bindgen_version() {
  # The version Cargo.lock pins; wasm-bindgen-cli must match it exactly.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

setup_build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "Installing trunk $TRUNK_VERSION from crates.io (about 9 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
  fi

  local wb
  wb="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
    step "Installing wasm-bindgen-cli $wb from crates.io (about 3 minutes)"
    # Its own lock file can name a crate version the registry no longer serves: fall back.
    cargo install wasm-bindgen-cli --version "$wb" --locked || cargo install wasm-bindgen-cli --version "$wb"
  fi

  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    step "Installing npm packages from package-lock.json (wasm-opt, Playwright)"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi

  step "Fetching crates"
  (cd "$ROOT" && cargo fetch --locked --quiet)
}

# The lints of the test command: rustup adds the components of the toolchain in use, as it
# adds the wasm target.
setup_lint() {
  local c installed
  installed="$(rustup component list --installed)"
  for c in clippy rustfmt; do
    if ! grep -q "^$c-" <<<"$installed"; then
      step "Adding the $c component"
      rustup component add "$c"
    fi
  done
}

CARGO_FUZZ_VERSION="0.13.2"

# Fuzzing needs a nightly toolchain (sanitizers, libFuzzer). This machine image has one;
# rustup would download another from outside the package registries, so it is never
# installed here: without it, fuzzing says so and is skipped.
have_nightly() {
  rustup toolchain list 2>/dev/null | grep -q '^nightly'
}

setup_fuzz() {
  if ! have_nightly; then
    step "No nightly toolchain on this machine: fuzzing is skipped"
    return 1
  fi
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
    step "Installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io (about 2 minutes)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
}

setup_browser() {
  # openssl makes the test certificates of the interop suite; nginx and Caddy serve dist/
  # through the documented configurations (deploy/) in the end-to-end tests.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v openssl >/dev/null \
    || ! { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } || ! command -v caddy >/dev/null; then
    step "Installing chromium, chromium-driver, openssl, nginx-light and caddy from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver openssl nginx-light caddy
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
}

# The venv of the SD-JWT interop test (tests/sd_interop.rs runs tests/interop/sdjwt.py with
# its interpreter): the packages of tests/interop/requirements.txt, pinned exactly, from PyPI.
# A copy of that file in the venv records what was installed; the venv is made anew when the
# file changes. `python3 -m venv` needs ensurepip, which Debian ships in python3-venv.
PYENV="$ROOT/target/pyenv"
setup_python() {
  local requirements="$ROOT/tests/interop/requirements.txt"
  if [ -x "$PYENV/bin/python" ] && cmp -s "$requirements" "$PYENV/requirements.txt"; then
    return 0
  fi
  if ! command -v python3 >/dev/null || ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    step "Installing python3 and python3-venv from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3 python3-venv
  fi
  step "Making the Python venv target/pyenv (sd-jwt, the SD-JWT reference implementation, from PyPI)"
  rm -rf "$PYENV"
  python3 -m venv "$PYENV"
  "$PYENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
  cp "$requirements" "$PYENV/requirements.txt"
}
