//! The first-run welcome (create the vault) and the unlock screen: both a masked field or two.

use crate::i18n::t;
use crate::tui::app::{App, Secrets};
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

/// A one-line text field in a titled box; the cursor shows only when it has focus.
pub(super) fn field(area: &TextArea<'static>, title: &str, focused: bool, r: Rect, buf: &mut Buffer) {
    let mut a = area.clone();
    let style = if focused { theme::focus() } else { theme::dim() };
    a.set_block(Block::bordered().title(title.to_string()).border_style(style));
    a.set_cursor_line_style(ratatui::style::Style::new());
    if !focused {
        a.set_cursor_style(ratatui::style::Style::new());
    }
    a.render(r, buf);
}

/// Strength as users understand it; length is what matters for a passphrase.
fn strength_key(n: usize) -> &'static str {
    match n {
        0 => "ui.strength.empty",
        1..=11 => "ui.strength.weak",
        12..=19 => "ui.strength.fair",
        _ => "ui.strength.strong",
    }
}

pub fn render(app: &App, s: &Secrets, welcome: bool, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let inner = area.inner(ratatui::layout::Margin { horizontal: 2, vertical: 1 });
    if welcome {
        let [intro, f1, f2, hint, warn] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        Paragraph::new(t(lang, "ui.welcome.intro")).wrap(Wrap { trim: true }).render(intro, buf);
        field(&s.first, t(lang, "ui.welcome.pass1"), !s.focus_second, f1, buf);
        field(&s.second, t(lang, "ui.welcome.pass2"), s.focus_second, f2, buf);
        let n = s.first_text().chars().count();
        let style = if n < 12 { theme::warn() } else { theme::dim() };
        Line::from(Span::styled(t(lang, strength_key(n)), style)).render(hint, buf);
        Paragraph::new(t(lang, "ui.welcome.lost"))
            .style(theme::acute())
            .wrap(Wrap { trim: true })
            .render(warn, buf);
    } else {
        let [intro, f1] = Layout::vertical([Constraint::Length(2), Constraint::Length(3)]).areas(inner);
        Paragraph::new(t(lang, "ui.unlock.intro")).wrap(Wrap { trim: true }).render(intro, buf);
        field(&s.first, t(lang, "ui.unlock.pass"), true, f1, buf);
    }
}
