//! The address book in the program: this vault's own card and fingerprint, the contacts with
//! whether each is verified, adding a contact from a card file, removing one after asking.
//! The work runs in `effects.rs` through `share::ops`, as on the command line.

use super::action::{Action, Cmd, Effect};
use super::paths::{expand_home, next_pick};
use super::step::Step;
use crate::i18n::{Lang, t};
use ratatui_textarea::{CursorMove, TextArea};
use std::path::Path;

pub use super::action::{ContactRow, ContactsInfo};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Browse,
    /// Typing the card file and the contact's name.
    Add {
        name_focused: bool,
    },
    /// Asking before removing the selected contact.
    ConfirmRemove,
    /// Typing the selected contact's new name (in `name`).
    Rename,
}

pub struct ContactsDialog {
    pub info: Option<ContactsInfo>,
    pub cursor: usize,
    pub stage: Stage,
    pub path: TextArea<'static>,
    pub name: TextArea<'static>,
    pub error: Option<String>,
    /// What the last change did.
    pub note: Option<String>,
    /// Card files found in the usual folders, newest first: ↑/↓ picks one.
    pub files: Vec<std::path::PathBuf>,
    pub pick: Option<usize>,
}

fn line(text: &str) -> TextArea<'static> {
    let mut a = TextArea::new(vec![text.to_string()]);
    a.move_cursor(CursorMove::End);
    a
}

fn text(a: &TextArea<'_>) -> String {
    a.lines().join("").trim().to_string()
}

impl ContactsDialog {
    pub fn new(in_dir: &Path) -> ContactsDialog {
        let mut start = in_dir.display().to_string();
        if !start.ends_with('/') {
            start.push('/');
        }
        ContactsDialog {
            info: None,
            cursor: 0,
            stage: Stage::Browse,
            path: line(&start),
            name: line(""),
            error: None,
            note: None,
            files: Vec::new(),
            pick: None,
        }
    }

    /// New contents from the vault; back to browsing.
    pub fn loaded(&mut self, info: ContactsInfo, note: Option<String>) {
        self.cursor = self.cursor.min(info.contacts.len().saturating_sub(1));
        self.info = Some(info);
        self.stage = Stage::Browse;
        self.name = line("");
        self.error = None;
        self.note = note;
    }

    fn selected(&self) -> Option<&ContactRow> {
        self.info.as_ref()?.contacts.get(self.cursor)
    }

    pub fn update(&mut self, a: Action, lang: Lang, home: Option<&Path>) -> Step {
        match (self.stage, a) {
            (Stage::Browse, Action::Cmd(Cmd::Back)) => return Step::Close,
            (Stage::Browse, Action::Cmd(Cmd::Up)) => self.cursor = self.cursor.saturating_sub(1),
            (Stage::Browse, Action::Cmd(Cmd::Down)) => {
                let n = self.info.as_ref().map_or(0, |i| i.contacts.len());
                self.cursor = (self.cursor + 1).min(n.saturating_sub(1));
            }
            (Stage::Browse, Action::Cmd(Cmd::New)) => {
                self.stage = Stage::Add { name_focused: false };
                self.note = None;
            }
            (Stage::Browse, Action::Cmd(Cmd::Delete)) if self.selected().is_some() => {
                self.stage = Stage::ConfirmRemove;
                self.note = None;
            }
            (Stage::ConfirmRemove, Action::Cmd(Cmd::Submit)) => {
                self.stage = Stage::Browse;
                if let Some(c) = self.selected() {
                    return Step::run(Effect::RemoveContact { name: c.name.clone() });
                }
            }
            (Stage::ConfirmRemove, Action::Cmd(Cmd::Back)) => self.stage = Stage::Browse,
            (Stage::Browse, Action::Cmd(Cmd::Edit)) => {
                if let Some(c) = self.selected() {
                    self.name = line(&c.name);
                    self.stage = Stage::Rename;
                    self.note = None;
                }
            }
            (Stage::Rename, Action::Cmd(Cmd::Back)) => {
                self.stage = Stage::Browse;
                self.name = line("");
                self.error = None;
            }
            (Stage::Rename, Action::Cmd(Cmd::Submit)) => {
                let to = text(&self.name);
                if let Some(from) = self.selected().map(|c| c.name.clone()) {
                    if to.is_empty() || to == from {
                        self.stage = Stage::Browse;
                    } else {
                        return Step::run(Effect::RenameContact { from, to });
                    }
                }
            }
            (Stage::Rename, Action::Key(k)) => {
                self.name.input(k);
                self.error = None;
            }
            (Stage::Add { name_focused: false }, Action::Cmd(c @ (Cmd::Up | Cmd::Down)))
                if let Some(next) = next_pick(self.pick, self.files.len(), c == Cmd::Down) =>
            {
                self.pick = Some(next);
                if let Some(f) = self.files.get(next) {
                    self.path = line(&f.display().to_string());
                }
                self.error = None;
            }
            (Stage::Add { .. }, Action::Cmd(Cmd::Back)) => {
                self.stage = Stage::Browse;
                self.error = None;
            }
            (Stage::Add { name_focused }, Action::Cmd(Cmd::NextField | Cmd::PrevField)) => {
                self.stage = Stage::Add { name_focused: !name_focused };
            }
            (Stage::Add { .. }, Action::Cmd(Cmd::Submit)) => {
                let (path, name) = (text(&self.path), text(&self.name));
                if path.is_empty() || path.ends_with('/') {
                    self.error = Some(t(lang, "ui.contacts.need_file").to_string());
                } else if name.is_empty() {
                    self.error = Some(t(lang, "ui.contacts.need_name").to_string());
                    self.stage = Stage::Add { name_focused: true };
                } else {
                    return Step::run(Effect::AddContact { name, path: expand_home(&path, home) });
                }
            }
            (Stage::Add { name_focused }, Action::Key(k)) => {
                if name_focused {
                    self.name.input(k);
                } else {
                    self.path.input(k);
                    self.pick = None;
                }
                self.error = None;
            }
            (Stage::Add { name_focused }, Action::Paste(p)) => {
                let first = p.lines().next().unwrap_or("").to_string();
                if name_focused {
                    self.name.insert_str(first)
                } else {
                    self.path.insert_str(first)
                };
            }
            _ => {}
        }
        Step::Stay
    }
}
