//! The one key table: what each key does where, and the words that describe it. The key-hint
//! bar and the help overlay are generated from this table, so they cannot drift from behaviour.

use super::action::{Action, Cmd};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Everywhere once unlocked.
    Global,
    Welcome,
    Unlock,
    List,
    Search,
    Detail,
    Editor,
    Help,
    Unsaved,
    Draft,
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
    /// Address book: browsing.
    Contacts,
    /// Address book: typing a card file and a name.
    ContactsAdd,
    /// Address book: asking before a removal.
    ContactsConfirm,
    /// Address book: typing a contact's new name.
    ContactsRename,
}

pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub ctx: Ctx,
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
    ctx: Ctx,
    cmd: Cmd,
    label: &'static str,
    desc: &'static str,
) -> Binding {
    Binding { code, mods, ctx, cmd, label, desc, bar: true }
}
const fn h(
    code: KeyCode,
    mods: KeyModifiers,
    ctx: Ctx,
    cmd: Cmd,
    label: &'static str,
    desc: &'static str,
) -> Binding {
    Binding { code, mods, ctx, cmd, label, desc, bar: false }
}

use Cmd::*;
use KeyCode::{
    BackTab, Char, Down as KDown, Enter, Esc, F, PageDown as KPgDn, PageUp as KPgUp, Tab, Up as KUp,
};

pub const KEYMAP: &[Binding] = &[
    b(Enter, NONE, Ctx::Welcome, Submit, "Enter", "ui.key.next"),
    b(Tab, NONE, Ctx::Welcome, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, Ctx::Welcome, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Esc, NONE, Ctx::Welcome, Quit, "Esc", "ui.key.quit"),
    b(Enter, NONE, Ctx::Unlock, Submit, "Enter", "ui.key.unlock"),
    b(Esc, NONE, Ctx::Unlock, Quit, "Esc", "ui.key.quit"),
    b(Char('n'), NONE, Ctx::List, New, "n", "ui.key.new"),
    b(Enter, NONE, Ctx::List, Open, "Enter", "ui.key.open"),
    h(Char('e'), NONE, Ctx::List, Edit, "e", "ui.key.edit"),
    b(Char('/'), NONE, Ctx::List, Search, "/", "ui.key.search"),
    h(Char('f'), NONE, Ctx::List, FilterForm, "f", "ui.key.filter_form"),
    h(Char('s'), NONE, Ctx::List, FilterStatus, "s", "ui.key.filter_status"),
    h(Char('u'), NONE, Ctx::List, FilterUrgency, "u", "ui.key.filter_urgency"),
    h(KUp, NONE, Ctx::List, Up, "↑", "ui.key.up"),
    h(KDown, NONE, Ctx::List, Down, "↓", "ui.key.down"),
    h(KPgUp, NONE, Ctx::List, PageUp, "PgUp", "ui.key.page_up"),
    h(KPgDn, NONE, Ctx::List, PageDown, "PgDn", "ui.key.page_down"),
    b(Char('?'), NONE, Ctx::List, Help, "?", "ui.key.help"),
    h(Esc, NONE, Ctx::List, Back, "Esc", "ui.key.clear_search"),
    h(Char('g'), NONE, Ctx::List, Stats, "g", "ui.key.stats"),
    h(Tab, NONE, Ctx::List, SwitchView, "Tab", "ui.key.switch_view"),
    b(Char('d'), NONE, Ctx::List, Share, "d", "ui.key.share"),
    b(Char('i'), NONE, Ctx::List, Import, "i", "ui.key.import"),
    h(Char('k'), NONE, Ctx::List, Contacts, "k", "ui.key.contacts"),
    h(Char(' '), NONE, Ctx::List, Toggle, "ui.key.space", "ui.key.mark"),
    b(Char('q'), NONE, Ctx::List, Quit, "q", "ui.key.quit"),
    b(Enter, NONE, Ctx::Search, Submit, "Enter", "ui.key.search_done"),
    b(Esc, NONE, Ctx::Search, Back, "Esc", "ui.key.clear_search"),
    h(KUp, NONE, Ctx::Search, Up, "↑", "ui.key.up"),
    h(KDown, NONE, Ctx::Search, Down, "↓", "ui.key.down"),
    b(Char('e'), NONE, Ctx::Detail, Edit, "e", "ui.key.edit"),
    h(KUp, NONE, Ctx::Detail, Up, "↑", "ui.key.up"),
    h(KDown, NONE, Ctx::Detail, Down, "↓", "ui.key.down"),
    h(KPgUp, NONE, Ctx::Detail, PageUp, "PgUp", "ui.key.page_up"),
    h(KPgDn, NONE, Ctx::Detail, PageDown, "PgDn", "ui.key.page_down"),
    b(Char('d'), NONE, Ctx::Detail, Share, "d", "ui.key.share"),
    b(Char('?'), NONE, Ctx::Detail, Help, "?", "ui.key.help"),
    b(Esc, NONE, Ctx::Detail, Back, "Esc", "ui.key.back"),
    b(Char('s'), CTRL, Ctx::Editor, Save, "Ctrl+S", "ui.key.save"),
    b(Tab, NONE, Ctx::Editor, NextField, "Tab", "ui.key.next_field"),
    b(BackTab, SHIFT, Ctx::Editor, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(F(1), NONE, Ctx::Editor, Help, "F1", "ui.key.help"),
    h(F(2), NONE, Ctx::Editor, ReplaceFinding, "F2", "ui.key.replace_finding"),
    h(F(3), NONE, Ctx::Editor, NotPersonal, "F3", "ui.key.not_personal"),
    b(Esc, NONE, Ctx::Editor, Back, "Esc", "ui.key.cancel"),
    b(Char('s'), CTRL, Ctx::Unsaved, Save, "Ctrl+S", "ui.key.save"),
    b(Char('w'), NONE, Ctx::Unsaved, DiscardChanges, "w", "ui.key.discard"),
    b(Esc, NONE, Ctx::Unsaved, Back, "Esc", "ui.key.keep_editing"),
    b(Enter, NONE, Ctx::Draft, DraftRestore, "Enter", "ui.key.draft_restore"),
    b(Char('w'), NONE, Ctx::Draft, DraftDiscard, "w", "ui.key.discard"),
    b(Esc, NONE, Ctx::Draft, Back, "Esc", "ui.key.later"),
    b(Char('p'), NONE, Ctx::Stats, StatsPeriod, "p", "ui.key.stats_period"),
    b(Char('v'), NONE, Ctx::Stats, StatsForms, "v", "ui.key.stats_forms"),
    b(Char('e'), NONE, Ctx::Stats, Export, "e", "ui.key.stats_export"),
    h(Tab, NONE, Ctx::Stats, NextField, "Tab", "ui.key.stats_panel"),
    h(KUp, NONE, Ctx::Stats, Up, "↑", "ui.key.up"),
    h(KDown, NONE, Ctx::Stats, Down, "↓", "ui.key.down"),
    h(KPgUp, NONE, Ctx::Stats, PageUp, "PgUp", "ui.key.page_up"),
    h(KPgDn, NONE, Ctx::Stats, PageDown, "PgDn", "ui.key.page_down"),
    b(Esc, NONE, Ctx::Stats, Back, "Esc", "ui.key.back"),
    b(Char(' '), NONE, Ctx::Share, Toggle, "ui.key.space", "ui.key.toggle"),
    h(KUp, NONE, Ctx::Share, Up, "↑", "ui.key.up"),
    h(KDown, NONE, Ctx::Share, Down, "↓", "ui.key.down"),
    b(Tab, NONE, Ctx::Share, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, Ctx::Share, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Char('e'), NONE, Ctx::Share, Edit, "e", "ui.key.edit"),
    b(Enter, NONE, Ctx::Share, Submit, "Enter", "ui.key.next"),
    b(Esc, NONE, Ctx::Share, Back, "Esc", "ui.key.cancel_dialog"),
    b(Tab, NONE, Ctx::SharePath, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, Ctx::SharePath, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Enter, NONE, Ctx::SharePath, Submit, "Enter", "ui.key.next"),
    b(Esc, NONE, Ctx::SharePath, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, Ctx::ShareConfirm, Submit, "Enter", "ui.key.confirm_share"),
    b(KUp, NONE, Ctx::ShareConfirm, Up, "↑↓", "ui.key.scroll_preview"),
    h(KDown, NONE, Ctx::ShareConfirm, Down, "↓", "ui.key.scroll_preview"),
    b(Char('e'), NONE, Ctx::ShareBlocked, Edit, "e", "ui.key.edit"),
    b(Esc, NONE, Ctx::ShareBlocked, Back, "Esc", "ui.key.close"),
    b(Esc, NONE, Ctx::ShareConfirm, Back, "Esc", "ui.key.back"),
    b(KUp, NONE, Ctx::Import, Up, "↑↓", "ui.key.pick_file"),
    h(KDown, NONE, Ctx::Import, Down, "↓", "ui.key.pick_file"),
    b(Enter, NONE, Ctx::Import, Submit, "Enter", "ui.key.import_file"),
    b(Esc, NONE, Ctx::Import, Back, "Esc", "ui.key.cancel_dialog"),
    b(KUp, NONE, Ctx::Contacts, Up, "↑↓", "ui.key.choose"),
    h(KDown, NONE, Ctx::Contacts, Down, "↓", "ui.key.choose"),
    b(Char('a'), NONE, Ctx::Contacts, New, "a", "ui.key.contact_add"),
    b(Char('r'), NONE, Ctx::Contacts, Edit, "r", "ui.key.contact_rename"),
    b(Char('x'), NONE, Ctx::Contacts, Delete, "x", "ui.key.contact_remove"),
    b(Esc, NONE, Ctx::Contacts, Back, "Esc", "ui.key.close"),
    b(Enter, NONE, Ctx::ContactsAdd, Submit, "Enter", "ui.key.contact_add"),
    b(KUp, NONE, Ctx::ContactsAdd, Up, "↑↓", "ui.key.pick_file"),
    h(KDown, NONE, Ctx::ContactsAdd, Down, "↓", "ui.key.pick_file"),
    b(Tab, NONE, Ctx::ContactsAdd, NextField, "Tab", "ui.key.next_field"),
    h(BackTab, SHIFT, Ctx::ContactsAdd, PrevField, "Shift+Tab", "ui.key.prev_field"),
    b(Esc, NONE, Ctx::ContactsAdd, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, Ctx::ContactsRename, Submit, "Enter", "ui.key.contact_rename"),
    b(Esc, NONE, Ctx::ContactsRename, Back, "Esc", "ui.key.cancel_dialog"),
    b(Enter, NONE, Ctx::ContactsConfirm, Submit, "Enter", "ui.key.contact_remove_yes"),
    b(Esc, NONE, Ctx::ContactsConfirm, Back, "Esc", "ui.key.contact_remove_no"),
    b(Esc, NONE, Ctx::Help, Back, "Esc", "ui.key.close"),
    h(Char('?'), NONE, Ctx::Help, Back, "?", "ui.key.close"),
    h(F(1), NONE, Ctx::Help, Back, "F1", "ui.key.close"),
    b(Char('l'), CTRL, Ctx::Global, Lock, "Ctrl+L", "ui.key.lock"),
    h(Char('c'), CTRL, Ctx::Global, Interrupt, "Ctrl+C", "ui.key.interrupt"),
    h(Char('c'), CTRL, Ctx::Welcome, Interrupt, "Ctrl+C", "ui.key.interrupt"),
    h(Char('c'), CTRL, Ctx::Unlock, Interrupt, "Ctrl+C", "ui.key.interrupt"),
];

fn matches(bd: &Binding, key: &KeyEvent) -> bool {
    // Shift is implied by the character for printable keys ('?' arrives with SHIFT).
    let mods = key.modifiers & !KeyModifiers::SHIFT;
    let want = bd.mods & !KeyModifiers::SHIFT;
    bd.code == key.code && mods == want
}

/// Turns a key into an action: a binding of the context first, then a global one, otherwise
/// the key itself for the focused field.
pub fn resolve(ctx: Ctx, key: KeyEvent) -> Action {
    let unlocked = !matches!(ctx, Ctx::Welcome | Ctx::Unlock);
    KEYMAP
        .iter()
        .find(|bd| (bd.ctx == ctx || (unlocked && bd.ctx == Ctx::Global)) && matches(bd, &key))
        .map_or(Action::Key(key), |bd| Action::Cmd(bd.cmd))
}

/// The bindings shown in the hint bar for a context.
pub fn bar(ctx: Ctx) -> impl Iterator<Item = &'static Binding> {
    let unlocked = !matches!(ctx, Ctx::Welcome | Ctx::Unlock);
    KEYMAP.iter().filter(move |bd| bd.bar && (bd.ctx == ctx || (unlocked && bd.ctx == Ctx::Global)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn context_binding_wins_and_text_falls_through() {
        assert!(matches!(resolve(Ctx::List, key(Char('n'), NONE)), Action::Cmd(New)));
        assert!(matches!(resolve(Ctx::Editor, key(Char('n'), NONE)), Action::Key(_)));
        assert!(matches!(resolve(Ctx::Editor, key(Char('s'), CTRL)), Action::Cmd(Save)));
        assert!(matches!(resolve(Ctx::Editor, key(Char('l'), CTRL)), Action::Cmd(Lock)));
        assert!(matches!(resolve(Ctx::Unlock, key(Char('l'), CTRL)), Action::Key(_)));
        assert!(matches!(resolve(Ctx::List, key(Char('?'), SHIFT)), Action::Cmd(Help)));
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
