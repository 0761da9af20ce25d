//! IBANs: a known country, that country's length, and a valid mod-97 checksum.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_before};

static START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z]{2}[0-9]{2}").expect("constant IBAN-start regex is valid"));

/// IBAN length per country (the registry's lengths; MA and DZ as used in practice).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("DZ", 26),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MA", 28),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// ISO 13616 check: move the first four characters to the end, letters to 10..35,
/// and the number must be 1 mod 97.
pub(super) fn checksum_ok(iban: &[u8]) -> bool {
    let mut rem: u32 = 0;
    for &c in iban[4..].iter().chain(&iban[..4]) {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return false,
        };
        rem = if v < 10 { (rem * 10 + v) % 97 } else { (rem * 100 + v) % 97 };
    }
    rem == 1
}

/// Reads `len` alphanumerics from `start`, allowing single spaces between groups.
/// Returns the byte end and the upper-cased characters.
fn collect(text: &str, start: usize, len: usize) -> Option<(usize, Vec<u8>)> {
    let b = text.as_bytes();
    let mut chars = Vec::with_capacity(len);
    let mut i = start;
    while chars.len() < len {
        match b.get(i) {
            Some(c) if c.is_ascii_alphanumeric() => {
                chars.push(c.to_ascii_uppercase());
                i += 1;
            }
            Some(b' ') if b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) && !chars.is_empty() => i += 1,
            _ => return None,
        }
    }
    // The IBAN must not run on into a longer word or number.
    if b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some((i, chars))
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    let mut next_free = 0;
    for m in START.find_iter(text) {
        let start = m.start();
        if start < next_free || char_before(text, start).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let country = m.as_str()[..2].to_ascii_uppercase();
        let Some(&(_, len)) = LENGTHS.iter().find(|(c, _)| *c == country) else { continue };
        let Some((end, chars)) = collect(text, start, len) else { continue };
        if checksum_ok(&chars) {
            out.push(Span::new(Kind::Iban, start, end));
            next_free = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn valid_ibans() {
        assert_eq!(found("rek NL91 ABNA 0417 1643 00 van clt"), ["NL91 ABNA 0417 1643 00"]);
        assert_eq!(found("NL91ABNA0417164300."), ["NL91ABNA0417164300"]);
        assert_eq!(found("nl91abna0417164300"), ["nl91abna0417164300"]);
        assert_eq!(found("BE68 5390 0754 7034"), ["BE68 5390 0754 7034"]);
        assert_eq!(found("DE89 3704 0044 0532 0130 00 en"), ["DE89 3704 0044 0532 0130 00"]);
        assert_eq!(found("GB82 WEST 1234 5698 7654 32"), ["GB82 WEST 1234 5698 7654 32"]);
    }

    #[test]
    fn invalid_ibans() {
        assert!(found("NL91 ABNA 0417 1643 01").is_empty());
        assert!(found("NL91ABNA04171643").is_empty());
        assert!(found("NL91ABNA0417164300X").is_empty());
        assert!(found("XX91ABNA0417164300").is_empty());
        assert!(found("week12 2024").is_empty());
    }
}
