//! Every write of the vault goes through `Vault::commit`, which updates the integrity
//! manifest in the same batch; opening checks the manifest against the counter kept outside
//! the vault folder.

use super::codec::{MANIFEST, META, Op, aad, crypto, meta_key};
use super::engine::KvEngine;
use super::error::VaultError;
use super::manifest::*;
use super::vault::Vault;
use std::sync::atomic::Ordering;

impl Vault {
    /// This copy's instance name (empty when there is no manifest, or an old one).
    pub(super) fn instance(&self) -> String {
        self.manifest.lock().ok().and_then(|m| m.as_ref().map(|m| m.instance.clone())).unwrap_or_default()
    }

    /// The newest counter this computer saw for this copy of the vault.
    pub(super) fn seen_counter(&self) -> u64 {
        seen_for(&self.recipient(), &self.instance())
    }

    /// The counter of the manifest as last written (0 when there is none).
    pub(super) fn counter(&self) -> u64 {
        self.manifest.lock().ok().and_then(|m| m.as_ref().map(|m| m.counter)).unwrap_or(0)
    }

    fn mac_key(&self) -> zeroize::Zeroizing<[u8; 32]> {
        self.keys.data_key.derive(MAC_LABEL)
    }

    /// The stored manifest; `Ok(None)` when there is none, `Err` when it does not decrypt.
    pub(super) fn stored_manifest(&self) -> Result<Option<Manifest>, VaultError> {
        let Some(sealed) = self.engine.get(&meta_key(MANIFEST))? else { return Ok(None) };
        let bad = || VaultError::Corrupt(MANIFEST.into());
        let plain = self.cipher.open(&aad(META, MANIFEST), &sealed).map_err(|_| bad())?;
        serde_json::from_slice(&plain).map(Some).map_err(|_| bad())
    }

    /// The manifest of what is in the database now (one pass over everything).
    pub(super) fn compute_manifest(&self) -> Result<Manifest, VaultError> {
        compute(&self.engine, &self.mac_key())
    }

    fn manifest_op(&self, m: &Manifest) -> Result<Op, VaultError> {
        let json = serde_json::to_vec(m).map_err(|e| VaultError::Crypto(e.to_string()))?;
        let sealed = self.cipher.seal(&aad(META, MANIFEST), &json).map_err(|e| crypto(e, self.dir()))?;
        Ok((meta_key(MANIFEST), Some(sealed)))
    }

    /// The cheap checks of every open: the manifest decrypts and is not older than the
    /// newest this computer saw. A vault without one gets it now (when the disk allows).
    pub(super) fn check_on_open(&self) -> Result<Option<OpenNotice>, VaultError> {
        match self.stored_manifest() {
            Err(_) => Ok(Some(OpenNotice::ManifestUnreadable)),
            Ok(Some(m)) => {
                let (counter, instance) = (m.counter, m.instance.clone());
                let seen = seen_for(&self.recipient(), &instance);
                *self.manifest.lock().map_err(|_| VaultError::Storage("lock poisoned".into()))? = Some(m);
                if counter < seen {
                    return Ok(Some(OpenNotice::RolledBack { vault: counter, seen }));
                }
                remember(&self.recipient(), &instance, counter);
                Ok(None)
            }
            // This computer saw a manifest for this vault: its removal is tampering, not age.
            Ok(None) if any_seen(&self.recipient()) => Ok(Some(OpenNotice::ManifestUnreadable)),
            Ok(None) => {
                // A vault from before manifests: it keeps the instance "" its counter had.
                let mut m = self.compute_manifest()?;
                m.counter = seen_for(&self.recipient(), "") + 1;
                // A read-only disk: the vault still opens and reads; the manifest waits.
                if self.engine.apply(vec![self.manifest_op(&m)?]).and_then(|()| self.engine.sync()).is_ok() {
                    remember(&self.recipient(), "", m.counter);
                    *self.manifest.lock().map_err(|_| VaultError::Storage("lock poisoned".into()))? = Some(m);
                    return Ok(Some(OpenNotice::ManifestCreated));
                }
                Ok(None)
            }
        }
    }

    /// The one way values are written: `ops` and the updated manifest in one atomic batch,
    /// then made durable.
    pub(super) fn commit(&self, ops: Vec<Op>) -> Result<(), VaultError> {
        self.commit_fresh(ops, 0)
    }

    /// As [`Vault::commit`], where the first `fresh` ops put keys that cannot exist yet: the
    /// records and list rows of new random ids (a version-4 uuid repeats with odds of about
    /// 2^-122), so their old values need not be read for the manifest. Reading 200,000
    /// absent keys was a third of a 100k-record `add`.
    pub(super) fn commit_fresh(&self, mut ops: Vec<Op>, fresh: usize) -> Result<(), VaultError> {
        let mut guard = self.manifest.lock().map_err(|_| VaultError::Storage("lock poisoned".into()))?;
        // After a failed write the database (reopened) is the truth: the batch may or may not
        // have landed, and the manifest stored with it says which.
        if self.stale.load(Ordering::Acquire) {
            if let Some(m) = self.stored_manifest()? {
                *guard = Some(m);
            }
            self.stale.store(false, Ordering::Release);
        }
        let mut next = match guard.as_ref() {
            Some(m) => m.clone(),
            // No trustworthy manifest (unreadable): writes still go through; verify reports it.
            None => return self.engine.apply(ops).and_then(|()| self.engine.sync()),
        };
        let mac = self.mac_key();
        // Later ops on the same key win, as in the engine's batch.
        let mut last = std::collections::HashMap::with_capacity(ops.len());
        for (i, (k, _)) in ops.iter().enumerate() {
            last.insert(k.as_slice(), i);
        }
        let mut changes = Vec::with_capacity(last.len());
        for (i, (k, _)) in ops.iter().enumerate() {
            if last.get(k.as_slice()) == Some(&i) && !matches!(place(k), Place::Own) {
                let old = if i < fresh { None } else { self.engine.get(k)? };
                changes.push((i, old));
            }
        }
        drop(last);
        // The keyed hashes of what goes and what comes, on every core (a bulk add has
        // hundreds of thousands); summed here in the ops' order.
        let elements = crate::par::map(changes, |(i, old)| {
            let (k, v) = &ops[i];
            (i, old.map(|old| element(&mac, k, &old)), v.as_ref().map(|v| element(&mac, k, v)))
        });
        for (i, old, new) in elements {
            let k = &ops[i].0;
            if let Some(e) = old {
                next.apply_element(k, e, false);
            }
            if let Some(e) = new {
                next.apply_element(k, e, true);
            }
        }
        next.counter += 1;
        ops.push(self.manifest_op(&next)?);
        if let Err(e) = self.engine.apply(ops).and_then(|()| self.engine.sync()) {
            self.stale.store(true, Ordering::Release);
            return Err(e);
        }
        let (counter, instance) = (next.counter, next.instance.clone());
        *guard = Some(next);
        drop(guard);
        remember(&self.recipient(), &instance, counter);
        Ok(())
    }
}
