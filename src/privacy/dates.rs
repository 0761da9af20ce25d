//! Full calendar dates (day, month and year): numeric or with a Dutch or English month
//! name. A month with a year, or a day with a month, is not flagged: it cannot identify a
//! person the way a birth date can.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_at, char_before};

/// Month names and abbreviations (Dutch and English), longest first so the alternation
/// prefers "september" over "sep".
const MONTHS: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|\
january|february|march|may|june|july|august|october|\
sept|jan|feb|mrt|maa|mar|apr|jun|jul|aug|sep|okt|oct|nov|dec";

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
        .expect("constant numeric-date regex is valid")
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)([0-9]{{1,2}})(?:e|ste|de|st|nd|rd|th)?[ \-]+(?:{MONTHS})\.?(?:[ \-]+|,[ ]*)([0-9]{{4}}|'[0-9]{{2}})(?-u:\b)"
    ))
    .expect("constant day-month-year regex is valid")
});

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{MONTHS})\.? ([0-9]{{1,2}})(?:st|nd|rd|th)?,? ([0-9]{{4}})(?-u:\b)"))
        .expect("constant month-day-year regex is valid")
});

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn plausible(day: u32, month: u32, year: Option<u32>) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month) && year.is_none_or(|y| (1900..=2100).contains(&y))
}

/// True when a separator plus digit continues the match ("1.2.2003.4", "06-12-34-56-78").
fn continues(text: &str, start: usize, end: usize) -> bool {
    let sep = |c: Option<char>| matches!(c, Some('-' | '/' | '.' | ':'));
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let before = char_before(text, start);
    if before.is_some_and(char::is_alphanumeric) || char_at(text, end).is_some_and(char::is_alphanumeric) {
        return true;
    }
    (sep(before) && digit(start.checked_sub(1).and_then(|i| char_before(text, i))))
        || (sep(char_at(text, end)) && digit(char_at(text, end + 1)))
}

/// Checks a numeric match ("12-03-2009", "2009-03-12") without a capture pass, which is
/// several times slower than a plain find on long notes.
fn numeric_ok(m: &str) -> bool {
    let seps: Vec<char> = m.chars().filter(|c| !c.is_ascii_digit()).collect();
    let mut parts = m.split(['-', '/', '.']);
    let (Some(a), Some(b), Some(c), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    if seps.len() != 2 || seps[0] != seps[1] {
        return false;
    }
    if a.len() == 4 {
        seps[0] == '-' && plausible(num(c), num(b), Some(num(a)))
    } else {
        plausible(num(a), num(b), (c.len() == 4).then(|| num(c)))
    }
}

fn find_numeric(text: &str, out: &mut Vec<Span>) {
    for m in NUMERIC.find_iter(text) {
        if !continues(text, m.start(), m.end()) && numeric_ok(m.as_str()) {
            out.push(Span::new(Kind::Date, m.start(), m.end()));
        }
    }
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    find_numeric(text, out);
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let year = c[2].trim_start_matches('\'');
        let year = if year.len() == 2 { None } else { Some(num(year)) };
        if plausible(num(&c[1]), 1, year) {
            out.push(Span::new(Kind::Date, m.start(), m.end()));
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if plausible(num(&c[1]), 1, Some(num(&c[2]))) {
            out.push(Span::new(Kind::Date, m.start(), m.end()));
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
    fn numeric_dates() {
        for d in ["12-03-2009", "12/3/2009", "12.03.2009", "2009-03-12", "1-2-03", "31-12-2025"] {
            assert_eq!(found(&format!("geb. {d}, ok")), [d], "{d}");
        }
    }

    #[test]
    fn named_months() {
        for d in [
            "3 maart 2009",
            "3 mrt. 2009",
            "12 januari 1998",
            "1 jan 2001",
            "15 aug 2022",
            "1 sept 2023",
            "14 February 2010",
            "March 3, 2011",
        ] {
            assert_eq!(found(&format!("op {d} vertrokken")), [d], "{d}");
        }
        assert_eq!(found("3 MAART 2009"), ["3 MAART 2009"]);
        assert_eq!(found("3-mrt-2009"), ["3-mrt-2009"]);
    }

    #[test]
    fn not_full_dates() {
        for t in [
            "maart 2024",
            "in 2024",
            "om 14:30",
            "14.30 uur",
            "week 12",
            "art. 284 Sr",
            "artikel 1:31 BW",
            "op 12 maart",
            "do 12-03 om 11",
            "32-01-2009",
            "12-13-2009",
            "1.250.000",
            "06-12-34-56-78",
            "12-03/2009",
            "2024-00123",
            "€ 1.250,00",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
