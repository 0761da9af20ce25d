//! Robustness: `detect` never panics and always returns sorted, disjoint spans on char
//! boundaries whose text matches the input, for arbitrary Unicode.

use consultlog::privacy::{Finding, detect, redact};
use proptest::prelude::*;

fn check(text: &str) -> Vec<Finding> {
    let found = detect(text);
    for f in &found {
        assert!(f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(&text[f.start..f.end], f.text);
        let redacted = redact(text, f);
        assert!(redacted.contains(f.kind.placeholder()));
    }
    assert!(found.windows(2).all(|w| w[0].end <= w[1].start), "sorted and disjoint");
    found
}

/// Fragments that look like personal data, so generated strings exercise the detectors,
/// glued to arbitrary Unicode.
const FRAGMENTS: &[&str] = &[
    "06-12345678",
    "+212 6 12 34 56 78",
    "123456782",
    "NL91ABNA0417164300",
    "3011 AB",
    "12-03-2009",
    "3 maart 2009",
    "Kerkstraat 12a",
    "mw. El Amrani",
    "haar oom hassan",
    "NXC4L1T93",
    "a@b.nl",
    "İsmail",
    "Yıldız",
    "فاطمة",
    "Ş",
    "ı",
    "\u{307}",
    "👩🏽‍⚖️",
    "\n",
    ". ",
    "-",
    "(0)",
    "'",
    "é",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,80}") {
        check(&text);
    }

    #[test]
    fn fragments_with_noise(parts in prop::collection::vec((0..FRAGMENTS.len(), "\\PC{0,3}"), 0..12)) {
        let text: String = parts.iter().map(|(i, noise)| format!("{}{}", FRAGMENTS[*i], noise)).collect();
        check(&text);
    }
}

#[test]
fn every_char_boundary_prefix_of_a_note() {
    let note = "Ayşe Yıldız (İsmail's zus) 06-12345678, geb. 3 mrt. 2009, Çiçekstraat 4 — فاطمة 😀";
    for (i, _) in note.char_indices() {
        check(&note[..i]);
        check(&note[i..]);
    }
}
