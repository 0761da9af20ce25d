//! The whole consultation, readable, section by section in the order of the prompts.

use crate::domain::Record;
use crate::i18n::Lang;
use crate::tui::app::App;
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The record in the shared layout (`present::record`), styled for the screen.
pub fn lines(lang: Lang, r: &Record) -> Vec<Line<'static>> {
    use crate::present::Line as L;
    crate::present::record(lang, r)
        .into_iter()
        .map(|l| match l {
            L::Pair(k, v) => Line::from(vec![Span::styled(format!("{k}: "), theme::title()), Span::raw(v)]),
            L::Heading(h) => Line::from(Span::styled(h, theme::title())),
            L::Text(s) => Line::from(s),
            L::Dim(s) => Line::from(Span::styled(s, theme::dim())),
            L::Warn(s) => Line::from(Span::styled(s, theme::warn())),
            L::Blank => Line::from(""),
        })
        .collect()
}

pub fn render(app: &App, r: &Record, scroll: u16, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines(app.lang, r))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(area.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }), buf);
}
