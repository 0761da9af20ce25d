//! The UI never waits on a stuck disk: the vault's work runs on its own thread, a write that
//! does not come back becomes "bezig met opslaan" (and another save waits), and the answers
//! arrive in order once the disk answers again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod faulty_engine;
mod tui_common;
use age::secrecy::SecretString;
use consultlog::domain::Consultation;
use consultlog::i18n::Lang;
use consultlog::store::Vault;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Screen};
use consultlog::tui::effects::Runner;
use consultlog::tui::worker::Worker;
use crossterm::event::KeyCode;
use faulty_engine::Faults;
use std::time::{Duration, Instant};
use tui_common::*;

fn pass() -> SecretString {
    SecretString::from("fictief wachtwoord voor tests".to_string())
}

fn consultation(text: &str) -> Box<Consultation> {
    let mut c = Consultation::new(today());
    c.prompts.insert("facts".into(), text.into());
    Box::new(c)
}

fn save(text: &str) -> Effect {
    Effect::Save { id: None, consultation: consultation(text), draft: "draft/x".into() }
}

/// Polls until `n` late answers came (the disk answers once released; no timing is asserted).
fn late(w: &mut Worker, n: usize) -> Vec<Vec<Action>> {
    let mut got = vec![];
    let until = Instant::now() + Duration::from_secs(60);
    while got.len() < n && Instant::now() < until {
        got.extend(w.poll());
        std::thread::sleep(Duration::from_millis(5));
    }
    got
}

#[test]
fn a_stuck_write_comes_back_as_not_yet_and_its_answers_arrive_in_order() {
    let t = tempfile::tempdir().unwrap();
    drop(Vault::create(t.path(), &pass(), Some(10)).unwrap());
    let faults = Faults::default();
    let vault = Vault::open_with_engine(t.path(), &pass(), faults.opener()).unwrap();
    let mut w =
        Worker::spawn(Runner::opened(t.path().to_path_buf(), Lang::Nl, vault), Duration::from_millis(50));
    // A healthy disk: the answer comes (at once, or a moment later on a loaded machine).
    let a = w.run(save("eerste")).or_else(|| late(&mut w, 1).pop()).expect("answered");
    assert!(matches!(a.as_slice(), [Action::Saved { .. }]), "{a:?}");
    assert!(!w.waiting());
    // The disk stops answering: the loop hears "not yet" instead of hanging.
    faults.stick(true);
    assert!(w.run(save("tweede")).is_none());
    assert!(w.waiting());
    // Later work queues behind it, in order.
    assert!(w.run(save("derde")).is_none());
    assert!(w.poll().is_empty(), "nothing is back while the disk hangs");
    faults.stick(false);
    let answers = late(&mut w, 2);
    assert_eq!(answers.len(), 2);
    let texts: Vec<String> = answers
        .iter()
        .map(|a| match a.as_slice() {
            [Action::Saved { text, .. }] => text.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(texts[0].contains("tweede") && texts[1].contains("derde"), "{texts:?}");
    assert!(!w.waiting());
    drop(w);
    let v = Vault::open(t.path(), &pass()).unwrap();
    assert_eq!(v.records().count(), 3);
}

#[test]
fn while_the_disk_is_slow_the_screen_says_so_and_another_save_waits() {
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(3)), damaged: 0, drafts: vec![] });
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "tekst onderweg");
    let fx = app.key(ctrl('s'));
    assert!(matches!(fx.as_slice(), [Effect::Save { .. }]));
    app.update(Action::StorageBusy(true));
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("Bezig met opslaan"), "{screen}");
    // Typing goes on; a second Ctrl+S waits for the first.
    type_str(&mut app, " en meer");
    assert!(app.key(ctrl('s')).is_empty());
    assert!(app.message.as_deref().unwrap().contains("nog niet op de schijf"));
    let Screen::Editor(f) = &app.screen else { panic!() };
    assert!(f.text_of(consultlog::tui::form::FieldId::Prompt(0)).ends_with("en meer"));
    app.update(Action::StorageBusy(false));
    assert!(!capture(&app, 100, 30).contains("Bezig met opslaan"));
    assert!(matches!(app.key(ctrl('s')).as_slice(), [Effect::Save { .. }]));
}
