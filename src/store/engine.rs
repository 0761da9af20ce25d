//! The storage engine behind the vault: an ordered key-value store with atomic batches and a
//! durable sync. sled 0.34 implements it; another engine could without touching the vault.

use super::error::VaultError;
use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub type KvPair = (Vec<u8>, Vec<u8>);
/// A scan owns what it reads from (sled's iterators do), so an engine can be replaced while
/// the vault stays open (see `reopen.rs`).
pub type KvIter = Box<dyn Iterator<Item = Result<KvPair, VaultError>>>;

/// The small interface the vault needs from a database.
pub trait KvEngine: Send + Sync {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, VaultError>;
    /// Applies all puts (`Some`) and deletes (`None`) atomically.
    fn apply(&self, ops: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), VaultError>;
    fn scan_prefix(&self, prefix: &[u8]) -> KvIter;
    /// Returns only when everything applied so far is on disk.
    fn sync(&self) -> Result<(), VaultError>;
}

pub struct SledEngine {
    db: sled::Db,
    dir: PathBuf,
    /// The log file, kept open to fsync it: sled's own flush uses sync_file_range on Linux,
    /// which does not make the data durable (sled issue 1452).
    log: File,
    synced_blobs: Mutex<HashSet<std::ffi::OsString>>,
}

/// How much of the database sled may keep in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cache {
    /// Everyday use (the UI, one record at a time): 32 MiB; sled's 1 GiB default would dwarf
    /// the rest of the program.
    Modest,
    /// Writing a whole vault's worth at once (`add` of a file, restore): 256 MiB. New records
    /// land on random leaves of the tree, and with the modest cache sled writes leaves out and
    /// reads them back over and over (a 100k-record add: 8.3 s against 6.3 s, see
    /// docs/performance.md). It is a ceiling, reached only by vaults that large.
    Bulk,
}

impl Cache {
    fn bytes(self) -> u64 {
        match self {
            Cache::Modest => 32 * 1024 * 1024,
            Cache::Bulk => 256 * 1024 * 1024,
        }
    }
}

fn storage(e: sled::Error) -> VaultError {
    match e {
        sled::Error::Io(source) => VaultError::Io { context: "database".into(), source },
        other => VaultError::Storage(other.to_string()),
    }
}

/// A process killed while sled writes a snapshot leaves `snap.N.generating` behind, and sled
/// 0.34.7 then takes that unfinished file for the newest snapshot and refuses to open
/// ("Read corrupted data"; sled issue #1527). The file is sled's own scratch copy of state it
/// can rebuild from its log, written fully and renamed only when done, so an unfinished one
/// holds nothing that is not elsewhere: remove it before opening. Reproduced by SIGKILL during
/// adds (tests/durability.rs).
fn remove_interrupted_snapshots(dir: &Path) -> Result<(), VaultError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(e.path()).map_err(VaultError::io("remove an unfinished snapshot"))?;
        }
    }
    Ok(())
}

impl SledEngine {
    pub fn open(dir: &Path) -> Result<SledEngine, VaultError> {
        SledEngine::open_with(dir, Cache::Modest)
    }

    pub fn open_with(dir: &Path, cache: Cache) -> Result<SledEngine, VaultError> {
        remove_interrupted_snapshots(dir)?;
        let config = sled::Config::new().path(dir).cache_capacity(cache.bytes()).mode(sled::Mode::LowSpace);
        // The vault folder lock keeps other processes out, so sled's own file lock can only be
        // held by this process's previous handle (init, or the UI's lock and unlock): its
        // background flusher may hold it a moment after the close. Retry briefly.
        let mut attempt = 0;
        let db = loop {
            match config.open() {
                Ok(db) => break db,
                Err(sled::Error::Io(e))
                    if attempt < 50 && e.to_string().contains("could not acquire lock") =>
                {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(storage(e)),
            }
        };
        let log = File::open(dir.join("db")).map_err(VaultError::io("open database log"))?;
        Ok(SledEngine { db, dir: dir.to_path_buf(), log, synced_blobs: Mutex::new(HashSet::new()) })
    }

    /// Large values live in separate blob files that sled does not fsync itself.
    fn sync_new_blobs(&self) -> Result<(), VaultError> {
        let blobs = self.dir.join("blobs");
        let Ok(entries) = std::fs::read_dir(&blobs) else { return Ok(()) };
        let mut synced = self.synced_blobs.lock().map_err(|_| VaultError::Storage("lock poisoned".into()))?;
        let mut any = false;
        for e in entries.flatten() {
            if !synced.contains(&e.file_name()) {
                if let Ok(f) = File::open(e.path()) {
                    f.sync_all().map_err(VaultError::io("sync blob"))?;
                }
                synced.insert(e.file_name());
                any = true;
            }
        }
        if any {
            File::open(&blobs).and_then(|d| d.sync_all()).map_err(VaultError::io("sync blob folder"))?;
        }
        Ok(())
    }
}

impl KvEngine for SledEngine {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, VaultError> {
        Ok(self.db.get(key).map_err(storage)?.map(|v| v.to_vec()))
    }

    fn apply(&self, ops: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), VaultError> {
        let mut batch = sled::Batch::default();
        for (k, v) in ops {
            match v {
                Some(v) => batch.insert(k, v),
                None => batch.remove(k),
            }
        }
        self.db.apply_batch(batch).map_err(storage)
    }

    fn scan_prefix(&self, prefix: &[u8]) -> KvIter {
        Box::new(
            self.db.scan_prefix(prefix).map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())).map_err(storage)),
        )
    }

    fn sync(&self) -> Result<(), VaultError> {
        self.db.flush().map_err(storage)?;
        self.log.sync_data().map_err(VaultError::io("sync database"))?;
        self.sync_new_blobs()
    }
}
