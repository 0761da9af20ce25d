//! The age envelope of a backup file: encrypted to the passphrase (age's scrypt) and,
//! optionally, also to an organisation's recovery recipient.
//!
//! age allows a `scrypt` stanza only alone in a header (so that a passphrase-encrypted file
//! is known to come from someone who knew the passphrase). A backup with a recovery
//! recipient therefore carries age's own scrypt stanza under the tag `consultlog-scrypt`,
//! beside the recovery recipient's X25519 stanza; consultlog unwraps it with age's scrypt
//! code. The trade-off (docs/crypto.md): the holder of the recovery key can read the backup
//! and could make a different file that the same passphrase opens. Without `--recovery` the
//! file is a plain passphrase-encrypted age file that the reference `age -d` also opens.

use age::secrecy::SecretString;
use age_core::format::{FileKey, Stanza};
use std::collections::HashSet;

const TAG: &str = "consultlog-scrypt";
const SCRYPT_TAG: &str = "scrypt";

/// age's scrypt recipient, re-tagged so that it may share a header with other recipients.
struct PassphraseStanza(age::scrypt::Recipient);

impl age::Recipient for PassphraseStanza {
    fn wrap_file_key(&self, file_key: &FileKey) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let (stanzas, _only_alone) = self.0.wrap_file_key(file_key)?;
        let stanzas =
            stanzas.into_iter().map(|s| Stanza { tag: TAG.into(), args: s.args, body: s.body }).collect();
        Ok((stanzas, HashSet::new()))
    }
}

/// Unwraps a plain `scrypt` stanza or the re-tagged one.
pub(crate) struct PassphraseIdentity(age::scrypt::Identity);

impl age::Identity for PassphraseIdentity {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        match stanza.tag.as_str() {
            TAG => {
                let plain =
                    Stanza { tag: SCRYPT_TAG.into(), args: stanza.args.clone(), body: stanza.body.clone() };
                self.0.unwrap_stanza(&plain)
            }
            SCRYPT_TAG => self.0.unwrap_stanza(stanza),
            _ => None,
        }
    }
}

impl PassphraseIdentity {
    pub(crate) fn new(passphrase: &SecretString) -> PassphraseIdentity {
        let mut id = age::scrypt::Identity::new(passphrase.clone());
        // Backups made on a faster machine still open; a hostile file costs at most minutes.
        id.set_max_work_factor(22);
        PassphraseIdentity(id)
    }
}

/// The encryptor of a backup file.
pub(crate) fn encryptor(
    passphrase: &SecretString,
    recovery: Option<&age::x25519::Recipient>,
    kdf_log_n: Option<u8>,
) -> Result<age::Encryptor, age::EncryptError> {
    let mut scrypt = age::scrypt::Recipient::new(passphrase.clone());
    if let Some(n) = kdf_log_n {
        scrypt.set_work_factor(n.clamp(1, 30));
    }
    match recovery {
        None => age::Encryptor::with_recipients(std::iter::once(&scrypt as &dyn age::Recipient)),
        Some(r) => {
            let p = PassphraseStanza(scrypt);
            age::Encryptor::with_recipients([&p as &dyn age::Recipient, r as &dyn age::Recipient].into_iter())
        }
    }
}

/// How a backup is opened: with the passphrase, or with the recovery identity.
pub enum BackupKey {
    Passphrase(SecretString),
    Recovery(age::x25519::Identity),
}

impl std::fmt::Debug for BackupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackupKey(<redacted>)")
    }
}
