//! The only UI code that talks to the vault: runs effects and turns results into actions.
//! Sharing, replying and importing call `share::ops`, the same code as the command line.

use super::action::{Action, Effect};
use crate::error::{AppError, share_message, vault_message};
use crate::i18n::Lang;
use crate::share::{AddressBook, ShareError, ops};
use crate::store::{Vault, VaultError, VaultLock};
use std::path::PathBuf;

mod autobackup;
mod files;
use files::{incoming_files, is_age_file, is_card_file};

/// Drafts are vault-level values named `draft/<draft id>` (one per consultation being
/// edited); `draft` alone is the single draft of older versions, still read and cleared.
const DRAFT: &str = "draft";
/// Records decrypted per background step of the search index: small enough that a key
/// pressed meanwhile waits at most a few milliseconds.
const SEARCH_CHUNK: usize = 200;

mod manage;

enum State {
    Locked(Option<VaultLock>),
    Open(Box<Vault>),
}

pub struct Runner {
    dir: PathBuf,
    lang: Lang,
    kdf_log_n: Option<u8>,
    state: State,
    /// The passphrase of the open vault, for automatic backups (dropped, and zeroised, on lock).
    pass: Option<age::secrecy::SecretString>,
    /// Something was written since the last automatic backup.
    changed: bool,
    /// When an automatic backup was last tried: a failing one (a USB stick not plugged in)
    /// is retried once per interval, not after every save.
    tried: Option<chrono::DateTime<chrono::Utc>>,
}

impl Runner {
    /// `lock`: the held lock of an existing vault, or None when the welcome screen creates it.
    pub fn new(dir: PathBuf, lang: Lang, kdf_log_n: Option<u8>, lock: Option<VaultLock>) -> Runner {
        Runner { dir, lang, kdf_log_n, state: State::Locked(lock), pass: None, changed: false, tried: None }
    }

    pub fn opened(dir: PathBuf, lang: Lang, vault: Vault) -> Runner {
        Runner {
            dir,
            lang,
            kdf_log_n: None,
            state: State::Open(Box::new(vault)),
            pass: None,
            changed: false,
            tried: None,
        }
    }

    fn fail(&self, e: &VaultError) -> Action {
        Action::Failed(vault_message(e, self.lang))
    }

    /// What the list and draft dialog need right after unlocking.
    pub fn loaded(&self) -> Action {
        let State::Open(v) = &self.state else { return Action::Failed(String::new()) };
        match v.summaries() {
            Ok(l) => Action::Unlocked { rows: l.rows, damaged: l.damaged.len(), drafts: drafts(v) },
            Err(e) => self.fail(&e),
        }
    }

    /// The vault's open notice in words, when opening found something to say.
    fn notice(&self) -> Vec<Action> {
        let State::Open(v) = &self.state else { return vec![] };
        v.open_notice()
            .map(|n| Action::Notice(crate::error::notice_message(n, self.lang)))
            .into_iter()
            .collect()
    }

    /// The retention period, for the reminder after unlocking.
    pub fn retention(&self) -> Action {
        let State::Open(v) = &self.state else { return Action::Retention(None) };
        Action::Retention(crate::retention::years(v).ok().flatten())
    }

    /// Runs one effect. `Quit` is handled by the caller.
    pub fn run(&mut self, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Quit => vec![],
            Effect::AutoBackup => self.auto_backup(),
            Effect::SetBackupDir { dir } => self.set_backup_dir(&dir),
            Effect::CheckBackup if self.backup_due(false) => vec![Action::BackupDue],
            Effect::CheckBackup => vec![],
            Effect::CreateVault(pass) => match Vault::create(&self.dir, &pass, self.kdf_log_n) {
                Ok(v) => {
                    self.state = State::Open(Box::new(v));
                    self.pass = Some(pass);
                    vec![self.loaded(), self.retention(), self.backup_state()]
                }
                Err(e) => vec![Action::UnlockFailed(vault_message(&e, self.lang))],
            },
            Effect::Unlock(pass) => {
                let lock = match std::mem::replace(&mut self.state, State::Locked(None)) {
                    State::Locked(Some(l)) => l,
                    State::Locked(None) => match VaultLock::acquire(&self.dir) {
                        Ok(l) => l,
                        Err(e) => return vec![Action::UnlockFailed(vault_message(&e, self.lang))],
                    },
                    open @ State::Open(_) => {
                        self.state = open;
                        return vec![self.loaded()];
                    }
                };
                match lock.unlock(&pass) {
                    Ok(keys) => match lock.open(keys) {
                        Ok(v) => {
                            self.state = State::Open(Box::new(v));
                            self.pass = Some(pass);
                            let mut out = vec![self.loaded(), self.retention(), self.backup_state()];
                            self.note_unbacked(&out);
                            out.extend(self.notice());
                            out
                        }
                        Err(e) => vec![Action::UnlockFailed(vault_message(&e, self.lang))],
                    },
                    Err(e) => {
                        // The lock is kept so the user can try again.
                        self.state = State::Locked(Some(lock));
                        vec![Action::UnlockFailed(vault_message(&e, self.lang))]
                    }
                }
            }
            Effect::Lock => {
                // Locking is walking away: the changes made are backed up first, while the
                // passphrase is still at hand.
                let mut out = vec![];
                if self.quit_backup_due() {
                    out = self.auto_backup();
                }
                // Dropping the vault drops its keys and cache; the folder lock is taken again
                // at once so no other process slips in.
                self.state = State::Locked(None);
                self.pass = None;
                self.state = State::Locked(VaultLock::acquire(&self.dir).ok());
                out
            }
            Effect::ChangePassphrase { old, new } => self.change_passphrase(&old, &new),
            // Looked at afresh each time the dialog opens; never this vault's own outgoing
            // files or key files.
            Effect::ListIncoming { dirs } => {
                let own = match &self.state {
                    State::Open(v) => crate::share::outgoing::files(v),
                    State::Locked(_) => Vec::new(),
                };
                let wanted = |p: &std::path::Path| {
                    is_age_file(p) && !super::paths::is_key_file(p) && !super::paths::listed(p, &own)
                };
                vec![Action::IncomingFiles(incoming_files(&dirs, &wanted))]
            }
            Effect::ListCards { dirs } => vec![Action::CardFiles(incoming_files(&dirs, &is_card_file))],
            // The vault's own work needs it open; after a lock such a request is dropped.
            other @ (Effect::Load { .. }
            | Effect::Save { .. }
            | Effect::SaveDraft { .. }
            | Effect::ClearDraft(_)
            | Effect::LoadSearchTexts { .. }
            | Effect::LoadStats
            | Effect::PrepareShare { .. }
            | Effect::Share { .. }
            | Effect::Reply { .. }
            | Effect::Import { .. }
            | Effect::LoadContacts
            | Effect::AddContact { .. }
            | Effect::RemoveContact { .. }
            | Effect::RenameContact { .. }
            | Effect::ExportReport { .. }
            | Effect::Delete { .. }
            | Effect::ExportCase { .. }) => {
                let State::Open(v) = &self.state else { return vec![] };
                let changes = autobackup::changes(&other);
                let mut out = run_open(v, other, self.lang).unwrap_or_else(|e| vec![self.fail(&e)]);
                if changes {
                    self.after_change(&mut out);
                }
                out
            }
        }
    }
}

fn run_open(v: &Vault, effect: Effect, lang: Lang) -> Result<Vec<Action>, VaultError> {
    // Sharing and importing fail with a sentence for their dialog, not the message line.
    let fail = |e: ShareError| vec![Action::TransferFailed(share_message(&e, lang))];
    Ok(match effect {
        Effect::LoadContacts => match contacts_info(v) {
            Ok(info) => vec![Action::ContactsLoaded { info, note: None }],
            Err(e) => fail(e),
        },
        Effect::AddContact { name, path } => {
            // A card file, a recipients file, or a pasted `age1...` key (unverified).
            let added = ops::ContactSource::read(&path.display().to_string())
                .and_then(|source| ops::add_contact(v, &name, source, false));
            match added.and_then(|c| Ok((c, contacts_info(v)?))) {
                Ok((c, info)) => {
                    let note = match c.fingerprint() {
                        Some(fp) => crate::i18n::tf(
                            lang,
                            "ui.contacts.added_verified",
                            &[("name", &c.name), ("fingerprint", &fp)],
                        ),
                        None => crate::i18n::tf(lang, "ui.contacts.added_unverified", &[("name", &c.name)]),
                    };
                    vec![Action::ContactsLoaded { info, note: Some(note) }]
                }
                Err(e) => fail(e),
            }
        }
        Effect::RenameContact { from, to } => {
            match ops::rename_contact(v, &from, &to).and_then(|()| contacts_info(v)) {
                Ok(info) => {
                    let note =
                        crate::i18n::tf(lang, "ui.contacts.renamed", &[("name", &from), ("new", to.trim())]);
                    vec![Action::ContactsLoaded { info, note: Some(note) }]
                }
                Err(e) => fail(e),
            }
        }
        Effect::RemoveContact { name } => match ops::remove_contact(v, &name).and_then(|()| contacts_info(v))
        {
            Ok(info) => {
                let note = crate::i18n::tf(lang, "ui.contacts.removed", &[("name", &name)]);
                vec![Action::ContactsLoaded { info, note: Some(note) }]
            }
            Err(e) => fail(e),
        },
        Effect::PrepareShare { ids } => match crate::share::prepare::prepare(v, &ids) {
            Ok(info) => vec![Action::ShareReady(Box::new(info))],
            Err(e) => fail(e),
        },
        Effect::Share { ids, to, out, armor } => match ops::share(v, &ids, &to, armor, &out) {
            Ok(_) => vec![Action::Shared { file: out.display().to_string(), reply: false }],
            Err(e) => fail(e),
        },
        Effect::Reply { id, out, armor } => match ops::reply(v, &id, &out, armor) {
            Ok(()) => vec![Action::Shared { file: out.display().to_string(), reply: true }],
            Err(e) => fail(e),
        },
        Effect::Import { path } => match std::fs::read(&path) {
            Err(source) => {
                let e = AppError::ReadInput { path: path.display().to_string(), source };
                vec![Action::TransferFailed(e.message(lang))]
            }
            Ok(bytes) => match ops::import(v, &bytes, &path.display().to_string(), false) {
                Ok(o) => vec![Action::Imported {
                    rows: v.summaries()?.rows,
                    received: o.received,
                    advised: o.advised,
                    skipped: o.skipped,
                }],
                Err(e) => fail(e),
            },
        },
        Effect::Load { id, edit } => vec![Action::RecordLoaded { record: Box::new(v.get(&id)?), edit }],
        Effect::Save { id, consultation, draft } => {
            // The saved text is searchable at once, without waiting for a reload; the draft
            // goes in the same write. A failure keeps the editor open with its text.
            let text = search_text(&consultation);
            let clear: Vec<&str> = [draft.as_str()].into_iter().filter(|d| is_draft(d)).collect();
            match v.save(id.as_deref(), *consultation, &clear) {
                Ok((_, row)) => vec![Action::Saved { row: Box::new(row), text }],
                Err(e) => vec![Action::SaveFailed(vault_message(&e, lang))],
            }
        }
        Effect::LoadStats => {
            let (months, forms) = crate::publish::count_vault(v, crate::publish::Range::default())?;
            vec![Action::StatsLoaded(Box::new(super::stats_view::StatsCounts { months, forms }))]
        }
        Effect::ExportCase { id, out, format, today, anyway } => {
            let records = crate::export::records(v, &[id]);
            match records {
                // Possible personal data goes out only when the worker said so in the preview.
                Ok(rs) if !anyway && crate::export::with_findings(&rs).is_some() => {
                    vec![Action::Failed(crate::i18n::t(lang, "ui.msg.export_findings").to_string())]
                }
                Ok(rs) => match crate::export::write(v, &rs, format, &out, lang, today) {
                    Ok(()) => vec![Action::CaseExported(out)],
                    Err(e) => vec![Action::Failed(share_message(&e, lang))],
                },
                Err(e) => vec![Action::Failed(share_message(&e, lang))],
            }
        }
        Effect::ExportReport { period, out } => match super::stats_export::export(v, period, &out, lang) {
            Ok(path) => vec![Action::ReportExported(path)],
            Err(e) => vec![Action::Failed(e.message(lang))],
        },
        Effect::SaveDraft { name, bytes } if is_draft(&name) => match v.put_meta(&name, Some(&bytes)) {
            Ok(()) => vec![Action::DraftSaved(name)],
            Err(e) => vec![Action::DraftFailed { name, message: vault_message(&e, lang) }],
        },
        Effect::ClearDraft(name) if is_draft(&name) => {
            v.put_meta(&name, None)?;
            vec![]
        }
        // Only drafts are written by name from the UI.
        Effect::SaveDraft { .. } | Effect::ClearDraft(_) => vec![],
        Effect::LoadSearchTexts { ids, from } => {
            let end = (from + SEARCH_CHUNK).min(ids.len());
            let texts = ids
                .get(from..end)
                .unwrap_or_default()
                .iter()
                .filter_map(|id| v.get(id).ok().map(|r| (id.clone(), search_text(&r.consultation))))
                .collect();
            let next = (end < ids.len()).then_some((ids, end));
            vec![Action::SearchTexts { texts, next }]
        }
        Effect::Delete { id } => manage::delete(v, id, lang)?,
        // Session effects: `Runner::run` handles them before a vault is needed.
        Effect::ChangePassphrase { .. }
        | Effect::CreateVault(_)
        | Effect::Unlock(_)
        | Effect::Lock
        | Effect::ListIncoming { .. }
        | Effect::ListCards { .. }
        | Effect::AutoBackup
        | Effect::SetBackupDir { .. }
        | Effect::CheckBackup
        | Effect::Quit => vec![],
    })
}

/// Whether `name` is a draft's name (never another vault-level value).
fn is_draft(name: &str) -> bool {
    name == DRAFT || name.strip_prefix(DRAFT).is_some_and(|rest| rest.starts_with('/') && rest.len() > 1)
}

/// Every draft in the vault, by name; one that does not decrypt is left for verify.
fn drafts(v: &Vault) -> Vec<(String, zeroize::Zeroizing<Vec<u8>>)> {
    v.scan_meta(DRAFT).filter_map(Result::ok).filter(|(name, _)| is_draft(name)).collect()
}

/// Everything a worker may search for in one record, lower-cased.
fn search_text(c: &crate::domain::Consultation) -> String {
    let mut s = c.label.clone();
    s.push('\n');
    for t in c.prompts.values() {
        s.push_str(t);
        s.push('\n');
    }
    s.push_str(&c.advice);
    for a in &c.actions {
        s.push('\n');
        s.push_str(&a.text);
    }
    if let Some(country) = &c.client.country {
        s.push('\n');
        s.push_str(country);
    }
    s.to_lowercase()
}

/// This vault's card and the address book, as the contacts dialog shows them.
fn contacts_info(v: &Vault) -> Result<crate::tui::contacts::ContactsInfo, ShareError> {
    let own = crate::share::addressbook::own_card(v)?;
    let book = AddressBook::load(v)?;
    Ok(crate::tui::contacts::ContactsInfo {
        own_name: own.name.clone(),
        own_fingerprint: own.fingerprint(),
        contacts: book
            .contacts
            .iter()
            .map(|c| crate::tui::contacts::ContactRow { name: c.name.clone(), fingerprint: c.fingerprint() })
            .collect(),
    })
}
