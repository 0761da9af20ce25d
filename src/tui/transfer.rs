//! The share and import dialogs: their state and how keys change it. The work itself (the
//! personal-data check, encryption, the audit entry) runs in `effects.rs` through
//! `share::ops`, the same code the command line uses, so the dialog cannot share what the
//! command line would refuse.

use super::action::{Action, Cmd, Effect};
use crate::domain::Date;
use crate::i18n::{Lang, t};
pub use crate::share::prepare::{FoundItem, Mode, ShareInfo};
use ratatui_textarea::{CursorMove, TextArea};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub keys: usize,
    pub chosen: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Recipients,
    Path,
    Format,
}

pub struct ShareDialog {
    pub info: ShareInfo,
    pub choices: Vec<Choice>,
    pub cursor: usize,
    pub path: TextArea<'static>,
    /// ASCII armour: a text file that survives being pasted into an e-mail.
    pub armor: bool,
    pub focus: Focus,
    /// The last step: everything chosen, waiting for Enter.
    pub confirming: bool,
    /// First preview line shown in the last step (↑/↓ scroll through what leaves).
    pub preview_offset: usize,
    /// Why the last attempt did not go through, in the user's language.
    pub error: Option<String>,
}

pub struct ImportDialog {
    pub path: TextArea<'static>,
    pub error: Option<String>,
    /// `.age` files found in the usual folders, newest first: ↑/↓ picks one.
    pub files: Vec<PathBuf>,
    pub pick: Option<usize>,
}

/// Choosing the folder for backups, when `b` is pressed before one is set.
pub struct FolderDialog {
    pub path: TextArea<'static>,
    pub error: Option<String>,
}

pub enum Transfer {
    Share(Box<ShareDialog>),
    Import(Box<ImportDialog>),
    BackupFolder(Box<FolderDialog>),
    Contacts(Box<super::contacts::ContactsDialog>),
}

pub use super::paths::{expand_home, next_pick};
pub use super::step::{EditAt, Step};

fn line_field(text: &str) -> TextArea<'static> {
    let mut a = TextArea::new(vec![text.to_string()]);
    a.move_cursor(CursorMove::End);
    a
}

fn text_of(a: &TextArea<'_>) -> String {
    a.lines().join("").trim().to_string()
}

impl ShareDialog {
    /// `out_dir`: where the file goes unless the user types another path.
    pub fn new(info: ShareInfo, out_dir: &Path, today: Date, lang: Lang) -> ShareDialog {
        // A reply goes to its sender only: there is nothing to choose.
        let choices: Vec<Choice> = match info.mode {
            Mode::Share => info
                .contacts
                .iter()
                .map(|(name, keys)| Choice {
                    name: name.clone(),
                    keys: *keys,
                    chosen: info.contacts.len() == 1,
                })
                .collect(),
            Mode::Reply { .. } => Vec::new(),
        };
        let prefix = match info.mode {
            Mode::Share => t(lang, "ui.share.file_case"),
            Mode::Reply { .. } => t(lang, "ui.share.file_advice"),
        };
        let short: String = match info.ids.len() {
            0 | 1 => info.id.chars().take(8).collect(),
            n => format!("{n}x"),
        };
        let file = out_dir.join(format!("{prefix}-{}-{short}.age", today.0.format("%Y-%m-%d")));
        let focus = match info.mode {
            Mode::Share if !choices.is_empty() => Focus::Recipients,
            _ => Focus::Path,
        };
        let mut d = ShareDialog {
            info,
            choices,
            cursor: 0,
            path: line_field(&file.display().to_string()),
            armor: false,
            focus,
            confirming: false,
            preview_offset: 0,
            error: None,
        };
        if d.blocked().is_some() {
            // Nothing to fill in: keys are commands (e to edit), not typing into the path.
            d.focus = Focus::Recipients;
        }
        d
    }

    /// Why this cannot be sent at all, whatever the user picks here (an i18n key).
    pub fn blocked(&self) -> Option<&'static str> {
        if !self.info.findings.is_empty() {
            return Some("ui.share.blocked_findings");
        }
        match self.info.mode {
            Mode::Reply { .. } if !self.info.has_advice => Some("ui.share.blocked_no_advice"),
            Mode::Share if self.choices.is_empty() => Some("ui.share.blocked_no_contacts"),
            _ => None,
        }
    }

    fn focus_order(&self) -> &'static [Focus] {
        match self.info.mode {
            Mode::Share => &[Focus::Recipients, Focus::Path, Focus::Format],
            Mode::Reply { .. } => &[Focus::Path, Focus::Format],
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let order = self.focus_order();
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus =
            order.get(if forward { (i + 1) % n } else { (i + n - 1) % n }).copied().unwrap_or(Focus::Path);
    }

    pub fn chosen(&self) -> Vec<String> {
        self.choices.iter().filter(|c| c.chosen).map(|c| c.name.clone()).collect()
    }

    pub fn path_text(&self) -> String {
        text_of(&self.path)
    }

    /// Checks what the dialog can check itself, then asks for confirmation.
    fn submit(&mut self, lang: Lang) {
        let problem = if let Some(key) = self.blocked() {
            Some(key)
        } else if self.info.mode == Mode::Share && self.chosen().is_empty() {
            Some("ui.share.choose_recipient")
        } else if self.path_text().is_empty() {
            Some("ui.share.need_path")
        } else {
            None
        };
        self.error = problem.map(|k| t(lang, k).to_string());
        self.confirming = problem.is_none();
    }

    fn effect(&self, home: Option<&Path>) -> Effect {
        let out = expand_home(&self.path_text(), home);
        match self.info.mode {
            Mode::Share => {
                Effect::Share { ids: self.info.ids.clone(), to: self.chosen(), out, armor: self.armor }
            }
            Mode::Reply { .. } => Effect::Reply { id: self.info.id.clone(), out, armor: self.armor },
        }
    }

    pub fn update(&mut self, a: Action, lang: Lang, home: Option<&Path>) -> Step {
        if self.confirming {
            return match a {
                Action::Cmd(Cmd::Submit) => Step::run(self.effect(home)),
                Action::Cmd(Cmd::Back) => {
                    self.confirming = false;
                    Step::Stay
                }
                Action::Cmd(Cmd::Up) => {
                    self.preview_offset = self.preview_offset.saturating_sub(1);
                    Step::Stay
                }
                Action::Cmd(Cmd::Down) => {
                    self.preview_offset =
                        (self.preview_offset + 1).min(self.info.preview.len().saturating_sub(1));
                    Step::Stay
                }
                _ => Step::Stay,
            };
        }
        match a {
            Action::Cmd(Cmd::Back) => return Step::Close,
            Action::Cmd(Cmd::Edit) if self.focus != Focus::Path => {
                let at = if self.info.findings.is_empty() && matches!(self.info.mode, Mode::Reply { .. }) {
                    EditAt::Advice
                } else {
                    EditAt::FirstFinding
                };
                return Step::EditAt(self.info.id.clone(), at);
            }
            Action::Cmd(Cmd::Submit) => self.submit(lang),
            Action::Cmd(Cmd::NextField) => self.move_focus(true),
            Action::Cmd(Cmd::PrevField) => self.move_focus(false),
            Action::Cmd(Cmd::Up) if self.focus == Focus::Recipients => {
                self.cursor = self.cursor.saturating_sub(1);
            }
            Action::Cmd(Cmd::Down) if self.focus == Focus::Recipients => {
                self.cursor = (self.cursor + 1).min(self.choices.len().saturating_sub(1));
            }
            Action::Cmd(Cmd::Toggle) => match self.focus {
                Focus::Recipients => {
                    if let Some(c) = self.choices.get_mut(self.cursor) {
                        c.chosen = !c.chosen;
                        self.error = None;
                    }
                }
                Focus::Format => self.armor = !self.armor,
                Focus::Path => {}
            },
            Action::Key(k) if self.focus == Focus::Path => {
                self.path.input(k);
                self.error = None;
            }
            Action::Paste(p) if self.focus == Focus::Path => {
                self.path.insert_str(p.lines().next().unwrap_or(""));
            }
            _ => {}
        }
        Step::Stay
    }
}

impl ImportDialog {
    pub fn new(out_dir: &Path) -> ImportDialog {
        let mut start = out_dir.display().to_string();
        if !start.ends_with('/') {
            start.push('/');
        }
        ImportDialog { path: line_field(&start), error: None, files: Vec::new(), pick: None }
    }

    /// Moves through the files found, filling in the path.
    fn move_pick(&mut self, down: bool) {
        let Some(next) = next_pick(self.pick, self.files.len(), down) else { return };
        self.pick = Some(next);
        if let Some(f) = self.files.get(next) {
            self.path = line_field(&f.display().to_string());
        }
        self.error = None;
    }

    pub fn update(&mut self, a: Action, lang: Lang, home: Option<&Path>) -> Step {
        match a {
            Action::Cmd(Cmd::Back) => Step::Close,
            Action::Cmd(c @ (Cmd::Up | Cmd::Down)) => {
                self.move_pick(c == Cmd::Down);
                Step::Stay
            }
            Action::Cmd(Cmd::Submit) => {
                let typed = text_of(&self.path);
                if typed.is_empty() || typed.ends_with('/') {
                    self.error = Some(t(lang, "ui.import.need_file").to_string());
                    return Step::Stay;
                }
                Step::run(Effect::Import { path: expand_home(&typed, home) })
            }
            // A tab in a file name is never meant: it would only insert spaces.
            Action::Key(k)
                if matches!(k.code, crossterm::event::KeyCode::Tab | crossterm::event::KeyCode::BackTab) =>
            {
                Step::Stay
            }
            Action::Key(k) => {
                self.path.input(k);
                self.error = None;
                self.pick = None;
                Step::Stay
            }
            Action::Paste(p) => {
                self.path.insert_str(p.lines().next().unwrap_or(""));
                Step::Stay
            }
            _ => Step::Stay,
        }
    }
}

impl FolderDialog {
    pub fn new() -> FolderDialog {
        FolderDialog { path: line_field(""), error: None }
    }

    pub fn update(&mut self, a: Action, lang: Lang, home: Option<&Path>) -> Step {
        match a {
            Action::Cmd(Cmd::Back) => Step::Close,
            Action::Cmd(Cmd::Submit) => {
                let typed = text_of(&self.path);
                if typed.is_empty() {
                    self.error = Some(t(lang, "ui.backup_dir.need_folder").to_string());
                    return Step::Stay;
                }
                Step::run(Effect::SetBackupDir { dir: expand_home(&typed, home) })
            }
            Action::Key(k)
                if matches!(k.code, crossterm::event::KeyCode::Tab | crossterm::event::KeyCode::BackTab) =>
            {
                Step::Stay
            }
            Action::Key(k) => {
                self.path.input(k);
                self.error = None;
                Step::Stay
            }
            Action::Paste(p) => {
                self.path.insert_str(p.lines().next().unwrap_or(""));
                Step::Stay
            }
            _ => Step::Stay,
        }
    }
}

impl Default for FolderDialog {
    fn default() -> Self {
        FolderDialog::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_is_expanded_only_at_the_start() {
        let home = Path::new("/home/werker");
        assert_eq!(expand_home("~/casus.age", Some(home)), home.join("casus.age"));
        assert_eq!(expand_home("~", Some(home)), home);
        assert_eq!(expand_home("map/~/x", Some(home)), PathBuf::from("map/~/x"));
        assert_eq!(expand_home("~/x", None), PathBuf::from("~/x"));
    }
}
