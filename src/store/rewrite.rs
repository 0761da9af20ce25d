//! Rewriting the whole database into a fresh one, so that what was removed is gone from
//! disk: `compact` copies the live values only (sled keeps earlier versions of a value, old
//! drafts and deleted records in its log until it rewrites it), and `rekey` also encrypts
//! every value under a new data key with a new passphrase, so an old `keys.age` with its old
//! passphrase opens nothing newer.
//!
//! The new database is built beside the old one (`db.new`, and `keys.age.new` when
//! re-keying), then switched in by renames: `db` -> `db.old`, `db.new` -> `db`,
//! `keys.age.new` -> `keys.age`, and `db.old` removed. A process killed at any point leaves a
//! state that [`recover`] finishes or undoes on the next open, so the vault opens with the old
//! or the new content, never half of each.

use super::VaultError;
use super::codec::{META, RECORD, SUMMARY, aad};
use super::engine::{KvEngine, SledEngine};
use super::layout::{self, NEW_DB, NEW_KEYS, OLD_DB, sync_dir};
use super::vault::Vault;
use crate::crypto::{DataKey, KeyFile, RecordCipher};
use age::secrecy::SecretString;
use std::fs;

fn io(context: &'static str) -> impl FnOnce(std::io::Error) -> VaultError {
    VaultError::io(context)
}

/// The associated data a stored value was sealed with, from its key.
fn aad_of(key: &[u8]) -> Result<Vec<u8>, VaultError> {
    let bad = || VaultError::Corrupt(String::from_utf8_lossy(key).into_owned());
    match key.split_first() {
        Some((&space, id)) if space == RECORD || space == SUMMARY => {
            let id = uuid::Uuid::from_slice(id).map_err(|_| bad())?;
            Ok(aad(space, &id.to_string()))
        }
        Some((&META, name)) => Ok(aad(META, std::str::from_utf8(name).map_err(|_| bad())?)),
        _ => Err(bad()),
    }
}

impl Vault {
    /// Rewrites the live values into a fresh database: earlier versions, old drafts and
    /// deleted records are gone from disk afterwards.
    pub fn compact(self) -> Result<Vault, VaultError> {
        self.rewrite(None)
    }

    /// A new data key and a new passphrase: every value is encrypted again under the new key
    /// into a fresh database. The new key file is read back with the new passphrase before it
    /// replaces the old one.
    pub fn rekey(self, passphrase: &SecretString, kdf_log_n: Option<u8>) -> Result<Vault, VaultError> {
        let keys = KeyFile { data_key: DataKey::generate(), identity: self.keys.identity.clone() };
        let sealed = keys.seal(passphrase, kdf_log_n).map_err(|e| VaultError::Crypto(e.to_string()))?;
        let back = KeyFile::open(&sealed, passphrase).map_err(|e| VaultError::Crypto(e.to_string()))?;
        if back.recipient() != keys.recipient() {
            return Err(VaultError::Crypto("the new key file does not read back".into()));
        }
        self.rewrite(Some((keys, sealed)))
    }

    fn rewrite(self, new_keys: Option<(KeyFile, Vec<u8>)>) -> Result<Vault, VaultError> {
        let dir = self.dir().to_path_buf();
        let new_path = dir.join(NEW_DB);
        if new_path.exists() {
            fs::remove_dir_all(&new_path).map_err(io("remove an unfinished new database"))?;
        }
        {
            let target = SledEngine::open(&new_path)?;
            let cipher = new_keys.as_ref().map(|(k, _)| RecordCipher::new(&k.data_key));
            let mut batch = Vec::new();
            let everything: &[u8] = &[];
            for item in self.engine.scan_prefix(everything) {
                let (k, v) = item?;
                // A new data key makes every element of the manifest new: the reopened vault
                // makes a fresh one (its counter continues from the one kept outside).
                if cipher.is_some() && k == super::codec::meta_key(super::codec::MANIFEST) {
                    continue;
                }
                let v = match &cipher {
                    None => v,
                    Some(c) => {
                        let a = aad_of(&k)?;
                        let plain =
                            self.cipher.open(&a, &v).map_err(|e| VaultError::Crypto(e.to_string()))?;
                        c.seal(&a, &plain).map_err(|e| VaultError::Crypto(e.to_string()))?
                    }
                };
                batch.push((k, Some(v)));
                if batch.len() >= 1000 {
                    target.apply(std::mem::take(&mut batch))?;
                }
            }
            target.apply(batch)?;
            target.sync()?;
            if let Some((keys, _)) = &new_keys {
                super::manifest::seal_fresh(&target, keys, self.counter(), Some(self.instance()))?;
            }
        }
        if let Some((_, sealed)) = &new_keys {
            layout::write_atomic(&dir.join(NEW_KEYS), sealed)?;
        }
        let (lock, keys, engine) = self.into_parts();
        drop(engine);
        let db = layout::db_path(&dir);
        fs::rename(&db, dir.join(OLD_DB)).map_err(io("move the old database aside"))?;
        fs::rename(&new_path, &db).map_err(io("switch to the new database"))?;
        if new_keys.is_some() {
            fs::rename(dir.join(NEW_KEYS), layout::key_path(&dir))
                .map_err(io("switch to the new key file"))?;
        }
        sync_dir(&dir)?;
        fs::remove_dir_all(dir.join(OLD_DB)).map_err(io("remove the old database"))?;
        sync_dir(&dir)?;
        let keys = new_keys.map_or(keys, |(k, _)| k);
        lock.open(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::layout::recover;
    use std::path::Path;

    fn state(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn make(dir: &Path, names: &[&str]) {
        for n in names {
            if n.starts_with("db") {
                fs::create_dir_all(dir.join(n)).unwrap();
                fs::write(dir.join(n).join("marker"), n).unwrap();
            } else {
                fs::write(dir.join(n), n).unwrap();
            }
        }
    }

    #[test]
    fn recovery_finishes_or_undoes_each_interrupted_step() {
        // Killed while building: the old database stays.
        let t = tempfile::tempdir().unwrap();
        make(t.path(), &["db", "db.new", "keys.age", "keys.age.new"]);
        recover(t.path()).unwrap();
        assert_eq!(state(t.path()), ["db", "keys.age"]);
        assert_eq!(fs::read_to_string(t.path().join("db/marker")).unwrap(), "db");
        assert_eq!(fs::read_to_string(t.path().join("keys.age")).unwrap(), "keys.age");
        // Killed after moving the old one aside: the new one and its key file go in.
        let t = tempfile::tempdir().unwrap();
        make(t.path(), &["db.old", "db.new", "keys.age", "keys.age.new"]);
        recover(t.path()).unwrap();
        assert_eq!(state(t.path()), ["db", "keys.age"]);
        assert_eq!(fs::read_to_string(t.path().join("db/marker")).unwrap(), "db.new");
        assert_eq!(fs::read_to_string(t.path().join("keys.age")).unwrap(), "keys.age.new");
        // Killed after the database switch, before the key file.
        let t = tempfile::tempdir().unwrap();
        make(t.path(), &["db", "db.old", "keys.age", "keys.age.new"]);
        recover(t.path()).unwrap();
        assert_eq!(state(t.path()), ["db", "keys.age"]);
        assert_eq!(fs::read_to_string(t.path().join("keys.age")).unwrap(), "keys.age.new");
        // Killed before removing the old one.
        let t = tempfile::tempdir().unwrap();
        make(t.path(), &["db", "db.old", "keys.age"]);
        recover(t.path()).unwrap();
        assert_eq!(state(t.path()), ["db", "keys.age"]);
    }
}
