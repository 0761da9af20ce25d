//! The list: a table of consultations in the chosen order (newest first unless sorted otherwise).
//! Only the visible rows are built, so a vault of 100k consultations scrolls as fast as one of ten.

mod columns;

use crate::domain::rules::DEPARTURE_DAYS;
use crate::domain::search::SortBy;
use crate::domain::{Date, Summary};
use crate::i18n::{Lang, label, t};
use crate::tui::action::{Action, Cmd, Effect};
use crate::tui::form::Form;
use crate::tui::list_state::ListModel;
use crate::tui::manage::{DeleteDialog, Manage};
use crate::tui::step::Step;
use crate::tui::theme;
use crate::tui::view::View;
use columns::{cell, columns};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};

fn markers(app: &View, s: &Summary) -> (String, Style) {
    let mut m = String::new();
    let mut style = Style::new();
    if app.list.marked.contains(&s.id) {
        m.push('+');
    }
    if s.is_acute() {
        m.push('!');
        style = theme::acute();
    }
    if s.departure_soon(app.today, DEPARTURE_DAYS) {
        m.push('V');
        style = theme::acute();
    }
    if s.overdue(app.today) {
        m.push('T');
        if style == Style::new() {
            style = theme::warn();
        }
    }
    if s.incomplete {
        m.push('*');
    }
    if s.personal_data {
        m.push('P');
    }
    if s.advice_received > 0 {
        m.push('A');
    } else if s.awaiting_advice() {
        m.push('W');
    }
    if s.unverified {
        m.push('?');
        style = theme::warn();
    }
    (m, style)
}

fn filters_line(app: &View) -> Line<'static> {
    let lang = app.lang;
    let l = &app.list;
    let all = t(lang, "ui.filter.all");
    let f = |list: &str, v: Option<&'static str>| {
        v.map_or(all.to_string(), |id| label(lang, list, id).to_string())
    };
    let mut spans = vec![];
    if l.searching || !l.query.is_empty() {
        spans.push(Span::styled(format!("/{}", l.query), theme::focus()));
        if l.searching {
            spans.push(Span::styled("▏", theme::focus()));
        }
        spans.push(Span::raw("  "));
    }
    // The count first: on a narrow terminal the filters' end is cut, not "12 van 30".
    spans.push(Span::raw(crate::i18n::tf(
        lang,
        "ui.list.count",
        &[("shown", &l.shown.len().to_string()), ("total", &l.view_total().to_string())],
    )));
    spans.push(Span::raw("  "));
    spans.push(Span::styled(
        format!(
            "{}: {}  {}: {}  {}: {}  ",
            t(lang, "ui.filter.form"),
            f("form", l.form_filter()),
            t(lang, "ui.filter.status"),
            f("status", l.status_filter()),
            t(lang, "ui.filter.urgency"),
            f("urgency", l.urgency_filter()),
        ),
        theme::dim(),
    ));
    if l.scanning() || (!l.query.is_empty() && !l.texts_complete) {
        spans.push(Span::styled(format!("{}  ", t(lang, "ui.list.searching")), theme::dim()));
    }
    Line::from(spans)
}

/// "Sortering (o): datum": the order, and the key that changes it (from the key table), for
/// the title line.
pub fn sort_span(lang: Lang, sort: SortBy) -> Span<'static> {
    let key = crate::tui::keymap::KEYMAP
        .iter()
        .find(|b| b.ctx == crate::tui::keymap::KeyCtx::List && b.cmd == Cmd::Sort)
        .map_or(String::new(), |b| format!(" ({})", t(lang, b.label)));
    Span::styled(format!(" · {}{key}: {}", t(lang, "ui.sort.title"), t(lang, sort.label())), theme::dim())
}

/// What the markers on screen mean: only those that appear, so the line stays short.
fn legend_line(lang: Lang, seen: &str) -> Line<'static> {
    const LEGEND: [(char, &str); 9] = [
        ('+', "ui.legend.marked"),
        ('!', "ui.legend.acute"),
        ('V', "ui.legend.departure"),
        ('T', "ui.legend.overdue"),
        ('*', "ui.legend.incomplete"),
        ('P', "ui.legend.personal_data"),
        ('A', "ui.legend.advice"),
        ('W', "ui.legend.awaiting"),
        ('?', "ui.legend.unverified"),
    ];
    let parts: Vec<String> = LEGEND
        .iter()
        .filter(|(c, _)| seen.contains(*c))
        .map(|(c, k)| format!("{c} {}", t(lang, k)))
        .collect();
    Line::from(Span::styled(parts.join(" · "), theme::dim()))
}

/// "Own cases (n) | Received (m)": only in a vault that holds received consultations.
fn views_line(app: &View) -> Line<'static> {
    let (lang, l) = (app.lang, &app.list);
    let own = l.rows.len() - l.received_count;
    let tab = |key: &str, n: usize, on: bool| {
        let text = format!(" {} ({n}) ", t(lang, key));
        if on { Span::styled(text, theme::focus()) } else { Span::styled(text, theme::dim()) }
    };
    Line::from(vec![
        tab("ui.list.own", own, !l.received_view),
        Span::raw("│"),
        tab("ui.list.received", l.received_count, l.received_view),
        Span::styled(format!("   Tab {}", t(lang, "ui.key.switch_view")), theme::dim()),
    ])
}

pub fn render(app: &View, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let views = if app.list.received_count > 0 { 1 } else { 0 };
    let [tabs, filters, table_r, legend] = Layout::vertical([
        Constraint::Length(views),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if views > 0 {
        views_line(app).render(tabs, buf);
    }
    filters_line(app).render(filters, buf);
    if app.list.rows.is_empty() {
        Paragraph::new(t(lang, "ui.list.empty")).render(table_r, buf);
        return;
    }
    let visible = table_r.height.saturating_sub(1) as usize;
    let l = &app.list;
    // Drawn from the selection and the rows there is room for now, so the selection is on
    // screen whatever took a line (the view tabs, a two-line message).
    let first = l.first_visible(visible).min(l.shown.len().saturating_sub(1));
    let mut seen = String::new();
    let cols = columns(table_r.width, l.sort);
    let rows: Vec<Row> = l
        .shown
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .filter_map(|(pos, i)| {
            let s = l.rows.get(*i)?;
            let (m, style) = markers(app, s);
            seen.push_str(&m);
            let cells: Vec<Cell> = cols.iter().map(|c| cell(lang, *c, s, m.as_str())).collect();
            let row = Row::new(cells).style(style);
            Some(if pos == l.selected { row.style(style.patch(theme::selected())) } else { row })
        })
        .collect();
    let heads: Vec<String> =
        cols.iter().map(|c| c.head().map_or(String::new(), |k| t(lang, k).to_string())).collect();
    let header = Row::new(heads).style(theme::title());
    let widths: Vec<Constraint> = cols.iter().map(|c| c.width()).collect();
    Table::new(rows, widths).header(header).render(table_r, buf);
    legend_line(lang, &seen).render(legend, buf);
}

/// What a key does in the list (and while typing a search).
pub fn update(l: &mut ListModel, a: Action, page: usize, today: Date) -> Step {
    let step = match a {
        Action::Cmd(Cmd::Quit) => Step::Quit,
        Action::Cmd(Cmd::New) => Step::Edit(Box::new(Form::new_record(today))),
        Action::Cmd(c @ (Cmd::Open | Cmd::Edit)) => {
            l.searching = false;
            Step::Run(
                l.selected_id()
                    .map(|id| Effect::Load { id: id.to_string(), edit: c == Cmd::Edit })
                    .into_iter()
                    .collect(),
            )
        }
        Action::Cmd(Cmd::Search) => {
            l.searching = true;
            Step::Stay
        }
        Action::Cmd(Cmd::Stats) => Step::run(Effect::LoadStats),
        Action::Cmd(Cmd::Share) => {
            l.searching = false;
            // Marked consultations go together; otherwise the selected one.
            if !l.marked.is_empty() && !l.received_view {
                return Step::run(Effect::PrepareShare { ids: l.marked.clone() });
            }
            Step::Run(
                l.selected_id()
                    .map(|id| Effect::PrepareShare { ids: vec![id.to_string()] })
                    .into_iter()
                    .collect(),
            )
        }
        Action::Cmd(Cmd::Toggle) => {
            l.toggle_mark();
            Step::Stay
        }
        Action::Cmd(Cmd::Sort) => {
            l.cycle_sort();
            Step::Stay
        }
        Action::Cmd(Cmd::Delete) => {
            let row = l.shown.get(l.selected).and_then(|i| l.rows.get(*i));
            match row {
                Some(s) => Step::Manage(Manage::Delete(DeleteDialog {
                    id: s.id.clone(),
                    date: s.consulted_on,
                    // Without a kenmerk, the first words tell two cases of one day apart.
                    label: if s.label.is_empty() { s.preview.clone() } else { s.label.clone() },
                })),
                None => Step::Stay,
            }
        }
        Action::Cmd(Cmd::Passphrase) => Step::Manage(Manage::Passphrase(Box::default())),
        Action::Cmd(Cmd::Import) => {
            l.searching = false;
            Step::Import
        }
        Action::Cmd(Cmd::Contacts) => {
            l.searching = false;
            Step::Contacts
        }
        Action::Cmd(Cmd::SwitchView) => {
            l.switch_view();
            Step::Stay
        }
        Action::Cmd(Cmd::Submit) => {
            l.searching = false;
            Step::Stay
        }
        // While typing a search, Esc clears the search; in the list, the search and every filter.
        Action::Cmd(Cmd::Back) if l.searching => {
            l.clear_search();
            Step::Stay
        }
        Action::Cmd(Cmd::Back) => {
            l.clear_all();
            Step::Stay
        }
        Action::Cmd(Cmd::FilterForm) => {
            l.cycle_form();
            Step::Stay
        }
        Action::Cmd(Cmd::FilterStatus) => {
            l.cycle_status();
            Step::Stay
        }
        Action::Cmd(Cmd::FilterUrgency) => {
            l.cycle_urgency();
            Step::Stay
        }
        Action::Cmd(Cmd::Up) => {
            l.move_by(-1);
            Step::Stay
        }
        Action::Cmd(Cmd::Down) => {
            l.move_by(1);
            Step::Stay
        }
        Action::Cmd(Cmd::PageUp) => {
            l.move_by(-(page as isize));
            Step::Stay
        }
        Action::Cmd(Cmd::PageDown) => {
            l.move_by(page as isize);
            Step::Stay
        }
        Action::Key(k) if l.searching => {
            match k.code {
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => l.type_char(c),
                KeyCode::Backspace => l.backspace(),
                _ => {}
            }
            Step::Stay
        }
        Action::Paste(p) if l.searching => {
            l.query.push_str(p.lines().next().unwrap_or(""));
            l.refilter(false);
            Step::Stay
        }
        _ => Step::Stay,
    };
    l.offset = l.window(page);
    step
}
