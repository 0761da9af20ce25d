//! The delete and passphrase dialogs (`tui::manage`): what their keys do, and how they look
//! over the list or the detail.

use crate::i18n::{Lang, t, tf};
use crate::tui::action::{Action, Cmd, Effect};
use crate::tui::manage::{DeleteDialog, Manage, PassField, PassphraseDialog, masked, text};
use crate::tui::step::Step;
use crate::tui::theme;
use age::secrecy::SecretString;
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

pub fn update_delete(d: &DeleteDialog, a: Action) -> Step {
    match a {
        // The store's delete with its audit entry in the same write, as on the command line.
        Action::Cmd(Cmd::Submit) => {
            Step::Many(vec![Step::Close, Step::run(Effect::Delete { id: d.id.clone() })])
        }
        Action::Cmd(Cmd::Back) => Step::Close,
        _ => Step::Stay,
    }
}

pub fn update_passphrase(d: &mut PassphraseDialog, a: Action, lang: Lang) -> Step {
    if d.busy {
        // The keys are being derived; the result closes or reopens the dialog.
        return Step::Stay;
    }
    match a {
        Action::Cmd(Cmd::Back) => {
            d.clear();
            return Step::Close;
        }
        Action::Cmd(Cmd::NextField) => {
            d.focus = match d.focus {
                PassField::Old => PassField::New,
                PassField::New => PassField::Repeat,
                PassField::Repeat => PassField::Old,
            }
        }
        Action::Cmd(Cmd::PrevField) => {
            d.focus = match d.focus {
                PassField::Old => PassField::Repeat,
                PassField::New => PassField::Old,
                PassField::Repeat => PassField::New,
            }
        }
        Action::Cmd(Cmd::Submit) => return submit(d, lang),
        Action::Key(k) if k.code != KeyCode::Enter => {
            d.error = None;
            d.focused().input(k);
        }
        Action::Paste(p) => {
            let line = p.lines().next().unwrap_or("").to_string();
            d.focused().insert_str(line);
        }
        _ => {}
    }
    Step::Stay
}

/// Enter: on to the next field, and on the last one check and start the change.
fn submit(d: &mut PassphraseDialog, lang: Lang) -> Step {
    if d.focus != PassField::Repeat {
        return update_passphrase(d, Action::Cmd(Cmd::NextField), lang);
    }
    let (old, new, repeat) = (text(&d.old), text(&d.new), text(&d.repeat));
    // Where to type again after a problem, and the message.
    let problem = if old.is_empty() {
        Some((PassField::Old, t(lang, "ui.err.empty_passphrase").to_string()))
    } else if new.chars().count() < crate::crypto::MIN_PASSPHRASE_CHARS {
        let n = crate::crypto::MIN_PASSPHRASE_CHARS.to_string();
        Some((PassField::New, tf(lang, "err.short_passphrase", &[("n", &n)])))
    } else if new != repeat {
        Some((PassField::Repeat, t(lang, "ui.err.mismatch").to_string()))
    } else if new == old {
        Some((PassField::New, t(lang, "ui.passwd.same").to_string()))
    } else {
        None
    };
    let (old, new) = (SecretString::from(old), SecretString::from(new));
    drop(zeroize::Zeroizing::new(repeat));
    if let Some((at, message)) = problem {
        d.error = Some(message);
        d.repeat = masked();
        if at == PassField::New {
            d.new = masked();
        }
        d.focus = at;
        return Step::Stay;
    }
    d.clear();
    d.busy = true;
    d.error = None;
    Step::run(Effect::ChangePassphrase { old, new })
}

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = area.width.saturating_sub(2).min(width);
    let h = area.height.min(height);
    area.centered(Constraint::Length(w), Constraint::Length(h))
}

/// The open dialog, centred over `area`.
pub fn render(lang: Lang, m: &Manage, area: Rect, buf: &mut Buffer) {
    match m {
        Manage::Delete(d) => {
            let r = popup(area, 64, 9);
            Clear.render(r, buf);
            let text = vec![
                Line::from(Span::styled(
                    tf(lang, "ui.delete.question", &[("name", &d.name())]),
                    theme::title(),
                )),
                Line::from(""),
                Line::from(t(lang, "ui.delete.explain")),
            ];
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(
                    Block::bordered()
                        .title(t(lang, "ui.delete.title").to_string())
                        .border_style(theme::acute()),
                )
                .render(r, buf);
        }
        Manage::Passphrase(d) => render_passphrase(lang, d, popup(area, 64, 15), buf),
    }
}

fn render_passphrase(lang: Lang, d: &PassphraseDialog, r: Rect, buf: &mut Buffer) {
    Clear.render(r, buf);
    let block = Block::bordered().title(t(lang, "ui.passwd.title").to_string()).border_style(theme::focus());
    let inner = block.inner(r);
    block.render(r, buf);
    let [f1, f2, f3, hint, note] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let field = super::welcome::field;
    field(&d.old, t(lang, "ui.passwd.old"), d.focus == PassField::Old, f1, buf);
    field(&d.new, t(lang, "ui.passwd.new"), d.focus == PassField::New, f2, buf);
    field(&d.repeat, t(lang, "ui.passwd.repeat"), d.focus == PassField::Repeat, f3, buf);
    if !d.busy {
        let n = d.new_len();
        let style = if n < 12 { theme::warn() } else { theme::dim() };
        Line::from(Span::styled(t(lang, super::welcome::strength_key(n)), style)).render(hint, buf);
    }
    let (text, style) = match (&d.error, d.busy) {
        (_, true) => (t(lang, "ui.passwd.busy").to_string(), theme::warn()),
        (Some(e), false) => (e.clone(), theme::acute()),
        (None, false) => (t(lang, "ui.passwd.explain").to_string(), theme::dim()),
    };
    Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }).render(note, buf);
}
