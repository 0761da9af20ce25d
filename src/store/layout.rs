//! The vault folder: where things live, who may read them, and the lock that keeps a second
//! process out.

use super::error::VaultError;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub(crate) const KEY_FILE: &str = "keys.age";
pub(crate) const DB_DIR: &str = "db";
const LOCK_FILE: &str = "lock";
/// A rewrite (compaction, re-key) builds beside the live files and switches over.
pub(crate) const NEW_DB: &str = "db.new";
pub(crate) const OLD_DB: &str = "db.old";
pub(crate) const NEW_KEYS: &str = "keys.age.new";

pub(crate) fn key_path(dir: &Path) -> PathBuf {
    dir.join(KEY_FILE)
}
pub(crate) fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_DIR)
}

/// Whether a vault (its key file or its database) is in `dir`: the one test of "is there a
/// vault here" for `init`, the UI's welcome-or-unlock choice and `VaultLock::create`.
pub fn exists(dir: &Path) -> bool {
    key_path(dir).exists() || db_path(dir).exists()
}

/// Files this process creates are private, including the ones sled makes later.
pub(crate) fn private_umask() {
    rustix::process::umask(rustix::fs::Mode::from_bits_truncate(0o077));
}

/// Makes every file under the vault 0600 and every folder 0700 (older or copied vaults).
/// The vault folder itself may be a link (a user's choice); inside it, links are left alone:
/// never followed, so a link planted in the vault cannot make this change a file outside it,
/// and a link loop cannot make it run for ever.
pub(crate) fn tighten(dir: &Path) -> Result<(), VaultError> {
    let meta = fs::metadata(dir).map_err(VaultError::io("read vault folder"))?;
    tighten_entry(dir, &meta)
}

fn tighten_entry(path: &Path, meta: &fs::Metadata) -> Result<(), VaultError> {
    let mode = if meta.is_dir() { 0o700 } else { 0o600 };
    if meta.permissions().mode() & 0o777 != mode {
        match fs::set_permissions(path, fs::Permissions::from_mode(mode)) {
            // A read-only disk: nothing there can change, and the vault is still read.
            Err(e) if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem => {}
            r => r.map_err(VaultError::io("set permissions"))?,
        }
    }
    if meta.is_dir() {
        for e in fs::read_dir(path).map_err(VaultError::io("read vault folder"))?.flatten() {
            let Ok(m) = fs::symlink_metadata(e.path()) else { continue };
            if !m.file_type().is_symlink() {
                tighten_entry(&e.path(), &m)?;
            }
        }
    }
    Ok(())
}

/// Writes a file so that a crash leaves either the old or the new content, never half.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
    let tmp = path.with_extension("tmp");
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(VaultError::io("write key file"))?;
    f.write_all(bytes).and_then(|_| f.sync_all()).map_err(VaultError::io("write key file"))?;
    fs::rename(&tmp, path).map_err(VaultError::io("replace key file"))?;
    if let Some(parent) = path.parent() {
        File::open(parent).and_then(|d| d.sync_all()).map_err(VaultError::io("sync vault folder"))?;
    }
    Ok(())
}

/// Exclusive use of one vault folder, held until dropped. Taken before the passphrase is
/// asked, so a second process hears "in use" at once.
#[derive(Debug)]
pub struct VaultLock {
    pub(crate) dir: PathBuf,
    _file: File,
}

impl VaultLock {
    /// Locks an existing vault.
    pub fn acquire(dir: &Path) -> Result<VaultLock, VaultError> {
        if !key_path(dir).is_file() {
            // A database without its key file is a vault that lost its keys, not no vault.
            if db_path(dir).exists() {
                return Err(VaultError::KeyFileMissing(dir.to_path_buf()));
            }
            return Err(VaultError::NotFound(dir.to_path_buf()));
        }
        let lock = Self::take(dir)?;
        // A compaction or re-key that a killed process left half done is finished or undone
        // now, before the key file is read.
        recover(dir)?;
        Ok(lock)
    }

    /// Creates the vault folder (0700) and locks it; refuses when a vault is already there.
    pub(crate) fn create(dir: &Path) -> Result<VaultLock, VaultError> {
        if exists(dir) {
            return Err(VaultError::AlreadyExists(dir.to_path_buf()));
        }
        private_umask();
        fs::create_dir_all(dir).map_err(VaultError::io("create vault folder"))?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(VaultError::io("set permissions"))?;
        let lock = Self::take(dir)?;
        // Checked again under the lock: two `init`s racing must not both win.
        if key_path(dir).exists() {
            return Err(VaultError::AlreadyExists(dir.to_path_buf()));
        }
        Ok(lock)
    }

    fn take(dir: &Path) -> Result<VaultLock, VaultError> {
        let path = dir.join(LOCK_FILE);
        let opened =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).mode(0o600).open(&path);
        // A disk or folder that refuses writes: an advisory lock needs only a read handle.
        let file = match opened {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
                ) =>
            {
                File::open(&path).map_err(|_| e)
            }
            r => r,
        }
        .map_err(VaultError::io("open vault lock"))?;
        match file.try_lock() {
            Ok(()) => Ok(VaultLock { dir: dir.to_path_buf(), _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(VaultError::InUse(dir.to_path_buf())),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(VaultError::Io { context: "lock vault".into(), source: e })
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

pub(crate) fn sync_dir(dir: &Path) -> Result<(), VaultError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(VaultError::io("sync vault folder"))
}

/// Finishes a rewrite that was interrupted after the new database was complete, or drops
/// one interrupted before. Runs with the vault lock held, before the database opens.
pub(crate) fn recover(dir: &Path) -> Result<(), VaultError> {
    let (db, new, old, keys_new) = (db_path(dir), dir.join(NEW_DB), dir.join(OLD_DB), dir.join(NEW_KEYS));
    if !new.exists() && !old.exists() && !keys_new.exists() {
        return Ok(());
    }
    if new.exists() && db.exists() {
        // Before the switch: the old database is whole and current.
        fs::remove_dir_all(&new).map_err(VaultError::io("remove an unfinished new database"))?;
        if keys_new.exists() {
            fs::remove_file(&keys_new).map_err(VaultError::io("remove an unfinished new key file"))?;
        }
    } else if new.exists() {
        // `db` was moved aside: the new one is complete (it is only ever moved when it is).
        fs::rename(&new, &db).map_err(VaultError::io("finish switching the database"))?;
    }
    if keys_new.exists() {
        if old.exists() {
            fs::rename(&keys_new, key_path(dir)).map_err(VaultError::io("finish switching the key file"))?;
        } else {
            fs::remove_file(&keys_new).map_err(VaultError::io("remove a stray new key file"))?;
        }
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(VaultError::io("remove the old database"))?;
    }
    sync_dir(dir)
}
