//! The session: locking (nothing decrypted stays in memory), unlocking (back where the user
//! was), the encrypted drafts of unsaved editor text (one per consultation being edited), and
//! leaving the program.

use super::{App, Dialog, Overlay, Screen};
use crate::domain::{Date, Summary};
use crate::i18n::{t, tf};
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
    /// The editor whose draft has this name.
    Editor(String),
}

#[derive(Default)]
pub(super) struct Session {
    /// Drafts found at unlock (by name), offered one after another until restored or set
    /// aside.
    pub pending_drafts: Vec<(String, Draft)>,
    /// The editor of a lock whose draft is not yet known to be on disk. Dropped once it is;
    /// kept (in memory only) when the draft write failed, so the text is not lost.
    pub unsaved: Option<Box<Form>>,
    pub resume: Resume,
    /// The user asked to quit and the editor's draft is being written first.
    pub quitting: bool,
    /// That draft could not be written: the quit waits for the user's answer.
    pub quit_refused: bool,
}

fn draft_bytes(f: &Form, today: Date) -> Option<Effect> {
    let bytes = serde_json::to_vec(&f.to_draft(today)).ok().map(Zeroizing::new)?;
    Some(Effect::SaveDraft { name: f.draft_name.clone(), bytes })
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
                fx.extend(draft_bytes(f, self.today));
                Resume::Editor(f.draft_name.clone())
            }
            Screen::Detail(d) => Resume::Detail(d.record.id.clone()),
            _ => Resume::List,
        };
        self.wipe();
        self.overlays.clear();
        self.session.pending_drafts.clear();
        // Unsaved text survives the lock as the encrypted draft; the form waits only until
        // the draft is confirmed on disk (`draft_saved`).
        if let Screen::Editor(f) = std::mem::replace(&mut self.screen, Screen::Unlock(Secrets::default())) {
            self.session.unsaved = Some(f);
        }
        self.msg("ui.msg.locked");
        fx.push(Effect::Lock);
        fx
    }

    /// A draft reached the disk: a form kept for it during a lock is no longer needed.
    pub(super) fn draft_saved(&mut self, name: &str) {
        if self.session.unsaved.as_ref().is_some_and(|f| f.draft_name == name) {
            self.session.unsaved = None;
        }
    }

    /// A draft did not reach the disk: say so, and keep the text (in the open editor, or
    /// in memory through a lock) to try again.
    pub(super) fn draft_failed(&mut self, name: &str, error: &str) {
        let kept = match &mut self.screen {
            Screen::Editor(f) if f.draft_name == name => {
                f.draft_dirty = true;
                true
            }
            _ => self.session.unsaved.as_ref().is_some_and(|f| f.draft_name == name),
        };
        if kept {
            self.message = Some(tf(self.lang, "ui.msg.draft_not_saved", &[("error", error)]));
            if std::mem::take(&mut self.session.quitting) {
                self.refuse_quit();
            }
        }
    }

    /// Quitting now would lose text that is only in memory: ask instead.
    fn refuse_quit(&mut self) {
        self.session.quit_refused = true;
        // This question replaces "leave with unsaved changes?".
        self.overlays.retain(|o| !matches!(o, Overlay::Dialog(Dialog::Unsaved)));
        if self.dialog() != Some(Dialog::QuitLoses) {
            self.overlays.push(Overlay::Dialog(Dialog::QuitLoses));
        }
    }

    /// Whether the quit just asked for must wait (see `refuse_quit`); asked once per quit.
    pub fn take_quit_refused(&mut self) -> bool {
        std::mem::take(&mut self.session.quit_refused)
    }

    pub(super) fn unlocked(
        &mut self,
        rows: Vec<Summary>,
        damaged: usize,
        drafts: Vec<(String, Zeroizing<Vec<u8>>)>,
    ) -> Vec<Effect> {
        self.list.set_rows(rows);
        self.list.damaged = damaged;
        self.message = (damaged > 0).then(|| t(self.lang, "ui.msg.damaged").to_string());
        self.session.pending_drafts = drafts
            .into_iter()
            .filter_map(|(name, b)| Some((name, serde_json::from_slice::<Draft>(&b).ok()?)))
            .collect();
        self.screen = Screen::List;
        let mut fx = vec![];
        match std::mem::take(&mut self.session.resume) {
            Resume::Editor(name) => match self.session.unsaved.take() {
                // The lock's draft write failed: the text held in memory comes back.
                Some(f) => {
                    self.session.pending_drafts.retain(|(n, _)| *n != name);
                    self.screen = Screen::Editor(f);
                    self.message = Some(t(self.lang, "ui.msg.only_in_memory").to_string());
                }
                None => fx.extend(self.restore_draft(Some(&name))),
            },
            Resume::Detail(id) => {
                self.list.select_id(&id);
                fx.push(Effect::Load { id, edit: false });
            }
            Resume::List => {}
        }
        self.offer_drafts();
        self.list.offset = self.list.window(self.page);
        let ids: Vec<String> = self.list.rows.iter().map(|s| s.id.clone()).collect();
        if !ids.is_empty() {
            fx.push(Effect::LoadSearchTexts { ids, from: 0 });
        }
        fx
    }

    /// Offers the next pending draft, when the list is showing and nothing else is asked.
    pub(super) fn offer_drafts(&mut self) {
        if matches!(self.screen, Screen::List)
            && !self.session.pending_drafts.is_empty()
            && self.overlays.is_empty()
        {
            self.overlays.push(Overlay::Dialog(Dialog::Draft));
        }
    }

    /// Opens a pending draft in the editor: the one named, else the first.
    pub(super) fn restore_draft(&mut self, name: Option<&str>) -> Vec<Effect> {
        let pending = &mut self.session.pending_drafts;
        let at = match name {
            Some(name) => pending.iter().position(|(n, _)| n == name),
            None => (!pending.is_empty()).then_some(0),
        };
        if let Some(at) = at {
            let (name, d) = pending.remove(at);
            let mut f = Form::from_draft(&name, d);
            f.focus = f.fields.iter().position(|x| x.id == FieldId::Prompt(0)).unwrap_or(0);
            self.screen = Screen::Editor(Box::new(f));
        }
        vec![]
    }

    /// The draft dialog's "discard" (the first draft is removed from the vault, the next is
    /// offered) or "later" (all stay in the vault, offered again next time).
    pub(super) fn forget_draft(&mut self, discard: bool) -> Vec<Effect> {
        if !discard {
            self.session.pending_drafts.clear();
            return vec![];
        }
        if self.session.pending_drafts.is_empty() {
            return vec![];
        }
        let (name, _) = self.session.pending_drafts.remove(0);
        self.offer_drafts();
        vec![Effect::ClearDraft(name)]
    }

    /// Periodic: the draft, when the editor changed since the last one.
    pub(super) fn draft_tick(&mut self) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Editor(f) if f.draft_dirty => {
                f.draft_dirty = false;
                draft_bytes(f, self.today).into_iter().collect()
            }
            _ => vec![],
        }
    }

    /// Leaving: unsaved editor text is kept as the draft first.
    pub(super) fn terminate(&mut self) -> Vec<Effect> {
        let mut fx = vec![];
        if let Screen::Editor(f) = &self.screen
            && f.dirty
        {
            fx.extend(draft_bytes(f, self.today));
            self.session.quitting = true;
        }
        // Text kept in memory through a lock (its draft failed) cannot be written while
        // locked: quitting would lose it.
        if self.session.unsaved.is_some() {
            self.message = Some(t(self.lang, "ui.msg.unsaved_in_memory").to_string());
            self.refuse_quit();
        }
        fx.push(Effect::Quit);
        fx
    }
}
