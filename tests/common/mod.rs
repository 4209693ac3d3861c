//! Helpers shared by the integration tests (each test file includes this module with
//! `mod common;`, and uses what it needs).
#![allow(dead_code)]

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jwt_lens::jwt::json::{self, Node, Value};

/// Runs a node script of tests/interop with arguments and some input and returns its
/// standard output; fails the test, rather than hanging CI, if node takes more than two
/// minutes. Needs `node` on the PATH (scripts/test.sh makes sure of it).
pub fn node(script: &str, args: &[&str], input: &str) -> String {
    run_script("node", script, args, input)
}

/// Runs a Python script of tests/interop with the interpreter of the venv at target/pyenv
/// (scripts/setup.sh's `setup_python` makes it, with the packages of
/// tests/interop/requirements.txt), as [`node`] runs a node script.
pub fn python(script: &str, args: &[&str], input: &str) -> String {
    let interpreter = format!("{}/target/pyenv/bin/python", env!("CARGO_MANIFEST_DIR"));
    assert!(
        std::path::Path::new(&interpreter).exists(),
        "{interpreter} is missing: run `source scripts/setup.sh && setup_python` (scripts/test.sh does)"
    );
    run_script(&interpreter, script, args, input)
}

/// Runs `program` on a script of tests/interop (two minutes at most), its output as text.
fn run_script(program: &str, script: &str, args: &[&str], input: &str) -> String {
    let path = format!("{}/tests/interop/{script}", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new(program)
        .arg(&path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program} {path}: {e}"));
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the script") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{program} {path} did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    let out = reader.join().expect("reader thread").expect("script output");
    assert!(status.success(), "{program} {path} failed: {status}");
    out
}

/// Bytes from hex text (Wycheproof's encoding).
pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

/// A Wycheproof file of tests/data/wycheproof: its text and its parsed document.
pub fn wycheproof(file: &str) -> (String, json::Document) {
    let path = format!("{}/tests/data/wycheproof/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = json::parse(&text).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    (text, doc)
}

/// The items of a JSON array (none for anything else).
pub fn items(node: &Node) -> &[Node] {
    match &node.value {
        Value::Array(items) => items,
        _ => &[],
    }
}

/// A string member, or "".
pub fn text<'a>(node: &'a Node, key: &str) -> &'a str {
    node.get(key).and_then(Node::as_str).unwrap_or_default()
}

/// Runs the openssl tool and returns its standard output.
pub fn openssl(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run openssl {args:?}: {e}"));
    child.stdin.take().expect("stdin").write_all(input).expect("write to openssl");
    let out = child.wait_with_output().expect("openssl output");
    assert!(out.status.success(), "openssl {args:?} failed: {}", out.status);
    out.stdout
}
