//! Runs the detector over the fictional case-note corpus and checks recall per kind and
//! overall precision.
//!
//! Matching rule: a finding is a true positive when an expected span of the same kind has
//! exactly the same text on the same line (each expected span can be matched once). Partial
//! overlaps count twice against the detector: as a miss (recall) and as a false positive
//! (precision).

use std::collections::BTreeMap;

use consultlog::privacy::{Kind, detect};
use serde::Deserialize;

const CORPUS: &str = include_str!("data/privacy_corpus.jsonl");
/// Lines written after the detector, to see how it does on notes it was not built against.
const HOLDOUT: &str = include_str!("data/privacy_holdout.jsonl");

#[derive(Deserialize)]
struct Expected {
    kind: Kind,
    text: String,
}

#[derive(Deserialize)]
struct Line {
    text: String,
    expected: Vec<Expected>,
}

#[derive(Default)]
struct Counts {
    expected: usize,
    found: usize,
    hits: usize,
}

struct Report {
    lines: usize,
    per_kind: BTreeMap<Kind, Counts>,
    precision: f64,
}

fn evaluate(name: &str, corpus: &str) -> Report {
    let mut per_kind: BTreeMap<Kind, Counts> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut lines = 0;
    for (n, raw) in corpus.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let line: Line = serde_json::from_str(raw).unwrap_or_else(|e| panic!("corpus line {}: {e}", n + 1));
        lines += 1;
        let found = detect(&line.text);
        for f in &found {
            assert_eq!(&line.text[f.start..f.end], f.text, "offsets must match text");
        }
        let mut unmatched: Vec<&Expected> = line.expected.iter().collect();
        for e in &line.expected {
            per_kind.entry(e.kind).or_default().expected += 1;
        }
        for f in &found {
            let c = per_kind.entry(f.kind).or_default();
            c.found += 1;
            if let Some(pos) = unmatched.iter().position(|e| e.kind == f.kind && e.text == f.text) {
                unmatched.remove(pos);
                c.hits += 1;
            } else {
                problems.push(format!("FP  {:<16} {:?}   in: {}", f.kind.id(), f.text, line.text));
            }
        }
        for e in unmatched {
            problems.push(format!("MISS {:<15} {:?}   in: {}", e.kind.id(), e.text, line.text));
        }
    }

    println!("== {name}: {lines} lines\n");
    println!(
        "{:<16} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "kind", "expected", "found", "hits", "recall", "precision"
    );
    let (mut found, mut hits) = (0, 0);
    for k in Kind::ALL {
        let c = per_kind.get(&k).map_or((0, 0, 0), |c| (c.expected, c.found, c.hits));
        let recall = if c.0 == 0 { 1.0 } else { c.2 as f64 / c.0 as f64 };
        let precision = if c.1 == 0 { 1.0 } else { c.2 as f64 / c.1 as f64 };
        println!("{:<16} {:>8} {:>8} {:>8} {:>8.3} {:>9.3}", k.id(), c.0, c.1, c.2, recall, precision);
        found += c.1;
        hits += c.2;
    }
    let precision = hits as f64 / found.max(1) as f64;
    println!("\noverall precision {precision:.3} ({hits}/{found})");
    for p in &problems {
        println!("{p}");
    }
    println!();
    Report { lines, per_kind, precision }
}

#[test]
fn corpus_recall_and_precision() {
    let Report { lines, per_kind, precision } = evaluate("corpus", CORPUS);
    for k in Kind::ALL {
        let c = per_kind.get(&k).expect("every kind occurs in the corpus");
        let recall = c.hits as f64 / c.expected as f64;
        let floor = if k == Kind::Name { 0.85 } else { 0.97 };
        assert!(recall >= floor, "recall for {} is {recall:.3}, below {floor}", k.id());
    }
    assert!(precision >= 0.92, "overall precision {precision:.3} below 0.92");
    assert!(lines >= 200, "corpus has only {lines} lines");
}

/// The held-out lines are reported, with looser floors: they measure generalisation.
#[test]
fn holdout_recall_and_precision() {
    let r = evaluate("holdout", HOLDOUT);
    let (expected, hits) = r.per_kind.values().fold((0, 0), |(e, h), c| (e + c.expected, h + c.hits));
    let recall = hits as f64 / expected as f64;
    println!("holdout: overall recall {recall:.3}, precision {:.3}, {} lines", r.precision, r.lines);
    assert!(recall >= 0.85, "holdout recall {recall:.3}");
    assert!(r.precision >= 0.85, "holdout precision {:.3}", r.precision);
}
