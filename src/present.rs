//! How one consultation reads: the single layout that the detail screen and `show` render
//! (each in its own medium), derived from the field table, so that what a worker sees on
//! screen and what the command line prints cannot drift apart.

pub mod export;
pub mod problem;

use crate::domain::schema::{FIELDS, Field, FieldId, Kind, Section, Value};
use crate::domain::{Catalogue, Date, Record};
use crate::i18n::{Lang, label, t, tf};

/// One line of the layout; the renderer chooses the look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A label and its value on one line.
    Pair(String, String),
    /// A section heading or a question.
    Heading(String),
    /// A line of free text.
    Text(String),
    /// Something quieter: "—" for an empty answer, the categories under the advice.
    Dim(String),
    /// Something the reader must not miss (advice arrived, sender not verified).
    Warn(String),
    Blank,
}

/// A field's value as a reader sees it: labels for codes, Dutch dates, "—" for nothing.
pub fn value_text(lang: Lang, f: &Field, v: &Value) -> String {
    let none = || t(lang, "field.none").to_string();
    let list = crate::domain::schema::list_of(f.kind).map(|l| l.name()).unwrap_or("");
    match v {
        Value::Date(d) => d.map_or_else(none, |d| d.dutch()),
        Value::Code(None) => none(),
        Value::Code(Some(cc)) if f.kind == Kind::Country => match crate::domain::country::by_code(cc) {
            Some(c) => format!("{} ({})", c.code, if lang == Lang::Nl { &c.nl } else { &c.en }),
            None => cc.clone(),
        },
        Value::Code(Some(id)) => label(lang, list, id).to_string(),
        Value::Codes(ids) if ids.is_empty() => none(),
        Value::Codes(ids) => ids.iter().map(|i| label(lang, list, i)).collect::<Vec<_>>().join(", "),
        Value::Text(s) if s.trim().is_empty() => none(),
        Value::Text(s) => s.clone(),
        Value::FollowUps(a) => a.len().to_string(),
    }
}

fn pairs(lang: Lang, r: &Record, section: Section, out: &mut Vec<Line>) {
    let c = &r.consultation;
    for f in FIELDS.iter().filter(|f| f.section == section) {
        if matches!(f.kind, Kind::Text | Kind::Prompts | Kind::FollowUps) {
            continue;
        }
        // The primary form shows as statistics count it: the first form unless one was chosen.
        let value = match f.id {
            FieldId::PrimaryForm => Value::Code(c.primary_form().map(String::from)),
            _ => (f.read)(c),
        };
        out.push(Line::Pair(t(lang, f.label).to_string(), value_text(lang, f, &value)));
    }
}

fn text(s: &str, out: &mut Vec<Line>, empty: &str) {
    if s.trim().is_empty() {
        out.push(Line::Dim(empty.to_string()));
    } else {
        out.extend(s.trim_end().lines().map(|l| Line::Text(l.to_string())));
    }
}

/// Where the case came from and where it went.
fn origin(lang: Lang, r: &Record, out: &mut Vec<Line>) {
    if let Some(rec) = &r.received {
        let mut from = rec.from_name.clone().unwrap_or_else(|| rec.from.clone());
        if !rec.verified {
            from = format!("{from} — {}", t(lang, "field.unverified_sender"));
        }
        let line = Line::Pair(
            t(lang, "field.received_from").to_string(),
            format!("{from} ({})", rec.at.format("%d-%m-%Y")),
        );
        out.push(line);
    }
    if let Some(last) = r.shared.last() {
        let mut text = format!("{} ({})", last.to.join(", "), last.at.format("%d-%m-%Y"));
        if r.received_advice.is_empty() {
            text = format!("{text}, {}", t(lang, "field.awaiting_advice"));
        }
        out.push(Line::Pair(t(lang, "field.shared").to_string(), text));
    }
    if !r.received_advice.is_empty() {
        // The advice sits far down, after the worker's own notes: say at the top that it is there.
        let mut names: Vec<&str> = r.received_advice.iter().map(|a| a.adviser.as_str()).collect();
        names.dedup();
        out.push(Line::Warn(tf(lang, "ui.detail.advice_note", &[("names", &names.join(", "))])));
    }
}

/// The whole record: origin, the case at a glance, the situation, the training's questions,
/// the advice (noted and received), follow-ups, outcome, and the change history.
pub fn record(lang: Lang, r: &Record) -> Vec<Line> {
    record_on(lang, r, None)
}

/// [`record`] as read on `today`: a follow-up due before it and not done says it is overdue.
pub fn record_on(lang: Lang, r: &Record, today: Option<Date>) -> Vec<Line> {
    let c = &r.consultation;
    let none = t(lang, "field.none");
    let mut out = Vec::new();
    origin(lang, r, &mut out);
    pairs(lang, r, Section::Case, &mut out);
    pairs(lang, r, Section::Situation, &mut out);
    out.push(Line::Blank);
    for (i, p) in Catalogue::builtin().prompts().iter().enumerate() {
        let q = if lang == Lang::Nl { &p.nl } else { &p.en };
        out.push(Line::Heading(format!("{}. {q}", i + 1)));
        text(c.prompts.get(&p.id).map_or("", String::as_str), &mut out, none);
        out.push(Line::Blank);
    }
    out.push(Line::Heading(t(lang, "field.advice").to_string()));
    text(&c.advice, &mut out, none);
    pairs(lang, r, Section::Advice, &mut out);
    out.push(Line::Blank);
    // Advice that came back from an adviser, kept apart from what the worker wrote.
    for a in &r.received_advice {
        let date = a.advice_date.map_or_else(|| a.received_at.format("%d-%m-%Y").to_string(), |d| d.dutch());
        out.push(Line::Heading(format!("{} {} ({date})", t(lang, "field.received_advice"), a.adviser)));
        text(&a.text, &mut out, none);
        if !a.advice_categories.is_empty() {
            let f = crate::domain::schema::field(FieldId::AdviceCategories);
            out.push(Line::Dim(value_text(lang, f, &Value::Codes(a.advice_categories.clone()))));
        }
        out.push(Line::Blank);
    }
    out.push(Line::Heading(t(lang, "field.actions").to_string()));
    if c.actions.is_empty() {
        out.push(Line::Dim(none.to_string()));
    }
    for a in &c.actions {
        let due = a.due.map_or_else(String::new, |d| format!(" ({} {})", t(lang, "field.due"), d.dutch()));
        let line = format!("{} {}{due}", if a.done { "[x]" } else { "[ ]" }, a.text);
        match today {
            Some(d) if a.overdue(d) => out.push(Line::Warn(format!("{line} — {}", t(lang, "field.overdue")))),
            _ => out.push(Line::Text(line)),
        }
    }
    out.push(Line::Blank);
    out.push(Line::Heading(t(lang, "field.history").to_string()));
    for h in &r.history {
        let action = history_action(lang, &h.action);
        let fields: Vec<String> = h.fields.iter().map(|k| field_label(lang, k)).collect();
        out.push(Line::Dim(format!("{} {action} {}", h.at.format("%d-%m-%Y %H:%M"), fields.join(", "))));
    }
    out
}

/// A history entry's action in the reader's language ("created", "edited", ...).
pub fn history_action(lang: Lang, action: &str) -> String {
    let key = format!("history.{action}");
    let s = t(lang, &key);
    if s == key { action.to_string() } else { s.to_string() }
}

/// A changed field as history names it (the record's top-level key), in words.
pub fn field_label(lang: Lang, key: &str) -> String {
    let f = FIELDS.iter().find(|f| f.key == key || f.key.split('.').next() == Some(key));
    match (key, f) {
        ("client", _) => t(lang, "ui.detail.client").to_string(),
        ("consent", _) => t(lang, "field.consent").to_string(),
        ("marriage", _) => t(lang, "field.marriage").to_string(),
        ("travel", _) => t(lang, "field.travel").to_string(),
        ("received_advice", _) => t(lang, "field.received_advice_key").to_string(),
        (_, Some(f)) => t(lang, f.label).to_string(),
        _ => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Consultation, Date};

    #[test]
    fn every_field_of_the_table_is_shown_with_its_label() {
        let r = Record::new(
            "x".into(),
            Consultation::new(Date::parse_iso("2026-11-01").unwrap()),
            chrono::DateTime::UNIX_EPOCH,
        );
        for lang in [Lang::Nl, Lang::En] {
            let lines = record(lang, &r);
            for f in FIELDS {
                let l = t(lang, f.label).to_string();
                let shown = lines.iter().any(|x| match x {
                    Line::Pair(k, _) | Line::Heading(k) => *k == l,
                    _ => false,
                });
                assert!(shown || f.kind == Kind::Prompts, "{} not shown in {lang:?}", f.key);
            }
        }
    }

    #[test]
    fn history_speaks_the_readers_language() {
        assert_eq!(history_action(Lang::Nl, "edited"), "gewijzigd");
        assert_eq!(field_label(Lang::Nl, "client"), t(Lang::Nl, "ui.detail.client"));
        assert_eq!(field_label(Lang::En, "urgency"), "Urgency");
    }
}
