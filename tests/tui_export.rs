//! Exporting a case for the client's file from the detail screen: the format choice and the
//! preview (snapshots, nl and en, 100x30 and 60x15), Enter writes the chosen format, Esc
//! writes nothing, possible personal data is named and asked about before anything is
//! written; the effects run against a real vault. Fictional data only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use consultlog::i18n::Lang;
use consultlog::present::export::Format;
use consultlog::store::Vault;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Overlay};
use consultlog::tui::effects::Runner;
use crossterm::event::KeyCode;
use std::path::{Path, PathBuf};
use tui_common::*;

fn preview(app: &App) -> Option<&consultlog::tui::screens::export::ExportPreview> {
    app.overlays.iter().rev().find_map(|o| if let Overlay::Export(p) = o { Some(p.as_ref()) } else { None })
}

/// The detail of the first fictional record, in a terminal of `w`x`h`.
fn detail(lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(lang, today(), true);
    app.out_dir = PathBuf::from("/home/werker/Documenten");
    app.update(Action::Unlocked { rows: rows(&records(3)), damaged: 0, drafts: vec![] });
    app.page = usize::from(h).saturating_sub(6);
    app.width = w;
    let rec = records(3).into_iter().next().unwrap();
    app.update(Action::RecordLoaded { record: Box::new(rec), edit: false });
    app
}

#[test]
fn the_preview_in_dutch_and_english_at_two_sizes() {
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        for (w, h) in [(100u16, 30u16), (60, 15)] {
            let mut app = detail(lang, w, h);
            assert!(app.key(key(KeyCode::Char('x'))).is_empty(), "nothing is written yet");
            insta::assert_snapshot!(format!("preview_{tag}_{w}x{h}"), capture(&app, w, h));
        }
    }
    // The PDF is chosen with Tab; the file name follows; scrolled to the end, the follow-ups show.
    let mut app = detail(Lang::Nl, 100, 30);
    app.key(key(KeyCode::Char('x')));
    app.key(key(KeyCode::Tab));
    app.key(key(KeyCode::Tab));
    app.key(key(KeyCode::End));
    let p = preview(&app).unwrap();
    assert_eq!(p.format, Format::Pdf);
    assert!(p.scroll > 0);
    insta::assert_snapshot!("preview_nl_pdf_end", capture(&app, 100, 30));
    // Possible personal data: the warning, then the question (nl and en).
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let mut app = detail(lang, 100, 30);
        let mut rec = records(3).into_iter().next().unwrap();
        rec.consultation.prompts.insert("facts".into(), "Bel haar op 0612345678.".into());
        app.update(Action::RecordLoaded { record: Box::new(rec), edit: false });
        app.key(key(KeyCode::Char('x')));
        insta::assert_snapshot!(format!("findings_{tag}_100x30"), capture(&app, 100, 30));
        assert!(app.key(key(KeyCode::Enter)).is_empty());
        insta::assert_snapshot!(format!("confirm_{tag}_60x15"), capture(&app, 60, 15));
    }
}

#[test]
fn the_preview_scrolls_to_its_last_line_and_no_further() {
    let mut app = detail(Lang::Nl, 60, 15);
    app.key(key(KeyCode::Char('x')));
    let text = preview(&app).unwrap().text(Lang::Nl, today());
    app.key(key(KeyCode::PageDown));
    let one_page = preview(&app).unwrap().scroll;
    assert!(one_page > 1, "{one_page}");
    for _ in 0..200 {
        app.key(key(KeyCode::PageDown));
    }
    let end = preview(&app).unwrap().scroll;
    app.key(key(KeyCode::Down));
    assert_eq!(preview(&app).unwrap().scroll, end, "no scrolling into emptiness");
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    let screen = capture(&app, 60, 15);
    let tail = last.split_whitespace().last().unwrap();
    assert!(screen.contains(tail), "last line {last:?} not on screen:\n{screen}");
    app.key(key(KeyCode::Home));
    assert_eq!(preview(&app).unwrap().scroll, 0);
}

/// A real vault with a clean and a risky consultation, the runner on it, and the app.
fn world(tmp: &Path) -> (Runner, App, String, String) {
    let pass = age::secrecy::SecretString::from("correct horse battery staple".to_string());
    let vault = Vault::create(&tmp.join("v"), &pass, Some(10)).unwrap();
    let mut clean = consultlog::domain::Consultation::new(today());
    clean.prompts.insert("facts".into(), "Moeder maakt zich zorgen over de zomer.".into());
    let id = vault.add(clean).unwrap();
    let mut risky = consultlog::domain::Consultation::new(today());
    risky.prompts.insert("facts".into(), "Bel haar op 0612345678.".into());
    let risky = vault.add(risky).unwrap();
    let fx = Runner::opened(tmp.join("v"), Lang::Nl, vault);
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: vec![], damaged: 0, drafts: vec![] });
    app.out_dir = tmp.to_path_buf();
    (fx, app, id, risky)
}

fn open(fx: &mut Runner, app: &mut App, id: &str) {
    for a in fx.run(Effect::Load { id: id.to_string(), edit: false }) {
        app.update(a);
    }
    assert!(app.key(key(KeyCode::Char('x'))).is_empty());
    assert!(preview(app).is_some(), "no preview");
}

fn run_all(fx: &mut Runner, app: &mut App, effects: Vec<Effect>) {
    for e in effects {
        for a in fx.run(e) {
            app.update(a);
        }
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("consultatie-"))
        .collect();
    v.sort();
    v
}

#[test]
fn enter_writes_the_chosen_format_and_esc_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let (mut fx, mut app, id, _) = world(tmp.path());
    open(&mut fx, &mut app, &id);
    assert!(app.key(key(KeyCode::Esc)).is_empty(), "Esc writes nothing");
    assert!(preview(&app).is_none());
    assert!(files(tmp.path()).is_empty());

    open(&mut fx, &mut app, &id);
    app.key(key(KeyCode::Tab));
    app.key(key(KeyCode::Tab));
    let file = preview(&app).unwrap().file();
    assert!(file.display().to_string().ends_with(".pdf"), "{}", file.display());
    assert!(capture(&app, 100, 30).contains(file.file_name().unwrap().to_str().unwrap()), "file name shown");
    let effects = app.key(key(KeyCode::Enter));
    let [Effect::ExportCase { out, format: Format::Pdf, anyway: false, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(out, &file);
    assert!(preview(&app).is_none(), "closed");
    run_all(&mut fx, &mut app, effects);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(app.message.as_deref().unwrap().contains("cliëntdossier"), "{:?}", app.message);

    // Markdown by default; the text is the preview's.
    open(&mut fx, &mut app, &id);
    let text = preview(&app).unwrap().text(Lang::Nl, today());
    let effects = app.key(key(KeyCode::Enter));
    run_all(&mut fx, &mut app, effects);
    let md = files(tmp.path()).into_iter().find(|n| n.ends_with(".md")).unwrap();
    assert_eq!(std::fs::read_to_string(tmp.path().join(&md)).unwrap(), text);
    assert!(text.contains("Moeder maakt zich zorgen over de zomer."));
    // Exporting again (after a correction, say) writes a new file beside the first, never
    // over it.
    open(&mut fx, &mut app, &id);
    let again = preview(&app).unwrap().file();
    assert!(again.display().to_string().ends_with("-2.md"), "{}", again.display());
    let effects = app.key(key(KeyCode::Enter));
    run_all(&mut fx, &mut app, effects);
    assert_eq!(std::fs::read_to_string(tmp.path().join(&md)).unwrap(), text, "the first is untouched");
    assert!(again.exists());
    assert_eq!(files(tmp.path()).iter().filter(|n| n.ends_with(".md")).count(), 2);
}

#[test]
fn possible_personal_data_is_named_and_asked_about_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut fx, mut app, _, risky) = world(tmp.path());
    open(&mut fx, &mut app, &risky);
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("mogelijke persoonsgegevens"), "{screen}");
    assert!(app.key(key(KeyCode::Enter)).is_empty(), "asks first");
    assert!(preview(&app).unwrap().confirming);
    assert!(app.key(key(KeyCode::Esc)).is_empty(), "no: back to the preview");
    let p = preview(&app).unwrap();
    assert!(!p.confirming);
    assert!(files(tmp.path()).is_empty());
    app.key(key(KeyCode::Enter));
    let effects = app.key(key(KeyCode::Enter));
    assert!(matches!(effects.as_slice(), [Effect::ExportCase { anyway: true, .. }]), "{effects:?}");
    run_all(&mut fx, &mut app, effects);
    assert_eq!(files(tmp.path()).len(), 1);
    // Without the worker's yes such a consultation is never written.
    let out = tmp.path().join("r.md");
    let actions = fx.run(Effect::ExportCase {
        id: risky,
        out: out.clone(),
        format: Format::Markdown,
        today: today(),
        anyway: false,
    });
    assert!(
        matches!(actions.as_slice(), [Action::Failed(m)] if m.contains("persoonsgegevens")),
        "{actions:?}"
    );
    assert!(!out.exists());
}
