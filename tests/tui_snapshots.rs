//! Every screen as text, in Dutch and English (TestBackend + insta). Fictional data only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use consultlog::error::vault_message;
use consultlog::i18n::Lang;
use consultlog::store::VaultError;
use consultlog::tui::action::Action;
use consultlog::tui::app::App;
use crossterm::event::KeyCode;
use tui_common::*;

/// About 400 characters of a fictional answer, as a worker types it between two visits.
const LONG_ANSWER: &str = "Moeder vertelde dat de familie in de zomer naar het land van herkomst wil reizen en dat \
de oudste dochter daar zou moeten blijven. De dochter zelf zegt dat ze haar opleiding wil afmaken en \
geen huwelijk wil. Op school valt op dat ze stiller is en dat haar broer haar elke dag ophaalt. We \
hebben afgesproken eerst het LKHA te raadplegen en niet met de familie te bemiddelen.";

const W: u16 = 100;
const H: u16 = 30;

fn list_app(lang: Lang) -> App {
    let mut app = App::new(lang, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(40)), damaged: 0, drafts: vec![] });
    app
}

fn snap(name: &str, lang: Lang, app: &App) {
    let tag = if lang == Lang::Nl { "nl" } else { "en" };
    insta::assert_snapshot!(format!("{name}_{tag}"), capture(app, W, H));
}

#[test]
fn screens() {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = App::new(lang, today(), false);
        type_str(&mut app, "kort");
        snap("welcome", lang, &app);

        let app = App::new(lang, today(), true);
        snap("unlock", lang, &app);

        let mut app = App::new(lang, today(), true);
        app.update(Action::UnlockFailed(vault_message(&VaultError::WrongPassphrase, lang)));
        snap("unlock_wrong_passphrase", lang, &app);

        let app = list_app(lang);
        snap("list", lang, &app);

        let mut app = list_app(lang);
        app.demo = true;
        snap("demo", lang, &app);

        let mut app = list_app(lang);
        let recs = records(40);
        let texts = recs.iter().map(|r| (r.id.clone(), r.consultation.advice.to_lowercase())).collect();
        app.update(Action::SearchTexts { texts, next: None });
        app.key(key(KeyCode::Char('/')));
        type_str(&mut app, "school");
        snap("list_search", lang, &app);

        let mut app = list_app(lang);
        let rec = records(40).into_iter().next().unwrap();
        app.update(Action::RecordLoaded { record: Box::new(rec), edit: false });
        snap("detail", lang, &app);

        let mut app = list_app(lang);
        app.key(key(KeyCode::Char('n')));
        type_str(&mut app, "Leerkracht meldt angst voor de zomervakantie.");
        snap("editor", lang, &app);

        // A long answer wraps inside its box, which grows with it; at 60x15 too.
        let mut app = list_app(lang);
        app.key(key(KeyCode::Char('n')));
        type_str(&mut app, &LONG_ANSWER.replace('\n', " "));
        snap("editor_wrapped", lang, &app);
        let tag = if lang == Lang::Nl { "nl" } else { "en" };
        insta::assert_snapshot!(format!("editor_wrapped_small_{tag}"), capture(&app, 60, 15));

        let mut app = list_app(lang);
        app.key(key(KeyCode::Char('?')));
        snap("help", lang, &app);

        let app = list_app(lang);
        let tag = if lang == Lang::Nl { "nl" } else { "en" };
        insta::assert_snapshot!(format!("too_small_{tag}"), capture(&app, 20, 5));
    }
}

#[test]
fn hard_text_keeps_the_layout() {
    let mut app = list_app(Lang::Nl);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "زواج قسري · Şükrü Yıldırım · Cabdiraxmaan Xasan · 👩‍👧 ");
    app.update(Action::Paste("x".repeat(1_000_000)));
    app.update(Action::Paste("lang ".repeat(5000)));
    for (w, h) in [(100, 30), (40, 10), (20, 5), (1, 1), (300, 80)] {
        let text = capture(&app, w, h);
        assert_eq!(text.lines().count(), h as usize);
    }
}

#[test]
fn statistics_screen() {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = list_app(lang);
        let mut counts = consultlog::tui::stats_view::StatsCounts::default();
        for (i, mut c) in consultlog::domain::demo::generate(300, 5, today().0).into_iter().enumerate() {
            c.consent.statistics = "yes".into();
            if i < 2 {
                c.forms = vec!["human_trafficking".into()];
            }
            counts.months.add(&c);
            counts.forms.add(&c);
        }
        app.update(Action::StatsLoaded(Box::new(counts)));
        // 100 x 30: the period panel has more quarters than rows and says how many more.
        snap("statistics", lang, &app);
        // Scrolled to the end of the period panel; the form panel shows every form involved.
        for _ in 0..30 {
            app.update(Action::Cmd(consultlog::tui::action::Cmd::Down));
        }
        app.update(Action::Cmd(consultlog::tui::action::Cmd::StatsForms));
        app.update(Action::Cmd(consultlog::tui::action::Cmd::Down));
        snap("statistics_all_forms", lang, &app);
        app.update(Action::Cmd(consultlog::tui::action::Cmd::StatsPeriod));
        snap("statistics_year", lang, &app);
    }
}

/// At 60 columns the dates are whole: the next-action column goes instead.
#[test]
fn narrow_list_keeps_whole_dates() {
    let app = list_app(Lang::Nl);
    let screen = capture(&app, 60, 15);
    let day = records(40)[0].consultation.consulted_on.dutch();
    assert!(screen.contains(&day), "{screen}");
    assert!(!screen.contains("Volgende actie"), "{screen}");
    insta::assert_snapshot!("list_narrow_nl", screen);
}
