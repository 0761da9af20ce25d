//! The vault API that the CLI and the terminal UI share.
//!
//! Key space (one ordered tree): `r`+uuid -> sealed record, `s`+uuid -> sealed list summary,
//! `m`+name -> sealed vault-level value (drafts, address book, audit log). Keys are random
//! uuid v4, so the database reveals no dates, categories or order of creation. Every value
//! is sealed with the record id (or name) as associated data: a value copied to another key
//! fails to decrypt and is reported, never loaded as something else.

use super::engine::{KvEngine, SledEngine};
use super::error::VaultError;
use super::layout::{self, VaultLock};
use crate::crypto::{CryptoError, KeyFile, RecordCipher};
use crate::domain::{Consultation, HistoryEntry, Record, Summary};
use age::secrecy::SecretString;
use chrono::Utc;
use std::path::Path;
use uuid::Uuid;

/// A put (`Some`) or delete (`None`) of one key.
type Op = (Vec<u8>, Option<Vec<u8>>);

pub(crate) const RECORD: u8 = b'r';
pub(crate) const SUMMARY: u8 = b's';
pub(crate) const META: u8 = b'm';

pub struct Vault {
    lock: VaultLock,
    pub(crate) keys: KeyFile,
    pub(crate) cipher: RecordCipher,
    pub(crate) engine: Box<dyn KvEngine>,
}

/// What the list needs, plus the ids whose rows could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub rows: Vec<Summary>,
    pub damaged: Vec<String>,
}

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

fn key(space: u8, id: &Uuid) -> Vec<u8> {
    let mut k = Vec::with_capacity(17);
    k.push(space);
    k.extend_from_slice(id.as_bytes());
    k
}

pub(crate) fn aad(space: u8, id: &str) -> Vec<u8> {
    format!("consultlog/{}/v1/{id}", space as char).into_bytes()
}

/// The list summary of a record, with the personal-data flag the domain cannot compute.
fn summary_of(r: &Record) -> Summary {
    let mut s = Summary::of(r);
    s.personal_data = !crate::privacy::unresolved(&r.consultation).is_empty();
    s
}

/// Timestamps kept to the millisecond, as the list summary stores them.
fn now_millis() -> chrono::DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(3)
}

/// Record bodies are JSON compressed with LZ4 before sealing; the first byte says how.
const BODY_LZ4: u8 = 1;

fn compress(json: &[u8]) -> Vec<u8> {
    let mut out = vec![BODY_LZ4];
    out.extend_from_slice(&lz4_flex::block::compress_prepend_size(json));
    out
}

fn decompress(body: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    match body.split_first() {
        Some((&BODY_LZ4, rest)) => {
            lz4_flex::block::decompress_size_prepended(rest).ok().map(zeroize::Zeroizing::new)
        }
        _ => None,
    }
}

fn parse_id(id: &str) -> Result<Uuid, VaultError> {
    Uuid::parse_str(id.trim()).map_err(|_| VaultError::UnknownId(id.to_string()))
}

fn crypto(e: CryptoError, path: &Path) -> VaultError {
    match e {
        CryptoError::WrongPassphrase => VaultError::WrongPassphrase,
        CryptoError::BadKeyFile => VaultError::BadKeyFile(path.to_path_buf()),
        CryptoError::ExcessiveWork(n) => VaultError::ExcessiveWork(n),
        other => VaultError::Crypto(other.to_string()),
    }
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
        layout::private_umask();
        let engine = SledEngine::open(&layout::db_path(&self.dir))?;
        self.assemble(keys, engine)
    }

    fn assemble(self, keys: KeyFile, engine: SledEngine) -> Result<Vault, VaultError> {
        layout::tighten(&self.dir)?;
        let cipher = RecordCipher::new(&keys.data_key);
        Ok(Vault { lock: self, keys, cipher, engine: Box::new(engine) })
    }
}

impl Vault {
    /// Creates a new vault; refuses to touch an existing one. `kdf_log_n` lowers the scrypt
    /// cost (tests only); `None` calibrates it to about a second on this machine.
    pub fn create(dir: &Path, passphrase: &SecretString, kdf_log_n: Option<u8>) -> Result<Vault, VaultError> {
        let lock = VaultLock::create(dir)?;
        let keys = KeyFile::generate();
        let sealed = keys.seal(passphrase, kdf_log_n).map_err(|e| crypto(e, dir))?;
        // The database first: a crash before the key file leaves no half vault that
        // `open` would mistake for a real one (it looks for the key file).
        let engine = SledEngine::open(&layout::db_path(dir))?;
        engine.sync()?;
        // Closed and reopened so the new vault is in the state every later open sees (sled
        // writes its first snapshot on close; the reopen waits for sled's file lock).
        drop(engine);
        layout::write_atomic(&layout::key_path(dir), &sealed)?;
        let engine = SledEngine::open(&layout::db_path(dir))?;
        let vault = lock.assemble(keys, engine)?;
        Ok(vault)
    }

    /// Locks and unlocks in one go (the CLI's path).
    pub fn open(dir: &Path, passphrase: &SecretString) -> Result<Vault, VaultError> {
        let lock = VaultLock::acquire(dir)?;
        let keys = lock.unlock(passphrase)?;
        lock.open(keys)
    }

    pub fn dir(&self) -> &Path {
        self.lock.dir()
    }

    /// Takes the vault apart (for a rewrite that closes and reopens the database).
    pub(crate) fn into_parts(self) -> (VaultLock, KeyFile, Box<dyn KvEngine>) {
        (self.lock, self.keys, self.engine)
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

    fn seal_record(&self, r: &Record) -> Result<Vec<Op>, VaultError> {
        let id = parse_id(&r.id)?;
        let json =
            zeroize::Zeroizing::new(serde_json::to_vec(r).map_err(|e| VaultError::Crypto(e.to_string()))?);
        let body = zeroize::Zeroizing::new(compress(&json));
        let summary = zeroize::Zeroizing::new(
            serde_json::to_vec(&summary_of(r)).map_err(|e| VaultError::Crypto(e.to_string()))?,
        );
        let rec = self.cipher.seal(&aad(RECORD, &r.id), &body).map_err(|e| crypto(e, self.dir()))?;
        let sum = self.cipher.seal(&aad(SUMMARY, &r.id), &summary).map_err(|e| crypto(e, self.dir()))?;
        Ok(vec![(key(RECORD, &id), Some(rec)), (key(SUMMARY, &id), Some(sum))])
    }

    /// Adds consultations atomically and durably: all or none, on disk before returning.
    pub fn add_many(&self, items: Vec<Consultation>) -> Result<Vec<String>, VaultError> {
        let records: Vec<Record> = items.into_iter().map(|c| Vault::new_record(c, "created")).collect();
        self.write(&records, &[])?;
        Ok(records.into_iter().map(|r| r.id).collect())
    }

    pub fn add(&self, c: Consultation) -> Result<String, VaultError> {
        let mut ids = self.add_many(vec![c])?;
        ids.pop().ok_or_else(|| VaultError::Storage("no id returned".into()))
    }

    pub fn get(&self, id: &str) -> Result<Record, VaultError> {
        let uuid = parse_id(id)?;
        let id = uuid.to_string();
        let sealed =
            self.engine.get(&key(RECORD, &uuid))?.ok_or_else(|| VaultError::UnknownId(id.clone()))?;
        self.open_record(&id, &sealed)
    }

    /// Decrypts and decompresses a stored record to its JSON bytes (the flat contract form).
    fn open_json(&self, id: &str, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, VaultError> {
        let corrupt = || VaultError::Corrupt(id.to_string());
        let plain = self.cipher.open(&aad(RECORD, id), sealed).map_err(|_| corrupt())?;
        decompress(&plain).ok_or_else(corrupt)
    }

    fn open_record(&self, id: &str, sealed: &[u8]) -> Result<Record, VaultError> {
        let json = self.open_json(id, sealed)?;
        let r: Record = serde_json::from_slice(&json).map_err(|_| VaultError::Corrupt(id.to_string()))?;
        if r.id != id {
            return Err(VaultError::Corrupt(id.to_string()));
        }
        Ok(r)
    }

    /// Every record as its stored JSON, in storage order, without decoding: what
    /// `list --json` streams. Authenticated by the AEAD with the id as associated data, so
    /// the bytes are exactly what this vault wrote for that id.
    pub fn records_json(&self) -> impl Iterator<Item = Result<zeroize::Zeroizing<Vec<u8>>, VaultError>> + '_ {
        self.engine.scan_prefix(&[RECORD]).map(move |kv| {
            let (k, v) = kv?;
            let id = Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default();
            self.open_json(&id, &v)
        })
    }

    /// Every record in storage order (random, revealing nothing), in one sequential pass:
    /// far cheaper than fetching 100,000 records one by one in date order. A record that
    /// does not decrypt is passed on as `Err(Corrupt(id))`; the rest still read.
    pub fn records(&self) -> impl Iterator<Item = Result<Record, VaultError>> + '_ {
        self.engine.scan_prefix(&[RECORD]).map(move |kv| {
            let (k, v) = kv?;
            let id = Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default();
            self.open_record(&id, &v)
        })
    }

    /// Replaces a consultation's content, keeping its id and adding to its history which
    /// fields changed (never the old text). Returns the changed field names; nothing is
    /// written when nothing changed.
    pub fn update(&self, id: &str, c: Consultation, action: &str) -> Result<Vec<String>, VaultError> {
        let mut r = self.get(id)?;
        let fields = r.consultation.changed_fields(&c);
        if fields.is_empty() {
            return Ok(fields);
        }
        let now = now_millis();
        r.consultation = c;
        r.updated = now;
        r.history.push(HistoryEntry { at: now, action: action.into(), fields: fields.clone() });
        let ops = self.seal_record(&r)?;
        self.engine.apply(ops)?;
        self.engine.sync()?;
        Ok(fields)
    }

    pub fn delete(&self, id: &str) -> Result<(), VaultError> {
        let uuid = parse_id(id)?;
        if self.engine.get(&key(RECORD, &uuid))?.is_none() {
            return Err(VaultError::UnknownId(id.to_string()));
        }
        self.engine.apply(vec![(key(RECORD, &uuid), None), (key(SUMMARY, &uuid), None)])?;
        self.engine.sync()
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
        self.engine.apply(ops)?;
        self.engine.sync()
    }

    /// The sealed writes of vault-level values.
    fn meta_ops(&self, metas: &[(&str, &[u8])]) -> Result<Vec<Op>, VaultError> {
        metas
            .iter()
            .map(|(name, value)| {
                let mut k = vec![META];
                k.extend_from_slice(name.as_bytes());
                let sealed = self.cipher.seal(&aad(META, name), value).map_err(|e| crypto(e, self.dir()))?;
                Ok((k, Some(sealed)))
            })
            .collect()
    }

    /// Every list row, newest first; rows that do not decrypt are named, not fatal.
    pub fn summaries(&self) -> Result<Loaded, VaultError> {
        // What opening a vault of 100,000 consultations waits for. The scan runs on this
        // thread and hands chunks to decoders on the other cores as it goes, so scanning
        // and decrypting overlap.
        type Chunk = Vec<(Vec<u8>, Vec<u8>)>;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        std::thread::scope(|scope| {
            let mut senders = Vec::new();
            let mut handles = Vec::new();
            for _ in 0..workers {
                let (tx, rx) = std::sync::mpsc::channel::<Chunk>();
                senders.push(tx);
                handles.push(scope.spawn(move || {
                    let mut part = Loaded::default();
                    for chunk in rx {
                        for (k, v) in chunk {
                            let id = Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default();
                            match self
                                .cipher
                                .open(&aad(SUMMARY, &id), &v)
                                .ok()
                                .and_then(|p| serde_json::from_slice::<Summary>(&p).ok())
                            {
                                Some(mut s) => {
                                    s.id = id;
                                    part.rows.push(s);
                                }
                                None => part.damaged.push(id),
                            }
                        }
                    }
                    part
                }));
            }
            let mut chunk = Vec::with_capacity(1024);
            let mut next = 0;
            for kv in self.engine.scan_prefix(&[SUMMARY]) {
                chunk.push(kv?);
                if chunk.len() == 1024 {
                    let _ =
                        senders[next % workers].send(std::mem::replace(&mut chunk, Vec::with_capacity(1024)));
                    next += 1;
                }
            }
            let _ = senders[next % workers].send(chunk);
            drop(senders);
            let mut loaded = Loaded::default();
            for h in handles {
                let part = h.join().unwrap_or_default();
                loaded.rows.extend(part.rows);
                loaded.damaged.extend(part.damaged);
            }
            Summary::sort_newest_first(&mut loaded.rows);
            Ok(loaded)
        })
    }

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

    /// Re-wraps the keys under a new passphrase; records are not re-encrypted.
    pub fn change_passphrase(&self, new: &SecretString, kdf_log_n: Option<u8>) -> Result<(), VaultError> {
        let sealed = self.keys.seal(new, kdf_log_n).map_err(|e| crypto(e, self.dir()))?;
        layout::write_atomic(&layout::key_path(self.dir()), &sealed)
    }

    /// Vault-level values whose names start with `prefix`, in name order, decrypted.
    /// A value that does not decrypt is reported by name as `Corrupt`.
    pub fn scan_meta(
        &self,
        prefix: &str,
    ) -> impl Iterator<Item = Result<(String, zeroize::Zeroizing<Vec<u8>>), VaultError>> + '_ {
        let mut k = vec![META];
        k.extend_from_slice(prefix.as_bytes());
        self.engine.scan_prefix(&k).map(move |kv| {
            let (k, v) = kv?;
            let name = String::from_utf8_lossy(&k[1..]).into_owned();
            let plain =
                self.cipher.open(&aad(META, &name), &v).map_err(|_| VaultError::Corrupt(name.clone()))?;
            Ok((name, plain))
        })
    }

    /// A new record around a consultation: random id, timestamps, first history entry.
    pub fn new_record(c: Consultation, action: &str) -> Record {
        let now = now_millis();
        Record {
            id: Uuid::new_v4().to_string(),
            consultation: c,
            created: now,
            updated: now,
            history: vec![HistoryEntry { at: now, action: action.into(), fields: Vec::new() }],
            received: None,
            received_advice: Vec::new(),
            shared: Vec::new(),
        }
    }

    /// Writes whole records and vault-level values in one atomic, durable step: an import
    /// and its audit entry land together or not at all.
    pub fn write(&self, records: &[Record], metas: &[(&str, &[u8])]) -> Result<(), VaultError> {
        let mut ops = Vec::new();
        for r in records {
            ops.extend(self.seal_record(r)?);
        }
        ops.extend(self.meta_ops(metas)?);
        self.engine.apply(ops)?;
        self.engine.sync()
    }

    /// Stores a vault-level value (draft, address book, ...) sealed under its name.
    pub fn put_meta(&self, name: &str, value: Option<&[u8]>) -> Result<(), VaultError> {
        let mut k = vec![META];
        k.extend_from_slice(name.as_bytes());
        let v = match value {
            Some(v) => Some(self.cipher.seal(&aad(META, name), v).map_err(|e| crypto(e, self.dir()))?),
            None => None,
        };
        self.engine.apply(vec![(k, v)])?;
        self.engine.sync()
    }

    pub fn get_meta(&self, name: &str) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, VaultError> {
        let mut k = vec![META];
        k.extend_from_slice(name.as_bytes());
        match self.engine.get(&k)? {
            None => Ok(None),
            Some(v) => {
                self.cipher.open(&aad(META, name), &v).map(Some).map_err(|_| VaultError::Corrupt(name.into()))
            }
        }
    }
}
