//! The update logic: key sequences in, state and effects out; no terminal, no vault.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use consultlog::i18n::Lang;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Dialog, Screen};
use consultlog::tui::form::FieldId;
use crossterm::event::KeyCode;
use tui_common::*;
use zeroize::Zeroizing;

fn unlocked(n: usize) -> App {
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(n)), damaged: 0, drafts: vec![] });
    app
}

#[test]
fn unlock_wrong_passphrase_then_retry() {
    let mut app = App::new(Lang::Nl, today(), true);
    type_str(&mut app, "verkeerd");
    let fx = app.key(key(KeyCode::Enter));
    assert!(matches!(fx.as_slice(), [Effect::Unlock(_)]));
    app.update(Action::UnlockFailed("Onjuiste wachtwoordzin.".into()));
    assert!(matches!(app.screen, Screen::Unlock(_)));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("Onjuist")));
    type_str(&mut app, "goed");
    assert!(matches!(app.key(key(KeyCode::Enter)).as_slice(), [Effect::Unlock(_)]));
}

#[test]
fn welcome_asks_twice_and_refuses_a_mismatch() {
    let mut app = App::new(Lang::Nl, today(), false);
    type_str(&mut app, "vier losse woorden hier");
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    type_str(&mut app, "iets anders");
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    assert!(app.message.is_some());
    type_str(&mut app, "vier losse woorden hier");
    assert!(matches!(app.key(key(KeyCode::Enter)).as_slice(), [Effect::CreateVault(_)]));
}

#[test]
fn new_note_starts_in_first_question_and_saves_with_only_a_date() {
    let mut app = unlocked(5);
    app.key(key(KeyCode::Char('n')));
    let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
    assert_eq!(f.fields[f.focus].id, FieldId::Prompt(0));
    type_str(&mut app, "Vader noemt familie-eer; ?q/n mogen getypt worden");
    let fx = app.key(ctrl('s'));
    let [Effect::Save { id: None, consultation, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(consultation.consulted_on, today());
    assert_eq!(
        consultation.prompts.get("motives").unwrap(),
        "Vader noemt familie-eer; ?q/n mogen getypt worden"
    );
}

#[test]
fn a_bad_date_is_explained_not_saved() {
    let mut app = unlocked(0);
    app.key(key(KeyCode::Char('n')));
    let Screen::Editor(f) = &mut app.screen else { panic!() };
    f.focus_on(FieldId::Date);
    for _ in 0..12 {
        app.key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "31-02-2026");
    assert!(app.key(ctrl('s')).is_empty());
    let Screen::Editor(f) = &app.screen else { panic!() };
    assert!(f.error.is_some());
}

#[test]
fn leaving_with_unsaved_changes_asks_first() {
    let mut app = unlocked(3);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "tekst");
    app.key(key(KeyCode::Esc));
    assert_eq!(app.dialog(), Some(Dialog::Unsaved));
    app.key(key(KeyCode::Esc));
    assert!(app.dialog().is_none() && matches!(app.screen, Screen::Editor(_)));
    app.key(key(KeyCode::Esc));
    let fx = app.key(key(KeyCode::Char('w')));
    assert!(matches!(fx.as_slice(), [Effect::ClearDraft(_)]));
    assert!(matches!(app.screen, Screen::List));
    // Without changes, Esc leaves at once.
    app.key(key(KeyCode::Char('n')));
    app.key(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::List));
}

#[test]
fn draft_is_written_once_per_change() {
    let mut app = unlocked(1);
    app.key(key(KeyCode::Char('n')));
    assert!(app.update(Action::DraftTick).is_empty());
    type_str(&mut app, "x");
    assert!(matches!(app.update(Action::DraftTick).as_slice(), [Effect::SaveDraft { .. }]));
    assert!(app.update(Action::DraftTick).is_empty());
}

#[test]
fn lock_drops_data_and_unlock_returns_to_the_editor() {
    let mut app = unlocked(10);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "halverwege een zin");
    let fx = app.key(ctrl('l'));
    let (name, draft) = match fx.as_slice() {
        [Effect::SaveDraft { name, bytes }, Effect::Lock] => (name.clone(), bytes.clone()),
        other => panic!("{other:?}"),
    };
    // The draft reached the disk: nothing of the text stays in memory while locked.
    app.update(Action::DraftSaved(name.clone()));
    assert!(matches!(app.screen, Screen::Unlock(_)));
    assert!(app.list.rows.is_empty());
    app.update(Action::Unlocked {
        rows: rows(&records(10)),
        damaged: 0,
        drafts: vec![(name, Zeroizing::new(draft.to_vec()))],
    });
    let Screen::Editor(f) = &app.screen else { panic!("not back in the editor") };
    assert_eq!(f.text_of(FieldId::Prompt(0)), "halverwege een zin");
}

#[test]
fn a_draft_is_offered_after_a_crash() {
    let mut app = unlocked(1);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "na het telefoontje");
    let fx: [Effect; 1] = app.update(Action::DraftTick).try_into().unwrap();
    let [Effect::SaveDraft { name, bytes }] = fx else { panic!() };
    let mut fresh = App::new(Lang::Nl, today(), true);
    fresh.update(Action::Unlocked { rows: vec![], damaged: 0, drafts: vec![(name, bytes)] });
    assert_eq!(fresh.dialog(), Some(Dialog::Draft));
    fresh.key(key(KeyCode::Enter));
    let Screen::Editor(f) = &fresh.screen else { panic!() };
    assert_eq!(f.text_of(FieldId::Prompt(0)), "na het telefoontje");
}

#[test]
fn search_and_filters_narrow_the_list() {
    let recs = records(200);
    let mut app = unlocked(0);
    app.update(Action::Unlocked { rows: rows(&recs), damaged: 0, drafts: vec![] });
    let texts = recs.iter().map(|r| (r.id.clone(), r.consultation.advice.to_lowercase())).collect();
    app.update(Action::SearchTexts { texts, next: None });
    app.key(key(KeyCode::Char('/')));
    type_str(&mut app, "paspoort");
    let n = app.list.shown.len();
    assert!(n > 0 && n < 200, "{n}");
    app.key(key(KeyCode::Esc));
    assert_eq!(app.list.shown.len(), 200);
    app.key(key(KeyCode::Char('s')));
    assert!(app.list.shown.len() < 200);
    // 'q' typed in the search field is text, not quit.
    app.key(key(KeyCode::Char('/')));
    assert!(app.key(key(KeyCode::Char('q'))).is_empty());
}

#[test]
fn quit_from_the_list_and_open_the_selected_row() {
    let mut app = unlocked(5);
    app.key(key(KeyCode::Down));
    let id = app.list.selected_id().unwrap().to_string();
    let fx = app.key(key(KeyCode::Enter));
    assert!(matches!(fx.as_slice(), [Effect::Load { id: i, edit: false }] if *i == id));
    assert!(matches!(app.key(key(KeyCode::Char('q'))).as_slice(), [Effect::Quit]));
}

#[test]
fn lock_from_the_detail_returns_to_it() {
    let mut app = unlocked(3);
    let rec = records(3).into_iter().next().unwrap();
    app.update(Action::RecordLoaded { record: Box::new(rec), edit: false });
    let fx = app.key(ctrl('l'));
    assert!(matches!(fx.as_slice(), [Effect::Lock]), "{fx:?}");
    assert!(matches!(app.screen, Screen::Unlock(_)));
    let fx = app.update(Action::Unlocked { rows: rows(&records(3)), damaged: 0, drafts: vec![] });
    assert!(matches!(fx.first(), Some(Effect::Load { edit: false, .. })), "{fx:?}");
}

#[test]
fn results_arriving_after_a_lock_are_not_shown() {
    let mut app = unlocked(3);
    let rec = records(3).into_iter().next().unwrap();
    app.key(ctrl('l'));
    app.update(Action::RecordLoaded { record: Box::new(rec), edit: false });
    assert!(matches!(app.screen, Screen::Unlock(_)));
}

#[test]
fn typing_a_phone_number_highlights_it_and_f2_replaces_it() {
    let mut app = unlocked(3);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "Oom belt vanaf 06-12345678 over de reis.");
    let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
    let found = f.findings();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "06-12345678");
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("Mogelijke persoonsgegevens: telefoonnummer «06-12345678»"), "{screen}");
    // The number itself is drawn highlighted in the text area.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    t.draw(|fr| consultlog::tui::screens::render(&app, fr.area(), fr.buffer_mut())).unwrap();
    let buf = t.backend().buffer();
    let highlighted: String = (0..30u16)
        .flat_map(|y| (0..100u16).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert!(highlighted.contains("06-12345678"), "highlighted: {highlighted:?}");
    app.key(key(KeyCode::F(2)));
    let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
    assert_eq!(f.text_of(FieldId::Prompt(0)), "Oom belt vanaf [TELEFOON] over de reis.");
    assert!(f.findings().is_empty());
    assert!(!capture(&app, 100, 30).contains("Mogelijke persoonsgegevens"));
}

#[test]
fn f3_marks_a_finding_as_not_personal_and_the_choice_is_saved() {
    let mut app = unlocked(3);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "Bel Fier via 06-98765432.");
    app.key(key(KeyCode::F(3)));
    let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
    assert!(f.findings().is_empty());
    let fx = app.key(ctrl('s'));
    let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(consultation.not_personal.len(), 1);
    assert_eq!(consultation.not_personal[0].kind, "phone");
    assert!(consultlog::privacy::unresolved(consultation).is_empty());
}

#[test]
fn received_advice_and_sender_show_in_the_detail() {
    use chrono::TimeZone;
    let mut r = records(1).remove(0);
    let at = chrono::Utc.with_ymd_and_hms(2026, 5, 6, 9, 0, 0).unwrap();
    r.received = Some(received_from_noord(at));
    r.received_advice.push(consultlog::domain::ReceivedAdvice {
        adviser: "lkha-adviseur".into(),
        adviser_recipient: "age1voorbeeld".into(),
        advice_date: None,
        text: "Eerst een veiligheidsplan maken.".into(),
        advice_categories: vec!["safety_plan".into()],
        received_at: at,
        reply_created: at,
    });
    let text: Vec<String> = consultlog::tui::screens::detail::lines(Lang::Nl, &r, today())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let all = text.join("\n");
    assert!(all.contains("Ontvangen van: wijkteam-noord (06-05-2026)"), "{all}");
    assert!(all.contains("Advies ontvangen van lkha-adviseur (06-05-2026)"), "{all}");
    assert!(all.contains("Eerst een veiligheidsplan maken."), "{all}");
    assert!(all.contains("Veiligheidsplan"), "{all}");
}

#[test]
fn statistics_screen_shows_what_an_export_would_publish() {
    let mut app = unlocked(3);
    let fx = app.key(key(KeyCode::Char('g')));
    assert!(matches!(fx.as_slice(), [Effect::LoadStats]), "{fx:?}");
    let mut counts = consultlog::tui::stats_view::StatsCounts::default();
    // 120 fictional consultations, a few forms small enough to need suppression.
    for (i, c) in consultlog::domain::demo::generate(120, 11, today().0).into_iter().enumerate() {
        let mut c = c;
        c.consent.statistics = "yes".into();
        c.forms = vec![if i < 2 { "human_trafficking".into() } else { "forced_marriage".into() }];
        counts.months.add(&c);
        counts.forms.add(&c);
    }
    app.update(Action::StatsLoaded(Box::new(counts)));
    assert!(matches!(app.screen, Screen::Stats(_)));
    let screen = capture(&app, 110, 34);
    assert!(screen.contains("Per hoofdvorm"), "{screen}");
    assert!(screen.contains("Huwelijksdwang"), "{screen}");
    // Two cases of one form is below k = 5: never shown as a number.
    let line = screen.lines().find(|l| l.contains("Mensenhandel")).unwrap();
    assert!(line.contains("× afgeschermd"), "{line}");
    assert!(!screen.contains("Mensenhandel █"), "{screen}");
    // v: every form involved; p: per year; e: the report, as an effect (no I/O here).
    app.key(key(KeyCode::Char('v')));
    assert!(capture(&app, 110, 34).contains("Alle betrokken vormen"));
    app.key(key(KeyCode::Char('p')));
    assert!(capture(&app, 110, 34).contains("Per jaar"));
    let fx = app.key(key(KeyCode::Char('e')));
    assert!(
        matches!(fx.as_slice(), [Effect::ExportReport { period: consultlog::stats::Period::Year, out }]
            if out.to_string_lossy().ends_with(".html")),
        "{fx:?}"
    );
    app.update(Action::ReportExported("rapport.html".into()));
    assert!(capture(&app, 110, 34).contains("Rapport geschreven naar rapport.html"));
    app.key(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::List));
}

#[test]
fn received_cases_are_listed_apart_and_tab_switches() {
    let mut rs = records(5);
    for r in rs.iter_mut().take(2) {
        r.received = Some(received_from_noord(r.created));
    }
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&rs), damaged: 0, drafts: vec![] });
    let received: Vec<&str> = rs.iter().take(2).map(|r| r.id.as_str()).collect();
    let shown =
        |app: &App| -> Vec<String> { app.list.shown.iter().map(|i| app.list.rows[*i].id.clone()).collect() };
    assert_eq!(shown(&app).len(), 3);
    assert!(shown(&app).iter().all(|id| !received.contains(&id.as_str())));
    let screen = capture(&app, 100, 20);
    assert!(screen.contains("Eigen casussen (3) │ Ontvangen (2)"), "{screen}");
    assert!(screen.contains("3 van 3"), "{screen}");
    app.key(key(KeyCode::Tab));
    assert_eq!(shown(&app).len(), 2);
    assert!(shown(&app).iter().all(|id| received.contains(&id.as_str())));
    assert!(capture(&app, 100, 20).contains("2 van 2"));
    // A vault without received cases has no views line and Tab changes nothing.
    let mut plain = unlocked(3);
    plain.key(key(KeyCode::Tab));
    assert_eq!(plain.list.shown.len(), 3);
    assert!(!capture(&plain, 100, 20).contains("Ontvangen"));
}

#[test]
fn opening_and_saving_in_the_editor_changes_nothing() {
    for r in records(60) {
        let f = consultlog::tui::form::Form::from_consultation(Some(r.id.clone()), r.consultation.clone());
        let back = f.to_consultation().unwrap();
        assert_eq!(back.changed_fields(&r.consultation), Vec::<String>::new(), "{}", r.id);
    }
}

#[test]
fn the_adviser_fills_in_advice_categories_and_date_in_the_editor() {
    use consultlog::tui::form::Form;
    let c = records(1).remove(0).consultation;
    let mut f = Form::from_consultation(Some("x".into()), c);
    f.focus_on(FieldId::AdviceCategories);
    let mut app = App::new(Lang::Nl, today(), true);
    app.screen = Screen::Editor(Box::new(f));
    // The first category, on and off and on again with the space bar; then a bad date.
    for _ in 0..3 {
        app.key(key(KeyCode::Char(' ')));
    }
    app.key(key(KeyCode::Tab));
    let Screen::Editor(f) = &mut app.screen else { panic!() };
    assert_eq!(f.fields[f.focus].id, FieldId::AdviceDate);
    for _ in 0..12 {
        app.key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "31-02-2026");
    app.key(ctrl('s'));
    let Screen::Editor(f) = &app.screen else { panic!("a bad date must not save") };
    assert!(f.error.as_deref().unwrap().contains("adviesdatum"));
    for _ in 0..10 {
        app.key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "06-05-2026");
    let fx = app.key(ctrl('s'));
    let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    let first = consultlog::domain::Catalogue::builtin().list("advice_category").0[0].id.clone();
    assert!(consultation.advice_categories.contains(&first), "{:?}", consultation.advice_categories);
    assert_eq!(consultation.advice_date.unwrap().dutch(), "06-05-2026");
}

/// A program left open past midnight reasons with the new date: an action due tomorrow is
/// not overdue today, and is once the day after has come.
#[test]
fn overdue_marker_follows_the_new_day() {
    let mut rec = records(1).remove(0);
    let c = &mut rec.consultation;
    c.status = "open".into();
    c.urgency = Some("low".into());
    c.travel.situation = Some("no_travel".into());
    c.travel.departure = None;
    c.actions = vec![consultlog::domain::FollowUp {
        text: "terugbellen".into(),
        due: Some(consultlog::domain::Date(today().0 + chrono::Duration::days(1))),
        done: false,
    }];
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&[rec]), damaged: 0, drafts: vec![] });
    // The one row shows the next action's due date; its first column holds the markers.
    let row = |app: &App| {
        let screen = capture(app, 100, 30);
        let line = screen.lines().find(|l| l.contains("21-11-2026")).map(str::to_string);
        line.unwrap_or_else(|| panic!("no row with the action's date:\n{screen}"))
    };
    assert!(!row(&app).contains('T'), "not overdue yet: {}", row(&app));
    assert!(
        app.update(Action::NewDay(consultlog::domain::Date(today().0 + chrono::Duration::days(2))))
            .is_empty()
    );
    assert!(row(&app).contains('T'), "overdue the day after: {}", row(&app));
}

/// The LKHA adviser editing a received case lands on the advice field, and is not told to
/// "consult the LKHA first"; the worker on their own case still is.
#[test]
fn the_adviser_edits_a_received_case_at_the_advice() {
    let mut r = records(1).remove(0);
    r.consultation.forms = vec!["forced_marriage".into()];
    let own = r.clone();
    r.received = Some(received_from_noord(r.created));
    for (record, received) in [(own, false), (r, true)] {
        let mut app = unlocked(1);
        app.update(Action::RecordLoaded { record: Box::new(record), edit: true });
        let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
        assert_eq!(f.fields[f.focus].id == FieldId::Advice, received);
        assert_eq!(f.needs_lkha_guidance(), !received);
    }
}

/// The country is a code: a Dutch name is turned into it, and what `add` and `import` would
/// refuse ("Turkije, Istanbul") is refused here too, so what saves always shares and imports.
#[test]
fn the_country_is_saved_as_a_code_or_refused() {
    for (typed, expected) in
        [("Marokko", Some("MA")), ("tr", Some("TR")), ("Turkije, Istanbul", None), ("XX", None)]
    {
        let mut app = unlocked(1);
        app.key(key(KeyCode::Char('n')));
        let Screen::Editor(f) = &mut app.screen else { panic!("not in the editor") };
        f.focus_on(FieldId::Country);
        type_str(&mut app, typed);
        let screen = capture(&app, 100, 40);
        let fx = app.key(ctrl('s'));
        match expected {
            Some(code) => {
                let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{typed}: {fx:?}") };
                assert_eq!(consultation.client.country.as_deref(), Some(code));
                assert!(screen.contains(&format!("✓ {code} =")), "{screen}");
            }
            None => {
                assert!(fx.is_empty(), "{typed} saved: {fx:?}");
                let Screen::Editor(f) = &app.screen else { panic!("left the editor") };
                assert!(f.error.as_deref().is_some_and(|e| e.contains("landcode")), "{:?}", f.error);
            }
        }
    }
}

/// A shared case without advice shows W (waiting for advice); once advice is in, A.
#[test]
fn the_list_tells_shared_cases_waiting_for_advice() {
    use chrono::TimeZone;
    let at = chrono::Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap();
    let mut r = records(1).remove(0);
    r.shared.push(consultlog::domain::Shared { to: vec!["lkha-adviseur".into()], at });
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(std::slice::from_ref(&r)), damaged: 0, drafts: vec![] });
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("W gedeeld, wacht op advies"), "{screen}");
    let text: String = consultlog::tui::screens::detail::lines(Lang::Nl, &r, today())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>() + "\n")
        .collect();
    assert!(text.contains("Gedeeld met: lkha-adviseur (03-11-2026), wacht op advies"), "{text}");
    r.received_advice.push(consultlog::domain::ReceivedAdvice {
        adviser: "lkha-adviseur".into(),
        adviser_recipient: "age1voorbeeld".into(),
        advice_date: None,
        text: "Advies.".into(),
        advice_categories: vec![],
        received_at: at,
        reply_created: at,
    });
    app.update(Action::Unlocked { rows: rows(std::slice::from_ref(&r)), damaged: 0, drafts: vec![] });
    let screen = capture(&app, 100, 30);
    assert!(!screen.contains("wacht op advies") && screen.contains("A advies ontvangen"), "{screen}");
}

/// The new kinds are highlighted in the editor and F2 puts each one's own placeholder.
#[test]
fn f2_replaces_the_new_kinds_with_their_placeholders() {
    for (typed, expected) in [
        ("Ze zit op basisschool De Regenboog.", "Ze zit op [SCHOOL]."),
        ("Haar insta: fatima_2008 is openbaar.", "Haar insta: [ACCOUNT] is openbaar."),
        ("Auto van oom, kenteken 12-ABC-3, staat klaar.", "Auto van oom, kenteken [KENTEKEN], staat klaar."),
        ("Ze is 16, jarig 15-6.", "Ze is 16, jarig [VERJAARDAG]."),
    ] {
        let mut app = unlocked(1);
        app.key(key(KeyCode::Char('n')));
        type_str(&mut app, typed);
        let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
        assert!(!f.findings().is_empty(), "{typed}: nothing found");
        for _ in 0..5 {
            if matches!(&app.screen, Screen::Editor(f) if f.findings().is_empty()) {
                break;
            }
            app.key(key(KeyCode::F(2)));
        }
        let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
        assert_eq!(f.text_of(FieldId::Prompt(0)), expected);
    }
}

/// Text from a record (an imported case can hold anything) never puts a control character
/// on the terminal: the drawn cells hold none.
#[test]
fn control_characters_in_a_record_are_not_drawn() {
    let mut r = records(1).remove(0);
    r.consultation.prompts.insert("facts".into(), "titel \u{1b}]0;X\u{7} en \u{9b}2J wis".into());
    let mut app = unlocked(1);
    app.update(Action::RecordLoaded { record: Box::new(r), edit: false });
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 40)).unwrap();
    t.draw(|fr| consultlog::tui::screens::render(&app, fr.area(), fr.buffer_mut())).unwrap();
    let buf = t.backend().buffer();
    let all: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(all.contains("titel"), "the text is drawn");
    assert!(!all.chars().any(char::is_control), "a control character reached the screen");
}

/// The first start refuses a passphrase shorter than 12 characters before asking it again.
#[test]
fn welcome_refuses_a_short_passphrase() {
    let mut app = App::new(Lang::Nl, today(), false);
    type_str(&mut app, "kort");
    assert!(app.key(key(KeyCode::Enter)).is_empty());
    type_str(&mut app, "kort");
    assert!(app.key(key(KeyCode::Enter)).is_empty(), "no vault is made");
    assert!(app.message.as_deref().is_some_and(|m| m.contains("korter dan 12")), "{:?}", app.message);
}

/// Dates typed the short way are this century; impossible ones are refused, not saved.
#[test]
fn short_dates_are_this_century_and_impossible_ones_refused() {
    for (typed, expected) in [("3-12-26", Some("2026-12-03")), ("32-13-2026", None), ("3-12-0026", None)] {
        let mut app = unlocked(1);
        app.key(key(KeyCode::Char('n')));
        let Screen::Editor(f) = &mut app.screen else { panic!("not in the editor") };
        f.focus_on(FieldId::Date);
        for _ in 0..12 {
            app.key(key(KeyCode::Backspace));
        }
        type_str(&mut app, typed);
        let mut fx = app.key(ctrl('s'));
        // A date after today asks once, and so does a consultation with nothing else filled
        // in: Ctrl+S in the question saves.
        while matches!(app.dialog(), Some(Dialog::FutureDate | Dialog::EmptySave)) {
            fx = app.key(ctrl('s'));
        }
        match expected {
            Some(iso) => {
                let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{typed}: {fx:?}") };
                assert_eq!(consultation.consulted_on.iso(), iso);
            }
            None => assert!(fx.is_empty(), "{typed} saved: {fx:?}"),
        }
    }
}

/// After unlocking, the program reminds when closed consultations are past the retention
/// period, and says how to delete them.
#[test]
fn the_program_reminds_of_consultations_past_retention() {
    use chrono::TimeZone;
    let mut recs = records(3);
    for r in &mut recs {
        r.consultation.status = "closed".into();
    }
    recs[0].updated = chrono::Utc.with_ymd_and_hms(2020, 3, 1, 9, 0, 0).unwrap();
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&recs), damaged: 0, drafts: vec![] });
    app.update(Action::Retention(Some(5)));
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("1 gesloten consultatie(s)") && m.contains("purge --closed-before 20-11-2021"), "{m}");
    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(&recs[1..]), damaged: 0, drafts: vec![] });
    app.update(Action::Retention(Some(5)));
    assert!(!app.message.clone().unwrap_or_default().contains("bewaartermijn"));
}

/// Ctrl+C quits like other terminal programs; with unsaved text it asks first, and a second
/// Ctrl+C leaves with the text kept as the encrypted draft.
#[test]
fn ctrl_c_quits_and_asks_about_unsaved_text() {
    let mut app = unlocked(2);
    assert!(matches!(app.key(ctrl('c')).as_slice(), [Effect::Quit]));
    let mut app = App::new(Lang::Nl, today(), false);
    assert!(matches!(app.key(ctrl('c')).as_slice(), [Effect::Quit]), "also before unlocking");
    let mut app = unlocked(2);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "Half getypte notitie");
    assert!(app.key(ctrl('c')).is_empty(), "asks first");
    assert!(matches!(app.dialog(), Some(Dialog::Unsaved)));
    let fx = app.key(ctrl('c'));
    assert!(matches!(fx.as_slice(), [Effect::SaveDraft { .. }, Effect::Quit]), "{fx:?}");
}

/// Every field of the record can be filled in from the editor: each coded field of the
/// schema has an input, and choosing in it lands in the saved consultation.
#[test]
fn every_coded_field_of_the_record_is_editable() {
    use consultlog::domain::schema::{FIELDS, Kind, Value};
    let mut app = App::new(Lang::Nl, today(), true);
    app.screen = Screen::Editor(Box::new(consultlog::tui::form::Form::new_record(today())));
    let coded: Vec<_> =
        FIELDS.iter().filter(|f| matches!(f.kind, Kind::Code { .. } | Kind::Codes(_))).collect();
    assert!(coded.len() >= 17, "{}", coded.len());
    for f in &coded {
        let Screen::Editor(form) = &mut app.screen else { panic!() };
        form.focus_on(f.id);
        assert_eq!(form.fields[form.focus].id, f.id, "{} has no input", f.key);
        // A choice steps to the next code; a multi-select ticks the one under the cursor.
        let k = if let Kind::Code { .. } = f.kind { KeyCode::Right } else { KeyCode::Char(' ') };
        app.key(key(k));
    }
    let fx = app.key(ctrl('s'));
    let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    let empty = consultlog::domain::Consultation::new(today());
    for f in coded {
        assert_ne!((f.read)(consultation), (f.read)(&empty), "{} did not change", f.key);
        assert!(!matches!((f.read)(consultation), Value::Codes(v) if v.is_empty()), "{}", f.key);
    }
}

/// "e, fix, Ctrl+S" from the detail lands back on the detail of that case, not the list;
/// so does Esc without changes.
#[test]
fn saving_or_leaving_an_edit_started_in_the_detail_returns_to_the_detail() {
    let mut app = unlocked(3);
    let rec = records(3).into_iter().next().unwrap();
    let id = rec.id.clone();
    app.update(Action::RecordLoaded { record: Box::new(rec.clone()), edit: false });
    app.key(key(KeyCode::Char('e')));
    assert!(matches!(app.screen, Screen::Editor(_)));
    let fx = app.key(key(KeyCode::Esc));
    assert!(matches!(fx.as_slice(), [Effect::Load { id: i, edit: false }] if *i == id), "{fx:?}");
    app.update(Action::RecordLoaded { record: Box::new(rec), edit: false });
    app.key(key(KeyCode::Char('e')));
    let Screen::Editor(f) = &mut app.screen else { panic!() };
    f.focus_on(FieldId::Prompt(0));
    type_str(&mut app, " aanvulling");
    let fx = app.key(ctrl('s'));
    assert!(matches!(fx.as_slice(), [Effect::Save { id: Some(i), .. }] if *i == id), "{fx:?}");
    let row = rows(&records(3)).into_iter().find(|r| r.id == id).unwrap();
    let fx = app.update(Action::Saved { row: Box::new(row), text: "aanvulling".into() });
    assert!(matches!(fx.as_slice(), [Effect::Load { id: i, edit: false }] if *i == id), "{fx:?}");
    // A new consultation saved from the list goes back to the list.
    app.key(key(KeyCode::Esc));
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "nieuw");
    app.key(ctrl('s'));
    let row = rows(&records(1)).remove(0);
    assert!(app.update(Action::Saved { row: Box::new(row), text: String::new() }).is_empty());
    assert!(matches!(app.screen, Screen::List));
}

/// The worker chooses the primary form (hoofdvorm) that statistics count; one that is not
/// among the forms ticked is refused with a sentence saying what to do.
#[test]
fn the_primary_form_is_chosen_among_the_forms_ticked() {
    let mut app = App::new(Lang::Nl, today(), true);
    app.screen = Screen::Editor(Box::new(consultlog::tui::form::Form::new_record(today())));
    let focus = |app: &mut App, id| {
        let Screen::Editor(f) = &mut app.screen else { panic!() };
        f.focus_on(id);
    };
    // Tick the second form (abandonment), then choose the first (forced marriage) as primary.
    focus(&mut app, FieldId::Forms);
    app.key(key(KeyCode::Right));
    app.key(key(KeyCode::Char(' ')));
    focus(&mut app, FieldId::PrimaryForm);
    app.key(key(KeyCode::Right));
    assert!(app.key(ctrl('s')).is_empty());
    let Screen::Editor(f) = &app.screen else { panic!() };
    assert!(f.error.as_deref().is_some_and(|e| e.contains("hoofdvorm")), "{:?}", f.error);
    // The next choice is abandonment: it saves, and is what statistics count.
    app.key(key(KeyCode::Right));
    let fx = app.key(ctrl('s'));
    let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(consultation.primary_form.as_deref(), Some("abandonment"));
    assert_eq!(consultation.primary_form(), Some("abandonment"));
}

/// Ctrl+U clears the answer's line up to the cursor, as in a shell.
#[test]
fn ctrl_u_clears_to_the_start_of_the_line() {
    let mut app = App::new(Lang::Nl, today(), true);
    app.screen = Screen::Editor(Box::new(consultlog::tui::form::Form::new_record(today())));
    type_str(&mut app, "verkeerd begonnen");
    app.key(ctrl('u'));
    type_str(&mut app, "goed");
    let Screen::Editor(f) = &app.screen else { panic!() };
    assert_eq!(f.text_of(FieldId::Prompt(0)), "goed");
}

/// Saving a new consultation with nothing in it asks first; Esc goes back to writing.
#[test]
fn saving_an_empty_consultation_asks_first() {
    let mut app = unlocked(1);
    app.key(key(KeyCode::Char('n')));
    assert!(app.key(ctrl('s')).is_empty());
    assert_eq!(app.dialog(), Some(Dialog::EmptySave));
    app.key(key(KeyCode::Esc));
    assert!(app.dialog().is_none() && matches!(app.screen, Screen::Editor(_)));
    app.key(ctrl('s'));
    let fx = app.key(ctrl('s'));
    assert!(matches!(fx.as_slice(), [Effect::Save { id: None, .. }]), "{fx:?}");
    // With an answer it saves at once.
    let mut app = unlocked(1);
    app.key(key(KeyCode::Char('n')));
    type_str(&mut app, "Tante belde.");
    assert!(matches!(app.key(ctrl('s')).as_slice(), [Effect::Save { .. }]));
}

/// The detail scrolls a page at a time and never past its end: at the end its last line is
/// on screen; Home and End go to the top and the bottom.
#[test]
fn the_detail_pages_and_stops_at_its_end() {
    let mut app = unlocked(3);
    app.page = 24; // 100x30
    app.width = 100;
    let rec = records(3).into_iter().next().unwrap();
    app.update(Action::RecordLoaded { record: Box::new(rec), edit: false });
    let scroll = |app: &App| match &app.screen {
        Screen::Detail(d) => d.scroll,
        _ => panic!("not in the detail"),
    };
    app.key(key(KeyCode::PageDown));
    assert_eq!(scroll(&app), 26, "a page is the view less one line");
    for _ in 0..50 {
        app.key(key(KeyCode::PageDown));
    }
    let end = scroll(&app);
    app.key(key(KeyCode::Down));
    assert_eq!(scroll(&app), end, "no scrolling into emptiness");
    let screen = capture(&app, 100, 30);
    let Screen::Detail(d) = &app.screen else { panic!() };
    let last = consultlog::tui::screens::detail::lines(Lang::Nl, &d.record, today()).pop().unwrap();
    let last: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
    assert!(screen.contains(last.trim()), "last line {last:?} not on screen:\n{screen}");
    app.key(key(KeyCode::Home));
    assert_eq!(scroll(&app), 0);
    app.key(key(KeyCode::End));
    assert_eq!(scroll(&app), end);
}

/// One key shows everything again: Esc in the list clears the search and every filter.
#[test]
fn esc_in_the_list_clears_search_and_filters() {
    let mut app = unlocked(20);
    let all = app.list.shown.len();
    app.key(key(KeyCode::Char('f')));
    app.key(key(KeyCode::Char('s')));
    app.key(key(KeyCode::Char('/')));
    type_str(&mut app, "school");
    app.key(key(KeyCode::Enter));
    app.list.finish();
    assert!(app.list.shown.len() < all);
    app.key(key(KeyCode::Esc));
    app.list.finish();
    assert!(app.list.form_filter().is_none() && app.list.status_filter().is_none());
    assert!(app.list.query.is_empty());
    assert_eq!(app.list.shown.len(), all);
}

/// The help lists every key of the screens, however small the terminal: what does not fit
/// is on the next page (↓), and ↑ goes back.
#[test]
fn every_key_is_in_the_help_at_any_size() {
    use consultlog::tui::keymap::{KEYMAP, KeyCtx};
    for (w, h) in [(100, 30), (60, 15)] {
        let mut app = unlocked(3);
        app.message = None;
        app.key(key(KeyCode::Char('?')));
        let mut seen = String::new();
        for _ in 0..20 {
            seen.push_str(&capture(&app, w, h));
            app.key(key(KeyCode::Down));
        }
        for b in KEYMAP.iter().filter(|b| {
            matches!(b.ctx, KeyCtx::Global | KeyCtx::List | KeyCtx::Detail | KeyCtx::Editor | KeyCtx::Stats)
        }) {
            let desc = consultlog::i18n::t(Lang::Nl, b.desc);
            let shown: String = desc.chars().take(usize::from(w) / 2 - 16).collect();
            assert!(seen.contains(&shown), "{w}x{h}: '{desc}' is on no page of the help");
        }
        // On the last page the title points back, not on.
        let last = capture(&app, w, h);
        assert!(last.contains("↑ terug)") && !last.contains("↓ meer)"), "{last}");
        app.key(key(KeyCode::Up));
        assert!(matches!(app.context(), KeyCtx::Help));
        app.key(key(KeyCode::Esc));
        assert!(!matches!(app.context(), KeyCtx::Help));
    }
}

/// A lock wipes what is personal, not how the list is sorted: after unlocking the worker is
/// back in the same order.
#[test]
fn the_sort_order_survives_a_lock() {
    use consultlog::domain::search::SortBy;
    let mut app = unlocked(5);
    app.message = None;
    app.key(key(KeyCode::Char('o')));
    assert_eq!(app.list.sort, SortBy::Urgency);
    app.key(ctrl('l'));
    assert!(!app.is_unlocked());
    app.update(Action::Unlocked { rows: rows(&records(5)), damaged: 0, drafts: vec![] });
    assert_eq!(app.list.sort, SortBy::Urgency);
    assert!(capture(&app, 100, 30).contains("sortering (o): urgentie"));
}

/// Without a kenmerk the delete question names the case by its first words, so two cases of
/// one day are told apart.
#[test]
fn the_delete_question_names_a_case_without_kenmerk_by_its_first_words() {
    let mut app = unlocked(5);
    app.message = None;
    let sel = app.list.shown[app.list.selected];
    let row = app.list.rows[sel].clone();
    assert!(row.label.is_empty() && !row.preview.is_empty());
    app.key(key(KeyCode::Delete));
    let screen = capture(&app, 100, 30);
    let start: String = row.preview.chars().take(15).collect();
    assert!(screen.contains(&start), "{start:?} not in:\n{screen}");
}

/// A save refused for a wrong date puts the cursor on that date, with the message.
#[test]
fn a_refused_date_puts_the_cursor_on_it() {
    let mut app = unlocked(2);
    app.message = None;
    app.key(key(KeyCode::Char('n')));
    let Screen::Editor(f) = &mut app.screen else { panic!() };
    f.focus_on(FieldId::Date);
    app.key(ctrl('u'));
    type_str(&mut app, "32-13-2026");
    let Screen::Editor(f) = &mut app.screen else { panic!() };
    f.focus_on(FieldId::Prompt(0));
    type_str(&mut app, "tekst");
    assert!(app.key(ctrl('s')).is_empty(), "refused");
    let Screen::Editor(f) = &app.screen else { panic!() };
    assert_eq!(f.fields[f.focus].id, FieldId::Date);
    assert!(f.error.as_deref().unwrap().contains("geldige consultatiedatum"));
}
