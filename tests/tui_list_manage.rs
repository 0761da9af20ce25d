//! The list that tells rows apart (kenmerk or the first words), its orders, and deleting and
//! changing the passphrase from the program: update logic and TestBackend snapshots.
//! Fictional data only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use consultlog::domain::Record;
use consultlog::domain::search::SortBy;
use consultlog::i18n::Lang;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Overlay, Screen};
use consultlog::tui::manage::Manage;
use crossterm::event::KeyCode;
use tui_common::*;

/// 40 fictional records; every fifth has a kenmerk "Casus <n>", and two are received.
fn labelled(received: bool) -> Vec<Record> {
    let mut rs = records(40);
    for (i, r) in rs.iter_mut().enumerate() {
        if i % 5 == 0 {
            r.consultation.label = format!("Casus {i}");
        }
        if received && i < 2 {
            r.received = Some(received_from_noord(r.created));
        }
    }
    rs
}

fn app_with(lang: Lang, rs: &[Record]) -> App {
    let mut app = App::new(lang, today(), true);
    app.update(Action::Unlocked { rows: rows(rs), damaged: 0, drafts: vec![] });
    app
}

fn tag(lang: Lang) -> &'static str {
    if lang == Lang::Nl { "nl" } else { "en" }
}

/// Every record with its own kenmerk "K-<n>", and two received: a row on screen is known by it.
fn all_labelled() -> Vec<Record> {
    let mut rs = labelled(true);
    for (i, r) in rs.iter_mut().enumerate() {
        r.consultation.label = format!("K-{i:02}");
    }
    rs
}

/// The kenmerk of the row `id`.
fn name_of(app: &App, id: &str) -> String {
    app.list.rows.iter().find(|s| s.id == id).unwrap().label.clone()
}

#[test]
fn list_rows_show_the_kenmerk_or_the_first_words() {
    for lang in [Lang::Nl, Lang::En] {
        let app = app_with(lang, &labelled(false));
        let wide = capture(&app, 100, 30);
        let narrow = capture(&app, 60, 15);
        // The newest rows: a kenmerk where there is one, otherwise the answer's first words.
        let first = app.list.rows[0].clone();
        let start: String =
            if first.label.is_empty() { first.preview.chars().take(20).collect() } else { first.label };
        assert!(!start.is_empty() && wide.contains(&start), "{wide}");
        assert!(app.list.rows.iter().any(|s| s.label.is_empty() && !s.preview.is_empty()));
        assert!(app.list.rows.iter().all(|s| s.preview.chars().count() <= 41));
        insta::assert_snapshot!(format!("list_labels_{}", tag(lang)), wide);
        insta::assert_snapshot!(format!("list_labels_small_{}", tag(lang)), narrow);
    }
}

#[test]
fn search_finds_the_kenmerk_before_the_texts_are_loaded() {
    let mut app = app_with(Lang::Nl, &labelled(false));
    app.key(key(KeyCode::Char('/')));
    type_str(&mut app, "casus 1");
    app.list.finish();
    let found: Vec<String> = app.list.shown.iter().map(|i| app.list.rows[*i].label.clone()).collect();
    assert_eq!(found.len(), 2, "{found:?}"); // Casus 10, Casus 15
    assert!(found.iter().all(|l| l.starts_with("Casus 1")));
}

#[test]
fn the_sort_key_cycles_the_order_and_the_selection_stays_on_screen() {
    for (w, h) in [(100, 30), (60, 15)] {
        let mut app = app_with(Lang::Nl, &all_labelled());
        app.page = usize::from(h) - 6;
        app.width = w;
        // Deep into the list, so that a new order moves the selection far.
        for _ in 0..25 {
            app.key(key(KeyCode::Down));
        }
        let picked = app.list.selected_id().unwrap().to_string();
        assert!(capture(&app, w, h).contains(&name_of(&app, &picked)));
        for want in [SortBy::Urgency, SortBy::Departure, SortBy::NextAction, SortBy::Date] {
            app.key(key(KeyCode::Char('o')));
            assert_eq!(app.list.sort, want);
            assert_eq!(app.list.selected_id(), Some(picked.as_str()), "{want:?}");
            let screen = capture(&app, w, h);
            let title = screen.lines().next().unwrap();
            let word = consultlog::i18n::t(Lang::Nl, want.label());
            assert!(title.contains(word), "{want:?}: {title}");
            assert!(screen.contains(&name_of(&app, &picked)), "{want:?} at {w}x{h}:\n{screen}");
        }
        // Walking the whole list in another order keeps the selection on screen too.
        app.key(key(KeyCode::Char('o')));
        for _ in 0..40 {
            app.key(key(KeyCode::Down));
            let id = app.list.selected_id().unwrap().to_string();
            let screen = capture(&app, w, h);
            assert!(screen.contains(&name_of(&app, &id)), "{w}x{h}:\n{screen}");
        }
        // The received view too.
        app.key(key(KeyCode::Tab));
        app.key(key(KeyCode::Down));
        let id = app.list.selected_id().unwrap().to_string();
        assert!(capture(&app, w, h).contains(&name_of(&app, &id)));
    }
}

#[test]
fn a_save_lands_where_the_current_order_puts_it() {
    let rs = labelled(false);
    let mut app = app_with(Lang::Nl, &rs);
    app.key(key(KeyCode::Char('o'))); // by urgency
    let mut r = rs[30].clone();
    r.consultation.urgency = Some("acute".into());
    r.consultation.consulted_on = consultlog::domain::Date::parse_iso("2020-01-01").unwrap();
    app.update(Action::Saved { row: Box::new(consultlog::domain::Summary::of(&r)), text: String::new() });
    assert_eq!(app.list.selected_id(), Some(r.id.as_str()));
    let by = SortBy::Urgency;
    assert!(app.list.rows.windows(2).all(|w| by.cmp(&w[0], &w[1]).is_lt()));
    assert_eq!(app.list.rows.len(), 40);
}

#[test]
fn delete_asks_naming_the_consultation_then_removes_its_row() {
    for lang in [Lang::Nl, Lang::En] {
        let rs = labelled(false);
        let mut app = app_with(lang, &rs);
        let pos = app.list.shown.iter().position(|i| !app.list.rows[*i].label.is_empty()).unwrap();
        for _ in 0..pos {
            app.key(key(KeyCode::Down));
        }
        let id = app.list.selected_id().unwrap().to_string();
        let row = app.list.rows.iter().find(|s| s.id == id).unwrap().clone();
        assert!(!row.label.is_empty());
        assert!(app.key(key(KeyCode::Delete)).is_empty());
        let Some(Overlay::Manage(Manage::Delete(d))) = app.overlays.last() else { panic!("no question") };
        assert_eq!(d.id, id);
        let screen = capture(&app, 100, 30);
        assert!(screen.contains(&row.consulted_on.dutch()), "{screen}");
        assert!(screen.contains(&row.label), "{screen}");
        insta::assert_snapshot!(format!("delete_dialog_{}", tag(lang)), screen);
        // Esc keeps it; Enter asks the vault to delete it.
        app.key(key(KeyCode::Esc));
        assert!(app.overlays.is_empty());
        assert_eq!(app.list.rows.len(), 40);
        app.key(key(KeyCode::Delete));
        let fx = app.key(key(KeyCode::Enter));
        assert!(matches!(fx.as_slice(), [Effect::Delete { id: x }] if *x == id), "{fx:?}");
        app.update(Action::Deleted { id: id.clone() });
        assert_eq!(app.list.rows.len(), 39);
        assert!(app.list.rows.iter().all(|s| s.id != id));
        assert!(app.list.selected_id().is_some());
        assert!(app.message.as_deref().unwrap().contains(&row.consulted_on.dutch()));
    }
}

#[test]
fn delete_from_the_detail_returns_to_the_list() {
    let rs = labelled(false);
    let mut app = app_with(Lang::Nl, &rs);
    let r = rs.iter().find(|r| !r.consultation.label.is_empty()).unwrap().clone();
    app.update(Action::RecordLoaded { record: Box::new(r.clone()), edit: false });
    app.key(key(KeyCode::Delete));
    let screen = capture(&app, 60, 15);
    assert!(screen.contains(&r.consultation.consulted_on.dutch()), "{screen}");
    let fx = app.key(key(KeyCode::Enter));
    assert!(matches!(fx.as_slice(), [Effect::Delete { .. }]));
    app.update(Action::Deleted { id: r.id.clone() });
    assert!(matches!(app.screen, Screen::List));
    assert!(app.list.rows.iter().all(|s| s.id != r.id));
}

#[test]
fn the_passphrase_dialog_checks_then_asks_the_vault() {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = app_with(lang, &labelled(false));
        app.key(key(KeyCode::Char('p')));
        assert!(matches!(app.overlays.last(), Some(Overlay::Manage(Manage::Passphrase(_)))));
        type_str(&mut app, "oude zin van mij");
        app.key(key(KeyCode::Enter));
        type_str(&mut app, "kort");
        app.key(key(KeyCode::Enter));
        type_str(&mut app, "kort");
        assert!(app.key(key(KeyCode::Enter)).is_empty());
        let screen = capture(&app, 100, 30);
        assert!(!screen.contains("oude zin") && !screen.contains("kort "), "a passphrase shows: {screen}");
        insta::assert_snapshot!(format!("passphrase_short_{}", tag(lang)), screen);
        // The new one is typed again; a different repeat is refused.
        type_str(&mut app, "vier nieuwe losse woorden");
        app.key(key(KeyCode::Enter));
        type_str(&mut app, "vier andere losse woorden");
        assert!(app.key(key(KeyCode::Enter)).is_empty());
        let Some(Overlay::Manage(Manage::Passphrase(d))) = app.overlays.last() else { panic!() };
        assert!(d.error.is_some());
        type_str(&mut app, "vier nieuwe losse woorden");
        let fx = app.key(key(KeyCode::Enter));
        assert!(matches!(fx.as_slice(), [Effect::ChangePassphrase { .. }]), "{fx:?}");
        // While the keys are derived the dialog says so and takes no keys.
        let screen = capture(&app, 100, 30);
        insta::assert_snapshot!(format!("passphrase_busy_{}", tag(lang)), screen);
        assert!(app.key(key(KeyCode::Esc)).is_empty());
        assert!(matches!(app.overlays.last(), Some(Overlay::Manage(Manage::Passphrase(_)))));
        // A wrong current passphrase: the dialog says so and asks again.
        app.update(Action::PassphraseFailed { message: "Onjuiste wachtwoordzin.".into(), locked: false });
        let Some(Overlay::Manage(Manage::Passphrase(d))) = app.overlays.last() else { panic!() };
        assert!(!d.busy && d.error.as_deref() == Some("Onjuiste wachtwoordzin."));
        app.update(Action::PassphraseChanged);
        assert!(app.overlays.is_empty());
        assert!(app.message.is_some());
    }
}

#[test]
fn a_failure_that_closed_the_vault_locks_the_program() {
    let mut app = app_with(Lang::Nl, &labelled(false));
    app.key(key(KeyCode::Char('p')));
    app.update(Action::PassphraseFailed { message: "De schijf is vol.".into(), locked: true });
    assert!(matches!(app.screen, Screen::Unlock(_)));
    assert!(app.list.rows.is_empty());
    assert_eq!(app.message.as_deref(), Some("De schijf is vol."));
}

mod with_a_vault {
    use super::*;
    use age::secrecy::SecretString;
    use consultlog::domain::{Consultation, Date};
    use consultlog::store::{Vault, VaultLock};
    use consultlog::tui::effects::Runner;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    /// A vault with two consultations and a runner that has it open (cheap KDF, tests only).
    fn opened(dir: &std::path::Path) -> (Runner, Vec<String>) {
        let v = Vault::create(dir, &secret("oude wachtzin voor tests"), Some(4)).unwrap();
        let mut c = Consultation::new(Date::parse_iso("2026-03-01").unwrap());
        c.label = "Casus Noord".into();
        let ids = vec![v.add(c.clone()).unwrap(), v.add(c).unwrap()];
        drop(v);
        let lock = VaultLock::acquire(dir).unwrap();
        let mut fx = Runner::new(dir.to_path_buf(), Lang::Nl, Some(4), Some(lock));
        let out = fx.run(Effect::Unlock(secret("oude wachtzin voor tests")));
        assert!(matches!(out.first(), Some(Action::Unlocked { .. })));
        (fx, ids)
    }

    #[test]
    fn delete_removes_the_record_with_its_audit_entry() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("v");
        let (mut fx, ids) = opened(&dir);
        let out = fx.run(Effect::Delete { id: ids[0].clone() });
        assert!(matches!(out.as_slice(), [Action::Deleted { id }] if *id == ids[0]));
        drop(fx);
        let v = Vault::open(&dir, &secret("oude wachtzin voor tests")).unwrap();
        assert!(v.get(&ids[0]).is_err());
        assert!(v.get(&ids[1]).is_ok());
        let log = consultlog::audit::entries(&v).unwrap();
        let last = log.last().unwrap();
        assert_eq!((last.action.as_str(), last.detail["id"].as_str()), ("delete", Some(ids[0].as_str())));
        assert!(v.verify().unwrap().is_sound());
    }

    #[test]
    fn the_passphrase_changes_only_with_the_current_one() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("v");
        let (mut fx, ids) = opened(&dir);
        let out = fx.run(Effect::ChangePassphrase {
            old: secret("niet de goede zin"),
            new: secret("nieuwe wachtzin voor tests"),
        });
        assert!(matches!(out.as_slice(), [Action::PassphraseFailed { locked: false, .. }]));
        // Still open: the work goes on.
        assert!(matches!(
            fx.run(Effect::Load { id: ids[0].clone(), edit: false }).as_slice(),
            [Action::RecordLoaded { .. }]
        ));
        let out = fx.run(Effect::ChangePassphrase {
            old: secret("oude wachtzin voor tests"),
            new: secret("nieuwe wachtzin voor tests"),
        });
        assert!(matches!(out.as_slice(), [Action::PassphraseChanged]));
        assert!(matches!(
            fx.run(Effect::Load { id: ids[1].clone(), edit: false }).as_slice(),
            [Action::RecordLoaded { .. }]
        ));
        drop(fx);
        assert!(Vault::open(&dir, &secret("oude wachtzin voor tests")).is_err());
        let v = Vault::open(&dir, &secret("nieuwe wachtzin voor tests")).unwrap();
        assert_eq!(v.get(&ids[0]).unwrap().consultation.label, "Casus Noord");
        assert_eq!(consultlog::audit::entries(&v).unwrap().last().unwrap().action, "passwd");
    }
}
