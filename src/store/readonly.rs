//! A database the disk will not let this process write (a read-only medium, a folder without
//! write permission): sled cannot open its files for reading only, so the vault reads a
//! private copy of them, made in the system's temporary folder and removed when the vault
//! closes. The copy holds the same sealed values as the original (nothing readable without
//! the passphrase); every write is refused with the "read-only" error, so nothing typed is
//! taken for saved.

use super::engine::{Cache, KvEngine, KvIter, SledEngine};
use super::error::VaultError;
use std::fs;
use std::path::{Path, PathBuf};

pub struct ReadOnlyCopy {
    engine: Option<SledEngine>,
    copy: PathBuf,
}

/// The context of the refusal, so the reopening engine does not copy the database again.
pub(super) const REFUSED: &str = "read-only database";

fn read_only() -> VaultError {
    VaultError::Io {
        context: REFUSED.into(),
        source: std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem),
    }
}

/// Whether opening failed because the disk or folder refuses writes.
pub(super) fn refused_write(e: &VaultError) -> bool {
    use std::io::ErrorKind as K;
    matches!(e, VaultError::Io { source, .. }
        if matches!(source.kind(), K::ReadOnlyFilesystem | K::PermissionDenied))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), VaultError> {
    fs::create_dir_all(to).map_err(VaultError::io("copy a read-only database"))?;
    for e in fs::read_dir(from).map_err(VaultError::io("read a read-only database"))?.flatten() {
        let Ok(kind) = e.file_type() else { continue };
        let target = to.join(e.file_name());
        if kind.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else if kind.is_file() {
            fs::copy(e.path(), &target).map_err(VaultError::io("copy a read-only database"))?;
        }
    }
    Ok(())
}

impl ReadOnlyCopy {
    /// Opens a copy of the database at `db` for reading.
    #[doc(hidden)]
    pub fn open(db: &Path) -> Result<ReadOnlyCopy, VaultError> {
        super::layout::private_umask();
        let copy = std::env::temp_dir().join(format!("consultlog-ro-{}", uuid::Uuid::new_v4()));
        let made = copy_dir(db, &copy).and_then(|()| SledEngine::open(&copy));
        match made {
            Ok(engine) => Ok(ReadOnlyCopy { engine: Some(engine), copy }),
            Err(e) => {
                let _ = fs::remove_dir_all(&copy);
                Err(e)
            }
        }
    }

    fn engine(&self) -> Result<&SledEngine, VaultError> {
        self.engine.as_ref().ok_or_else(read_only)
    }
}

impl Drop for ReadOnlyCopy {
    fn drop(&mut self) {
        drop(self.engine.take());
        let _ = fs::remove_dir_all(&self.copy);
    }
}

impl KvEngine for ReadOnlyCopy {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, VaultError> {
        self.engine()?.get(key)
    }

    fn apply(&self, _ops: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), VaultError> {
        Err(read_only())
    }

    fn scan_prefix(&self, prefix: &[u8]) -> KvIter {
        match self.engine() {
            Ok(e) => e.scan_prefix(prefix),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }

    fn sync(&self) -> Result<(), VaultError> {
        Err(read_only())
    }
}

/// The engine of a vault folder: sled on its files, or a read-only copy when the disk
/// refuses writes.
pub(super) fn open_engine(db: &Path, cache: Cache) -> Result<Box<dyn KvEngine>, VaultError> {
    match SledEngine::open_with(db, cache) {
        Ok(e) => Ok(Box::new(e)),
        Err(e) if refused_write(&e) => Ok(Box::new(ReadOnlyCopy::open(db)?)),
        Err(e) => Err(e),
    }
}
