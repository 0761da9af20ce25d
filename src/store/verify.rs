//! `verify`: every record decrypts and the list index agrees with the records.

use super::codec::{RECORD, SUMMARY, aad, summary_of};
use super::error::VaultError;
use super::vault::Vault;
use crate::domain::Summary;
use uuid::Uuid;

/// The result of `verify`: how many records are sound and what is wrong with the others.
#[derive(Debug, Default)]
pub struct VerifyReport {
    pub records: usize,
    pub problems: Vec<(String, Problem)>,
}

/// What `verify` can find wrong with one id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// The record does not decrypt: altered or moved on disk.
    RecordUnreadable,
    /// Its list entry does not decrypt.
    SummaryUnreadable,
    /// Its list entry does not match the record.
    SummaryMismatch,
    /// The record has no list entry.
    NoSummary,
    /// A list entry without a record.
    OrphanSummary,
}

impl VerifyReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Vault {
    /// Checks that every record decrypts and that the list index agrees with the records.
    pub fn verify(&self) -> Result<VerifyReport, VaultError> {
        let mut report = VerifyReport::default();
        let mut summaries = std::collections::HashMap::new();
        for kv in self.engine.scan_prefix(&[SUMMARY]) {
            let (k, v) = kv?;
            let id = Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default();
            let s = self
                .cipher
                .open(&aad(SUMMARY, &id), &v)
                .ok()
                .and_then(|p| serde_json::from_slice::<Summary>(&p).ok())
                .map(|mut s| {
                    s.id.clone_from(&id);
                    s
                });
            summaries.insert(id, s);
        }
        for kv in self.engine.scan_prefix(&[RECORD]) {
            let (k, _) = kv?;
            let id = Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default();
            report.records += 1;
            match self.get(&id) {
                Ok(r) => match summaries.remove(&id) {
                    Some(Some(s)) if s == summary_of(&r) => {}
                    Some(Some(_)) => report.problems.push((id, Problem::SummaryMismatch)),
                    Some(None) => report.problems.push((id, Problem::SummaryUnreadable)),
                    None => report.problems.push((id, Problem::NoSummary)),
                },
                Err(_) => {
                    summaries.remove(&id);
                    report.problems.push((id, Problem::RecordUnreadable));
                }
            }
        }
        for id in summaries.into_keys() {
            report.problems.push((id, Problem::OrphanSummary));
        }
        report.problems.sort();
        Ok(report)
    }
}
