//! What the share dialog needs before anything leaves: the cases, who may receive them, the
//! unresolved possible personal data that would stop the share, and exactly which fields
//! would leave. The same checks `share` and `reply` apply.

use super::{AddressBook, ShareError};
use crate::domain::Date;
use crate::store::Vault;

/// What the share dialog sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// One's own consultation, to advisers chosen from the address book.
    Share,
    /// A received consultation: the advice goes back to whoever sent it (name or key).
    Reply { to: String },
}

/// What the dialog needs to open, as the vault has it.
#[derive(Debug, Clone)]
pub struct ShareInfo {
    /// The consultation the dialog is about: the first, or the first with findings.
    pub id: String,
    /// Every consultation that is shared (several when marked in the list).
    pub ids: Vec<String>,
    pub consulted_on: Date,
    pub mode: Mode,
    /// Address-book names and how many keys each holds.
    pub contacts: Vec<(String, usize)>,
    /// Unresolved possible personal data: the same check `share` and `reply` refuse on.
    pub findings: Vec<FoundItem>,
    /// Whether advice has been written (a reply without it is refused).
    pub has_advice: bool,
    /// What the adviser receives, field by field (`share::bundle::preview`).
    pub preview: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundItem {
    /// The field as the record names it: `prompts.facts`, `advice`, `actions[0].text`.
    pub field: String,
    /// Detector kind id: `phone`, `bsn`, ...
    pub kind: String,
    pub text: String,
}

/// Gathers what the share (or reply) dialog shows for `ids`.
pub fn prepare(v: &Vault, ids: &[String]) -> Result<ShareInfo, ShareError> {
    let records: Vec<crate::domain::Record> = ids.iter().map(|id| v.get(id)).collect::<Result<_, _>>()?;
    let Some(first) = records.first() else { return Err(ShareError::UnknownConsultation(String::new())) };
    let book = AddressBook::load(v)?;
    // Several at once: own cases only (a reply goes to one sender about one case).
    if records.len() > 1 && records.iter().any(|r| r.received.is_some()) {
        return Err(ShareError::NotReceived(first.id.clone()));
    }
    let with_findings = records.iter().find(|r| !crate::privacy::unresolved(&r.consultation).is_empty());
    let r = with_findings.unwrap_or(first);
    let findings = crate::privacy::unresolved(&r.consultation)
        .into_iter()
        .map(|f| FoundItem { field: f.field, kind: f.finding.kind.id().to_string(), text: f.finding.text })
        .collect();
    let mut preview = Vec::new();
    for (n, rec) in records.iter().enumerate() {
        if records.len() > 1 {
            preview.push((
                format!("#{}", n + 1),
                rec.consultation.consulted_on.0.format("%Y-%m-%d").to_string(),
            ));
        }
        preview.extend(super::bundle::preview(rec));
    }
    let mode = match &r.received {
        Some(rec) => Mode::Reply {
            to: book
                .name_for(&rec.from)
                .map(str::to_string)
                .or(rec.from_name.clone())
                .unwrap_or(rec.from.clone()),
        },
        None => Mode::Share,
    };
    Ok(ShareInfo {
        id: r.id.clone(),
        ids: ids.to_vec(),
        consulted_on: r.consultation.consulted_on,
        mode,
        contacts: book.contacts.iter().map(|c| (c.name.clone(), c.recipients.len())).collect(),
        findings,
        has_advice: !r.consultation.advice.trim().is_empty(),
        preview,
    })
}
