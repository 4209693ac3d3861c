// Starts the verifier worker (built by Trunk from src/bin/verifier.rs for wasm-bindgen's
// no-modules target). Same origin, relative paths: works under any sub-path.
importScripts("./verifier.js");
wasm_bindgen({ module_or_path: "./verifier_bg.wasm" });
