//! The vault's settings for automatic backups, sealed in the vault like everything else and
//! changed with an audit entry: `backup.dir`, `backup.keep`, `backup.every` (minutes),
//! `backup.warn_days` and `backup.recovery`.

use crate::store::{Vault, VaultError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::str::FromStr;

const META_NAME: &str = "settings";

/// Every setting: its name, and the i18n key of its one-line description.
pub const KEYS: &[(&str, &str)] = &[
    ("backup.dir", "settings.backup_dir"),
    ("backup.keep", "settings.backup_keep"),
    ("backup.every", "settings.backup_every"),
    ("backup.warn_days", "settings.backup_warn_days"),
    ("backup.recovery", "settings.backup_recovery"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Folder for automatic backups; none: no automatic backups.
    pub dir: Option<PathBuf>,
    /// How many automatic backups are kept (the oldest beyond are removed).
    pub keep: u32,
    /// At most one automatic backup per this many minutes (and one on quit after changes).
    pub every: u32,
    /// The status line warns when the last backup is at least this many days old.
    pub warn_days: u32,
    /// Also encrypt automatic backups to this recovery recipient (age1...).
    pub recovery: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { dir: None, keep: 10, every: 30, warn_days: 7, recovery: None }
    }
}

/// A setting that cannot be taken as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("unknown setting {0}")]
    UnknownKey(String),
    #[error("{key} must be a whole number from {min} to {max}")]
    OutOfRange { key: String, min: u32, max: u32 },
    #[error("{0} is not an existing folder")]
    NotAFolder(PathBuf),
    #[error("{0} is inside the vault folder")]
    InsideVault(PathBuf),
    #[error("{0} is not a recipient age1...")]
    BadRecipient(String),
    #[error("no value for {0}")]
    Empty(String),
}

fn number(key: &str, value: &str, min: u32, max: u32) -> Result<u32, SettingError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| SettingError::OutOfRange { key: key.into(), min, max })
}

impl Settings {
    pub fn load(vault: &Vault) -> Result<Settings, VaultError> {
        Ok(vault.get_meta(META_NAME)?.and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default())
    }

    /// Stores the settings with an audit entry naming what changed, in one write.
    pub fn store(&self, vault: &Vault, changed: &str) -> Result<(), crate::audit::AuditError> {
        let mut metas = crate::audit::prepare(vault, "settings", serde_json::json!({ "setting": changed }))?;
        metas.push((META_NAME.to_string(), serde_json::to_vec(self).unwrap_or_default()));
        let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
        Ok(vault.write(&[], &refs)?)
    }

    /// Sets one setting from text; `vault_dir` is refused as (or as a parent of) the folder.
    pub fn set(&mut self, key: &str, value: &str, vault_dir: &Path) -> Result<(), SettingError> {
        if value.trim().is_empty() && KEYS.iter().any(|(k, _)| *k == key) {
            return Err(SettingError::Empty(key.into()));
        }
        match key {
            "backup.dir" => {
                let dir = PathBuf::from(value.trim());
                let real = dir
                    .canonicalize()
                    .ok()
                    .filter(|d| d.is_dir())
                    .ok_or(SettingError::NotAFolder(dir.clone()))?;
                let vault = vault_dir.canonicalize().unwrap_or_else(|_| vault_dir.to_path_buf());
                if real.starts_with(&vault) {
                    return Err(SettingError::InsideVault(dir));
                }
                self.dir = Some(real);
            }
            "backup.keep" => self.keep = number(key, value, 1, 1000)?,
            "backup.every" => self.every = number(key, value, 1, 24 * 60)?,
            "backup.warn_days" => self.warn_days = number(key, value, 1, 365)?,
            "backup.recovery" => {
                let r = value.trim();
                age::x25519::Recipient::from_str(r).map_err(|_| SettingError::BadRecipient(r.into()))?;
                self.recovery = Some(r.to_string());
            }
            _ => return Err(SettingError::UnknownKey(key.into())),
        }
        Ok(())
    }

    /// Back to the default.
    pub fn unset(&mut self, key: &str) -> Result<(), SettingError> {
        let d = Settings::default();
        match key {
            "backup.dir" => self.dir = None,
            "backup.keep" => self.keep = d.keep,
            "backup.every" => self.every = d.every,
            "backup.warn_days" => self.warn_days = d.warn_days,
            "backup.recovery" => self.recovery = None,
            _ => return Err(SettingError::UnknownKey(key.into())),
        }
        Ok(())
    }

    /// The value of one setting as text ("" when not set).
    pub fn get(&self, key: &str) -> Result<String, SettingError> {
        Ok(match key {
            "backup.dir" => self.dir.as_ref().map(|d| d.display().to_string()).unwrap_or_default(),
            "backup.keep" => self.keep.to_string(),
            "backup.every" => self.every.to_string(),
            "backup.warn_days" => self.warn_days.to_string(),
            "backup.recovery" => self.recovery.clone().unwrap_or_default(),
            _ => return Err(SettingError::UnknownKey(key.into())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_sets_and_unsets_and_bad_values_change_nothing() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let vault = tmp.path().join("vault");
        std::fs::create_dir(&vault).unwrap_or_else(|e| panic!("{e}"));
        let mut s = Settings::default();
        for (k, _) in KEYS {
            assert!(s.get(k).is_ok(), "{k}");
            assert!(s.unset(k).is_ok(), "{k}");
        }
        s.set("backup.dir", tmp.path().to_str().unwrap_or(""), &vault).unwrap_or_else(|e| panic!("{e}"));
        s.set("backup.keep", "3", &vault).unwrap_or_else(|e| panic!("{e}"));
        let before = s.clone();
        assert_eq!(
            s.set("backup.keep", "0", &vault),
            Err(SettingError::OutOfRange { key: "backup.keep".into(), min: 1, max: 1000 })
        );
        assert!(matches!(
            s.set("backup.dir", vault.join("sub").to_str().unwrap_or(""), &vault),
            Err(SettingError::NotAFolder(_))
        ));
        assert!(matches!(
            s.set("backup.dir", vault.to_str().unwrap_or(""), &vault),
            Err(SettingError::InsideVault(_))
        ));
        assert!(matches!(s.set("backup.recovery", "age1nope", &vault), Err(SettingError::BadRecipient(_))));
        assert!(matches!(s.set("backup.bogus", "1", &vault), Err(SettingError::UnknownKey(_))));
        assert_eq!(s, before);
        assert_eq!(s.get("backup.keep").ok().as_deref(), Some("3"));
    }
}
