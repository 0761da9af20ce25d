//! Street addresses: a street name with a Dutch street ending, a house number and an
//! optional addition ("Kerkstraat 12a", "Burgemeester de Withstraat 4 bis", "Kerkstraat 12-II").
//!
//! A regex finds "<word ending in a street suffix> <number>"; multi-word names ("Lange
//! Nieuwstraat", "1e Van Swindenstraat") are then extended word by word to the left.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{flag, fold, lookup};
use super::tokens::{Token, starts_sentence};
use super::{Kind, Span, char_at, char_before};

static STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:(straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|dreef|steeg|markt|park|plantsoen|baan|ring|boulevard|allee|burgwal)) ([1-9][0-9]{0,4})",
    )
    .expect("constant street regex is valid")
});

/// Streets named "<type> <particle> <Name>": "Laan van Meerdervoort 123", "Weg naar Rhoon 2".
static TYPE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:Laan|Plein|Weg|Kade|Dijk|Singel|Gracht|Straat|Dreef|Steeg|Markt|Park|Hof)(?: (?:van|der|de|den|het|op|in|naar|achter|aan|bij|over|ten|ter|'t))+(?: \p{Lu}[\p{L}'\-]*){1,2} ([1-9][0-9]{0,4})",
    )
    .expect("constant type-first street regex is valid")
});

/// A capitalised name and a number right after an address cue ("adres: Weena 200").
static AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:adres|woonadres|verblijfsadres|opvangadres|woont|woonachtig)(?::? (?:(?:op|aan) (?:de |het )?)?|: )(\p{Lu}[\p{L}'\-]+(?: \p{Lu}[\p{L}'\-]+)?) ([1-9][0-9]{0,4})",
    )
    .expect("constant address-cue regex is valid")
});

static ADDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[ -]?(?:bis|huis|hs|bg|sous|III|II|IV|I|V|[1-9]-?hoog)|-[0-9]{1,4}|-?[a-zA-Z]| [A-Z])")
        .expect("constant house-number-addition regex is valid")
});

/// Endings that are common in ordinary words too ("fietspad", "vergadering"): only a
/// capitalised street word may use them.
const RISKY_ENDINGS: &[&str] = &["weg", "pad", "hof", "markt", "park", "baan", "ring", "kade"];

/// Capitalised words that do not belong to a street name, although they may stand before it.
const NOT_STREET_WORDS: &[&str] =
    &["adres", "nieuw", "oud", "woont", "verblijf", "opvang", "huis", "tel", "postcode", "onderweg"];

/// Words that often open a multi-word street name, also at the start of a sentence.
const STREET_PREFIXES: &[&str] = &[
    "lange",
    "korte",
    "oude",
    "nieuwe",
    "grote",
    "kleine",
    "hoge",
    "lage",
    "burgemeester",
    "burg",
    "prins",
    "prinses",
    "koningin",
    "koning",
    "dokter",
    "dr",
    "professor",
    "prof",
    "generaal",
    "gen",
    "sint",
    "st",
    "pater",
    "pastoor",
    "wethouder",
    "weth",
    "noord",
    "zuid",
    "oost",
    "west",
    "eerste",
    "tweede",
    "derde",
    "mr",
    "van",
    "graaf",
    "hertog",
    "admiraal",
    "president",
    "mgr",
    "monseigneur",
    "ds",
    "dominee",
    "jhr",
    "jonkheer",
    "gebr",
    "gebroeders",
    "kard",
    "kardinaal",
    "kon",
];

const PARTICLES: &[&str] = &["van", "de", "der", "den", "het", "'t", "ter", "ten", "in", "op"];

/// The word just before `pos` when a single space separates it: (start, word).
fn word_before(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = text[..pos].strip_suffix(' ')?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-'))
        .last()
        .map(|(i, _)| i)?;
    Some((start, &before[start..]))
}

fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &word[digits.len()..];
    (1..=2).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "e" | "ste" | "de")
}

/// Walks left from the street word at `start` over prefixes, particles and capitalised
/// words. Returns the new start and whether a capitalised word was taken.
fn extend_left(text: &str, street_start: usize) -> (usize, bool) {
    let mut start = street_start;
    let mut capital = false;
    let mut taken: Vec<(usize, String)> = Vec::new();
    for _ in 0..4 {
        let Some((s, word)) = word_before(text, start) else { break };
        let key = fold(word.trim_end_matches('.'));
        if is_ordinal(word) {
            taken.push((s, key));
            break;
        }
        let cap = word.starts_with(char::is_uppercase);
        let prefix = STREET_PREFIXES.contains(&key.as_str()) && (cap || key == "van");
        let particle = PARTICLES.contains(&key.as_str()) && !cap;
        let tok = Token { start: s, end: s + word.len() };
        let name_like = cap
            && !word.contains('.')
            && !starts_sentence(text, tok)
            && !NOT_STREET_WORDS.contains(&key.as_str())
            && lookup(&key) & (flag::KIN | flag::TITLE | flag::PLACE) == 0;
        if !(prefix || particle || name_like) {
            break;
        }
        capital |= cap;
        taken.push((s, key));
        start = s;
    }
    // A street name does not start with a loose particle ("op de Zeedijk"), except "van".
    while let Some((_, key)) = taken.last() {
        if PARTICLES.contains(&key.as_str()) && key != "van" {
            taken.pop();
        } else {
            break;
        }
    }
    // `taken` runs right to left, so its last entry is the leftmost word kept.
    (taken.last().map_or(street_start, |(s, _)| *s), capital)
}

/// The end of the house number plus its addition, or `None` when the number runs on into
/// a word ("12abc").
fn number_end(text: &str, number_end: usize) -> Option<usize> {
    if let Some(a) = ADDITION.find(&text[number_end..])
        && !char_at(text, number_end + a.end()).is_some_and(char::is_alphanumeric)
    {
        return Some(number_end + a.end());
    }
    (!char_at(text, number_end).is_some_and(char::is_alphanumeric)).then_some(number_end)
}

pub(super) fn find(text: &str, spans: &mut Vec<Span>) {
    // The three patterns can find the same street; collect locally and de-duplicate.
    let mut found = Vec::new();
    let out = &mut found;
    for (re, group) in [(&*TYPE_FIRST, 0), (&*AFTER_CUE, 1)] {
        for c in re.captures_iter(text) {
            let (Some(street), Some(number)) = (c.get(group), c.get(c.len() - 1)) else { continue };
            if char_before(text, street.start()).is_some_and(char::is_alphanumeric) {
                continue;
            }
            if let Some(end) = number_end(text, number.end()) {
                out.push(Span::new(Kind::Address, street.start(), end));
            }
        }
    }
    // The regex starts at the street ending (a literal, so the search is fast); the rest of
    // the street word is found by walking left.
    for c in STREET.captures_iter(text) {
        let (Some(suffix), Some(number)) = (c.get(1), c.get(2)) else { continue };
        let word_start = text[..suffix.start()]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphabetic() || matches!(c, '\'' | '-'))
            .last()
            .map_or(suffix.start(), |(i, _)| i);
        if char_before(text, word_start).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let stem = &text[word_start..suffix.start()];
        let word = &text[word_start..suffix.end()];
        let cap = word.starts_with(char::is_uppercase);
        let suffix_l = suffix.as_str().to_ascii_lowercase();
        if !cap && RISKY_ENDINGS.contains(&suffix_l.as_str()) {
            continue;
        }
        if suffix_l == "ring" && stem.ends_with(['e', 'E']) {
            continue;
        }
        if NOT_STREET_WORDS.contains(&fold(word).as_str()) {
            continue;
        }
        let (start, capital) = if cap { extend_left(text, word_start) } else { (word_start, false) };
        // A bare ending ("Markt 5") is a street only with a name before it ("Grote Markt 5").
        if stem.is_empty() && !capital {
            continue;
        }
        if let Some(end) = number_end(text, number.end()) {
            out.push(Span::new(Kind::Address, start, end));
        }
    }
    found.sort_by_key(|s| (s.start, s.end));
    found.dedup();
    spans.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn addresses() {
        for (t, a) in [
            ("adres Kerkstraat 12a, Rotterdam", "Kerkstraat 12a"),
            ("woont kerkstraat 12a bij tante", "kerkstraat 12a"),
            ("broer woont Kerkstraat 12-II", "Kerkstraat 12-II"),
            ("adres: Burgemeester de Withstraat 4 bis", "Burgemeester de Withstraat 4 bis"),
            ("verblijf Van Heemstraat 3, Den Haag", "Van Heemstraat 3"),
            ("aan de Lange Nieuwstraat 120 (geheim)", "Lange Nieuwstraat 120"),
            ("vader woont Dorpsstraat 5 hs", "Dorpsstraat 5 hs"),
            ("op de Zeedijk 3", "Zeedijk 3"),
            ("school (Grote Markt 5)", "Grote Markt 5"),
            ("1e Van Swindenstraat 45 (oud)", "1e Van Swindenstraat 45"),
            ("adres zus van der Heijdenstraat 21", "van der Heijdenstraat 21"),
            ("Hoofdweg 231-3, Amsterdam", "Hoofdweg 231-3"),
            ("Spoorsingel 88 A te Rotterdam", "Spoorsingel 88 A"),
            ("Çiçekstraat 4", "Çiçekstraat 4"),
            ("woont Mgr. Nolensstraat 3", "Mgr. Nolensstraat 3"),
            ("gezin woonde Laan van Meerdervoort 123, Den Haag", "Laan van Meerdervoort 123"),
            ("adres: Weena 200 (hotel)", "Weena 200"),
            ("woont op de Coolsingel 40", "Coolsingel 40"),
        ] {
            assert_eq!(found(t), [a], "{t}");
        }
    }

    #[test]
    fn not_addresses() {
        for t in [
            "vergadering 12 maart",
            "Vergadering 12 maart",
            "fietspad 3 keer",
            "onderweg 2 uur",
            "de markt 5 minuten",
            "Kerkstraat zonder nummer",
            "Kerkstraat 0",
            "Kerkstraat 12345678",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
