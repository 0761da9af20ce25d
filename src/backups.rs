//! Automatic backups: the settings that ask for them (stored sealed in the vault), when one
//! is due, writing one into the backup folder with its audit entry and rotating the oldest
//! away, and the state the list's status line shows (when the last backup was made).
//!
//! A backup is the same file `consultlog backup` writes (`Vault::backup`): encrypted with the
//! passphrase (and an organisation's recovery recipient when set), restorable on a new
//! machine with `consultlog restore`.

pub mod settings;

pub use settings::{SettingError, Settings};

use crate::store::{Vault, VaultError};
use age::secrecy::SecretString;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Vault-level value with the time of the last backup (manual or automatic).
const LAST: &str = "backup.last";
const PREFIX: &str = "consultlog-";
const SUFFIX: &str = ".backup";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Last {
    at: DateTime<Utc>,
    auto: bool,
}

/// What the list's status line needs to know about backups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupState {
    /// When the last backup (manual or automatic) was made.
    pub last: Option<DateTime<Utc>>,
    /// Whether a folder for automatic backups is set.
    pub configured: bool,
    /// Warn when the last backup is this many days old.
    pub warn_days: u32,
}

/// How the last backup stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Never,
    Recent,
    Old { days: i64 },
}

impl BackupState {
    /// Counted in calendar days of the user's time zone.
    pub fn freshness(&self, today: NaiveDate) -> Freshness {
        match self.last {
            None => Freshness::Never,
            Some(at) => {
                let days = (today - at.with_timezone(&chrono::Local).date_naive()).num_days();
                if days >= i64::from(self.warn_days) { Freshness::Old { days } } else { Freshness::Recent }
            }
        }
    }
}

/// Why a backup could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Audit(#[from] crate::audit::AuditError),
    #[error("no backup folder set")]
    NoFolder,
    #[error("backup folder {0} is not there")]
    FolderGone(PathBuf),
    #[error("bad recovery recipient {0}")]
    BadRecovery(String),
}

/// When the last backup was made, if ever.
pub fn last(vault: &Vault) -> Result<Option<DateTime<Utc>>, VaultError> {
    Ok(vault.get_meta(LAST)?.and_then(|b| serde_json::from_slice::<Last>(&b).ok()).map(|l| l.at))
}

/// What the status line shows.
pub fn state(vault: &Vault) -> Result<BackupState, VaultError> {
    let s = Settings::load(vault)?;
    Ok(BackupState { last: last(vault)?, configured: s.dir.is_some(), warn_days: s.warn_days })
}

/// Whether an automatic backup is due: a folder is set, something changed since the last
/// one, and the last is at least `every` minutes old (or `on_quit`, when any change waits).
pub fn due(
    s: &Settings,
    last: Option<DateTime<Utc>>,
    changed: bool,
    now: DateTime<Utc>,
    on_quit: bool,
) -> bool {
    if s.dir.is_none() || !changed {
        return false;
    }
    on_quit || last.is_none_or(|at| (now - at).num_minutes() >= i64::from(s.every))
}

/// The file name of an automatic backup made at `at` (sorts by time; nothing personal).
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format("%Y%m%d-%H%M%S"))
}

fn is_ours(name: &str) -> bool {
    name.strip_prefix(PREFIX).and_then(|r| r.strip_suffix(SUFFIX)).is_some_and(|stamp| {
        stamp.len() == 15
            && stamp.chars().enumerate().all(|(i, c)| if i == 8 { c == '-' } else { c.is_ascii_digit() })
    })
}

/// The automatic backups in `dir`, oldest first (only files named as this module names them).
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter(|e| is_ours(&e.file_name().to_string_lossy()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Removes the oldest automatic backups beyond `keep`; never any other file.
pub fn rotate(dir: &Path, keep: u32) -> usize {
    let all = list(dir);
    let extra = all.len().saturating_sub(keep.max(1) as usize);
    all.iter().take(extra).filter(|p| std::fs::remove_file(p).is_ok()).count()
}

/// Writes one backup to `out` with its audit entry and the time of the last backup.
pub fn write(
    vault: &Vault,
    out: &Path,
    pass: &SecretString,
    recovery: Option<&str>,
    kdf_log_n: Option<u8>,
    auto: bool,
    now: DateTime<Utc>,
) -> Result<crate::store::BackupInfo, BackupError> {
    let recovery = match recovery {
        None => None,
        Some(r) => {
            Some(age::x25519::Recipient::from_str(r.trim()).map_err(|_| BackupError::BadRecovery(r.into()))?)
        }
    };
    let file = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let detail = serde_json::json!({"file": file, "recovery": recovery.is_some(), "auto": auto});
    let mut metas = crate::audit::prepare(vault, "backup", detail)?;
    let last = serde_json::to_vec(&Last { at: now, auto }).unwrap_or_default();
    metas.push((LAST.to_string(), last));
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    Ok(vault.backup(out, pass, recovery.as_ref(), kdf_log_n, &refs)?)
}

/// An automatic backup into the settings' folder, then the oldest beyond `keep` removed.
/// Returns the file written.
pub fn auto(
    vault: &Vault,
    pass: &SecretString,
    kdf_log_n: Option<u8>,
    now: DateTime<Utc>,
) -> Result<PathBuf, BackupError> {
    let s = Settings::load(vault)?;
    let dir = s.dir.clone().ok_or(BackupError::NoFolder)?;
    if !dir.is_dir() {
        return Err(BackupError::FolderGone(dir));
    }
    // Two backups within one second (a quit right after one): the later waits its turn.
    let mut at = now;
    let mut out = dir.join(file_name(at));
    while out.exists() {
        at += chrono::Duration::seconds(1);
        out = dir.join(file_name(at));
    }
    write(vault, &out, pass, s.recovery.as_deref(), kdf_log_n, true, now)?;
    rotate(&dir, s.keep);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap_or_default().with_timezone(&Utc)
    }

    #[test]
    fn names_sort_by_time_and_only_ours_are_rotated() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let times = ["2026-12-01T10:00:00Z", "2026-12-02T09:30:00Z", "2026-12-03T08:00:00Z"];
        for t in times {
            std::fs::write(tmp.path().join(file_name(at(t))), b"x").unwrap_or_else(|e| panic!("{e}"));
        }
        for other in ["notities.txt", "consultlog-2026.backup", "consultlog-20261201-100000.backup.bak"] {
            std::fs::write(tmp.path().join(other), b"x").unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(list(tmp.path()).len(), 3);
        assert_eq!(rotate(tmp.path(), 2), 1);
        let left = list(tmp.path());
        assert_eq!(
            left,
            vec![tmp.path().join(file_name(at(times[1]))), tmp.path().join(file_name(at(times[2])))]
        );
        assert_eq!(std::fs::read_dir(tmp.path()).map(|d| d.count()).unwrap_or(0), 5, "other files stay");
    }

    #[test]
    fn a_backup_is_due_after_a_change_once_the_interval_passed_and_always_on_quit() {
        let mut s = Settings::default();
        let now = at("2026-12-03T12:00:00Z");
        assert!(!due(&s, None, true, now, true), "no folder: never");
        s.dir = Some(PathBuf::from("/tmp"));
        assert!(due(&s, None, true, now, false), "never made: due");
        assert!(!due(&s, None, false, now, true), "nothing changed: not due");
        let recent = Some(at("2026-12-03T11:45:00Z"));
        assert!(!due(&s, recent, true, now, false));
        assert!(due(&s, recent, true, now, true));
        assert!(due(&s, Some(at("2026-12-03T11:30:00Z")), true, now, false));
    }

    #[test]
    fn the_state_warns_when_the_last_backup_is_old() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        let mut st = BackupState { last: None, configured: false, warn_days: 7 };
        assert_eq!(st.freshness(today), Freshness::Never);
        st.last = Some(at("2026-12-01T12:00:00Z"));
        assert_eq!(st.freshness(today), Freshness::Recent);
        st.last = Some(at("2026-11-24T12:00:00Z"));
        assert_eq!(st.freshness(today), Freshness::Old { days: 9 });
    }
}
