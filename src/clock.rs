//! The one place the program learns today's date.
//!
//! Everything that reasons with "today" (the date of a new consultation, overdue follow-up
//! actions, departures that are near, the span of demo data, the date in a share file's
//! name) takes it from a [`Clock`] resolved once at start-up and passed down. The hidden
//! option `--today YYYY-MM-DD` (env `CONSULTLOG_TODAY`) pins it, so tests, benchmarks and
//! training sessions see the same calendar on every day they run.
//!
//! Timestamps of events (a record created or edited, an audit entry, a share file's
//! `created`) are not "today": they always record the real time.

use crate::domain::Date;

/// Where "today" comes from: the machine's local calendar, or a pinned date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    pinned: Option<Date>,
}

impl Clock {
    /// The machine's local date.
    pub fn system() -> Clock {
        Clock { pinned: None }
    }

    /// Always `date`.
    pub fn pinned(date: Date) -> Clock {
        Clock { pinned: Some(date) }
    }

    /// A pinned clock from `YYYY-MM-DD`; `None` for anything else, impossible dates included.
    pub fn parse(s: &str) -> Option<Clock> {
        Date::parse_iso(s.trim()).ok().map(Clock::pinned)
    }

    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }

    pub fn today(&self) -> Date {
        self.pinned.unwrap_or_else(|| Date(chrono::Local::now().date_naive()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_clock_gives_its_date_and_only_real_dates_parse() {
        let c = Clock::parse("2028-02-29").unwrap();
        assert!(c.is_pinned());
        assert_eq!(c.today(), Date::parse_iso("2028-02-29").unwrap());
        for bad in ["2027-02-29", "29-02-2028", "2028-02-29x", "", "morgen"] {
            assert_eq!(Clock::parse(bad), None, "{bad}");
        }
        assert!(!Clock::system().is_pinned());
    }
}
