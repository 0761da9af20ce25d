//! Encryption: per-record XChaCha20-Poly1305 under a random data key, and the key file that
//! holds that data key and the vault's x25519 identity, encrypted with the passphrase by age
//! (scrypt). Knows nothing of records, storage or the UI. See docs/crypto.md for why.

use age::secrecy::{ExposeSecret, SecretString};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use rand::rngs::OsRng;
use std::fmt;
use std::io::{Read, Write};
use std::str::FromStr;
use zeroize::{Zeroize, Zeroizing};

/// The shortest new passphrase accepted (init, passwd, the program's first start): it
/// alone protects the key file, so anyone with a copy of the vault can try passphrases.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Format byte in front of every sealed value, so the format can evolve.
const SEALED_V1: u8 = 1;
const NONCE_LEN: usize = 24;
const KEYFILE_HEADER: &str = "consultlog-keys v1";

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the data does not decrypt: it was altered, moved or belongs to another vault")]
    Tampered,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the key file is damaged or is not a consultlog key file")]
    BadKeyFile,
    #[error("the key file needs more scrypt work than this machine allows (log_n {0})")]
    ExcessiveWork(u8),
    #[error("encryption failed: {0}")]
    Encrypt(String),
}

/// The 256-bit key that encrypts every record. Zeroised on drop, never printed.
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn generate() -> DataKey {
        let mut k = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(k.as_mut());
        DataKey(k)
    }
}

impl DataKey {
    /// A key for another purpose, derived from the data key with a domain label (the
    /// manifest's MAC key): SHA-256(label || 0 || data key).
    pub fn derive(&self, label: &str) -> Zeroizing<[u8; 32]> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(label.as_bytes());
        h.update([0u8]);
        h.update(&self.0[..]);
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&h.finalize());
        out
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

/// Seals and opens values with the data key; `aad` binds a value to where it is stored.
pub struct RecordCipher {
    aead: XChaCha20Poly1305,
}

impl fmt::Debug for RecordCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecordCipher(<redacted>)")
    }
}

impl RecordCipher {
    pub fn new(key: &DataKey) -> RecordCipher {
        RecordCipher { aead: XChaCha20Poly1305::new((&*key.0).into()) }
    }

    /// `version || nonce || ciphertext+tag`, with a fresh random nonce.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let ct = self
            .aead
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad })
            .map_err(|_| CryptoError::Encrypt("AEAD".into()))?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
        out.push(SEALED_V1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Ok(out)
    }

    /// Fails with `Tampered` when the value was altered or sealed for another `aad`.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        if sealed.len() < 1 + NONCE_LEN + 16 || sealed[0] != SEALED_V1 {
            return Err(CryptoError::Tampered);
        }
        let (nonce, ct) = sealed[1..].split_at(NONCE_LEN);
        self.aead
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad })
            .map(Zeroizing::new)
            .map_err(|_| CryptoError::Tampered)
    }
}

/// The vault's secrets: the data key and the x25519 identity that receives shared notes.
pub struct KeyFile {
    pub data_key: DataKey,
    pub identity: age::x25519::Identity,
}

impl fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyFile(<redacted>)")
    }
}

impl KeyFile {
    pub fn generate() -> KeyFile {
        KeyFile { data_key: DataKey::generate(), identity: age::x25519::Identity::generate() }
    }

    /// The public `age1...` recipient of this vault.
    pub fn recipient(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// The vault's Ed25519 signing key, derived from the x25519 identity in this key file:
    /// SHA-256 of a domain label and the identity's secret. Every vault, old ones included,
    /// has one from its first unlock; it is backed up and restored with the identity and can
    /// never get out of step with it. See docs/crypto.md.
    pub fn signing_key(&self) -> ed25519_dalek::SigningKey {
        signing_key_for(&self.identity)
    }

    /// The secrets as the text a key file holds inside its encryption (for a backup, which
    /// is itself encrypted). Zeroised when dropped.
    pub fn to_plain(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "{KEYFILE_HEADER}\ndata-key: {}\nidentity: {}\n",
            B64.encode(&self.data_key.0[..]),
            self.identity.to_string().expose_secret()
        ))
    }

    /// Reads the text of [`KeyFile::to_plain`].
    pub fn from_plain(plain: &[u8]) -> Result<KeyFile, CryptoError> {
        Self::parse(plain)
    }

    /// Encrypts the secrets with the passphrase (age scrypt). `log_n` None: age calibrates
    /// the work factor to about a second on this machine.
    pub fn seal(&self, passphrase: &SecretString, log_n: Option<u8>) -> Result<Vec<u8>, CryptoError> {
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        if let Some(n) = log_n {
            recipient.set_work_factor(n.clamp(1, 30));
        }
        let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| CryptoError::Encrypt(e.to_string()))?;
        let mut plain = self.to_plain();
        let mut out = Vec::new();
        let mut w = encryptor.wrap_output(&mut out).map_err(|e| CryptoError::Encrypt(e.to_string()))?;
        w.write_all(plain.as_bytes()).map_err(|e| CryptoError::Encrypt(e.to_string()))?;
        w.finish().map_err(|e| CryptoError::Encrypt(e.to_string()))?;
        plain.zeroize();
        Ok(out)
    }

    /// Decrypts a key file; distinguishes a wrong passphrase from a damaged or foreign file.
    pub fn open(bytes: &[u8], passphrase: &SecretString) -> Result<KeyFile, CryptoError> {
        let decryptor = age::Decryptor::new(bytes).map_err(|_| CryptoError::BadKeyFile)?;
        if !decryptor.is_scrypt() {
            return Err(CryptoError::BadKeyFile);
        }
        let mut identity = age::scrypt::Identity::new(passphrase.clone());
        // Allow vaults made on a faster machine; a hostile file cannot cost more than ~minutes.
        identity.set_max_work_factor(22);
        let mut reader =
            decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
                age::DecryptError::DecryptionFailed
                | age::DecryptError::KeyDecryptionFailed
                | age::DecryptError::NoMatchingKeys => CryptoError::WrongPassphrase,
                age::DecryptError::ExcessiveWork { required, .. } => CryptoError::ExcessiveWork(required),
                _ => CryptoError::BadKeyFile,
            })?;
        let mut plain = Zeroizing::new(Vec::new());
        reader.read_to_end(&mut plain).map_err(|_| CryptoError::BadKeyFile)?;
        Self::parse(&plain)
    }

    fn parse(plain: &[u8]) -> Result<KeyFile, CryptoError> {
        let text = std::str::from_utf8(plain).map_err(|_| CryptoError::BadKeyFile)?;
        let mut lines = text.lines();
        if lines.next() != Some(KEYFILE_HEADER) {
            return Err(CryptoError::BadKeyFile);
        }
        let dk = lines.next().and_then(|l| l.strip_prefix("data-key: ")).ok_or(CryptoError::BadKeyFile)?;
        let id = lines.next().and_then(|l| l.strip_prefix("identity: ")).ok_or(CryptoError::BadKeyFile)?;
        let raw = Zeroizing::new(B64.decode(dk).map_err(|_| CryptoError::BadKeyFile)?);
        let mut key = Zeroizing::new([0u8; 32]);
        if raw.len() != 32 {
            return Err(CryptoError::BadKeyFile);
        }
        key.copy_from_slice(&raw);
        let identity = age::x25519::Identity::from_str(id).map_err(|_| CryptoError::BadKeyFile)?;
        Ok(KeyFile { data_key: DataKey(key), identity })
    }
}

/// The signing key that belongs to an age identity (see [`KeyFile::signing_key`]).
pub fn signing_key_for(identity: &age::x25519::Identity) -> ed25519_dalek::SigningKey {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"consultlog signing key v1\0");
    h.update(identity.to_string().expose_secret().as_bytes());
    let mut seed = Zeroizing::new([0u8; 32]);
    seed.copy_from_slice(&h.finalize());
    ed25519_dalek::SigningKey::from_bytes(&seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signing_key_follows_the_identity() {
        let a = KeyFile::generate();
        let bytes = a.seal(&pass("correct horse"), Some(4)).unwrap();
        let back = KeyFile::open(&bytes, &pass("correct horse")).unwrap();
        assert_eq!(a.signing_key().verifying_key(), back.signing_key().verifying_key());
        assert_ne!(a.signing_key().verifying_key(), KeyFile::generate().signing_key().verifying_key());
    }

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn record_round_trip_and_binding() {
        let c = RecordCipher::new(&DataKey::generate());
        let sealed = c.seal(b"id-1", b"hello").unwrap();
        assert_eq!(&c.open(b"id-1", &sealed).unwrap()[..], b"hello");
        assert!(matches!(c.open(b"id-2", &sealed), Err(CryptoError::Tampered)));
        let mut bad = sealed.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(matches!(c.open(b"id-1", &bad), Err(CryptoError::Tampered)));
        let other = RecordCipher::new(&DataKey::generate());
        assert!(matches!(other.open(b"id-1", &sealed), Err(CryptoError::Tampered)));
        assert!(matches!(c.open(b"id-1", &sealed[..10]), Err(CryptoError::Tampered)));
    }

    #[test]
    fn key_file_round_trip_and_errors() {
        let kf = KeyFile::generate();
        let bytes = kf.seal(&pass("correct horse"), Some(4)).unwrap();
        let back = KeyFile::open(&bytes, &pass("correct horse")).unwrap();
        assert_eq!(back.recipient(), kf.recipient());
        assert_eq!(back.data_key.0[..], kf.data_key.0[..]);
        assert!(matches!(KeyFile::open(&bytes, &pass("wrong")), Err(CryptoError::WrongPassphrase)));
        assert!(matches!(
            KeyFile::open(&bytes[..bytes.len() / 2], &pass("correct horse")),
            Err(CryptoError::BadKeyFile)
        ));
        assert!(matches!(KeyFile::open(b"hello world", &pass("x")), Err(CryptoError::BadKeyFile)));
        assert!(matches!(KeyFile::open(&[], &pass("x")), Err(CryptoError::BadKeyFile)));
        // An age file to a recipient, not a passphrase: foreign.
        let foreign = age::encrypt(&kf.identity.to_public(), b"x").unwrap();
        assert!(matches!(KeyFile::open(&foreign, &pass("x")), Err(CryptoError::BadKeyFile)));
        assert!(!format!("{kf:?}").contains("AGE-SECRET"));
    }
}
