//! The editor's state: one field per training question plus the structured fields, and the
//! conversion to and from a `Consultation`. Lenient by design: only the date is required.

use crate::domain::{Catalogue, Consultation, Date, FollowUp};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Date,
    Forms,
    Prompt(usize),
    Advice,
    Actions,
    Certainty,
    AgeBand,
    Gender,
    Location,
    Country,
    Urgency,
    Signals,
    Departure,
    Intermediary,
    Status,
    AdviceCategories,
    AdviceDate,
    Motives,
    ConsentStatistics,
    Outcome,
}

pub enum Kind {
    /// A text area; `single` keeps it to one line (dates, country).
    Text {
        area: Box<TextArea<'static>>,
        single: bool,
    },
    /// One code of a list, or none.
    Choice {
        list: &'static str,
        value: Option<usize>,
    },
    /// Any codes of a list; `cursor` is the highlighted one.
    Multi {
        list: &'static str,
        on: Vec<bool>,
        cursor: usize,
    },
    Toggle(bool),
}

pub struct Field {
    pub id: FieldId,
    pub kind: Kind,
}

/// An open editor: which record (None = new), the fields, focus and whether anything changed.
pub struct Form {
    pub id: Option<String>,
    /// The record as loaded: fields the editor does not show are kept from it.
    pub base: Consultation,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// Changed since the last draft was written.
    pub draft_dirty: bool,
    pub error: Option<String>,
    /// Findings in the focused field, refreshed when its text or the focus changes, so
    /// drawing does not run the detector again.
    findings: Vec<crate::privacy::Finding>,
    /// A case received from a worker (the LKHA adviser's side): the adviser writes advice on
    /// it, and the "consult the LKHA first" guidance is not for them.
    pub received: bool,
}

/// What the encrypted draft holds: the record id and the fields as typed.
#[derive(Serialize, Deserialize)]
pub struct Draft {
    pub id: Option<String>,
    pub date_text: String,
    pub departure_text: String,
    /// As typed, so a half-typed date survives a crash too.
    #[serde(default)]
    pub advice_date_text: String,
    pub consultation: Consultation,
}

fn text(s: &str, single: bool) -> Kind {
    let lines: Vec<String> =
        if s.is_empty() { vec![String::new()] } else { s.lines().map(String::from).collect() };
    let mut area = TextArea::new(lines);
    // No underline on the cursor line: calmer, and clearer in text captures.
    area.set_cursor_line_style(ratatui::style::Style::new());
    // Typing continues after what is there, as in any note.
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Kind::Text { area: Box::new(area), single }
}

fn index(list: &str, id: Option<&str>) -> Option<usize> {
    let id = id?;
    Catalogue::builtin().list(list).0.iter().position(|c| c.id == id)
}

fn choice(list: &'static str, id: Option<&str>) -> Kind {
    Kind::Choice { list, value: index(list, id) }
}

fn multi(list: &'static str, ids: &[String]) -> Kind {
    let codes = &Catalogue::builtin().list(list).0;
    Kind::Multi { list, on: codes.iter().map(|c| ids.contains(&c.id)).collect(), cursor: 0 }
}

/// The chosen codes, in the record's own order when the choice did not change: opening and
/// saving a record must not show up as a change in its history.
fn same_set(before: &[String], now: Vec<String>) -> Vec<String> {
    let unchanged = before.len() == now.len() && before.iter().all(|b| now.contains(b));
    if unchanged { before.to_vec() } else { now }
}

fn actions_text(actions: &[FollowUp]) -> String {
    actions
        .iter()
        .map(|a| {
            let done = if a.done { "[x] " } else { "" };
            match a.due {
                Some(d) => format!("{done}{} {}", d.dutch(), a.text),
                None => format!("{done}{}", a.text),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One follow-up per line: `[x] ` marks it done, a leading `dd-mm-jjjj` is its due date.
fn parse_actions(s: &str) -> Vec<FollowUp> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (done, rest) = match l.strip_prefix("[x]").or_else(|| l.strip_prefix("[X]")) {
                Some(r) => (true, r.trim_start()),
                None => (false, l),
            };
            let (due, text) = match rest.split_once(' ') {
                Some((d, t)) => match Date::parse_dutch(d) {
                    Ok(d) => (Some(d), t.trim().to_string()),
                    Err(_) => (None, rest.to_string()),
                },
                None => (Date::parse_dutch(rest).ok(), rest.to_string()),
            };
            FollowUp { text, due, done }
        })
        .collect()
}

impl Form {
    pub fn new_record(today: Date) -> Form {
        let mut f = Form::from_consultation(None, Consultation::new(today));
        f.focus = f.fields.iter().position(|x| x.id == FieldId::Prompt(0)).unwrap_or(0);
        f
    }

    pub fn from_consultation(id: Option<String>, c: Consultation) -> Form {
        let cat = Catalogue::builtin();
        let mut fields = vec![
            Field { id: FieldId::Date, kind: text(&c.consulted_on.dutch(), true) },
            Field { id: FieldId::Forms, kind: multi("form", &c.forms) },
        ];
        for (i, p) in cat.prompts().iter().enumerate() {
            let t = c.prompts.get(&p.id).map_or("", String::as_str);
            fields.push(Field { id: FieldId::Prompt(i), kind: text(t, false) });
        }
        let departure = c.travel.departure.map(|d| d.dutch()).unwrap_or_default();
        let advice_date = c.advice_date.map(|d| d.dutch()).unwrap_or_default();
        fields.extend([
            Field { id: FieldId::Advice, kind: text(&c.advice, false) },
            Field { id: FieldId::AdviceCategories, kind: multi("advice_category", &c.advice_categories) },
            Field { id: FieldId::AdviceDate, kind: text(&advice_date, true) },
            Field { id: FieldId::Actions, kind: text(&actions_text(&c.actions), false) },
            Field { id: FieldId::Certainty, kind: choice("certainty", c.certainty.as_deref()) },
            Field { id: FieldId::AgeBand, kind: choice("age_band", Some(&c.client.age_band)) },
            Field { id: FieldId::Gender, kind: choice("gender", Some(&c.client.gender)) },
            Field { id: FieldId::Location, kind: choice("location", Some(&c.client.location)) },
            Field { id: FieldId::Country, kind: text(c.client.country.as_deref().unwrap_or(""), true) },
            Field { id: FieldId::Urgency, kind: choice("urgency", c.urgency.as_deref()) },
            Field { id: FieldId::Signals, kind: multi("signal", &c.signals) },
            Field { id: FieldId::Motives, kind: multi("motive", &c.motives) },
            Field { id: FieldId::Departure, kind: text(&departure, true) },
            Field {
                id: FieldId::Intermediary,
                kind: Kind::Toggle(c.parties.iter().any(|p| p == "intermediary")),
            },
            Field { id: FieldId::ConsentStatistics, kind: choice("consent", Some(&c.consent.statistics)) },
            Field { id: FieldId::Outcome, kind: choice("outcome", Some(&c.outcome)) },
            Field { id: FieldId::Status, kind: choice("status", Some(&c.status)) },
        ]);
        Form {
            id,
            base: c,
            fields,
            focus: 0,
            dirty: false,
            draft_dirty: false,
            error: None,
            findings: Vec::new(),
            received: false,
        }
    }

    pub fn from_draft(d: Draft) -> Form {
        let mut f = Form::from_consultation(d.id, d.consultation);
        f.set_text(FieldId::Date, &d.date_text);
        f.set_text(FieldId::Departure, &d.departure_text);
        f.set_text(FieldId::AdviceDate, &d.advice_date_text);
        f.dirty = true;
        f
    }

    fn set_text(&mut self, id: FieldId, s: &str) {
        if let Some(Field { kind: Kind::Text { area, single }, .. }) =
            self.fields.iter_mut().find(|f| f.id == id)
            && let Kind::Text { area: new, .. } = text(s, *single)
        {
            *area = new;
        }
    }

    pub fn text_of(&self, id: FieldId) -> String {
        match self.fields.iter().find(|f| f.id == id).map(|f| &f.kind) {
            Some(Kind::Text { area, .. }) => area.lines().join("\n"),
            _ => String::new(),
        }
    }

    fn code(&self, id: FieldId) -> Option<String> {
        match self.fields.iter().find(|f| f.id == id).map(|f| &f.kind) {
            Some(Kind::Choice { list, value: Some(i) }) => {
                Catalogue::builtin().list(list).0.get(*i).map(|c| c.id.clone())
            }
            _ => None,
        }
    }

    fn codes(&self, id: FieldId) -> Vec<String> {
        match self.fields.iter().find(|f| f.id == id).map(|f| &f.kind) {
            Some(Kind::Multi { list, on, .. }) => Catalogue::builtin()
                .list(list)
                .0
                .iter()
                .zip(on)
                .filter(|(_, on)| **on)
                .map(|(c, _)| c.id.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn forms(&self) -> Vec<String> {
        self.codes(FieldId::Forms)
    }

    /// The consultation as typed; a bad date falls back to `fallback` (for drafts only).
    fn build(&self, date: Date) -> Consultation {
        let cat = Catalogue::builtin();
        let mut c = self.base.clone();
        c.consulted_on = date;
        let unknown = || "unknown".to_string();
        c.forms = same_set(&self.base.forms, self.codes(FieldId::Forms));
        c.prompts.clear();
        for (i, p) in cat.prompts().iter().enumerate() {
            let t = self.text_of(FieldId::Prompt(i));
            if !t.trim().is_empty() {
                c.prompts.insert(p.id.clone(), t);
            }
        }
        c.advice = self.text_of(FieldId::Advice);
        c.advice_categories = same_set(&self.base.advice_categories, self.codes(FieldId::AdviceCategories));
        c.advice_date = Date::parse_dutch(&self.text_of(FieldId::AdviceDate)).ok();
        c.motives = same_set(&self.base.motives, self.codes(FieldId::Motives));
        c.consent.statistics = self.code(FieldId::ConsentStatistics).unwrap_or_else(unknown);
        c.outcome = self.code(FieldId::Outcome).unwrap_or_else(unknown);
        c.actions = parse_actions(&self.text_of(FieldId::Actions));
        c.certainty = self.code(FieldId::Certainty);
        c.client.age_band = self.code(FieldId::AgeBand).unwrap_or_else(unknown);
        c.client.gender = self.code(FieldId::Gender).unwrap_or_else(unknown);
        c.client.location = self.code(FieldId::Location).unwrap_or_else(unknown);
        // The code of what was typed (code or name); anything else is kept as typed, so that
        // validation refuses it with the same rule as `add` and `import`.
        let typed = self.text_of(FieldId::Country);
        c.client.country = match crate::domain::country::resolve(&typed) {
            Some(code) => Some(code.to_string()),
            None if typed.trim().is_empty() => None,
            None => Some(typed.trim().to_string()),
        };
        c.urgency = self.code(FieldId::Urgency);
        c.signals = same_set(&self.base.signals, self.codes(FieldId::Signals));
        c.travel.departure = Date::parse_dutch(&self.text_of(FieldId::Departure)).ok();
        if c.travel.departure.is_some() && c.travel.situation.is_none() {
            c.travel.situation = Some("travel_planned".into());
        }
        let inter = matches!(
            self.fields.iter().find(|f| f.id == FieldId::Intermediary).map(|f| &f.kind),
            Some(Kind::Toggle(true))
        );
        let had = c.parties.iter().any(|p| p == "intermediary");
        if had && !inter {
            c.parties.retain(|p| p != "intermediary");
        } else if inter && !had {
            c.parties.push("intermediary".into());
        }
        c.status = self.code(FieldId::Status).unwrap_or_else(|| "open".into());
        c
    }

    /// The consultation to save. Errors are field messages keys: the date is required and
    /// must be a real date; a departure date that is filled in must be one too.
    pub fn to_consultation(&self) -> Result<Consultation, &'static str> {
        let date = Date::parse_dutch(&self.text_of(FieldId::Date)).map_err(|_| "ui.err.date")?;
        let dep = self.text_of(FieldId::Departure);
        if !dep.trim().is_empty() && Date::parse_dutch(&dep).is_err() {
            return Err("ui.err.departure");
        }
        let advised = self.text_of(FieldId::AdviceDate);
        if !advised.trim().is_empty() && Date::parse_dutch(&advised).is_err() {
            return Err("ui.err.advice_date");
        }
        let c = self.build(date);
        // The rules `add` and `import` apply: what saves also shares and imports.
        if let Err(e) = crate::domain::validate::validate(&c, crate::domain::Catalogue::builtin()) {
            return Err(if e.field == "client.country" { "ui.err.country" } else { "ui.err.invalid" });
        }
        Ok(c)
    }

    pub fn to_draft(&self, today: Date) -> Draft {
        let date = Date::parse_dutch(&self.text_of(FieldId::Date)).unwrap_or(today);
        Draft {
            id: self.id.clone(),
            date_text: self.text_of(FieldId::Date),
            departure_text: self.text_of(FieldId::Departure),
            advice_date_text: self.text_of(FieldId::AdviceDate),
            consultation: self.build(date),
        }
    }

    /// Puts the focus on a field, if the form has it.
    pub fn focus_on(&mut self, id: FieldId) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            self.focus = i;
            self.refresh_highlights();
        }
    }

    /// Puts the focus on the first field with possible personal data; true if there is one.
    pub fn focus_first_finding(&mut self) -> bool {
        let start = self.focus;
        for i in 0..self.fields.len() {
            self.focus = i;
            if !self.detect_focused().is_empty() {
                self.refresh_highlights();
                return true;
            }
        }
        self.focus = start;
        false
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
        self.refresh_highlights();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        self.refresh_highlights();
    }

    fn touched(&mut self) {
        self.dirty = true;
        self.draft_dirty = true;
        self.error = None;
    }

    pub fn paste(&mut self, s: &str) {
        if let Some(Field { kind: Kind::Text { area, single }, .. }) = self.fields.get_mut(self.focus) {
            let s = if *single { s.lines().next().unwrap_or("").to_string() } else { s.replace('\r', "") };
            area.insert_str(s);
            self.touched();
            self.refresh_highlights();
        }
    }

    /// A key for the focused field.
    pub fn key(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else { return };
        let changed = match &mut field.kind {
            Kind::Text { area, single } => {
                if *single && key.code == KeyCode::Enter {
                    false
                } else {
                    area.input(key)
                }
            }
            Kind::Choice { list, value } => {
                let n = Catalogue::builtin().list(list).0.len();
                // Positions: None, 0..n; left/right walk through them.
                let pos = value.map_or(0, |v| v + 1);
                let new = match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => (pos + 1) % (n + 1),
                    KeyCode::Left => (pos + n) % (n + 1),
                    _ => pos,
                };
                *value = new.checked_sub(1);
                new != pos
            }
            Kind::Multi { on, cursor, .. } => match key.code {
                KeyCode::Right | KeyCode::Down => {
                    *cursor = (*cursor + 1) % on.len().max(1);
                    false
                }
                KeyCode::Left | KeyCode::Up => {
                    *cursor = (*cursor + on.len().max(1) - 1) % on.len().max(1);
                    false
                }
                KeyCode::Char(' ') | KeyCode::Enter => {
                    if let Some(v) = on.get_mut(*cursor) {
                        *v = !*v;
                    }
                    true
                }
                _ => false,
            },
            Kind::Toggle(v) => match key.code {
                KeyCode::Char(' ') | KeyCode::Enter | KeyCode::Left | KeyCode::Right => {
                    *v = !*v;
                    true
                }
                _ => false,
            },
        };
        if changed {
            self.touched();
            self.refresh_highlights();
        }
    }

    /// Possible personal data in the focused free-text field, minus what the worker marked
    /// as not personal data. Recomputed per keystroke: ~0.25 ms for a 5 KB note.
    pub fn findings(&self) -> &[crate::privacy::Finding] {
        &self.findings
    }

    fn detect_focused(&self) -> Vec<crate::privacy::Finding> {
        let Some(field) = self.fields.get(self.focus) else { return Vec::new() };
        if !matches!(field.id, FieldId::Prompt(_) | FieldId::Advice | FieldId::Actions) {
            return Vec::new();
        }
        let text = self.text_of(field.id);
        crate::privacy::detect(&text)
            .into_iter()
            .filter(|f| !self.base.not_personal.iter().any(|np| np.kind == f.kind.id() && np.text == f.text))
            .collect()
    }

    /// Highlights the focused field's findings in its text area.
    pub fn refresh_highlights(&mut self) {
        self.findings = self.detect_focused();
        let pattern = self.findings.iter().map(|f| regex::escape(&f.text)).collect::<Vec<_>>().join("|");
        if let Some(Field { kind: Kind::Text { area, .. }, .. }) = self.fields.get_mut(self.focus) {
            area.set_search_style(super::theme::finding());
            // An empty pattern clears the highlight; escaped texts always compile.
            let _ = area.set_search_pattern(pattern);
        }
    }

    /// Replaces the first finding in the focused field with its placeholder ([TELEFOON], ...).
    pub fn replace_finding(&mut self) -> bool {
        let Some(first) = self.findings.first().cloned() else { return false };
        let Some(id) = self.fields.get(self.focus).map(|f| f.id) else { return false };
        let text = crate::privacy::redact(&self.text_of(id), &first);
        self.set_text(id, &text);
        self.touched();
        self.refresh_highlights();
        true
    }

    /// Marks the first finding in the focused field as "not personal data"; the choice is
    /// kept with the record and no longer blocks sharing.
    pub fn dismiss_finding(&mut self) -> bool {
        let Some(first) = self.findings.first().cloned() else { return false };
        self.base
            .not_personal
            .push(crate::domain::NotPersonal { kind: first.kind.id().into(), text: first.text });
        self.touched();
        self.refresh_highlights();
        true
    }

    /// The forms for which the LKHA's "consult first, do not mediate" guidance applies.
    pub fn needs_lkha_guidance(&self) -> bool {
        !self.received
            && self
                .forms()
                .iter()
                .any(|f| matches!(f.as_str(), "forced_marriage" | "abandonment" | "honour_based_violence"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_actions_and_keeps_unshown_fields() {
        let a = parse_actions("[x] 01-12-2026 bel school\nzonder datum\n\n");
        assert_eq!(a.len(), 2);
        assert!(a[0].done && a[0].due.is_some() && a[0].text == "bel school");
        assert_eq!(actions_text(&a), "[x] 01-12-2026 bel school\nzonder datum");
        let mut c = Consultation::new(Date::parse_iso("2026-11-01").unwrap());
        c.motives = vec!["economic".into()];
        let f = Form::from_consultation(None, c.clone());
        assert_eq!(f.to_consultation().unwrap(), c);
    }
}
