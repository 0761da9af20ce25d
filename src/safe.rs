//! Text from outside (records, imported files, cards, error details) made safe to print in a
//! terminal: control characters, which a terminal would obey (escape sequences that retitle
//! the window, move the cursor or rewrite the screen), are shown as visible symbols instead.

/// `s` with every control character but line feed and tab replaced by a visible stand-in:
/// C0 characters by their Unicode control picture (ESC becomes `␛`), DEL by `␡`, C1
/// characters (U+0080 to U+009F, which some terminals also obey) by `�`.
pub fn visible(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// As [`visible`], on one line: line feeds and tabs become spaces too.
pub fn one_line(s: &str) -> String {
    visible(s).replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("gewoon\ttekst\n"), "gewoon\ttekst\n");
        let shown = visible("a\u{1b}]0;X\u{7}b\u{9b}c\u{7f}");
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert_eq!(shown, "a\u{241b}]0;X\u{2407}b\u{fffd}c\u{2421}");
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
