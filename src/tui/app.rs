//! The UI state and its one transition function. No I/O: `update` returns effects as data.

use super::action::{Action, Cmd, Effect};
use super::form::{Draft, FieldId, Form};
use super::keymap::Ctx;
use super::list_state::ListState;
use super::transfer::{EditAt, Focus, ImportDialog, ShareDialog, Step, Transfer};
use crate::domain::{Date, Record};
use crate::i18n::{Lang, t, tf};
use age::secrecy::SecretString;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use zeroize::Zeroizing;

fn draft_bytes(f: &Form, today: Date) -> Option<Zeroizing<Vec<u8>>> {
    serde_json::to_vec(&f.to_draft(today)).ok().map(Zeroizing::new)
}

/// Passphrase fields of the welcome and unlock screens.
pub struct Secrets {
    pub first: TextArea<'static>,
    pub second: TextArea<'static>,
    pub focus_second: bool,
}

fn masked() -> TextArea<'static> {
    let mut a = TextArea::default();
    a.set_mask_char('•');
    a
}

impl Default for Secrets {
    fn default() -> Self {
        Secrets { first: masked(), second: masked(), focus_second: false }
    }
}

impl Secrets {
    pub fn first_text(&self) -> String {
        self.first.lines().join("")
    }
    fn second_text(&self) -> String {
        self.second.lines().join("")
    }
}

pub enum Screen {
    Welcome(Secrets),
    Unlock(Secrets),
    List,
    Detail { record: Box<Record>, scroll: u16 },
    Editor(Box<Form>),
    Stats(Box<super::stats_view::StatsView>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    Unsaved,
    Draft,
}

/// Where to return after an unlock that followed a lock.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Resume {
    #[default]
    List,
    Detail(String),
    Editor,
}

pub struct App {
    pub lang: Lang,
    pub today: Date,
    pub demo: bool,
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    pub help: bool,
    pub message: Option<String>,
    pub list: ListState,
    /// Visible list rows, known from the terminal size.
    pub page: usize,
    pending_draft: Option<Draft>,
    resume: Resume,
    /// The share or import dialog, over the list or detail.
    pub transfer: Option<Transfer>,
    /// Where shared files go and where the import dialog starts looking.
    pub out_dir: PathBuf,
    /// The user's home, for `~/` in typed paths.
    pub home: Option<PathBuf>,
    /// More folders where files to import usually land (Downloads).
    pub in_dirs: Vec<PathBuf>,
    /// Where the next editor opens, when the share dialog sent the user there.
    edit_at: Option<EditAt>,
}

impl App {
    /// `exists`: whether the vault is already there (unlock) or must be created (welcome).
    pub fn new(lang: Lang, today: Date, exists: bool) -> App {
        App {
            lang,
            today,
            demo: false,
            screen: if exists {
                Screen::Unlock(Secrets::default())
            } else {
                Screen::Welcome(Secrets::default())
            },
            dialog: None,
            help: false,
            message: None,
            list: ListState::default(),
            page: 20,
            pending_draft: None,
            resume: Resume::List,
            transfer: None,
            out_dir: PathBuf::from("."),
            home: None,
            in_dirs: Vec::new(),
            edit_at: None,
        }
    }

    pub fn context(&self) -> Ctx {
        if self.help { Ctx::Help } else { self.base_context() }
    }

    /// Where the user is, under the help overlay if that is open.
    pub fn base_context(&self) -> Ctx {
        match self.dialog {
            Some(Dialog::Unsaved) => return Ctx::Unsaved,
            Some(Dialog::Draft) => return Ctx::Draft,
            None => {}
        }
        match &self.transfer {
            Some(Transfer::Share(d)) if d.blocked().is_some() => return Ctx::ShareBlocked,
            Some(Transfer::Share(d)) if d.confirming => return Ctx::ShareConfirm,
            Some(Transfer::Share(d)) if d.focus == Focus::Path => return Ctx::SharePath,
            Some(Transfer::Share(_)) => return Ctx::Share,
            Some(Transfer::Import(_)) => return Ctx::Import,
            Some(Transfer::Contacts(d)) => {
                return match d.stage {
                    super::contacts::Stage::Browse => Ctx::Contacts,
                    super::contacts::Stage::Add { .. } => Ctx::ContactsAdd,
                    super::contacts::Stage::ConfirmRemove => Ctx::ContactsConfirm,
                    super::contacts::Stage::Rename => Ctx::ContactsRename,
                };
            }
            None => {}
        }
        match &self.screen {
            Screen::Welcome(_) => Ctx::Welcome,
            Screen::Unlock(_) => Ctx::Unlock,
            Screen::List if self.list.searching => Ctx::Search,
            Screen::List => Ctx::List,
            Screen::Detail { .. } => Ctx::Detail,
            Screen::Editor(_) => Ctx::Editor,
            Screen::Stats(_) => Ctx::Stats,
        }
    }

    pub fn is_unlocked(&self) -> bool {
        !matches!(self.screen, Screen::Welcome(_) | Screen::Unlock(_))
    }

    pub fn editor_dirty(&self) -> bool {
        matches!(&self.screen, Screen::Editor(f) if f.dirty)
    }

    fn msg(&mut self, key: &str) {
        self.message = Some(t(self.lang, key).to_string());
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Cmd(Cmd::Lock) if self.is_unlocked() => self.lock(),
            Action::Cmd(Cmd::Interrupt) => match &self.screen {
                // Unsaved text: ask first; a second Ctrl+C leaves, keeping it as the draft.
                Screen::Editor(f) if f.dirty && self.dialog.is_none() => {
                    self.dialog = Some(Dialog::Unsaved);
                    self.msg("ui.msg.ctrl_c_again");
                    vec![]
                }
                _ => self.update(Action::Terminate),
            },
            Action::Cmd(Cmd::Help) if self.is_unlocked() => {
                self.help = true;
                vec![]
            }
            Action::Cmd(Cmd::Back) if self.help => {
                self.help = false;
                vec![]
            }
            _ if self.help => vec![],
            Action::Cmd(_) | Action::Key(_) | Action::Paste(_)
                if self.message.is_some() && self.is_unlocked() =>
            {
                // A message is read once; the next key clears it.
                self.message = None;
                self.update(action)
            }
            Action::Terminate => {
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
            Action::NewDay(today) => {
                self.today = today;
                vec![]
            }
            Action::DraftTick => match &mut self.screen {
                Screen::Editor(f) if f.draft_dirty => {
                    f.draft_dirty = false;
                    draft_bytes(f, self.today).map(Effect::SaveDraft).into_iter().collect()
                }
                _ => vec![],
            },
            Action::SearchStep => {
                self.list.step(super::list_state::SLICE);
                vec![]
            }
            // Results that arrive after a lock are dropped: nothing decrypted may show.
            Action::RecordLoaded { .. }
            | Action::Saved { .. }
            | Action::SearchTexts { .. }
            | Action::ShareReady(_)
            | Action::Shared { .. }
            | Action::Imported { .. }
            | Action::ContactsLoaded { .. }
                if !self.is_unlocked() =>
            {
                vec![]
            }
            Action::Unlocked { rows, damaged, draft } => self.unlocked(rows, damaged, draft),
            Action::UnlockFailed(m) => {
                self.message = Some(m);
                vec![]
            }
            Action::Retention(Some(years)) if self.is_unlocked() => {
                let cutoff = crate::retention::cutoff(self.today, years);
                let n = crate::retention::due(&self.list.rows, cutoff);
                if n > 0 {
                    let args = [("n", n.to_string()), ("years", years.to_string()), ("date", cutoff.dutch())];
                    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    self.message = Some(tf(self.lang, "ui.msg.retention_due", &args));
                }
                vec![]
            }
            Action::Retention(_) => vec![],
            Action::StatsLoaded(counts) => {
                if self.is_unlocked() {
                    let view = super::stats_view::StatsView::new(*counts, &self.out_dir, self.today.0);
                    self.screen = Screen::Stats(Box::new(view));
                }
                vec![]
            }
            Action::ReportExported(path) => {
                let file = path.display().to_string();
                self.message = Some(tf(self.lang, "ui.stats.exported", &[("file", &file)]));
                vec![]
            }
            Action::Failed(m) => {
                self.message = Some(m);
                vec![]
            }
            Action::ShareReady(info) => {
                let d = ShareDialog::new(*info, &self.out_dir, self.today, self.lang);
                self.transfer = Some(Transfer::Share(Box::new(d)));
                vec![]
            }
            Action::Shared { file, reply } => {
                self.transfer = None;
                self.list.marked.clear();
                let key = if reply { "ui.msg.replied" } else { "ui.msg.shared" };
                self.message = Some(tf(self.lang, key, &[("file", &file)]));
                vec![]
            }
            Action::CardFiles(files) => {
                if let Some(Transfer::Contacts(d)) = &mut self.transfer {
                    d.files = files;
                }
                vec![]
            }
            Action::IncomingFiles(files) => {
                if let Some(Transfer::Import(d)) = &mut self.transfer {
                    d.files = files;
                }
                vec![]
            }
            Action::TransferFailed(m) => {
                match &mut self.transfer {
                    Some(Transfer::Share(d)) => {
                        d.confirming = false;
                        d.error = Some(m);
                    }
                    Some(Transfer::Import(d)) => d.error = Some(m),
                    Some(Transfer::Contacts(d)) => d.error = Some(m),
                    None => self.message = Some(m),
                }
                vec![]
            }
            Action::ContactsLoaded { info, note } => {
                if let Some(Transfer::Contacts(d)) = &mut self.transfer {
                    d.loaded(info, note);
                }
                vec![]
            }
            Action::Imported { rows, received, advised, skipped } => {
                self.imported(rows, &received, &advised, skipped)
            }
            Action::RecordLoaded { record, edit } => {
                if edit {
                    let r = *record;
                    let received = r.received.is_some();
                    let mut f = Form::from_consultation(Some(r.id), r.consultation);
                    f.received = received;
                    match self.edit_at.take() {
                        Some(EditAt::Advice) => f.focus_on(FieldId::Advice),
                        Some(EditAt::FirstFinding) => {
                            f.focus_first_finding();
                        }
                        // The adviser's work on a received case is the advice.
                        None if received => f.focus_on(FieldId::Advice),
                        None => {}
                    }
                    self.screen = Screen::Editor(Box::new(f));
                } else {
                    self.screen = Screen::Detail { record, scroll: 0 };
                }
                vec![]
            }
            Action::Saved { rows, id, text } => {
                self.list.texts.insert(id.clone(), text);
                self.list.set_rows(rows);
                self.list.select_id(&id);
                self.list.offset = self.list.window(self.page);
                self.screen = Screen::List;
                self.dialog = None;
                self.msg("ui.msg.saved");
                vec![Effect::ClearDraft]
            }
            Action::SearchTexts { texts, next } => {
                self.list.add_texts(texts, next.is_none());
                match next {
                    Some((ids, from)) if self.is_unlocked() => vec![Effect::LoadSearchTexts { ids, from }],
                    _ => vec![],
                }
            }
            other => {
                if self.dialog.is_some() {
                    return self.dialog_action(other);
                }
                if self.transfer.is_some() {
                    return self.transfer_action(other);
                }
                match self.context() {
                    Ctx::Welcome | Ctx::Unlock => self.secrets_action(other),
                    Ctx::List | Ctx::Search => self.list_action(other),
                    Ctx::Detail => self.detail_action(other),
                    Ctx::Editor => self.editor_action(other),
                    Ctx::Stats => self.stats_action(other),
                    _ => vec![],
                }
            }
        }
    }

    /// Overwrites decrypted text held in memory: the search texts and an open record. Run on
    /// lock and when the program ends. (The editor's text areas are dropped; the text they
    /// held is kept only as the encrypted draft.)
    pub fn wipe(&mut self) {
        self.list.clear();
        if let Screen::Detail { record, .. } = &mut self.screen {
            record.wipe();
        }
    }

    fn lock(&mut self) -> Vec<Effect> {
        let mut fx = vec![];
        self.resume = match &self.screen {
            Screen::Editor(f) => {
                // Unsaved text survives the lock only as the encrypted draft, never in memory.
                if let Some(b) = draft_bytes(f, self.today) {
                    fx.push(Effect::SaveDraft(b));
                }
                Resume::Editor
            }
            Screen::Detail { record, .. } => Resume::Detail(record.id.clone()),
            _ => Resume::List,
        };
        self.wipe();
        self.transfer = None;
        self.pending_draft = None;
        self.dialog = None;
        self.help = false;
        self.screen = Screen::Unlock(Secrets::default());
        self.msg("ui.msg.locked");
        fx.push(Effect::Lock);
        fx
    }

    fn unlocked(
        &mut self,
        rows: Vec<summary::Summary>,
        damaged: usize,
        draft: Option<Zeroizing<Vec<u8>>>,
    ) -> Vec<Effect> {
        self.list.set_rows(rows);
        self.list.damaged = damaged;
        self.message = (damaged > 0).then(|| t(self.lang, "ui.msg.damaged").to_string());
        self.pending_draft = draft.and_then(|b| serde_json::from_slice::<Draft>(&b).ok());
        self.screen = Screen::List;
        let mut fx = vec![];
        match std::mem::take(&mut self.resume) {
            Resume::Editor if self.pending_draft.is_some() => {
                fx.extend(self.restore_draft());
            }
            Resume::Detail(id) => {
                self.list.select_id(&id);
                fx.push(Effect::Load { id, edit: false });
            }
            _ if self.pending_draft.is_some() => self.dialog = Some(Dialog::Draft),
            _ => {}
        }
        self.list.offset = self.list.window(self.page);
        let ids: Vec<String> = self.list.rows.iter().map(|s| s.id.clone()).collect();
        if !ids.is_empty() {
            fx.push(Effect::LoadSearchTexts { ids, from: 0 });
        }
        fx
    }

    fn restore_draft(&mut self) -> Vec<Effect> {
        self.dialog = None;
        if let Some(d) = self.pending_draft.take() {
            let mut f = Form::from_draft(d);
            f.focus = f.fields.iter().position(|x| x.id == FieldId::Prompt(0)).unwrap_or(0);
            self.screen = Screen::Editor(Box::new(f));
        }
        vec![]
    }

    fn dialog_action(&mut self, a: Action) -> Vec<Effect> {
        match (self.dialog, a) {
            (Some(Dialog::Draft), Action::Cmd(Cmd::DraftRestore)) => self.restore_draft(),
            (Some(Dialog::Draft), Action::Cmd(Cmd::DraftDiscard)) => {
                self.dialog = None;
                self.pending_draft = None;
                vec![Effect::ClearDraft]
            }
            (Some(Dialog::Draft), Action::Cmd(Cmd::Back)) => {
                // Kept in the vault; offered again next time.
                self.dialog = None;
                self.pending_draft = None;
                vec![]
            }
            (Some(Dialog::Unsaved), Action::Cmd(Cmd::Save)) => {
                self.dialog = None;
                self.save()
            }
            (Some(Dialog::Unsaved), Action::Cmd(Cmd::DiscardChanges)) => {
                self.dialog = None;
                self.screen = Screen::List;
                vec![Effect::ClearDraft]
            }
            (Some(Dialog::Unsaved), Action::Cmd(Cmd::Back)) => {
                self.dialog = None;
                vec![]
            }
            _ => vec![],
        }
    }

    fn secrets_action(&mut self, a: Action) -> Vec<Effect> {
        let lang = self.lang;
        let (welcome, s) = match &mut self.screen {
            Screen::Welcome(s) => (true, s),
            Screen::Unlock(s) => (false, s),
            _ => return vec![],
        };
        match a {
            Action::Cmd(Cmd::Quit) => vec![Effect::Quit],
            Action::Cmd(Cmd::NextField | Cmd::PrevField) if welcome => {
                s.focus_second = !s.focus_second;
                vec![]
            }
            Action::Cmd(Cmd::Submit) => {
                let first = s.first_text();
                if first.is_empty() {
                    self.message = Some(t(lang, "ui.err.empty_passphrase").into());
                    return vec![];
                }
                if welcome && !s.focus_second {
                    s.focus_second = true;
                    return vec![];
                }
                if welcome && first.chars().count() < crate::crypto::MIN_PASSPHRASE_CHARS {
                    s.first = masked();
                    s.second = masked();
                    s.focus_second = false;
                    let n = crate::crypto::MIN_PASSPHRASE_CHARS.to_string();
                    self.message = Some(crate::i18n::tf(lang, "err.short_passphrase", &[("n", &n)]));
                    return vec![];
                }
                if welcome && s.second_text() != first {
                    s.second = masked();
                    self.message = Some(t(lang, "ui.err.mismatch").into());
                    return vec![];
                }
                let pass = SecretString::from(first);
                *s = Secrets { focus_second: false, ..Secrets::default() };
                self.message =
                    Some(t(lang, if welcome { "ui.msg.creating" } else { "ui.msg.unlocking" }).into());
                vec![if welcome { Effect::CreateVault(pass) } else { Effect::Unlock(pass) }]
            }
            Action::Key(k) => {
                let area = if s.focus_second { &mut s.second } else { &mut s.first };
                if k.code != KeyCode::Enter {
                    area.input(k);
                }
                vec![]
            }
            Action::Paste(p) => {
                let area = if s.focus_second { &mut s.second } else { &mut s.first };
                area.insert_str(p.lines().next().unwrap_or(""));
                vec![]
            }
            _ => vec![],
        }
    }

    fn list_action(&mut self, a: Action) -> Vec<Effect> {
        let l = &mut self.list;
        let fx = match a {
            Action::Cmd(Cmd::Quit) => vec![Effect::Quit],
            Action::Cmd(Cmd::New) => {
                self.message = None;
                self.screen = Screen::Editor(Box::new(Form::new_record(self.today)));
                vec![]
            }
            Action::Cmd(c @ (Cmd::Open | Cmd::Edit)) => {
                l.searching = false;
                l.selected_id()
                    .map(|id| Effect::Load { id: id.to_string(), edit: c == Cmd::Edit })
                    .into_iter()
                    .collect()
            }
            Action::Cmd(Cmd::Search) => {
                l.searching = true;
                vec![]
            }
            Action::Cmd(Cmd::Stats) => vec![Effect::LoadStats],
            Action::Cmd(Cmd::Share) => {
                l.searching = false;
                // Marked consultations go together; otherwise the selected one.
                if !l.marked.is_empty() && !l.received_view {
                    return vec![Effect::PrepareShare { ids: l.marked.clone() }];
                }
                l.selected_id()
                    .map(|id| Effect::PrepareShare { ids: vec![id.to_string()] })
                    .into_iter()
                    .collect()
            }
            Action::Cmd(Cmd::Toggle) => {
                l.toggle_mark();
                vec![]
            }
            Action::Cmd(Cmd::Import) => {
                l.searching = false;
                self.transfer = Some(Transfer::Import(Box::new(ImportDialog::new(&self.out_dir))));
                let mut dirs = vec![self.out_dir.clone()];
                dirs.extend(self.in_dirs.iter().filter(|d| **d != self.out_dir).cloned());
                vec![Effect::ListIncoming { dirs }]
            }
            Action::Cmd(Cmd::Contacts) => {
                l.searching = false;
                let dir = self.in_dirs.first().unwrap_or(&self.out_dir).clone();
                self.transfer =
                    Some(Transfer::Contacts(Box::new(super::contacts::ContactsDialog::new(&dir))));
                let mut dirs = self.in_dirs.clone();
                if !dirs.contains(&self.out_dir) {
                    dirs.push(self.out_dir.clone());
                }
                vec![Effect::LoadContacts, Effect::ListCards { dirs }]
            }
            Action::Cmd(Cmd::SwitchView) => {
                l.switch_view();
                vec![]
            }
            Action::Cmd(Cmd::Submit) => {
                l.searching = false;
                vec![]
            }
            Action::Cmd(Cmd::Back) => {
                l.clear_search();
                vec![]
            }
            Action::Cmd(Cmd::FilterForm) => {
                l.cycle_form();
                vec![]
            }
            Action::Cmd(Cmd::FilterStatus) => {
                l.cycle_status();
                vec![]
            }
            Action::Cmd(Cmd::FilterUrgency) => {
                l.cycle_urgency();
                vec![]
            }
            Action::Cmd(Cmd::Up) => {
                l.move_by(-1);
                vec![]
            }
            Action::Cmd(Cmd::Down) => {
                l.move_by(1);
                vec![]
            }
            Action::Cmd(Cmd::PageUp) => {
                l.move_by(-(self.page as isize));
                vec![]
            }
            Action::Cmd(Cmd::PageDown) => {
                l.move_by(self.page as isize);
                vec![]
            }
            Action::Key(k) if l.searching => {
                match k.code {
                    KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => l.type_char(c),
                    KeyCode::Backspace => l.backspace(),
                    _ => {}
                }
                vec![]
            }
            Action::Paste(p) if l.searching => {
                l.query.push_str(p.lines().next().unwrap_or(""));
                l.refilter(false);
                vec![]
            }
            _ => vec![],
        };
        self.list.offset = self.list.window(self.page);
        fx
    }

    fn detail_action(&mut self, a: Action) -> Vec<Effect> {
        let Screen::Detail { record, scroll } = &mut self.screen else { return vec![] };
        match a {
            Action::Cmd(Cmd::Back) => {
                self.screen = Screen::List;
                vec![]
            }
            Action::Cmd(Cmd::Share) => vec![Effect::PrepareShare { ids: vec![record.id.clone()] }],
            Action::Cmd(Cmd::Edit) => {
                let r = record.as_ref().clone();
                self.screen = Screen::Editor(Box::new(Form::from_consultation(Some(r.id), r.consultation)));
                vec![]
            }
            Action::Cmd(Cmd::Up) => {
                *scroll = scroll.saturating_sub(1);
                vec![]
            }
            Action::Cmd(Cmd::Down) => {
                *scroll = scroll.saturating_add(1);
                vec![]
            }
            Action::Cmd(Cmd::PageUp) => {
                *scroll = scroll.saturating_sub(10);
                vec![]
            }
            Action::Cmd(Cmd::PageDown) => {
                *scroll = scroll.saturating_add(10);
                vec![]
            }
            _ => vec![],
        }
    }

    fn transfer_action(&mut self, a: Action) -> Vec<Effect> {
        let (lang, home) = (self.lang, self.home.as_deref());
        let step = match &mut self.transfer {
            Some(Transfer::Share(d)) => d.update(a, lang, home),
            Some(Transfer::Import(d)) => d.update(a, lang, home),
            Some(Transfer::Contacts(d)) => d.update(a, lang, home),
            None => Step::Stay,
        };
        match step {
            Step::Stay => vec![],
            Step::Close => {
                self.transfer = None;
                vec![]
            }
            Step::Run(e) => vec![e],
            Step::Edit(id, at) => {
                self.transfer = None;
                self.edit_at = Some(at);
                vec![Effect::Load { id, edit: true }]
            }
        }
    }

    fn imported(
        &mut self,
        rows: Vec<summary::Summary>,
        received: &[String],
        advised: &[String],
        skipped: usize,
    ) -> Vec<Effect> {
        self.transfer = None;
        self.list.set_rows(rows);
        let lang = self.lang;
        let n = |v: usize| v.to_string();
        let first = received.first().or(advised.first());
        if let Some(id) = first {
            // Show what came in: received cases in their own view, advice on one's own case.
            if self.list.received_view != received.contains(id) {
                self.list.switch_view();
            }
            self.list.finish();
            self.list.select_id(id);
            self.list.offset = self.list.window(self.page);
            self.screen = Screen::List;
        }
        let mut parts = vec![];
        if !received.is_empty() {
            parts.push(tf(lang, "ui.msg.imported_bundle", &[("n", &n(received.len()))]));
        }
        if !advised.is_empty() {
            parts.push(tf(lang, "ui.msg.imported_reply", &[("n", &n(advised.len()))]));
        }
        if parts.is_empty() {
            parts.push(t(lang, "err.nothing_new").to_string());
        } else if skipped > 0 {
            parts.push(tf(lang, "ui.msg.import_skipped", &[("n", &n(skipped))]));
        }
        self.message = Some(parts.join(" "));
        let ids: Vec<String> = received.iter().chain(advised).cloned().collect();
        if ids.is_empty() { vec![] } else { vec![Effect::LoadSearchTexts { ids, from: 0 }] }
    }

    fn save(&mut self) -> Vec<Effect> {
        let Screen::Editor(f) = &mut self.screen else { return vec![] };
        match f.to_consultation() {
            Ok(c) => vec![Effect::Save { id: f.id.clone(), consultation: Box::new(c) }],
            Err(key) => {
                f.error = Some(t(self.lang, key).to_string());
                vec![]
            }
        }
    }

    fn stats_action(&mut self, a: Action) -> Vec<Effect> {
        match (&mut self.screen, a) {
            (_, Action::Cmd(Cmd::Back)) => self.screen = Screen::List,
            (Screen::Stats(v), Action::Cmd(cmd)) => return v.update(cmd),
            _ => {}
        }
        vec![]
    }

    fn editor_action(&mut self, a: Action) -> Vec<Effect> {
        let Screen::Editor(f) = &mut self.screen else { return vec![] };
        match a {
            Action::Cmd(Cmd::Save) => self.save(),
            Action::Cmd(Cmd::NextField) => {
                f.next();
                vec![]
            }
            Action::Cmd(Cmd::PrevField) => {
                f.prev();
                vec![]
            }
            Action::Cmd(Cmd::ReplaceFinding) => {
                f.replace_finding();
                vec![]
            }
            Action::Cmd(Cmd::NotPersonal) => {
                f.dismiss_finding();
                vec![]
            }
            Action::Cmd(Cmd::Back) => {
                if f.dirty {
                    self.dialog = Some(Dialog::Unsaved);
                } else {
                    self.screen = Screen::List;
                }
                vec![]
            }
            Action::Key(k) => {
                f.key(k);
                vec![]
            }
            Action::Paste(p) => {
                f.paste(&p);
                vec![]
            }
            _ => vec![],
        }
    }

    /// For tests and the event loop: a key through the keymap, then `update`.
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let a = super::keymap::resolve(self.context(), key);
        self.update(a)
    }
}

use crate::domain::summary;
