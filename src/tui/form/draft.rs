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

/// `actions[3].due` → 3.
fn action_index(key: &str) -> Option<usize> {
    key.strip_prefix("actions[")?.strip_suffix("].due")?.parse().ok()
}

impl Form {
    /// The `i`-th follow-up row.
    fn row_at(&mut self, i: usize) -> Option<&mut super::Row> {
        self.fields.iter_mut().find_map(|f| match &mut f.kind {
            super::Kind::Actions(r) => r.rows.get_mut(i),
            _ => None,
        })
    }

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
            } else if let Some(i) = action_index(&key)
                && let Some(row) = f.row_at(i)
            {
                row.due = super::actions::line_input(&value);
            }
        }
        f.dirty = true;
        f
    }

    pub fn to_draft(&self, today: Date) -> Draft {
        let date = Date::parse_dutch(&self.text_of(FieldId::Date)).unwrap_or(today);
        let mut typed: BTreeMap<String, String> = FIELDS
            .iter()
            .filter(|f| matches!(f.kind, Shape::Date { .. }))
            .map(|f| (f.key.to_string(), self.text_of(f.id)))
            .collect();
        // A follow-up's date that is not a date yet, by its action's place.
        for (i, t) in self.rows().map(super::Rows::typed_dates).unwrap_or_default() {
            typed.insert(format!("actions[{i}].due"), t);
        }
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

#[cfg(test)]
mod tests {
    use super::super::{FieldId, Form};
    use super::Draft;
    use crate::domain::{Consultation, Date, FollowUp};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_record_opened_and_saved_unchanged_is_the_same_record() {
        let mut c = Consultation::new(Date::parse_iso("2026-11-01").unwrap());
        c.motives = vec!["economic".into()];
        let f = Form::from_consultation(None, c.clone());
        assert_eq!(f.to_consultation().unwrap(), c);
    }

    /// A follow-up's date that is not a date yet comes back from the draft as typed.
    #[test]
    fn a_half_typed_action_date_survives_the_draft() {
        let day = Date::parse_iso("2026-11-01").unwrap();
        let mut c = Consultation::new(day);
        c.actions = vec![FollowUp { text: "bel".into(), due: None, done: false }];
        let mut f = Form::from_consultation(None, c);
        f.focus_on(FieldId::Actions);
        for ch in "32-1".chars() {
            f.key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE));
        }
        let bytes = serde_json::to_vec(&f.to_draft(day)).unwrap();
        let back = Form::from_draft("draft/x", serde_json::from_slice::<Draft>(&bytes).unwrap());
        let row = &back.rows().unwrap().rows[0];
        assert_eq!((row.due_text().as_str(), row.text().as_str()), ("32-1", "bel"));
    }
}
