//! Dutch postcodes: four digits (first 1-9) and two letters, never SA, SD or SS.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_at, char_before, context_before};

static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[1-9][0-9]{3} ?(?:[A-Z]{2}|[a-z]{2})").expect("constant postcode regex is valid")
});

/// Two-letter words and abbreviations that commonly follow a number in notes ("1200 en",
/// "€ 300 pm"). In lower case they are a postcode only with a cue word before them.
const COMMON_PAIRS: &[&str] = &[
    "en", "in", "op", "of", "om", "te", "al", "na", "nu", "ja", "ze", "je", "we", "er", "is", "zo", "bv",
    "ik", "mn", "pm", "am", "ca", "kg", "km", "ml", "cm", "mm", "mg", "nr", "vs", "ct", "st", "eu", "jr",
    "wk", "mw", "hh", "uu", "to", "at", "an", "on", "or", "by", "he", "it", "me", "my", "so", "up",
];

/// Uppercase pairs after a number that are units or currencies rather than postcodes.
const UPPER_NOT_POSTCODE: &[&str] = &["EU", "KM", "KG", "CM", "MM", "ML", "MG", "PM", "AM", "NR", "BC", "AD"];

const CUES: &[&str] = &["postcode", "pc ", "pc:", "adres", "woont", "straat", "laan", "weg "];

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    for m in POSTCODE.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '€' || c == '+')
            || char_at(text, end).is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if char_before(text, start).is_some_and(|c| matches!(c, '.' | ',' | '-'))
            && char_before(text, start - 1).is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let letters = &m.as_str()[m.as_str().len() - 2..];
        if matches!(letters.to_ascii_uppercase().as_str(), "SA" | "SD" | "SS") {
            continue;
        }
        let lower = letters.starts_with(|c: char| c.is_ascii_lowercase());
        if lower && COMMON_PAIRS.contains(&letters) && !context_before(text, start, 30, CUES) {
            continue;
        }
        if !lower && UPPER_NOT_POSTCODE.contains(&letters) && !context_before(text, start, 30, CUES) {
            continue;
        }
        out.push(Span::new(Kind::Postcode, start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn postcodes() {
        assert_eq!(found("3011 AB Rotterdam"), ["3011 AB"]);
        assert_eq!(found("pc 1055BK."), ["1055BK"]);
        assert_eq!(found("1322 ab Almere"), ["1322 ab"]);
        assert_eq!(found("postcode 1234 en"), ["1234 en"]);
    }

    #[test]
    fn look_alikes() {
        for t in [
            "in 2019 waren er 1200 en in 2023",
            "0123 AB",
            "1234 SS",
            "1234 sa",
            "12345 AB",
            "1234 ABC",
            "€ 1200 pm",
            "1.250 EU",
            "1234 Ab",
            "wk 1234 uur",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }
}
