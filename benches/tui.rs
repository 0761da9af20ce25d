//! Keystroke-to-frame cost of the terminal UI at 1k / 10k / 100k fictional consultations,
//! rendered to a TestBackend (no terminal I/O). Target: under 16 ms per keystroke.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use consultlog::domain::search::SortBy;
use consultlog::domain::{Date, Record, Summary, demo};
use consultlog::i18n::Lang;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::{App, Screen};
use consultlog::tui::form::Form;
use consultlog::tui::keymap;
use consultlog::tui::screens;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// `received_every`: every so many records came from another worker (an adviser's vault).
fn setup(n: usize, received_every: usize) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let created = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut rows = Vec::with_capacity(n);
    let mut texts = Vec::with_capacity(n);
    for (i, c) in demo::generate(n, 9, today).into_iter().enumerate() {
        let r = Record {
            id: format!("id-{i}"),
            consultation: c,
            created,
            updated: created,
            history: vec![],
            received: (i % received_every == 0).then(|| consultlog::domain::Received {
                verified: true,
                from: "age1voorbeeld".into(),
                from_name: None,
                origin_id: format!("o-{i}"),
                at: created,
            }),
            received_advice: vec![],
            shared: vec![],
        };
        let mut text: String = r.consultation.prompts.values().cloned().collect::<Vec<_>>().join("\n");
        text.push_str(&r.consultation.advice);
        texts.push((r.id.clone(), text.to_lowercase()));
        rows.push(Summary::of(&r));
    }
    Summary::sort_newest_first(&mut rows);
    let mut app = App::new(Lang::Nl, Date(today), true);
    app.update(Action::Unlocked { rows, damaged: 0, drafts: vec![] });
    app.update(Action::SearchTexts { texts, next: None });
    app
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// 3,000 keystrokes of a pasted answer (a terminal without bracketed paste sends them as
/// keys): fictional words, a line break now and then.
fn pasted_keys() -> Vec<KeyEvent> {
    let words = "de dochter vertelt dat de familie in de zomer wil reizen en dat zij daar moet blijven ";
    words
        .chars()
        .cycle()
        .take(3_000)
        .enumerate()
        .map(|(i, c)| if i % 400 == 399 { key(KeyCode::Enter) } else { key(KeyCode::Char(c)) })
        .collect()
}

/// The event loop's way: every key through the keymap into `update`, then one `settle`
/// (the personal-data check) and one frame for the batch. `per_key`: settle after every
/// key as before (the check ran per keystroke); `frames`: also draw after every key (keys
/// arriving one by one).
fn feed(app: &mut App, term: &mut Terminal<TestBackend>, keys: &[KeyEvent], per_key: bool, frames: bool) {
    for k in keys {
        app.update(keymap::resolve(app.context(), *k));
        if per_key {
            app.settle();
        }
        if frames {
            term.draw(|f| screens::render(app, f.area(), f.buffer_mut())).unwrap();
        }
    }
    app.settle();
    term.draw(|f| screens::render(app, f.area(), f.buffer_mut())).unwrap();
}

fn queued_keys(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    app: &mut App,
    n: usize,
) {
    let keys = pasted_keys();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let today = app.today;
    for (name, per_key, frames) in [
        ("editor_3000_keys_one_frame", false, false),
        ("editor_3000_keys_check_per_key", true, false),
        ("editor_3000_keys_frame_per_key", true, true),
    ] {
        g.bench_function(BenchmarkId::new(name, n), |b| {
            b.iter_batched(
                || Screen::Editor(Box::new(Form::new_record(today))),
                |editor| {
                    app.screen = editor;
                    feed(app, &mut term, &keys, per_key, frames);
                },
                BatchSize::LargeInput,
            )
        });
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("tui");
    g.sample_size(30);
    for n in [1_000, 10_000, 100_000] {
        let mut app = setup(n, usize::MAX);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        // A filter applies to all rows at once (summaries only, no full text).
        g.bench_function(BenchmarkId::new("filter_key_and_draw", n), |b| {
            b.iter(|| {
                app.key(key(KeyCode::Char('f')));
                term.draw(|f| screens::render(&app, f.area(), f.buffer_mut())).unwrap();
            })
        });
        while app.list.form.is_some() {
            app.key(key(KeyCode::Char('f')));
        }
        // An adviser's vault, one in ten received: switching between own and received.
        let mut adviser = setup(n, 10);
        g.bench_function(BenchmarkId::new("switch_view_and_draw", n), |b| {
            b.iter(|| {
                adviser.key(key(KeyCode::Tab));
                term.draw(|f| screens::render(&adviser, f.area(), f.buffer_mut())).unwrap();
            })
        });
        drop(adviser);
        g.bench_function(BenchmarkId::new("list_down_key_and_draw", n), |b| {
            b.iter(|| {
                app.key(key(KeyCode::Down));
                term.draw(|f| screens::render(&app, f.area(), f.buffer_mut())).unwrap();
            })
        });
        // A new order (the key cycles date, urgency, departure, next action): every row
        // sorted again, the shown ones followed without a search pass, then drawn.
        g.bench_function(BenchmarkId::new("sort_key_and_draw", n), |b| {
            b.iter(|| {
                app.key(key(KeyCode::Char('o')));
                term.draw(|f| screens::render(&app, f.area(), f.buffer_mut())).unwrap();
            })
        });
        while app.list.sort != SortBy::Date {
            app.key(key(KeyCode::Char('o')));
        }
        // One search keystroke: type a letter (and take it back, which re-runs the first
        // slice of the search), then draw. Further slices run between keystrokes.
        app.key(key(KeyCode::Char('/')));
        g.bench_function(BenchmarkId::new("search_key_and_draw", n), |b| {
            b.iter(|| {
                app.key(key(KeyCode::Char('a')));
                term.draw(|f| screens::render(&app, f.area(), f.buffer_mut())).unwrap();
                app.key(key(KeyCode::Backspace));
            })
        });
        g.bench_function(BenchmarkId::new("search_slice", n), |b| {
            b.iter(|| {
                app.key(key(KeyCode::Char('z')));
                app.update(Action::SearchStep);
                app.key(key(KeyCode::Backspace));
            })
        });
        app.key(key(KeyCode::Esc));
        app.key(key(KeyCode::Char('n')));
        g.bench_function(BenchmarkId::new("editor_type_and_draw", n), |b| {
            b.iter(|| {
                app.key(key(KeyCode::Char('x')));
                term.draw(|f| screens::render(&app, f.area(), f.buffer_mut())).unwrap();
            })
        });
        // A save as the worker waits for it, minus the vault's durable write (measured in
        // `benches/vault.rs`): Ctrl+S (build and validate the consultation), the saved row
        // put in place in the list of n, the list drawn; then back into a new note.
        let row = app.list.rows[n / 2].clone();
        // Something typed, whichever benchmarks the filter skipped: an empty note asks first.
        app.key(key(KeyCode::Char('x')));
        g.bench_function(BenchmarkId::new("save_result_and_draw", n), |b| {
            b.iter(|| {
                let fx = app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
                assert!(matches!(fx.as_slice(), [Effect::Save { .. }]));
                app.update(Action::Saved { row: Box::new(row.clone()), text: "x".into() });
                term.draw(|f| screens::render(&app, f.area(), f.buffer_mut())).unwrap();
                app.key(key(KeyCode::Char('n')));
                app.key(key(KeyCode::Char('x')));
            })
        });
        // The same save with the list sorted by next action: the row lands by that order.
        while app.list.sort != SortBy::NextAction {
            app.list.cycle_sort();
        }
        g.bench_function(BenchmarkId::new("save_result_sorted_and_draw", n), |b| {
            b.iter(|| {
                let fx = app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
                assert!(matches!(fx.as_slice(), [Effect::Save { .. }]));
                app.update(Action::Saved { row: Box::new(row.clone()), text: "x".into() });
                term.draw(|f| screens::render(&app, f.area(), f.buffer_mut())).unwrap();
                app.key(key(KeyCode::Char('n')));
                app.key(key(KeyCode::Char('x')));
            })
        });
    }
    // 3,000 queued keystrokes in the editor, with 100k consultations in the list.
    let mut app = setup(100_000, usize::MAX);
    g.sample_size(10);
    queued_keys(&mut g, &mut app, 100_000);
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
