//! Summaries written by an older version (without the kenmerk and the answer preview the
//! list shows) are made again from their records when the list is loaded: once, in batches,
//! sealed like every summary. A vault that cannot be written (read-only disk) keeps the old
//! rows, which still load and show without a preview.

use super::codec::{Op, SUMMARY, aad, crypto, key, parse_id, summary_of};
use super::error::VaultError;
use super::load::Loaded;
use super::vault::Vault;
use crate::domain::Summary;

/// Summaries rewritten per atomic write.
const BATCH: usize = 1_000;

impl Vault {
    /// The summary of one record sealed for its key.
    pub(super) fn seal_summary(&self, s: &Summary, id: &str) -> Result<Op, VaultError> {
        let uuid = parse_id(id)?;
        let plain =
            zeroize::Zeroizing::new(serde_json::to_vec(s).map_err(|e| VaultError::Crypto(e.to_string()))?);
        let sealed = self.cipher.seal(&aad(SUMMARY, id), &plain).map_err(|e| crypto(e, self.dir()))?;
        Ok((key(SUMMARY, &uuid), Some(sealed)))
    }

    /// Makes every row of an older summary format again from its record and stores it.
    /// Returns how many were made again; rows whose record does not read stay as they were.
    pub(super) fn refresh_old_summaries(&self, loaded: &mut Loaded) -> usize {
        let old: Vec<usize> =
            (0..loaded.rows.len()).filter(|i| loaded.rows[*i].version < Summary::VERSION).collect();
        let mut done = 0;
        for part in old.chunks(BATCH) {
            let mut ops = Vec::with_capacity(part.len());
            let mut fresh = Vec::with_capacity(part.len());
            for &i in part {
                let id = loaded.rows[i].id.clone();
                let Ok(r) = self.get(&id) else { continue };
                let s = summary_of(&r);
                match self.seal_summary(&s, &id) {
                    Ok(op) => {
                        ops.push(op);
                        fresh.push((i, s));
                    }
                    Err(_) => continue,
                }
            }
            // Not written (read-only, disk full): the old rows still serve, as loaded.
            if ops.is_empty() || self.commit(ops).is_err() {
                return done;
            }
            done += fresh.len();
            for (i, s) in fresh {
                // Same date and creation time: the row keeps its place in the order.
                loaded.rows[i] = s;
            }
        }
        done
    }
}

/// Whether a stored summary agrees with `fresh`, the row made again from its record
/// (`Summary::of`). One of an older format lacks only what that format did not hold
/// (kenmerk, preview): it agrees when the rest does.
///
/// The personal-data mark is not recomputed: it is the verdict of the detector that wrote
/// the row (a newer program may judge the same text differently, which is not damage), and
/// running the detector over every note made `verify` (and so every restore) several times
/// slower. The mark is protected like every stored value: sealed under the data key and
/// covered by the manifest, so a mark changed outside the program is still found.
pub(super) fn agrees_with(stored: &Summary, mut fresh: Summary) -> bool {
    fresh.personal_data = stored.personal_data;
    if stored.version < Summary::VERSION {
        let older =
            Summary { label: String::new(), preview: String::new(), version: stored.version, ..fresh };
        return older == *stored;
    }
    fresh == *stored
}

#[cfg(test)]
mod tests {
    use super::super::codec::{key, parse_id};
    use super::super::engine::KvEngine;
    use super::*;
    use crate::domain::{Consultation, Date};

    /// A new vault in a temporary folder (kept alive by the returned guard).
    fn fresh_vault() -> (tempfile::TempDir, Vault) {
        let tmp = tempfile::tempdir().unwrap();
        let pass = age::secrecy::SecretString::from("fictief".to_string());
        let v = Vault::create(&tmp.path().join("v"), &pass, Some(4)).unwrap();
        (tmp, v)
    }

    #[test]
    fn older_summaries_load_verify_and_are_made_again() {
        let (_tmp, v) = fresh_vault();
        let mut c = Consultation::new(Date::parse_iso("2026-03-01").unwrap());
        c.label = "Casus Noord".into();
        c.prompts.insert("facts".into(), "De dochter wil haar opleiding afmaken.".into());
        let id = v.add(c).unwrap();
        let uuid = parse_id(&id).unwrap();
        // As an older version wrote it: no kenmerk, no preview, no format number.
        let mut json = serde_json::to_value(summary_of(&v.get(&id).unwrap())).unwrap();
        for k in ["k", "w", "v"] {
            json.as_object_mut().unwrap().remove(k);
        }
        let plain = serde_json::to_vec(&json).unwrap();
        let sealed = v.cipher.seal(&aad(SUMMARY, &id), &plain).unwrap();
        v.commit(vec![(key(SUMMARY, &uuid), Some(sealed))]).unwrap();
        assert!(v.verify().unwrap().is_sound(), "an older summary is not a mismatch");
        let stored = |v: &Vault| -> Summary {
            let raw = v.engine.get(&key(SUMMARY, &uuid)).unwrap().unwrap();
            serde_json::from_slice(&v.cipher.open(&aad(SUMMARY, &id), &raw).unwrap()).unwrap()
        };
        assert_eq!(stored(&v).version, 0);
        let rows = v.summaries().unwrap().rows;
        assert_eq!(rows[0].label, "Casus Noord");
        assert_eq!(rows[0].preview, "De dochter wil haar opleiding afmaken.");
        // Stored anew, sealed like before, and sound.
        let s = stored(&v);
        assert_eq!((s.version, s.label.as_str()), (Summary::VERSION, "Casus Noord"));
        assert!(v.verify().unwrap().is_sound());
        // A summary that disagrees in what the old format did hold is still a mismatch.
        let mut older = s.clone();
        (older.version, older.label, older.preview) = (0, String::new(), String::new());
        older.id.clone_from(&id); // not stored: the vault knows it from the key
        assert!(agrees_with(&older, Summary::of(&v.get(&id).unwrap())));
        older.status = "closed".into();
        assert!(!agrees_with(&older, Summary::of(&v.get(&id).unwrap())));
    }

    #[test]
    fn the_personal_data_mark_is_a_stored_verdict_guarded_by_the_manifest() {
        let (_tmp, v) = fresh_vault();
        let mut c = Consultation::new(Date::parse_iso("2026-03-01").unwrap());
        c.prompts.insert("facts".into(), "Moeder belt vanaf 06-12345678.".into());
        let id = v.add(c).unwrap();
        let r = v.get(&id).unwrap();
        assert!(summary_of(&r).personal_data);
        // The row as a detector that judged this text clean wrote it (through the program):
        // a verdict, not damage.
        let mut other = summary_of(&r);
        other.personal_data = false;
        v.commit(vec![v.seal_summary(&other, &id).unwrap()]).unwrap();
        assert!(agrees_with(&other, Summary::of(&r)));
        assert!(v.verify().unwrap().is_sound());
        // The same mark flipped outside the program (past the manifest) is found.
        other.personal_data = true;
        let (k, sealed) = v.seal_summary(&other, &id).unwrap();
        v.engine.apply(vec![(k, sealed)]).unwrap();
        let report = v.verify().unwrap();
        assert!(
            matches!(report.vault_problems.as_slice(), [super::super::verify::VaultProblem::RecordsChanged(ids)] if *ids == [id.clone()]),
            "{:?}",
            report.vault_problems
        );
        // Any other field that disagrees with the record is still a mismatch.
        other.status = "closed".into();
        assert!(!agrees_with(&other, Summary::of(&r)));
    }
}
