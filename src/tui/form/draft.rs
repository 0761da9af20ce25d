//! The encrypted draft of an open editor: what is typed, kept while the worker writes so a
//! crash or a lock loses nothing.

use super::{FieldId, Form};
use crate::domain::Consultation;
use crate::domain::Date;
use crate::domain::schema::{FIELDS, Kind as Shape};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the encrypted draft holds: the record id and the fields as typed.
#[derive(Serialize, Deserialize)]
pub struct Draft {
    pub id: Option<String>,
    /// The draft's own id (its vault-level name is `draft/<draft_id>`); absent in the single
    /// draft of older versions.
    #[serde(default)]
    pub draft_id: Option<String>,
    /// Date fields as typed, by schema key, so a half-typed date survives a crash too.
    #[serde(default)]
    pub typed: BTreeMap<String, String>,
    // Drafts written before `typed` (kept readable).
    #[serde(default, skip_serializing)]
    pub(super) date_text: String,
    #[serde(default, skip_serializing)]
    pub(super) departure_text: String,
    #[serde(default, skip_serializing)]
    pub(super) advice_date_text: String,
    pub consultation: Consultation,
}

impl Form {
    /// The editor of a draft kept under `name`.
    pub fn from_draft(name: &str, d: Draft) -> Form {
        let mut f = Form::from_consultation(d.id, d.consultation);
        f.draft_name = name.to_string();
        let legacy = [
            ("consulted_on", d.date_text),
            ("travel.departure", d.departure_text),
            ("advice_date", d.advice_date_text),
        ];
        let typed = d
            .typed
            .into_iter()
            .chain(legacy.into_iter().map(|(k, v)| (k.to_string(), v)).filter(|(_, v)| !v.is_empty()));
        for (key, value) in typed {
            if let Some(field) = FIELDS.iter().find(|x| x.key == key) {
                f.set_text(field.id, &value);
            }
        }
        f.dirty = true;
        f
    }

    pub fn to_draft(&self, today: Date) -> Draft {
        let date = Date::parse_dutch(&self.text_of(FieldId::Date)).unwrap_or(today);
        let typed = FIELDS
            .iter()
            .filter(|f| matches!(f.kind, Shape::Date { .. }))
            .map(|f| (f.key.to_string(), self.text_of(f.id)))
            .collect();
        Draft {
            id: self.id.clone(),
            draft_id: self.draft_name.strip_prefix("draft/").map(str::to_string),
            typed,
            date_text: String::new(),
            departure_text: String::new(),
            advice_date_text: String::new(),
            consultation: self.build(date),
        }
    }
}
