//! The follow-up rows in the editor: a done mark, the date and the text per row, overdue
//! ones marked; the row with the cursor draws its live inputs over its line.

use crate::domain::Date;
use crate::i18n::{Lang, t};
use crate::tui::form::{Part, Rows};
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// Columns before the date: the cursor mark and the done box.
const DUE_AT: u16 = 6;
/// The date's column: `dd-mm-jjjj` and room for the cursor.
const DUE_W: u16 = 11;
/// Where the text starts.
const TEXT_AT: u16 = DUE_AT + DUE_W + 1;

fn cut(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_string();
    }
    let mut out: String = s.chars().take(w.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// One line per row (one saying there are none yet).
pub fn lines(lang: Lang, today: Date, rows: &Rows, focused: bool, width: u16) -> Vec<Line<'static>> {
    if rows.rows.is_empty() {
        return vec![Line::from(Span::styled(t(lang, "ui.actions.none").to_string(), theme::dim()))];
    }
    let late = format!("  {}", t(lang, "ui.actions.overdue"));
    rows.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let here = focused && i == rows.row;
            let overdue = r.overdue(today);
            let due_style = if overdue { theme::acute() } else { ratatui::style::Style::new() };
            let room = usize::from(width.saturating_sub(TEXT_AT)).saturating_sub(if overdue {
                late.chars().count()
            } else {
                0
            });
            let mut spans = vec![
                Span::styled(if here { "▸ " } else { "  " }, theme::focus()),
                Span::raw(if r.done { "[x] " } else { "[ ] " }),
                Span::styled(
                    format!("{:<w$} ", cut(&r.due_text(), usize::from(DUE_W) - 1), w = usize::from(DUE_W)),
                    due_style,
                ),
                Span::raw(cut(&r.text(), room)),
            ];
            if overdue {
                spans.push(Span::styled(late.clone(), theme::acute()));
            }
            Line::from(spans)
        })
        .collect()
}

/// The live input of the row with the cursor, over its line at `y` (the rows start there).
pub fn render_input(rows: &Rows, r: Rect, y: u16, buf: &mut Buffer) {
    let Some(row) = rows.rows.get(rows.row) else { return };
    let line_y = y + rows.row as u16;
    if line_y >= r.y + r.height {
        return;
    }
    let (x, w, area) = match rows.part {
        Part::Due => (r.x + DUE_AT, DUE_W, &row.due),
        Part::Text => (r.x + TEXT_AT, r.width.saturating_sub(TEXT_AT), &row.text),
    };
    let at = Rect { x, y: line_y, width: w.min(r.width.saturating_sub(x - r.x)), height: 1 };
    Clear.render(at, buf);
    area.render(at, buf);
}
