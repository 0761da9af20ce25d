//! The list: a table of consultations, newest first. Only the visible rows are built, so a
//! vault of 100k consultations scrolls as fast as one of ten.

use crate::domain::Summary;
use crate::i18n::{Lang, label, t};
use crate::tui::app::App;
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};

/// Days ahead in which a planned departure abroad stands out.
pub const DEPARTURE_DAYS: i64 = 28;

fn markers(app: &App, s: &Summary) -> (String, Style) {
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

fn forms(lang: Lang, s: &Summary) -> String {
    s.forms.iter().map(|f| label(lang, "form", f)).collect::<Vec<_>>().join(", ")
}

fn filters_line(app: &App) -> Line<'static> {
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
    spans.push(Span::raw(crate::i18n::tf(
        lang,
        "ui.list.count",
        &[("shown", &l.shown.len().to_string()), ("total", &l.view_total().to_string())],
    )));
    Line::from(spans)
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
fn views_line(app: &App) -> Line<'static> {
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

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
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
    let first = l.offset.min(l.shown.len().saturating_sub(1));
    let mut seen = String::new();
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
            let due = s.next_due.map(|d| d.dutch()).unwrap_or_default();
            let row = Row::new(vec![
                Cell::from(m),
                Cell::from(s.consulted_on.dutch()),
                Cell::from(forms(lang, s)),
                Cell::from(label(lang, "age_band", &s.age_band).to_string()),
                Cell::from(s.urgency.as_deref().map_or("", |u| label(lang, "urgency", u)).to_string()),
                Cell::from(label(lang, "status", &s.status).to_string()),
                Cell::from(due),
            ])
            .style(style);
            Some(if pos == l.selected { row.style(style.patch(theme::selected())) } else { row })
        })
        .collect();
    let header = Row::new(
        ["", "col.date", "col.forms", "col.age", "col.urgency", "col.status", "col.next_due"]
            .map(|k| if k.is_empty() { String::new() } else { t(lang, k).to_string() }),
    )
    .style(theme::title());
    Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(9),
            Constraint::Length(15),
        ],
    )
    .header(header)
    .render(table_r, buf);
    legend_line(lang, &seen).render(legend, buf);
}
