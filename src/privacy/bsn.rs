//! Burgerservicenummer: 9 digits passing the elfproef, optionally grouped 3-3-3.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_at, char_before, context_before};

static BSN: LazyLock<Regex> = LazyLock::new(|| {
    // Backreferences are not supported, so the two grouped forms are spelled out.
    // 3-3-3 as people group it, 4-2-3 as Dutch documents print it ("1234.56.789").
    Regex::new(
        r"[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{4} [0-9]{2} [0-9]{3}|[0-9]{3}\.[0-9]{3}\.[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}|[0-9]{8,9}",
    )
        .expect("constant BSN regex is valid")
});

/// Numbers after these words are reference numbers, which can pass the check by chance.
const NOT_A_BSN_CONTEXT: &[&str] =
    &["zaak", "dossier", "kenmerk", "registratie", "reg.nr", "pv-nr", "kvk", "factuur", "order"];

/// Words that make an 8-digit number (leading zero dropped) worth checking.
const BSN_CONTEXT: &[&str] = &["bsn", "burgerservicenummer", "sofinummer"];

/// The elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11.
pub(super) fn elfproef(digits: &[u8; 9]) -> bool {
    let weighted: i32 = digits[..8].iter().zip((2..=9).rev()).map(|(&d, w)| i32::from(d) * w).sum();
    let sum = weighted - i32::from(digits[8]);
    sum != 0 && sum % 11 == 0
}

/// Collects the digits of a match; `None` unless it has exactly 8 or 9.
fn digits_of(s: &str) -> Option<[u8; 9]> {
    let mut out = [0u8; 9];
    let n = s.bytes().filter(u8::is_ascii_digit).count();
    if !(8..=9).contains(&n) {
        return None;
    }
    // An 8-digit number is a BSN with its leading zero dropped.
    for (slot, b) in out[9 - n..].iter_mut().zip(s.bytes().filter(u8::is_ascii_digit)) {
        *slot = b - b'0';
    }
    Some(out)
}

/// True when the match is glued to more digits (part of a longer number, date or amount).
fn part_of_longer_number(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    let after = char_at(text, end);
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '+');
    if glued(before) || glued(after) {
        return true;
    }
    // "12.345.678.901" or "123-456789-0": a separator followed by another digit.
    let sep = |c: Option<char>| matches!(c, Some('.' | ',' | '-' | '/'));
    let digit_before = text[..start].chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit());
    let digit_after = text[end..].chars().nth(1).is_some_and(|c| c.is_ascii_digit());
    (sep(before) && digit_before) || (sep(after) && digit_after)
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    for m in BSN.find_iter(text) {
        if part_of_longer_number(text, m.start(), m.end()) {
            continue;
        }
        let Some(digits) = digits_of(m.as_str()) else { continue };
        if m.as_str().len() == 8 && !context_before(text, m.start(), 30, BSN_CONTEXT) {
            continue;
        }
        if !elfproef(&digits) || context_before(text, m.start(), 25, NOT_A_BSN_CONTEXT) {
            continue;
        }
        out.push(Span::new(Kind::Bsn, m.start(), m.end()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn valid_forms() {
        assert_eq!(found("bsn 123456782"), ["123456782"]);
        assert_eq!(found("bsn 123.456.782."), ["123.456.782"]);
        assert_eq!(found("bsn: 123 456 782, ok"), ["123 456 782"]);
        assert_eq!(found("bsn 1234.56.782 op pas"), ["1234.56.782"]);
        assert_eq!(found("BSN 1234 56 782"), ["1234 56 782"]);
    }

    #[test]
    fn four_two_three_look_alikes() {
        assert!(found("1234.56.789").is_empty(), "failing check");
        assert!(found("12345.67.823").is_empty());
        assert!(found("1234.56.782.1").is_empty());
    }

    #[test]
    fn failing_checksum_is_ignored() {
        assert!(found("bsn 123456789").is_empty());
        assert!(found("nummer 200497933").is_empty());
    }

    #[test]
    fn eight_digits_need_context() {
        // 012345672 passes the elfproef; written without its leading zero.
        assert!(elfproef(&[0, 1, 2, 3, 4, 5, 6, 7, 2]));
        assert_eq!(found("bsn 12345672"), ["12345672"]);
        assert!(found("KvK 12345672").is_empty());
        assert!(found("nummer 12345672").is_empty());
    }

    #[test]
    fn longer_numbers_and_references_are_ignored() {
        assert!(found("1234567820").is_empty());
        assert!(found("12.123.456.782").is_empty());
        assert!(found("+123456782").is_empty());
        assert!(found("zaaknummer 123456782").is_empty());
        assert!(found("NL123456782B01").is_empty());
    }

    #[test]
    fn all_zero_is_not_a_bsn() {
        assert!(found("bsn 000000000").is_empty());
    }
}
