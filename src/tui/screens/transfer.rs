//! The share and import dialogs, drawn over the list or detail.

use super::welcome::field;
use crate::domain::Catalogue;
use crate::i18n::{Lang, t, tf};
use crate::tui::contacts::{ContactsDialog, Stage};
use crate::tui::theme;
use crate::tui::transfer::{Focus, FolderDialog, FoundItem, ImportDialog, Mode, ShareDialog, Transfer};
use crate::tui::view::View;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// Findings listed by name; the rest are counted.
const FINDINGS_SHOWN: usize = 4;

/// A field of a record as the worker knows it: the question's title, "Advies", "Acties".
fn field_name(lang: Lang, field: &str) -> String {
    if let Some(p) = field.strip_prefix("prompts.").and_then(|id| Catalogue::builtin().prompt(id)) {
        return match lang {
            Lang::Nl => p.nl.clone(),
            Lang::En => p.en.clone(),
        };
    }
    let key = match field {
        "label" => "field.label",
        f if f.starts_with("actions") => "field.actions",
        _ => "field.advice",
    };
    t(lang, key).to_string()
}

fn finding_line(lang: Lang, f: &FoundItem) -> Line<'static> {
    Line::from(vec![
        Span::raw(format!("  {}: {} ", field_name(lang, &f.field), t(lang, &format!("kind.{}", f.kind)))),
        Span::styled(format!("«{}»", f.text), theme::finding()),
    ])
}

/// Rows the lines take when wrapped at `width`; word wrapping may need one more per long line.
fn rows(lines: &[Line], width: usize) -> usize {
    lines.iter().map(|l| if l.width() <= width { 1 } else { l.width().div_ceil(width) + 1 }).sum()
}

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = area.width.saturating_sub(4).min(width);
    let h = area.height.min(height);
    area.centered(Constraint::Length(w), Constraint::Length(h))
}

fn check_lines(lang: Lang, d: &ShareDialog) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(t(lang, "ui.share.check").to_string(), theme::title()))];
    let f = &d.info.findings;
    if f.is_empty() {
        lines.push(Line::from(format!("  ✓ {}", t(lang, "ui.share.check_ok"))));
    } else {
        let n = f.len().to_string();
        lines.push(Line::from(Span::styled(
            format!("  ✗ {}", tf(lang, "ui.share.check_found", &[("n", &n)])),
            theme::acute(),
        )));
        lines.extend(f.iter().take(FINDINGS_SHOWN).map(|x| finding_line(lang, x)));
        if f.len() > FINDINGS_SHOWN {
            let more = (f.len() - FINDINGS_SHOWN).to_string();
            lines.push(Line::from(format!("  {}", tf(lang, "ui.share.more", &[("n", &more)]))));
        }
    }
    if let Some(key) = d.blocked() {
        lines.push(Line::from(Span::styled(t(lang, key).to_string(), theme::warn())));
    }
    lines
}

fn recipient_lines(lang: Lang, d: &ShareDialog) -> Vec<Line<'static>> {
    let focused = d.focus == Focus::Recipients && !d.confirming;
    let mut lines = vec![Line::from(Span::styled(t(lang, "ui.share.to").to_string(), theme::title()))];
    match &d.info.mode {
        Mode::Reply { to } => {
            lines.push(Line::from(format!("  {to} ({})", t(lang, "ui.share.sender"))));
        }
        Mode::Share => {
            for (i, c) in d.choices.iter().enumerate() {
                let mark = if c.chosen { "[x]" } else { "[ ]" };
                let keys = tf(
                    lang,
                    if c.keys == 1 { "ui.share.key_one" } else { "ui.share.keys" },
                    &[("n", &c.keys.to_string())],
                );
                let text = format!("  {mark} {} ({keys})", c.name);
                let here = focused && i == d.cursor;
                lines.push(if here {
                    Line::from(Span::styled(text, theme::focus().patch(theme::selected())))
                } else {
                    Line::from(text)
                });
            }
        }
    }
    lines.push(Line::from(Span::styled(format!("  {}", t(lang, "ui.share.self_copy")), theme::dim())));
    lines
}

/// The label of a bundle field path for people: a prompt's question, a field's name.
fn preview_label(lang: Lang, path: &str) -> String {
    if path.starts_with("prompts.") {
        return field_name(lang, path);
    }
    let base = path.split('[').next().unwrap_or(path);
    let last = base.rsplit('.').next().unwrap_or(base);
    let key = format!("field.{last}");
    let label = t(lang, &key);
    let mut out = if label == key { base.to_string() } else { label.to_string() };
    // "actions[0].due" reads "Vervolgacties 1, datum".
    if let Some((_, rest)) = path.split_once('[')
        && let Some((n, field)) = rest.split_once(']')
    {
        out.push_str(&format!(" {}", n.parse::<usize>().map_or(0, |n| n + 1)));
        if let Some(sub) = field.strip_prefix('.') {
            let k = format!("field.{sub}");
            let l = t(lang, &k);
            out.push_str(&format!(", {}", if l == k { sub } else { l }));
        }
    }
    out
}

/// A code's label in whichever list has it; other values as they are.
fn preview_value(lang: Lang, value: &str) -> String {
    let cat = Catalogue::builtin();
    let one = |v: &str| -> String {
        if let Ok(d) = crate::domain::Date::parse_iso(v) {
            return d.dutch();
        }
        match v {
            "true" => return t(lang, "ui.yes").to_string(),
            "false" => return t(lang, "ui.no").to_string(),
            _ => {}
        }
        crate::domain::schema::List::names()
            .find_map(|l| cat.list(l).get(v))
            .map_or_else(|| v.to_string(), |c| if lang == Lang::Nl { c.nl.clone() } else { c.en.clone() })
    };
    value.split(", ").map(one).collect::<Vec<_>>().join(", ")
}

/// The last step: what the adviser will receive, as many lines as fit, then "n more".
fn preview_lines(lang: Lang, d: &ShareDialog, room: usize, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(t(lang, "ui.share.preview").to_string(), theme::title()))];
    let items = &d.info.preview[d.preview_offset.min(d.info.preview.len())..];
    let shown = if items.len() + 1 > room { room.saturating_sub(2) } else { items.len() };
    for (path, value) in items.iter().take(shown) {
        let mut text = format!(
            "  {}: {}",
            preview_label(lang, path),
            preview_value(lang, &crate::safe::one_line(value))
        );
        if text.chars().count() > width {
            text = text.chars().take(width.saturating_sub(1)).collect::<String>() + "…";
        }
        lines.push(Line::from(text));
    }
    if shown < items.len() {
        let more = (items.len() - shown).to_string();
        lines.push(Line::from(Span::styled(
            format!("  {}", tf(lang, "ui.share.preview_more", &[("n", &more)])),
            theme::dim(),
        )));
    }
    lines
}

fn bottom_lines(lang: Lang, d: &ShareDialog) -> Vec<Line<'static>> {
    let mark = if d.armor { "[x]" } else { "[ ]" };
    let text = format!("{mark} {}", t(lang, "ui.share.armor"));
    let format_line = if d.focus == Focus::Format && !d.confirming {
        Line::from(Span::styled(text, theme::focus().patch(theme::selected())))
    } else {
        Line::from(text)
    };
    let mut lines = vec![format_line, Line::from("")];
    if let Some(e) = &d.error {
        lines.push(Line::from(Span::styled(e.clone(), theme::acute())));
    } else if d.confirming {
        let to = match &d.info.mode {
            Mode::Share => d.chosen().join(", "),
            Mode::Reply { to } => to.clone(),
        };
        let key = match d.info.mode {
            Mode::Share => "ui.share.confirm",
            Mode::Reply { .. } => "ui.share.confirm_reply",
        };
        let file = d.path_text();
        lines.push(Line::from(Span::styled(tf(lang, key, &[("to", &to), ("file", &file)]), theme::warn())));
    }
    lines
}

fn render_share(app: &View, d: &ShareDialog, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let (title, about) = match &d.info.mode {
        Mode::Share => ("ui.share.title", "ui.share.about"),
        Mode::Reply { .. } => ("ui.share.title_reply", "ui.share.about_reply"),
    };
    let about_line = match d.info.ids.len() {
        0 | 1 => tf(lang, about, &[("date", &d.info.consulted_on.dutch())]),
        n => tf(lang, "ui.share.about_many", &[("n", &n.to_string())]),
    };
    let mut top = vec![Line::from(about_line), Line::from("")];
    let inner_w = usize::from(area.width.saturating_sub(6).clamp(1, 76));
    if d.confirming && d.error.is_none() {
        // The last step shows exactly what leaves, in place of the choices made.
        let room = usize::from(area.height).saturating_sub(4 + 3 + 6);
        top.extend(preview_lines(lang, d, room.max(3), inner_w));
    } else {
        top.extend(check_lines(lang, d));
        top.push(Line::from(""));
        top.extend(recipient_lines(lang, d));
    }
    // Nothing to fill in while something blocks sharing: show only what is wrong.
    let blocked = d.blocked().is_some();
    let bottom = if blocked { Vec::new() } else { bottom_lines(lang, d) };
    let (top_h, bottom_h) = (rows(&top, inner_w), rows(&bottom, inner_w));
    let want = if blocked { top_h + 2 } else { top_h + 3 + bottom_h + 2 };
    let r = popup(area, 78, u16::try_from(want).unwrap_or(u16::MAX));
    Clear.render(r, buf);
    let block = Block::bordered().title(format!(" {} ", t(lang, title))).border_style(theme::focus());
    let inner = block.inner(r);
    block.render(r, buf);
    let top_h = u16::try_from(top_h).unwrap_or(u16::MAX);
    let [top_r, path_r, bottom_r] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Length(3), Constraint::Min(1)]).areas(inner);
    if blocked {
        Paragraph::new(top).wrap(Wrap { trim: false }).render(inner, buf);
        return;
    }
    Paragraph::new(top).wrap(Wrap { trim: false }).render(top_r, buf);
    let typing = d.focus == Focus::Path && !d.confirming;
    field(&d.path, t(lang, "ui.share.save_as"), typing, path_r, buf);
    Paragraph::new(bottom).wrap(Wrap { trim: false }).render(bottom_r, buf);
}

/// Rows of found files shown at once; the list scrolls with the choice.
const FILES_SHOWN: usize = 8;

fn file_lines(lang: Lang, d: &ImportDialog) -> Vec<Line<'static>> {
    if d.files.is_empty() {
        return vec![Line::from(Span::styled(t(lang, "ui.import.none_found").to_string(), theme::dim()))];
    }
    let mut lines = vec![Line::from(Span::styled(t(lang, "ui.import.found").to_string(), theme::title()))];
    let first = d.pick.map_or(0, |p| (p + 1).saturating_sub(FILES_SHOWN));
    for (i, f) in d.files.iter().enumerate().skip(first).take(FILES_SHOWN) {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let dir = f.parent().map(|p| p.display().to_string()).unwrap_or_default();
        let line = Line::from(vec![Span::raw(format!("  {name}  ")), Span::styled(dir, theme::dim())]);
        lines.push(if d.pick == Some(i) {
            line.style(theme::focus().patch(theme::selected()))
        } else {
            line
        });
    }
    lines
}

fn render_import(app: &View, d: &ImportDialog, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let files = file_lines(lang, d);
    let msg_h: u16 = if d.error.is_some() { 3 } else { 1 };
    let r = popup(area, 78, 8 + msg_h + u16::try_from(files.len()).unwrap_or(0));
    Clear.render(r, buf);
    let block =
        Block::bordered().title(format!(" {} ", t(lang, "ui.import.title"))).border_style(theme::focus());
    let inner = block.inner(r);
    block.render(r, buf);
    let files_h = u16::try_from(files.len()).unwrap_or(0);
    let [about_r, path_r, msg_r, files_r] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(msg_h),
        Constraint::Length(files_h),
    ])
    .areas(inner);
    Paragraph::new(t(lang, "ui.import.about")).wrap(Wrap { trim: true }).render(about_r, buf);
    field(&d.path, t(lang, "ui.import.file"), true, path_r, buf);
    if let Some(e) = &d.error {
        Paragraph::new(Span::styled(e.clone(), theme::acute())).wrap(Wrap { trim: true }).render(msg_r, buf);
    }
    Paragraph::new(files).render(files_r, buf);
}

/// Choosing the folder for backups: what it is for, the folder, and why it was refused.
fn render_folder(app: &View, d: &FolderDialog, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let msg_h: u16 = if d.error.is_some() { 3 } else { 0 };
    let r = popup(area, 78, 10 + msg_h);
    Clear.render(r, buf);
    let block =
        Block::bordered().title(format!(" {} ", t(lang, "ui.backup_dir.title"))).border_style(theme::focus());
    let inner = block.inner(r);
    block.render(r, buf);
    let [about_r, path_r, msg_r] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(3), Constraint::Length(msg_h)]).areas(inner);
    Paragraph::new(t(lang, "ui.backup_dir.about")).wrap(Wrap { trim: true }).render(about_r, buf);
    field(&d.path, t(lang, "ui.backup_dir.folder"), true, path_r, buf);
    if let Some(e) = &d.error {
        Paragraph::new(Span::styled(e.clone(), theme::acute())).wrap(Wrap { trim: true }).render(msg_r, buf);
    }
}

pub fn render(app: &View, tr: &Transfer, area: Rect, buf: &mut Buffer) {
    match tr {
        Transfer::Share(d) => render_share(app, d, area, buf),
        Transfer::Import(d) => render_import(app, d, area, buf),
        Transfer::BackupFolder(d) => render_folder(app, d, area, buf),
        Transfer::Contacts(d) => render_contacts(app, d, area, buf),
    }
}

fn contact_lines(lang: Lang, d: &ContactsDialog) -> Vec<Line<'static>> {
    let Some(info) = &d.info else { return vec![Line::from(t(lang, "ui.contacts.loading").to_string())] };
    let own = if info.own_name.is_empty() {
        t(lang, "ui.contacts.no_name").to_string()
    } else {
        info.own_name.clone()
    };
    let mut lines = vec![
        Line::from(Span::styled(t(lang, "ui.contacts.own").to_string(), theme::title())),
        Line::from(format!("  {own}")),
        Line::from(format!("  {}: {}", t(lang, "ui.contacts.fingerprint"), info.own_fingerprint)),
        Line::from(""),
        Line::from(Span::styled(t(lang, "ui.contacts.list").to_string(), theme::title())),
    ];
    if info.contacts.is_empty() {
        lines.push(Line::from(format!("  {}", t(lang, "ui.contacts.empty"))));
    }
    let browsing = !matches!(d.stage, Stage::Add { .. });
    for (i, c) in info.contacts.iter().enumerate() {
        let mark = if browsing && i == d.cursor { "> " } else { "  " };
        let (state, style) = match &c.fingerprint {
            Some(fp) => (format!("{} · {fp}", t(lang, "ui.contacts.verified")), ratatui::style::Style::new()),
            None => (t(lang, "ui.contacts.unverified").to_string(), theme::warn()),
        };
        let name = format!("{mark}{:<20} ", crate::safe::one_line(&c.name));
        lines.push(Line::from(vec![Span::raw(name), Span::styled(state, style)]));
    }
    lines
}

fn render_contacts(app: &View, d: &ContactsDialog, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let lines = contact_lines(lang, d);
    let adding = matches!(d.stage, Stage::Add { .. });
    let renaming = d.stage == Stage::Rename;
    let message: Line<'static> = if let Some(e) = &d.error {
        Line::from(Span::styled(e.clone(), theme::acute()))
    } else if d.stage == Stage::ConfirmRemove {
        let name = d
            .info
            .as_ref()
            .and_then(|i| i.contacts.get(d.cursor))
            .map(|c| c.name.clone())
            .unwrap_or_default();
        Line::from(Span::styled(tf(lang, "ui.contacts.confirm_remove", &[("name", &name)]), theme::acute()))
    } else if let Some(n) = &d.note {
        Line::from(n.clone())
    } else {
        Line::from(t(lang, "ui.contacts.about").to_string())
    };
    let width = usize::from(area.width.saturating_sub(6).min(86)).max(1);
    let msg_h = u16::try_from(rows(std::slice::from_ref(&message), width)).unwrap_or(1);
    let list_h = u16::try_from(lines.len()).unwrap_or(0);
    let files: Vec<Line<'static>> = if adding {
        d.files
            .iter()
            .take(5)
            .enumerate()
            .map(|(i, f)| {
                let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                let mark = if d.pick == Some(i) { "> " } else { "  " };
                Line::from(format!("{mark}{}", crate::safe::one_line(&name)))
            })
            .collect()
    } else {
        Vec::new()
    };
    let files_h = u16::try_from(files.len()).unwrap_or(0);
    let add_h: u16 = if adding {
        6 + files_h
    } else if renaming {
        3
    } else {
        0
    };
    let r = popup(area, 90, list_h + msg_h + add_h + 2);
    Clear.render(r, buf);
    let block =
        Block::bordered().title(format!(" {} ", t(lang, "ui.contacts.title"))).border_style(theme::focus());
    let inner = block.inner(r);
    block.render(r, buf);
    let [list_r, add_r, msg_r] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(add_h), Constraint::Length(msg_h)])
            .areas(inner);
    Paragraph::new(lines).render(list_r, buf);
    if let Stage::Add { name_focused } = d.stage {
        let [path_r, files_r, name_r] =
            Layout::vertical([Constraint::Length(3), Constraint::Length(files_h), Constraint::Length(3)])
                .areas(add_r);
        field(&d.path, t(lang, "ui.contacts.card_file"), !name_focused, path_r, buf);
        Paragraph::new(files).render(files_r, buf);
        field(&d.name, t(lang, "ui.contacts.name"), name_focused, name_r, buf);
    }
    if renaming {
        field(&d.name, t(lang, "ui.contacts.new_name"), true, add_r, buf);
    }
    Paragraph::new(message).wrap(Wrap { trim: true }).render(msg_r, buf);
}
