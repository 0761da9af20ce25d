//! Every field of a consultation, described once: its name in the record, its label, what
//! kind of value it holds (and from which code list), and how to read and write it. The
//! editor, the detail screen, `show`, validation and import all derive from this table, so
//! they cannot drift apart. A new coded field is a row here, a field in `record.rs`, its list
//! in `data/codelists.json` and its label in `data/i18n.json`.

use super::catalogue::{Catalogue, CodeList};
use super::date::Date;
use super::record::{Consultation, FollowUp};

/// The code lists the record uses. Each is a list in `data/codelists.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Form,
    Certainty,
    AgeBand,
    Gender,
    Location,
    Urgency,
    Status,
    Consent,
    Signal,
    Motive,
    MarriageForm,
    MarriageStage,
    Travel,
    Party,
    AdviceCategory,
    MeldcodeStep,
    Outcome,
}

impl List {
    pub const ALL: [List; 17] = [
        List::Form,
        List::Certainty,
        List::AgeBand,
        List::Gender,
        List::Location,
        List::Urgency,
        List::Status,
        List::Consent,
        List::Signal,
        List::Motive,
        List::MarriageForm,
        List::MarriageStage,
        List::Travel,
        List::Party,
        List::AdviceCategory,
        List::MeldcodeStep,
        List::Outcome,
    ];

    /// The list's name in `data/codelists.json`.
    pub fn name(self) -> &'static str {
        match self {
            List::Form => "form",
            List::Certainty => "certainty",
            List::AgeBand => "age_band",
            List::Gender => "gender",
            List::Location => "location",
            List::Urgency => "urgency",
            List::Status => "status",
            List::Consent => "consent",
            List::Signal => "signal",
            List::Motive => "motive",
            List::MarriageForm => "marriage_form",
            List::MarriageStage => "marriage_stage",
            List::Travel => "travel",
            List::Party => "party",
            List::AdviceCategory => "advice_category",
            List::MeldcodeStep => "meldcode_step",
            List::Outcome => "outcome",
        }
    }

    /// The names of all lists the record uses.
    pub fn names() -> impl Iterator<Item = &'static str> {
        List::ALL.into_iter().map(List::name)
    }

    pub fn codes(self) -> &'static CodeList {
        Catalogue::builtin().list(self.name())
    }
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A date; `required` only for the consultation date.
    Date { required: bool },
    /// One code of a list. Without a choice the field stores `empty`: `None` for fields
    /// that may be unset, or the list's own "unknown" (or "open") code.
    Code { list: List, empty: Option<&'static str> },
    /// Any codes of a list.
    Codes(List),
    /// A country as an ISO 3166 code, typed as a code or a name.
    Country,
    /// Free text (may hold personal data: checked, never in statistics).
    Text,
    /// One short line of free text, at most `max` characters (the kenmerk); checked for
    /// personal data like `Text`.
    Line { max: usize },
    /// The training's questions: one free-text answer per prompt of the catalogue.
    Prompts,
    /// Follow-up actions, each with an optional due date and a done mark.
    FollowUps,
}

/// A field's value, as read from or written to a consultation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Date(Option<Date>),
    Code(Option<String>),
    Codes(Vec<String>),
    Text(String),
    FollowUps(Vec<FollowUp>),
}

/// Which field. `Prompt(i)` is the i-th question of the catalogue; the table has one row
/// for all of them (`Prompt(0)`, kind `Prompts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Date,
    Label,
    Forms,
    PrimaryForm,
    Prompt(usize),
    Advice,
    AdviceCategories,
    AdviceDate,
    Actions,
    Certainty,
    Urgency,
    AgeBand,
    Gender,
    Location,
    Country,
    Signals,
    Motives,
    Parties,
    MarriageForm,
    MarriageStage,
    Travel,
    Departure,
    MeldcodeStep,
    ConsentLkha,
    ConsentMinistry,
    ConsentStatistics,
    Outcome,
    Status,
}

/// Where a field sits on the detail screen and in `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The case at a glance: date, forms, urgency, status.
    Case,
    /// The client and the situation (codes only).
    Situation,
    /// The training's questions.
    Questions,
    /// The LKHA's advice as noted, and what follows from it.
    Advice,
}

/// One field of the record.
pub struct Field {
    pub id: FieldId,
    /// The field's path in the record's JSON, as validation errors and history name it.
    pub key: &'static str,
    /// The i18n key of its label.
    pub label: &'static str,
    pub kind: Kind,
    pub section: Section,
    pub read: fn(&Consultation) -> Value,
    pub write: fn(&mut Consultation, Value),
}

fn code(v: Value) -> Option<String> {
    match v {
        Value::Code(c) => c,
        _ => None,
    }
}
fn codes(v: Value) -> Vec<String> {
    match v {
        Value::Codes(c) => c,
        _ => Vec::new(),
    }
}
fn date(v: Value) -> Option<Date> {
    match v {
        Value::Date(d) => d,
        _ => None,
    }
}
fn text(v: Value) -> String {
    match v {
        Value::Text(t) => t,
        _ => String::new(),
    }
}
fn unknown(v: Value) -> String {
    code(v).unwrap_or_else(|| "unknown".into())
}

macro_rules! field {
    ($id:expr, $key:literal, $label:literal, $kind:expr, $section:ident, |$c:ident| $read:expr, |$w:ident, $v:ident| $write:expr) => {
        Field {
            id: $id,
            key: $key,
            label: $label,
            kind: $kind,
            section: Section::$section,
            read: |$c| $read,
            write: |$w, $v| $write,
        }
    };
}

const UNKNOWN: Option<&str> = Some("unknown");

/// The longest kenmerk, in characters: a label to tell rows apart, not a note.
pub const LABEL_MAX: usize = 40;

/// Every field, in the order the editor and the detail screen show them.
#[rustfmt::skip]
pub static FIELDS: &[Field] = &[
    field!(FieldId::Date, "consulted_on", "field.consulted_on", Kind::Date { required: true }, Case,
        |c| Value::Date(Some(c.consulted_on)), |c, v| if let Some(d) = date(v) { c.consulted_on = d }),
    field!(FieldId::Label, "label", "field.label", Kind::Line { max: LABEL_MAX }, Case,
        |c| Value::Text(c.label.clone()), |c, v| c.label = text(v)),
    field!(FieldId::Forms, "forms", "field.forms", Kind::Codes(List::Form), Case,
        |c| Value::Codes(c.forms.clone()), |c, v| c.forms = codes(v)),
    field!(FieldId::PrimaryForm, "primary_form", "field.primary_form", Kind::Code { list: List::Form, empty: None }, Case,
        |c| Value::Code(c.primary_form.clone()), |c, v| c.primary_form = code(v)),
    field!(FieldId::Prompt(0), "prompts", "field.prompts", Kind::Prompts, Questions,
        |_c| Value::Text(String::new()), |_c, _v| {}),
    field!(FieldId::Advice, "advice", "field.advice", Kind::Text, Advice,
        |c| Value::Text(c.advice.clone()), |c, v| c.advice = text(v)),
    field!(FieldId::AdviceCategories, "advice_categories", "field.advice_categories", Kind::Codes(List::AdviceCategory), Advice,
        |c| Value::Codes(c.advice_categories.clone()), |c, v| c.advice_categories = codes(v)),
    field!(FieldId::AdviceDate, "advice_date", "field.advice_date", Kind::Date { required: false }, Advice,
        |c| Value::Date(c.advice_date), |c, v| c.advice_date = date(v)),
    field!(FieldId::Actions, "actions", "field.actions", Kind::FollowUps, Advice,
        |c| Value::FollowUps(c.actions.clone()), |c, v| if let Value::FollowUps(a) = v { c.actions = a }),
    field!(FieldId::Certainty, "certainty", "field.certainty", Kind::Code { list: List::Certainty, empty: None }, Case,
        |c| Value::Code(c.certainty.clone()), |c, v| c.certainty = code(v)),
    field!(FieldId::AgeBand, "client.age_band", "field.age_band", Kind::Code { list: List::AgeBand, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.client.age_band.clone())), |c, v| c.client.age_band = unknown(v)),
    field!(FieldId::Gender, "client.gender", "field.gender", Kind::Code { list: List::Gender, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.client.gender.clone())), |c, v| c.client.gender = unknown(v)),
    field!(FieldId::Location, "client.location", "field.location", Kind::Code { list: List::Location, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.client.location.clone())), |c, v| c.client.location = unknown(v)),
    field!(FieldId::Country, "client.country", "field.country", Kind::Country, Situation,
        |c| Value::Code(c.client.country.clone()), |c, v| c.client.country = code(v)),
    field!(FieldId::Urgency, "urgency", "field.urgency", Kind::Code { list: List::Urgency, empty: None }, Case,
        |c| Value::Code(c.urgency.clone()), |c, v| c.urgency = code(v)),
    field!(FieldId::Signals, "signals", "field.signals", Kind::Codes(List::Signal), Situation,
        |c| Value::Codes(c.signals.clone()), |c, v| c.signals = codes(v)),
    field!(FieldId::Motives, "motives", "field.motives", Kind::Codes(List::Motive), Situation,
        |c| Value::Codes(c.motives.clone()), |c, v| c.motives = codes(v)),
    field!(FieldId::Travel, "travel.situation", "field.travel", Kind::Code { list: List::Travel, empty: None }, Situation,
        |c| Value::Code(c.travel.situation.clone()), |c, v| c.travel.situation = code(v)),
    field!(FieldId::Departure, "travel.departure", "field.departure", Kind::Date { required: false }, Situation,
        |c| Value::Date(c.travel.departure), |c, v| c.travel.departure = date(v)),
    field!(FieldId::MarriageForm, "marriage.form", "field.marriage_form", Kind::Code { list: List::MarriageForm, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.marriage.form.clone())), |c, v| c.marriage.form = unknown(v)),
    field!(FieldId::MarriageStage, "marriage.stage", "field.marriage_stage", Kind::Code { list: List::MarriageStage, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.marriage.stage.clone())), |c, v| c.marriage.stage = unknown(v)),
    field!(FieldId::Parties, "parties", "field.parties", Kind::Codes(List::Party), Situation,
        |c| Value::Codes(c.parties.clone()), |c, v| c.parties = codes(v)),
    field!(FieldId::MeldcodeStep, "meldcode_step", "field.meldcode_step", Kind::Code { list: List::MeldcodeStep, empty: None }, Situation,
        |c| Value::Code(c.meldcode_step.clone()), |c, v| c.meldcode_step = code(v)),
    field!(FieldId::ConsentLkha, "consent.lkha_informed", "field.consent_lkha", Kind::Code { list: List::Consent, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.consent.lkha_informed.clone())), |c, v| c.consent.lkha_informed = unknown(v)),
    field!(FieldId::ConsentMinistry, "consent.share_with_ministry", "field.consent_ministry", Kind::Code { list: List::Consent, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.consent.share_with_ministry.clone())), |c, v| c.consent.share_with_ministry = unknown(v)),
    field!(FieldId::ConsentStatistics, "consent.statistics", "field.consent_statistics", Kind::Code { list: List::Consent, empty: UNKNOWN }, Situation,
        |c| Value::Code(Some(c.consent.statistics.clone())), |c, v| c.consent.statistics = unknown(v)),
    field!(FieldId::Outcome, "outcome", "field.outcome", Kind::Code { list: List::Outcome, empty: UNKNOWN }, Advice,
        |c| Value::Code(Some(c.outcome.clone())), |c, v| c.outcome = unknown(v)),
    field!(FieldId::Status, "status", "field.status", Kind::Code { list: List::Status, empty: Some("open") }, Case,
        |c| Value::Code(Some(c.status.clone())), |c, v| c.status = code(v).unwrap_or_else(|| "open".into())),
];

/// The row of a field (`Prompt(i)` finds the prompts row).
pub fn field(id: FieldId) -> &'static Field {
    let id = if let FieldId::Prompt(_) = id { FieldId::Prompt(0) } else { id };
    // Every FieldId has a row: checked by a test.
    FIELDS.iter().find(|f| f.id == id).unwrap_or(&FIELDS[0])
}

/// The list a coded field draws from.
pub fn list_of(kind: Kind) -> Option<List> {
    match kind {
        Kind::Code { list, .. } | Kind::Codes(list) => Some(list),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_exists_and_every_field_has_one_row() {
        for l in List::ALL {
            assert!(!l.codes().0.is_empty(), "list {} missing", l.name());
        }
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(FIELDS.iter().skip(i + 1).all(|g| g.id != f.id && g.key != f.key), "{} twice", f.key);
            assert!(std::ptr::eq(field(f.id), f));
        }
        // A code that means "nothing chosen" must be in its list.
        for f in FIELDS {
            if let Kind::Code { list, empty: Some(e) } = f.kind {
                assert!(list.codes().contains(e), "{}: {e} not in {}", f.key, list.name());
            }
        }
    }

    #[test]
    fn read_and_write_agree_for_every_field() {
        let mut c = Consultation::new(Date::parse_iso("2026-11-01").unwrap());
        for f in FIELDS {
            let v = match f.kind {
                Kind::Date { .. } => Value::Date(Some(Date::parse_iso("2026-10-05").unwrap())),
                Kind::Code { list, .. } => {
                    let now = (f.read)(&c);
                    let other = list.codes().ids().find(|id| now != Value::Code(Some(id.to_string())));
                    Value::Code(other.map(String::from))
                }
                Kind::Codes(list) => Value::Codes(list.codes().ids().take(2).map(String::from).collect()),
                Kind::Country => Value::Code(Some("MA".into())),
                Kind::Text | Kind::Line { .. } => Value::Text("tekst".into()),
                Kind::FollowUps => {
                    Value::FollowUps(vec![FollowUp { text: "bel".into(), due: None, done: true }])
                }
                Kind::Prompts => continue,
            };
            (f.write)(&mut c, v.clone());
            assert_eq!((f.read)(&c), v, "{}", f.key);
        }
        // Every field changed: the record's own idea of what changed names them all.
        let changed = Consultation::new(Date::parse_iso("2026-11-01").unwrap()).changed_fields(&c);
        for f in FIELDS.iter().filter(|f| f.kind != Kind::Prompts) {
            let top = f.key.split('.').next().unwrap_or(f.key);
            assert!(changed.iter().any(|k| k == top), "{} not written", f.key);
        }
    }
}
