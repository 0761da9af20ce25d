//! What a screen's or dialog's `update` asks of the app: the one vocabulary every screen
//! speaks, so the app routes and applies changes without knowing any screen's insides.

use super::action::Effect;
use super::form::Form;

/// Where the editor opens when a dialog sends the user there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditAt {
    FirstFinding,
    Advice,
}

/// A small question over the screen, answered with a key from the hint bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// Leave the editor with unsaved changes?
    Unsaved,
    /// A draft from an earlier session: restore it?
    Draft,
    /// Save a new consultation with nothing filled in?
    EmptySave,
    /// Quitting would lose text that could not be kept as a draft: quit anyway?
    QuitLoses,
    /// Save a consultation dated in the future? (Asked once per date.)
    FutureDate,
}

/// What follows from one action in a screen or dialog.
pub enum Step {
    /// Nothing beyond the screen's own state changed.
    Stay,
    /// Ask the outside world for these (load, save, share ...).
    Run(Vec<Effect>),
    /// Open the editor on this form.
    Edit(Box<Form>),
    /// Back to the list.
    ToList,
    /// Open a dialog over the screen.
    Ask(Dialog),
    /// Open the delete or passphrase dialog over the screen.
    Manage(super::manage::Manage),
    /// Close the dialog or overlay that produced this step.
    Close,
    /// Say something on the message line.
    Say(String),
    /// Load this consultation into the editor, at the field that needs work.
    EditAt(String, EditAt),
    /// Open the import dialog.
    Import,
    /// Offer this consultation for export to the client's file: format, preview, file name.
    ExportCase(Box<crate::domain::Record>),
    /// Open the address book.
    Contacts,
    /// Save the open editor (after "save" in the unsaved-changes dialog).
    Save,
    /// Save it even though nothing is filled in (the worker said so).
    SaveAnyway,
    /// Leave the editor without saving, for where it was opened from.
    LeaveEditor,
    /// Open the draft offered after unlocking in the editor.
    RestoreDraft,
    /// Stop offering the draft in this session (it stays in the vault unless cleared).
    ForgetDraft {
        /// Remove the first draft offered from the vault (then offer the next); else set
        /// all aside for this session.
        discard: bool,
    },
    /// Remove the open editor's draft from the vault (its changes are discarded).
    DiscardDraft,
    /// Leave the program.
    Quit,
    /// Several of the above, in order.
    Many(Vec<Step>),
}

impl Step {
    /// One effect to run.
    pub fn run(e: Effect) -> Step {
        Step::Run(vec![e])
    }
}
