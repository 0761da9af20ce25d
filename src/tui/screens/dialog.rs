//! The two small questions over a screen: leave the editor with unsaved changes, and restore
//! a draft from an earlier session. Their keys are in the hint bar.

use crate::i18n::{Lang, t};
use crate::tui::action::{Action, Cmd};
use crate::tui::step::{Dialog, Step};
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// What a key does in a dialog. `Step::Close` closes it; the app does the rest.
pub fn update(d: Dialog, a: Action) -> Step {
    match (d, a) {
        (Dialog::Draft, Action::Cmd(Cmd::DraftRestore)) => Step::Many(vec![Step::Close, Step::RestoreDraft]),
        (Dialog::Draft, Action::Cmd(Cmd::DraftDiscard)) => {
            Step::Many(vec![Step::Close, Step::ForgetDraft { discard: true }])
        }
        // Kept in the vault; offered again next time.
        (Dialog::Draft, Action::Cmd(Cmd::Back)) => {
            Step::Many(vec![Step::Close, Step::ForgetDraft { discard: false }])
        }
        (Dialog::Unsaved, Action::Cmd(Cmd::Save)) => Step::Many(vec![Step::Close, Step::Save]),
        (Dialog::Unsaved, Action::Cmd(Cmd::DiscardChanges)) => {
            Step::Many(vec![Step::Close, Step::DiscardDraft, Step::LeaveEditor])
        }
        (Dialog::Unsaved, Action::Cmd(Cmd::Back)) => Step::Close,
        (Dialog::EmptySave, Action::Cmd(Cmd::Save)) => Step::Many(vec![Step::Close, Step::SaveAnyway]),
        (Dialog::EmptySave, Action::Cmd(Cmd::Back)) => Step::Close,
        (Dialog::QuitLoses, Action::Cmd(Cmd::Save)) => Step::Many(vec![Step::Close, Step::Save]),
        // Straight out: `Step::Quit` would ask again.
        (Dialog::QuitLoses, Action::Cmd(Cmd::QuitAnyway)) => {
            Step::Many(vec![Step::Close, Step::Run(vec![crate::tui::action::Effect::Quit])])
        }
        (Dialog::QuitLoses, Action::Cmd(Cmd::Back)) => Step::Close,
        // The date is remembered as confirmed: saving goes on to the next question, if any.
        (Dialog::FutureDate, Action::Cmd(Cmd::Save)) => Step::Many(vec![Step::Close, Step::Save]),
        (Dialog::FutureDate, Action::Cmd(Cmd::Back)) => Step::Close,
        _ => Step::Stay,
    }
}

/// A small box in the middle of `area` with the dialog's question.
pub fn render(lang: Lang, d: Dialog, area: Rect, buf: &mut Buffer) {
    let key = match d {
        Dialog::Unsaved => "ui.dialog.unsaved",
        Dialog::Draft => "ui.dialog.draft",
        Dialog::EmptySave => "ui.dialog.empty",
        Dialog::QuitLoses => "ui.dialog.quit_loses",
        Dialog::FutureDate => "ui.dialog.future",
    };
    let w = area.width.min(60);
    let h = area.height.min(6);
    let r = area.centered(Constraint::Length(w), Constraint::Length(h));
    Clear.render(r, buf);
    Paragraph::new(t(lang, key))
        .wrap(Wrap { trim: true })
        .block(Block::bordered().border_style(theme::warn()))
        .render(r, buf);
}
