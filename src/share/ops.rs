//! Share, import and reply: the operations the CLI and the UI both call.

use super::ShareError;
use super::addressbook::{self, AddressBook, Contact};
use super::bundle::{self, Incoming, ReplyItem};
use super::card::Card;
use super::signed::{self, Check};
use crate::audit;
use crate::domain::{HistoryEntry, Received, ReceivedAdvice, Record};
use crate::store::{Vault, VaultError};
use chrono::Utc;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::Path;

pub use super::contacts::{ContactSource, add_contact, remove_contact, rename_contact};

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

/// Writes `bytes` to `out` (private to the user) only after `commit` succeeded; never
/// overwrites a file and never follows a symbolic link. The bytes go to a new file with a
/// random name beside `out` (`create_new`: a link or file at that name makes it fail), then
/// get the final name by a hard link, which fails rather than replace anything.
pub(crate) fn write_out(
    out: &Path,
    bytes: &[u8],
    commit: impl FnOnce() -> Result<(), ShareError>,
) -> Result<(), ShareError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    // A dangling link counts as existing too.
    if out.symlink_metadata().is_ok() {
        return Err(ShareError::OutputExists(out.to_path_buf()));
    }
    let werr = |source| ShareError::Write { path: out.to_path_buf(), source };
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = out.with_file_name(format!(".{name}.{}.part", uuid::Uuid::new_v4().simple()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(werr(e));
    }
    if let Err(e) = commit() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let linked = match std::fs::hard_link(&tmp, out) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(ShareError::OutputExists(out.to_path_buf()))
        }
        // File systems without hard links (some USB sticks, shares): a rename, after checking
        // again that nothing appeared at the name.
        Err(_) if out.symlink_metadata().is_err() => std::fs::rename(&tmp, out).map_err(werr),
        Err(e) => Err(werr(e)),
        Ok(()) => Ok(()),
    };
    let _ = std::fs::remove_file(&tmp);
    linked
}

fn commit_audit(
    vault: &Vault,
    records: &[Record],
    extra: Vec<(String, Vec<u8>)>,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), ShareError> {
    Ok(audit::commit(vault, records, extra, action, detail)?)
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
    let bytes = signed_file(vault, bundle::bundle_json(&me, &records), &recipients, armor)?;
    let detail = json!({"ids": records.iter().map(|r| &r.id).collect::<Vec<_>>(), "to": to, "recipients": recipients, "file": out.display().to_string()});
    // Each record remembers the share (the list shows "waiting for advice"), in the same
    // write as the audit entry.
    let at = Utc::now();
    for r in &mut records {
        r.shared.push(crate::domain::Shared { to: to.to_vec(), at });
    }
    write_out(out, &bytes, || commit_audit(vault, &records, Vec::new(), "share", detail))?;
    super::outgoing::remember(vault, out);
    Ok(records.len())
}

/// Signs `doc` with this vault's card and key for `recipients`, then encrypts it to them.
pub fn signed_file(
    vault: &Vault,
    mut doc: serde_json::Value,
    recipients: &[String],
    armor: bool,
) -> Result<Vec<u8>, ShareError> {
    let card = addressbook::own_card(vault)?;
    signed::sign(&mut doc, &card, recipients, &vault.signing_key());
    let plain = zeroize::Zeroizing::new(doc.to_string().into_bytes());
    bundle::encrypt(&plain, recipients, armor)
}

/// Who a card says it is, for messages: its name, else its recipient.
fn who(card: &Card) -> String {
    if card.name.is_empty() { card.recipient.clone() } else { card.name.clone() }
}

/// The verified contact that signed an incoming file, `None` when the file may be taken in
/// unverified (`allow_unverified`), or the reason it is refused. A bad signature, or one made
/// for other recipients, is refused whatever is allowed.
pub(crate) fn signer(
    book: &AddressBook,
    check: Check,
    me: &str,
    claimed_sender: &str,
    allow_unverified: bool,
) -> Result<Option<Contact>, ShareError> {
    match check {
        Check::Bad => Err(ShareError::BadSignature),
        Check::Valid { card, recipients } => {
            if !recipients.iter().any(|r| r == me) {
                return Err(ShareError::NotAddressed);
            }
            match book.verified_signer(&card) {
                Some(contact) => Ok(Some(contact.clone())),
                None if allow_unverified => Ok(None),
                None => Err(ShareError::UnknownSigner { who: who(&card), fingerprint: card.fingerprint() }),
            }
        }
        Check::Unsigned { .. } if allow_unverified => Ok(None),
        Check::Unsigned { claimed } => {
            Err(ShareError::Unsigned { claimed: claimed.unwrap_or_else(|| claimed_sender.to_string()) })
        }
    }
}

/// Whether this vault's audit log shows consultation `id` shared with one of `recipients`.
fn shared_with(vault: &Vault, id: &str, recipients: &[String]) -> Result<bool, ShareError> {
    let has = |v: &serde_json::Value, key: &str, wanted: &str| {
        v.get(key)
            .and_then(serde_json::Value::as_array)
            .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(wanted)))
    };
    Ok(audit::entries(vault)?.iter().any(|e| {
        e.action == "share"
            && has(&e.detail, "ids", id)
            && recipients.iter().any(|r| has(&e.detail, "recipients", r))
    }))
}

/// Imports a bundle (as received consultations) or a reply (as advice on the original
/// consultation). All or nothing; items seen before are skipped. The file must be signed by
/// a verified contact; `allow_unverified` lets a *case bundle* from anyone else in, marked as
/// such. Advice is only ever taken from a verified contact, and only on a consultation this
/// vault shared with that contact.
pub fn import(
    vault: &Vault,
    bytes: &[u8],
    file: &str,
    allow_unverified: bool,
) -> Result<ImportOutcome, ShareError> {
    let plain = bundle::decrypt(bytes, vault.identity())?;
    let (incoming, check) = bundle::parse_incoming(&plain)?;
    // Every file is also encrypted to its sender; reading one's own back would copy one's
    // own cases in as "received".
    let (sender, is_reply) = match &incoming {
        Incoming::Bundle { sender, .. } => (sender, false),
        Incoming::Reply { sender, .. } => (sender, true),
    };
    if *sender == vault.recipient() {
        return Err(ShareError::OwnFile);
    }
    let book = AddressBook::load(vault)?;
    let contact = signer(&book, check, &vault.recipient(), sender, allow_unverified && !is_reply)?;
    let mut outcome = ImportOutcome::default();
    let now = Utc::now();
    match incoming {
        Incoming::Bundle { sender, items, .. } => {
            let from_name = contact.as_ref().map(|c| c.name.clone());
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
                    verified: contact.is_some(),
                });
                index.push((name, r.id.clone().into_bytes()));
                outcome.received.push(r.id.clone());
                records.push(r);
            }
            if records.is_empty() {
                return Ok(outcome);
            }
            let detail = json!({"kind": "bundle", "from": sender, "verified": contact.is_some(), "ids": outcome.received, "file": file});
            commit_audit(vault, &records, index, "import", detail)?;
        }
        Incoming::Reply { sender, created, items } => {
            let contact = contact.ok_or(ShareError::BadSignature)?;
            let adviser = contact.name.clone();
            let mut records: Vec<Record> = Vec::new();
            for item in &items {
                if !shared_with(vault, &item.consultation, &contact.recipients)? {
                    return Err(ShareError::NotSharedWith {
                        id: item.consultation.clone(),
                        contact: adviser,
                    });
                }
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
    let mut recipients = vec![received.from.clone(), me.clone()];
    recipients.dedup();
    let bytes = signed_file(vault, bundle::reply_json(&me, &[item]), &recipients, armor)?;
    let detail = json!({"id": r.id, "to": received.from, "file": out.display().to_string()});
    write_out(out, &bytes, || commit_audit(vault, &[], Vec::new(), "reply", detail))?;
    super::outgoing::remember(vault, out);
    Ok(())
}
