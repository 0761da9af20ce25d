//! Colours and emphasis in one place; calm by default, strong only where time matters.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn acute() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn warn() -> Style {
    Style::new().fg(Color::Yellow)
}
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
pub fn focus() -> Style {
    Style::new().fg(Color::Cyan)
}
pub fn demo() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// Possible personal data in a note: reversed, so it shows in any colour scheme.
pub fn finding() -> Style {
    Style::new().add_modifier(ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::UNDERLINED)
}
