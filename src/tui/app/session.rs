//! The session: locking (nothing decrypted stays in memory), unlocking (back where the user
//! was), the encrypted draft of unsaved editor text, and leaving the program.

use super::{App, Dialog, Overlay, Screen};
use crate::domain::{Date, Summary};
use crate::i18n::t;
use crate::tui::action::Effect;
use crate::tui::form::{Draft, FieldId, Form};
use crate::tui::screens::welcome::Secrets;
use zeroize::Zeroizing;

/// Where to return after an unlock that followed a lock.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) enum Resume {
    #[default]
    List,
    Detail(String),
    Editor,
}

#[derive(Default)]
pub(super) struct Session {
    /// A draft found at unlock, until restored or set aside.
    pub pending_draft: Option<Draft>,
    pub resume: Resume,
}

fn draft_bytes(f: &Form, today: Date) -> Option<Zeroizing<Vec<u8>>> {
    serde_json::to_vec(&f.to_draft(today)).ok().map(Zeroizing::new)
}

impl App {
    /// Overwrites decrypted text held in memory: the search texts and an open record. Run on
    /// lock and when the program ends. (The editor's text areas are dropped; the text they
    /// held is kept only as the encrypted draft.)
    pub fn wipe(&mut self) {
        self.list.clear();
        if let Screen::Detail(d) = &mut self.screen {
            d.record.wipe();
        }
    }

    pub(super) fn lock(&mut self) -> Vec<Effect> {
        let mut fx = vec![];
        self.session.resume = match &self.screen {
            Screen::Editor(f) => {
                // Unsaved text survives the lock only as the encrypted draft, never in memory.
                if let Some(b) = draft_bytes(f, self.today) {
                    fx.push(Effect::SaveDraft(b));
                }
                Resume::Editor
            }
            Screen::Detail(d) => Resume::Detail(d.record.id.clone()),
            _ => Resume::List,
        };
        self.wipe();
        self.overlays.clear();
        self.session.pending_draft = None;
        self.screen = Screen::Unlock(Secrets::default());
        self.msg("ui.msg.locked");
        fx.push(Effect::Lock);
        fx
    }

    pub(super) fn unlocked(
        &mut self,
        rows: Vec<Summary>,
        damaged: usize,
        draft: Option<Zeroizing<Vec<u8>>>,
    ) -> Vec<Effect> {
        self.list.set_rows(rows);
        self.list.damaged = damaged;
        self.message = (damaged > 0).then(|| t(self.lang, "ui.msg.damaged").to_string());
        self.session.pending_draft = draft.and_then(|b| serde_json::from_slice::<Draft>(&b).ok());
        self.screen = Screen::List;
        let mut fx = vec![];
        let has_draft = self.session.pending_draft.is_some();
        match std::mem::take(&mut self.session.resume) {
            Resume::Editor if has_draft => fx.extend(self.restore_draft()),
            Resume::Detail(id) => {
                self.list.select_id(&id);
                fx.push(Effect::Load { id, edit: false });
            }
            _ if has_draft => self.overlays.push(Overlay::Dialog(Dialog::Draft)),
            _ => {}
        }
        self.list.offset = self.list.window(self.page);
        let ids: Vec<String> = self.list.rows.iter().map(|s| s.id.clone()).collect();
        if !ids.is_empty() {
            fx.push(Effect::LoadSearchTexts { ids, from: 0 });
        }
        fx
    }

    pub(super) fn restore_draft(&mut self) -> Vec<Effect> {
        if let Some(d) = self.session.pending_draft.take() {
            let mut f = Form::from_draft(d);
            f.focus = f.fields.iter().position(|x| x.id == FieldId::Prompt(0)).unwrap_or(0);
            self.screen = Screen::Editor(Box::new(f));
        }
        vec![]
    }

    /// Periodic: the draft, when the editor changed since the last one.
    pub(super) fn draft_tick(&mut self) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Editor(f) if f.draft_dirty => {
                f.draft_dirty = false;
                draft_bytes(f, self.today).map(Effect::SaveDraft).into_iter().collect()
            }
            _ => vec![],
        }
    }

    /// Leaving: unsaved editor text is kept as the draft first.
    pub(super) fn terminate(&mut self) -> Vec<Effect> {
        let mut fx = vec![];
        if let Screen::Editor(f) = &self.screen
            && f.dirty
            && let Some(b) = draft_bytes(f, self.today)
        {
            fx.push(Effect::SaveDraft(b));
        }
        fx.push(Effect::Quit);
        fx
    }
}
