//! Reading: one record, every record, and the list rows (summaries) in parallel.

use super::codec::{RECORD, SUMMARY, aad, decompress, key, parse_id};
use super::engine::KvEngine;
use super::error::VaultError;
use super::vault::Vault;
use crate::domain::{Record, Summary};
use uuid::Uuid;

/// What the list needs, plus the ids whose rows could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub rows: Vec<Summary>,
    pub damaged: Vec<String>,
}

impl Vault {
    /// The full id of a consultation given its id or the start of it (at least 4 characters;
    /// the 8 in share file names, say). Several matches are refused, naming how many.
    pub fn find_id(&self, typed: &str) -> Result<String, VaultError> {
        let t = typed.trim().to_ascii_lowercase();
        if let Ok(u) = Uuid::parse_str(&t) {
            return Ok(u.to_string());
        }
        let unknown = || VaultError::UnknownId(typed.to_string());
        if t.len() < 4 || !t.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(unknown());
        }
        let mut found = Vec::new();
        for kv in self.engine.scan_prefix(&[RECORD]) {
            let (k, _) = kv?;
            let id = Uuid::from_slice(&k[1..]).map(|u| u.to_string()).unwrap_or_default();
            if id.starts_with(&t) {
                found.push(id);
            }
        }
        match found.len() {
            0 => Err(unknown()),
            1 => Ok(found.remove(0)),
            n => Err(VaultError::AmbiguousId(typed.trim().to_string(), n)),
        }
    }

    pub fn get(&self, id: &str) -> Result<Record, VaultError> {
        let uuid = parse_id(id)?;
        let id = uuid.to_string();
        let sealed =
            self.engine.get(&key(RECORD, &uuid))?.ok_or_else(|| VaultError::UnknownId(id.clone()))?;
        self.open_record(&id, &sealed)
    }

    /// Decrypts and decompresses a stored record to its JSON bytes (the flat contract form).
    pub(super) fn open_json(
        &self,
        id: &str,
        sealed: &[u8],
    ) -> Result<zeroize::Zeroizing<Vec<u8>>, VaultError> {
        let corrupt = || VaultError::Corrupt(id.to_string());
        let plain = self.cipher.open(&aad(RECORD, id), sealed).map_err(|_| corrupt())?;
        decompress(&plain).ok_or_else(corrupt)
    }

    pub(super) fn open_record(&self, id: &str, sealed: &[u8]) -> Result<Record, VaultError> {
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
            self.refresh_old_summaries(&mut loaded);
            Ok(loaded)
        })
    }
}
