//! How many screen lines a text takes when a paragraph word-wraps it: for layouts that must
//! know a height before drawing (the editor's boxes, the detail's last page).

/// Lines `s` takes when word-wrapped to `width`, as the paragraph below wraps it.
pub fn wrapped(s: &str, width: u16) -> u16 {
    let w = width.max(1) as usize;
    let mut lines = 1;
    let mut used = 0;
    for word in s.split(' ') {
        let n = word.chars().count();
        if used > 0 && used + 1 + n > w {
            lines += 1 + n / w;
            used = n % w;
        } else if used == 0 {
            lines += n.saturating_sub(1) / w;
            used = n % w.max(1);
        } else {
            used += 1 + n;
        }
    }
    lines as u16
}

/// `s` word-wrapped to `width` (a word longer than a line is cut), so a body line never
/// wraps again when drawn and the field's height is its number of lines.
pub fn wrap_words(s: &str, width: u16) -> Vec<String> {
    let w = usize::from(width.max(1));
    let mut out = vec![];
    let mut cur = String::new();
    for word in s.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > w {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(word.drain(..w).collect());
        }
        let word: String = word.into_iter().collect();
        let n = cur.chars().count();
        if n > 0 && n + 1 + word.chars().count() > w {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&word);
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_words_fit_and_keep_every_word() {
        let s = "Is er acute en/of structurele onveiligheid? — ja: melden bij Veilig Thuis; abcdefghijklmnop";
        let lines = wrap_words(s, 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        assert_eq!(lines.join(" ").replace(' ', ""), s.replace(' ', ""));
        assert_eq!(wrap_words("kort", 40), ["kort"]);
    }
}
