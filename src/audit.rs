//! The audit log: every share, import, reply, export and delete is recorded (what, when, to
//! whom; never content) as encrypted, append-only, hash-chained entries in the vault.
//!
//! Entry `n` is stored sealed under the name `audit/<n>` and carries the SHA-256 hash of
//! entry `n-1`; `audit-head` holds the last sequence number and hash, so a removed tail is
//! noticed too. `verify` recomputes the chain.

use crate::store::{Vault, VaultError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const HEAD: &str = "audit-head";
const PREFIX: &str = "audit/";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// share, import, reply, export, delete
    pub action: String,
    /// Ids, recipients, file names, table names: never content.
    pub detail: serde_json::Value,
    pub prev: String,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Head {
    seq: u64,
    hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error("audit entry {0} is damaged or was changed")]
    Broken(u64),
    #[error("the audit log is incomplete after entry {0}")]
    Truncated(u64),
}

fn entry_name(seq: u64) -> String {
    format!("{PREFIX}{seq:012}")
}

fn hash_of(seq: u64, at: &DateTime<Utc>, action: &str, detail: &serde_json::Value, prev: &str) -> String {
    let canonical = serde_json::json!([seq, at.to_rfc3339(), action, detail, prev]).to_string();
    Sha256::digest(canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn head(vault: &Vault) -> Result<Head, AuditError> {
    match vault.get_meta(HEAD)? {
        None => Ok(Head { seq: 0, hash: GENESIS.into() }),
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|_| AuditError::Broken(0)),
    }
}

/// The sealed values that append one entry; written by the caller together with the
/// operation they record, so the log and the vault never disagree.
pub fn prepare(
    vault: &Vault,
    action: &str,
    detail: serde_json::Value,
) -> Result<Vec<(String, Vec<u8>)>, AuditError> {
    let h = head(vault)?;
    let seq = h.seq + 1;
    let at = Utc::now();
    let hash = hash_of(seq, &at, action, &detail, &h.hash);
    let entry = AuditEntry { seq, at, action: action.into(), detail, prev: h.hash, hash: hash.clone() };
    let entry_bytes = serde_json::to_vec(&entry).map_err(|_| AuditError::Broken(seq))?;
    let head_bytes = serde_json::to_vec(&Head { seq, hash }).map_err(|_| AuditError::Broken(seq))?;
    Ok(vec![(entry_name(seq), entry_bytes), (HEAD.into(), head_bytes)])
}

/// Writes `records` and the vault-level values `extra` together with the audit entry for
/// `action`, in one atomic write: the change and its record in the log land together.
pub fn commit(
    vault: &Vault,
    records: &[crate::domain::Record],
    extra: Vec<(String, Vec<u8>)>,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), AuditError> {
    let mut metas = prepare(vault, action, detail)?;
    metas.extend(extra);
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    Ok(vault.write(records, &refs)?)
}

/// Appends one entry on its own.
pub fn record(vault: &Vault, action: &str, detail: serde_json::Value) -> Result<(), AuditError> {
    let metas = prepare(vault, action, detail)?;
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    Ok(vault.write(&[], &refs)?)
}

/// Every entry in order; a damaged one is an error naming it.
pub fn entries(vault: &Vault) -> Result<Vec<AuditEntry>, AuditError> {
    let mut out = Vec::new();
    for item in vault.scan_meta(PREFIX) {
        let (name, bytes) = item.map_err(|e| match e {
            VaultError::Corrupt(n) => AuditError::Broken(n.trim_start_matches(PREFIX).parse().unwrap_or(0)),
            other => AuditError::Vault(other),
        })?;
        let seq = name.trim_start_matches(PREFIX).parse().unwrap_or(0);
        out.push(serde_json::from_slice(&bytes).map_err(|_| AuditError::Broken(seq))?);
    }
    Ok(out)
}

/// Recomputes the chain: sequence without gaps, each hash right, each link to the one
/// before, and the head pointing at the last. Returns the number of entries.
pub fn verify(vault: &Vault) -> Result<usize, AuditError> {
    let all = entries(vault)?;
    let mut prev = GENESIS.to_string();
    for (i, e) in all.iter().enumerate() {
        let expected_seq = i as u64 + 1;
        if e.seq != expected_seq {
            return Err(AuditError::Truncated(expected_seq.saturating_sub(1)));
        }
        if e.prev != prev || e.hash != hash_of(e.seq, &e.at, &e.action, &e.detail, &e.prev) {
            return Err(AuditError::Broken(e.seq));
        }
        prev.clone_from(&e.hash);
    }
    let h = head(vault)?;
    if h.seq != all.len() as u64 || h.hash != prev {
        return Err(AuditError::Truncated(all.len() as u64));
    }
    Ok(all.len())
}
