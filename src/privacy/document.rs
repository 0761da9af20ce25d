//! Dutch passport and identity-card numbers: two letters, six letters or digits, one
//! digit; the letter O is never used. Only upper case, and at least one digit among the six
//! middle characters, so ordinary capitalised words and acronyms do not match.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_at, char_before, context_before};

static DOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-NP-Z]{2}[A-NP-Z0-9]{6}[0-9]").expect("constant document-number regex is valid")
});

/// Reference numbers of the same shape that follow these words are not identity documents.
const NOT_A_DOCUMENT: &[&str] =
    &["zaak", "dossier", "kenmerk", "vlucht", "flight", "kvk", "factuur", "order"];

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    for m in DOC.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if glued(char_before(text, start)) || glued(char_at(text, end)) {
            continue;
        }
        if !m.as_str()[2..8].bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if context_before(text, start, 20, NOT_A_DOCUMENT) {
            continue;
        }
        out.push(Span::new(Kind::DocumentNumber, start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn document_numbers() {
        assert_eq!(found("paspoort NXC4L1T93 ingenomen"), ["NXC4L1T93"]);
        assert_eq!(found("SPECI2014"), ["SPECI2014"]);
        assert_eq!(found("id-kaart: BN47PZ2K6."), ["BN47PZ2K6"]);
    }

    #[test]
    fn look_alikes() {
        for t in [
            "ABCDEFGH1",
            "NXO4L1T93",
            "nxc4l1t93",
            "NXC4L1T9X",
            "NXC4L1T934",
            "VT-2023-4411",
            "dossier VT2023441",
            "NL91ABNA0417164300",
            "LKHA",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }
}
