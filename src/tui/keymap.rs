//! The one key table: what each key does where, and the words that describe it. The key-hint
//! bar and the help overlay are generated from this table, so they cannot drift from behaviour.

use super::action::{Action, Cmd};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCtx {
    /// Everywhere once unlocked.
    Global,
    Welcome,
    Unlock,
    List,
    Search,
    Detail,
    Editor,
    /// The editor, on the follow-up rows (the editor's keys apply too).
    EditorActions,
    /// The editor, on a pick list (the editor's keys apply too).
    EditorPick,
    Help,
    Unsaved,
    Draft,
    /// Saving a consultation with nothing in it: save anyway?
    EmptySave,
    /// Quitting would lose text that is only in memory: quit anyway?
    QuitLoses,
    /// Saving a consultation dated in the future: save anyway?
    FutureDate,
    Stats,
    /// Share dialog, recipients or format focused.
    Share,
    /// Share dialog, typing the file name.
    SharePath,
    /// Share dialog, last step.
    ShareConfirm,
    /// Share dialog that cannot go on (findings, no advice, no contacts): edit or close.
    ShareBlocked,
    Import,
    /// Choosing the folder for backups.
    BackupFolder,
    /// Address book: browsing.
    Contacts,
    /// Address book: typing a card file and a name.
    ContactsAdd,
    /// Address book: asking before a removal.
    ContactsConfirm,
    /// Address book: typing a contact's new name.
    ContactsRename,
    /// Export for the client's file: choosing the format, reading the preview.
    ExportPreview,
    /// Export: possible personal data, asking once more.
    ExportConfirm,
    /// Asking before a consultation is deleted.
    DeleteConfirm,
    /// Changing the passphrase.
    Passphrase,
}

impl KeyCtx {
    /// The context whose keys also apply here (the editor's, on its rows and pick lists).
    pub fn parent(self) -> Option<KeyCtx> {
        match self {
            KeyCtx::EditorActions | KeyCtx::EditorPick => Some(KeyCtx::Editor),
            _ => None,
        }
    }
}

pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub ctx: KeyCtx,
    pub cmd: Cmd,
    /// What the user reads for the key, e.g. "Ctrl+S"; an i18n key when it is a word.
    pub label: &'static str,
    /// i18n key of the description.
    pub desc: &'static str,
    /// Shown in the always-visible hint bar (the help overlay shows all).
    pub bar: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn b(
    code: KeyCode,
    mods: KeyModifiers,
    ctx: KeyCtx,
    cmd: Cmd,
    label: &'static str,
    desc: &'static str,
) -> Binding {
    Binding { code, mods, ctx, cmd, label, desc, bar: true }
}
const fn h(
    code: KeyCode,
    mods: KeyModifiers,
    ctx: KeyCtx,
    cmd: Cmd,
    label: &'static str,
    desc: &'static str,
) -> Binding {
    Binding { code, mods, ctx, cmd, label, desc, bar: false }
}

use Cmd::*;
use KeyCode::{
    BackTab, Char, Delete as KDelete, Down as KDown, End as KEnd, Enter, Esc, F, Home as KHome,
    PageDown as KPgDn, PageUp as KPgUp, Tab, Up as KUp,
};

pub const KEYMAP: &[Binding] = &[
    b(Enter, NONE, KeyCtx::Welcome, Submit, "Enter", "ui.key.next"),
    b(Tab, NONE, KeyCtx::Welcome, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, KeyCtx::Welcome, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Esc, NONE, KeyCtx::Welcome, Quit, "Esc", "ui.key.quit"),
    b(Enter, NONE, KeyCtx::Unlock, Submit, "Enter", "ui.key.unlock"),
    b(Esc, NONE, KeyCtx::Unlock, Quit, "Esc", "ui.key.quit"),
    b(Char('n'), NONE, KeyCtx::List, New, "n", "ui.key.new"),
    b(Enter, NONE, KeyCtx::List, Open, "Enter", "ui.key.open"),
    h(Char('e'), NONE, KeyCtx::List, Edit, "e", "ui.key.edit"),
    b(Char('/'), NONE, KeyCtx::List, Search, "/", "ui.key.search"),
    h(Char('f'), NONE, KeyCtx::List, FilterForm, "f", "ui.key.filter_form"),
    h(Char('s'), NONE, KeyCtx::List, FilterStatus, "s", "ui.key.filter_status"),
    h(Char('u'), NONE, KeyCtx::List, FilterUrgency, "u", "ui.key.filter_urgency"),
    h(Char('o'), NONE, KeyCtx::List, Sort, "o", "ui.key.sort"),
    h(KDelete, NONE, KeyCtx::List, Delete, "Del", "ui.key.delete"),
    h(Char('p'), NONE, KeyCtx::List, Passphrase, "p", "ui.key.passphrase"),
    h(KUp, NONE, KeyCtx::List, Up, "↑", "ui.key.up"),
    h(KDown, NONE, KeyCtx::List, Down, "↓", "ui.key.down"),
    h(KPgUp, NONE, KeyCtx::List, PageUp, "PgUp", "ui.key.page_up"),
    h(KPgDn, NONE, KeyCtx::List, PageDown, "PgDn", "ui.key.page_down"),
    b(Char('?'), NONE, KeyCtx::List, Help, "?", "ui.key.help"),
    h(Esc, NONE, KeyCtx::List, Back, "Esc", "ui.key.clear_all"),
    h(Char('g'), NONE, KeyCtx::List, Stats, "g", "ui.key.stats"),
    h(Tab, NONE, KeyCtx::List, SwitchView, "Tab", "ui.key.switch_view"),
    b(Char('d'), NONE, KeyCtx::List, Share, "d", "ui.key.share"),
    b(Char('i'), NONE, KeyCtx::List, Import, "i", "ui.key.import"),
    h(Char('k'), NONE, KeyCtx::List, Contacts, "k", "ui.key.contacts"),
    h(Char('b'), NONE, KeyCtx::List, BackupNow, "b", "ui.key.backup_now"),
    h(Char(' '), NONE, KeyCtx::List, Toggle, "ui.key.space", "ui.key.mark"),
    b(Char('q'), NONE, KeyCtx::List, Quit, "q", "ui.key.quit"),
    b(Enter, NONE, KeyCtx::Search, Submit, "Enter", "ui.key.search_done"),
    b(Esc, NONE, KeyCtx::Search, Back, "Esc", "ui.key.clear_search"),
    h(KUp, NONE, KeyCtx::Search, Up, "↑", "ui.key.up"),
    h(KDown, NONE, KeyCtx::Search, Down, "↓", "ui.key.down"),
    b(Char('e'), NONE, KeyCtx::Detail, Edit, "e", "ui.key.edit"),
    h(KUp, NONE, KeyCtx::Detail, Up, "↑", "ui.key.up"),
    h(KDown, NONE, KeyCtx::Detail, Down, "↓", "ui.key.down"),
    h(KPgUp, NONE, KeyCtx::Detail, PageUp, "PgUp", "ui.key.page_up"),
    h(KPgDn, NONE, KeyCtx::Detail, PageDown, "PgDn", "ui.key.page_down"),
    h(KHome, NONE, KeyCtx::Detail, Top, "Home", "ui.key.top"),
    h(KEnd, NONE, KeyCtx::Detail, Bottom, "End", "ui.key.bottom"),
    b(Char('d'), NONE, KeyCtx::Detail, Share, "d", "ui.key.share"),
    b(Char('x'), NONE, KeyCtx::Detail, Export, "x", "ui.key.export_case"),
    b(KDelete, NONE, KeyCtx::Detail, Delete, "Del", "ui.key.delete"),
    b(Char('?'), NONE, KeyCtx::Detail, Help, "?", "ui.key.help"),
    b(Esc, NONE, KeyCtx::Detail, Back, "Esc", "ui.key.back"),
    b(Char('s'), CTRL, KeyCtx::Editor, Save, "Ctrl+S", "ui.key.save"),
    b(Tab, NONE, KeyCtx::Editor, NextField, "Tab", "ui.key.next_field"),
    b(BackTab, SHIFT, KeyCtx::Editor, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(F(1), NONE, KeyCtx::Editor, Help, "F1", "ui.key.help"),
    h(F(2), NONE, KeyCtx::Editor, ReplaceFinding, "F2", "ui.key.replace_finding"),
    h(F(3), NONE, KeyCtx::Editor, NotPersonal, "F3", "ui.key.not_personal"),
    b(Esc, NONE, KeyCtx::Editor, Back, "Esc", "ui.key.cancel"),
    // The rows' keys are listed in the field's own hint (from `own`), so the bar keeps the
    // editor's (Esc stays in sight).
    h(Char('n'), CTRL, KeyCtx::EditorActions, AddRow, "Ctrl+N", "ui.key.action_add"),
    h(Char('d'), CTRL, KeyCtx::EditorActions, RemoveRow, "Ctrl+D", "ui.key.action_remove"),
    h(Char('t'), CTRL, KeyCtx::EditorActions, ToggleDone, "Ctrl+T", "ui.key.action_done"),
    h(Enter, NONE, KeyCtx::EditorActions, Submit, "Enter", "ui.key.action_next"),
    h(KUp, NONE, KeyCtx::EditorActions, Up, "↑", "ui.key.action_up"),
    h(KDown, NONE, KeyCtx::EditorActions, Down, "↓", "ui.key.action_down"),
    b(Char(' '), NONE, KeyCtx::EditorPick, Toggle, "ui.key.space", "ui.key.pick_toggle"),
    b(Char('s'), CTRL, KeyCtx::Unsaved, Save, "Ctrl+S", "ui.key.save"),
    b(Char('w'), NONE, KeyCtx::Unsaved, DiscardChanges, "w", "ui.key.discard"),
    b(Esc, NONE, KeyCtx::Unsaved, Back, "Esc", "ui.key.keep_editing"),
    b(Char('s'), CTRL, KeyCtx::EmptySave, Save, "Ctrl+S", "ui.key.save_anyway"),
    b(Esc, NONE, KeyCtx::EmptySave, Back, "Esc", "ui.key.keep_editing"),
    b(Char('s'), CTRL, KeyCtx::QuitLoses, Save, "Ctrl+S", "ui.key.save"),
    b(Char('a'), NONE, KeyCtx::QuitLoses, QuitAnyway, "a", "ui.key.quit_anyway"),
    b(Esc, NONE, KeyCtx::QuitLoses, Back, "Esc", "ui.key.keep_editing"),
    b(Char('s'), CTRL, KeyCtx::FutureDate, Save, "Ctrl+S", "ui.key.save_anyway"),
    b(Esc, NONE, KeyCtx::FutureDate, Back, "Esc", "ui.key.keep_editing"),
    b(Enter, NONE, KeyCtx::Draft, DraftRestore, "Enter", "ui.key.draft_restore"),
    b(Char('w'), NONE, KeyCtx::Draft, DraftDiscard, "w", "ui.key.discard"),
    b(Esc, NONE, KeyCtx::Draft, Back, "Esc", "ui.key.later"),
    b(Char('p'), NONE, KeyCtx::Stats, StatsPeriod, "p", "ui.key.stats_period"),
    b(Char('v'), NONE, KeyCtx::Stats, StatsForms, "v", "ui.key.stats_forms"),
    b(Char('e'), NONE, KeyCtx::Stats, Export, "e", "ui.key.stats_export"),
    h(Tab, NONE, KeyCtx::Stats, NextField, "Tab", "ui.key.stats_panel"),
    h(KUp, NONE, KeyCtx::Stats, Up, "↑", "ui.key.up"),
    h(KDown, NONE, KeyCtx::Stats, Down, "↓", "ui.key.down"),
    h(KPgUp, NONE, KeyCtx::Stats, PageUp, "PgUp", "ui.key.page_up"),
    h(KPgDn, NONE, KeyCtx::Stats, PageDown, "PgDn", "ui.key.page_down"),
    b(Esc, NONE, KeyCtx::Stats, Back, "Esc", "ui.key.back"),
    b(Char(' '), NONE, KeyCtx::Share, Toggle, "ui.key.space", "ui.key.toggle"),
    h(KUp, NONE, KeyCtx::Share, Up, "↑", "ui.key.up"),
    h(KDown, NONE, KeyCtx::Share, Down, "↓", "ui.key.down"),
    b(Tab, NONE, KeyCtx::Share, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, KeyCtx::Share, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Char('e'), NONE, KeyCtx::Share, Edit, "e", "ui.key.edit"),
    b(Enter, NONE, KeyCtx::Share, Submit, "Enter", "ui.key.next"),
    b(Esc, NONE, KeyCtx::Share, Back, "Esc", "ui.key.cancel_dialog"),
    b(Tab, NONE, KeyCtx::SharePath, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, KeyCtx::SharePath, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Enter, NONE, KeyCtx::SharePath, Submit, "Enter", "ui.key.next"),
    b(Esc, NONE, KeyCtx::SharePath, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, KeyCtx::ShareConfirm, Submit, "Enter", "ui.key.confirm_share"),
    b(KUp, NONE, KeyCtx::ShareConfirm, Up, "↑↓", "ui.key.scroll_preview"),
    h(KDown, NONE, KeyCtx::ShareConfirm, Down, "↓", "ui.key.scroll_preview"),
    b(Char('e'), NONE, KeyCtx::ShareBlocked, Edit, "e", "ui.key.edit"),
    b(Esc, NONE, KeyCtx::ShareBlocked, Back, "Esc", "ui.key.close"),
    b(Esc, NONE, KeyCtx::ShareConfirm, Back, "Esc", "ui.key.back"),
    b(KUp, NONE, KeyCtx::Import, Up, "↑↓", "ui.key.pick_file"),
    h(KDown, NONE, KeyCtx::Import, Down, "↓", "ui.key.pick_file"),
    b(Enter, NONE, KeyCtx::Import, Submit, "Enter", "ui.key.import_file"),
    b(Esc, NONE, KeyCtx::Import, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, KeyCtx::BackupFolder, Submit, "Enter", "ui.key.backup_folder_set"),
    b(Esc, NONE, KeyCtx::BackupFolder, Back, "Esc", "ui.key.cancel_dialog"),
    b(KUp, NONE, KeyCtx::Contacts, Up, "↑↓", "ui.key.choose"),
    h(KDown, NONE, KeyCtx::Contacts, Down, "↓", "ui.key.choose"),
    b(Char('a'), NONE, KeyCtx::Contacts, New, "a", "ui.key.contact_add"),
    b(Char('r'), NONE, KeyCtx::Contacts, Edit, "r", "ui.key.contact_rename"),
    b(Char('x'), NONE, KeyCtx::Contacts, Delete, "x", "ui.key.contact_remove"),
    b(Esc, NONE, KeyCtx::Contacts, Back, "Esc", "ui.key.close"),
    b(Enter, NONE, KeyCtx::ContactsAdd, Submit, "Enter", "ui.key.contact_add"),
    b(KUp, NONE, KeyCtx::ContactsAdd, Up, "↑↓", "ui.key.pick_file"),
    h(KDown, NONE, KeyCtx::ContactsAdd, Down, "↓", "ui.key.pick_file"),
    b(Tab, NONE, KeyCtx::ContactsAdd, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, KeyCtx::ContactsAdd, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Esc, NONE, KeyCtx::ContactsAdd, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, KeyCtx::ContactsRename, Submit, "Enter", "ui.key.contact_rename"),
    b(Esc, NONE, KeyCtx::ContactsRename, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, KeyCtx::ContactsConfirm, Submit, "Enter", "ui.key.contact_remove_yes"),
    b(Esc, NONE, KeyCtx::ContactsConfirm, Back, "Esc", "ui.key.contact_remove_no"),
    b(Tab, NONE, KeyCtx::ExportPreview, NextField, "Tab", "ui.key.export_format"),
    h(BackTab, SHIFT, KeyCtx::ExportPreview, PrevField, "Shift+Tab", "ui.key.export_format"),
    b(KUp, NONE, KeyCtx::ExportPreview, Up, "↑↓", "ui.key.scroll_export"),
    h(KDown, NONE, KeyCtx::ExportPreview, Down, "↓", "ui.key.scroll_export"),
    h(KPgUp, NONE, KeyCtx::ExportPreview, PageUp, "PgUp", "ui.key.page_up"),
    h(KPgDn, NONE, KeyCtx::ExportPreview, PageDown, "PgDn", "ui.key.page_down"),
    h(KHome, NONE, KeyCtx::ExportPreview, Top, "Home", "ui.key.top"),
    h(KEnd, NONE, KeyCtx::ExportPreview, Bottom, "End", "ui.key.bottom"),
    b(Enter, NONE, KeyCtx::ExportPreview, Submit, "Enter", "ui.key.export_write"),
    b(Esc, NONE, KeyCtx::ExportPreview, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, KeyCtx::ExportConfirm, Submit, "Enter", "ui.key.export_anyway"),
    b(Esc, NONE, KeyCtx::ExportConfirm, Back, "Esc", "ui.key.back"),
    b(Enter, NONE, KeyCtx::DeleteConfirm, Submit, "Enter", "ui.key.delete_yes"),
    b(Esc, NONE, KeyCtx::DeleteConfirm, Back, "Esc", "ui.key.delete_no"),
    b(Enter, NONE, KeyCtx::Passphrase, Submit, "Enter", "ui.key.next"),
    b(Tab, NONE, KeyCtx::Passphrase, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, KeyCtx::Passphrase, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Esc, NONE, KeyCtx::Passphrase, Back, "Esc", "ui.key.cancel_dialog"),
    b(Esc, NONE, KeyCtx::Help, Back, "Esc", "ui.key.close"),
    h(Char('?'), NONE, KeyCtx::Help, Back, "?", "ui.key.close"),
    h(F(1), NONE, KeyCtx::Help, Back, "F1", "ui.key.close"),
    b(KDown, NONE, KeyCtx::Help, Down, "↓", "ui.key.more"),
    h(KPgDn, NONE, KeyCtx::Help, PageDown, "PgDn", "ui.key.more"),
    b(KUp, NONE, KeyCtx::Help, Up, "↑", "ui.key.back_page"),
    h(KPgUp, NONE, KeyCtx::Help, PageUp, "PgUp", "ui.key.back_page"),
    b(Char('l'), CTRL, KeyCtx::Global, Lock, "Ctrl+L", "ui.key.lock"),
    h(Char('c'), CTRL, KeyCtx::Global, Interrupt, "Ctrl+C", "ui.key.interrupt"),
    h(Char('c'), CTRL, KeyCtx::Welcome, Interrupt, "Ctrl+C", "ui.key.interrupt"),
    h(Char('c'), CTRL, KeyCtx::Unlock, Interrupt, "Ctrl+C", "ui.key.interrupt"),
];

fn matches(bd: &Binding, key: &KeyEvent) -> bool {
    // Shift is implied by the character for printable keys ('?' arrives with SHIFT).
    let mods = key.modifiers & !KeyModifiers::SHIFT;
    let want = bd.mods & !KeyModifiers::SHIFT;
    bd.code == key.code && mods == want
}

/// Turns a key into an action: a binding of the context first, then a global one, otherwise
/// the key itself for the focused field.
pub fn resolve(ctx: KeyCtx, key: KeyEvent) -> Action {
    chain(ctx)
        .find_map(|c| KEYMAP.iter().find(|bd| bd.ctx == c && matches(bd, &key)))
        .map_or(Action::Key(key), |bd| Action::Cmd(bd.cmd))
}

/// The contexts whose keys apply, in order: the context, its parent, then the global keys
/// once unlocked.
fn chain(ctx: KeyCtx) -> impl Iterator<Item = KeyCtx> {
    let unlocked = !matches!(ctx, KeyCtx::Welcome | KeyCtx::Unlock);
    [Some(ctx), ctx.parent(), unlocked.then_some(KeyCtx::Global)].into_iter().flatten()
}

/// The bindings shown in the hint bar for a context.
pub fn bar(ctx: KeyCtx) -> impl Iterator<Item = &'static Binding> {
    chain(ctx).flat_map(|c| KEYMAP.iter().filter(move |bd| bd.bar && bd.ctx == c))
}

/// Every binding of exactly this context, each key once (for a field's own key hint).
pub fn own(ctx: KeyCtx) -> impl Iterator<Item = &'static Binding> {
    KEYMAP
        .iter()
        .enumerate()
        .filter(move |(i, bd)| {
            bd.ctx == ctx && !KEYMAP[..*i].iter().any(|o| o.ctx == ctx && o.label == bd.label)
        })
        .map(|(_, bd)| bd)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn context_binding_wins_and_text_falls_through() {
        assert!(matches!(resolve(KeyCtx::List, key(Char('n'), NONE)), Action::Cmd(New)));
        assert!(matches!(resolve(KeyCtx::Editor, key(Char('n'), NONE)), Action::Key(_)));
        assert!(matches!(resolve(KeyCtx::Editor, key(Char('s'), CTRL)), Action::Cmd(Save)));
        assert!(matches!(resolve(KeyCtx::Editor, key(Char('l'), CTRL)), Action::Cmd(Lock)));
        assert!(matches!(resolve(KeyCtx::Unlock, key(Char('l'), CTRL)), Action::Key(_)));
        assert!(matches!(resolve(KeyCtx::List, key(Char('?'), SHIFT)), Action::Cmd(Help)));
        // On the follow-up rows and pick lists the editor's keys apply too.
        assert!(matches!(resolve(KeyCtx::EditorActions, key(Char('n'), CTRL)), Action::Cmd(AddRow)));
        assert!(matches!(resolve(KeyCtx::EditorActions, key(Char('s'), CTRL)), Action::Cmd(Save)));
        assert!(matches!(resolve(KeyCtx::EditorActions, key(Char('n'), NONE)), Action::Key(_)));
        assert!(matches!(resolve(KeyCtx::EditorPick, key(Char(' '), NONE)), Action::Cmd(Toggle)));
        assert!(matches!(resolve(KeyCtx::EditorPick, key(Tab, NONE)), Action::Cmd(NextField)));
        assert!(matches!(resolve(KeyCtx::Editor, key(Char(' '), NONE)), Action::Key(_)));
    }

    #[test]
    fn every_description_is_translated() {
        for bd in KEYMAP {
            assert_ne!(crate::i18n::t(crate::i18n::Lang::Nl, bd.desc), bd.desc);
            if bd.label.starts_with("ui.") {
                assert_ne!(crate::i18n::t(crate::i18n::Lang::En, bd.label), bd.label);
            }
        }
    }
}
