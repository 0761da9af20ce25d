//! Dimension names and period granularity.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::StatsError;

/// A characteristic of a consultation that a table can count by.
///
/// The values on each dimension are stable string codes chosen by the caller
/// (for example `"forced_marriage"` for [`Dimension::Form`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The period label, see [`Period::label`].
    Period,
    /// The form of the problem (forced marriage, abandonment, ...).
    Form,
    /// The client's age band, e.g. `"16-17"`.
    AgeBand,
    /// The client's gender.
    Gender,
    /// How urgent the case is, e.g. `"acute"`.
    Urgency,
    /// Where the client is (the Netherlands, abroad, ...).
    Location,
    /// How certain the worker is about the situation.
    Certainty,
    /// The status of the case.
    Status,
}

impl Dimension {
    /// All dimensions, in the order of the documentation.
    pub const ALL: [Dimension; 8] = [
        Dimension::Period,
        Dimension::Form,
        Dimension::AgeBand,
        Dimension::Gender,
        Dimension::Urgency,
        Dimension::Location,
        Dimension::Certainty,
        Dimension::Status,
    ];

    /// The stable name used in JSON, CSV and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Period => "period",
            Dimension::Form => "form",
            Dimension::AgeBand => "age_band",
            Dimension::Gender => "gender",
            Dimension::Urgency => "urgency",
            Dimension::Location => "location",
            Dimension::Certainty => "certainty",
            Dimension::Status => "status",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Dimension {
    type Err = StatsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| StatsError::UnknownDimension(s.to_string()))
    }
}

/// How finely consultation dates are grouped. Dates are never published finer
/// than this, so a single consultation cannot be singled out by its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar month, labelled `"2025-07"`.
    Month,
    /// Calendar quarter, labelled `"2025-Q3"`.
    Quarter,
    /// Calendar year, labelled `"2025"`.
    Year,
}

impl Period {
    /// The label of the period that contains `date`.
    pub fn label(self, date: NaiveDate) -> String {
        match self {
            Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
            Period::Quarter => format!("{:04}-Q{}", date.year(), date.month0() / 3 + 1),
            Period::Year => format!("{:04}", date.year()),
        }
    }

    /// The granularity name written to the published table.
    pub fn name(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let date = NaiveDate::from_ymd_opt(2025, 7, 14).unwrap();
        assert_eq!(Period::Month.label(date), "2025-07");
        assert_eq!(Period::Quarter.label(date), "2025-Q3");
        assert_eq!(Period::Year.label(date), "2025");
        let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        assert_eq!(Period::Quarter.label(first), "2024-Q1");
        let last = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        assert_eq!(Period::Quarter.label(last), "2024-Q4");
    }

    #[test]
    fn dimension_names_round_trip() {
        for d in Dimension::ALL {
            assert_eq!(d.name().parse::<Dimension>(), Ok(d));
        }
        assert_eq!("colour".parse::<Dimension>(), Err(StatsError::UnknownDimension("colour".into())));
    }
}
