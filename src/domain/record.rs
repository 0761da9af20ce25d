//! The consultation record and the stored record around it (id, timestamps, history).
//!
//! Coded fields hold stable code-list ids as strings, checked against the catalogue by
//! `validate`. A missing field means unknown or empty: notes taken right after a call are
//! never refused for a missing classification; only `consulted_on` is required.

use super::date::Date;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

fn unknown() -> String {
    "unknown".to_string()
}
fn open() -> String {
    "open".to_string()
}

/// `null` or a missing key both mean "unknown" for lists that have that code.
fn null_as_unknown<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_else(unknown))
}
fn null_as_open<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_else(open))
}
fn null_as_default<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// One consultation with the LKHA, as the worker records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    pub consulted_on: Date,
    /// The worker's own short label (kenmerk) that tells consultations apart in the list;
    /// free text, so checked for personal data like the answers. Empty when not given.
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub forms: Vec<String>,
    /// The primary form (hoofdvorm) that statistics count this consultation under: one of
    /// `forms`. `None` means the first of `forms` (see [`Consultation::primary_form`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_form: Option<String>,
    /// `suspected` or `confirmed`; `None` when not yet classified.
    #[serde(default)]
    pub certainty: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub client: Client,
    #[serde(default)]
    pub urgency: Option<String>,
    /// Free text per training prompt id.
    #[serde(default, deserialize_with = "null_as_default")]
    pub prompts: BTreeMap<String, String>,
    /// The LKHA adviser's advice as the worker noted it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub advice: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub actions: Vec<FollowUp>,
    #[serde(default = "open", deserialize_with = "null_as_open")]
    pub status: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub consent: Consent,
    #[serde(default, deserialize_with = "null_as_default")]
    pub signals: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub motives: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub marriage: Marriage,
    #[serde(default, deserialize_with = "null_as_default")]
    pub travel: Travel,
    /// Parties involved; `intermediary` marks a key person of a migrant organisation.
    #[serde(default, deserialize_with = "null_as_default")]
    pub parties: Vec<String>,
    /// Meldcode step 1-5 as a code id ("1".."5").
    #[serde(default)]
    pub meldcode_step: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub advice_categories: Vec<String>,
    #[serde(default)]
    pub advice_date: Option<Date>,
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub outcome: String,
    /// Possible personal data the worker marked as "not personal data" (e.g. a place that
    /// looks like a name); such a finding no longer blocks sharing.
    #[serde(default, deserialize_with = "null_as_default")]
    pub not_personal: Vec<NotPersonal>,
}

/// A finding the worker judged not to be personal data: its kind and exact text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotPersonal {
    pub kind: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub age_band: String,
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub gender: String,
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub location: String,
    /// ISO 3166-1 alpha-2 country involved (e.g. "MA"); a country, never a town.
    #[serde(default)]
    pub country: Option<String>,
}

impl Default for Client {
    fn default() -> Self {
        Client { age_band: unknown(), gender: unknown(), location: unknown(), country: None }
    }
}

/// The three separate consents (GBVIMS style); `not_asked_safety` is a valid answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub lkha_informed: String,
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub share_with_ministry: String,
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub statistics: String,
}

impl Default for Consent {
    fn default() -> Self {
        Consent { lkha_informed: unknown(), share_with_ministry: unknown(), statistics: unknown() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marriage {
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub form: String,
    #[serde(default = "unknown", deserialize_with = "null_as_unknown")]
    pub stage: String,
}

impl Default for Marriage {
    fn default() -> Self {
        Marriage { form: unknown(), stage: unknown() }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Travel {
    #[serde(default)]
    pub situation: Option<String>,
    /// Planned departure date: time matters (summer holidays are the peak).
    #[serde(default)]
    pub departure: Option<Date>,
}

/// A follow-up action with an optional due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub text: String,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub done: bool,
}

impl FollowUp {
    /// Due before `today` and not done: the worker must see it.
    pub fn overdue(&self, today: Date) -> bool {
        !self.done && self.due.is_some_and(|d| d < today)
    }
}

impl Consultation {
    /// Overwrites the free text in memory (answers, advice, actions, texts marked as not
    /// personal) before it is dropped: a locked or closed program leaves no readable note in
    /// freed memory. Codes and dates are not personal and stay.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.label.zeroize();
        for text in self.prompts.values_mut() {
            text.zeroize();
        }
        self.prompts.clear();
        self.advice.zeroize();
        for a in &mut self.actions {
            a.text.zeroize();
        }
        for n in &mut self.not_personal {
            n.text.zeroize();
        }
    }

    /// An empty consultation on a date: what a new note starts from.
    pub fn new(consulted_on: Date) -> Consultation {
        Consultation {
            consulted_on,
            label: String::new(),
            forms: Vec::new(),
            primary_form: None,
            certainty: None,
            client: Client::default(),
            urgency: None,
            prompts: BTreeMap::new(),
            advice: String::new(),
            actions: Vec::new(),
            status: open(),
            consent: Consent::default(),
            signals: Vec::new(),
            motives: Vec::new(),
            marriage: Marriage::default(),
            travel: Travel::default(),
            parties: Vec::new(),
            meldcode_step: None,
            advice_categories: Vec::new(),
            advice_date: None,
            outcome: unknown(),
            not_personal: Vec::new(),
        }
    }

    /// The primary form (hoofdvorm): the chosen `primary_form` when it is one of `forms`,
    /// otherwise the first of `forms` (the documented default), `None` without any form.
    /// A choice left behind after its form was removed falls back to the default, so a
    /// statistic never counts a consultation under a form it no longer has.
    pub fn primary_form(&self) -> Option<&str> {
        match &self.primary_form {
            Some(p) if self.forms.contains(p) => Some(p.as_str()),
            _ => self.forms.first().map(String::as_str),
        }
    }

    /// Every free-text field with its path: where personal data could slip in.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = vec![("label".into(), self.label.as_str())];
        out.extend(self.prompts.iter().map(|(k, v)| (format!("prompts.{k}"), v.as_str())));
        out.push(("advice".into(), self.advice.as_str()));
        for (i, a) in self.actions.iter().enumerate() {
            out.push((format!("actions[{i}].text"), a.text.as_str()));
        }
        out
    }

    /// The top-level fields whose values differ, for the change history.
    pub fn changed_fields(&self, other: &Consultation) -> Vec<String> {
        let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
            (serde_json::to_value(self), serde_json::to_value(other))
        else {
            return Vec::new();
        };
        // Keys of either side: a field set for the first time (absent before) is a change too.
        let mut keys: Vec<&String> = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))).collect();
        keys.retain(|k| a.get(*k) != b.get(*k));
        keys.into_iter().cloned().collect()
    }
}

/// An entry in a record's change history (what changed and when; never the old text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub action: String,
    #[serde(default)]
    pub fields: Vec<String>,
}

/// A consultation as the vault keeps it. Serialised flat, in the JSON form of the CLI
/// contract (the consultation's fields plus `id`, `created`, `updated`, `history`), so that
/// `list --json` can stream stored records without decoding them. Read by `flat.rs`, in one
/// pass; there `history`, `received`, `received_advice` and `shared` may be missing (empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub id: String,
    #[serde(flatten)]
    pub consultation: Consultation,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub history: Vec<HistoryEntry>,
    /// Set on an adviser's copy of a consultation shared with them.
    pub received: Option<Received>,
    /// Advice that came back from LKHA advisers, kept apart from what the worker wrote.
    pub received_advice: Vec<ReceivedAdvice>,
    /// Each time this consultation was shared: with whom and when (worker's side).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<Shared>,
}

/// One share of a consultation: the address-book names (or keys) it went to, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    pub to: Vec<String>,
    pub at: DateTime<Utc>,
}

/// Where a shared consultation came from (on the adviser's side).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// The sender's age recipient (`age1...`).
    pub from: String,
    /// The sender's name in this vault's address book, when known.
    #[serde(default)]
    pub from_name: Option<String>,
    /// The consultation's id in the sender's vault, to address the reply.
    pub origin_id: String,
    pub at: DateTime<Utc>,
    /// Signed by a verified contact. False for a case taken in with `--allow-unverified`
    /// (and for cases received before files were signed).
    #[serde(default)]
    pub verified: bool,
}

/// An adviser's written advice, attached to the worker's consultation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedAdvice {
    /// The adviser's name from the address book, or their recipient.
    pub adviser: String,
    pub adviser_recipient: String,
    #[serde(default)]
    pub advice_date: Option<Date>,
    pub text: String,
    #[serde(default)]
    pub advice_categories: Vec<String>,
    pub received_at: DateTime<Utc>,
    /// When the adviser made the reply; with the adviser, what makes a reply unique.
    pub reply_created: DateTime<Utc>,
}

impl Record {
    /// A record around a consultation with no history, origin or sharing yet (a new record
    /// gets its first history entry from the vault).
    pub fn new(id: String, consultation: Consultation, at: DateTime<Utc>) -> Record {
        Record {
            id,
            consultation,
            created: at,
            updated: at,
            history: Vec::new(),
            received: None,
            received_advice: Vec::new(),
            shared: Vec::new(),
        }
    }

    /// [`Consultation::wipe`], and the advice that came back.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.consultation.wipe();
        for a in &mut self.received_advice {
            a.text.zeroize();
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wipe_overwrites_the_free_text_and_keeps_the_codes() {
        let mut c = Consultation::new(Date::parse_iso("2026-01-02").unwrap());
        c.forms = vec!["abandonment".into()];
        c.prompts.insert("facts".into(), "tekst".into());
        c.advice = "advies".into();
        c.label = "kenmerk".into();
        c.actions.push(FollowUp { text: "bellen".into(), due: None, done: false });
        c.wipe();
        assert!(c.prompts.is_empty() && c.advice.is_empty() && c.actions[0].text.is_empty());
        assert!(c.label.is_empty());
        assert_eq!(c.forms, ["abandonment"]);
    }

    #[test]
    fn stored_form_is_flat_and_round_trips() {
        let mut c = Consultation::new(Date::parse_iso("2026-01-02").unwrap());
        c.forms = vec!["abandonment".into()];
        c.prompts.insert("facts".into(), "tekst".into());
        let now = Utc::now();
        let r = Record::new("x".into(), c, now);
        let v = r.to_json();
        assert_eq!(v["id"], "x");
        assert_eq!(v["forms"][0], "abandonment");
        assert!(v.get("consultation").is_none());
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
    }
}
