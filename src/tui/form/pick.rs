//! Pick lists in the editor: a single choice or any number of codes, narrowed as the worker
//! types (letters filter on the label, Backspace takes one back) and chosen with Space.

use super::Kind;
use crate::domain::schema::List;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Whether code `i` of `list` matches what was typed (either language, any case).
pub fn matches(list: List, i: usize, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let f = filter.to_lowercase();
    list.codes()
        .0
        .get(i)
        .is_some_and(|c| c.nl.to_lowercase().contains(&f) || c.en.to_lowercase().contains(&f))
}

/// The codes of `list` that match the filter, in list order.
pub fn visible(list: List, filter: &str) -> Vec<usize> {
    (0..list.codes().0.len()).filter(|i| matches(list, *i, filter)).collect()
}

/// The positions a single choice walks through: "none" (when allowed and nothing is typed)
/// and the matching codes.
fn positions(list: List, optional: bool, filter: &str) -> Vec<Option<usize>> {
    let none = (optional && filter.is_empty()).then_some(None);
    none.into_iter().chain(visible(list, filter).into_iter().map(Some)).collect()
}

/// The position `step` places on from `now` among `all` (wrapping; the first when `now`
/// is not among them).
fn walk<T: PartialEq + Copy>(all: &[T], now: T, step: isize) -> Option<T> {
    let n = all.len() as isize;
    if n == 0 {
        return None;
    }
    let at = all.iter().position(|x| *x == now).map_or(if step > 0 { -1 } else { 0 }, |p| p as isize);
    all.get((at + step).rem_euclid(n) as usize).copied()
}

/// What typing does to a filter: a letter is added, Backspace takes one back. True when the
/// filter changed.
fn edit_filter(filter: &mut String, key: KeyEvent) -> bool {
    if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
        return false;
    }
    match key.code {
        KeyCode::Char(c) if c != ' ' => {
            filter.push(c);
            true
        }
        KeyCode::Backspace => filter.pop().is_some(),
        _ => false,
    }
}

/// A key for a pick list; true when the chosen value changed.
pub fn key(kind: &mut Kind, key: KeyEvent) -> bool {
    match kind {
        Kind::Choice { list, value, optional, filter } => {
            if edit_filter(filter, key) {
                // The first match is chosen as the worker types.
                let first = visible(*list, filter).first().copied();
                let new = if filter.is_empty() { *value } else { first.or(*value) };
                let changed = new != *value;
                *value = new;
                return changed;
            }
            let step = match key.code {
                KeyCode::Right | KeyCode::Down => 1,
                KeyCode::Left | KeyCode::Up => -1,
                _ => return false,
            };
            let new = walk(&positions(*list, *optional, filter), *value, step).unwrap_or(*value);
            let changed = new != *value;
            *value = new;
            changed
        }
        Kind::Multi { list, on, cursor, filter } => {
            if edit_filter(filter, key) {
                if let Some(first) = visible(*list, filter).first() {
                    *cursor = *first;
                }
                return false;
            }
            let step = match key.code {
                KeyCode::Right | KeyCode::Down => 1,
                KeyCode::Left | KeyCode::Up => -1,
                KeyCode::Enter => return flip(on, *cursor, *list, filter),
                _ => return false,
            };
            *cursor = walk(&visible(*list, filter), *cursor, step).unwrap_or(*cursor);
            false
        }
        _ => false,
    }
}

fn flip(on: &mut [bool], cursor: usize, list: List, filter: &str) -> bool {
    if !matches(list, cursor, filter) {
        return false;
    }
    on.get_mut(cursor).map(|v| *v = !*v).is_some()
}

/// Space: the highlighted code on or off; a single choice moves to the next match.
pub fn toggle(kind: &mut Kind) -> bool {
    match kind {
        Kind::Multi { list, on, cursor, filter } => flip(on, *cursor, *list, filter),
        Kind::Choice { .. } => key(kind, KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(kind: &mut Kind, s: &str) {
        for c in s.chars() {
            key(kind, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn typing_narrows_a_multi_list_and_space_ticks_the_match() {
        let list = List::Signal;
        let mut k =
            Kind::Multi { list, on: vec![false; list.codes().0.len()], cursor: 0, filter: String::new() };
        typed(&mut k, "paspoort");
        assert!(toggle(&mut k));
        let Kind::Multi { on, cursor, filter, .. } = &k else { panic!() };
        assert_eq!(filter, "paspoort");
        assert_eq!(list.codes().0[*cursor].id, "documents_taken");
        assert_eq!(on.iter().filter(|x| **x).count(), 1);
        assert!(on[*cursor]);
    }

    #[test]
    fn typing_chooses_the_first_match_of_a_single_choice() {
        let list = List::MarriageForm;
        let mut k = Kind::Choice { list, value: None, optional: false, filter: String::new() };
        typed(&mut k, "relig");
        let Kind::Choice { value, .. } = &k else { panic!() };
        assert_eq!(value.map(|i| list.codes().0[i].id.as_str()), Some("religious"));
        // Backspace widens the list again; the choice stays.
        key(&mut k, KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        let Kind::Choice { value, filter, .. } = &k else { panic!() };
        assert_eq!(
            (filter.as_str(), value.map(|i| list.codes().0[i].id.as_str())),
            ("reli", Some("religious"))
        );
    }
}
