//! The follow-up actions in the editor: one row per action with its own date input, its
//! text and a done mark. The date is structure (never checked for personal data, never
//! touched by F2); only the text is free text.

use crate::domain::{Date, FollowUp};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// Which input of a row has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Due,
    Text,
}

/// One follow-up as typed.
pub struct Row {
    pub due: Box<TextArea<'static>>,
    pub text: Box<TextArea<'static>>,
    pub done: bool,
}

/// A one-line input holding `s`, the cursor after it.
pub fn line_input(s: &str) -> Box<TextArea<'static>> {
    let mut area = TextArea::new(vec![s.to_string()]);
    area.set_cursor_line_style(ratatui::style::Style::new());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Box::new(area)
}

impl Row {
    pub fn new(due: &str, text: &str, done: bool) -> Row {
        Row { due: line_input(due), text: line_input(text), done }
    }

    pub fn due_text(&self) -> String {
        self.due.lines().join("")
    }

    pub fn text(&self) -> String {
        self.text.lines().join("")
    }

    pub fn is_blank(&self) -> bool {
        self.due_text().trim().is_empty() && self.text().trim().is_empty()
    }

    /// The due date typed: `Ok(None)` when empty, `Err` (why) when it is not a real date.
    pub fn due(&self) -> Result<Option<Date>, String> {
        let typed = self.due_text();
        if typed.trim().is_empty() { Ok(None) } else { Date::parse_dutch(&typed).map(Some) }
    }

    /// Due before `today` and not done (as typed; an unfinished date is not overdue).
    pub fn overdue(&self, today: Date) -> bool {
        !self.done && self.due().ok().flatten().is_some_and(|d| d < today)
    }
}

/// The rows of the follow-ups field, the row and input with the cursor.
pub struct Rows {
    pub rows: Vec<Row>,
    pub row: usize,
    pub part: Part,
}

impl Rows {
    pub fn of(actions: &[FollowUp]) -> Rows {
        let rows = actions
            .iter()
            .map(|a| Row::new(&a.due.map(|d| d.dutch()).unwrap_or_default(), &a.text, a.done))
            .collect();
        Rows { rows, row: 0, part: Part::Due }
    }

    /// The follow-ups as typed: blank rows left out, a date that is not a real one left
    /// empty (saving refuses it first; see [`Rows::bad_date`]).
    pub fn actions(&self) -> Vec<FollowUp> {
        self.rows
            .iter()
            .filter(|r| !r.is_blank())
            .map(|r| FollowUp {
                text: r.text().trim().to_string(),
                due: r.due().ok().flatten(),
                done: r.done,
            })
            .collect()
    }

    /// The first row whose date is filled in but not a real date.
    pub fn bad_date(&self) -> Option<usize> {
        self.rows.iter().position(|r| r.due().is_err())
    }

    /// Typed dates that are not dates yet, by the index their action has in `actions()`:
    /// kept in a draft so a half-typed date survives a crash.
    pub fn typed_dates(&self) -> Vec<(usize, String)> {
        self.rows
            .iter()
            .filter(|r| !r.is_blank())
            .enumerate()
            .filter(|(_, r)| r.due().is_err())
            .map(|(i, r)| (i, r.due_text()))
            .collect()
    }

    pub fn current(&mut self) -> Option<&mut Row> {
        self.rows.get_mut(self.row)
    }

    /// A new empty row below the current one, with the cursor in its date.
    pub fn add(&mut self) {
        let at = if self.rows.is_empty() { 0 } else { self.row + 1 };
        self.rows.insert(at, Row::new("", "", false));
        self.row = at;
        self.part = Part::Due;
    }

    /// Removes the current row; true if there was one.
    pub fn remove(&mut self) -> bool {
        if self.row >= self.rows.len() {
            return false;
        }
        self.rows.remove(self.row);
        self.row = self.row.min(self.rows.len().saturating_sub(1));
        true
    }

    pub fn toggle_done(&mut self) -> bool {
        self.current().map(|r| r.done = !r.done).is_some()
    }

    /// A key for the rows; true when something typed changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Up => {
                self.row = self.row.saturating_sub(1);
                false
            }
            KeyCode::Down => {
                self.row = (self.row + 1).min(self.rows.len().saturating_sub(1));
                false
            }
            // Enter walks on: date, text, the next row's date (a new row after the last).
            KeyCode::Enter => {
                match self.part {
                    Part::Due => self.part = Part::Text,
                    Part::Text if self.row + 1 < self.rows.len() => {
                        self.row += 1;
                        self.part = Part::Due;
                    }
                    Part::Text => {
                        let blank = self.rows.get(self.row).is_none_or(Row::is_blank);
                        if blank {
                            return false;
                        }
                        self.add();
                        return true;
                    }
                }
                false
            }
            _ => {
                // Typing into a field without rows starts the first one.
                if self.rows.is_empty() {
                    if !matches!(key.code, KeyCode::Char(_)) || ctrl {
                        return false;
                    }
                    self.add();
                }
                let part = self.part;
                let Some(row) = self.current() else { return false };
                let area = match part {
                    Part::Due => &mut row.due,
                    Part::Text => &mut row.text,
                };
                if ctrl && key.code == KeyCode::Char('u') {
                    area.delete_line_by_head()
                } else {
                    area.input(key)
                }
            }
        }
    }

    /// Pasted text goes into the input with the cursor, as one line.
    pub fn paste(&mut self, s: &str) {
        if self.rows.is_empty() {
            self.add();
            self.part = Part::Text;
        }
        let part = self.part;
        if let Some(row) = self.current() {
            let line = s.lines().collect::<Vec<_>>().join(" ");
            match part {
                Part::Due => row.due.insert_str(line),
                Part::Text => row.text.insert_str(line),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(rows: &mut Rows, s: &str) {
        for c in s.chars() {
            let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
            rows.key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    #[test]
    fn typing_walks_date_text_and_next_row() {
        let mut r = Rows::of(&[]);
        typed(&mut r, "3-12-26\nbel school\n\nmail\n");
        let a = r.actions();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].due.map(|d| d.iso()).as_deref(), Some("2026-12-03"), "3-12-26 is 2026");
        assert_eq!(a[0].text, "bel school");
        assert_eq!((a[1].due, a[1].text.as_str()), (None, "mail"));
        assert_eq!(r.bad_date(), None);
    }

    #[test]
    fn an_impossible_date_is_found_and_kept_as_typed() {
        let mut r = Rows::of(&[]);
        typed(&mut r, "32-13-2026\nhuisarts");
        assert_eq!(r.bad_date(), Some(0));
        assert_eq!(r.typed_dates(), [(0, "32-13-2026".to_string())]);
        assert_eq!(r.actions()[0].due, None);
    }

    #[test]
    fn overdue_is_before_today_and_not_done() {
        let today = Date::parse_iso("2026-11-20").unwrap();
        let mut r = Rows::of(&[FollowUp {
            text: "bel".into(),
            due: Date::parse_iso("2026-11-19").ok(),
            done: false,
        }]);
        assert!(r.rows[0].overdue(today));
        r.toggle_done();
        assert!(!r.rows[0].overdue(today));
        assert!(r.remove() && r.rows.is_empty() && !r.remove());
    }
}
