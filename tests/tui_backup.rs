//! Automatic backups from the UI: after a change (once the interval has passed) and on quit
//! after changes, into the folder the settings name, rotated; the list's status line says
//! when the last one was made. And quitting never drops text that could not be kept as a
//! draft without asking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use age::secrecy::SecretString;
use consultlog::backups::{self, Settings};
use consultlog::i18n::Lang;
use consultlog::store::Vault;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Dialog, Screen};
use consultlog::tui::effects::Runner;
use crossterm::event::KeyCode;
use std::collections::VecDeque;
use tui_common::*;

fn pass() -> SecretString {
    SecretString::from("fictief wachtwoord voor tests".to_string())
}

/// Runs effects as the event loop does (an automatic backup at once, as when the user
/// pauses); returns the effects the loop would have set aside.
fn pump(app: &mut App, fx: &mut Runner, effects: Vec<Effect>) -> Vec<&'static str> {
    let mut queue: VecDeque<Effect> = effects.into();
    let mut seen = vec![];
    while let Some(e) = queue.pop_front() {
        seen.push(match e {
            Effect::AutoBackup => "AutoBackup",
            Effect::Quit => "Quit",
            _ => "",
        });
        if matches!(e, Effect::Quit | Effect::LoadSearchTexts { .. }) {
            continue;
        }
        for a in fx.run(e) {
            queue.extend(app.update(a));
        }
    }
    seen
}

struct Setup {
    _t: tempfile::TempDir,
    vault_dir: std::path::PathBuf,
    usb: std::path::PathBuf,
}

/// A vault with a backup folder set, keep 2.
fn setup() -> Setup {
    let t = tempfile::tempdir().unwrap();
    let vault_dir = t.path().join("vault");
    let usb = t.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let v = Vault::create(&vault_dir, &pass(), Some(10)).unwrap();
    let mut s = Settings::default();
    s.set("backup.dir", usb.to_str().unwrap(), &vault_dir).unwrap();
    s.set("backup.keep", "2", &vault_dir).unwrap();
    s.store(&v, "backup.dir").unwrap();
    drop(v);
    Setup { _t: t, vault_dir, usb }
}

fn unlocked(s: &Setup) -> (App, Runner) {
    let mut fx = Runner::new(s.vault_dir.clone(), Lang::Nl, Some(10), None);
    let mut app = App::new(Lang::Nl, today(), true);
    let results = fx.run(Effect::Unlock(pass()));
    for a in results {
        let e = app.update(a);
        pump(&mut app, &mut fx, e);
    }
    assert!(matches!(app.screen, Screen::List | Screen::Editor(_)), "{:?}", app.message);
    (app, fx)
}

fn save_new(app: &mut App, fx: &mut Runner, text: &str) -> Vec<&'static str> {
    app.key(key(KeyCode::Char('n')));
    type_str(app, text);
    let e = app.key(ctrl('s'));
    pump(app, fx, e)
}

#[test]
fn a_save_brings_a_backup_the_status_line_says_so_and_quit_backs_up_what_changed() {
    let s = setup();
    let (mut app, mut fx) = unlocked(&s);
    // Never backed up: the status line warns.
    app.message = None;
    assert!(capture(&app, 100, 30).contains("Nog geen back-up"), "{}", capture(&app, 100, 30));
    assert!(!fx.quit_backup_due(), "nothing changed yet: no backup on quit");
    let ran = save_new(&mut app, &mut fx, "eerste gesprek met de school");
    assert!(ran.contains(&"AutoBackup"), "the first change brings a backup: {ran:?}");
    assert_eq!(backups::list(&s.usb).len(), 1);
    app.message = None;
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("Laatste back-up:") && !screen.contains("Nog geen"), "{screen}");
    // A second change within the interval: no new backup now, but one on quit.
    let ran = save_new(&mut app, &mut fx, "tweede gesprek");
    assert!(!ran.contains(&"AutoBackup"), "{ran:?}");
    assert!(fx.quit_backup_due());
    // The loop's quit: the backup, then out; the backup holds both consultations.
    let e = app.key(key(KeyCode::Char('q')));
    assert!(pump(&mut app, &mut fx, e).contains(&"Quit"));
    assert!(fx.run(Effect::AutoBackup).iter().any(|a| matches!(a, Action::BackupState(_))));
    assert!(!fx.quit_backup_due(), "backed up: nothing waits");
    let files = backups::list(&s.usb);
    assert_eq!(files.len(), 2);
    drop(fx);
    let restored = s._t.path().join("restored");
    let (v, info) = Vault::restore(
        files.last().unwrap(),
        &consultlog::store::BackupKey::Passphrase(pass()),
        &restored,
        &pass(),
        Some(10),
    )
    .unwrap();
    assert_eq!(info.records, 2);
    assert!(v.verify().unwrap().is_sound());
}

#[test]
fn rotation_keeps_the_newest_and_a_missing_folder_is_said_once_not_a_crash() {
    let s = setup();
    let (mut app, mut fx) = unlocked(&s);
    for i in 0..3 {
        let a = fx.run(Effect::AutoBackup);
        assert!(a.iter().any(|a| matches!(a, Action::BackupState(_))), "backup {i}");
    }
    assert_eq!(backups::list(&s.usb).len(), 2, "keep 2");
    // The USB stick is pulled: a clear message, the program goes on.
    std::fs::remove_dir_all(&s.usb).unwrap();
    let a = fx.run(Effect::AutoBackup);
    let [Action::BackupFailed(m)] = a.as_slice() else { panic!("{a:?}") };
    assert!(m.contains("is er niet"), "{m}");
    app.update(a.into_iter().next().unwrap());
    assert!(app.message.as_deref().unwrap().starts_with("Automatische back-up mislukt"));
    assert!(!app.backing_up);
}

#[test]
fn quitting_when_the_draft_cannot_be_written_asks_instead_of_losing_the_text() {
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(2)), damaged: 0, drafts: vec![] });
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "halve zin over de reis");
    app.key(ctrl('c'));
    let fx = app.key(ctrl('c'));
    let [Effect::SaveDraft { name, .. }, Effect::Quit] = fx.as_slice() else { panic!("{fx:?}") };
    // The draft write fails (disk full): the quit waits, and the app asks.
    app.update(Action::DraftFailed {
        name: name.clone(),
        message: "Er is geen ruimte meer op de schijf.".into(),
    });
    assert!(app.take_quit_refused(), "the loop must not quit");
    assert!(!app.take_quit_refused(), "asked once per quit");
    assert_eq!(app.dialog(), Some(Dialog::QuitLoses));
    let Screen::Editor(f) = &app.screen else { panic!() };
    assert_eq!(f.text_of(consultlog::tui::form::FieldId::Prompt(0)), "halve zin over de reis");
    for (w, h) in [(100, 30), (60, 15)] {
        let screen = capture(&app, w, h);
        assert!(screen.contains("afsluiten verliest hem"), "{screen}");
        assert!(
            screen.contains("a: toch afsluiten") && screen.contains("terug"),
            "the keys fit at {w}x{h}:\n{screen}"
        );
    }
    // Esc: back to the text; asked again on the next quit.
    app.key(key(KeyCode::Esc));
    assert_eq!(app.dialog(), None);
    app.key(ctrl('c'));
    let fx = app.key(ctrl('c'));
    let [Effect::SaveDraft { name, .. }, Effect::Quit] = fx.as_slice() else { panic!("{fx:?}") };
    app.update(Action::DraftFailed { name: name.clone(), message: "schijf vol".into() });
    assert!(app.take_quit_refused());
    // 'a': out, knowingly.
    let fx = app.key(key(KeyCode::Char('a')));
    assert!(matches!(fx.as_slice(), [Effect::Quit]), "{fx:?}");
    assert!(!app.take_quit_refused());
}

#[test]
fn a_quit_whose_draft_is_written_goes_through() {
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(2)), damaged: 0, drafts: vec![] });
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "tekst");
    app.key(ctrl('c'));
    let fx = app.key(ctrl('c'));
    let [Effect::SaveDraft { name, .. }, Effect::Quit] = fx.as_slice() else { panic!("{fx:?}") };
    app.update(Action::DraftSaved(name.clone()));
    assert!(!app.take_quit_refused());
}

/// `b` before a folder is set asks for one in the UI (a worker need not know the command
/// line), refuses a folder that is not there or lies in the vault with the reason, and once
/// one is accepted stores it as `settings backup.dir` would and writes a backup into it.
#[test]
fn b_without_a_folder_asks_for_one_and_backs_up_into_it() {
    let t = tempfile::tempdir().unwrap();
    let vault_dir = t.path().join("vault");
    let usb = t.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    drop(Vault::create(&vault_dir, &pass(), Some(10)).unwrap());
    let s = Setup { _t: t, vault_dir: vault_dir.clone(), usb: usb.clone() };
    let (mut app, mut fx) = unlocked(&s);
    let screen = |app: &App| capture(app, 100, 30);
    assert!(screen(&app).contains("Nog geen back-up: druk op b"), "{}", screen(&app));
    assert!(app.key(key(KeyCode::Char('b'))).is_empty(), "nothing is written before a folder is chosen");
    assert!(screen(&app).contains("Map voor back-ups"), "{}", screen(&app));
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    assert!(screen(&app).contains("Typ de map waar de back-ups in komen."), "{}", screen(&app));
    let submit = |app: &mut App, fx: &mut Runner, path: &std::path::Path| {
        for _ in 0..200 {
            app.key(key(KeyCode::Backspace));
        }
        type_str(app, path.to_str().unwrap());
        let e = app.key(key(KeyCode::Enter));
        assert!(matches!(e.as_slice(), [Effect::SetBackupDir { dir }] if dir == path), "{e:?}");
        pump(app, fx, e)
    };
    submit(&mut app, &mut fx, &s._t.path().join("geen-usb"));
    assert!(screen(&app).contains("geen bestaande map"), "{}", screen(&app));
    submit(&mut app, &mut fx, &vault_dir.join("db"));
    assert!(screen(&app).contains("ligt in de map van de kluis"), "{}", screen(&app));
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 0);
    let ran = submit(&mut app, &mut fx, &usb);
    assert!(ran.contains(&"AutoBackup"), "{ran:?}");
    assert!(!screen(&app).contains("Map voor back-ups"), "the dialog closes");
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 1, "one backup written");
    assert!(screen(&app).contains("Back-ups komen voortaan in"), "{}", screen(&app));
    assert!(app.backup.as_ref().is_some_and(|b| b.configured && b.last.is_some()));
    drop(fx);
    let v = Vault::open(&vault_dir, &pass()).unwrap();
    assert_eq!(Settings::load(&v).unwrap().dir, Some(usb.canonicalize().unwrap()));
}

/// The status line at a pinned day: today's backup by time, an old one warned with its age,
/// none with the way to set a folder; a message takes the line while it is shown.
#[test]
fn the_status_line_tells_how_old_the_last_backup_is() {
    use chrono::TimeZone;
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(3)), damaged: 0, drafts: vec![] });
    app.message = None;
    // Noon-ish hours, shown in the user's time zone (UTC on the test machines).
    let at = |d: u32, h: u32| Some(chrono::Utc.with_ymd_and_hms(2026, 11, d, h, 30, 0).unwrap());
    let hm = |d: u32, h: u32| at(d, h).unwrap().with_timezone(&chrono::Local).format("%H:%M").to_string();
    let line = |app: &App| capture(app, 100, 30).lines().nth(28).unwrap_or_default().trim().to_string();
    app.update(Action::BackupState(backups::BackupState { last: None, configured: false, warn_days: 7 }));
    assert_eq!(line(&app), "Nog geen back-up: druk op b om een map te kiezen");
    app.update(Action::BackupState(backups::BackupState { last: at(20, 9), configured: true, warn_days: 7 }));
    assert_eq!(line(&app), format!("Laatste back-up: vandaag {}", hm(20, 9)));
    app.update(Action::BackupState(backups::BackupState {
        last: at(19, 13),
        configured: true,
        warn_days: 7,
    }));
    assert_eq!(line(&app), format!("Laatste back-up: gisteren {}", hm(19, 13)));
    app.update(Action::BackupState(backups::BackupState {
        last: at(11, 11),
        configured: true,
        warn_days: 7,
    }));
    assert_eq!(line(&app), format!("Laatste back-up 9 dagen geleden (11-11-2026 {})", hm(11, 11)));
    app.update(Action::BackupDue);
    assert_eq!(line(&app), "Back-up maken…");
    app.message = Some("Opgeslagen.".into());
    assert_eq!(line(&app), "Opgeslagen.");
}

#[test]
fn a_failing_backup_is_retried_once_per_interval_and_a_lock_backs_up_what_changed() {
    let s = setup();
    let (mut app, mut fx) = unlocked(&s);
    std::fs::remove_dir_all(&s.usb).unwrap();
    let ran = save_new(&mut app, &mut fx, "eerste");
    assert!(ran.contains(&"AutoBackup"), "{ran:?}");
    assert!(app.message.as_deref().unwrap().starts_with("Automatische back-up mislukt"));
    // The next saves do not nag: the folder is tried again after the interval (or on quit).
    let ran = save_new(&mut app, &mut fx, "tweede");
    assert!(!ran.contains(&"AutoBackup"), "{ran:?}");
    assert!(fx.quit_backup_due());
    // The stick is back; locking backs up what changed before the passphrase is dropped.
    std::fs::create_dir(&s.usb).unwrap();
    let out = fx.run(Effect::Lock);
    assert!(out.iter().any(|a| matches!(a, Action::BackupState(_))), "{out:?}");
    assert_eq!(backups::list(&s.usb).len(), 1);
    // Locked: no passphrase, nothing due.
    assert!(!fx.quit_backup_due());
}

/// Changes saved in an earlier session whose backup failed (or that was quit before the
/// interval) are backed up in the next: the periodic check finds them at once.
#[test]
fn changes_not_yet_backed_up_are_found_at_unlock_and_the_periodic_check_backs_them_up() {
    let s = setup();
    {
        let v = Vault::open(&s.vault_dir, &pass()).unwrap();
        v.add_many(consultlog::domain::demo::generate(2, 1, today().0)).unwrap();
    }
    let (mut app, mut fx) = unlocked(&s);
    // The event loop's periodic check (with each draft tick).
    let check = fx.run(Effect::CheckBackup);
    assert!(matches!(check.as_slice(), [Action::BackupDue]), "{check:?}");
    let e = app.update(check.into_iter().next().unwrap());
    assert!(pump(&mut app, &mut fx, e).contains(&"AutoBackup"));
    assert_eq!(backups::list(&s.usb).len(), 1);
    // Backed up: the next check finds nothing to do.
    assert!(fx.run(Effect::CheckBackup).is_empty());
}

#[test]
fn b_in_the_list_makes_a_backup_now_and_a_failing_one_stays_on_the_status_line() {
    let s = setup();
    let (mut app, mut fx) = unlocked(&s);
    app.message = None;
    let e = app.key(key(KeyCode::Char('b')));
    assert!(matches!(e.as_slice(), [Effect::AutoBackup]), "{e:?}");
    assert!(app.backing_up);
    pump(&mut app, &mut fx, e);
    assert_eq!(backups::list(&s.usb).len(), 1);
    std::fs::remove_dir_all(&s.usb).unwrap();
    let e = app.key(key(KeyCode::Char('b')));
    pump(&mut app, &mut fx, e);
    let m = app.message.clone().unwrap();
    assert!(m.contains("is er niet (USB-stick niet aangesloten?)"), "{m}");
    // The message is read once; the status line keeps saying it until a backup works.
    app.key(key(KeyCode::Down));
    let line = capture(&app, 60, 15).lines().nth(13).unwrap_or_default().to_string();
    assert!(line.starts_with("Back-up mislukt (zie de melding) · laatste:"), "{line}");
    std::fs::create_dir(&s.usb).unwrap();
    let e = app.key(key(KeyCode::Char('b')));
    pump(&mut app, &mut fx, e);
    assert!(!app.backup_failing);
}
