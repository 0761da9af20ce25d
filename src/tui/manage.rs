//! Looking after the vault from the program: deleting a consultation (after a question that
//! names it) and changing the passphrase. The work runs in `effects.rs` with the same store
//! calls as `consultlog delete` and `consultlog passwd`; these are the dialogs' states (their
//! keys and drawing are in `screens::manage`).

use crate::domain::Date;
use ratatui_textarea::TextArea;

/// "Delete this consultation?", naming it by date and kenmerk.
pub struct DeleteDialog {
    pub id: String,
    pub date: Date,
    pub label: String,
}

/// Which field of the passphrase dialog has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassField {
    Old,
    New,
    Repeat,
}

/// The current passphrase, the new one twice; `busy` while the keys are derived.
pub struct PassphraseDialog {
    pub old: TextArea<'static>,
    pub new: TextArea<'static>,
    pub repeat: TextArea<'static>,
    pub focus: PassField,
    pub error: Option<String>,
    pub busy: bool,
}

pub enum Manage {
    Delete(DeleteDialog),
    Passphrase(Box<PassphraseDialog>),
}

/// A masked one-line field: what is typed never shows.
pub fn masked() -> TextArea<'static> {
    let mut a = TextArea::default();
    a.set_mask_char('•');
    a
}

pub fn text(a: &TextArea<'_>) -> String {
    a.lines().join("")
}

impl Default for PassphraseDialog {
    fn default() -> Self {
        PassphraseDialog {
            old: masked(),
            new: masked(),
            repeat: masked(),
            focus: PassField::Old,
            error: None,
            busy: false,
        }
    }
}

impl DeleteDialog {
    /// The consultation as the question names it: its date, and its kenmerk when it has one.
    pub fn name(&self) -> String {
        if self.label.is_empty() {
            self.date.dutch()
        } else {
            format!("{} «{}»", self.date.dutch(), self.label)
        }
    }
}

impl PassphraseDialog {
    pub fn focused(&mut self) -> &mut TextArea<'static> {
        match self.focus {
            PassField::Old => &mut self.old,
            PassField::New => &mut self.new,
            PassField::Repeat => &mut self.repeat,
        }
    }

    /// Characters typed as the new passphrase, for the strength hint.
    pub fn new_len(&self) -> usize {
        text(&self.new).chars().count()
    }

    /// Empties every field: nothing typed stays in the dialog after an attempt.
    pub fn clear(&mut self) {
        self.old = masked();
        self.new = masked();
        self.repeat = masked();
        self.focus = PassField::Old;
    }
}
