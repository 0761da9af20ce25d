//! Shared helpers of the UI tests: fictional rows and records, keys, and a text capture.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use consultlog::domain::{Date, Record, Summary, demo};
use consultlog::tui::app::App;
use consultlog::tui::screens;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn today() -> Date {
    Date(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
}

pub fn records(n: usize) -> Vec<Record> {
    demo::generate(n, 3, today().0)
        .into_iter()
        .enumerate()
        .map(|(i, c)| Record {
            id: format!("00000000-0000-4000-8000-{:012}", i),
            consultation: c,
            created: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            history: vec![],
            received: None,
            received_advice: vec![],
            shared: vec![],
        })
        .collect()
}

pub fn rows(records: &[Record]) -> Vec<Summary> {
    let mut rows: Vec<Summary> = records.iter().map(Summary::of).collect();
    Summary::sort_newest_first(&mut rows);
    rows
}

pub fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.key(key(KeyCode::Char(c)));
    }
}

/// The screen as text, one line per row, trailing spaces removed.
pub fn capture(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| screens::render(app, f.area(), f.buffer_mut())).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A received case's origin: from the worker "wijkteam-noord", verified.
pub fn received_from_noord(at: chrono::DateTime<Utc>) -> consultlog::domain::Received {
    consultlog::domain::Received {
        verified: true,
        from: "age1voorbeeld".into(),
        from_name: Some("wijkteam-noord".into()),
        origin_id: "x".into(),
        at,
    }
}
