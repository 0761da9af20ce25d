//! The UI state and its one transition function. No I/O: `update` returns effects as data.
//!
//! The app routes: a key goes to the top overlay (help, a dialog, the share/import/contacts
//! dialogs) or else to the screen, whose `update` answers with a `Step` that the app applies.
//! Results of effects (loaded, saved, imported ...) are handled in `app::results`; locking,
//! unlocking and drafts in `app::session`.

mod context;
mod manage;
mod results;
mod session;

use super::action::{Action, Cmd, Effect};
use super::form::Form;
use super::list_state::ListModel;
use super::screens::detail::Detail;
use super::screens::welcome::Secrets;
use super::step::{EditAt, Step};
use super::transfer::{ImportDialog, Transfer};
use crate::domain::Date;
use crate::i18n::{Lang, t};
use crossterm::event::KeyEvent;
use std::path::PathBuf;

pub use super::step::Dialog;

pub enum Screen {
    Welcome(Secrets),
    Unlock(Secrets),
    List,
    Detail(Detail),
    Editor(Box<Form>),
    Stats(Box<super::stats_view::StatsView>),
}

/// What lies over the screen, topmost last.
pub enum Overlay {
    /// The share, import or contacts dialog.
    Transfer(Transfer),
    /// A question (unsaved changes, draft).
    Dialog(Dialog),
    /// Exporting the case for the client's file: format, preview, confirmation.
    Export(Box<super::screens::export::ExportPreview>),
    /// Deleting a consultation or changing the passphrase (`tui::manage`).
    Manage(super::manage::Manage),
    /// The key overview.
    Help,
}

pub struct App {
    pub lang: Lang,
    pub today: Date,
    pub demo: bool,
    pub screen: Screen,
    /// Overlays over the screen; keys go to the last one.
    pub overlays: Vec<Overlay>,
    pub message: Option<String>,
    pub list: ListModel,
    /// Visible list rows, known from the terminal size.
    pub page: usize,
    /// The terminal's width, for layouts that wrap.
    pub width: u16,
    /// Where shared files go and where the import dialog starts looking.
    pub out_dir: PathBuf,
    /// The user's home, for `~/` in typed paths.
    pub home: Option<PathBuf>,
    /// More folders where files to import usually land (Downloads).
    pub in_dirs: Vec<PathBuf>,
    session: session::Session,
    /// Where the next editor opens, when the share dialog sent the user there.
    edit_at: Option<EditAt>,
    /// When the last backup was made, for the list's status line.
    pub backup: Option<crate::backups::BackupState>,
    /// An automatic backup is being written.
    pub backing_up: bool,
    /// The last automatic backup failed (shown on the status line until one succeeds).
    pub backup_failing: bool,
    /// The page of the help overlay shown.
    pub help_page: usize,
    /// A write has not come back from the disk yet: said on the message line, and another
    /// save waits.
    pub storage_busy: bool,
}

impl App {
    /// `exists`: whether the vault is already there (unlock) or must be created (welcome).
    pub fn new(lang: Lang, today: Date, exists: bool) -> App {
        App {
            lang,
            today,
            demo: false,
            screen: if exists {
                Screen::Unlock(Secrets::default())
            } else {
                Screen::Welcome(Secrets::default())
            },
            overlays: Vec::new(),
            message: None,
            list: ListModel::default(),
            page: 20,
            width: 100,
            out_dir: PathBuf::from("."),
            home: None,
            in_dirs: Vec::new(),
            session: session::Session::default(),
            edit_at: None,
            backup: None,
            backing_up: false,
            backup_failing: false,
            help_page: 0,
            storage_busy: false,
        }
    }

    /// The open dialog, if a dialog is the top overlay.
    pub fn dialog(&self) -> Option<Dialog> {
        match self.overlays.last() {
            Some(Overlay::Dialog(d)) => Some(*d),
            _ => None,
        }
    }

    /// The share, import or contacts dialog, wherever it is in the stack.
    pub fn transfer(&self) -> Option<&Transfer> {
        self.overlays.iter().rev().find_map(|o| if let Overlay::Transfer(t) = o { Some(t) } else { None })
    }

    fn transfer_mut(&mut self) -> Option<&mut Transfer> {
        self.overlays.iter_mut().rev().find_map(|o| if let Overlay::Transfer(t) = o { Some(t) } else { None })
    }

    fn close_transfer(&mut self) {
        self.overlays.retain(|o| !matches!(o, Overlay::Transfer(_)));
    }

    /// Lines of the body between header and message line (the list's page has a header row
    /// and filter lines more).
    fn body_height(&self) -> usize {
        self.page + 3
    }

    pub fn is_unlocked(&self) -> bool {
        !matches!(self.screen, Screen::Welcome(_) | Screen::Unlock(_))
    }

    pub fn editor_dirty(&self) -> bool {
        matches!(&self.screen, Screen::Editor(f) if f.dirty)
    }

    fn msg(&mut self, key: &str) {
        self.message = Some(t(self.lang, key).to_string());
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Cmd(Cmd::Lock) if self.is_unlocked() => self.lock(),
            Action::Cmd(Cmd::Interrupt) => match &self.screen {
                // Unsaved text: ask first; a second Ctrl+C leaves, keeping it as the draft.
                Screen::Editor(f) if f.dirty && self.dialog().is_none() => {
                    self.overlays.push(Overlay::Dialog(Dialog::Unsaved));
                    self.msg("ui.msg.ctrl_c_again");
                    vec![]
                }
                _ => self.update(Action::Terminate),
            },
            Action::Cmd(Cmd::BackupNow)
                if matches!(self.screen, Screen::List) && self.overlays.is_empty() =>
            {
                // No folder yet: ask for one here rather than send the user to the command line.
                if self.backup.as_ref().is_some_and(|b| !b.configured) {
                    self.overlays.push(Overlay::Transfer(Transfer::BackupFolder(Box::default())));
                    return vec![];
                }
                self.backing_up = true;
                vec![Effect::AutoBackup]
            }
            // One write at a time: the one under way has not come back from the disk yet.
            Action::Cmd(Cmd::Save) if self.storage_busy => {
                self.msg("ui.msg.storage_wait");
                vec![]
            }
            Action::Cmd(Cmd::Help) if self.is_unlocked() => {
                self.overlays.push(Overlay::Help);
                self.help_page = 0;
                vec![]
            }
            // The help is as long as the key table: it pages when the terminal is too small.
            Action::Cmd(Cmd::Down | Cmd::PageDown) if self.help() => {
                self.help_page += 1;
                vec![]
            }
            Action::Cmd(Cmd::Up | Cmd::PageUp) if self.help() => {
                self.help_page = self.help_page.saturating_sub(1);
                vec![]
            }
            Action::Cmd(Cmd::Back) if self.help() => {
                self.overlays.pop();
                vec![]
            }
            _ if self.help() => vec![],
            Action::Cmd(_) | Action::Key(_) | Action::Paste(_)
                if self.message.is_some() && self.is_unlocked() =>
            {
                // A message is read once; the next key clears it.
                self.message = None;
                self.update(action)
            }
            Action::Terminate => self.terminate(),
            Action::NewDay(today) => {
                self.today = today;
                vec![]
            }
            Action::DraftTick => self.draft_tick(),
            Action::SearchStep => {
                self.list.step(super::list_state::SLICE);
                vec![]
            }
            a @ (Action::Cmd(_) | Action::Key(_) | Action::Paste(_)) => self.route(a),
            result => self.result(result),
        }
    }

    /// A key (or paste) for the top overlay, else the screen.
    fn route(&mut self, a: Action) -> Vec<Effect> {
        let (lang, page, today, width, body) =
            (self.lang, self.page, self.today, self.width, self.body_height());
        let home = self.home.clone();
        let step = match self.overlays.last_mut() {
            Some(Overlay::Dialog(d)) => super::screens::dialog::update(*d, a),
            Some(Overlay::Transfer(Transfer::Share(d))) => d.update(a, lang, home.as_deref()),
            Some(Overlay::Transfer(Transfer::Import(d))) => d.update(a, lang, home.as_deref()),
            Some(Overlay::Transfer(Transfer::BackupFolder(d))) => d.update(a, lang, home.as_deref()),
            Some(Overlay::Transfer(Transfer::Contacts(d))) => d.update(a, lang, home.as_deref()),
            Some(Overlay::Export(p)) => {
                let area = ratatui::layout::Rect::new(0, 0, width, u16::try_from(body).unwrap_or(u16::MAX));
                p.update(a, lang, today, area)
            }
            Some(Overlay::Manage(super::manage::Manage::Delete(d))) => {
                super::screens::manage::update_delete(d, a)
            }
            Some(Overlay::Manage(super::manage::Manage::Passphrase(d))) => {
                super::screens::manage::update_passphrase(d, a, lang)
            }
            Some(Overlay::Help) => Step::Stay,
            None => match &mut self.screen {
                Screen::Welcome(s) => super::screens::welcome::update(s, true, a, lang),
                Screen::Unlock(s) => super::screens::welcome::update(s, false, a, lang),
                Screen::List => super::screens::list::update(&mut self.list, a, page, today),
                Screen::Detail(d) => super::screens::detail::update(d, a, lang, (body, width), today),
                Screen::Editor(f) => super::screens::editor::update(f, a, lang, today),
                Screen::Stats(v) => match a {
                    Action::Cmd(Cmd::Back) => Step::ToList,
                    Action::Cmd(cmd) => Step::Run(v.update(cmd)),
                    _ => Step::Stay,
                },
            },
        };
        self.apply(step)
    }

    /// Carries out what a screen or dialog asked for.
    fn apply(&mut self, step: Step) -> Vec<Effect> {
        match step {
            Step::Stay => vec![],
            Step::Run(fx) => fx,
            Step::Many(steps) => steps.into_iter().flat_map(|s| self.apply(s)).collect(),
            Step::Edit(f) => {
                self.message = None;
                self.screen = Screen::Editor(f);
                vec![]
            }
            Step::ToList => {
                self.screen = Screen::List;
                vec![]
            }
            Step::Ask(d) => {
                self.overlays.push(Overlay::Dialog(d));
                vec![]
            }
            Step::Manage(m) => {
                self.overlays.push(Overlay::Manage(m));
                vec![]
            }
            Step::Close => {
                self.overlays.pop();
                vec![]
            }
            Step::Say(m) => {
                self.message = Some(m);
                vec![]
            }
            Step::EditAt(id, at) => {
                self.close_transfer();
                self.edit_at = Some(at);
                vec![Effect::Load { id, edit: true }]
            }
            Step::ExportCase(record) => {
                let p = super::screens::export::ExportPreview::new(record, &self.out_dir);
                self.overlays.push(Overlay::Export(Box::new(p)));
                vec![]
            }
            Step::Import => {
                self.overlays
                    .push(Overlay::Transfer(Transfer::Import(Box::new(ImportDialog::new(&self.out_dir)))));
                let mut dirs = vec![self.out_dir.clone()];
                dirs.extend(self.in_dirs.iter().filter(|d| **d != self.out_dir).cloned());
                vec![Effect::ListIncoming { dirs }]
            }
            Step::Contacts => {
                let dir = self.in_dirs.first().unwrap_or(&self.out_dir).clone();
                let d = super::contacts::ContactsDialog::new(&dir);
                self.overlays.push(Overlay::Transfer(Transfer::Contacts(Box::new(d))));
                let mut dirs = self.in_dirs.clone();
                if !dirs.contains(&self.out_dir) {
                    dirs.push(self.out_dir.clone());
                }
                vec![Effect::LoadContacts, Effect::ListCards { dirs }]
            }
            // Both come from the unsaved-changes dialog, which only the editor opens.
            Step::Save | Step::SaveAnyway => {
                let anyway = matches!(step, Step::SaveAnyway);
                let Screen::Editor(f) = &mut self.screen else { return vec![] };
                let step = if anyway {
                    super::screens::editor::save_anyway(f, self.lang)
                } else {
                    super::screens::editor::save(f, self.lang, self.today)
                };
                self.apply(step)
            }
            Step::LeaveEditor => {
                let Screen::Editor(f) = &self.screen else { return vec![] };
                let step = super::screens::editor::leave(f);
                let fx = self.apply(step);
                self.offer_drafts();
                fx
            }
            Step::RestoreDraft => self.restore_draft(None),
            Step::ForgetDraft { discard } => self.forget_draft(discard),
            Step::DiscardDraft => match &self.screen {
                Screen::Editor(f) => vec![Effect::ClearDraft(f.draft_name.clone())],
                _ => vec![],
            },
            // Leaving the way Ctrl+C does: nothing only in memory is dropped without asking.
            Step::Quit => self.terminate(),
        }
    }

    /// For tests: a key through the keymap, then `update`, then `settle` (the event loop
    /// settles once per batch of keys instead).
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let a = super::keymap::resolve(self.context(), key);
        let fx = self.update(a);
        self.settle();
        fx
    }

    /// What is put off while keys come in, done before the next frame: the editor's
    /// check for personal data in the text typed since.
    pub fn settle(&mut self) {
        if let Screen::Editor(f) = &mut self.screen {
            f.settle();
        }
    }
}
