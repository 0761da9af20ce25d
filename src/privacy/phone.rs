//! Telephone numbers: Dutch mobile and landline numbers, and international numbers as
//! workers write them for family abroad (+212 6 12 34 56 78, 0090 532 ...).
//!
//! A byte scan finds runs of digits and separators; the run is then read group by group, so
//! a number can end at a group boundary even when more digits follow ("06-12345678 2x").

use super::{Kind, Span, char_before};

/// Length (min, max) of the national significant number per country calling code.
/// Calling codes are prefix-free, so the first match of 1, 2 or 3 digits is the code.
const COUNTRIES: &[(&str, usize, usize)] = &[
    ("1", 10, 10),
    ("7", 10, 10),
    ("20", 9, 10),
    ("27", 9, 9),
    ("30", 10, 10),
    ("31", 9, 9),
    ("32", 8, 9),
    ("33", 9, 9),
    ("34", 9, 9),
    ("36", 8, 9),
    ("39", 6, 11),
    ("40", 9, 9),
    ("41", 9, 9),
    ("43", 4, 13),
    ("44", 9, 10),
    ("45", 8, 8),
    ("46", 7, 9),
    ("47", 8, 8),
    ("48", 9, 9),
    ("49", 6, 11),
    ("86", 10, 11),
    ("90", 10, 10),
    ("91", 10, 10),
    ("92", 9, 10),
    ("93", 9, 9),
    ("94", 9, 9),
    ("98", 10, 10),
    ("212", 9, 9),
    ("213", 8, 9),
    ("216", 8, 8),
    ("218", 9, 9),
    ("249", 9, 9),
    ("251", 9, 9),
    ("252", 7, 9),
    ("253", 8, 8),
    ("254", 9, 9),
    ("291", 7, 7),
    ("297", 7, 7),
    ("351", 9, 9),
    ("352", 6, 9),
    ("353", 7, 9),
    ("355", 8, 9),
    ("380", 9, 9),
    ("381", 8, 9),
    ("385", 8, 9),
    ("387", 8, 8),
    ("420", 9, 9),
    ("597", 6, 7),
    ("599", 7, 8),
    ("880", 10, 10),
    ("961", 7, 8),
    ("962", 8, 9),
    ("963", 8, 9),
    ("964", 8, 10),
    ("965", 8, 8),
    ("966", 8, 9),
    ("967", 9, 9),
    ("971", 8, 9),
    ("972", 8, 9),
    ("974", 8, 8),
    ("994", 9, 9),
    ("995", 9, 9),
];

/// The digits of a run, with the byte offset after each digit group.
struct Groups {
    digits: Vec<u8>,
    /// (byte offset just after the group, number of digits so far)
    ends: Vec<(usize, usize)>,
    /// Separators that follow each group, to recognise date-shaped runs.
    seps: Vec<u8>,
}

/// Reads digit groups from `run` (which starts at byte `base` of the text). A "(0)" trunk
/// prefix and the parentheses of "(010) 456 73 82" are skipped; a group ends at any other
/// character or at a double separator.
fn read_groups(run: &str, base: usize) -> Groups {
    let b = run.as_bytes();
    let mut g = Groups { digits: Vec::new(), ends: Vec::new(), seps: Vec::new() };
    let mut i = 0;
    if b.first() == Some(&b'+') || b.first() == Some(&b'(') {
        i = 1;
    }
    loop {
        let group_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            g.digits.push(b[i] - b'0');
            i += 1;
        }
        if i == group_start {
            break;
        }
        g.ends.push((base + i, g.digits.len()));
        if g.digits.len() > 16 {
            break;
        }
        // Separator: optional ')' , then at most one of ' ' '-' '/' '.', or "(0)".
        let mut j = i;
        let mut sep = b' ';
        if b.get(j) == Some(&b')') {
            j += 1;
        }
        if let Some(&c) = b.get(j).filter(|c| matches!(c, b' ' | b'-' | b'/' | b'.')) {
            sep = c;
            j += 1;
            // "06 - 12 34 56 78": a hyphen with a space on each side.
            if c == b' ' && b.get(j) == Some(&b'-') && b.get(j + 1) == Some(&b' ') {
                sep = b'-';
                j += 2;
            }
        }
        if b[j..].starts_with(b"(0)") {
            j += 3;
            if matches!(b.get(j), Some(b' ' | b'-')) {
                j += 1;
            }
        }
        if j == i || !b.get(j).is_some_and(u8::is_ascii_digit) {
            break;
        }
        g.seps.push(sep);
        i = j;
    }
    g
}

/// "01-02-2003": the first groups read as a date, not a telephone number.
fn date_shaped(g: &Groups) -> bool {
    if g.ends.len() < 3 || g.seps.len() < 2 || g.seps[0] != g.seps[1] || g.seps[0] == b' ' {
        return false;
    }
    let len = |k: usize| g.ends[k].1 - if k == 0 { 0 } else { g.ends[k - 1].1 };
    (1..=2).contains(&len(0)) && (1..=2).contains(&len(1)) && matches!(len(2), 2 | 4)
}

/// The byte end of the longest group boundary whose digit count lies in `min..=max`.
fn end_with_digits(g: &Groups, min: usize, max: usize) -> Option<usize> {
    g.ends.iter().rev().find(|(_, n)| (min..=max).contains(n)).map(|&(end, _)| end)
}

/// A number without country code: Dutch (10 digits, no 0800/0900 service numbers), or a
/// Turkish mobile number as family abroad give it (0 5xx xxx xx xx, 11 digits).
fn national(g: &Groups) -> Option<usize> {
    let d = &g.digits;
    if d.len() < 10 || d[0] != 0 || d[1] == 0 || date_shaped(g) {
        return None;
    }
    if (d[1] == 8 || d[1] == 9) && d[2] == 0 {
        return None;
    }
    let len = if d[1] == 5 && d.len() >= 11 && g.ends.iter().any(|(_, n)| *n == 11) { 11 } else { 10 };
    g.ends.iter().find(|(_, n)| *n == len).map(|&(end, _)| end)
}

/// A number with a "+" or "00" prefix; `digits` starts after the prefix.
fn international(g: &Groups, skip: usize) -> Option<usize> {
    let d = &g.digits[skip..];
    let code = COUNTRIES
        .iter()
        .find(|(c, _, _)| c.len() <= d.len() && c.bytes().zip(d).all(|(cb, &dd)| cb - b'0' == dd));
    let (min, max) = match code {
        Some((c, lo, hi)) => (c.len() + lo, c.len() + hi),
        None if d.first().is_some_and(|&x| x != 0) => (8, 15),
        None => return None,
    };
    // Dutch numbers after +31 follow the national rules: no trunk zero, no service numbers.
    if code.is_some_and(|c| c.0 == "31") && matches!(d.get(2..4), Some([0, _] | [8, 0] | [9, 0])) {
        return None;
    }
    end_with_digits(g, min + skip, max + skip)
}

/// True when the digits continue an IBAN-shaped run ("NL12 RABO 0123 4567 89" with a bad
/// checksum): the words just before are a country+check group or a bank code.
fn inside_account_number(text: &str, start: usize) -> bool {
    let mut rest = &text[..start];
    for _ in 0..2 {
        let Some(r) = rest.strip_suffix(' ') else { return false };
        // ASCII alphanumerics are one byte each, so this lands on a char boundary.
        let word_start = r.len() - r.bytes().rev().take_while(u8::is_ascii_alphanumeric).count();
        let w = &r.as_bytes()[word_start..];
        let iban_head = w.len() == 4
            && w[..2].iter().all(u8::is_ascii_uppercase)
            && w[2..].iter().all(u8::is_ascii_digit);
        let bank_code = w.len() == 4 && w.iter().all(u8::is_ascii_uppercase);
        if iban_head || bank_code {
            return true;
        }
        rest = &r[..word_start];
    }
    false
}

/// Bytes that may continue a run of digit groups.
fn run_byte(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b' ' | b'(' | b')' | b'-' | b'/' | b'.')
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut next_free = 0;
    // A byte scan instead of a regex: only "+", "(0" and "0" can start a telephone number,
    // and most digit runs in notes (amounts, years, times) are rejected at the first byte.
    for i in 0..b.len() {
        let first = b[i];
        if i < next_free || !matches!(first, b'+' | b'0' | b'(') {
            continue;
        }
        if (first == b'+' && !b.get(i + 1).is_some_and(u8::is_ascii_digit))
            || (first == b'(' && b.get(i + 1) != Some(&b'0'))
        {
            continue;
        }
        // Glued to a word, an amount or a longer number ("2024-00123"): not a phone number.
        let before = char_before(text, i);
        if before.is_some_and(|c| c.is_alphanumeric() || c == '€' || c == '+') {
            continue;
        }
        if before.is_some_and(|c| matches!(c, '-' | '/' | '.' | ',' | ')'))
            && char_before(text, i - 1).is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        if inside_account_number(text, i) {
            continue;
        }
        let run_end = i + 1 + b[i + 1..].iter().take_while(|&&x| run_byte(x)).count();
        let run = &text[i..run_end];
        let g = read_groups(run, i);
        let end = if run.starts_with('+') {
            international(&g, 0)
        } else if run.starts_with("00") {
            international(&g, 2)
        } else {
            national(&g)
        };
        let Some(end) = end else { continue };
        if text[end..].chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        out.push(Span::new(Kind::Phone, i, end));
        next_free = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn dutch_mobile_forms() {
        for n in ["06-12345678", "06 1234 5678", "0612345678", "+31 6 12345678", "0031 6 12345678"] {
            assert_eq!(found(&format!("tel {n}, ok")), [n], "{n}");
        }
        assert_eq!(found("+31 (0)6-12345678"), ["+31 (0)6-12345678"]);
        assert_eq!(found("+31612345678"), ["+31612345678"]);
    }

    #[test]
    fn dutch_landlines() {
        for n in ["010-1234567", "020 123 4567", "0591-123456", "(010) 123 45 67", "06 - 12 34 56 78"] {
            assert_eq!(found(&format!("bel {n}")), [n], "{n}");
        }
    }

    #[test]
    fn international_forms() {
        for n in [
            "+212 6 12 34 56 78",
            "00212 612 345 678",
            "0090 532 123 45 67",
            "+90 532 123 4567",
            "+252 61 234 5678",
            "+49 170 1234567",
            "+291 7 123456",
            "0532 123 45 67",
            "0 532 123 45 67",
        ] {
            assert_eq!(found(&format!("nr {n} (oom)")), [n], "{n}");
        }
    }

    #[test]
    fn stops_at_group_boundary() {
        assert_eq!(found("06-12345678 2x gebeld"), ["06-12345678"]);
        assert_eq!(found("+212 6 12 34 56 78 3 keer"), ["+212 6 12 34 56 78"]);
        assert_eq!(found("om 10 0612345678 gebeld"), ["0612345678"]);
    }

    #[test]
    fn not_phone_numbers() {
        for t in [
            "bel 112",
            "Veilig Thuis 0800-2000",
            "0900-8844",
            "0800 1234567",
            "om 14:30",
            "14.30 uur",
            "€ 1.250,00",
            "in 2024",
            "zaaknummer 2024-00123",
            "dossier VT-2023-4411",
            "geb. 01-02-2003 12 jaar",
            "06123456789",
            "+31 0800 123456",
            "KvK 12345678",
            "NL12 RABO 0123 4567 89",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
