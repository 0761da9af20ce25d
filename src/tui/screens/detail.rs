//! The whole consultation, readable, section by section in the order of the prompts.

use crate::domain::{Catalogue, Record};
use crate::i18n::{Lang, label, t};
use crate::tui::app::App;
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

fn labels(lang: Lang, list: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter().map(|i| label(lang, list, i)).collect::<Vec<_>>().join(", ")
}

fn pair(lang: Lang, key: &str, value: String) -> Line<'static> {
    Line::from(vec![Span::styled(format!("{}: ", t(lang, key)), theme::title()), Span::raw(value)])
}

pub fn lines(lang: Lang, r: &Record) -> Vec<Line<'static>> {
    let c = &r.consultation;
    let opt = |list: &str, v: &Option<String>| {
        v.as_deref().map_or("—".to_string(), |v| label(lang, list, v).to_string())
    };
    let mut out = Vec::new();
    if let Some(rec) = &r.received {
        let mut from = rec.from_name.clone().unwrap_or_else(|| rec.from.clone());
        if !rec.verified {
            from = format!("{from} — {}", t(lang, "field.unverified_sender"));
        }
        out.push(pair(lang, "field.received_from", format!("{from} ({})", rec.at.format("%d-%m-%Y"))));
    }
    if let Some(last) = r.shared.last() {
        let mut text = format!("{} ({})", last.to.join(", "), last.at.format("%d-%m-%Y"));
        if r.received_advice.is_empty() {
            text = format!("{text}, {}", t(lang, "field.awaiting_advice"));
        }
        out.push(pair(lang, "field.shared", text));
    }
    if !r.received_advice.is_empty() {
        // The advice sits far down, after the worker's own notes: say at the top that it is there.
        let mut names: Vec<&str> = r.received_advice.iter().map(|a| a.adviser.as_str()).collect();
        names.dedup();
        out.push(Line::from(Span::styled(
            crate::i18n::tf(lang, "ui.detail.advice_note", &[("names", &names.join(", "))]),
            theme::warn(),
        )));
    }
    out.extend([
        pair(lang, "field.consulted_on", c.consulted_on.dutch()),
        pair(lang, "field.forms", labels(lang, "form", &c.forms)),
        pair(lang, "field.certainty", opt("certainty", &c.certainty)),
        pair(lang, "field.urgency", opt("urgency", &c.urgency)),
        pair(lang, "field.status", label(lang, "status", &c.status).to_string()),
        pair(
            lang,
            "ui.detail.client",
            format!(
                "{} · {} · {} · {}",
                label(lang, "age_band", &c.client.age_band),
                label(lang, "gender", &c.client.gender),
                label(lang, "location", &c.client.location),
                c.client.country.clone().unwrap_or_else(|| "—".into())
            ),
        ),
        pair(lang, "field.signals", labels(lang, "signal", &c.signals)),
        pair(lang, "field.motives", labels(lang, "motive", &c.motives)),
        pair(lang, "field.parties", labels(lang, "party", &c.parties)),
        pair(lang, "field.departure", c.travel.departure.map_or("—".into(), |d| d.dutch())),
        pair(lang, "field.outcome", label(lang, "outcome", &c.outcome).to_string()),
        pair(lang, "ui.field.consent_statistics", label(lang, "consent", &c.consent.statistics).to_string()),
        Line::from(""),
    ]);
    for (i, p) in Catalogue::builtin().prompts().iter().enumerate() {
        let q = if lang == Lang::Nl { &p.nl } else { &p.en };
        out.push(Line::from(Span::styled(format!("{}. {q}", i + 1), theme::title())));
        match c.prompts.get(&p.id).filter(|t| !t.trim().is_empty()) {
            Some(text) => out.extend(text.lines().map(|l| Line::from(l.to_string()))),
            None => out.push(Line::from(Span::styled("—", theme::dim()))),
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(t(lang, "field.advice").to_string(), theme::title())));
    out.extend(c.advice.lines().map(|l| Line::from(l.to_string())));
    if !c.advice_categories.is_empty() || c.advice_date.is_some() {
        let date = c.advice_date.map(|d| format!(" ({})", d.dutch())).unwrap_or_default();
        out.push(Line::from(Span::styled(
            format!("{}{date}", labels(lang, "advice_category", &c.advice_categories)),
            theme::dim(),
        )));
    }
    out.push(Line::from(""));
    // Advice that came back from an adviser, kept apart from what the worker wrote.
    for a in &r.received_advice {
        let date = a.advice_date.map_or_else(|| a.received_at.format("%d-%m-%Y").to_string(), |d| d.dutch());
        out.push(Line::from(Span::styled(
            format!("{} {} ({date})", t(lang, "field.received_advice"), a.adviser),
            theme::title(),
        )));
        out.extend(a.text.lines().map(|l| Line::from(l.to_string())));
        if !a.advice_categories.is_empty() {
            out.push(Line::from(Span::styled(
                labels(lang, "advice_category", &a.advice_categories),
                theme::dim(),
            )));
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(t(lang, "field.actions").to_string(), theme::title())));
    for a in &c.actions {
        let due = a.due.map(|d| format!("{} ", d.dutch())).unwrap_or_default();
        out.push(Line::from(format!("{} {due}{}", if a.done { "[x]" } else { "[ ]" }, a.text)));
    }
    out
}

pub fn render(app: &App, r: &Record, scroll: u16, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines(app.lang, r))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(area.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }), buf);
}
