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
