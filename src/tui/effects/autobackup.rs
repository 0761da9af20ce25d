//! Automatic backups from the UI: after a change, when the settings' interval has passed,
//! one is written while the user is idle; on quit, one when anything changed since.

use super::{Runner, State};
use crate::tui::action::{Action, Effect};

/// Whether an effect writes to the vault (so a backup may become due after it).
pub(super) fn changes(e: &Effect) -> bool {
    matches!(
        e,
        Effect::Save { .. }
            | Effect::Share { .. }
            | Effect::Reply { .. }
            | Effect::Import { .. }
            | Effect::AddContact { .. }
            | Effect::RemoveContact { .. }
            | Effect::RenameContact { .. }
    )
}

impl Runner {
    /// What the status line says about backups.
    pub(super) fn backup_state(&self) -> Action {
        let State::Open(v) = &self.state else { return Action::BackupFailed(String::new()) };
        match crate::backups::state(v) {
            Ok(s) => Action::BackupState(s),
            Err(e) => Action::BackupFailed(self.fail_text(&e)),
        }
    }

    fn fail_text(&self, e: &crate::store::VaultError) -> String {
        crate::error::vault_message(e, self.lang)
    }

    /// Whether an automatic backup is due now (`on_quit`: any change waits for one).
    pub(super) fn backup_due(&self, on_quit: bool) -> bool {
        let State::Open(v) = &self.state else { return false };
        if self.pass.is_none() {
            return false;
        }
        let Ok(settings) = crate::backups::Settings::load(v) else { return false };
        let last = crate::backups::last(v).ok().flatten();
        let now = chrono::Utc::now();
        let retry =
            on_quit || self.tried.is_none_or(|t| (now - t).num_minutes() >= i64::from(settings.every));
        retry && crate::backups::due(&settings, last, self.changed, now, on_quit)
    }

    /// At unlock: a consultation changed after the last backup (say one whose backup failed
    /// in an earlier session) still waits for one.
    pub(super) fn note_unbacked(&mut self, loaded: &[Action]) {
        let State::Open(v) = &self.state else { return };
        let last = crate::backups::last(v).ok().flatten();
        let newest = loaded.iter().find_map(|a| match a {
            Action::Unlocked { rows, .. } => rows.iter().map(|s| s.last_change()).max(),
            _ => None,
        });
        if newest.is_some_and(|n| last.is_none_or(|l| n > l)) {
            self.changed = true;
        }
    }

    /// After a write: remember it, and ask for a backup when one is due.
    pub(super) fn after_change(&mut self, out: &mut Vec<Action>) {
        self.changed = true;
        if self.backup_due(false) {
            out.push(Action::BackupDue);
        }
    }

    /// Whether quitting should first write a backup.
    pub fn quit_backup_due(&self) -> bool {
        self.backup_due(true)
    }

    /// Sets the folder for backups with the checks of `settings backup.dir` (a folder that
    /// exists, outside the vault) and says so; the backup itself follows as `AutoBackup`.
    /// A refusal is a sentence for the dialog, which stays open.
    pub(super) fn set_backup_dir(&mut self, dir: &std::path::Path) -> Vec<Action> {
        use crate::error::AppError;
        let State::Open(v) = &self.state else { return vec![] };
        let refused = |e: AppError| vec![Action::TransferFailed(e.message(self.lang))];
        let mut settings = match crate::backups::Settings::load(v) {
            Ok(s) => s,
            Err(e) => return refused(e.into()),
        };
        if let Err(e) = settings.set("backup.dir", &dir.to_string_lossy(), &self.dir) {
            return refused(e.into());
        }
        if let Err(e) = settings.store(v, "backup.dir") {
            return refused(crate::share::ShareError::from(e).into());
        }
        let shown = settings.dir.as_ref().map(|d| d.display().to_string()).unwrap_or_default();
        vec![Action::BackupFolderSet(shown), self.backup_state()]
    }

    /// Writes one automatic backup now.
    pub(super) fn auto_backup(&mut self) -> Vec<Action> {
        let (State::Open(v), Some(pass)) = (&self.state, &self.pass) else {
            // Locked meanwhile: the status line stops saying "bezig".
            return vec![Action::BackupFailed(String::new())];
        };
        let now = chrono::Utc::now();
        self.tried = Some(now);
        match crate::backups::auto(v, pass, self.kdf_log_n, now) {
            Ok(_) => {
                self.changed = false;
                vec![self.backup_state()]
            }
            // The status line keeps saying it; the message is short enough for one line.
            Err(crate::backups::BackupError::FolderGone(dir)) => vec![Action::BackupFailed(crate::i18n::tf(
                self.lang,
                "ui.backup.folder_gone",
                &[("dir", &dir.display().to_string())],
            ))],
            Err(e) => vec![Action::BackupFailed(crate::error::backup_message(&e, self.lang))],
        }
    }
}
