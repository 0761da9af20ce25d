//! Share, import and reply: the operations the CLI and the UI both call.

use super::ShareError;
use super::addressbook::AddressBook;
use super::bundle::{self, Incoming, ReplyItem};
use crate::audit;
use crate::domain::{HistoryEntry, Received, ReceivedAdvice, Record};
use crate::store::{Vault, VaultError};
use chrono::Utc;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::Path;

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Consultations added as received (adviser's side).
    pub received: Vec<String>,
    /// Consultations that got advice attached (worker's side).
    pub advised: Vec<String>,
    /// Items already imported before.
    pub skipped: usize,
}

fn index_name(sender: &str, origin: &str) -> String {
    let h: String =
        Sha256::digest(format!("{sender}/{origin}").as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    format!("recv/{h}")
}

/// Writes `bytes` to `out` only after `commit` succeeded; never overwrites a file.
pub(crate) fn write_out(
    out: &Path,
    bytes: &[u8],
    commit: impl FnOnce() -> Result<(), ShareError>,
) -> Result<(), ShareError> {
    if out.exists() {
        return Err(ShareError::OutputExists(out.to_path_buf()));
    }
    let tmp = out.with_extension("part");
    let werr = |source| ShareError::Write { path: out.to_path_buf(), source };
    std::fs::write(&tmp, bytes).map_err(werr)?;
    if let Err(e) = std::fs::File::open(&tmp).and_then(|f| f.sync_all()) {
        let _ = std::fs::remove_file(&tmp);
        return Err(werr(e));
    }
    if let Err(e) = commit() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, out).map_err(werr)
}

fn commit_audit(
    vault: &Vault,
    records: &[Record],
    extra: Vec<(String, Vec<u8>)>,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), ShareError> {
    let mut metas = audit::prepare(vault, action, detail)?;
    metas.extend(extra);
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    Ok(vault.write(records, &refs)?)
}

/// Encrypts the chosen consultations to the recipients and to this vault, into `out`.
/// Refuses, writing nothing, when an id is unknown or a note still has findings.
pub fn share(
    vault: &Vault,
    ids: &[String],
    to: &[String],
    armor: bool,
    out: &Path,
) -> Result<usize, ShareError> {
    let book = AddressBook::load(vault)?;
    let mut recipients = Vec::new();
    for arg in to {
        recipients.extend(book.resolve(arg)?);
    }
    let mut records = Vec::new();
    for id in ids {
        let r = vault.get(id)?;
        let findings = crate::privacy::unresolved(&r.consultation);
        if !findings.is_empty() {
            return Err(ShareError::Findings { id: r.id, count: findings.len() });
        }
        records.push(r);
    }
    let me = vault.recipient();
    recipients.push(me.clone());
    recipients.sort();
    recipients.dedup();
    let plain = zeroize::Zeroizing::new(bundle::bundle_json(&me, &records).to_string().into_bytes());
    let bytes = bundle::encrypt(&plain, &recipients, armor)?;
    let detail = json!({"ids": records.iter().map(|r| &r.id).collect::<Vec<_>>(), "to": to, "recipients": recipients, "file": out.display().to_string()});
    write_out(out, &bytes, || commit_audit(vault, &[], Vec::new(), "share", detail))?;
    Ok(records.len())
}

/// Imports a bundle (as received consultations) or a reply (as advice on the original
/// consultation). All or nothing; items seen before are skipped.
pub fn import(vault: &Vault, bytes: &[u8], file: &str) -> Result<ImportOutcome, ShareError> {
    let plain = bundle::decrypt(bytes, vault.identity())?;
    let incoming = bundle::parse_incoming(&plain)?;
    // Every file is also encrypted to its sender; reading one's own back would copy one's
    // own cases in as "received".
    let sender = match &incoming {
        Incoming::Bundle { sender, .. } | Incoming::Reply { sender, .. } => sender,
    };
    if *sender == vault.recipient() {
        return Err(ShareError::OwnFile);
    }
    let book = AddressBook::load(vault)?;
    let mut outcome = ImportOutcome::default();
    let now = Utc::now();
    match incoming {
        Incoming::Bundle { sender, items, .. } => {
            let from_name = book.name_for(&sender).map(str::to_string);
            let mut records = Vec::new();
            let mut index = Vec::new();
            for (origin, c) in items {
                let name = index_name(&sender, &origin);
                if vault.get_meta(&name)?.is_some() || index.iter().any(|(n, _)| *n == name) {
                    outcome.skipped += 1;
                    continue;
                }
                let mut r = Vault::new_record(c, "received");
                r.received = Some(Received {
                    from: sender.clone(),
                    from_name: from_name.clone(),
                    origin_id: origin,
                    at: now,
                });
                index.push((name, r.id.clone().into_bytes()));
                outcome.received.push(r.id.clone());
                records.push(r);
            }
            if records.is_empty() {
                return Ok(outcome);
            }
            let detail = json!({"kind": "bundle", "from": sender, "ids": outcome.received, "file": file});
            commit_audit(vault, &records, index, "import", detail)?;
        }
        Incoming::Reply { sender, created, items } => {
            let adviser = book.name_for(&sender).unwrap_or(&sender).to_string();
            let mut records: Vec<Record> = Vec::new();
            for item in &items {
                // Every target must exist before anything is written.
                let mut r = match records.iter().position(|r| r.id == item.consultation) {
                    Some(i) => records.remove(i),
                    None => vault.get(&item.consultation).map_err(|e| match e {
                        VaultError::UnknownId(id) => ShareError::UnknownConsultation(id),
                        other => ShareError::Vault(other),
                    })?,
                };
                let advice = ReceivedAdvice {
                    adviser: adviser.clone(),
                    adviser_recipient: sender.clone(),
                    advice_date: item.advice_date,
                    text: item.advice.clone(),
                    advice_categories: item.advice_categories.clone(),
                    received_at: now,
                    reply_created: created,
                };
                let seen = r.received_advice.iter().any(|a| {
                    a.adviser_recipient == advice.adviser_recipient
                        && a.reply_created == advice.reply_created
                        && a.text == advice.text
                });
                if seen {
                    outcome.skipped += 1;
                } else {
                    r.received_advice.push(advice);
                    r.updated = now;
                    r.history.push(HistoryEntry {
                        at: now,
                        action: "advice received".into(),
                        fields: vec!["received_advice".into()],
                    });
                    outcome.advised.push(r.id.clone());
                }
                records.push(r);
            }
            if outcome.advised.is_empty() {
                return Ok(outcome);
            }
            records.retain(|r| outcome.advised.contains(&r.id));
            let detail = json!({"kind": "reply", "from": sender, "ids": outcome.advised, "file": file});
            commit_audit(vault, &records, Vec::new(), "import", detail)?;
        }
    }
    Ok(outcome)
}

/// Writes the adviser's advice on a received consultation as a reply to its sender.
pub fn reply(vault: &Vault, id: &str, out: &Path, armor: bool) -> Result<(), ShareError> {
    let r = vault.get(id)?;
    let received = r.received.clone().ok_or_else(|| ShareError::NotReceived(r.id.clone()))?;
    let c = &r.consultation;
    if c.advice.trim().is_empty() {
        return Err(ShareError::NoAdvice(r.id.clone()));
    }
    let findings = crate::privacy::unresolved(c);
    if !findings.is_empty() {
        return Err(ShareError::Findings { id: r.id.clone(), count: findings.len() });
    }
    let me = vault.recipient();
    let item = ReplyItem {
        consultation: received.origin_id.clone(),
        advice: c.advice.clone(),
        advice_categories: c.advice_categories.clone(),
        advice_date: c.advice_date,
    };
    let plain = zeroize::Zeroizing::new(bundle::reply_json(&me, &[item]).to_string().into_bytes());
    let mut recipients = vec![received.from.clone(), me];
    recipients.dedup();
    let bytes = bundle::encrypt(&plain, &recipients, armor)?;
    let detail = json!({"id": r.id, "to": received.from, "file": out.display().to_string()});
    write_out(out, &bytes, || commit_audit(vault, &[], Vec::new(), "reply", detail))
}
