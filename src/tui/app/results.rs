//! What comes back from the effects: the vault opened, a record loaded or saved, a share
//! written, files found. Results that arrive after a lock are dropped: nothing decrypted may
//! show on a locked screen.

use super::{App, Overlay, Screen};
use crate::domain::Summary;
use crate::i18n::{t, tf};
use crate::tui::action::{Action, Effect};
use crate::tui::form::{FieldId, Form};
use crate::tui::screens::detail::Detail;
use crate::tui::step::EditAt;
use crate::tui::transfer::{ShareDialog, Transfer};

impl App {
    /// One result of an effect (every action that is not a key or a tick).
    pub(super) fn result(&mut self, a: Action) -> Vec<Effect> {
        let locked = !self.is_unlocked();
        match a {
            Action::RecordLoaded { .. }
            | Action::Saved { .. }
            | Action::SearchTexts { .. }
            | Action::ShareReady(_)
            | Action::Shared { .. }
            | Action::Imported { .. }
            | Action::ContactsLoaded { .. }
            | Action::StatsLoaded(_)
            | Action::Deleted { .. }
                if locked =>
            {
                vec![]
            }
            Action::Unlocked { rows, damaged, drafts } => self.unlocked(rows, damaged, drafts),
            Action::BackupState(s) => {
                self.backup = Some(s);
                self.backing_up = false;
                self.backup_failing = false;
                vec![]
            }
            Action::BackupDue if locked => vec![],
            Action::BackupDue => {
                // Written when the user is idle; the status line says so meanwhile.
                self.backing_up = true;
                vec![Effect::AutoBackup]
            }
            Action::StorageBusy(busy) => {
                self.storage_busy = busy;
                vec![]
            }
            Action::BackupFailed(error) => {
                self.backing_up = false;
                if !error.is_empty() {
                    // Not set up is not failing: the message says how to set it up.
                    self.backup_failing = self.backup.is_some_and(|b| b.configured);
                    self.message = Some(tf(self.lang, "ui.backup.failed", &[("error", &error)]));
                }
                vec![]
            }
            Action::UnlockFailed(m) | Action::Failed(m) => {
                self.message = Some(m);
                vec![]
            }
            Action::Notice(m) if !locked => {
                self.message = Some(match self.message.take() {
                    Some(before) => format!("{before} {m}"),
                    None => m,
                });
                vec![]
            }
            Action::Notice(_) => vec![],
            Action::SaveFailed(error) => {
                // The editor stays open with every word; only the disk did not take it.
                self.message = Some(match &mut self.screen {
                    Screen::Editor(f) => {
                        f.draft_dirty = true;
                        tf(self.lang, "ui.msg.not_saved", &[("error", &error)])
                    }
                    _ => error,
                });
                vec![]
            }
            Action::DraftSaved(name) => {
                self.draft_saved(&name);
                vec![]
            }
            Action::DraftFailed { name, message } => {
                self.draft_failed(&name, &message);
                vec![]
            }
            Action::Retention(Some(years)) if !locked => {
                let cutoff = crate::retention::cutoff(self.today, years);
                let n = crate::retention::due(&self.list.rows, cutoff);
                if n > 0 {
                    let args = [("n", n.to_string()), ("years", years.to_string()), ("date", cutoff.dutch())];
                    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    self.message = Some(tf(self.lang, "ui.msg.retention_due", &args));
                }
                vec![]
            }
            Action::Retention(_) => vec![],
            Action::StatsLoaded(counts) => {
                let view = crate::tui::stats_view::StatsView::new(*counts, &self.out_dir, self.today.0);
                self.screen = Screen::Stats(Box::new(view));
                vec![]
            }
            Action::CaseExported(path) => {
                let file = path.display().to_string();
                self.message = Some(tf(self.lang, "ui.msg.case_exported", &[("file", &file)]));
                vec![]
            }
            Action::ReportExported(path) => {
                let file = path.display().to_string();
                self.message = Some(tf(self.lang, "ui.stats.exported", &[("file", &file)]));
                vec![]
            }
            Action::ShareReady(info) => {
                let d = ShareDialog::new(*info, &self.out_dir, self.today, self.lang);
                self.overlays.push(Overlay::Transfer(Transfer::Share(Box::new(d))));
                vec![]
            }
            Action::Shared { file, reply } => {
                self.close_transfer();
                self.list.marked.clear();
                let key = if reply { "ui.msg.replied" } else { "ui.msg.shared" };
                self.message = Some(tf(self.lang, key, &[("file", &file)]));
                vec![]
            }
            Action::CardFiles(files) => {
                if let Some(Transfer::Contacts(d)) = self.transfer_mut() {
                    d.files = files;
                }
                vec![]
            }
            Action::IncomingFiles(files) => {
                if let Some(Transfer::Import(d)) = self.transfer_mut() {
                    d.files = files;
                }
                vec![]
            }
            Action::BackupFolderSet(dir) => {
                self.close_transfer();
                self.backing_up = true;
                self.message = Some(tf(self.lang, "ui.backup_dir.set", &[("dir", &dir)]));
                vec![Effect::AutoBackup]
            }
            Action::TransferFailed(m) => {
                match self.transfer_mut() {
                    Some(Transfer::Share(d)) => {
                        d.confirming = false;
                        d.error = Some(m);
                    }
                    Some(Transfer::Import(d)) => d.error = Some(m),
                    Some(Transfer::BackupFolder(d)) => d.error = Some(m),
                    Some(Transfer::Contacts(d)) => d.error = Some(m),
                    None => self.message = Some(m),
                }
                vec![]
            }
            Action::ContactsLoaded { info, note } => {
                if let Some(Transfer::Contacts(d)) = self.transfer_mut() {
                    d.loaded(info, note);
                }
                vec![]
            }
            Action::Imported { rows, received, advised, skipped } => {
                self.imported(rows, &received, &advised, skipped)
            }
            Action::RecordLoaded { record, edit: true } => {
                let r = *record;
                let received = r.received.is_some();
                let mut f = Form::from_consultation(Some(r.id), r.consultation);
                f.received = received;
                match self.edit_at.take() {
                    Some(EditAt::Advice) => f.focus_on(FieldId::Advice),
                    Some(EditAt::FirstFinding) => {
                        f.focus_first_finding();
                    }
                    // The adviser's work on a received case is the advice.
                    None if received => f.focus_on(FieldId::Advice),
                    None => {}
                }
                self.screen = Screen::Editor(Box::new(f));
                vec![]
            }
            Action::RecordLoaded { record, edit: false } => {
                self.screen = Screen::Detail(Detail { record, scroll: 0 });
                vec![]
            }
            Action::Saved { row, text } => self.saved(*row, text),
            Action::Deleted { id } => self.deleted(&id),
            Action::PassphraseChanged => self.passphrase_changed(),
            Action::PassphraseFailed { message, locked } => self.passphrase_failed(message, locked),
            Action::SearchTexts { texts, next } => {
                self.list.add_texts(texts, next.is_none());
                match next {
                    Some((ids, from)) if !locked => vec![Effect::LoadSearchTexts { ids, from }],
                    _ => vec![],
                }
            }
            // Keys and ticks are routed by `update`; they never reach here.
            Action::Cmd(_)
            | Action::Key(_)
            | Action::Paste(_)
            | Action::SearchStep
            | Action::DraftTick
            | Action::NewDay(_)
            | Action::Terminate => vec![],
        }
    }

    /// The list takes the saved row in place; the editor goes back where it was opened from
    /// (the detail, reloaded, or the list).
    fn saved(&mut self, row: Summary, text: String) -> Vec<Effect> {
        let id = row.id.clone();
        self.list.texts.insert(id.clone(), text);
        self.list.upsert(row);
        self.list.offset = self.list.window(self.page);
        let back_to_detail = matches!(&self.screen, Screen::Editor(f) if f.from_detail);
        self.screen = Screen::List;
        self.overlays.retain(|o| !matches!(o, Overlay::Dialog(_)));
        self.msg("ui.msg.saved");
        self.offer_drafts();
        if back_to_detail { vec![Effect::Load { id, edit: false }] } else { vec![] }
    }

    fn imported(
        &mut self,
        rows: Vec<Summary>,
        received: &[String],
        advised: &[String],
        skipped: usize,
    ) -> Vec<Effect> {
        self.close_transfer();
        self.list.set_rows(rows);
        let lang = self.lang;
        let n = |v: usize| v.to_string();
        if let Some(id) = received.first().or(advised.first()) {
            // Show what came in: received cases in their own view, advice on one's own case.
            if self.list.received_view != received.contains(id) {
                self.list.switch_view();
            }
            self.list.finish();
            self.list.select_id(id);
            self.list.offset = self.list.window(self.page);
            self.screen = Screen::List;
        }
        let mut parts = vec![];
        if !received.is_empty() {
            parts.push(tf(lang, "ui.msg.imported_bundle", &[("n", &n(received.len()))]));
        }
        if !advised.is_empty() {
            parts.push(tf(lang, "ui.msg.imported_reply", &[("n", &n(advised.len()))]));
        }
        if parts.is_empty() {
            parts.push(t(lang, "err.nothing_new").to_string());
        } else if skipped > 0 {
            parts.push(tf(lang, "ui.msg.import_skipped", &[("n", &n(skipped))]));
        }
        self.message = Some(parts.join(" "));
        let ids: Vec<String> = received.iter().chain(advised).cloned().collect();
        if ids.is_empty() { vec![] } else { vec![Effect::LoadSearchTexts { ids, from: 0 }] }
    }
}
