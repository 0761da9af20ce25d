//! The editor's follow-up rows, pick lists that filter as you type, the afwegingskader at
//! Meldcode step 4 and the question about a future date: key sequences in, state, effects
//! and screens out. No terminal, no vault.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use consultlog::domain::{Consultation, Date, FollowUp};
use consultlog::i18n::Lang;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Dialog, Screen};
use consultlog::tui::form::{FieldId, Form, Kind};
use crossterm::event::KeyCode;
use tui_common::*;

fn date(s: &str) -> Date {
    Date::parse_dutch(s).unwrap()
}

/// An app with the editor open on `c` (an existing record, so an empty one saves at once),
/// the cursor on `at`.
fn editor(lang: Lang, c: Consultation, at: FieldId) -> App {
    let mut app = App::new(lang, today(), true);
    app.update(Action::Unlocked { rows: rows(&records(3)), damaged: 0, drafts: vec![] });
    let mut f = Form::from_consultation(Some("00000000-0000-4000-8000-000000000001".into()), c);
    f.focus_on(at);
    app.screen = Screen::Editor(Box::new(f));
    app
}

fn form(app: &App) -> &Form {
    let Screen::Editor(f) = &app.screen else { panic!("not in the editor") };
    f
}

fn saved(app: &mut App) -> Consultation {
    let fx = app.key(ctrl('s'));
    let [Effect::Save { consultation, .. }] = fx.as_slice() else { panic!("{fx:?}") };
    *consultation.clone()
}

/// A follow-up's due date has its own input: never a personal-data finding, never touched
/// by F2; the text is checked as before.
#[test]
fn f2_never_touches_an_actions_date() {
    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::Actions);
    type_str(&mut app, "12-01-2027");
    app.key(key(KeyCode::Enter));
    type_str(&mut app, "bel mevrouw Bakkali op 0612345678 over 3 maart 2009");
    assert!(!form(&app).findings().is_empty());
    for _ in 0..8 {
        app.key(key(KeyCode::F(2)));
    }
    let rows = form(&app).rows().unwrap();
    assert_eq!(rows.rows[0].due_text(), "12-01-2027");
    let text = rows.rows[0].text();
    assert!(!text.contains("0612345678") && !text.contains("Bakkali") && !text.contains("2009"), "{text}");
    assert!(form(&app).findings().is_empty());
    let c = saved(&mut app);
    assert_eq!(c.actions[0].due, Some(date("12-01-2027")));
    assert!(c.texts().iter().all(|(k, _)| !k.contains("due")), "a due date is no free text");
}

#[test]
fn a_two_digit_year_is_this_century_and_impossible_dates_are_refused() {
    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::Actions);
    type_str(&mut app, "3-12-26");
    app.key(key(KeyCode::Enter));
    type_str(&mut app, "mail school");
    let c = saved(&mut app);
    assert_eq!(c.actions[0].due.map(|d| d.iso()).as_deref(), Some("2026-12-03"), "3-12-26 is 2026");

    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::Actions);
    type_str(&mut app, "32-13-2026");
    app.key(key(KeyCode::Enter));
    type_str(&mut app, "huisarts bellen");
    app.key(key(KeyCode::Tab));
    assert!(app.key(ctrl('s')).is_empty(), "an impossible date is not saved");
    let f = form(&app);
    assert_eq!(f.fields[f.focus].id, FieldId::Actions, "the cursor goes to the date");
    assert_eq!(f.rows().unwrap().part, consultlog::tui::form::Part::Due);
    let error = form(&app).error.clone().unwrap();
    assert!(error.contains("vervolgactie") && error.ends_with('.'), "{error}");
    assert_eq!(form(&app).rows().unwrap().rows[0].due_text(), "32-13-2026", "nothing changed");
}

/// Rows come and go with keys from the key table; Ctrl+T marks one done.
#[test]
fn rows_are_added_removed_and_marked_done() {
    let mut c = Consultation::new(today());
    c.actions = vec![FollowUp { text: "eerste".into(), due: None, done: false }];
    let mut app = editor(Lang::Nl, c, FieldId::Actions);
    app.key(ctrl('n'));
    app.key(key(KeyCode::Enter));
    type_str(&mut app, "tweede");
    app.key(ctrl('t'));
    app.key(ctrl('n'));
    type_str(&mut app, "1-1-27");
    app.key(ctrl('d'));
    assert_eq!(form(&app).rows().unwrap().rows.len(), 2);
    let c = saved(&mut app);
    let got: Vec<(&str, bool)> = c.actions.iter().map(|a| (a.text.as_str(), a.done)).collect();
    assert_eq!(got, [("eerste", false), ("tweede", true)]);
    // The field's hint names the row keys, from the key table.
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("Ctrl+N nieuwe actie"), "{screen}");
    // The help lists them under their own heading, above the editor's keys.
    app.key(key(KeyCode::F(1)));
    let help = capture(&app, 100, 30);
    assert!(help.contains("Bewerken, vervolgacties") && help.contains("actie weg"), "{help}");
}

/// An action due before today and not done shows as overdue in the editor, the detail and
/// the list; a done one does not.
#[test]
fn an_overdue_action_shows_everywhere() {
    let mut c = Consultation::new(date("01-11-2026"));
    c.actions = vec![
        FollowUp { text: "school bellen".into(), due: Some(date("19-11-2026")), done: false },
        FollowUp { text: "huisarts".into(), due: Some(date("02-11-2026")), done: true },
    ];
    let app = editor(Lang::Nl, c.clone(), FieldId::Actions);
    let screen = capture(&app, 100, 30);
    assert_eq!(screen.matches("te laat").count(), 1, "{screen}");

    let mut r = records(1).remove(0);
    r.consultation = c;
    let detail: Vec<String> = consultlog::tui::screens::detail::lines(Lang::Nl, &r, today())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert!(detail.iter().any(|l| l.contains("school bellen") && l.contains("te laat")), "{detail:?}");
    assert!(detail.iter().any(|l| l.contains("huisarts") && !l.contains("te laat")), "{detail:?}");

    let mut app = App::new(Lang::Nl, today(), true);
    app.update(Action::Unlocked { rows: rows(std::slice::from_ref(&r)), damaged: 0, drafts: vec![] });
    let list = capture(&app, 100, 30);
    let row = list.lines().find(|l| l.contains("19-11-2026")).expect("the next action's date in the list");
    let marks = row.split_whitespace().next().unwrap_or("");
    assert!(marks.contains('T'), "the row is marked overdue: {row}");
}

/// Letters narrow a pick list, Space ticks the highlighted code, Space again unticks it;
/// the hint says so.
#[test]
fn pick_lists_filter_as_you_type_and_toggle_with_space() {
    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::Signals);
    assert!(capture(&app, 100, 30).contains("Typ om te filteren"));
    type_str(&mut app, "paspoort");
    let screen = capture(&app, 100, 30);
    assert!(screen.contains("filter «paspoort»: 1 treffer"), "{screen}");
    assert!(!screen.contains("Kleineren"), "only the matches show:\n{screen}");
    app.key(key(KeyCode::Char(' ')));
    assert_eq!(saved(&mut app).signals, ["documents_taken"]);
    app.key(key(KeyCode::Char(' ')));
    assert!(saved(&mut app).signals.is_empty(), "Space again unticks it");
    // Backspace widens the list again; leaving the field forgets the filter.
    app.key(key(KeyCode::Backspace));
    assert!(capture(&app, 100, 30).contains("«paspoor»"));
    app.key(key(KeyCode::Tab));
    app.key(key(KeyCode::BackTab));
    let Some(Kind::Multi { filter, .. }) = form(&app).fields.get(form(&app).focus).map(|f| &f.kind) else {
        panic!()
    };
    assert!(filter.is_empty());

    // A single choice takes the first match as the worker types.
    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::MarriageForm);
    type_str(&mut app, "relig");
    assert_eq!(saved(&mut app).marriage.form, "religious");
}

/// Each pick list offers "onbekend" exactly once (its own code, or the empty choice).
#[test]
fn each_pick_list_has_one_unknown() {
    let app = editor(Lang::Nl, Consultation::new(today()), FieldId::Date);
    for f in &form(&app).fields {
        let (list, optional) = match &f.kind {
            Kind::Choice { list, optional, .. } => (*list, *optional),
            Kind::Multi { list, .. } => (*list, false),
            _ => continue,
        };
        if matches!(f.id, FieldId::PrimaryForm | FieldId::Status) {
            continue; // no choice means the first form; a status is never unknown
        }
        let own = list.codes().0.iter().filter(|c| c.nl.eq_ignore_ascii_case("onbekend")).count();
        let empty = usize::from(optional);
        match f.kind {
            Kind::Choice { .. } => assert_eq!(own + empty, 1, "{:?}", f.id),
            _ => assert!(own <= 1, "{:?}", f.id),
        }
    }
}

/// A consultation date in the future asks once; the same date does not ask again, another
/// one does.
#[test]
fn a_future_date_asks_once() {
    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::Date);
    for _ in 0..10 {
        app.key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "21-11-26");
    assert!(app.key(ctrl('s')).is_empty());
    assert_eq!(app.dialog(), Some(Dialog::FutureDate));
    assert!(capture(&app, 100, 30).contains("toekomst"));
    app.key(key(KeyCode::Esc));
    assert_eq!(app.dialog(), None);
    let c = saved(&mut app);
    assert_eq!(c.consulted_on, date("21-11-2026"), "not asked again for the same date");
    // Confirming in the dialog saves.
    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::Date);
    for _ in 0..10 {
        app.key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "01-01-2027");
    assert!(app.key(ctrl('s')).is_empty());
    let fx = app.key(ctrl('s'));
    assert!(matches!(fx.as_slice(), [Effect::Save { .. }]), "{fx:?}");
    // Today is not the future.
    let mut app = editor(Lang::Nl, Consultation::new(today()), FieldId::Date);
    saved(&mut app);
}

/// Snapshots: the follow-up rows (one overdue, one done, the cursor in a new one) and the
/// afwegingskader's questions at step 4, at 100x30 and 60x15, in Dutch and English.
#[test]
fn snapshots_of_rows_and_step_four() {
    for lang in [Lang::Nl, Lang::En] {
        let tag = if lang == Lang::Nl { "nl" } else { "en" };
        let mut c = Consultation::new(today());
        c.actions = vec![
            FollowUp {
                text: "School bellen over verzuim".into(),
                due: Some(date("12-11-2026")),
                done: false,
            },
            FollowUp { text: "Huisarts informeren".into(), due: Some(date("02-11-2026")), done: true },
        ];
        let mut app = editor(lang, c, FieldId::Actions);
        app.key(key(KeyCode::Down));
        app.key(ctrl('n'));
        type_str(&mut app, "1-12-26");
        app.key(key(KeyCode::Enter));
        type_str(&mut app, "LKHA terugbellen");
        insta::assert_snapshot!(format!("editor_actions_{tag}"), capture(&app, 100, 30));
        insta::assert_snapshot!(format!("editor_actions_small_{tag}"), capture(&app, 60, 15));

        let mut c = Consultation::new(today());
        c.meldcode_step = Some("4".into());
        let app = editor(lang, c, FieldId::MeldcodeStep);
        let screen = capture(&app, 100, 30);
        let first = consultlog::domain::weighing::builtin().questions[0].clone();
        let q = if lang == Lang::Nl { first.nl } else { first.en };
        assert!(screen.contains(&q[..20]), "{screen}");
        insta::assert_snapshot!(format!("editor_step4_{tag}"), screen);
        insta::assert_snapshot!(format!("editor_step4_small_{tag}"), capture(&app, 60, 15));
    }
}
