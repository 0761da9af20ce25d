//! The first-run welcome (create the vault) and the unlock screen: both a masked field or two.
//! State, update and view of both.

use crate::i18n::{Lang, t, tf};
use crate::tui::action::{Action, Cmd, Effect};
use crate::tui::step::Step;
use crate::tui::theme;
use age::secrecy::SecretString;
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

/// Passphrase fields of the welcome and unlock screens.
pub struct Secrets {
    pub first: TextArea<'static>,
    pub second: TextArea<'static>,
    pub focus_second: bool,
}

fn masked() -> TextArea<'static> {
    let mut a = TextArea::default();
    a.set_mask_char('•');
    a
}

impl Default for Secrets {
    fn default() -> Self {
        Secrets { first: masked(), second: masked(), focus_second: false }
    }
}

impl Secrets {
    pub fn first_text(&self) -> String {
        self.first.lines().join("")
    }
    pub fn second_text(&self) -> String {
        self.second.lines().join("")
    }
}

/// What a key does on the welcome (`welcome`) or unlock screen.
pub fn update(s: &mut Secrets, welcome: bool, a: Action, lang: Lang) -> Step {
    match a {
        Action::Cmd(Cmd::Quit) => Step::Quit,
        Action::Cmd(Cmd::NextField | Cmd::PrevField) if welcome => {
            s.focus_second = !s.focus_second;
            Step::Stay
        }
        Action::Cmd(Cmd::Submit) => submit(s, welcome, lang),
        Action::Key(k) => {
            let area = if s.focus_second { &mut s.second } else { &mut s.first };
            if k.code != KeyCode::Enter {
                area.input(k);
            }
            Step::Stay
        }
        Action::Paste(p) => {
            let area = if s.focus_second { &mut s.second } else { &mut s.first };
            area.insert_str(p.lines().next().unwrap_or(""));
            Step::Stay
        }
        _ => Step::Stay,
    }
}

fn submit(s: &mut Secrets, welcome: bool, lang: Lang) -> Step {
    let first = s.first_text();
    if first.is_empty() {
        return Step::Say(t(lang, "ui.err.empty_passphrase").into());
    }
    if welcome && !s.focus_second {
        s.focus_second = true;
        return Step::Stay;
    }
    if welcome && first.chars().count() < crate::crypto::MIN_PASSPHRASE_CHARS {
        *s = Secrets::default();
        let n = crate::crypto::MIN_PASSPHRASE_CHARS.to_string();
        return Step::Say(tf(lang, "err.short_passphrase", &[("n", &n)]));
    }
    if welcome && s.second_text() != first {
        s.second = masked();
        return Step::Say(t(lang, "ui.err.mismatch").into());
    }
    let pass = SecretString::from(first);
    *s = Secrets::default();
    let (key, effect) = if welcome {
        ("ui.msg.creating", Effect::CreateVault(pass))
    } else {
        ("ui.msg.unlocking", Effect::Unlock(pass))
    };
    Step::Many(vec![Step::Say(t(lang, key).into()), Step::run(effect)])
}

/// A one-line text field in a titled box; the cursor shows only when it has focus.
pub(super) fn field(area: &TextArea<'static>, title: &str, focused: bool, r: Rect, buf: &mut Buffer) {
    let mut a = area.clone();
    let style = if focused { theme::focus() } else { theme::dim() };
    a.set_block(Block::bordered().title(title.to_string()).border_style(style));
    a.set_cursor_line_style(ratatui::style::Style::new());
    if !focused {
        a.set_cursor_style(ratatui::style::Style::new());
    }
    a.render(r, buf);
}

/// Strength as users understand it; length is what matters for a passphrase.
pub(super) fn strength_key(n: usize) -> &'static str {
    match n {
        0 => "ui.strength.empty",
        1..=11 => "ui.strength.weak",
        12..=19 => "ui.strength.fair",
        _ => "ui.strength.strong",
    }
}

pub fn render(lang: Lang, s: &Secrets, welcome: bool, area: Rect, buf: &mut Buffer) {
    let inner = area.inner(ratatui::layout::Margin { horizontal: 2, vertical: 1 });
    if welcome {
        let [intro, f1, f2, hint, warn] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        Paragraph::new(t(lang, "ui.welcome.intro")).wrap(Wrap { trim: true }).render(intro, buf);
        field(&s.first, t(lang, "ui.welcome.pass1"), !s.focus_second, f1, buf);
        field(&s.second, t(lang, "ui.welcome.pass2"), s.focus_second, f2, buf);
        let n = s.first_text().chars().count();
        let style = if n < 12 { theme::warn() } else { theme::dim() };
        Line::from(Span::styled(t(lang, strength_key(n)), style)).render(hint, buf);
        Paragraph::new(t(lang, "ui.welcome.lost"))
            .style(theme::acute())
            .wrap(Wrap { trim: true })
            .render(warn, buf);
    } else {
        let [intro, f1] = Layout::vertical([Constraint::Length(2), Constraint::Length(3)]).areas(inner);
        Paragraph::new(t(lang, "ui.unlock.intro")).wrap(Wrap { trim: true }).render(intro, buf);
        field(&s.first, t(lang, "ui.unlock.pass"), true, f1, buf);
    }
}
