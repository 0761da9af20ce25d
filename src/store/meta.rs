//! Vault-level values (draft, address book, audit log, settings), each sealed under its name.

use super::codec::{META, Op, aad, crypto, meta_key};
use super::engine::KvEngine;
use super::error::VaultError;
use super::vault::Vault;

impl Vault {
    /// The sealed writes of vault-level values.
    pub(super) fn meta_ops(&self, metas: &[(&str, &[u8])]) -> Result<Vec<Op>, VaultError> {
        metas
            .iter()
            .map(|(name, value)| {
                let k = meta_key(name);
                let sealed = self.cipher.seal(&aad(META, name), value).map_err(|e| crypto(e, self.dir()))?;
                Ok((k, Some(sealed)))
            })
            .collect()
    }

    /// Stores a vault-level value (draft, address book, ...) sealed under its name.
    pub fn put_meta(&self, name: &str, value: Option<&[u8]>) -> Result<(), VaultError> {
        let k = meta_key(name);
        let v = match value {
            Some(v) => Some(self.cipher.seal(&aad(META, name), v).map_err(|e| crypto(e, self.dir()))?),
            None => None,
        };
        self.commit(vec![(k, v)])
    }

    pub fn get_meta(&self, name: &str) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, VaultError> {
        let k = meta_key(name);
        match self.engine.get(&k)? {
            None => Ok(None),
            Some(v) => {
                self.cipher.open(&aad(META, name), &v).map(Some).map_err(|_| VaultError::Corrupt(name.into()))
            }
        }
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
}
