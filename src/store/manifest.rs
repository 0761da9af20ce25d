//! The manifest: what the whole database held after the last write, so that a value put back
//! from an older copy, or removed, is noticed.
//!
//! Every stored value contributes an element `HMAC-SHA256(k_m, len(key) || key || value)`,
//! with `k_m` derived from the data key (so nobody without the passphrase can compute one).
//! The manifest keeps sums of these elements (mod 2^256, so one write updates it in time
//! proportional to what it changes): per bucket of consultations (the first byte of the id,
//! modulo 64), for the audit log and for the index of received cases, plus the element of each
//! other vault-level value by name (address book, drafts, settings), the counts, and a counter
//! that every write raises. It is sealed like every value (`m` + `manifest`) and written in
//! the same atomic batch as the change it describes: all writes go through [`Vault::commit`].
//!
//! The newest counter is also kept outside the vault folder (the user's state folder, or
//! `CONSULTLOG_STATE_DIR`), so that a whole folder put back from an old copy is reported. It is
//! kept per *instance*: a random name sealed in the manifest, new for every created or
//! restored vault, so a restored copy beside its original on the same computer (same identity)
//! has its own counter and neither makes the other look rolled back.

use super::codec::{MANIFEST, META, RECORD, SUMMARY, aad, meta_key};
use super::engine::KvEngine;
use super::error::VaultError;
use crate::crypto::{KeyFile, RecordCipher};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub(super) const BUCKETS: usize = 64;
pub(super) const MAC_LABEL: &str = "consultlog manifest v1";
pub(super) const AUDIT: &str = "audit/";
pub(super) const RECV: &str = "recv/";

type Sum = [u64; 4];

pub(super) fn add(a: &mut Sum, b: &Sum) {
    let mut carry = 0u128;
    for i in 0..4 {
        let s = u128::from(a[i]) + u128::from(b[i]) + carry;
        a[i] = s as u64;
        carry = s >> 64;
    }
}

pub(super) fn neg(a: &Sum) -> Sum {
    let mut inv = [!a[0], !a[1], !a[2], !a[3]];
    add(&mut inv, &[1, 0, 0, 0]);
    inv
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Manifest {
    /// Which copy of the vault this is (empty for vaults made before instances existed).
    #[serde(default)]
    pub instance: String,
    pub counter: u64,
    pub records: u64,
    pub summaries: u64,
    pub audit: u64,
    pub received: u64,
    pub buckets: Vec<Sum>,
    pub audit_sum: Sum,
    pub received_sum: Sum,
    pub metas: BTreeMap<String, Sum>,
}

/// Where one key belongs in the manifest.
pub(super) enum Place {
    Bucket(usize, bool),
    Audit,
    Received,
    Meta(String),
    Own,
    Other,
}

pub(super) fn place(k: &[u8]) -> Place {
    match k.split_first() {
        Some((&RECORD, id)) if !id.is_empty() => Place::Bucket(id[0] as usize % BUCKETS, true),
        Some((&SUMMARY, id)) if !id.is_empty() => Place::Bucket(id[0] as usize % BUCKETS, false),
        Some((&META, name)) => {
            let name = String::from_utf8_lossy(name).into_owned();
            if name == MANIFEST {
                Place::Own
            } else if name.starts_with(AUDIT) {
                Place::Audit
            } else if name.starts_with(RECV) {
                Place::Received
            } else {
                Place::Meta(name)
            }
        }
        _ => Place::Other,
    }
}

impl Manifest {
    pub(super) fn empty() -> Manifest {
        Manifest { buckets: vec![[0; 4]; BUCKETS], ..Default::default() }
    }

    /// Adds (`sign` true) or removes one stored value.
    pub(super) fn apply(&mut self, mac: &[u8; 32], k: &[u8], v: &[u8], sign: bool) {
        self.apply_element(k, element(mac, k, v), sign);
    }

    /// As [`Manifest::apply`], with the value's element already computed (on another core).
    pub(super) fn apply_element(&mut self, k: &[u8], e: Sum, sign: bool) {
        let e = if sign { e } else { neg(&e) };
        let step = |n: &mut u64| *n = if sign { n.wrapping_add(1) } else { n.wrapping_sub(1) };
        match place(k) {
            Place::Bucket(b, is_record) => {
                add(&mut self.buckets[b], &e);
                step(if is_record { &mut self.records } else { &mut self.summaries });
            }
            Place::Audit => {
                add(&mut self.audit_sum, &e);
                step(&mut self.audit);
            }
            Place::Received => {
                add(&mut self.received_sum, &e);
                step(&mut self.received);
            }
            Place::Meta(name) => {
                if sign {
                    self.metas.insert(name, e);
                } else {
                    self.metas.remove(&name);
                }
            }
            Place::Own | Place::Other => {}
        }
    }

    /// Adds the content of a manifest of other values (a part of the database computed on
    /// another core); the counter is not touched.
    pub(super) fn merge(&mut self, other: &Manifest) {
        for (a, b) in self.buckets.iter_mut().zip(&other.buckets) {
            add(a, b);
        }
        self.records = self.records.wrapping_add(other.records);
        self.summaries = self.summaries.wrapping_add(other.summaries);
        self.audit = self.audit.wrapping_add(other.audit);
        self.received = self.received.wrapping_add(other.received);
        add(&mut self.audit_sum, &other.audit_sum);
        add(&mut self.received_sum, &other.received_sum);
        self.metas.extend(other.metas.iter().map(|(k, v)| (k.clone(), *v)));
    }

    /// Everything but the counter and the instance equal.
    pub(super) fn same_content(&self, other: &Manifest) -> bool {
        let bare = |m: &Manifest| Manifest { counter: 0, instance: String::new(), ..m.clone() };
        bare(self) == bare(other)
    }
}

pub(super) fn element(mac: &[u8; 32], k: &[u8], v: &[u8]) -> Sum {
    let Ok(mut h) = Hmac::<sha2::Sha256>::new_from_slice(mac) else { return [0; 4] };
    h.update(&(k.len() as u32).to_le_bytes());
    h.update(k);
    h.update(v);
    let d = h.finalize().into_bytes();
    let mut out = [0u64; 4];
    for (i, c) in d.chunks_exact(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        out[i] = u64::from_le_bytes(b);
    }
    out
}

/// The folder that keeps the newest counter of each vault, outside any vault folder.
/// `CONSULTLOG_STATE_DIR` overrides it (tests); set empty, nothing is kept.
pub(super) fn state_dir() -> Option<PathBuf> {
    match std::env::var_os("CONSULTLOG_STATE_DIR") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(PathBuf::from(d)),
        None => directories::ProjectDirs::from("nl", "LKHA", "consultlog")
            .map(|d| d.state_dir().unwrap_or(d.data_local_dir()).join("counters")),
    }
}

/// What opening found about the manifest, to tell the user once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenNotice {
    /// The vault had no manifest (made by an older version); one was made now.
    ManifestCreated,
    /// The manifest does not decrypt.
    ManifestUnreadable,
    /// The vault is older than the newest state this computer saw: the folder was put back.
    RolledBack { vault: u64, seen: u64 },
}

/// The file that keeps the newest counters of the vaults with this identity, one line per
/// instance (`<instance> <counter>`; a bare number is the counter of instance "").
pub(super) fn state_file(recipient: &str) -> Option<PathBuf> {
    use sha2::Digest;
    let h = sha2::Sha256::digest(recipient.as_bytes());
    let name: String = h[..12].iter().map(|b| format!("{b:02x}")).collect();
    state_dir().map(|d| d.join(name))
}

fn parse_seen(text: &str) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (inst, n) = match (parts.next(), parts.next()) {
            (Some(n), None) => ("", n),
            (Some(inst), Some(n)) => (inst, n),
            _ => continue,
        };
        if let Ok(n) = n.parse::<u64>() {
            let e = out.entry(inst.to_string()).or_insert(0);
            *e = (*e).max(n);
        }
    }
    out
}

fn read_seen(recipient: &str) -> BTreeMap<String, u64> {
    state_file(recipient)
        .and_then(|f| std::fs::read_to_string(f).ok())
        .map(|t| parse_seen(&t))
        .unwrap_or_default()
}

/// The newest counter this computer saw for this copy of the vault with this recipient.
pub(super) fn seen_for(recipient: &str, instance: &str) -> u64 {
    read_seen(recipient).get(instance).copied().unwrap_or(0)
}

/// Whether this computer ever saw a manifest for a vault with this recipient.
pub(super) fn any_seen(recipient: &str) -> bool {
    read_seen(recipient).values().any(|&n| n > 0)
}

/// Records the counter of one instance outside the vault. Never ahead of the database
/// (written after it); a lost write only makes the check weaker, never wrong.
pub(super) fn remember(recipient: &str, instance: &str, counter: u64) {
    let Some(file) = state_file(recipient) else { return };
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let mut seen = read_seen(recipient);
    let e = seen.entry(instance.to_string()).or_insert(0);
    *e = (*e).max(counter);
    let text: String = seen
        .iter()
        .map(|(i, n)| if i.is_empty() { format!("{n}\n") } else { format!("{i} {n}\n") })
        .collect();
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() {
        let _ = std::fs::rename(&tmp, &file);
    }
}

/// A fresh random instance name.
pub(super) fn new_instance() -> String {
    use rand::RngCore;
    let mut b = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The manifest of everything in `engine`: read on this thread, hashed on every core (each
/// key is in the database once, so the parts add up to the whole).
pub(super) fn compute(engine: &dyn KvEngine, mac: &[u8; 32]) -> Result<Manifest, VaultError> {
    let everything: &[u8] = &[];
    let parts = crate::par::chunks(engine.scan_prefix(everything), |chunk| {
        let mut part = Manifest::empty();
        for (k, v) in chunk {
            part.apply(mac, &k, &v, true);
        }
        part
    })?;
    let mut m = Manifest::empty();
    for part in &parts {
        m.merge(part);
    }
    Ok(m)
}

/// Writes a fresh manifest into a database just built from whole values (a new vault, a
/// restore, a re-key), its counter above anything this computer saw for that copy. `instance`
/// is kept by a re-key (the same copy); `None` names a new copy.
pub(super) fn seal_fresh(
    engine: &dyn KvEngine,
    keys: &KeyFile,
    floor: u64,
    instance: Option<String>,
) -> Result<(), VaultError> {
    let mac = keys.data_key.derive(MAC_LABEL);
    seal_computed(engine, keys, compute(engine, &mac)?, floor, instance)
}

/// As [`seal_fresh`], with the manifest of the database's content already computed (a
/// restore hashes the values as it copies them).
pub(super) fn seal_computed(
    engine: &dyn KvEngine,
    keys: &KeyFile,
    mut m: Manifest,
    floor: u64,
    instance: Option<String>,
) -> Result<(), VaultError> {
    m.instance = instance.unwrap_or_else(new_instance);
    m.counter = seen_for(&keys.recipient(), &m.instance).max(floor) + 1;
    let json = serde_json::to_vec(&m).map_err(|e| VaultError::Crypto(e.to_string()))?;
    let sealed = RecordCipher::new(&keys.data_key)
        .seal(&aad(META, MANIFEST), &json)
        .map_err(|e| VaultError::Crypto(e.to_string()))?;
    engine.apply(vec![(meta_key(MANIFEST), Some(sealed))])?;
    engine.sync()
}
