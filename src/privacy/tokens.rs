//! A small Unicode-aware word tokenizer shared by the name and address detectors.

/// A run of letters (with inner apostrophes and hyphens: "El-Amrani", "O'Neil").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Letters and combining marks; digits do not form words for these detectors.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{0300}'..='\u{036F}')
}

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        // ASCII fast path; other chars are decoded (i is always on a char boundary here).
        let (c, len) = if b[i] < 0x80 {
            (char::from(b[i]), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, c.len_utf8())
        };
        if is_word_char(c) {
            start.get_or_insert(i);
        } else {
            let next_is_word = || text[i + len..].chars().next().is_some_and(is_word_char);
            let joins = matches!(c, '-' | '\'' | '’') && start.is_some() && next_is_word();
            if !joins && let Some(s) = start.take() {
                tokens.push(Token { start: s, end: i });
            }
        }
        i += len;
    }
    if let Some(s) = start {
        tokens.push(Token { start: s, end: text.len() });
    }
    tokens
}

/// True when the word starts with an upper-case letter.
pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True for acronyms such as "LKHA", "IND", "GGD" (two or more letters, all upper case).
pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// True when nothing but spaces separates `a` and `b`.
pub(super) fn only_spaces(text: &str, a: Token, b: Token) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// True when `t` begins a sentence: start of text, or after . ! ? : ; or a line break
/// (only spaces, quotes, brackets and bullet dashes in between).
pub(super) fn starts_sentence(text: &str, t: Token) -> bool {
    for c in text[..t.start].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\'' | '(' | '-' | '*' | '\u{a0}' | '\u{2013}' | '\u{2014}' => continue,
            '.' | '!' | '?' | ':' | ';' | '\n' | '\r' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_words() {
        assert_eq!(words("mw. El-Amrani (06) en 'Ayşe'"), ["mw", "El-Amrani", "en", "Ayşe"]);
        assert_eq!(words("İsmail—Çelik"), ["İsmail", "Çelik"]);
        assert_eq!(words("فاطمة belde"), ["فاطمة", "belde"]);
        assert_eq!(words("a-"), ["a"]);
        assert!(words("123 -- !").is_empty());
    }

    #[test]
    fn sentence_starts() {
        let text = "Moeder belde. Vader niet: Zus wel";
        let t = tokenize(text);
        let starts: Vec<bool> = t.iter().map(|&t| starts_sentence(text, t)).collect();
        assert_eq!(starts, [true, false, true, false, true, false]);
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("LKHA") && is_acronym("GGD") && !is_acronym("Ahmed") && !is_acronym("A"));
    }
}
