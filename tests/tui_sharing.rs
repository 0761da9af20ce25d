//! The share, reply and import dialogs: key sequences and the effects they ask for, the
//! screens (snapshots, nl and en), and the effects run against two real vaults. Fictional
//! data only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use age::secrecy::SecretString;
use consultlog::i18n::Lang;
use consultlog::store::Vault;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Screen};
use consultlog::tui::effects::Runner;
use consultlog::tui::form::FieldId;
use consultlog::tui::transfer::{FoundItem, Mode, ShareInfo, Transfer};
use crossterm::event::KeyCode;
use std::path::{Path, PathBuf};
use tui_common::*;

const ID: &str = "00000000-0000-4000-8000-000000000000";

fn app(lang: Lang) -> App {
    let mut app = App::new(lang, today(), true);
    app.out_dir = PathBuf::from("/home/werker/Documenten");
    app.update(Action::Unlocked { rows: rows(&records(3)), damaged: 0, drafts: vec![] });
    app
}

fn info(mode: Mode, contacts: &[&str], findings: Vec<FoundItem>, has_advice: bool) -> Box<ShareInfo> {
    Box::new(ShareInfo {
        id: ID.into(),
        ids: vec![ID.into()],
        consulted_on: today(),
        mode,
        contacts: contacts.iter().map(|c| (c.to_string(), 1)).collect(),
        findings,
        has_advice,
        preview: vec![
            ("consulted_on".into(), "2026-11-20".into()),
            ("forms".into(), "abandonment".into()),
            ("travel.departure".into(), "2026-12-01".into()),
            ("prompts.facts".into(), "Jongere is na de zomervakantie niet teruggekomen.".into()),
        ],
    })
}

fn phone() -> FoundItem {
    FoundItem { field: "prompts.facts".into(), kind: "phone".into(), text: "06-12345678".into() }
}

fn share_dialog(app: &App) -> &consultlog::tui::transfer::ShareDialog {
    match &app.transfer() {
        Some(Transfer::Share(d)) => d,
        _ => panic!("no share dialog"),
    }
}

fn snap_one(name: &str, app: &App) {
    insta::assert_snapshot!(name, capture(app, 100, 30));
}

fn snap(name: &str, lang: Lang, app: &App) {
    let tag = if lang == Lang::Nl { "nl" } else { "en" };
    insta::assert_snapshot!(format!("{name}_{tag}"), capture(app, 100, 30));
}

#[test]
fn d_asks_for_the_check_of_the_selected_consultation() {
    let mut app = app(Lang::Nl);
    let selected = app.list.selected_id().unwrap().to_string();
    let fx = app.key(key(KeyCode::Char('d')));
    assert!(matches!(fx.as_slice(), [Effect::PrepareShare { ids }] if *ids == [selected]), "{fx:?}");
}

/// Space marks consultations in the list; d then prepares them together, the dialog names
/// how many, and the share covers all of them. The marks are gone once shared.
#[test]
fn marked_consultations_are_shared_together() {
    let mut app = app(Lang::Nl);
    let first = app.list.selected_id().unwrap().to_string();
    app.key(key(KeyCode::Char(' ')));
    app.key(key(KeyCode::Down));
    let second = app.list.selected_id().unwrap().to_string();
    app.key(key(KeyCode::Char(' ')));
    assert!(capture(&app, 100, 30).contains("+ gemarkeerd om samen te delen"));
    let fx = app.key(key(KeyCode::Char('d')));
    let [Effect::PrepareShare { ids }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(ids, &[first.clone(), second.clone()]);
    let mut i = info(Mode::Share, &["lkha-adviseur"], vec![], false);
    i.ids = ids.clone();
    app.update(Action::ShareReady(i));
    assert!(capture(&app, 100, 30).contains("2 consultaties samen"));
    app.key(key(KeyCode::Enter));
    app.key(key(KeyCode::Enter));
    let fx = app.key(key(KeyCode::Enter));
    let [Effect::Share { ids, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(ids, &[first, second]);
    app.update(Action::Shared { file: "x.age".into(), reply: false });
    assert!(app.list.marked.is_empty());
}

#[test]
fn findings_block_sharing_and_e_opens_the_editor_at_them() {
    let mut app = app(Lang::Nl);
    app.update(Action::ShareReady(info(Mode::Share, &["lkha-adviseur"], vec![phone()], false)));
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("1 mogelijke persoonsgegevens"), "{screen}");
    assert!(screen.contains("telefoonnummer «06-12345678»"), "{screen}");
    assert!(screen.contains("Los deze eerst op"), "{screen}");
    // Nothing to fill in or confirm: Enter and Space do nothing, only e and Esc work.
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    assert!(app.key(key(KeyCode::Char(' '))).is_empty());
    assert!(!share_dialog(&app).confirming);
    assert!(!screen.contains("Opslaan als"), "{screen}");
    let fx = app.key(key(KeyCode::Char('e')));
    assert!(matches!(fx.as_slice(), [Effect::Load { id, edit: true }] if id == ID), "{fx:?}");
    assert!(app.transfer().is_none());
    let mut r = records(1).remove(0);
    r.id = ID.into();
    r.consultation.prompts.insert("facts".into(), "Tante belt vanaf 06-12345678.".into());
    app.update(Action::RecordLoaded { record: Box::new(r), edit: true });
    let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
    let facts =
        consultlog::domain::Catalogue::builtin().prompts().iter().position(|p| p.id == "facts").unwrap();
    assert_eq!(f.fields[f.focus].id, FieldId::Prompt(facts));
    assert_eq!(f.findings().len(), 1);
}

#[test]
fn choose_name_format_confirm_then_share() {
    let mut app = app(Lang::Nl);
    app.update(Action::ShareReady(info(Mode::Share, &["lkha-adviseur", "lkha-noord"], vec![], false)));
    // Two contacts: none is chosen for the user.
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    assert!(share_dialog(&app).error.as_deref().unwrap().contains("Kies minstens één adviseur"));
    app.key(key(KeyCode::Down));
    app.key(key(KeyCode::Char(' ')));
    assert_eq!(share_dialog(&app).chosen(), ["lkha-noord"]);
    // Tab to the file name: letters are typed there, not taken as commands.
    app.key(key(KeyCode::Tab));
    for _ in 0..4 {
        app.key(key(KeyCode::Backspace)); // ".age"
    }
    type_str(&mut app, "-noord.age");
    assert!(
        share_dialog(&app).path_text().ends_with("-00000000-noord.age"),
        "{}",
        share_dialog(&app).path_text()
    );
    app.key(key(KeyCode::Tab));
    app.key(key(KeyCode::Char(' ')));
    assert!(share_dialog(&app).armor);
    app.key(key(KeyCode::Enter));
    assert!(share_dialog(&app).confirming);
    assert!(capture(&app, 100, 30).contains("Delen met lkha-noord"));
    // Esc from the question goes back one step, not out of the dialog.
    app.key(key(KeyCode::Esc));
    assert!(!share_dialog(&app).confirming && app.transfer().is_some());
    app.key(key(KeyCode::Enter));
    let fx = app.key(key(KeyCode::Enter));
    let [Effect::Share { ids, to, out, armor }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(ids, &[ID.to_string()]);
    assert_eq!(to, &["lkha-noord".to_string()]);
    assert_eq!(out, &PathBuf::from("/home/werker/Documenten/casus-2026-11-20-00000000-noord.age"));
    assert!(*armor);
    // A refusal (file exists, say) keeps the dialog with the reason.
    app.update(Action::TransferFailed("Bestaat al; kies een andere bestandsnaam.".into()));
    assert_eq!(share_dialog(&app).error.as_deref(), Some("Bestaat al; kies een andere bestandsnaam."));
    assert!(!share_dialog(&app).confirming);
    app.update(Action::Shared { file: out.display().to_string(), reply: false });
    assert!(app.transfer().is_none());
    assert!(app.message.as_deref().unwrap().contains("casus-2026-11-20-00000000-noord.age"));
}

#[test]
fn a_reply_needs_advice_and_e_opens_the_advice_field() {
    let mut app = app(Lang::Nl);
    app.update(Action::ShareReady(info(Mode::Reply { to: "wijkteam-noord".into() }, &["x"], vec![], false)));
    let screen = capture(&app, 100, 30);
    assert!(
        screen.contains("Advies terugsturen") && screen.contains("wijkteam-noord (afzender)"),
        "{screen}"
    );
    assert!(screen.contains("nog geen advies"), "{screen}");
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    app.key(key(KeyCode::Char('e')));
    let mut r = records(1).remove(0);
    r.id = ID.into();
    app.update(Action::RecordLoaded { record: Box::new(r), edit: true });
    let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
    assert_eq!(f.fields[f.focus].id, FieldId::Advice);

    // With advice written: the file name is focused, Enter twice writes the reply.
    let mut app = self::app(Lang::Nl);
    app.update(Action::ShareReady(info(Mode::Reply { to: "wijkteam-noord".into() }, &[], vec![], true)));
    app.key(key(KeyCode::Enter));
    let fx = app.key(key(KeyCode::Enter));
    assert!(matches!(fx.as_slice(), [Effect::Reply { id, armor: false, .. }] if id == ID), "{fx:?}");
}

#[test]
fn import_asks_for_a_file_and_shows_what_came_in() {
    let mut app = app(Lang::Nl);
    app.home = Some(PathBuf::from("/home/werker"));
    app.in_dirs = vec![PathBuf::from("/home/werker/Downloads")];
    let fx = app.key(key(KeyCode::Char('i')));
    let [Effect::ListIncoming { dirs }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(dirs, &[PathBuf::from("/home/werker/Documenten"), PathBuf::from("/home/werker/Downloads")]);
    assert!(capture(&app, 100, 30).contains("/home/werker/Documenten/"));
    // Only the folder: say what is missing.
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    assert!(capture(&app, 100, 30).contains("Vul de naam in"));
    for _ in 0.."/home/werker/Documenten/".len() {
        app.key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "~/Downloads/casus.age");
    let fx = app.key(key(KeyCode::Enter));
    let [Effect::Import { path }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(path, Path::new("/home/werker/Downloads/casus.age"));
    // Two received consultations arrive: the list turns to them.
    let mut all = records(5);
    for r in all.iter_mut().take(2) {
        r.received = Some(consultlog::domain::Received {
            verified: true,
            from: "age1voorbeeld".into(),
            from_name: None,
            origin_id: "x".into(),
            at: r.created,
        });
    }
    let new: Vec<String> = all.iter().take(2).map(|r| r.id.clone()).collect();
    let fx =
        app.update(Action::Imported { rows: rows(&all), received: new.clone(), advised: vec![], skipped: 1 });
    assert!(matches!(fx.as_slice(), [Effect::LoadSearchTexts { ids, .. }] if *ids == new));
    assert!(app.transfer().is_none());
    assert!(app.list.received_view);
    assert!(new.contains(&app.list.selected_id().unwrap().to_string()));
    let msg = app.message.clone().unwrap();
    assert!(msg.contains("2 consultatie(s) ontvangen") && msg.contains("1 al eerder ingelezen"), "{msg}");
}

#[test]
fn found_files_are_picked_with_the_arrows() {
    let mut app = app(Lang::Nl);
    app.key(key(KeyCode::Char('i')));
    let found =
        vec![PathBuf::from("/home/werker/Downloads/advies-1.age"), PathBuf::from("/home/werker/casus-2.age")];
    app.update(Action::IncomingFiles(found.clone()));
    snap_one("import_files", &app);
    app.key(key(KeyCode::Down));
    app.key(key(KeyCode::Down));
    app.key(key(KeyCode::Down)); // stays on the last
    app.key(key(KeyCode::Up));
    let fx = app.key(key(KeyCode::Enter));
    assert!(matches!(fx.as_slice(), [Effect::Import { path }] if *path == found[0]), "{fx:?}");
}

/// Only `.age` files directly in the folders, newest first; a missing folder is no error.
#[test]
fn the_import_dialog_lists_age_files_newest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = SecretString::from("fictieve wachtwoordzin".to_string());
    let vault = Vault::create(&tmp.path().join("v"), &pass, Some(10)).unwrap();
    let mut fx = Runner::opened(tmp.path().join("v"), Lang::Nl, vault);
    let (docs, downloads) = (tmp.path().join("docs"), tmp.path().join("dl"));
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::create_dir_all(downloads.join("map.age")).unwrap();
    std::fs::write(docs.join("oud.age"), "x").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(downloads.join("nieuw.AGE"), "x").unwrap();
    std::fs::write(downloads.join("brief.txt"), "x").unwrap();
    let dirs = vec![docs.clone(), downloads.clone(), tmp.path().join("bestaat-niet")];
    let Action::IncomingFiles(files) = one(fx.run(Effect::ListIncoming { dirs })) else { panic!() };
    assert_eq!(files, [downloads.join("nieuw.AGE"), docs.join("oud.age")]);
}

/// Key files (by name, or an age file locked with a passphrase, as key files and back-ups
/// are) and this vault's own outgoing files are not offered; a file that arrives later is
/// offered the next time the dialog looks.
#[test]
fn the_import_dialog_leaves_out_key_files_and_own_outgoing_files() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = SecretString::from("fictieve wachtwoordzin".to_string());
    let vault = Vault::create(&tmp.path().join("v"), &pass, Some(10)).unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let sent = docs.join("casus-2026-11-20-abcd1234.age");
    std::fs::write(&sent, "x").unwrap();
    consultlog::share::outgoing::remember(&vault, &sent);
    for name in ["keys.age", "identity.age", "ontvangers.age"] {
        std::fs::write(docs.join(name), "x").unwrap();
    }
    std::fs::write(docs.join("herstel.age"), "age-encryption.org/v1\n-> scrypt c2FsdA 18\nAAAA\n--- x\n")
        .unwrap();
    let advice = docs.join("advies-2026-11-20-1234abcd.age");
    std::fs::write(&advice, "age-encryption.org/v1\n-> X25519 AAAA\nAAAA\n--- x\n").unwrap();
    let mut fx = Runner::opened(tmp.path().join("v"), Lang::Nl, vault);
    let list = |fx: &mut Runner| match one(fx.run(Effect::ListIncoming { dirs: vec![docs.clone()] })) {
        Action::IncomingFiles(files) => files,
        other => panic!("{other:?}"),
    };
    assert_eq!(list(&mut fx), std::slice::from_ref(&advice));
    let later = docs.join("advies-2.age");
    std::fs::write(&later, "x").unwrap();
    let files = list(&mut fx);
    assert!(files.contains(&later) && files.contains(&advice) && files.len() == 2, "{files:?}");
}

/// The dialog asks for the folders afresh each time it opens.
#[test]
fn the_import_dialog_looks_again_each_time_it_opens() {
    let mut app = app(Lang::Nl);
    for _ in 0..2 {
        let fx = app.key(key(KeyCode::Char('i')));
        assert!(matches!(fx.as_slice(), [Effect::ListIncoming { .. }]), "{fx:?}");
        app.update(Action::IncomingFiles(vec![PathBuf::from("/home/werker/advies-1.age")]));
        app.key(key(KeyCode::Esc));
        assert!(app.transfer().is_none());
    }
}

#[test]
fn a_lock_closes_the_dialog_and_late_results_are_dropped() {
    let mut app = app(Lang::Nl);
    app.update(Action::ShareReady(info(Mode::Share, &["lkha-adviseur"], vec![phone()], false)));
    app.key(ctrl('l'));
    assert!(app.transfer().is_none());
    app.update(Action::ShareReady(info(Mode::Share, &["lkha-adviseur"], vec![phone()], false)));
    assert!(app.transfer().is_none(), "a result after the lock must not show");
    assert!(!capture(&app, 100, 30).contains("06-12345678"));
}

#[test]
fn dialog_snapshots() {
    for lang in [Lang::Nl, Lang::En] {
        let mut a = app(lang);
        a.update(Action::ShareReady(info(Mode::Share, &["lkha-adviseur", "lkha-noord"], vec![], false)));
        a.key(key(KeyCode::Char(' ')));
        snap("share", lang, &a);
        a.key(key(KeyCode::Enter));
        snap("share_confirm", lang, &a);

        let mut a = app(lang);
        let many = (0..6).map(|_| phone()).collect();
        a.update(Action::ShareReady(info(Mode::Share, &["lkha-adviseur"], many, false)));
        snap("share_findings", lang, &a);

        let mut a = app(lang);
        a.update(Action::ShareReady(info(Mode::Share, &[], vec![], false)));
        snap("share_no_contacts", lang, &a);

        let mut a = app(lang);
        a.update(Action::ShareReady(info(Mode::Reply { to: "wijkteam-noord".into() }, &[], vec![], true)));
        snap("reply", lang, &a);

        let mut a = app(lang);
        a.key(key(KeyCode::Char('i')));
        a.update(Action::TransferFailed(consultlog::error::share_message(
            &consultlog::share::ShareError::NotForThisVault,
            lang,
        )));
        snap("import_error", lang, &a);
    }
}

fn one(mut v: Vec<Action>) -> Action {
    assert_eq!(v.len(), 1, "{v:?}");
    v.pop().unwrap()
}

/// The effects the dialogs ask for, run against two real vaults: the same `share::ops` the
/// command line uses, so the round trip works and every refusal reaches the dialog.
#[test]
fn effects_round_trip_between_two_vaults() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = SecretString::from("fictieve wachtwoordzin".to_string());
    let worker = Vault::create(&tmp.path().join("w"), &pass, Some(10)).unwrap();
    let adviser = Vault::create(&tmp.path().join("a"), &pass, Some(10)).unwrap();
    // Each knows the other from their contact card.
    use consultlog::share::{addressbook::own_card, ops};
    ops::add_contact(&worker, "lkha-adviseur", ops::ContactSource::Card(own_card(&adviser).unwrap()), false)
        .unwrap();
    ops::add_contact(&adviser, "wijkteam", ops::ContactSource::Card(own_card(&worker).unwrap()), false)
        .unwrap();
    let mut dirty = consultlog::domain::Consultation::new(today());
    dirty.prompts.insert("facts".into(), "Tante belt vanaf 06-12345678.".into());
    let dirty = worker.add(dirty).unwrap();
    let mut clean = consultlog::domain::Consultation::new(today());
    clean.prompts.insert("facts".into(), "Jongere is na de zomer niet teruggekomen.".into());
    let clean = worker.add(clean).unwrap();
    let mut wfx = Runner::opened(tmp.path().join("w"), Lang::Nl, worker);
    let mut afx = Runner::opened(tmp.path().join("a"), Lang::Nl, adviser);

    let ready = |fx: &mut Runner, id: &str| match fx.run(Effect::PrepareShare { ids: vec![id.into()] }).pop()
    {
        Some(Action::ShareReady(i)) => i,
        other => panic!("{other:?}"),
    };
    let i = ready(&mut wfx, &dirty);
    assert_eq!(i.findings.len(), 1);
    // Two together: the dialog is about the one with findings, and previews both.
    let Some(Action::ShareReady(both)) =
        wfx.run(Effect::PrepareShare { ids: vec![clean.clone(), dirty.clone()] }).pop()
    else {
        panic!("no share info")
    };
    assert_eq!((both.id.as_str(), both.ids.len(), both.findings.len()), (dirty.as_str(), 2, 1));
    assert!(both.preview.iter().any(|(p, _)| p == "#1") && both.preview.iter().any(|(p, _)| p == "#2"));
    assert_eq!(i.contacts, [("lkha-adviseur".to_string(), 1)]);
    let out = tmp.path().join("casus.age");
    // Even if asked directly, the dirty note is refused and nothing is written.
    let share = |fx: &mut Runner, id: &str| {
        fx.run(Effect::Share {
            ids: vec![id.into()],
            to: vec!["lkha-adviseur".into()],
            out: out.clone(),
            armor: false,
        })
    };
    assert!(
        matches!(share(&mut wfx, &dirty).as_slice(), [Action::TransferFailed(m)] if m.contains("persoonsgegeven"))
    );
    assert!(!out.exists());
    let i = ready(&mut wfx, &clean);
    assert!(i.findings.is_empty());
    // The preview is what the bundle holds: the text, and no history.
    assert!(
        i.preview.contains(&("prompts.facts".into(), "Jongere is na de zomer niet teruggekomen.".into())),
        "{:?}",
        i.preview
    );
    assert!(i.preview.iter().all(|(p, _)| !p.starts_with("history")), "{:?}", i.preview);
    assert!(matches!(share(&mut wfx, &clean).as_slice(), [Action::Shared { reply: false, .. }]));
    let bytes = std::fs::read(&out).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("zomer"), "plaintext in the shared file");
    // The same name again: refused, the first file untouched.
    assert!(
        matches!(share(&mut wfx, &clean).as_slice(), [Action::TransferFailed(m)] if m.contains("bestaat al"))
    );
    assert_eq!(std::fs::read(&out).unwrap(), bytes);

    // The adviser imports, writes advice, replies; the worker imports the reply.
    let Action::Imported { received, .. } = one(afx.run(Effect::Import { path: out.clone() })) else {
        panic!()
    };
    assert_eq!(received.len(), 1);
    let i = ready(&mut afx, &received[0]);
    assert!(matches!(&i.mode, Mode::Reply { .. }) && !i.has_advice);
    let mut r = match afx.run(Effect::Load { id: received[0].clone(), edit: true }).pop() {
        Some(Action::RecordLoaded { record, .. }) => record,
        other => panic!("{other:?}"),
    };
    r.consultation.advice = "Eerst een veiligheidsplan maken.".into();
    afx.run(Effect::Save {
        id: Some(r.id.clone()),
        consultation: Box::new(r.consultation.clone()),
        draft: String::new(),
    });
    let reply = tmp.path().join("advies.age");
    let fx = afx.run(Effect::Reply { id: r.id.clone(), out: reply.clone(), armor: true });
    assert!(matches!(fx.as_slice(), [Action::Shared { reply: true, .. }]), "{fx:?}");
    let Action::Imported { advised, .. } = one(wfx.run(Effect::Import { path: reply.clone() })) else {
        panic!()
    };
    assert_eq!(advised, std::slice::from_ref(&clean));
    // Again: nothing new, and a missing file is one sentence.
    let fx = wfx.run(Effect::Import { path: reply });
    assert!(
        matches!(fx.as_slice(), [Action::Imported { advised, received, skipped: 1, .. }] if advised.is_empty() && received.is_empty())
    );
    let fx = wfx.run(Effect::Import { path: tmp.path().join("bestaat-niet.age") });
    assert!(matches!(fx.as_slice(), [Action::TransferFailed(m)] if !m.contains('\n')), "{fx:?}");

    // The address book in the program: a pasted key is an unverified contact; the demo
    // adviser's public key is refused outside the demo.
    let key = age::x25519::Identity::generate().to_public().to_string();
    let fx = wfx.run(Effect::AddContact { name: "coordinator".into(), path: PathBuf::from(&key) });
    let [Action::ContactsLoaded { info, note: Some(note) }] = fx.as_slice() else { panic!("{fx:?}") };
    assert!(note.contains("NIET geverifieerd"), "{note}");
    assert!(info.contacts.iter().any(|c| c.name == "coordinator" && c.fingerprint.is_none()));
    let demo = consultlog::share::addressbook::demo_card().unwrap().recipient;
    let fx = wfx.run(Effect::AddContact { name: "demo".into(), path: PathBuf::from(demo) });
    assert!(matches!(fx.as_slice(), [Action::TransferFailed(m)] if m.contains("demo")), "{fx:?}");
}

/// In a large vault the list filters in slices; an imported case must still be selected.
#[test]
fn an_imported_case_is_selected_even_in_a_large_list() {
    let mut app = app(Lang::Nl);
    let mut all = records(5_000);
    let last = all.len() - 1;
    all[last].consultation.consulted_on = consultlog::domain::Date::parse_iso("2001-01-01").unwrap();
    all[last].received = Some(consultlog::domain::Received {
        verified: true,
        from: "age1x".into(),
        from_name: None,
        origin_id: "o".into(),
        at: all[0].created,
    });
    let id = all[last].id.clone();
    app.update(Action::Imported {
        rows: rows(&all),
        received: vec![id.clone()],
        advised: vec![],
        skipped: 0,
    });
    assert_eq!(app.list.selected_id(), Some(id.as_str()));
    // And advice on an own case, oldest of all, in a 5,000-row own view.
    let mut app = self::app(Lang::Nl);
    let own = all
        .iter()
        .filter(|r| r.received.is_none())
        .min_by_key(|r| r.consultation.consulted_on)
        .unwrap()
        .id
        .clone();
    app.update(Action::Imported {
        rows: rows(&all),
        received: vec![],
        advised: vec![own.clone()],
        skipped: 0,
    });
    assert_eq!(app.list.selected_id(), Some(own.as_str()));
}

/// Every dialog draws at any terminal size without panicking (small ones show "too small").
#[test]
fn dialogs_draw_at_every_size() {
    let many = (0..9).map(|_| phone()).collect::<Vec<_>>();
    let states: Vec<Box<dyn Fn() -> App>> = vec![
        Box::new(|| {
            let mut a = app(Lang::Nl);
            a.update(Action::ShareReady(info(Mode::Share, &["a", "b", "c"], vec![], false)));
            a.key(key(KeyCode::Enter));
            a
        }),
        Box::new(move || {
            let mut a = app(Lang::En);
            a.update(Action::ShareReady(info(Mode::Share, &["a"], many.clone(), false)));
            a
        }),
        Box::new(|| {
            let mut a = app(Lang::Nl);
            a.key(key(KeyCode::Char('i')));
            a.update(Action::IncomingFiles((0..40).map(|i| PathBuf::from(format!("/d/{i}.age"))).collect()));
            a.update(Action::TransferFailed("Een heel lange foutmelding ".repeat(8)));
            a
        }),
    ];
    for make in &states {
        let a = make();
        for (w, h) in [(20, 5), (40, 10), (41, 11), (60, 14), (80, 20), (100, 30), (200, 60)] {
            capture(&a, w, h);
        }
    }
}

/// The address book: own card, one verified and one unverified contact; adding asks for a
/// file and a name; removing asks first and yields the effect only on Enter.
#[test]
fn address_book_dialog() {
    use consultlog::tui::contacts::{ContactRow, ContactsInfo};
    for lang in [Lang::Nl, Lang::En] {
        let mut a = app(lang);
        assert!(matches!(
            a.key(key(KeyCode::Char('k'))).as_slice(),
            [Effect::LoadContacts, Effect::ListCards { .. }]
        ));
        let info = ContactsInfo {
            own_name: "Wijkteam Noord".into(),
            own_fingerprint: "04674 76970 31635 56438 38283 83475".into(),
            contacts: vec![
                ContactRow { name: "coordinator".into(), fingerprint: None },
                ContactRow {
                    name: "lkha-adviseur".into(),
                    fingerprint: Some("12345 67890 12345 67890 12345 67890".into()),
                },
            ],
        };
        a.update(Action::ContactsLoaded { info: info.clone(), note: None });
        snap("contacts", lang, &a);
        a.key(key(KeyCode::Down));
        assert!(a.key(key(KeyCode::Char('x'))).is_empty(), "asks first");
        snap("contacts_remove", lang, &a);
        let fx = a.key(key(KeyCode::Enter));
        assert!(
            matches!(fx.as_slice(), [Effect::RemoveContact { name }] if name == "lkha-adviseur"),
            "{fx:?}"
        );
        // Rename: r, a new name, Enter.
        a.key(key(KeyCode::Char('r')));
        for _ in 0.."lkha-adviseur".len() {
            a.key(key(KeyCode::Backspace));
        }
        type_str(&mut a, "lkha-noord");
        let fx = a.key(key(KeyCode::Enter));
        assert!(
            matches!(fx.as_slice(), [Effect::RenameContact { from, to }] if from == "lkha-adviseur" && to == "lkha-noord"),
            "{fx:?}"
        );
        a.update(Action::ContactsLoaded {
            info: info.clone(),
            note: Some("lkha-adviseur heet nu lkha-noord.".into()),
        });
        // Card files found in the usual folders are offered: ↓ picks one.
        a.update(Action::CardFiles(vec![PathBuf::from("/home/werker/Downloads/lkha.card")]));
        a.key(key(KeyCode::Char('a')));
        a.key(key(KeyCode::Down));
        let Some(Transfer::Contacts(d)) = a.transfer() else { panic!("no contacts dialog") };
        assert_eq!(d.path.lines().join(""), "/home/werker/Downloads/lkha.card");
        assert!(capture(&a, 100, 30).contains("> lkha.card"));
        a.key(key(KeyCode::Esc));
        a.key(key(KeyCode::Char('a')));
        for _ in 0.."/home/werker/Downloads/lkha.card".len() {
            a.key(key(KeyCode::Backspace));
        }
        type_str(&mut a, "/home/werker/Documenten/kaart.txt");
        assert!(a.key(key(KeyCode::Enter)).is_empty(), "a name is needed");
        type_str(&mut a, "lkha");
        let fx = a.key(key(KeyCode::Enter));
        let [Effect::AddContact { name, path }] = fx.as_slice() else { panic!("{fx:?}") };
        assert_eq!(name, "lkha");
        assert_eq!(path, &PathBuf::from("/home/werker/Documenten/kaart.txt"));
        snap("contacts_add", lang, &a);
    }
}

/// The last step scrolls through everything that leaves when it does not fit.
#[test]
fn the_preview_scrolls_to_the_last_field() {
    let mut a = app(Lang::Nl);
    let mut i = info(Mode::Share, &["lkha-adviseur"], vec![], false);
    i.preview = (1..=40).map(|n| (format!("prompts.veld{n}"), format!("waarde {n}"))).collect();
    a.update(Action::ShareReady(i));
    a.key(key(KeyCode::Enter));
    assert!(share_dialog(&a).confirming);
    assert!(!capture(&a, 100, 30).contains("waarde 40"));
    for _ in 0..45 {
        a.key(key(KeyCode::Down));
    }
    assert!(capture(&a, 100, 30).contains("waarde 40"), "{}", capture(&a, 100, 30));
}

/// A consultation saved a moment ago is found by search at once, also when every other text
/// was loaded before it existed (the search texts were complete).
#[test]
fn search_finds_a_consultation_the_moment_it_is_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = SecretString::from("fictieve wachtwoordzin".to_string());
    let vault = Vault::create(&tmp.path().join("w"), &pass, Some(10)).unwrap();
    let mut fx = Runner::opened(tmp.path().join("w"), Lang::Nl, vault);
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(fx.loaded());
    app.update(Action::SearchTexts { texts: vec![], next: None });
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "Gesprek over de zeldzaamste reisplannen.");
    let mut save = app.key(ctrl('s'));
    assert!(matches!(save.as_slice(), [Effect::Save { .. }]), "{save:?}");
    for a in fx.run(save.remove(0)) {
        app.update(a);
    }
    app.key(key(KeyCode::Char('/')));
    type_str(&mut app, "zeldzaamste");
    app.list.finish();
    assert_eq!(app.list.shown.len(), 1, "the new note is found");
}

/// `x` on the detail exports the case for the client's file into the documents folder; a
/// note with possible personal data is not exported from the program.
#[test]
fn the_detail_exports_the_case_for_the_dossier() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = age::secrecy::SecretString::from("correct horse battery staple".to_string());
    let vault = Vault::create(&tmp.path().join("v"), &pass, Some(10)).unwrap();
    let mut clean = consultlog::domain::Consultation::new(today());
    clean.prompts.insert("facts".into(), "Moeder maakt zich zorgen over de zomer.".into());
    let id = vault.add(clean).unwrap();
    let mut risky = consultlog::domain::Consultation::new(today());
    risky.prompts.insert("facts".into(), "Bel haar op 0612345678.".into());
    let risky = vault.add(risky).unwrap();
    let mut fx = Runner::opened(tmp.path().join("v"), Lang::Nl, vault);
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: vec![], damaged: 0, drafts: vec![] });
    app.out_dir = tmp.path().to_path_buf();
    for a in fx.run(Effect::Load { id: id.clone(), edit: false }) {
        app.update(a);
    }
    let effects = app.key(key(KeyCode::Char('x')));
    let [Effect::ExportCase { out, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(out.parent(), Some(tmp.path()));
    let out = out.clone();
    for e in effects {
        for a in fx.run(e) {
            app.update(a);
        }
    }
    assert!(std::fs::read_to_string(&out).unwrap().contains("Moeder maakt zich zorgen over de zomer."));
    assert!(app.message.as_deref().unwrap().contains("cliëntdossier"), "{:?}", app.message);
    let actions = fx.run(Effect::ExportCase { id: risky, out: tmp.path().join("r.md"), today: today() });
    assert!(
        matches!(actions.as_slice(), [Action::Failed(m)] if m.contains("persoonsgegevens")),
        "{actions:?}"
    );
    assert!(!tmp.path().join("r.md").exists());
}

/// Tab in the import dialog's file name inserts nothing.
#[test]
fn tab_in_the_import_path_inserts_nothing() {
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: vec![], damaged: 0, drafts: vec![] });
    app.out_dir = PathBuf::from("/home/werker/Documenten");
    app.key(key(KeyCode::Char('i')));
    app.key(key(KeyCode::Tab));
    let Some(Transfer::Import(d)) = app.transfer() else { panic!("no import dialog") };
    assert_eq!(d.path.lines().join(""), "/home/werker/Documenten/");
}
