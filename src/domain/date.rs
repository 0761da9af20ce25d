//! A calendar date as the contract writes it (`YYYY-MM-DD`), with a clear message for
//! impossible dates instead of serde's generic one.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD`. Hand-rolled: a vault of 100,000 records parses several dates
    /// per record on open, and chrono's general format parser is several times slower.
    pub fn parse_iso(s: &str) -> Result<Date, String> {
        let err = || format!("impossible date '{s}' (expected YYYY-MM-DD)");
        let b = s.trim().as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
        };
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
            return Err(err());
        };
        NaiveDate::from_ymd_opt(y as i32, m, d).map(Date).ok_or_else(err)
    }

    /// Parses the Dutch way of typing a date, `dd-mm-jjjj` (also with `/` or `.`, and one-
    /// digit days and months). A two-digit year is this century (`3-12-26` is 2026); years
    /// outside 1900-2100 and impossible days are refused.
    pub fn parse_dutch(s: &str) -> Result<Date, String> {
        let err = || format!("impossible date '{s}' (expected dd-mm-jjjj)");
        let t = s.trim().replace(['/', '.'], "-");
        let parts: Vec<&str> = t.split('-').collect();
        let [d, m, y] = parts.as_slice() else { return Err(err()) };
        let two_digit_year = y.len() == 2;
        let digits = |p: &str, lens: &[usize]| -> Option<u32> {
            (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (Some(d), Some(m), Some(y)) = (digits(d, &[1, 2]), digits(m, &[1, 2]), digits(y, &[2, 4])) else {
            return Err(err());
        };
        let year = if two_digit_year { 2000 + y } else { y };
        if !(1900..=2100).contains(&year) {
            return Err(err());
        }
        NaiveDate::from_ymd_opt(year as i32, m, d).map(Date).ok_or_else(err)
    }

    /// `dd-mm-jjjj`, as Dutch users read and type dates.
    pub fn dutch(&self) -> String {
        format!("{:02}-{:02}-{:04}", self.0.day(), self.0.month(), self.0.year())
    }

    pub fn iso(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Date::parse_iso(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse_iso("2024-02-29").map(|d| d.iso()), Ok("2024-02-29".into()));
        assert!(Date::parse_iso("2023-02-29").is_err());
        assert!(Date::parse_iso("2023-13-01").is_err());
        assert!(Date::parse_iso("1-2-2023").is_err());
        assert!(Date::parse_iso("2023-0a-01").is_err());
        assert!(Date::parse_iso("+023-01-01").is_err());
        assert_eq!(Date::parse_iso(" 2023-01-31 ").map(|d| d.iso()), Ok("2023-01-31".into()));
        assert_eq!(Date::parse_dutch("03-11-2026").map(|d| d.iso()), Ok("2026-11-03".into()));
        assert_eq!(
            Date::parse_dutch("3-12-26").map(|d| d.iso()),
            Ok("2026-12-03".into()),
            "a two-digit year"
        );
        assert_eq!(Date::parse_dutch("29.2.28").map(|d| d.iso()), Ok("2028-02-29".into()));
        for bad in
            ["32-13-2026", "29-02-2027", "3-12-026", "3-12-0026", "3-12", "3-12-2026-1", "a-12-2026", ""]
        {
            assert!(Date::parse_dutch(bad).is_err(), "{bad}");
        }
        assert_eq!(Date::parse_dutch("3/11/2026").map(|d| d.dutch()), Ok("03-11-2026".into()));
        assert!(Date::parse_dutch("31-02-2026").is_err());
    }
}
