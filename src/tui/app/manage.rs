//! The app's side of deleting a consultation and changing the passphrase: taking in the
//! results (the screens open the dialogs).

use super::{App, Overlay, Screen};
use crate::i18n::{t, tf};
use crate::tui::action::Effect;
use crate::tui::manage::{Manage, PassphraseDialog};

impl App {
    /// The consultation is gone: out of the list (in place), back to the list.
    pub(super) fn deleted(&mut self, id: &str) -> Vec<Effect> {
        let date =
            self.list.rows.iter().find(|s| s.id == id).map(|s| s.consulted_on.dutch()).unwrap_or_default();
        self.list.remove(id);
        self.list.offset = self.list.window(self.page);
        self.screen = Screen::List;
        self.message = Some(tf(self.lang, "ui.msg.deleted", &[("date", &date)]));
        vec![]
    }

    fn passphrase_dialog(&mut self) -> Option<&mut PassphraseDialog> {
        self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Manage(Manage::Passphrase(d)) => Some(d.as_mut()),
            _ => None,
        })
    }

    pub(super) fn passphrase_changed(&mut self) -> Vec<Effect> {
        self.overlays.retain(|o| !matches!(o, Overlay::Manage(Manage::Passphrase(_))));
        self.message = Some(t(self.lang, "ui.passwd.done").to_string());
        vec![]
    }

    /// Not changed: the dialog says why and asks again; after a failure that closed the
    /// vault, the program locks and the message says so.
    pub(super) fn passphrase_failed(&mut self, message: String, locked: bool) -> Vec<Effect> {
        if locked {
            let fx = self.lock();
            self.message = Some(message);
            return fx;
        }
        match self.passphrase_dialog() {
            Some(d) => {
                d.busy = false;
                d.error = Some(message);
            }
            None => self.message = Some(message),
        }
        vec![]
    }
}
