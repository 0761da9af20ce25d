//! The editor: the LKHA guidance when it applies, then every field in a column that scrolls
//! to keep the focused one in view. Only the focused text field is a live text area. The
//! editor's update lives here too; its state is `tui::form`.

mod rows;

use crate::domain::schema::List;
use crate::domain::{Catalogue, Date};
use crate::i18n::{Lang, t};
use crate::tui::action::{Action, Cmd, Effect};
use crate::tui::form::{Field, FieldId, Form, Kind};
use crate::tui::step::{Dialog, Step};
use crate::tui::text::wrapped;
use crate::tui::theme;
use crate::tui::view::View;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

/// Lines an unfocused multi-line field shows; the focused one gets `FOCUSED_LINES`.
const PREVIEW_LINES: usize = 2;
const FOCUSED_LINES: usize = 10;

/// The country field's hint follows what is typed: the code it becomes, or the matches.
fn country_hint(lang: Lang, f: &Field) -> String {
    let Kind::Text { area, .. } = &f.kind else { return t(lang, "ui.hint.country").to_string() };
    let typed = area.lines().join(" ");
    let name = |c: &crate::domain::country::Country| match lang {
        Lang::Nl => c.nl.clone(),
        Lang::En => c.en.clone(),
    };
    if typed.trim().is_empty() {
        return t(lang, "ui.hint.country").to_string();
    }
    if let Some(c) = crate::domain::country::resolve(&typed).and_then(crate::domain::country::by_code) {
        return format!("✓ {} = {}", c.code, name(c));
    }
    let found = crate::domain::country::matching(&typed, 4);
    if found.is_empty() {
        return t(lang, "ui.hint.country_none").to_string();
    }
    found.iter().map(|c| format!("{} {}", c.code, name(c))).collect::<Vec<_>>().join(" · ")
}

/// The follow-ups' hint: what goes in a row, then their keys from the key table.
fn actions_hint(lang: Lang) -> String {
    let keys = crate::tui::keymap::own(crate::tui::keymap::KeyCtx::EditorActions)
        .map(|bd| format!("{} {}", t(lang, bd.label), t(lang, bd.desc)))
        .collect::<Vec<_>>()
        .join(" · ");
    format!("{} {keys}", t(lang, "ui.hint.actions"))
}

/// At Meldcode step 4 the afwegingskader's questions, as guidance under the step.
fn step_guidance(lang: Lang, f: &Field, width: u16) -> Vec<Line<'static>> {
    let Kind::Choice { list, value: Some(i), .. } = &f.kind else { return vec![] };
    let at_four = list.codes().0.get(*i).is_some_and(|c| c.id == crate::domain::weighing::STEP);
    if f.id != FieldId::MeldcodeStep || !at_four {
        return vec![];
    }
    crate::domain::weighing::builtin()
        .lines(lang == Lang::Nl)
        .iter()
        .flat_map(|l| crate::tui::text::wrap_words(l, width))
        .map(|l| Line::from(Span::styled(l, theme::dim())))
        .collect()
}

/// A field's label (from the schema) and its hint (from its kind; a single choice says how
/// to pick only while it has the focus).
fn label(lang: Lang, f: &Field, focused: bool) -> (String, Option<String>) {
    use crate::domain::schema::{self, Kind as Shape};
    let k = |key: &str| t(lang, key).to_string();
    if let FieldId::Prompt(i) = f.id {
        return match Catalogue::builtin().prompts().get(i) {
            Some(p) => match lang {
                Lang::Nl => (format!("{}. {}", i + 1, p.nl), Some(p.guidance_nl.clone())),
                Lang::En => (format!("{}. {}", i + 1, p.en), Some(p.guidance_en.clone())),
            },
            None => (String::new(), None),
        };
    }
    let field = schema::field(f.id);
    let hint = match field.kind {
        Shape::Date { .. } => Some(k("ui.hint.date")),
        Shape::Codes(_) => Some(k("ui.hint.multi")),
        Shape::FollowUps => Some(actions_hint(lang)),
        Shape::Country => Some(country_hint(lang, f)),
        Shape::Line { max } => Some(crate::i18n::tf(lang, "ui.hint.label", &[("max", &max.to_string())])),
        Shape::Code { .. } if focused => Some(k("ui.hint.pick")),
        Shape::Code { .. } => None,
        Shape::Text | Shape::Prompts => None,
    };
    (k(field.label), hint)
}

fn code_label(lang: Lang, list: List, i: usize) -> String {
    list.codes().0.get(i).map_or(String::new(), |c| match lang {
        Lang::Nl => c.nl.clone(),
        Lang::En => c.en.clone(),
    })
}

/// What was typed to narrow a pick list, and how many codes match.
fn filter_line(lang: Lang, filter: &str, n: usize) -> Line<'static> {
    let key = if n == 0 { "ui.pick.none" } else { "ui.pick.filter" };
    let s = crate::i18n::tf(lang, key, &[("filter", filter), ("n", &n.to_string())]);
    Line::from(Span::styled(s, theme::dim()))
}

/// The options of a multi-select that match its filter, wrapped to `width`.
fn multi_lines(
    lang: Lang,
    list: List,
    (on, cursor, filter): (&[bool], usize, &str),
    focused: bool,
    width: u16,
) -> Vec<Line<'static>> {
    let shown = crate::tui::form::pick_visible(list, filter);
    let mut lines = if filter.is_empty() { vec![] } else { vec![filter_line(lang, filter, shown.len())] };
    let mut cur: Vec<Span> = vec![];
    let mut used = 0usize;
    for (i, v) in on.iter().enumerate().filter(|(i, _)| shown.contains(i)) {
        let text = format!("[{}] {}", if *v { "x" } else { " " }, code_label(lang, list, i));
        let w = text.chars().count() + 2;
        if used + w > width as usize && !cur.is_empty() {
            lines.push(Line::from(std::mem::take(&mut cur)));
            used = 0;
        }
        let style = if focused && i == cursor { theme::selected() } else { Style::new() };
        cur.push(Span::styled(text, style));
        cur.push(Span::raw("  "));
        used += w;
    }
    if !cur.is_empty() {
        lines.push(Line::from(cur));
    }
    lines
}

fn body_lines(lang: Lang, today: Date, f: &Field, focused: bool, width: u16) -> Vec<Line<'static>> {
    match &f.kind {
        Kind::Text { .. } => vec![],
        Kind::Choice { list, value, filter, .. } => {
            // No primary form chosen means the first form ticked; elsewhere it means unknown.
            let none = if f.id == FieldId::PrimaryForm { "ui.primary_form.default" } else { "field.unknown" };
            let v = value.map_or_else(|| t(lang, none).to_string(), |i| code_label(lang, *list, i));
            let arrows = if focused { ("◀ ", " ▶") } else { ("", "") };
            let mut out = vec![Line::from(format!("{}{v}{}", arrows.0, arrows.1))];
            if !filter.is_empty() {
                out.push(filter_line(lang, filter, crate::tui::form::pick_visible(*list, filter).len()));
            }
            out.extend(step_guidance(lang, f, width));
            out
        }
        Kind::Multi { list, on, cursor, filter } => {
            multi_lines(lang, *list, (on, *cursor, filter), focused, width)
        }
        Kind::Actions(r) => rows::lines(lang, today, r, focused, width),
    }
}

/// Lines a text with line breaks takes when each line is word-wrapped to `width`.
fn lines_h(s: &str, width: u16) -> u16 {
    s.split('\n').map(|l| wrapped(l, width)).sum()
}

/// Lines a text takes on screen when wrapped inside a box of `width` (borders excluded).
fn display_lines(lines: &[String], width: u16) -> usize {
    let inner = width.saturating_sub(2).max(1);
    lines.iter().map(|l| usize::from(wrapped(l, inner))).sum()
}

/// The box of a text field: one line for a single-line field; a multi-line answer grows
/// with its wrapped text up to `FOCUSED_LINES` while focused (the area scrolls beyond that),
/// and shows its first `PREVIEW_LINES` otherwise.
fn text_height(f: &Field, focused: bool, width: u16) -> u16 {
    match &f.kind {
        Kind::Text { single: true, .. } => 3,
        Kind::Text { area, .. } if focused => {
            (display_lines(area.lines(), width).clamp(3, FOCUSED_LINES) + 2) as u16
        }
        Kind::Text { area, .. } => (display_lines(area.lines(), width).clamp(1, PREVIEW_LINES) + 2) as u16,
        _ => 0,
    }
}

fn height(lang: Lang, today: Date, f: &Field, focused: bool, width: u16) -> u16 {
    let (title, guide) = label(lang, f, focused);
    let guide_h = guide.map_or(0, |g| lines_h(&g, width));
    wrapped(&title, width)
        + guide_h
        + text_height(f, focused, width)
        + body_lines(lang, today, f, focused, width).len() as u16
        + 1
}

fn render_field(lang: Lang, today: Date, f: &Field, focused: bool, r: Rect, buf: &mut Buffer) {
    let (title, guide) = label(lang, f, focused);
    let title_style =
        if focused { theme::focus().add_modifier(ratatui::style::Modifier::BOLD) } else { theme::title() };
    let mut lines = vec![Line::from(Span::styled(title.clone(), title_style))];
    if let Some(g) = &guide {
        lines.extend(g.split('\n').map(|l| Line::from(Span::styled(l.to_string(), theme::dim()))));
    }
    let head_h = wrapped(&title, r.width) + guide.as_deref().map_or(0, |g| lines_h(g, r.width));
    lines.extend(body_lines(lang, today, f, focused, r.width));
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(r, buf);
    if let (Kind::Actions(rs), true) = (&f.kind, focused) {
        rows::render_input(rs, r, r.y + head_h, buf);
    }
    if let Kind::Text { area, .. } = &f.kind {
        let th = text_height(f, focused, r.width);
        let box_r = Rect { y: r.y + head_h, height: th.min(r.height.saturating_sub(head_h)), ..r };
        let block = Block::bordered().border_style(if focused { theme::focus() } else { theme::dim() });
        let inner = block.inner(box_r);
        block.render(box_r, buf);
        if focused {
            area.render(inner, buf);
        } else {
            let preview: Vec<Line> = area.lines().iter().map(|l| Line::from(l.as_str())).collect();
            Paragraph::new(preview).wrap(Wrap { trim: false }).render(inner, buf);
        }
    }
}

pub fn render(app: &View, f: &Form, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let mut top: Vec<Line> = vec![];
    if let Some(e) = &f.error {
        top.push(Line::from(Span::styled(e.clone(), theme::acute())));
    }
    let findings = f.findings();
    if !findings.is_empty() {
        let list = findings
            .iter()
            .map(|x| format!("{} «{}»", t(lang, &format!("kind.{}", x.kind.id())), x.text))
            .collect::<Vec<_>>()
            .join(", ");
        top.push(Line::from(Span::styled(
            crate::i18n::tf(lang, "ui.findings", &[("list", &list)]),
            theme::finding(),
        )));
    }
    if f.needs_lkha_guidance() {
        top.push(Line::from(Span::styled(t(lang, "ui.guidance.lkha").to_string(), theme::warn())));
    }
    let top_h = top
        .iter()
        .map(|l| wrapped(&l.spans.iter().map(|s| s.content.as_ref()).collect::<String>(), area.width))
        .sum::<u16>();
    let [top_r, form_r] = Layout::vertical([Constraint::Length(top_h), Constraint::Min(1)]).areas(area);
    Paragraph::new(top).wrap(Wrap { trim: false }).render(top_r, buf);
    let form_r = form_r.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
    let width = form_r.width;
    let today = app.today;
    let heights: Vec<u16> =
        f.fields.iter().enumerate().map(|(i, x)| height(lang, today, x, i == f.focus, width)).collect();
    let focus_top: u32 = heights.iter().take(f.focus).map(|h| *h as u32).sum();
    let focus_bottom = focus_top + heights.get(f.focus).copied().unwrap_or(0) as u32;
    // Scroll just enough to show the whole focused field (its top when it is taller), and
    // always to the top of a field: one cut in half would show as empty lines.
    let need = focus_bottom.saturating_sub(form_r.height as u32);
    let starts = heights.iter().scan(0u32, |s, h| {
        let start = *s;
        *s += u32::from(*h);
        Some(start)
    });
    let offset = starts.into_iter().find(|s| *s >= need).unwrap_or(focus_top).min(focus_top);
    let mut y: u32 = 0;
    for (i, field) in f.fields.iter().enumerate() {
        let h = heights.get(i).copied().unwrap_or(0);
        let start = y;
        y += h as u32;
        if start < offset {
            continue;
        }
        let rel = start - offset;
        if rel + h as u32 > form_r.height as u32 {
            if i == f.focus {
                let r = Rect { y: form_r.y + rel as u16, height: form_r.height - rel as u16, ..form_r };
                render_field(lang, today, field, true, r, buf);
            }
            break;
        }
        let r = Rect { y: form_r.y + rel as u16, height: h, ..form_r };
        render_field(lang, today, field, i == f.focus, r, buf);
    }
}

/// The save the editor asks for: the consultation as typed, or a message on the form. A
/// consultation date in the future asks first (once for that date), and so does a new
/// consultation with nothing filled in.
pub fn save(f: &mut Form, lang: Lang, today: Date) -> Step {
    match f.to_consultation() {
        Ok(c) if c.consulted_on > today && f.future_ok != Some(c.consulted_on) => {
            f.future_ok = Some(c.consulted_on);
            Step::Ask(Dialog::FutureDate)
        }
        Ok(c) if f.id.is_none() && crate::domain::rules::is_empty(&c) => Step::Ask(Dialog::EmptySave),
        _ => save_anyway(f, lang),
    }
}

/// The save without the question about an empty consultation.
pub fn save_anyway(f: &mut Form, lang: Lang) -> Step {
    match f.to_consultation() {
        Ok(c) => Step::run(Effect::Save {
            id: f.id.clone(),
            consultation: Box::new(c),
            draft: f.draft_name.clone(),
        }),
        Err(key) => {
            // The cursor goes to what the message is about.
            use crate::tui::form::FieldId;
            let field = match key {
                "ui.err.date" => Some(FieldId::Date),
                "ui.err.advice_date" => Some(FieldId::AdviceDate),
                "ui.err.departure" => Some(FieldId::Departure),
                "ui.err.country" => Some(FieldId::Country),
                "ui.err.primary_form" => Some(FieldId::PrimaryForm),
                "ui.err.label" => Some(FieldId::Label),
                _ => None,
            };
            if key == "ui.err.action_date" {
                f.focus_bad_date();
            } else if let Some(id) = field {
                f.focus_on(id);
            }
            f.error = Some(t(lang, key).to_string());
            Step::Stay
        }
    }
}

/// Where leaving the editor goes: the detail it was opened from, else the list.
pub fn leave(f: &Form) -> Step {
    match (&f.id, f.from_detail) {
        (Some(id), true) => {
            Step::Many(vec![Step::ToList, Step::run(Effect::Load { id: id.clone(), edit: false })])
        }
        _ => Step::ToList,
    }
}

/// A command for the follow-up rows (the keymap gives them only while the rows have the
/// focus); Enter and the arrows walk through them as keys.
fn rows_cmd(f: &mut Form, cmd: Cmd) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let Some(rows) = f.focused_rows() else { return };
    let changed = match cmd {
        Cmd::AddRow => {
            rows.add();
            true
        }
        Cmd::RemoveRow => rows.remove(),
        Cmd::ToggleDone => rows.toggle_done(),
        Cmd::Submit => rows.key(key(KeyCode::Enter)),
        Cmd::Up => rows.key(key(KeyCode::Up)),
        Cmd::Down => rows.key(key(KeyCode::Down)),
        _ => false,
    };
    if changed {
        f.rows_changed();
    } else {
        f.refresh_highlights();
    }
}

/// What a key does in the editor.
pub fn update(f: &mut Form, a: Action, lang: Lang, today: Date) -> Step {
    match a {
        Action::Cmd(Cmd::Save) => return save(f, lang, today),
        Action::Cmd(
            cmd @ (Cmd::AddRow | Cmd::RemoveRow | Cmd::ToggleDone | Cmd::Submit | Cmd::Up | Cmd::Down),
        ) => rows_cmd(f, cmd),
        Action::Cmd(Cmd::Toggle) => f.toggle(),
        Action::Cmd(Cmd::NextField) => f.next(),
        Action::Cmd(Cmd::PrevField) => f.prev(),
        Action::Cmd(Cmd::ReplaceFinding) => {
            f.replace_finding();
        }
        Action::Cmd(Cmd::NotPersonal) => {
            f.dismiss_finding();
        }
        Action::Cmd(Cmd::Back) if f.dirty => return Step::Ask(Dialog::Unsaved),
        Action::Cmd(Cmd::Back) => return leave(f),
        Action::Key(k) => f.key(k),
        Action::Paste(p) => f.paste(&p),
        _ => {}
    }
    Step::Stay
}
