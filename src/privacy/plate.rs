//! Dutch licence plates (kentekens): the RDW side codes 1-14, written with dashes
//! ("GZ-123-X", "gz-123-x") or without ("GZ123X"). Without dashes a lower-case plate needs a
//! cue such as "kenteken" or "auto", and an upper-case one must not be postcode-shaped
//! (that shape is the postcode detector's).

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_at, char_before, context_before};

/// The side codes as letter (L) / digit (D) shapes, dashes where the RDW prints them.
const SIDE_CODES: &[&str] = &[
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD",
    "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
];

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9]{1,3}-[A-Za-z0-9]{1,3}-[A-Za-z0-9]{1,3}|[A-Za-z0-9]{6}")
        .expect("constant plate regex is valid")
});

/// Words that make a lower-case, dashless candidate a plate.
const PLATE_CUES: &[&str] =
    &["kenteken", "kent.", "auto", "nummerbord", "plaat", "wagen", "busje", "scooter"];

/// Reference numbers of a plate's shape after these words are not plates.
const NOT_A_PLATE: &[&str] = &["zaak", "dossier", "kenmerk", "vlucht", "flight", "factuur", "order"];

/// Weekday abbreviations: "vr-13-06" is a date, not side code 1.
const WEEKDAYS: &[&str] = &["ma", "di", "wo", "do", "vr", "za", "zo"];

fn shape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '-' => '-',
            c if c.is_ascii_digit() => 'D',
            _ => 'L',
        })
        .collect()
}

fn is_side_code(s: &str) -> bool {
    let sh = shape(s);
    if s.contains('-') {
        SIDE_CODES.contains(&sh.as_str())
    } else {
        SIDE_CODES.iter().any(|c| c.replace('-', "") == sh)
    }
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    // Every side code holds a digit: text without one has no plate, and most candidates
    // (six letters inside a word) are dropped before any shape is worked out.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    for m in CANDIDATE.find_iter(text) {
        let (start, end, s) = (m.start(), m.end(), m.as_str());
        if !s.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let glued =
            |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '@' | '/'));
        if glued(char_before(text, start)) || glued(char_at(text, end)) {
            continue;
        }
        // "AB-12-CD.5" or "12-ab-34.nl": part of something longer.
        if text[end..].starts_with('.') && text[end + 1..].starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        // Side code 2 without dashes is a postcode ("3011AB"); that is the postcode detector's.
        if !is_side_code(s) || shape(s) == "DDDDLL" {
            continue;
        }
        let upper = !s.chars().any(|c| c.is_ascii_lowercase());
        let lower = !s.chars().any(|c| c.is_ascii_uppercase());
        if !upper && !lower {
            continue;
        }
        if s.contains('-') {
            if WEEKDAYS.iter().any(|w| s.to_ascii_lowercase().starts_with(&format!("{w}-"))) {
                continue;
            }
        } else if lower && !context_before(text, start, 30, PLATE_CUES) {
            continue;
        }
        if context_before(text, start, 20, NOT_A_PLATE) {
            continue;
        }
        out.push(Span::new(Kind::Plate, start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn plates() {
        assert_eq!(found("auto van oom: GZ-123-X, grijs"), ["GZ-123-X"]);
        assert_eq!(found("kenteken 12-ABC-3"), ["12-ABC-3"]);
        assert_eq!(found("zwarte golf XX-99-99 en 1-KBB-23"), ["XX-99-99", "1-KBB-23"]);
        assert_eq!(found("gz-123-x gezien bij school"), ["gz-123-x"]);
        assert_eq!(found("kenteken gz123x"), ["gz123x"]);
        assert_eq!(found("busje GZ123X"), ["GZ123X"]);
        assert_eq!(found("auto: 99-XX-XX."), ["99-XX-XX"]);
    }

    #[test]
    fn look_alikes() {
        for t in [
            "12-03-09",
            "VT-2023-4411",
            "vr-13-06 gesprek",
            "ab12cd wachtwoord",
            "zaak AB-12-CD",
            "ABC123",
            "Gz-123-X",
            "GZ-123-X5",
            "info@GZ-123-X",
            "LKHA-RAAD",
            "3011AB",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
