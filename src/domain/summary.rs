//! What the list shows of a consultation. The vault keeps an encrypted summary beside each
//! record so that opening a large vault decrypts a few dozen bytes per row, not the whole note.

use super::catalogue::Catalogue;
use super::date::Date;
use super::record::{Consultation, Record};
use serde::{Deserialize, Serialize};

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Short serialized keys: 100,000 of these are decoded every time a vault opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Not stored: the vault knows it from the key.
    #[serde(skip)]
    pub id: String,
    #[serde(rename = "d")]
    pub consulted_on: Date,
    #[serde(rename = "f")]
    pub forms: Vec<String>,
    #[serde(rename = "a")]
    pub age_band: String,
    #[serde(rename = "u")]
    pub urgency: Option<String>,
    #[serde(rename = "s")]
    pub status: String,
    /// Earliest due date of an open follow-up action.
    #[serde(rename = "n")]
    pub next_due: Option<Date>,
    /// Planned departure abroad, when travel is planned.
    #[serde(rename = "p")]
    pub departure: Option<Date>,
    /// Missing classification or notes: shown as incomplete in the list.
    #[serde(rename = "x")]
    pub incomplete: bool,
    /// Free text still holds possible personal data: it cannot be shared until resolved.
    /// Set by the vault, which runs the detector; the domain does not know it.
    #[serde(rename = "pd", default)]
    pub personal_data: bool,
    /// Received from another worker (adviser's side): the list shows these apart.
    #[serde(rename = "r", default, skip_serializing_if = "std::ops::Not::not")]
    pub received: bool,
    /// Received from a sender who is not a verified contact (`import --allow-unverified`).
    #[serde(rename = "uv", default, skip_serializing_if = "std::ops::Not::not")]
    pub unverified: bool,
    /// Shared with an adviser (worker's side): with `advice_received` 0, waiting for advice.
    #[serde(rename = "sh", default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    /// How many pieces of advice came back on this consultation (worker's side).
    #[serde(rename = "ra", default, skip_serializing_if = "is_zero")]
    pub advice_received: u32,
    /// The worker's kenmerk (personal text: stored sealed, like the whole summary).
    #[serde(rename = "k", default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The first words of the first answer in prompt order, to tell rows apart when there is
    /// no kenmerk (personal text: stored sealed, like the whole summary).
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub preview: String,
    /// How this summary was made: older ones (0) have no kenmerk or preview and are made
    /// again from their record when the vault opens.
    #[serde(rename = "v", default)]
    pub version: u8,
    #[serde(rename = "c", with = "chrono::serde::ts_milliseconds")]
    pub created: chrono::DateTime<chrono::Utc>,
    /// The record's last change (summaries written before this field have none).
    #[serde(
        rename = "m",
        default,
        with = "chrono::serde::ts_milliseconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
}

/// Characters of the first answer the list shows when a consultation has no kenmerk.
pub const PREVIEW_CHARS: usize = 40;

/// The first words of the first non-empty answer (in the training's prompt order) on one
/// line: at most [`PREVIEW_CHARS`] characters, cut after a whole word, with "…" when cut.
pub fn preview(c: &Consultation) -> String {
    let Some(text) = Catalogue::builtin()
        .prompts()
        .iter()
        .filter_map(|p| c.prompts.get(&p.id))
        .find(|t| !t.trim().is_empty())
    else {
        return String::new();
    };
    let mut out = String::new();
    for word in text.split_whitespace() {
        let sep = usize::from(!out.is_empty());
        if out.chars().count() + sep + word.chars().count() > PREVIEW_CHARS {
            if out.is_empty() {
                // One long word: cut it.
                out = word.chars().take(PREVIEW_CHARS).collect();
            }
            out.push('…');
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Summary {
    /// The format [`Summary::of`] writes; a stored summary with a lower one is made again.
    pub const VERSION: u8 = 1;

    pub fn of(r: &Record) -> Summary {
        let c = &r.consultation;
        let next_due = c.actions.iter().filter(|a| !a.done).filter_map(|a| a.due).min();
        let departure = match c.travel.situation.as_deref() {
            Some("travel_planned") | None => c.travel.departure,
            _ => None,
        };
        let incomplete = c.forms.is_empty()
            || c.urgency.is_none()
            || c.certainty.is_none()
            || c.prompts.values().all(|t| t.trim().is_empty());
        Summary {
            id: r.id.clone(),
            consulted_on: c.consulted_on,
            forms: c.forms.clone(),
            age_band: c.client.age_band.clone(),
            urgency: c.urgency.clone(),
            status: c.status.clone(),
            next_due,
            departure,
            incomplete,
            personal_data: false,
            received: r.received.is_some(),
            unverified: r.received.as_ref().is_some_and(|x| !x.verified),
            shared: !r.shared.is_empty(),
            advice_received: u32::try_from(r.received_advice.len()).unwrap_or(u32::MAX),
            label: c.label.clone(),
            preview: preview(c),
            version: Summary::VERSION,
            created: r.created,
            // Kept to the millisecond, as stored: a summary read back equals one made anew.
            updated: Some(chrono::SubsecRound::trunc_subsecs(r.updated, 3)),
        }
    }

    /// When the record last changed (for retention): its update time, else its creation.
    pub fn last_change(&self) -> chrono::DateTime<chrono::Utc> {
        self.updated.unwrap_or(self.created)
    }

    /// Shared and no advice back yet.
    pub fn awaiting_advice(&self) -> bool {
        self.shared && self.advice_received == 0
    }

    /// Newest consultation first; among one day, the most recently created first (and
    /// then by id, so that the order does not depend on the order the rows were read in).
    pub fn sort_newest_first(rows: &mut [Summary]) {
        rows.sort_by(|a, b| Summary::newest_first(a, b).then_with(|| a.id.cmp(&b.id)));
    }

    /// The list's order: newest consultation first, then the most recently created.
    pub fn newest_first(a: &Summary, b: &Summary) -> std::cmp::Ordering {
        b.consulted_on.cmp(&a.consulted_on).then(b.created.cmp(&a.created))
    }

    pub fn is_acute(&self) -> bool {
        self.urgency.as_deref() == Some("acute") && self.status == "open"
    }

    pub fn overdue(&self, today: Date) -> bool {
        self.status == "open" && self.next_due.is_some_and(|d| d < today)
    }

    /// A planned departure within `days` from today: the classic moment of risk.
    pub fn departure_soon(&self, today: Date, days: i64) -> bool {
        self.status == "open"
            && self.departure.is_some_and(|d| {
                let delta = (d.0 - today.0).num_days();
                (0..=days).contains(&delta)
            })
    }
}
