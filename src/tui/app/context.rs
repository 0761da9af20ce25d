//! Where the user is, for the key table: the top overlay, else the screen (and within the
//! editor, the kind of field).

use super::{App, Dialog, Overlay, Screen};
use crate::tui::keymap::KeyCtx;
use crate::tui::transfer::{Focus, Transfer};

impl App {
    pub fn help(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Help))
    }

    pub fn context(&self) -> KeyCtx {
        if self.help() { KeyCtx::Help } else { self.base_context() }
    }

    /// Where the user is, under the help overlay if that is open.
    pub fn base_context(&self) -> KeyCtx {
        let top = self.overlays.iter().rev().find(|o| !matches!(o, Overlay::Help));
        match top {
            Some(Overlay::Dialog(Dialog::Unsaved)) => KeyCtx::Unsaved,
            Some(Overlay::Dialog(Dialog::Draft)) => KeyCtx::Draft,
            Some(Overlay::Dialog(Dialog::EmptySave)) => KeyCtx::EmptySave,
            Some(Overlay::Dialog(Dialog::QuitLoses)) => KeyCtx::QuitLoses,
            Some(Overlay::Dialog(Dialog::FutureDate)) => KeyCtx::FutureDate,
            Some(Overlay::Transfer(Transfer::Share(d))) if d.blocked().is_some() => KeyCtx::ShareBlocked,
            Some(Overlay::Transfer(Transfer::Share(d))) if d.confirming => KeyCtx::ShareConfirm,
            Some(Overlay::Transfer(Transfer::Share(d))) if d.focus == Focus::Path => KeyCtx::SharePath,
            Some(Overlay::Transfer(Transfer::Share(_))) => KeyCtx::Share,
            Some(Overlay::Transfer(Transfer::Import(_))) => KeyCtx::Import,
            Some(Overlay::Transfer(Transfer::BackupFolder(_))) => KeyCtx::BackupFolder,
            Some(Overlay::Transfer(Transfer::Contacts(d))) => match d.stage {
                crate::tui::contacts::Stage::Browse => KeyCtx::Contacts,
                crate::tui::contacts::Stage::Add { .. } => KeyCtx::ContactsAdd,
                crate::tui::contacts::Stage::ConfirmRemove => KeyCtx::ContactsConfirm,
                crate::tui::contacts::Stage::Rename => KeyCtx::ContactsRename,
            },
            Some(Overlay::Export(p)) if p.confirming => KeyCtx::ExportConfirm,
            Some(Overlay::Export(_)) => KeyCtx::ExportPreview,
            Some(Overlay::Manage(crate::tui::manage::Manage::Delete(_))) => KeyCtx::DeleteConfirm,
            Some(Overlay::Manage(crate::tui::manage::Manage::Passphrase(_))) => KeyCtx::Passphrase,
            Some(Overlay::Help) | None => match &self.screen {
                Screen::Welcome(_) => KeyCtx::Welcome,
                Screen::Unlock(_) => KeyCtx::Unlock,
                Screen::List if self.list.searching => KeyCtx::Search,
                Screen::List => KeyCtx::List,
                Screen::Detail(_) => KeyCtx::Detail,
                Screen::Editor(f) => match f.fields.get(f.focus).map(|x| &x.kind) {
                    Some(crate::tui::form::Kind::Actions(_)) => KeyCtx::EditorActions,
                    Some(crate::tui::form::Kind::Choice { .. } | crate::tui::form::Kind::Multi { .. }) => {
                        KeyCtx::EditorPick
                    }
                    _ => KeyCtx::Editor,
                },
                Screen::Stats(_) => KeyCtx::Stats,
            },
        }
    }
}
