//! Plain-text views of records for the terminal: the list table and one record in full.

use crate::domain::{Catalogue, Record, Summary};
use crate::i18n::{Lang, label, t};
use std::io::{self, Write};

fn labels(lang: Lang, list: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return t(lang, "field.none").to_string();
    }
    ids.iter().map(|i| label(lang, list, i)).collect::<Vec<_>>().join(", ")
}

fn opt(lang: Lang, list: &str, v: &Option<String>) -> String {
    v.as_deref().map_or_else(|| t(lang, "field.unknown").to_string(), |s| label(lang, list, s).to_string())
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        format!("{s:width$}")
    } else {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

pub fn table(out: &mut impl Write, rows: &[Summary], lang: Lang) -> io::Result<()> {
    writeln!(
        out,
        "{:36}  {:10}  {}  {:8}  {:9}  {:36}  {}",
        t(lang, "col.id"),
        t(lang, "col.date"),
        clip(t(lang, "col.forms"), 28),
        t(lang, "col.age"),
        t(lang, "col.urgency"),
        t(lang, "col.status"),
        t(lang, "col.next_due")
    )?;
    for s in rows {
        let mut status = label(lang, "status", &s.status).to_string();
        if s.incomplete {
            status = format!("{status} ({})", t(lang, "cli.incomplete"));
        }
        if s.personal_data {
            status = format!("{status} [{}]", t(lang, "cli.personal_data"));
        }
        if s.received {
            status = format!("{status} [{}]", t(lang, "cli.received"));
        }
        writeln!(
            out,
            "{:36}  {:10}  {}  {:8}  {:9}  {:36}  {}",
            s.id,
            s.consulted_on.dutch(),
            clip(&labels(lang, "form", &s.forms), 28),
            label(lang, "age_band", &s.age_band),
            opt(lang, "urgency", &s.urgency),
            status,
            s.next_due.map_or_else(String::new, |d| d.dutch())
        )?;
    }
    Ok(())
}

/// One record, section by section in the order of the prompts.
pub fn detail(out: &mut impl Write, r: &Record, lang: Lang) -> io::Result<()> {
    let c = &r.consultation;
    let line = |out: &mut dyn Write, key: &str, value: String| {
        writeln!(out, "{:28} {}", format!("{}:", t(lang, key)), value)
    };
    writeln!(out, "{}", r.id)?;
    if let Some(rec) = &r.received {
        let mut from = rec.from_name.clone().unwrap_or_else(|| rec.from.clone());
        if !rec.verified {
            from = format!("{from} — {}", t(lang, "field.unverified_sender"));
        }
        line(out, "field.received_from", format!("{from} ({})", rec.at.format("%d-%m-%Y")))?;
    }
    if let Some(last) = r.shared.last() {
        let mut text = format!("{} ({})", last.to.join(", "), last.at.format("%d-%m-%Y"));
        if r.received_advice.is_empty() {
            text = format!("{text}, {}", t(lang, "field.awaiting_advice"));
        }
        line(out, "field.shared", text)?;
    }
    line(out, "field.consulted_on", c.consulted_on.dutch())?;
    line(out, "field.forms", labels(lang, "form", &c.forms))?;
    line(out, "field.certainty", opt(lang, "certainty", &c.certainty))?;
    line(out, "field.age_band", label(lang, "age_band", &c.client.age_band).into())?;
    line(out, "field.gender", label(lang, "gender", &c.client.gender).into())?;
    line(out, "field.location", label(lang, "location", &c.client.location).into())?;
    line(out, "field.country", c.client.country.clone().unwrap_or_else(|| t(lang, "field.none").into()))?;
    line(out, "field.urgency", opt(lang, "urgency", &c.urgency))?;
    line(out, "field.status", label(lang, "status", &c.status).into())?;
    line(out, "field.signals", labels(lang, "signal", &c.signals))?;
    line(out, "field.motives", labels(lang, "motive", &c.motives))?;
    line(
        out,
        "field.marriage",
        format!(
            "{} / {}",
            label(lang, "marriage_form", &c.marriage.form),
            label(lang, "marriage_stage", &c.marriage.stage)
        ),
    )?;
    line(out, "field.travel", opt(lang, "travel", &c.travel.situation))?;
    if let Some(d) = c.travel.departure {
        line(out, "field.departure", d.dutch())?;
    }
    line(out, "field.parties", labels(lang, "party", &c.parties))?;
    line(out, "field.meldcode_step", opt(lang, "meldcode_step", &c.meldcode_step))?;
    line(
        out,
        "field.consent",
        format!(
            "{} / {} / {}",
            label(lang, "consent", &c.consent.lkha_informed),
            label(lang, "consent", &c.consent.share_with_ministry),
            label(lang, "consent", &c.consent.statistics)
        ),
    )?;
    for p in Catalogue::builtin().prompts() {
        let text = c.prompts.get(&p.id).map(String::as_str).unwrap_or("").trim();
        let q = match lang {
            Lang::Nl => &p.nl,
            Lang::En => &p.en,
        };
        writeln!(out, "\n{q}")?;
        writeln!(out, "  {}", if text.is_empty() { t(lang, "field.none") } else { text })?;
    }
    writeln!(out, "\n{}:", t(lang, "field.advice"))?;
    writeln!(out, "  {}", if c.advice.trim().is_empty() { t(lang, "field.none") } else { c.advice.trim() })?;
    line(out, "field.advice_categories", labels(lang, "advice_category", &c.advice_categories))?;
    if let Some(d) = c.advice_date {
        line(out, "field.advice_date", d.dutch())?;
    }
    writeln!(out, "\n{}:", t(lang, "field.actions"))?;
    for a in &c.actions {
        let due = a.due.map_or_else(String::new, |d| format!(" ({} {})", t(lang, "field.due"), d.dutch()));
        let mark = if a.done { "[x]" } else { "[ ]" };
        writeln!(out, "  {mark} {}{due}", a.text)?;
    }
    for a in &r.received_advice {
        let date = a.advice_date.map_or_else(|| a.received_at.format("%d-%m-%Y").to_string(), |d| d.dutch());
        writeln!(out, "\n{} ({}, {date}):", t(lang, "field.received_advice"), a.adviser)?;
        writeln!(out, "  {}", a.text.trim())?;
        if !a.advice_categories.is_empty() {
            writeln!(out, "  {}", labels(lang, "advice_category", &a.advice_categories))?;
        }
    }
    line(out, "field.outcome", label(lang, "outcome", &c.outcome).into())?;
    writeln!(out, "\n{}:", t(lang, "field.history"))?;
    for h in &r.history {
        writeln!(out, "  {} {} {}", h.at.format("%d-%m-%Y %H:%M"), h.action, h.fields.join(", "))?;
    }
    Ok(())
}
