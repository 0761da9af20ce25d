//! `verify`: every record decrypts and the list index agrees with the records.

use super::codec::{RECORD, SUMMARY, aad};
use super::engine::KvEngine;
use super::error::VaultError;
use super::manifest::Manifest;
use super::vault::Vault;
use crate::domain::Summary;
use std::collections::HashMap;
use uuid::Uuid;

/// The result of `verify`: how many records are sound and what is wrong with the others.
#[derive(Debug, Default)]
pub struct VerifyReport {
    pub records: usize,
    pub problems: Vec<(String, Problem)>,
    /// What the manifest shows about the vault as a whole.
    pub vault_problems: Vec<VaultProblem>,
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
        self.problems.is_empty() && self.vault_problems.is_empty()
    }
}

/// What one pass finds for one stored value.
enum Seen {
    /// A list entry: its id and content (`None` when it does not decrypt).
    Summary(String, Option<Summary>),
    /// A record: its id and the list entry made from it (`None` when it does not decrypt).
    Record(String, Option<Summary>),
}

impl Vault {
    /// Checks that every record decrypts, that the list index agrees with the records (the
    /// personal-data mark is the stored verdict; see `refresh::agrees_with`) and that the whole
    /// matches the manifest. One pass reads the database on this thread; decrypting,
    /// decoding, rebuilding each list row and the manifest's keyed hashes run on every core.
    pub fn verify(&self) -> Result<VerifyReport, VaultError> {
        let mut report = VerifyReport::default();
        let id_of = |k: &[u8]| Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default();
        let mac = self.keys.data_key.derive(super::manifest::MAC_LABEL);
        let everything: &[u8] = &[];
        let parts = crate::par::chunks(self.engine.scan_prefix(everything), |chunk| {
            let mut part = super::manifest::Manifest::empty();
            let mut seen = Vec::with_capacity(chunk.len());
            for (k, v) in chunk {
                part.apply(&mac, &k, &v, true);
                match k.first() {
                    Some(&SUMMARY) if k.len() == 17 => {
                        let id = id_of(&k);
                        let s = self
                            .cipher
                            .open(&aad(SUMMARY, &id), &v)
                            .ok()
                            .and_then(|p| serde_json::from_slice::<Summary>(&p).ok())
                            .map(|mut s| {
                                s.id.clone_from(&id);
                                s
                            });
                        seen.push(Seen::Summary(id, s));
                    }
                    Some(&RECORD) if k.len() == 17 => {
                        let id = id_of(&k);
                        let fresh = self.open_record(&id, &v).ok().map(|r| Summary::of(&r));
                        seen.push(Seen::Record(id, fresh));
                    }
                    _ => {}
                }
            }
            (part, seen)
        })?;
        let mut now = super::manifest::Manifest::empty();
        let mut summaries: HashMap<String, Option<Summary>> = HashMap::new();
        let mut records = Vec::new();
        for (part, seen) in parts {
            now.merge(&part);
            for s in seen {
                match s {
                    Seen::Summary(id, s) => {
                        summaries.insert(id, s);
                    }
                    Seen::Record(id, fresh) => records.push((id, fresh)),
                }
            }
        }
        for (id, fresh) in records {
            report.records += 1;
            let problem = match (fresh, summaries.remove(&id)) {
                (None, _) => Some(Problem::RecordUnreadable),
                (Some(fresh), Some(Some(s))) => {
                    (!super::refresh::agrees_with(&s, fresh)).then_some(Problem::SummaryMismatch)
                }
                (Some(_), Some(None)) => Some(Problem::SummaryUnreadable),
                (Some(_), None) => Some(Problem::NoSummary),
            };
            if let Some(p) = problem {
                report.problems.push((id, p));
            }
        }
        for id in summaries.into_keys() {
            report.problems.push((id, Problem::OrphanSummary));
        }
        report.problems.sort();
        report.vault_problems = self.verify_manifest(now)?;
        Ok(report)
    }
}

/// What `verify` can find wrong with the vault as a whole, against its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultProblem {
    /// The manifest is missing or does not decrypt.
    ManifestUnreadable,
    /// Fewer consultations than the last write left: some were deleted outside the program.
    RecordsMissing { expected: u64, found: u64 },
    /// More consultations than the last write left.
    RecordsAdded { expected: u64, found: u64 },
    /// Fewer or more list entries than the last write left.
    SummariesMissing { expected: u64, found: u64 },
    /// Consultations changed outside the program (an earlier version put back, or one
    /// swapped for another): the ids in the affected part of the vault.
    RecordsChanged(Vec<String>),
    /// The audit log lost entries at its end (or was otherwise replaced).
    AuditCut { expected: u64, found: u64 },
    /// The audit log's entries are not the ones written.
    AuditChanged,
    /// The index of received cases changed outside the program.
    ReceivedChanged,
    /// A vault-level value (address book, settings, a draft) is not the version last
    /// written: an older copy was put back.
    MetaChanged(String),
    /// A vault-level value is gone.
    MetaMissing(String),
    /// The whole vault is older than the newest this computer saw.
    RolledBack { vault: u64, seen: u64 },
}

impl Vault {
    /// Compares the database (`now`, its manifest as computed) with the stored manifest, and
    /// the stored counter with the newest this computer saw.
    pub(super) fn verify_manifest(&self, now: Manifest) -> Result<Vec<VaultProblem>, VaultError> {
        let Ok(Some(stored)) = self.stored_manifest() else {
            return Ok(vec![VaultProblem::ManifestUnreadable]);
        };
        let mut out = Vec::new();
        let seen = self.seen_counter();
        if stored.counter < seen {
            out.push(VaultProblem::RolledBack { vault: stored.counter, seen });
        }
        if now.same_content(&stored) {
            return Ok(out);
        }
        if now.records < stored.records {
            out.push(VaultProblem::RecordsMissing { expected: stored.records, found: now.records });
        } else if now.records > stored.records {
            out.push(VaultProblem::RecordsAdded { expected: stored.records, found: now.records });
        }
        if now.summaries != stored.summaries {
            out.push(VaultProblem::SummariesMissing { expected: stored.summaries, found: now.summaries });
        }
        if now.records == stored.records && now.summaries == stored.summaries {
            let mut ids = Vec::new();
            for (b, (a, s)) in now.buckets.iter().zip(&stored.buckets).enumerate() {
                if a != s {
                    for kv in self.engine.scan_prefix(&[RECORD]) {
                        let (k, _) = kv?;
                        if k.len() == 17 && k[1] as usize % super::manifest::BUCKETS == b {
                            ids.push(Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default());
                        }
                    }
                }
            }
            if !ids.is_empty() {
                out.push(VaultProblem::RecordsChanged(ids));
            }
        }
        if now.audit < stored.audit {
            out.push(VaultProblem::AuditCut { expected: stored.audit, found: now.audit });
        } else if now.audit_sum != stored.audit_sum || now.audit != stored.audit {
            out.push(VaultProblem::AuditChanged);
        }
        if now.received_sum != stored.received_sum || now.received != stored.received {
            out.push(VaultProblem::ReceivedChanged);
        }
        for (name, e) in &stored.metas {
            match now.metas.get(name) {
                None => out.push(VaultProblem::MetaMissing(name.clone())),
                Some(x) if x != e => out.push(VaultProblem::MetaChanged(name.clone())),
                Some(_) => {}
            }
        }
        for name in now.metas.keys().filter(|n| !stored.metas.contains_key(*n)) {
            out.push(VaultProblem::MetaChanged(name.clone()));
        }
        Ok(out)
    }
}
