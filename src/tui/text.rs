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
