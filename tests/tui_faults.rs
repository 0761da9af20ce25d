//! The UI under storage faults and with several drafts: a failed save or draft write keeps
//! every word (and says, in Dutch, that it is only in memory); a save after space is back
//! goes through; drafts of different consultations live side by side and all come back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod faulty_engine;
mod tui_common;
use age::secrecy::SecretString;
use consultlog::i18n::Lang;
use consultlog::store::Vault;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Dialog, Screen};
use consultlog::tui::effects::Runner;
use consultlog::tui::form::FieldId;
use crossterm::event::KeyCode;
use faulty_engine::Faults;
use std::collections::VecDeque;
use tui_common::*;
use zeroize::Zeroizing;

fn pass() -> SecretString {
    SecretString::from("fictief wachtwoord voor tests".to_string())
}

fn unlocked(n: usize) -> App {
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(n)), damaged: 0, drafts: vec![] });
    app
}

fn editor_text(app: &App) -> String {
    let Screen::Editor(f) = &app.screen else { panic!("the editor closed") };
    f.text_of(FieldId::Prompt(0))
}

/// Runs effects against the vault and feeds the results back, as the event loop does.
fn pump(app: &mut App, fx: &mut Runner, effects: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        if matches!(e, Effect::Quit | Effect::LoadSearchTexts { .. }) {
            continue;
        }
        for a in fx.run(e) {
            queue.extend(app.update(a));
        }
    }
}

#[test]
fn a_failed_save_keeps_the_editor_and_says_the_text_is_only_in_memory() {
    let mut app = unlocked(3);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "moeder belde vanuit het buitenland");
    let fx = app.key(ctrl('s'));
    let [Effect::Save { draft, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    assert!(draft.starts_with("draft/"), "{draft}");
    app.update(Action::SaveFailed("Er is geen ruimte meer op de schijf.".into()));
    assert_eq!(editor_text(&app), "moeder belde vanuit het buitenland");
    let m = app.message.clone().unwrap();
    assert!(
        m.contains("Niet opgeslagen") && m.contains("alleen in het geheugen") && m.contains("ruimte"),
        "{m}"
    );
    // Later, Ctrl+S tries again with the same text.
    let fx = app.key(ctrl('s'));
    let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(consultation.prompts.values().next().unwrap(), "moeder belde vanuit het buitenland");
}

#[test]
fn a_lock_whose_draft_write_fails_keeps_the_text_and_brings_it_back() {
    let mut app = unlocked(2);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "halverwege een zin");
    let fx = app.key(ctrl('l'));
    let [Effect::SaveDraft { name, .. }, Effect::Lock] = fx.as_slice() else { panic!("{fx:?}") };
    let name = name.clone();
    app.update(Action::DraftFailed { name, message: "Er is geen ruimte meer op de schijf.".into() });
    assert!(matches!(app.screen, Screen::Unlock(_)));
    assert!(app.message.as_deref().unwrap().contains("alleen in het geheugen"));
    app.update(Action::Unlocked { rows: rows(&records(2)), damaged: 0, drafts: vec![] });
    assert_eq!(editor_text(&app), "halverwege een zin");
    assert!(app.message.as_deref().unwrap().contains("alleen in het geheugen"));
}

#[test]
fn drafts_are_offered_one_after_another_and_each_save_clears_its_own() {
    let mut a = unlocked(0);
    a.key(key(KeyCode::Char('n')));
    type_str(&mut a, "eerste gesprek");
    let [Effect::SaveDraft { name: n1, bytes: b1 }] =
        <[Effect; 1]>::try_from(a.update(Action::DraftTick)).unwrap()
    else {
        panic!()
    };
    let mut b = unlocked(0);
    b.key(key(KeyCode::Char('n')));
    type_str(&mut b, "tweede gesprek");
    let [Effect::SaveDraft { name: n2, bytes: b2 }] =
        <[Effect; 1]>::try_from(b.update(Action::DraftTick)).unwrap()
    else {
        panic!()
    };
    assert_ne!(n1, n2, "two new consultations share a draft");
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked {
        rows: vec![],
        damaged: 0,
        drafts: vec![(n1.clone(), Zeroizing::new(b1.to_vec())), (n2.clone(), Zeroizing::new(b2.to_vec()))],
    });
    assert_eq!(app.dialog(), Some(Dialog::Draft));
    app.key(key(KeyCode::Enter));
    assert_eq!(editor_text(&app), "eerste gesprek");
    let fx = app.key(ctrl('s'));
    assert!(matches!(fx.as_slice(), [Effect::Save { draft, .. }] if *draft == n1), "{fx:?}");
    let row = rows(&records(1)).pop().unwrap();
    app.update(Action::Saved { row: Box::new(row), text: String::new() });
    // The other draft is offered next.
    assert_eq!(app.dialog(), Some(Dialog::Draft));
    app.key(key(KeyCode::Enter));
    assert_eq!(editor_text(&app), "tweede gesprek");
}

#[test]
fn a_full_disk_during_a_save_keeps_the_text_and_saves_once_space_is_back() {
    let t = tempfile::tempdir().unwrap();
    drop(Vault::create(t.path(), &pass(), Some(10)).unwrap());
    let faults = Faults::default();
    let vault = Vault::open_with_engine(t.path(), &pass(), faults.opener()).unwrap();
    let mut fx = Runner::opened(t.path().to_path_buf(), Lang::Nl, vault);
    let mut app = App::new(Lang::Nl, today(), true);
    start(&mut app, &mut fx);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "zus is niet teruggekomen");
    // The disk is full: the draft and three saves fail.
    faults.fail_next(usize::MAX);
    let tick = app.update(Action::DraftTick);
    pump(&mut app, &mut fx, tick);
    assert!(app.message.as_deref().unwrap().contains("alleen in het geheugen"), "{:?}", app.message);
    for _ in 0..3 {
        let save = app.key(ctrl('s'));
        pump(&mut app, &mut fx, save);
        assert_eq!(editor_text(&app), "zus is niet teruggekomen");
        let m = app.message.clone().unwrap();
        assert!(m.contains("Niet opgeslagen") && m.contains("alleen in het geheugen"), "{m}");
    }
    // Space is back.
    faults.fail_next(0);
    let save = app.key(ctrl('s'));
    pump(&mut app, &mut fx, save);
    assert!(matches!(app.screen, Screen::List), "{:?}", app.message);
    drop(fx);
    let v = Vault::open(t.path(), &pass()).unwrap();
    let saved: Vec<_> = v.records().map(Result::unwrap).collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].consultation.prompts.values().next().unwrap(), "zus is niet teruggekomen");
    assert_eq!(v.scan_meta("draft").count(), 0, "the draft outlived the save");
    assert!(v.verify().unwrap().is_sound());
}

/// The unlocked state as the runner reports it.
fn start(app: &mut App, fx: &mut Runner) {
    let effects = app.update(fx.loaded());
    pump(app, fx, effects);
}

#[test]
fn two_drafts_survive_a_restart() {
    let t = tempfile::tempdir().unwrap();
    drop(Vault::create(t.path(), &pass(), Some(10)).unwrap());
    // Two sessions, each killed with a different new consultation open in the editor.
    for text in ["eerste concept", "tweede concept"] {
        let mut fx =
            Runner::opened(t.path().to_path_buf(), Lang::Nl, Vault::open(t.path(), &pass()).unwrap());
        let mut app = App::new(Lang::Nl, today(), true);
        start(&mut app, &mut fx);
        if app.dialog() == Some(Dialog::Draft) {
            app.key(key(KeyCode::Esc));
        }
        app.key(key(KeyCode::Char('n')));
        type_str(&mut app, text);
        let tick = app.update(Action::DraftTick);
        pump(&mut app, &mut fx, tick);
    }
    let mut fx = Runner::opened(t.path().to_path_buf(), Lang::Nl, Vault::open(t.path(), &pass()).unwrap());
    let mut app = App::new(Lang::Nl, today(), true);
    start(&mut app, &mut fx);
    let mut found = vec![];
    for _ in 0..2 {
        assert_eq!(app.dialog(), Some(Dialog::Draft));
        app.key(key(KeyCode::Enter));
        found.push(editor_text(&app));
        let save = app.key(ctrl('s'));
        pump(&mut app, &mut fx, save);
        assert!(matches!(app.screen, Screen::List));
    }
    found.sort();
    assert_eq!(found, ["eerste concept", "tweede concept"]);
    assert_eq!(app.dialog(), None);
    drop(fx);
    let v = Vault::open(t.path(), &pass()).unwrap();
    assert_eq!(v.scan_meta("draft").count(), 0);
    assert_eq!(v.records().count(), 2);
}

#[test]
fn an_old_single_draft_is_still_offered_and_cleared_on_save() {
    let t = tempfile::tempdir().unwrap();
    let v = Vault::create(t.path(), &pass(), Some(10)).unwrap();
    let mut old = App::new(Lang::Nl, today(), true);
    old.update(Action::Unlocked { rows: vec![], damaged: 0, drafts: vec![] });
    old.key(key(KeyCode::Char('n')));
    type_str(&mut old, "van een oudere versie");
    let [Effect::SaveDraft { bytes, .. }] = <[Effect; 1]>::try_from(old.update(Action::DraftTick)).unwrap()
    else {
        panic!()
    };
    v.put_meta("draft", Some(&bytes)).unwrap();
    let mut fx = Runner::opened(t.path().to_path_buf(), Lang::Nl, v);
    let mut app = App::new(Lang::Nl, today(), true);
    start(&mut app, &mut fx);
    app.key(key(KeyCode::Enter));
    assert_eq!(editor_text(&app), "van een oudere versie");
    let save = app.key(ctrl('s'));
    pump(&mut app, &mut fx, save);
    drop(fx);
    let v = Vault::open(t.path(), &pass()).unwrap();
    assert!(v.get_meta("draft").unwrap().is_none());
}

#[test]
fn the_vault_notice_is_said_once_after_unlock_in_dutch() {
    let t = tempfile::tempdir().unwrap();
    drop(Vault::create(t.path(), &pass(), Some(10)).unwrap());
    // The manifest removed from outside: opening notices.
    {
        // sled frees its file lock a moment after the vault's handle is dropped.
        let mut db = sled::open(t.path().join("db"));
        for _ in 0..100 {
            if db.is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            db = sled::open(t.path().join("db"));
        }
        let db = db.unwrap();
        db.remove(b"mmanifest").unwrap();
        db.flush().unwrap();
    }
    let lock = consultlog::store::VaultLock::acquire(t.path()).unwrap();
    let mut fx = Runner::new(t.path().to_path_buf(), Lang::Nl, Some(10), Some(lock));
    let mut app = App::new(Lang::Nl, today(), true);
    pump(&mut app, &mut fx, vec![Effect::Unlock(pass())]);
    assert!(app.is_unlocked());
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("register (manifest)"), "{m}");
    // Read once: the next key clears it.
    app.key(key(KeyCode::Down));
    assert!(app.message.is_none());
}
