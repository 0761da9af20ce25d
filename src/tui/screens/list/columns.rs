//! The list's columns: which there are room for, and what each row shows in them.

use crate::domain::search::SortBy;
use crate::domain::{Date, Summary};
use crate::i18n::{Lang, label};
use crate::tui::theme;
use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::Cell;

/// A column of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Markers,
    Date,
    /// The kenmerk, or else the first words of the first answer (dimmed).
    Name,
    Forms,
    Age,
    Urgency,
    Status,
    NextDue,
    Departure,
}

impl Col {
    pub(super) fn head(self) -> Option<&'static str> {
        Some(match self {
            Col::Markers => return None,
            Col::Date => "col.date",
            Col::Name => "col.label",
            Col::Forms => "col.forms",
            Col::Age => "col.age",
            Col::Urgency => "col.urgency",
            Col::Status => "col.status",
            Col::NextDue => "col.next_due",
            Col::Departure => "col.departure",
        })
    }

    pub(super) fn width(self) -> Constraint {
        match self {
            Col::Markers => Constraint::Length(4),
            // dd-mm-jjjj whole: a cut "28-11-20" reads as another year.
            Col::Date => Constraint::Length(10),
            Col::Name => Constraint::Fill(3),
            Col::Forms => Constraint::Fill(2),
            Col::Age => Constraint::Length(8),
            Col::Urgency => Constraint::Length(10),
            Col::Status => Constraint::Length(9),
            Col::NextDue | Col::Departure => Constraint::Length(15),
        }
    }
}

/// The columns for a table `width` wide. A narrow one keeps the kenmerk and, of the other
/// columns, the one the list is sorted by (the status when sorted by date), rather than
/// cutting dates.
pub(super) fn columns(width: u16, sort: SortBy) -> Vec<Col> {
    let key = match sort {
        SortBy::Date => Col::Status,
        SortBy::Urgency => Col::Urgency,
        SortBy::Departure => Col::Departure,
        SortBy::NextAction => Col::NextDue,
    };
    if width < 80 {
        return vec![Col::Markers, Col::Date, Col::Name, Col::Forms, key];
    }
    let last = if sort == SortBy::Departure { Col::Departure } else { Col::NextDue };
    vec![Col::Markers, Col::Date, Col::Name, Col::Forms, Col::Age, Col::Urgency, Col::Status, last]
}

/// Personal text on one line, without control characters.
fn plain(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

pub(super) fn cell(lang: Lang, c: Col, s: &Summary, markers: &str) -> Cell<'static> {
    let date = |d: Option<Date>| d.map(|d| d.dutch()).unwrap_or_default();
    match c {
        Col::Markers => Cell::from(markers.to_string()),
        Col::Date => Cell::from(s.consulted_on.dutch()),
        Col::Name if !s.label.is_empty() => Cell::from(plain(&s.label)),
        Col::Name => Cell::from(Span::styled(plain(&s.preview), theme::dim())),
        Col::Forms => Cell::from(forms(lang, s)),
        Col::Age => Cell::from(label(lang, "age_band", &s.age_band).to_string()),
        Col::Urgency => {
            Cell::from(s.urgency.as_deref().map_or("", |u| label(lang, "urgency", u)).to_string())
        }
        Col::Status => Cell::from(label(lang, "status", &s.status).to_string()),
        Col::NextDue => Cell::from(date(s.next_due)),
        Col::Departure => Cell::from(date(s.departure)),
    }
}

fn forms(lang: Lang, s: &Summary) -> String {
    s.forms.iter().map(|f| label(lang, "form", f)).collect::<Vec<_>>().join(", ")
}
