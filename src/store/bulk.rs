//! Adding many consultations at once (`add` of a file, demo data): all or nothing, in time
//! proportional to the number of records.
//!
//! sled holds everything one batch changes in memory until the batch ends (a batch of 100,000
//! records took 3 GB and four times as long as the same inserts in small batches), so a large
//! add is written in chunks of [`CHUNK_RECORDS`]. Each chunk is one atomic, durable commit (the
//! manifest updated in the same batch, as for every write) that also stores a sealed marker
//! `bulk/<run>/<n>` naming the chunk's ids. Once every chunk is on disk, one last commit
//! removes the run's markers: that commit is the moment the add happens. Until then the add
//! can be undone from the markers alone: a failed chunk removes what the run wrote at once,
//! and a run cut short (a killed process, a power cut, a disk that also refused the undo) is
//! removed when the vault is next opened, before anything is read. So a failed or killed bulk
//! add leaves the vault as it was, as a single batch did.

use super::codec::{META, Op, RECORD, SUMMARY, key, meta_key};
use super::engine::KvEngine;
use super::error::VaultError;
use super::vault::Vault;
use crate::domain::Consultation;
use uuid::Uuid;

/// Records per chunk: small enough for sled to write at full speed, large enough that the
/// per-commit costs (manifest, sync) do not count.
pub(super) const CHUNK_RECORDS: usize = 1000;

/// Vault-level names of the markers of unfinished bulk adds.
pub(super) const BULK: &str = "bulk/";

/// One chunk of a bulk add as the sealing thread hands it over: its new ids and its ops.
type SealedChunk = Result<(Vec<String>, Vec<Op>), VaultError>;

impl Vault {
    /// Adds consultations atomically and durably: all or none, on disk before returning.
    /// Each record is sealed (with its list row and that row's personal-data check) on every
    /// core; more than [`CHUNK_RECORDS`] are written in chunks that are undone together on
    /// failure (see the module's text).
    pub fn add_many(&self, items: Vec<Consultation>) -> Result<Vec<String>, VaultError> {
        if items.len() <= CHUNK_RECORDS {
            let (ids, ops) = self.seal_new(items)?;
            let fresh = ops.len();
            self.commit_fresh(ops, fresh)?;
            return Ok(ids);
        }
        let run = format!("{BULK}{}/", Uuid::new_v4().simple());
        let mut chunks = Vec::with_capacity(items.len() / CHUNK_RECORDS + 1);
        let mut items = items.into_iter();
        loop {
            let chunk: Vec<Consultation> = items.by_ref().take(CHUNK_RECORDS).collect();
            if chunk.is_empty() {
                break;
            }
            chunks.push(chunk);
        }
        // Chunk n+1 is sealed (on the other cores) while chunk n is written on this thread.
        let expected = chunks.len();
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let (written, sealed) = std::thread::scope(|s| {
            let sealer = s.spawn(move || {
                for chunk in chunks {
                    if tx.send(self.seal_new(chunk)).is_err() {
                        break; // the writer stopped
                    }
                }
            });
            let written = self.write_chunks(&run, rx, expected);
            (written, sealer.join())
        });
        let ids = match (written, sealed) {
            (Ok(ids), Ok(())) => ids,
            (Err(e), _) => {
                // Undone now if the disk lets us, else at the next open.
                let _ = self.undo_bulk(&run);
                return Err(e);
            }
            (Ok(_), Err(_)) => {
                let _ = self.undo_bulk(&run);
                return Err(VaultError::Storage("sealing stopped".into()));
            }
        };
        Ok(ids)
    }

    /// Writes the sealed chunks of run `run` as they arrive, each with its marker, then (once
    /// all `expected` are on disk) the commit that removes the markers: the moment the add
    /// happens. Returns the new ids.
    fn write_chunks(
        &self,
        run: &str,
        sealed: std::sync::mpsc::Receiver<SealedChunk>,
        expected: usize,
    ) -> Result<Vec<String>, VaultError> {
        let mut ids = Vec::new();
        let mut markers = Vec::new();
        for chunk in sealed {
            let (chunk_ids, mut ops) = chunk?;
            let marker = format!("{run}{}", markers.len());
            let list = id_list(&chunk_ids)?;
            let fresh = ops.len();
            ops.extend(self.meta_ops(&[(marker.as_str(), list.as_slice())])?);
            self.commit_fresh(ops, fresh)?;
            ids.extend(chunk_ids);
            markers.push(marker);
        }
        if markers.len() != expected {
            // The sealing thread ended early: nothing of this run may stay.
            return Err(VaultError::Storage("sealing stopped".into()));
        }
        self.commit(markers.iter().map(|m| (meta_key(m), None)).collect())?;
        Ok(ids)
    }

    /// New records around `items`, sealed on every core: their ids and the writes.
    fn seal_new(&self, items: Vec<Consultation>) -> Result<(Vec<String>, Vec<Op>), VaultError> {
        let sealed = crate::par::map(items, |c| {
            let r = Vault::new_record(c, "created");
            self.seal_record(&r).map(|ops| (r.id, ops))
        });
        let mut ids = Vec::with_capacity(sealed.len());
        let mut ops = Vec::with_capacity(sealed.len() * 2);
        for s in sealed {
            let (id, o) = s?;
            ids.push(id);
            ops.extend(o);
        }
        Ok((ids, ops))
    }

    /// Removes what unfinished bulk adds under `prefix` wrote, chunk by chunk (each chunk's
    /// records and its marker in one commit, so an undo cut short continues next time).
    /// Returns how many records were removed.
    pub(super) fn undo_bulk(&self, prefix: &str) -> Result<usize, VaultError> {
        let mut pending = Vec::new();
        for item in self.scan_meta(prefix) {
            pending.push(item?);
        }
        let mut removed = 0;
        for (name, list) in pending {
            let mut ops: Vec<Op> = Vec::with_capacity(list.len() / 8 + 1);
            for id in list.chunks_exact(16) {
                let id = Uuid::from_slice(id).map_err(|_| VaultError::Corrupt(name.clone()))?;
                if self.engine.get(&key(RECORD, &id))?.is_some() {
                    removed += 1;
                }
                ops.push((key(RECORD, &id), None));
                ops.push((key(SUMMARY, &id), None));
            }
            ops.push((meta_key(&name), None));
            self.commit(ops)?;
        }
        Ok(removed)
    }

    /// Undoes bulk adds that a killed process or a failing disk left unfinished (on open).
    pub(super) fn undo_interrupted_adds(&self) -> Result<usize, VaultError> {
        let mut prefix = vec![META];
        prefix.extend_from_slice(BULK.as_bytes());
        if self.engine.scan_prefix(&prefix).next().is_none() {
            return Ok(0);
        }
        self.undo_bulk(BULK)
    }
}

/// The ids of a chunk as 16 bytes each (the marker's content).
fn id_list(ids: &[String]) -> Result<Vec<u8>, VaultError> {
    let mut out = Vec::with_capacity(ids.len() * 16);
    for id in ids {
        let u = Uuid::parse_str(id).map_err(|_| VaultError::UnknownId(id.clone()))?;
        out.extend_from_slice(u.as_bytes());
    }
    Ok(out)
}
