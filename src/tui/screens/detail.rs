//! The whole consultation, readable, section by section in the order of the prompts: state,
//! update and view of the detail screen.

use crate::domain::{Date, Record};
use crate::i18n::Lang;
use crate::tui::action::{Action, Cmd, Effect};
use crate::tui::form::Form;
use crate::tui::manage::{DeleteDialog, Manage};
use crate::tui::step::Step;
use crate::tui::theme;
use crate::tui::view::View;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The record in the shared layout (`present::record`), styled for the screen, as read
/// on `today` (overdue follow-ups say so).
pub fn lines(lang: Lang, r: &Record, today: Date) -> Vec<Line<'static>> {
    use crate::present::Line as L;
    crate::present::record_on(lang, r, Some(today))
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

pub fn render(app: &View, r: &Record, scroll: u16, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines(app.lang, r, app.today))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(area.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }), buf);
}

/// The detail screen: one record and how far it is scrolled.
pub struct Detail {
    pub record: Box<Record>,
    pub scroll: u16,
}

/// The furthest the detail scrolls: its last line at the bottom of a `height`-line view
/// `width` wide, never past the end into emptiness.
pub fn max_scroll(lang: Lang, r: &Record, today: Date, width: u16, height: u16) -> u16 {
    let inner = width.saturating_sub(2).max(1);
    let total: u32 = lines(lang, r, today)
        .iter()
        .map(|l| {
            u32::from(crate::tui::text::wrapped(
                &l.spans.iter().map(|s| s.content.as_ref()).collect::<String>(),
                inner,
            ))
        })
        .sum();
    u16::try_from(total.saturating_sub(u32::from(height))).unwrap_or(u16::MAX)
}

/// What a key does on the detail screen, in a view of `page` lines, `width` wide.
pub fn update(d: &mut Detail, a: Action, lang: Lang, (page, width): (usize, u16), today: Date) -> Step {
    let page = u16::try_from(page).unwrap_or(u16::MAX);
    let max = max_scroll(lang, &d.record, today, width, page);
    match a {
        Action::Cmd(Cmd::Back) => return Step::ToList,
        Action::Cmd(Cmd::Share) => return Step::run(Effect::PrepareShare { ids: vec![d.record.id.clone()] }),
        Action::Cmd(Cmd::Delete) => {
            let c = &d.record.consultation;
            let label = if c.label.is_empty() { crate::domain::summary::preview(c) } else { c.label.clone() };
            let ask = DeleteDialog { id: d.record.id.clone(), date: c.consulted_on, label };
            return Step::Manage(Manage::Delete(ask));
        }
        Action::Cmd(Cmd::Export) => {
            return Step::ExportCase(d.record.clone());
        }
        Action::Cmd(Cmd::Edit) => {
            let r = d.record.as_ref().clone();
            let received = r.received.is_some();
            let mut f = Form::from_consultation(Some(r.id), r.consultation);
            f.received = received;
            // Saving or leaving returns here, where the worker came from.
            f.from_detail = true;
            return Step::Edit(Box::new(f));
        }
        Action::Cmd(Cmd::Up) => d.scroll = d.scroll.saturating_sub(1),
        Action::Cmd(Cmd::Down) => d.scroll = d.scroll.saturating_add(1).min(max),
        Action::Cmd(Cmd::PageUp) => d.scroll = d.scroll.saturating_sub(page.saturating_sub(1).max(1)),
        Action::Cmd(Cmd::PageDown) => {
            d.scroll = d.scroll.saturating_add(page.saturating_sub(1).max(1)).min(max)
        }
        Action::Cmd(Cmd::Top) => d.scroll = 0,
        Action::Cmd(Cmd::Bottom) => d.scroll = max,
        _ => {}
    }
    Step::Stay
}
