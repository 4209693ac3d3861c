//! The shape ARCHITECTURE.md promises, read from the source text: no import cycle among the
//! modules of `src/` (nor among the core's top-level modules), no `Result<_, String>` in
//! the core, and no algorithm name written outside the algorithm table (`src/jwt/alg.rs`)
//! but in tests. Each check is also run on a small made-up tree it must fail on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, with its text up to its `#[cfg(test)] mod tests`.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a readable source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("UTF-8 source");
                out.push((path, code_only(&text)));
            }
        }
    }
    out.sort();
    out
}

/// The text without its unit tests and without comments.
fn code_only(text: &str) -> String {
    // The unit tests: `#[cfg(test)]` over a line declaring `mod tests` (of any visibility).
    let tests = text.match_indices("#[cfg(test)]\n").map(|(i, _)| i).find(|&i| {
        let next = &text[i + "#[cfg(test)]\n".len()..];
        next.lines().next().is_some_and(|l| l.contains("mod tests"))
    });
    let text = tests.map_or(text, |i| &text[..i]);
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal ("https://…") is kept: only lines whose
            // comment starts before any quote lose it.
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file's module path below `src/` (`jwt::jws::verify`; `crate` for lib.rs).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("below src").with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        return "crate".into();
    }
    parts.join("::")
}

/// The module paths a file names through `crate::` and `super::` (groups expanded one
/// level: `crate::jwt::{jwk, jws::sign}`).
fn references(module: &str, text: &str) -> BTreeSet<String> {
    let parent = |m: &str| m.rsplit_once("::").map_or(String::new(), |(p, _)| p.to_string());
    // `super` in a `mod.rs` or a leaf file both mean the module's parent. (Inside an inline
    // module it means the file's module: such a path is read as the parent's, which can
    // only add an edge, never hide one.)
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    for (base, prefix) in [("crate::", String::new()), ("super::", parent(module))] {
        let mut from = 0;
        while let Some(i) = text[from..].find(base) {
            let start = from + i;
            from = start + base.len();
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            let rest = &text[from..];
            let path: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            let join = |p: &str| if prefix.is_empty() { p.to_string() } else { format!("{prefix}::{p}") };
            let head = path.trim_end_matches(':');
            if rest[path.len()..].starts_with('{') {
                let group = &rest[path.len() + 1..];
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let item = item.trim().split(" as ").next().unwrap_or("").trim();
                    if !item.is_empty() {
                        out.insert(join(&if head.is_empty() { item.to_string() } else { format!("{head}::{item}") }));
                    }
                }
            } else if !head.is_empty() {
                out.insert(join(head));
            }
        }
    }
    out
}

/// The module graph: each module to the modules it names (resolved to the longest known
/// module prefix), leaving out a module's own ancestors and descendants.
fn graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<&str> = files.iter().map(|(m, _)| m.as_str()).collect();
    let resolve = |p: &str| {
        let parts: Vec<&str> = p.split("::").collect();
        (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|c| known.contains(c.as_str()))
    };
    let related = |a: &str, b: &str| a == b || b.starts_with(&format!("{a}::")) || a.starts_with(&format!("{b}::"));
    let mut g = BTreeMap::new();
    for (m, text) in files {
        let deps = references(m, text)
            .iter()
            .filter_map(|p| resolve(p))
            .filter(|d| !related(d, m) && m != "crate" && d != "crate")
            .collect();
        g.insert(m.clone(), deps);
    }
    g
}

/// The graph with every module cut to its first `depth` path segments.
fn coarse(g: &BTreeMap<String, BTreeSet<String>>, depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let cut = |m: &str| m.split("::").take(depth).collect::<Vec<_>>().join("::");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, deps) in g {
        let entry = out.entry(cut(m)).or_default();
        entry.extend(deps.iter().map(|d| cut(d)).filter(|d| *d != cut(m)));
    }
    out
}

/// A cycle in the graph, if there is one (as the list of its modules).
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        g: &BTreeMap<String, BTreeSet<String>>,
        m: &str,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(m) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let at = path.iter().position(|p| p == m).unwrap_or(0);
                return Some(path[at..].to_vec());
            }
            None => {}
        }
        marks.insert(m.to_string(), Mark::Open);
        path.push(m.to_string());
        for d in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(g, d, marks, path) {
                return Some(c);
            }
        }
        path.pop();
        marks.insert(m.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    g.keys().find_map(|m| visit(g, m, &mut marks, &mut Vec::new()))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn modules() -> Vec<(String, String)> {
    let src = src();
    sources(&src)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(src.join("bin")))
        .map(|(p, text)| (module_of(&src, &p), text))
        .collect()
}

#[test]
fn no_import_cycle_in_src() {
    let g = graph(&modules());
    assert!(g.len() > 40, "the source tree was read: {} modules", g.len());
    assert_eq!(cycle(&g), None, "a cycle among the files of src/");
    assert_eq!(cycle(&coarse(&g, 2)), None, "a cycle among the core's and the UI's top-level modules");
}

#[test]
fn the_cycle_check_finds_cycles() {
    let files = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(m, t)| (m.to_string(), t.to_string())).collect()
    };
    // Through a grouped import and `super::`.
    let g = graph(&files(&[
        ("jwt::a", "use crate::jwt::{b, c::x};"),
        ("jwt::b", "fn f() { super::a::g() }"),
        ("jwt::c", ""),
    ]));
    assert_eq!(cycle(&g), Some(vec!["jwt::a".to_string(), "jwt::b".to_string()]));
    // Between two folders, through their files only.
    let g = graph(&files(&[
        ("jwt::x", ""),
        ("jwt::x::one", "use crate::jwt::y::two;"),
        ("jwt::y", ""),
        ("jwt::y::two", "use crate::jwt::x::one::Thing;"),
        ("jwt::z", "use crate::jwt::x;"),
    ]));
    assert!(cycle(&g).is_some());
    let g = graph(&files(&[
        ("jwt::x", ""),
        ("jwt::x::one", "use crate::jwt::y;"),
        ("jwt::y", ""),
        ("jwt::y::two", "use crate::jwt::x;"),
    ]));
    assert_eq!(cycle(&g), None, "no cycle between the files");
    assert!(cycle(&coarse(&g, 2)).is_some(), "but one between the folders");
    // A module's own children and parent do not count.
    let g = graph(&files(&[("jwt::x", "use self::one; use crate::jwt::x::one;"), ("jwt::x::one", "use super::X;")]));
    assert_eq!(cycle(&g), None);
}

/// Lines of the core's code (tests left out) that return or hold a `Result<_, String>`.
fn string_errors(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (m, text) in files {
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("Result<") {
                rest = &rest[i + "Result<".len()..];
                // The type's own arguments: up to the `>` that closes this `Result<`.
                let mut depth = 1;
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '<' => 1,
                            '>' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map_or(rest.len(), |(i, _)| i);
                let args = &rest[..end];
                let mut depth = 0;
                let split = args.char_indices().rev().find(|&(_, c)| {
                    depth += match c {
                        '>' | ')' => 1,
                        '<' | '(' => -1,
                        _ => 0,
                    };
                    c == ',' && depth == 0
                });
                if let Some((i, _)) = split
                    && args[i + 1..].trim() == "String"
                {
                    found.push(format!("{m}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn no_string_errors_in_the_core() {
    let core: Vec<_> = modules().into_iter().filter(|(m, _)| m.starts_with("jwt")).collect();
    assert!(core.len() > 30);
    assert_eq!(string_errors(&core), Vec::<String>::new());
    // The check itself.
    let made_up = vec![(
        "jwt::m".to_string(),
        "fn a() -> Result<(), String> {}\nfn b() -> Option<Result<Vec<u8>, String>> {}\nfn c() -> Result<String, E> {}\nfn d() -> Result<(u8, String), E> {}".to_string(),
    )];
    assert_eq!(string_errors(&made_up).len(), 2, "{:?}", string_errors(&made_up));
}

/// Every algorithm name the table knows (`JwsAlg`, `KeyManagement`, `ContentEncryption`),
/// written as a string literal outside `alg.rs`, in code (tests left out). "Ed25519" and
/// "Ed448" are also curve names (`crv`), which the JWK reader reads: they are not counted.
fn algorithm_literals(files: &[(String, String)]) -> Vec<String> {
    use jwt_lens::jwt::alg::{ContentEncryption, JwsAlg, KeyManagement};
    let names: Vec<&str> = JwsAlg::ALL
        .iter()
        .map(|a| a.name())
        .chain(KeyManagement::ALL.iter().map(|a| a.name()))
        .chain(ContentEncryption::ALL.iter().map(|a| a.name()))
        .filter(|n| !matches!(*n, "Ed25519" | "Ed448"))
        .collect();
    assert!(names.len() > 30 && names.contains(&"none") && names.contains(&"A256GCM"));
    let mut found = Vec::new();
    for (m, text) in files.iter().filter(|(m, _)| m != "jwt::alg") {
        for (n, line) in text.lines().enumerate() {
            for name in &names {
                if line.contains(&format!("\"{name}\"")) {
                    found.push(format!("{m}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn algorithm_names_live_in_the_table() {
    let all = modules();
    // The gallery's note writes "none" for an example without warnings: not an algorithm.
    let found: Vec<String> =
        algorithm_literals(&all).into_iter().filter(|l| !l.contains("\"none\".to_string()")).collect();
    assert_eq!(found, Vec::<String>::new(), "algorithm names outside src/jwt/alg.rs");
    let made_up = vec![
        ("jwt::alg".to_string(), "\"HS256\" => Hs256,".to_string()),
        ("jwt::m".to_string(), "if alg == \"RS256\" {}".to_string()),
    ];
    assert_eq!(algorithm_literals(&made_up).len(), 1);
}
