//! Plain-text views of records for the terminal: the list table and one record in full.

use crate::domain::{Record, Summary};
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

/// One record, in the layout the detail screen shows (`present::record`).
pub fn detail(out: &mut impl Write, r: &Record, lang: Lang, today: crate::domain::Date) -> io::Result<()> {
    use crate::present::Line;
    writeln!(out, "{}", r.id)?;
    let lines = crate::present::record_on(lang, r, Some(today));
    let width = lines.iter().map(|l| if let Line::Pair(k, _) = l { k.chars().count() + 2 } else { 0 }).max();
    let width = width.unwrap_or(0);
    let mut after_heading = false;
    for line in lines {
        let indent = if after_heading { "  " } else { "" };
        match line {
            Line::Pair(k, v) => writeln!(out, "{:width$}{v}", format!("{k}:"))?,
            Line::Heading(h) => {
                writeln!(out, "{h}")?;
                after_heading = true;
                continue;
            }
            Line::Text(s) | Line::Dim(s) | Line::Warn(s) => writeln!(out, "{indent}{s}")?,
            Line::Blank => {
                writeln!(out)?;
                after_heading = false;
            }
        }
    }
    Ok(())
}
