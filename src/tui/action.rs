//! What can happen to the UI (actions) and what the UI asks the outside world to do (effects).
//! Both are plain data, so `App::update` stays free of I/O and easy to test.

use crate::domain::{Consultation, Record, Summary};
use age::secrecy::SecretString;
use crossterm::event::KeyEvent;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// A named command, as the keymap produces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    New,
    Open,
    Edit,
    Search,
    Help,
    Save,
    Back,
    NextField,
    PrevField,
    Lock,
    Up,
    Down,
    PageUp,
    PageDown,
    /// To the first line or row.
    Top,
    /// To the last line or row.
    Bottom,
    Submit,
    FilterForm,
    FilterStatus,
    FilterUrgency,
    DraftRestore,
    DraftDiscard,
    DiscardChanges,
    /// Quit although text that is only in memory is lost.
    QuitAnyway,
    /// Make an automatic backup now (into the settings' folder).
    BackupNow,
    /// Replace the focused field's first possible personal data with a placeholder.
    ReplaceFinding,
    /// Mark it as not personal data.
    NotPersonal,
    /// Open the statistics screen.
    Stats,
    /// Switch the list between own and received consultations.
    SwitchView,
    /// Open the share dialog (a reply, for a received consultation).
    Share,
    /// Open the import dialog.
    Import,
    /// Turn the focused choice on or off.
    Toggle,
    /// Open the address book.
    Contacts,
    /// Remove the selected item (asks first).
    Delete,
    /// Ctrl+C: leave the program (asking first when the editor holds unsaved text).
    Interrupt,
    /// Statistics: switch the period between quarter and year.
    StatsPeriod,
    /// Statistics: switch the form panel between primary form and every form involved.
    StatsForms,
    /// Statistics: write the report.
    Export,
    /// The list: the next order (date, urgency, departure, next action).
    Sort,
    /// Open the dialog that changes the passphrase.
    Passphrase,
    /// Editor: a new follow-up row.
    AddRow,
    /// Editor: remove the follow-up row with the cursor.
    RemoveRow,
    /// Editor: the follow-up with the cursor done or not.
    ToggleDone,
}

#[derive(Debug)]
pub enum Action {
    Cmd(Cmd),
    /// A key no binding claimed: goes to the focused field.
    Key(KeyEvent),
    Paste(String),
    /// Continue a search that did not finish within one keystroke.
    SearchStep,
    /// Periodic: save the draft when the editor changed since the last one.
    DraftTick,
    /// The calendar moved on while the program was open (past midnight).
    NewDay(crate::domain::Date),
    /// SIGTERM/SIGHUP: keep what can be kept, then leave.
    Terminate,
    /// Results of effects.
    Unlocked {
        rows: Vec<Summary>,
        damaged: usize,
        /// Every unsaved draft in the vault (name, sealed-then-opened JSON), one per
        /// consultation that was being edited.
        drafts: Vec<(String, Zeroizing<Vec<u8>>)>,
    },
    /// What opening found about the vault's integrity, in words (said once after unlock).
    Notice(String),
    UnlockFailed(String),
    /// The vault's retention period, read after unlocking (none when not set).
    Retention(Option<u32>),
    /// The address book as the vault has it, after opening or a change (with what changed).
    ContactsLoaded {
        info: ContactsInfo,
        note: Option<String>,
    },
    RecordLoaded {
        record: Box<Record>,
        edit: bool,
    },
    /// A consultation was saved: its new list row (the list is updated in place, not
    /// reloaded).
    Saved {
        row: Box<Summary>,
        /// The saved record's search text (lower-cased), so search finds it at once.
        text: String,
    },
    SearchTexts {
        texts: Vec<(String, String)>,
        next: Option<(Vec<String>, usize)>,
    },
    Failed(String),
    /// The editor's save did not reach the disk (the sentence says why); the text is kept.
    SaveFailed(String),
    /// The draft of this name is on disk.
    DraftSaved(String),
    /// The draft of this name could not be written (the sentence says why).
    DraftFailed {
        name: String,
        message: String,
    },
    StatsLoaded(Box<StatsCounts>),
    /// The report was written to this file.
    ReportExported(PathBuf),
    /// A consultation was exported for the client's file, to this file.
    CaseExported(PathBuf),
    ShareReady(Box<crate::share::prepare::ShareInfo>),
    /// A share or reply file was written.
    Shared {
        file: String,
        reply: bool,
    },
    Imported {
        rows: Vec<Summary>,
        received: Vec<String>,
        advised: Vec<String>,
        skipped: usize,
    },
    /// `.age` files in the folders the import dialog looks in, newest first.
    IncomingFiles(Vec<PathBuf>),
    /// Files that look like contact cards, for the address book's add step.
    CardFiles(Vec<PathBuf>),
    /// A share, reply or import did not go through; nothing was written.
    TransferFailed(String),
    /// The folder for backups is set (shown as the user will recognise it).
    BackupFolderSet(String),
    /// A consultation was deleted (with its audit entry).
    Deleted {
        id: String,
    },
    /// The passphrase was changed and every value encrypted again under a new key.
    PassphraseChanged,
    /// The passphrase was not changed (the sentence says why). `locked`: the vault had to
    /// be closed on the way and must be unlocked again.
    PassphraseFailed {
        message: String,
        locked: bool,
    },
    /// When the last backup was made (for the status line), after unlocking or a backup.
    BackupState(crate::backups::BackupState),
    /// A change was saved and an automatic backup is due.
    BackupDue,
    /// The automatic backup did not go through (the sentence says why).
    BackupFailed(String),
    /// An effect has not come back from the disk within a moment (true), or all have (false).
    StorageBusy(bool),
}

pub enum Effect {
    CreateVault(SecretString),
    Unlock(SecretString),
    Load {
        id: String,
        edit: bool,
    },
    Save {
        id: Option<String>,
        consultation: Box<Consultation>,
        /// The editor's draft, removed in the same write.
        draft: String,
    },
    /// Write the draft of one open editor under its name (`draft/<id>`).
    SaveDraft {
        name: String,
        bytes: Zeroizing<Vec<u8>>,
    },
    ClearDraft(String),
    /// Load the full texts of rows `from..` for search, a chunk at a time.
    LoadSearchTexts {
        ids: Vec<String>,
        from: usize,
    },
    /// Count the vault for the statistics screen.
    LoadStats,
    /// Export one consultation for the client's file, with its audit entry.
    ExportCase {
        id: String,
        out: PathBuf,
        format: crate::present::export::Format,
        /// The date the document says it was exported.
        today: crate::domain::Date,
        /// The worker confirmed exporting despite possible personal data; without this such
        /// a consultation is refused.
        anyway: bool,
    },
    /// Write the statistics report (HTML) into the output folder.
    ExportReport {
        period: crate::stats::Period,
        out: PathBuf,
    },
    /// Gather what the share dialog shows: address book, personal-data check, reply target.
    PrepareShare {
        ids: Vec<String>,
    },
    Share {
        ids: Vec<String>,
        to: Vec<String>,
        out: PathBuf,
        armor: bool,
    },
    Reply {
        id: String,
        out: PathBuf,
        armor: bool,
    },
    Import {
        path: PathBuf,
    },
    /// Set the folder for backups (as `settings backup.dir`), then write a backup into it.
    SetBackupDir {
        dir: PathBuf,
    },
    /// Read this vault's card and the address book.
    LoadContacts,
    /// Add a contact from a card (or recipients) file; audit-logged.
    AddContact {
        name: String,
        path: PathBuf,
    },
    /// Remove a contact; audit-logged.
    RemoveContact {
        name: String,
    },
    /// Look for `.age` files to offer in the import dialog (reads names, never contents).
    /// Look for contact-card files to offer (names only).
    ListCards {
        dirs: Vec<PathBuf>,
    },
    /// Rename a contact; audit-logged.
    RenameContact {
        from: String,
        to: String,
    },
    ListIncoming {
        dirs: Vec<PathBuf>,
    },
    /// Delete one consultation and write its audit entry in the same batch.
    Delete {
        id: String,
    },
    /// Check the current passphrase, then re-key the vault under the new one (as `passwd`).
    ChangePassphrase {
        old: SecretString,
        new: SecretString,
    },
    Lock,
    /// Write an automatic backup into the settings' folder.
    AutoBackup,
    /// Periodic: is an automatic backup due (changes waiting, the interval passed)?
    CheckBackup,
    Quit,
}

impl std::fmt::Debug for Effect {
    // Never prints decrypted text or passphrases.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Effect::CreateVault(_) => "CreateVault",
            Effect::Unlock(_) => "Unlock",
            Effect::Load { .. } => "Load",
            Effect::Save { .. } => "Save",
            Effect::SaveDraft { .. } => "SaveDraft",
            Effect::ClearDraft(_) => "ClearDraft",
            Effect::LoadSearchTexts { .. } => "LoadSearchTexts",
            Effect::LoadStats => "LoadStats",
            Effect::ExportReport { .. } => "ExportReport",
            Effect::ExportCase { .. } => "ExportCase",
            Effect::PrepareShare { .. } => "PrepareShare",
            Effect::Share { .. } => "Share",
            Effect::Reply { .. } => "Reply",
            Effect::Import { .. } => "Import",
            Effect::SetBackupDir { .. } => "SetBackupDir",
            Effect::ListIncoming { .. } => "ListIncoming",
            Effect::ListCards { .. } => "ListCards",
            Effect::RenameContact { .. } => "RenameContact",
            Effect::LoadContacts => "LoadContacts",
            Effect::AddContact { .. } => "AddContact",
            Effect::RemoveContact { .. } => "RemoveContact",
            Effect::Delete { .. } => "Delete",
            Effect::ChangePassphrase { .. } => "ChangePassphrase",
            Effect::Lock => "Lock",
            Effect::AutoBackup => "AutoBackup",
            Effect::CheckBackup => "CheckBackup",
            Effect::Quit => "Quit",
        };
        f.write_str(name)
    }
}

/// One contact as the dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub name: String,
    /// The card's fingerprint for a verified contact.
    pub fingerprint: Option<String>,
}

/// What the vault has: own card and contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactsInfo {
    pub own_name: String,
    pub own_fingerprint: String,
    pub contacts: Vec<ContactRow>,
}

/// The counts a screen is built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsCounts {
    pub months: crate::publish::MonthCounts,
    pub forms: crate::publish::FormCounts,
}
