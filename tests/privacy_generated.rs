//! Scores the detector on a corpus generated from public generators (Faker locales and
//! hand-written per-origin name lists, `tests/tools/generate_corpus.py`, seeded), which the
//! detector was not tuned on: the honest figures of `docs/anonymisation.md`.
//!
//! Span-overlap scoring: a finding is a hit when it overlaps an expected span of the same
//! kind on the same line (each expected span matched once). Recall per kind, per name origin
//! and for lower-case lines; precision over all findings; the share of clean lines flagged.

use std::collections::BTreeMap;

use consultlog::privacy::{Kind, detect};
use serde::Deserialize;

const GENERATED: &str = include_str!("data/privacy_generated.jsonl");

#[derive(Deserialize)]
struct Expected {
    kind: Kind,
    start: usize,
    end: usize,
    origin: Option<String>,
}

#[derive(Deserialize)]
struct Line {
    text: String,
    lower: bool,
    expected: Vec<Expected>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    expected: usize,
    hits: usize,
}

impl Tally {
    fn recall(self) -> f64 {
        if self.expected == 0 { 1.0 } else { self.hits as f64 / self.expected as f64 }
    }
}

#[derive(Default)]
struct Scores {
    per_kind: BTreeMap<&'static str, Tally>,
    per_origin: BTreeMap<String, Tally>,
    lower_names: Tally,
    found: usize,
    true_found: usize,
    clean: usize,
    clean_flagged: usize,
}

fn score() -> Scores {
    let mut s = Scores::default();
    let mut misses = Vec::new();
    for raw in GENERATED.lines().filter(|l| !l.trim().is_empty()) {
        let line: Line = serde_json::from_str(raw).expect("generated line parses");
        let found = detect(&line.text);
        if line.expected.is_empty() {
            s.clean += 1;
            s.clean_flagged += usize::from(!found.is_empty());
        }
        let mut used = vec![false; line.expected.len()];
        for f in &found {
            s.found += 1;
            let hit = line
                .expected
                .iter()
                .enumerate()
                .position(|(i, e)| !used[i] && e.kind == f.kind && f.start < e.end && e.start < f.end);
            match hit {
                Some(i) => {
                    used[i] = true;
                    s.true_found += 1;
                }
                None => misses.push(format!("FP   {:<15} {:?}   in: {}", f.kind.id(), f.text, line.text)),
            }
        }
        for (e, hit) in line.expected.iter().zip(&used) {
            let bump = |t: &mut Tally| {
                t.expected += 1;
                t.hits += usize::from(*hit);
            };
            bump(s.per_kind.entry(e.kind.id()).or_default());
            if let Some(o) = &e.origin {
                bump(s.per_origin.entry(o.clone()).or_default());
                if line.lower {
                    bump(&mut s.lower_names);
                }
            }
            if !hit {
                misses.push(format!(
                    "MISS {:<15} {:?}   in: {}",
                    e.kind.id(),
                    &line.text[e.start..e.end],
                    line.text
                ));
            }
        }
    }
    for (k, t) in &s.per_kind {
        println!("kind   {k:<16} {:>5} expected  recall {:.3}", t.expected, t.recall());
    }
    for (o, t) in &s.per_origin {
        println!("origin {o:<16} {:>5} expected  recall {:.3}", t.expected, t.recall());
    }
    println!(
        "names in lower-case lines: {} expected, recall {:.3}",
        s.lower_names.expected,
        s.lower_names.recall()
    );
    println!("precision {:.3} ({}/{})", s.true_found as f64 / s.found.max(1) as f64, s.true_found, s.found);
    println!("clean lines flagged {}/{}", s.clean_flagged, s.clean);
    for m in misses.iter().take(400) {
        println!("{m}");
    }
    s
}

#[test]
fn generated_corpus_meets_the_targets() {
    let s = score();
    let names = s.per_kind.get(Kind::Name.id()).copied().unwrap_or_default();
    assert!(names.expected > 500, "the corpus has names");
    assert!(names.recall() >= 0.90, "name recall {:.3}", names.recall());
    for (o, t) in &s.per_origin {
        assert!(t.recall() >= 0.80, "name recall for {o}: {:.3}", t.recall());
    }
    assert!(s.lower_names.recall() >= 0.80, "lower-case name recall {:.3}", s.lower_names.recall());
    for (k, t) in &s.per_kind {
        if *k != Kind::Name.id() {
            assert!(t.recall() >= 0.95, "recall for {k}: {:.3}", t.recall());
        }
    }
    for k in Kind::ALL {
        if ![Kind::Address].contains(&k) {
            assert!(s.per_kind.contains_key(k.id()), "{} occurs in the generated corpus", k.id());
        }
    }
    let precision = s.true_found as f64 / s.found.max(1) as f64;
    assert!(precision >= 0.95, "precision {precision:.3}");
    let clean_rate = s.clean_flagged as f64 / s.clean.max(1) as f64;
    assert!(clean_rate <= 0.02, "clean lines flagged {clean_rate:.3}");
}
