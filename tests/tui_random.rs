//! Thousands of random keys and resizes against `App::update` and the renderer: no panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;
use consultlog::i18n::Lang;
use consultlog::tui::action::{Action, Effect};
use consultlog::tui::app::App;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tui_common::*;

fn random_key(rng: &mut StdRng) -> KeyEvent {
    const CHARS: &[char] = &['n', 'e', 'q', '/', '?', 's', 'f', 'u', 'w', ' ', 'a', 'ş', 'ز', '👩', '1', '-'];
    let code = match rng.gen_range(0..16) {
        0 => KeyCode::Enter,
        1 => KeyCode::Esc,
        2 => KeyCode::Tab,
        3 => KeyCode::BackTab,
        4 => KeyCode::Up,
        5 => KeyCode::Down,
        6 => KeyCode::Left,
        7 => KeyCode::Right,
        8 => KeyCode::Backspace,
        9 => KeyCode::PageDown,
        10 => KeyCode::F(1),
        _ => KeyCode::Char(CHARS[rng.gen_range(0..CHARS.len())]),
    };
    let mods = match rng.gen_range(0..10) {
        0 => KeyModifiers::CONTROL,
        1 => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, mods)
}

/// A stand-in for the vault: answers effects the way `effects.rs` does, in memory.
fn fake(effects: Vec<Effect>, recs: &[consultlog::domain::Record]) -> Vec<Action> {
    let mut out = vec![];
    for e in effects {
        match e {
            Effect::Unlock(_) | Effect::CreateVault(_) => {
                out.push(Action::Unlocked { rows: rows(recs), damaged: 0, drafts: vec![] })
            }
            Effect::Load { id, edit } => {
                if let Some(r) = recs.iter().find(|r| r.id == id) {
                    out.push(Action::RecordLoaded { record: Box::new(r.clone()), edit });
                }
            }
            Effect::Save { id, .. } => {
                let mut row =
                    rows(recs).into_iter().find(|s| Some(&s.id) == id.as_ref()).or(rows(recs).pop());
                if let Some(row) = row.take() {
                    out.push(Action::Saved { row: Box::new(row), text: String::new() })
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn random_keys_and_sizes_never_panic() {
    let recs = records(60);
    let mut rng = StdRng::seed_from_u64(42);
    let mut app = App::new(Lang::Nl, today(), rng.gen_bool(0.5));
    for i in 0..4000 {
        let fx = app.key(random_key(&mut rng));
        let mut actions = fake(fx, &recs);
        while let Some(a) = actions.pop() {
            let more = app.update(a);
            actions.extend(fake(more, &recs));
        }
        if i % 7 == 0 {
            let (w, h) = (rng.gen_range(1..160), rng.gen_range(1..60));
            capture(&app, w, h);
        }
        if i % 500 == 0 {
            app.update(Action::Paste("regel\n".repeat(rng.gen_range(0..300))));
        }
    }
}
