//! The help overlay: every binding of the keymap, grouped by where it applies.

use crate::i18n::t;
use crate::tui::app::App;
use crate::tui::keymap::{Ctx, KEYMAP};
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

fn ctx_key(c: Ctx) -> &'static str {
    match c {
        Ctx::Global => "ui.ctx.global",
        Ctx::Welcome => "ui.ctx.welcome",
        Ctx::Unlock => "ui.ctx.unlock",
        Ctx::List => "ui.ctx.list",
        Ctx::Search => "ui.ctx.search",
        Ctx::Detail => "ui.ctx.detail",
        Ctx::Editor => "ui.ctx.editor",
        Ctx::Help => "ui.ctx.help",
        Ctx::Unsaved => "ui.ctx.unsaved",
        Ctx::Draft => "ui.ctx.draft",
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let mut lines: Vec<Line> = vec![];
    let mut last: Option<Ctx> = None;
    let groups = [Ctx::List, Ctx::Search, Ctx::Detail, Ctx::Editor, Ctx::Global];
    for g in groups {
        for bd in KEYMAP.iter().filter(|b| b.ctx == g) {
            if last != Some(g) {
                lines.push(Line::from(Span::styled(t(app.lang, ctx_key(g)), theme::title())));
                last = Some(g);
            }
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<10}", bd.label), theme::key()),
                Span::raw(t(app.lang, bd.desc)),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t(app.lang, "ui.help.editor_keys"), theme::dim())));
    lines.push(Line::from(Span::styled(t(app.lang, "ui.help.markers"), theme::dim())));
    let r = area.inner(ratatui::layout::Margin { horizontal: 2, vertical: 0 });
    Clear.render(r, buf);
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .block(Block::bordered().title(t(app.lang, "ui.help.title").to_string()))
        .render(r, buf);
}
