//! The help overlay: the bindings of the keymap, grouped by where they apply; the group of
//! the screen the user is on comes first.

use crate::i18n::t;
use crate::tui::keymap::{KEYMAP, KeyCtx};
use crate::tui::theme;
use crate::tui::view::View;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

fn ctx_key(c: KeyCtx) -> &'static str {
    match c {
        KeyCtx::Global => "ui.ctx.global",
        KeyCtx::Welcome => "ui.ctx.welcome",
        KeyCtx::Unlock => "ui.ctx.unlock",
        KeyCtx::List => "ui.ctx.list",
        KeyCtx::Search => "ui.ctx.search",
        KeyCtx::Detail => "ui.ctx.detail",
        KeyCtx::Editor => "ui.ctx.editor",
        KeyCtx::Help => "ui.ctx.help",
        KeyCtx::Unsaved | KeyCtx::EmptySave | KeyCtx::QuitLoses => "ui.ctx.unsaved",
        KeyCtx::Draft => "ui.ctx.draft",
        KeyCtx::DeleteConfirm | KeyCtx::Passphrase => "ui.ctx.manage",
        KeyCtx::Stats => "ui.ctx.stats",
        KeyCtx::Share | KeyCtx::SharePath | KeyCtx::ShareConfirm | KeyCtx::ShareBlocked => "ui.ctx.share",
        KeyCtx::Import => "ui.ctx.import",
        KeyCtx::Contacts | KeyCtx::ContactsAdd | KeyCtx::ContactsConfirm | KeyCtx::ContactsRename => {
            "ui.ctx.contacts"
        }
    }
}

fn group_lines(app: &View, groups: &[KeyCtx]) -> Vec<Line<'static>> {
    let mut lines = vec![];
    for g in groups {
        lines.push(Line::from(Span::styled(t(app.lang, ctx_key(*g)).to_string(), theme::title())));
        let mut seen: Vec<&str> = vec![];
        for bd in KEYMAP.iter().filter(|b| b.ctx == *g) {
            // One line per key: the help of a context lists each key once.
            if seen.contains(&bd.label) {
                continue;
            }
            seen.push(bd.label);
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<10}", t(app.lang, bd.label)), theme::key()),
                Span::raw(t(app.lang, bd.desc).to_string()),
            ]));
        }
    }
    lines
}

pub fn render(app: &View, here: KeyCtx, area: Rect, buf: &mut Buffer) {
    let r = area.inner(ratatui::layout::Margin { horizontal: 2, vertical: 0 });
    Clear.render(r, buf);
    let block = Block::bordered().title(t(app.lang, "ui.help.title").to_string());
    let inner = block.inner(r);
    block.render(r, buf);
    let [cols, notes] = Layout::vertical([Constraint::Min(1), Constraint::Length(4)]).areas(inner);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(cols);
    let mut others = vec![KeyCtx::Global];
    others.extend(
        [KeyCtx::List, KeyCtx::Detail, KeyCtx::Editor, KeyCtx::Stats].into_iter().filter(|c| *c != here),
    );
    // What does not fit in the left column continues at the top of the right one.
    let mut here_lines = group_lines(app, &[here]);
    let rest = here_lines.split_off(here_lines.len().min(usize::from(left.height)));
    let right_lines: Vec<Line> = rest.into_iter().chain(group_lines(app, &others)).collect();
    Paragraph::new(here_lines).render(left, buf);
    Paragraph::new(right_lines).render(right, buf);
    Paragraph::new(vec![
        Line::from(Span::styled(t(app.lang, "ui.help.editor_keys"), theme::dim())),
        Line::from(Span::styled(t(app.lang, "ui.help.markers"), theme::dim())),
    ])
    .wrap(Wrap { trim: true })
    .render(notes, buf);
}
