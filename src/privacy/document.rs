//! Identity documents.
//!
//! - Dutch passport and identity-card numbers: two letters, six letters or digits, one digit;
//!   the letter O is never used; at least one digit among the six middle characters, so
//!   ordinary words and acronyms do not match. In capitals anywhere; in lower case
//!   ("nxc4l1t93") after a document cue such as "paspoort" or "id".
//! - Foreign passports and ID cards (Turkish U12345678, Moroccan/Pakistani AB1234567,
//!   Afghan P01234567, Somali P00123456 …): one or two capitals and seven or eight digits
//!   anywhere; after a document cue also other shapes of 6 to 12 letters and digits with at
//!   least five digits, in any case.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_at, char_before, context_before};

static DOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[A-NP-Z]{2}[A-NP-Z0-9]{6}[0-9]").expect("constant document-number regex is valid")
});

/// Letter prefix and digits: the common shape of foreign passports.
static FOREIGN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Z]{1,2}[0-9]{7,8}").expect("constant passport regex is valid"));

/// Any run of letters and digits; checked only right after a document cue. ASCII word
/// boundaries: a Unicode `\b` makes the regex engine give up its fast path on text with
/// any non-ASCII letter (a 1 MB note took 100 ms here alone).
static CUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:paspoort(?:nummer|nr)?|passport|pasp|ppt|id-kaart|idkaart|id|identiteitskaart|kimlik|verblijfsvergunning|vvr|verblijfspas|reisdocument|documentnummer|docnr)(?-u:\b)\.?\s*(?:nr\.?|nummer|no\.?)?\s*[:#]?\s*([A-Za-z0-9]{6,12})(?-u:\b)")
        .expect("constant cued-document regex is valid")
});

/// Words that make a lower-case Dutch document number worth flagging.
const DOCUMENT_CUES: &[&str] =
    &["pasp", "passport", "ppt", "id", "identiteit", "document", "verblijf", "kimlik", "pas "];

/// Reference numbers of the same shape that follow these words are not identity documents.
const NOT_A_DOCUMENT: &[&str] =
    &["zaak", "dossier", "kenmerk", "vlucht", "flight", "kvk", "factuur", "order", "boeking", "pnr"];

fn glued(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '@')
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    for m in DOC.find_iter(text) {
        let (start, end, s) = (m.start(), m.end(), m.as_str());
        if glued(char_before(text, start)) || glued(char_at(text, end)) {
            continue;
        }
        if !s[2..8].bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let upper = !s.bytes().any(|b| b.is_ascii_lowercase());
        let lower = !s.bytes().any(|b| b.is_ascii_uppercase());
        if !(upper || lower && context_before(text, start, 30, DOCUMENT_CUES)) {
            continue;
        }
        if context_before(text, start, 20, NOT_A_DOCUMENT) {
            continue;
        }
        out.push(Span::new(Kind::DocumentNumber, start, end));
    }
    for m in FOREIGN.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if glued(char_before(text, start)) || glued(char_at(text, end)) {
            continue;
        }
        if context_before(text, start, 20, NOT_A_DOCUMENT) {
            continue;
        }
        out.push(Span::new(Kind::DocumentNumber, start, end));
    }
    for c in CUED.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
        let letters = m.as_str().len() - digits;
        if digits < 5 || letters > 3 || glued(char_at(text, m.end())) {
            continue;
        }
        out.push(Span::new(Kind::DocumentNumber, m.start(), m.end()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut v = super::super::overlap::found_by(find, text);
        v.dedup();
        v
    }

    #[test]
    fn document_numbers() {
        assert_eq!(found("paspoort NXC4L1T93 ingenomen"), ["NXC4L1T93"]);
        assert_eq!(found("SPECI2014"), ["SPECI2014"]);
        assert_eq!(found("id-kaart: BN47PZ2K6."), ["BN47PZ2K6"]);
    }

    #[test]
    fn lower_case_after_a_cue() {
        assert_eq!(found("paspoort nxc4l1t93 ligt bij vader"), ["nxc4l1t93"]);
        assert_eq!(found("id: bn47pz2k6"), ["bn47pz2k6"]);
    }

    #[test]
    fn foreign_passports() {
        assert_eq!(found("Turks paspoort U12345678"), ["U12345678"]);
        assert_eq!(found("Marokkaans pasp. AB1234567"), ["AB1234567"]);
        assert_eq!(found("paspoort nr p01234567 (Afghaans)"), ["p01234567"]);
        assert_eq!(found("kimlik 12345678901"), ["12345678901"]);
        assert_eq!(found("verblijfspas: 1234567"), ["1234567"]);
    }

    #[test]
    fn look_alikes() {
        for t in [
            "ABCDEFGH1",
            "NXO4L1T93",
            "nxc4l1t93",
            "samira200",
            "NXC4L1T9X",
            "NXC4L1T934",
            "VT-2023-4411",
            "dossier VT2023441",
            "NL91ABNA0417164300",
            "LKHA",
            "zaaknummer Z12345678",
            "id van de zaak is nog onbekend",
            "paspoort verlopen",
            "vlucht TK1234567",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
