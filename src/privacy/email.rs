//! E-mail addresses.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    // Unicode letters are allowed in the local part and domain (internationalised mail);
    // the top-level domain must be at least two letters.
    Regex::new(r"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}")
        .expect("constant e-mail regex is valid")
});

/// Characters an address can contain on either side of its '@'.
fn address_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    // Anchor on each '@' and run the regex on the surrounding word only: scanning the whole
    // note with a pattern that starts with a letter class is slow on long notes.
    let mut from = 0;
    while let Some(at) = text[from..].find('@').map(|i| i + from) {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| address_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at + 1..].find(|c: char| !address_char(c)).map_or(text.len(), |i| at + 1 + i);
        if let Some(m) = EMAIL.find(&text[start..end]) {
            // A sentence-ending dot before the local part is not part of the address.
            let s = m.as_str().trim_start_matches(['.', '-']);
            let m_end = start + m.end();
            out.push(Span::new(Kind::Email, m_end - s.len(), m_end));
        }
        from = end.max(at + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn addresses() {
        assert_eq!(found("mail f.bakkali93@gmail.com."), ["f.bakkali93@gmail.com"]);
        assert_eq!(found("j.devries@kantoor-example.nl, ok"), ["j.devries@kantoor-example.nl"]);
        assert_eq!(found("ayşe.yıldız@örnek.com.tr"), ["ayşe.yıldız@örnek.com.tr"]);
    }

    #[test]
    fn not_addresses() {
        assert!(found("@LKHA").is_empty());
        assert!(found("naam@localhost").is_empty());
        assert!(found("om 10 @ kantoor").is_empty());
    }
}
