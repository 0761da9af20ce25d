//! Compiles the large word lists under `data/` (built by `tools/build_lexicon.py`) into one
//! FST map, `lexicon.fst` in OUT_DIR, which `src/privacy/lexicon.rs` includes as bytes and
//! reads in place: no parsing or hashing at start-up.
//!
//! Key: the folded word (as `fold_into` folds it at run time). Value: bit flags
//! 1 = first name, 2 = surname, 4 = Dutch word, 8 = capitalised entry of the Dutch
//! word list (places, nationalities, brands, some names), 16 = English word (see `lexicon::big`).

use std::collections::BTreeMap;
use std::path::Path;

#[path = "src/privacy/fold.rs"]
#[allow(dead_code)]
mod fold;

const LISTS: &[(&str, u64)] = &[
    ("data/names/lexicon_first.txt", 1),
    ("data/names/lexicon_surnames.txt", 2),
    ("data/words/dutch.txt", 4),
    ("data/words/dutch_proper.txt", 8),
    ("data/words/english.txt", 16),
];

fn main() {
    let mut map: BTreeMap<String, u64> = BTreeMap::new();
    let mut buf = String::new();
    for (path, flag) in LISTS {
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            fold::fold_into(line, &mut buf);
            *map.entry(buf.clone()).or_default() |= flag;
        }
    }
    println!("cargo:rerun-if-changed=src/privacy/fold.rs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let bytes = fst::Map::from_iter(map).expect("keys are sorted and unique").into_fst().into_inner();
    std::fs::write(Path::new(&out).join("lexicon.fst"), bytes).expect("OUT_DIR is writable");
}
