//! Rendering: a pure function of `App` into a buffer. One file per screen; this one lays out
//! the frame (header, body, message, key-hint bar) and the overlays.

pub mod detail;
pub mod dialog;
pub mod editor;
pub mod export;
mod help;
pub mod list;
pub mod manage;
mod stats;
mod transfer;
pub mod welcome;

use super::app::{App, Overlay, Screen};
use super::keymap;
use super::theme;
use super::view::View;
use crate::i18n::{t, tf};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        Paragraph::new(t(app.lang, "ui.too_small")).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    // A long message (a file path, say) gets a second line rather than being cut off.
    let long = app.message.as_ref().is_some_and(|m| Line::from(m.as_str()).width() > usize::from(area.width));
    let [header, body, message, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(if long { 2 } else { 1 }),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, header, buf);
    let view = View { lang: app.lang, today: app.today, list: &app.list };
    match &app.screen {
        Screen::Welcome(s) => welcome::render(app.lang, s, true, body, buf),
        Screen::Unlock(s) => welcome::render(app.lang, s, false, body, buf),
        Screen::List => list::render(&view, body, buf),
        Screen::Detail(d) => detail::render(&view, &d.record, d.scroll, body, buf),
        Screen::Stats(v) => stats::render(app, v, body, buf),
        Screen::Editor(f) => editor::render(&view, f, body, buf),
    }
    if app.storage_busy {
        Paragraph::new(Span::styled(t(app.lang, "ui.msg.storage_slow"), theme::warn()))
            .wrap(Wrap { trim: true })
            .render(message, buf);
    } else if let Some(m) = &app.message {
        Paragraph::new(Span::styled(m.as_str(), theme::warn()))
            .wrap(Wrap { trim: true })
            .render(message, buf);
    } else if matches!(app.screen, Screen::List) {
        backup_line(app).render(message, buf);
    }
    render_bar(app, bar, buf);
    for o in &app.overlays {
        match o {
            Overlay::Dialog(d) => dialog::render(app.lang, *d, body, buf),
            Overlay::Transfer(tr) => transfer::render(&view, tr, body, buf),
            Overlay::Export(p) => export::render(app.lang, app.today, p, body, buf),
            Overlay::Manage(m) => manage::render(app.lang, m, body, buf),
            Overlay::Help => help::render(&view, app.base_context(), app.help_page, body, buf),
        }
    }
}

/// The list's status line: when the last backup was made, a warning when there is none or it
/// is old, and "bezig" while one is written.
fn backup_line(app: &App) -> Line<'static> {
    use crate::backups::Freshness;
    let lang = app.lang;
    if app.backing_up {
        return Line::from(Span::styled(t(lang, "ui.backup.running").to_string(), theme::dim()));
    }
    let Some(state) = app.backup else { return Line::default() };
    let when = |at: chrono::DateTime<chrono::Utc>| {
        let local = at.with_timezone(&chrono::Local);
        let day = local.date_naive();
        let time = local.format("%H:%M").to_string();
        match (app.today.0 - day).num_days() {
            0 => format!("{} {time}", t(lang, "ui.backup.today")),
            1 => format!("{} {time}", t(lang, "ui.backup.yesterday")),
            _ => format!("{} {time}", crate::domain::Date(day).dutch()),
        }
    };
    if app.backup_failing {
        let last = state.last.map(when).unwrap_or_else(|| t(lang, "ui.backup.none").to_string());
        return Line::from(Span::styled(tf(lang, "ui.backup.failing", &[("when", &last)]), theme::warn()));
    }
    let (text, style) = match (state.freshness(app.today.0), state.last) {
        (Freshness::Recent, Some(at)) => (tf(lang, "ui.backup.recent", &[("when", &when(at))]), theme::dim()),
        (Freshness::Old { days }, Some(at)) => {
            (tf(lang, "ui.backup.old", &[("days", &days.to_string()), ("when", &when(at))]), theme::warn())
        }
        _ if state.configured => (t(lang, "ui.backup.never").to_string(), theme::warn()),
        _ => (t(lang, "ui.backup.never_unset").to_string(), theme::warn()),
    };
    Line::from(Span::styled(text, style))
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::styled(format!(" {} ", t(app.lang, "ui.app_title")), theme::title())];
    if app.demo {
        spans.push(Span::styled(format!(" {} ", t(app.lang, "ui.demo")), theme::demo()));
    }
    let where_ = match &app.screen {
        Screen::Welcome(_) => "ui.screen.welcome",
        Screen::Unlock(_) => "ui.screen.unlock",
        Screen::List => "ui.screen.list",
        Screen::Detail(_) => "ui.screen.detail",
        Screen::Stats(_) => "ui.screen.stats",
        Screen::Editor(f) if f.id.is_none() => "ui.screen.new",
        Screen::Editor(_) => "ui.screen.edit",
    };
    spans.push(Span::styled(format!(" · {}", t(app.lang, where_)), theme::dim()));
    if let Screen::List = app.screen {
        spans.push(list::sort_span(app.lang, app.list.sort));
    }
    Line::from(spans).render(area, buf);
}

fn render_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![];
    for bd in keymap::bar(app.context()) {
        spans.push(Span::styled(t(app.lang, bd.label), theme::key()));
        spans.push(Span::raw(format!(" {}  ", t(app.lang, bd.desc))));
    }
    Line::from(spans).render(area, buf);
}
