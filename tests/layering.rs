//! The dependency direction holds: the domain, crypto and storage layers know nothing of
//! terminals or the command line, and the domain does no I/O.
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn sources(under: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.join(under)];
    let file = root.join(format!("{under}.rs"));
    if file.is_file() {
        out.push((file.display().to_string(), std::fs::read_to_string(&file).unwrap()));
    }
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out
}

#[test]
fn core_layers_do_not_know_the_ui() {
    for layer in ["domain", "crypto", "store"] {
        let files = sources(layer);
        assert!(!files.is_empty(), "no sources for {layer}");
        for (name, text) in files {
            for banned in
                ["ratatui", "crossterm", "clap", "crate::cli", "crate::tui", "println!", "eprintln!"]
            {
                assert!(!text.contains(banned), "{name} mentions {banned}");
            }
        }
    }
}

#[test]
fn domain_does_no_io() {
    for (name, text) in sources("domain") {
        for banned in
            ["std::fs", "std::io", "std::env", "std::process", "crate::store", "crate::crypto", "sled"]
        {
            assert!(!text.contains(banned), "{name} mentions {banned}");
        }
    }
}

/// Every top-level module, lowest layer first. A module may use only modules of a lower
/// rank: no arrow runs back up (the UI never calls the command line, storage never the
/// sharing layer), so there is no import cycle between these modules.
const LAYERS: &[(&str, u8)] = &[
    ("safe", 0),
    ("hardening", 0),
    ("domain", 0),
    ("crypto", 0),
    ("stats", 0),
    ("i18n", 1),
    ("clock", 1),
    ("par", 1),
    ("privacy", 1),
    ("store", 2),
    ("present", 2),
    ("audit", 3),
    ("retention", 4),
    ("backups", 4),
    ("share", 4),
    ("publish", 5),
    ("report", 6),
    ("export", 6),
    ("error", 7),
    ("tui", 8),
    ("cli", 9),
];

/// The top-level modules a source text names as `crate::x`, including `crate::{x, y}`.
fn uses(text: &str) -> Vec<String> {
    let code: String =
        text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                let name: String =
                    part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.push(name);
            }
        } else {
            out.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

#[test]
fn every_layer_uses_only_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Every module of lib.rs is in the table, so a new module must be placed in it.
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines().filter_map(|l| l.strip_prefix("pub mod ")) {
        let name = line.trim_end_matches(';');
        assert!(LAYERS.iter().any(|(m, _)| *m == name), "module {name} has no layer in LAYERS");
    }
    let rank = |m: &str| LAYERS.iter().find(|(n, _)| *n == m).map(|(_, r)| *r);
    for (module, r) in LAYERS {
        let files = sources(module);
        assert!(!files.is_empty(), "no sources for {module}");
        for (name, text) in files {
            for used in uses(&text) {
                if used == *module {
                    continue;
                }
                let Some(u) = rank(&used) else { panic!("{name} uses unknown module crate::{used}") };
                assert!(u < *r, "{name} ({module}, layer {r}) uses crate::{used} (layer {u})");
            }
        }
    }
}

#[test]
fn the_layer_check_sees_grouped_and_plain_paths() {
    let text = "use crate::{store::Vault, share};\n// crate::cli in a comment\nlet x = crate::tui::run();";
    assert_eq!(uses(text), ["store", "share", "tui"]);
}

/// Every source file as its module path (`tui::app::results`) and its code without comments
/// and without its `#[cfg(test)] mod tests` part.
fn modules() -> std::collections::BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(&src).unwrap().with_extension("");
                let name = rel.to_string_lossy().replace('/', "::");
                let name = if name == "lib" || name == "main" { String::new() } else { name };
                let text = std::fs::read_to_string(&p).unwrap();
                let code: String =
                    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
                let code = code.split("#[cfg(test)]\nmod tests").next().unwrap_or("").to_string();
                out.insert(name, code);
            }
        }
    }
    out
}

/// The files a module's code refers to through `crate::` or `super::` paths.
fn file_edges(name: &str, code: &str, all: &std::collections::BTreeMap<String, String>) -> Vec<String> {
    let here: Vec<&str> = if name.is_empty() { vec![] } else { name.split("::").collect() };
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut found = Vec::new();
    for (kw, base) in [("crate::", Vec::new()), ("super::", here[..here.len().saturating_sub(1)].to_vec())] {
        for (i, _) in code.match_indices(kw) {
            if i > 0 && code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut path: Vec<String> = base.iter().map(|s| s.to_string()).collect();
            let mut rest = &code[i + kw.len()..];
            while let Some(r) = rest.strip_prefix("super::") {
                path.pop();
                rest = r;
            }
            // One path, or each path of a `{a::b, c}` group.
            let tails: Vec<String> = match rest.strip_prefix('{') {
                Some(g) => {
                    g[..g.find('}').unwrap_or(g.len())].split(',').map(|t| t.trim().to_string()).collect()
                }
                None => vec![rest.to_string()],
            };
            for tail in tails {
                let mut full = path.clone();
                for seg in tail.split("::") {
                    let s = ident(seg);
                    if s.is_empty() {
                        break;
                    }
                    full.push(s);
                }
                // The longest prefix that is a file.
                while !full.is_empty() {
                    let m = full.join("::");
                    if all.contains_key(&m) {
                        if m != name {
                            found.push(m);
                        }
                        break;
                    }
                    full.pop();
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// No two source files depend on each other, directly or around a loop: the import graph
/// between files is acyclic, so each file can be read and changed knowing only those below.
#[test]
fn no_import_cycle_between_files() {
    let all = modules();
    let edges: std::collections::BTreeMap<&String, Vec<String>> =
        all.iter().map(|(n, code)| (n, file_edges(n, code, &all))).collect();
    // Depth-first search for a back edge.
    fn visit<'a>(
        n: &'a String,
        edges: &'a std::collections::BTreeMap<&'a String, Vec<String>>,
        state: &mut std::collections::HashMap<&'a String, u8>,
        path: &mut Vec<&'a String>,
    ) {
        state.insert(n, 1);
        path.push(n);
        for m in &edges[n] {
            let (key, _) = edges.get_key_value(m).unwrap();
            match state.get(*key) {
                Some(1) => {
                    let start = path.iter().position(|p| *p == m).unwrap();
                    let cycle: Vec<&str> = path[start..].iter().map(|s| s.as_str()).collect();
                    panic!("import cycle: {} -> {m}", cycle.join(" -> "));
                }
                Some(_) => {}
                None => visit(key, edges, state, path),
            }
        }
        path.pop();
        state.insert(n, 2);
    }
    let mut state = std::collections::HashMap::new();
    for n in edges.keys() {
        if !state.contains_key(n) {
            visit(n, &edges, &mut state, &mut Vec::new());
        }
    }
}

#[test]
fn the_cycle_check_resolves_paths_to_files() {
    let mut all = std::collections::BTreeMap::new();
    for m in ["tui", "tui::app", "tui::app::results", "store", "store::vault"] {
        all.insert(m.to_string(), String::new());
    }
    let code = "use super::{App, Screen};\nuse crate::store::vault::Vault;\nuse super::super::Options;";
    assert_eq!(file_edges("tui::app::results", code, &all), ["store::vault", "tui", "tui::app"]);
}
