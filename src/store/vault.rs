//! The vault API that the CLI and the terminal UI share.
//!
//! Key space (one ordered tree): `r`+uuid -> sealed record, `s`+uuid -> sealed list summary,
//! `m`+name -> sealed vault-level value (drafts, address book, audit log). Keys are random
//! uuid v4, so the database reveals no dates, categories or order of creation. Every value
//! is sealed with the record id (or name) as associated data: a value copied to another key
//! fails to decrypt and is reported, never loaded as something else.

use super::codec::{
    Op, RECORD, SUMMARY, aad, compress, crypto, key, meta_key, now_millis, parse_id, summary_of,
};
use super::engine::{Cache, KvEngine, SledEngine};
use super::error::VaultError;
use super::layout::{self, VaultLock};
use super::reopen::{Opener, Reopening};
use crate::crypto::{KeyFile, RecordCipher};
use crate::domain::{Consultation, HistoryEntry, Record, Summary};
use age::secrecy::SecretString;
use std::path::Path;
use uuid::Uuid;

pub struct Vault {
    lock: VaultLock,
    pub(crate) keys: KeyFile,
    pub(crate) cipher: RecordCipher,
    pub(crate) engine: Reopening,
    /// A write failed: the manifest in memory may not match the database any more, so the
    /// next write reads the stored one first.
    pub(super) stale: std::sync::atomic::AtomicBool,
    /// The manifest as last written (None: unreadable, or not yet made on a read-only disk).
    pub(super) manifest: std::sync::Mutex<Option<super::manifest::Manifest>>,
    notice: Option<super::manifest::OpenNotice>,
}

impl VaultLock {
    /// Unlocks the vault with its passphrase. On a wrong passphrase the lock is kept, so a
    /// screen can ask again.
    pub fn unlock(&self, passphrase: &SecretString) -> Result<KeyFile, VaultError> {
        let path = layout::key_path(&self.dir);
        let bytes = std::fs::read(&path).map_err(VaultError::io("read key file"))?;
        KeyFile::open(&bytes, passphrase).map_err(|e| crypto(e, &path))
    }

    /// Opens the database once the keys are known.
    pub fn open(self, keys: KeyFile) -> Result<Vault, VaultError> {
        self.open_cached(keys, Cache::Modest)
    }

    /// As [`VaultLock::open`], with sled's cache sized for `cache` (a bulk `add`).
    pub fn open_cached(self, keys: KeyFile, cache: Cache) -> Result<Vault, VaultError> {
        let db = layout::db_path(&self.dir);
        self.open_with(keys, Box::new(move || super::readonly::open_engine(&db, cache)))
    }

    /// Opens the database through `open`, which is called again after an engine error.
    fn open_with(self, keys: KeyFile, open: Opener) -> Result<Vault, VaultError> {
        layout::private_umask();
        let engine = Reopening::new(open)?;
        self.assemble(keys, engine)
    }

    fn assemble(self, keys: KeyFile, engine: Reopening) -> Result<Vault, VaultError> {
        layout::tighten(&self.dir)?;
        let cipher = RecordCipher::new(&keys.data_key);
        let mut vault = Vault {
            lock: self,
            keys,
            cipher,
            engine,
            stale: std::sync::atomic::AtomicBool::new(false),
            manifest: std::sync::Mutex::new(None),
            notice: None,
        };
        vault.notice = vault.check_on_open()?;
        // A bulk add cut short is undone before anything is read (on a disk that refuses
        // writes it stays until the vault is opened where it can be written).
        let _ = vault.undo_interrupted_adds();
        Ok(vault)
    }
}

impl Vault {
    /// Whether a vault (key file or database) is in `dir`.
    pub fn exists(dir: &Path) -> bool {
        super::layout::exists(dir)
    }

    /// Creates a new vault; refuses to touch an existing one. `kdf_log_n` lowers the scrypt
    /// cost (tests only); `None` calibrates it to about a second on this machine.
    pub fn create(dir: &Path, passphrase: &SecretString, kdf_log_n: Option<u8>) -> Result<Vault, VaultError> {
        let lock = VaultLock::create(dir)?;
        let keys = KeyFile::generate();
        let sealed = keys.seal(passphrase, kdf_log_n).map_err(|e| crypto(e, dir))?;
        // The database first: a crash before the key file leaves no half vault that
        // `open` would mistake for a real one (it looks for the key file).
        let engine = SledEngine::open(&layout::db_path(dir))?;
        super::manifest::seal_fresh(&engine, &keys, 0, None)?;
        // Closed and reopened so the new vault is in the state every later open sees (sled
        // writes its first snapshot on close; the reopen waits for sled's file lock).
        drop(engine);
        layout::write_atomic(&layout::key_path(dir), &sealed)?;
        lock.open(keys)
    }

    /// Locks and unlocks in one go (the CLI's path).
    pub fn open(dir: &Path, passphrase: &SecretString) -> Result<Vault, VaultError> {
        let lock = VaultLock::acquire(dir)?;
        let keys = lock.unlock(passphrase)?;
        lock.open(keys)
    }

    /// Opens a vault with its database behind `open` (tests: an engine that fails on
    /// purpose, or a read-only copy). `open` gets the database folder and is called again
    /// after an engine error.
    #[doc(hidden)]
    pub fn open_with_engine(
        dir: &Path,
        passphrase: &SecretString,
        open: impl Fn(&Path) -> Result<Box<dyn KvEngine>, VaultError> + Send + Sync + 'static,
    ) -> Result<Vault, VaultError> {
        let lock = VaultLock::acquire(dir)?;
        let keys = lock.unlock(passphrase)?;
        let db = layout::db_path(dir);
        lock.open_with(keys, Box::new(move || open(&db)))
    }

    pub fn dir(&self) -> &Path {
        self.lock.dir()
    }

    /// What opening found about the vault's integrity, to tell the user once (a manifest
    /// made for an older vault, or a vault older than the newest this computer saw).
    pub fn open_notice(&self) -> Option<super::manifest::OpenNotice> {
        self.notice
    }

    /// Takes the vault apart (for a rewrite that closes and reopens the database).
    pub(crate) fn into_parts(self) -> (VaultLock, KeyFile, Box<dyn KvEngine>) {
        (self.lock, self.keys, Box::new(self.engine))
    }

    /// The sealed bytes stored for a record, as they are on disk (tests of what stays on
    /// disk after a change; not for reading records).
    #[doc(hidden)]
    pub fn sealed_record(&self, id: &str) -> Result<Option<Vec<u8>>, VaultError> {
        self.engine.get(&key(RECORD, &parse_id(id)?))
    }

    /// The vault's public age recipient, for advisers to encrypt to.
    pub fn recipient(&self) -> String {
        self.keys.recipient()
    }

    /// The Ed25519 key that signs every file leaving this vault (derived from the identity).
    pub fn signing_key(&self) -> ed25519_dalek::SigningKey {
        self.keys.signing_key()
    }

    /// The x25519 identity, for decrypting notes shared with this vault.
    pub fn identity(&self) -> &age::x25519::Identity {
        &self.keys.identity
    }

    pub(super) fn seal_record(&self, r: &Record) -> Result<Vec<Op>, VaultError> {
        let id = parse_id(&r.id)?;
        let json =
            zeroize::Zeroizing::new(serde_json::to_vec(r).map_err(|e| VaultError::Crypto(e.to_string()))?);
        let body = compress(&json);
        let summary = zeroize::Zeroizing::new(
            serde_json::to_vec(&summary_of(r)).map_err(|e| VaultError::Crypto(e.to_string()))?,
        );
        let rec = self.cipher.seal(&aad(RECORD, &r.id), &body).map_err(|e| crypto(e, self.dir()))?;
        let sum = self.cipher.seal(&aad(SUMMARY, &r.id), &summary).map_err(|e| crypto(e, self.dir()))?;
        Ok(vec![(key(RECORD, &id), Some(rec)), (key(SUMMARY, &id), Some(sum))])
    }

    /// Adds consultations atomically and durably: all or none, on disk before returning.
    pub fn add(&self, c: Consultation) -> Result<String, VaultError> {
        let mut ids = self.add_many(vec![c])?;
        ids.pop().ok_or_else(|| VaultError::Storage("no id returned".into()))
    }

    /// Replaces a consultation's content, keeping its id and adding to its history which
    /// fields changed (never the old text). Returns the changed field names; nothing is
    /// written when nothing changed.
    pub fn update(&self, id: &str, c: Consultation, action: &str) -> Result<Vec<String>, VaultError> {
        let mut r = self.get(id)?;
        let fields = Self::change(&mut r, c, action);
        if !fields.is_empty() {
            self.commit(self.seal_record(&r)?)?;
        }
        Ok(fields)
    }

    /// Puts `c` into `r` with a history entry naming the changed fields; returns them.
    fn change(r: &mut Record, c: Consultation, action: &str) -> Vec<String> {
        let fields = r.consultation.changed_fields(&c);
        if !fields.is_empty() {
            let now = now_millis();
            r.consultation = c;
            r.updated = now;
            r.history.push(HistoryEntry { at: now, action: action.into(), fields: fields.clone() });
        }
        fields
    }

    /// The editor's save: a new consultation (`id` None) or a change to one, and in the same
    /// atomic, durable write the vault-level values named in `clear` removed (the editor's
    /// draft: a crash can leave neither a lost note nor a stale draft). Returns the id and
    /// the record's list row, so a caller updates its list without reloading every row.
    pub fn save(
        &self,
        id: Option<&str>,
        c: Consultation,
        clear: &[&str],
    ) -> Result<(String, Summary), VaultError> {
        let (r, changed) = match id {
            None => (Vault::new_record(c, "created"), true),
            Some(id) => {
                let mut r = self.get(id)?;
                let changed = !Self::change(&mut r, c, "edited").is_empty();
                (r, changed)
            }
        };
        let mut ops = if changed { self.seal_record(&r)? } else { Vec::new() };
        ops.extend(clear.iter().map(|name| (meta_key(name), None)));
        self.commit(ops)?;
        Ok((r.id.clone(), summary_of(&r)))
    }

    pub fn delete(&self, id: &str) -> Result<(), VaultError> {
        let uuid = parse_id(id)?;
        if self.engine.get(&key(RECORD, &uuid))?.is_none() {
            return Err(VaultError::UnknownId(id.to_string()));
        }
        self.commit(vec![(key(RECORD, &uuid), None), (key(SUMMARY, &uuid), None)])
    }

    /// Deletes several records and writes `metas` (the audit entry) in one atomic batch.
    pub fn delete_many(&self, ids: &[String], metas: &[(&str, &[u8])]) -> Result<(), VaultError> {
        let mut ops = Vec::new();
        for id in ids {
            let uuid = parse_id(id)?;
            ops.push((key(RECORD, &uuid), None));
            ops.push((key(SUMMARY, &uuid), None));
        }
        ops.extend(self.meta_ops(metas)?);
        self.commit(ops)
    }

    /// Whether `passphrase` opens this vault's key file: asked before the passphrase is
    /// changed from the program, where the vault is already open.
    pub fn check_passphrase(&self, passphrase: &SecretString) -> Result<(), VaultError> {
        self.lock.unlock(passphrase).map(drop)
    }

    /// Re-wraps the keys under a new passphrase; records are not re-encrypted.
    pub fn change_passphrase(&self, new: &SecretString, kdf_log_n: Option<u8>) -> Result<(), VaultError> {
        let sealed = self.keys.seal(new, kdf_log_n).map_err(|e| crypto(e, self.dir()))?;
        layout::write_atomic(&layout::key_path(self.dir()), &sealed)
    }

    /// A new record around a consultation: random id, timestamps, first history entry.
    pub fn new_record(c: Consultation, action: &str) -> Record {
        let now = now_millis();
        let mut r = Record::new(Uuid::new_v4().to_string(), c, now);
        r.history.push(HistoryEntry { at: now, action: action.into(), fields: Vec::new() });
        r
    }

    /// Writes whole records and vault-level values in one atomic, durable step: an import
    /// and its audit entry land together or not at all.
    pub fn write(&self, records: &[Record], metas: &[(&str, &[u8])]) -> Result<(), VaultError> {
        let mut ops = Vec::with_capacity(records.len() * 2 + metas.len());
        for sealed in crate::par::map(records.iter().collect(), |r| self.seal_record(r)) {
            ops.extend(sealed?);
        }
        ops.extend(self.meta_ops(metas)?);
        self.commit(ops)
    }
}
