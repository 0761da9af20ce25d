//! Backup and restore: everything a vault is, in one age file.
//!
//! Inside the age encryption the file holds a magic line, the key file's secrets (data key
//! and identity) and every stored value exactly as sealed in the database (records with
//! their history and received advice, list summaries, address book, audit log, settings,
//! drafts), then an end marker with the count. Values stay sealed under the data key, so a
//! restore copies them as they are: same ids, same identity, same audit log. The manifest is
//! not copied; the restored vault makes a fresh one.
//!
//! A backup is written to a hidden temporary file beside the target and linked to its name
//! only when complete (never over an existing file). A restore builds the vault in a hidden
//! folder beside the target and renames it into place only when the whole file has been read
//! and authenticated: a killed or failed restore leaves no half vault, and its temporary
//! folder holds only encrypted data (and is removed by the next restore).

use super::codec::{Op, meta_key};
use super::engine::{Cache, KvEngine, SledEngine};
use super::envelope::{self, BackupKey, PassphraseIdentity};
use super::error::VaultError;
use super::layout::{self, VaultLock};
use super::vault::Vault;
use crate::crypto::KeyFile;
use age::secrecy::SecretString;
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"consultlog-backup v1\n";
const ENTRY: u8 = 1;
const END: u8 = 0;
/// No single stored value is larger than this (sled's values are far smaller in practice).
const MAX_LEN: u32 = 256 * 1024 * 1024;

/// What a backup or restore carried.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackupInfo {
    /// Stored values (two per consultation, plus vault-level ones).
    pub values: u64,
    pub records: u64,
}

fn write_value(w: &mut impl Write, k: &[u8], v: &[u8]) -> std::io::Result<()> {
    w.write_all(&[ENTRY])?;
    w.write_all(&(k.len() as u32).to_le_bytes())?;
    w.write_all(k)?;
    w.write_all(&(v.len() as u32).to_le_bytes())?;
    w.write_all(v)
}

fn sync_parent(path: &Path) -> Result<(), VaultError> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    File::open(parent).and_then(|d| d.sync_all()).map_err(VaultError::io("sync folder"))
}

impl Vault {
    /// Writes a backup of this whole vault to `out` (never over an existing file), with the
    /// vault-level values `metas` (the audit entry of the backup) included and then written
    /// to the vault itself once the file is complete.
    pub fn backup(
        &self,
        out: &Path,
        passphrase: &SecretString,
        recovery: Option<&age::x25519::Recipient>,
        kdf_log_n: Option<u8>,
        metas: &[(&str, &[u8])],
    ) -> Result<BackupInfo, VaultError> {
        if out.exists() {
            return Err(VaultError::OutputExists(out.to_path_buf()));
        }
        let name = out.file_name().ok_or_else(|| VaultError::OutputExists(out.to_path_buf()))?;
        let tmp = out.with_file_name(format!(
            ".{}.{}.partial",
            name.to_string_lossy(),
            uuid::Uuid::new_v4().simple()
        ));
        let result = self.write_backup(&tmp, passphrase, recovery, kdf_log_n, metas).and_then(|info| {
            // A link fails when the name exists: an existing file is never replaced.
            fs::hard_link(&tmp, out).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => VaultError::OutputExists(out.to_path_buf()),
                _ => VaultError::Io { context: "write backup".into(), source: e },
            })?;
            Ok(info)
        });
        let _ = fs::remove_file(&tmp);
        let info = result?;
        sync_parent(out)?;
        self.write(&[], metas)?;
        Ok(info)
    }

    fn write_backup(
        &self,
        tmp: &Path,
        passphrase: &SecretString,
        recovery: Option<&age::x25519::Recipient>,
        kdf_log_n: Option<u8>,
        metas: &[(&str, &[u8])],
    ) -> Result<BackupInfo, VaultError> {
        let io = VaultError::io("write backup");
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(tmp)
            .map_err(VaultError::io("create backup file"))?;
        let encryptor = envelope::encryptor(passphrase, recovery, kdf_log_n)
            .map_err(|e| VaultError::Crypto(e.to_string()))?;
        let mut w = encryptor.wrap_output(BufWriter::new(file)).map_err(VaultError::io("write backup"))?;
        let mut info = BackupInfo::default();
        let result = (|| -> Result<(), VaultError> {
            let plain = self.keys.to_plain();
            let e = |s| VaultError::Io { context: "write backup".into(), source: s };
            w.write_all(MAGIC).map_err(e)?;
            w.write_all(&(plain.len() as u32).to_le_bytes()).map_err(e)?;
            w.write_all(plain.as_bytes()).map_err(e)?;
            let mut extra: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
            for (k, v) in self.meta_ops(metas)? {
                if let Some(v) = v {
                    extra.insert(k, v);
                }
            }
            let manifest = meta_key(super::codec::MANIFEST);
            let everything: &[u8] = &[];
            for kv in self.engine.scan_prefix(everything) {
                let (k, v) = kv?;
                if k == manifest {
                    continue;
                }
                let v = extra.remove(&k).unwrap_or(v);
                info.records += u64::from(k.first() == Some(&super::codec::RECORD));
                write_value(&mut w, &k, &v).map_err(e)?;
                info.values += 1;
            }
            for (k, v) in extra {
                write_value(&mut w, &k, &v).map_err(e)?;
                info.values += 1;
            }
            w.write_all(&[END]).map_err(e)?;
            w.write_all(&info.values.to_le_bytes()).map_err(e)?;
            Ok(())
        })();
        result?;
        let buf = w.finish().map_err(VaultError::io("write backup"))?;
        let file = buf
            .into_inner()
            .map_err(|e| VaultError::Io { context: "write backup".into(), source: e.into_error() })?;
        file.sync_all().map_err(io)?;
        Ok(info)
    }

    /// Rebuilds the vault in a backup into `target`, which must not exist or be an empty
    /// folder. `new_passphrase` protects the restored key file (the backup's own passphrase
    /// when restoring with it).
    pub fn restore(
        file: &Path,
        key: &BackupKey,
        target: &Path,
        new_passphrase: &SecretString,
        kdf_log_n: Option<u8>,
    ) -> Result<(Vault, BackupInfo), VaultError> {
        check_target(target)?;
        let input = File::open(file).map_err(VaultError::io("read backup"))?;
        let decryptor =
            age::Decryptor::new_buffered(BufReader::new(input)).map_err(|_| VaultError::BadBackup)?;
        let reader = match key {
            BackupKey::Passphrase(p) => {
                let id = PassphraseIdentity::new(p);
                decryptor.decrypt(std::iter::once(&id as &dyn age::Identity))
            }
            BackupKey::Recovery(id) => decryptor.decrypt(std::iter::once(id as &dyn age::Identity)),
        }
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => VaultError::WrongPassphrase,
            age::DecryptError::ExcessiveWork { required, .. } => VaultError::ExcessiveWork(required),
            _ => VaultError::BadBackup,
        })?;
        let mut reader = BufReader::with_capacity(1 << 20, reader);
        let tmp = temp_sibling(target)?;
        if tmp.exists() {
            // Left by a restore that was killed: it holds only encrypted data.
            fs::remove_dir_all(&tmp).map_err(VaultError::io("remove an unfinished restore"))?;
        }
        let built = build(&mut reader, &tmp, new_passphrase, kdf_log_n);
        let (lock, keys, info) = match built {
            Ok(x) => x,
            Err(e) => {
                let _ = fs::remove_dir_all(&tmp);
                return Err(e);
            }
        };
        if target.exists() {
            // An empty folder (checked above): rename replaces it.
            fs::remove_dir(target).map_err(VaultError::io("replace the empty target folder"))?;
        }
        fs::rename(&tmp, target).map_err(VaultError::io("move the restored vault into place"))?;
        sync_parent(target)?;
        drop(lock);
        let lock = VaultLock::acquire(target)?;
        let vault = lock.open(keys)?;
        Ok((vault, info))
    }
}

/// Refuses anything but a missing path or an empty folder.
fn check_target(target: &Path) -> Result<(), VaultError> {
    match fs::read_dir(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) => Err(VaultError::NotEmpty(target.to_path_buf())),
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(VaultError::NotEmpty(target.to_path_buf())),
        },
    }
}

/// The hidden folder beside `target` where a restore builds the vault.
fn temp_sibling(target: &Path) -> Result<PathBuf, VaultError> {
    let name = target.file_name().ok_or_else(|| VaultError::NotEmpty(target.to_path_buf()))?;
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(VaultError::io("create the target's folder"))?;
    Ok(parent.join(format!(".{}.restoring", name.to_string_lossy())))
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<(), VaultError> {
    r.read_exact(buf).map_err(|_| VaultError::BadBackup)
}

fn read_u32(r: &mut impl Read) -> Result<u32, VaultError> {
    let mut b = [0u8; 4];
    read_exact(r, &mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_bytes(r: &mut impl Read) -> Result<Vec<u8>, VaultError> {
    let n = read_u32(r)?;
    if n > MAX_LEN {
        return Err(VaultError::BadBackup);
    }
    let mut v = vec![0u8; n as usize];
    read_exact(r, &mut v)?;
    Ok(v)
}

/// Reads the whole backup into a new vault at `tmp`; fails on anything short or altered.
/// Three things run side by side: the backup is read, decrypted and hashed for the
/// manifest on one thread, the values are written on this one, and the new key file's
/// passphrase stanza (about a second of scrypt by design) is made on a third.
fn build(
    r: &mut (impl Read + Send),
    tmp: &Path,
    passphrase: &SecretString,
    kdf_log_n: Option<u8>,
) -> Result<(VaultLock, KeyFile, BackupInfo), VaultError> {
    let mut magic = vec![0u8; MAGIC.len()];
    read_exact(r, &mut magic)?;
    if magic != MAGIC {
        return Err(VaultError::BadBackup);
    }
    let plain = zeroize::Zeroizing::new(read_bytes(r)?);
    let keys = KeyFile::from_plain(&plain).map_err(|_| VaultError::BadBackup)?;
    let lock = VaultLock::create(tmp)?;
    let engine = SledEngine::open_with(&layout::db_path(tmp), Cache::Bulk)?;
    let mac = keys.data_key.derive(super::manifest::MAC_LABEL);
    let (copied, sealed) = std::thread::scope(|s| {
        let sealer = s.spawn(|| keys.seal(passphrase, kdf_log_n));
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Op>>(4);
        let reader = s.spawn(|| read_values(r, &mac, tx));
        let mut written = Ok(());
        for batch in rx.iter() {
            written = engine.apply(batch);
            if written.is_err() {
                break;
            }
        }
        // A failed write stops the reader at its next batch.
        drop(rx);
        let read = reader.join().unwrap_or(Err(VaultError::BadBackup));
        let copied = written.and(read);
        (copied, sealer.join())
    });
    let (info, manifest) = copied?;
    engine.sync()?;
    super::manifest::seal_computed(&engine, &keys, manifest, 0, None)?;
    drop(engine);
    let sealed = sealed
        .map_err(|_| VaultError::Crypto("key file".into()))?
        .map_err(|e| VaultError::Crypto(e.to_string()))?;
    layout::write_atomic(&layout::key_path(tmp), &sealed)?;
    Ok((lock, keys, info))
}

/// Reads the backup's values up to its end marker and hands them to `tx` in batches, with
/// the manifest of everything read; fails on anything short, altered or miscounted.
fn read_values(
    r: &mut impl Read,
    mac: &[u8; 32],
    tx: std::sync::mpsc::SyncSender<Vec<Op>>,
) -> Result<(BackupInfo, super::manifest::Manifest), VaultError> {
    let mut info = BackupInfo::default();
    let mut manifest = super::manifest::Manifest::empty();
    let mut batch: Vec<Op> = Vec::with_capacity(BATCH);
    // The writer stopped (its error is the one reported).
    let stopped = || VaultError::Storage("restore stopped".into());
    loop {
        let mut tag = [0u8; 1];
        read_exact(r, &mut tag)?;
        match tag[0] {
            ENTRY => {
                let k = read_bytes(r)?;
                let v = read_bytes(r)?;
                info.records += u64::from(k.first() == Some(&super::codec::RECORD));
                info.values += 1;
                manifest.apply(mac, &k, &v, true);
                batch.push((k, Some(v)));
                if batch.len() >= BATCH {
                    tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                        .map_err(|_| stopped())?;
                }
            }
            END => break,
            _ => return Err(VaultError::BadBackup),
        }
    }
    let mut count = [0u8; 8];
    read_exact(r, &mut count)?;
    // The end of age's stream authenticates that nothing was cut off after the marker.
    let mut rest = Vec::new();
    r.read_to_end(&mut rest).map_err(|_| VaultError::BadBackup)?;
    if u64::from_le_bytes(count) != info.values || !rest.is_empty() {
        return Err(VaultError::BadBackup);
    }
    tx.send(batch).map_err(|_| stopped())?;
    Ok((info, manifest))
}

/// Values written per batch while restoring.
const BATCH: usize = 1000;
