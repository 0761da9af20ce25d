//! How values are laid out and sealed: the key space, the associated data that binds a value
//! to its key, and the compressed record body.

use super::error::VaultError;
use crate::crypto::CryptoError;
use crate::domain::{Record, Summary};
use chrono::Utc;
use std::path::Path;
use uuid::Uuid;

/// A put (`Some`) or delete (`None`) of one key.
pub(super) type Op = (Vec<u8>, Option<Vec<u8>>);

pub(crate) const RECORD: u8 = b'r';

pub(crate) const SUMMARY: u8 = b's';

pub(crate) const META: u8 = b'm';

/// The vault-level name of the manifest (see `manifest.rs`).
pub(super) const MANIFEST: &str = "manifest";

pub(super) fn key(space: u8, id: &Uuid) -> Vec<u8> {
    let mut k = Vec::with_capacity(17);
    k.push(space);
    k.extend_from_slice(id.as_bytes());
    k
}

/// The database key of a vault-level value.
pub(super) fn meta_key(name: &str) -> Vec<u8> {
    let mut k = vec![META];
    k.extend_from_slice(name.as_bytes());
    k
}

pub(crate) fn aad(space: u8, id: &str) -> Vec<u8> {
    format!("consultlog/{}/v1/{id}", space as char).into_bytes()
}

/// The list summary of a record, with the personal-data flag the domain cannot compute.
pub(super) fn summary_of(r: &Record) -> Summary {
    let mut s = Summary::of(r);
    s.personal_data = !crate::privacy::unresolved(&r.consultation).is_empty();
    s
}

/// Timestamps kept to the millisecond, as the list summary stores them.
pub(super) fn now_millis() -> chrono::DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(3)
}

/// Record bodies are JSON compressed with LZ4 before sealing; the first byte says how.
pub(super) const BODY_LZ4: u8 = 1;

/// The body of a record: `BODY_LZ4`, the JSON's length (u32, little-endian) and the LZ4 block,
/// the layout of `lz4_flex`'s `compress_prepend_size`. Compressed straight into the one buffer
/// it is returned in, which is wiped when dropped: `compress_prepend_size` left the compressed
/// note in two freed buffers (its own, shrunk by reallocation, and the copy made from it).
pub(super) fn compress(json: &[u8]) -> zeroize::Zeroizing<Vec<u8>> {
    use lz4_flex::block::{compress_into, get_maximum_output_size};
    let mut out = zeroize::Zeroizing::new(vec![0u8; 5 + get_maximum_output_size(json.len())]);
    out[0] = BODY_LZ4;
    out[1..5].copy_from_slice(&(json.len() as u32).to_le_bytes());
    match compress_into(json, &mut out[5..]) {
        Ok(n) => out.truncate(5 + n),
        // Not with the size lz4 asks for; were it to happen, its own allocating path.
        Err(_) => {
            out.truncate(1);
            out.extend_from_slice(&zeroize::Zeroizing::new(lz4_flex::block::compress_prepend_size(json)));
        }
    }
    out
}

pub(super) fn decompress(body: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    match body.split_first() {
        Some((&BODY_LZ4, rest)) => {
            lz4_flex::block::decompress_size_prepended(rest).ok().map(zeroize::Zeroizing::new)
        }
        _ => None,
    }
}

pub(super) fn parse_id(id: &str) -> Result<Uuid, VaultError> {
    Uuid::parse_str(id.trim()).map_err(|_| VaultError::UnknownId(id.to_string()))
}

pub(super) fn crypto(e: CryptoError, path: &Path) -> VaultError {
    match e {
        CryptoError::WrongPassphrase => VaultError::WrongPassphrase,
        CryptoError::BadKeyFile => VaultError::BadKeyFile(path.to_path_buf()),
        CryptoError::ExcessiveWork(n) => VaultError::ExcessiveWork(n),
        other => VaultError::Crypto(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_keep_the_stored_layout_and_read_back() {
        for json in [&b""[..], b"{}", "{\"prompts\":{\"facts\":\"één twee drie één twee drie\"}}".as_bytes()]
        {
            let body = compress(json);
            // What existing vaults hold: the marker, then lz4_flex's size-prefixed block.
            let mut old = vec![BODY_LZ4];
            old.extend_from_slice(&lz4_flex::block::compress_prepend_size(json));
            assert_eq!(&body[..], &old[..]);
            assert_eq!(&decompress(&body).unwrap()[..], json);
        }
    }
}
