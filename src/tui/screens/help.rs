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
        KeyCtx::EditorActions => "ui.ctx.editor_actions",
        KeyCtx::EditorPick => "ui.ctx.editor_pick",
        KeyCtx::Help => "ui.ctx.help",
        KeyCtx::Unsaved | KeyCtx::EmptySave | KeyCtx::QuitLoses | KeyCtx::FutureDate => "ui.ctx.unsaved",
        KeyCtx::Draft => "ui.ctx.draft",
        KeyCtx::DeleteConfirm | KeyCtx::Passphrase => "ui.ctx.manage",
        KeyCtx::Stats => "ui.ctx.stats",
        KeyCtx::Share | KeyCtx::SharePath | KeyCtx::ShareConfirm | KeyCtx::ShareBlocked => "ui.ctx.share",
        KeyCtx::Import => "ui.ctx.import",
        KeyCtx::BackupFolder => "ui.ctx.backup_folder",
        KeyCtx::ExportPreview | KeyCtx::ExportConfirm => "ui.ctx.export",
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

/// `page`: which page of two columns to show when the table does not fit (the last when
/// past it).
pub fn render(app: &View, here: KeyCtx, page: usize, area: Rect, buf: &mut Buffer) {
    let r = area.inner(ratatui::layout::Margin { horizontal: 2, vertical: 0 });
    Clear.render(r, buf);
    let [cols, notes] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(4)]).areas(Block::bordered().inner(r));
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(cols);
    let mine: Vec<KeyCtx> = [Some(here), here.parent()].into_iter().flatten().collect();
    let mut others = vec![KeyCtx::Global];
    others.extend(
        [KeyCtx::List, KeyCtx::Detail, KeyCtx::Editor, KeyCtx::Stats]
            .into_iter()
            .filter(|c| !mine.contains(c)),
    );
    // The groups flow down the left column, then the right, a page at a time.
    let mut lines = group_lines(app, &mine);
    lines.extend(group_lines(app, &others));
    let h = usize::from(cols.height).max(1);
    let pages = lines.len().div_ceil(2 * h).max(1);
    let page = page.min(pages - 1);
    let mut title = t(app.lang, "ui.help.title").to_string();
    if pages > 1 {
        let key = if page + 1 < pages { "ui.help.title_pages" } else { "ui.help.title_last_page" };
        title = crate::i18n::tf(
            app.lang,
            key,
            &[("title", &title), ("page", &(page + 1).to_string()), ("pages", &pages.to_string())],
        );
    }
    Block::bordered().title(title).render(r, buf);
    let col = |i: usize| lines.iter().skip((2 * page + i) * h).take(h).cloned().collect::<Vec<_>>();
    Paragraph::new(col(0)).render(left, buf);
    Paragraph::new(col(1)).render(right, buf);
    Paragraph::new(vec![
        Line::from(Span::styled(t(app.lang, "ui.help.editor_keys"), theme::dim())),
        Line::from(Span::styled(t(app.lang, "ui.help.markers"), theme::dim())),
    ])
    .wrap(Wrap { trim: true })
    .render(notes, buf);
}
