//! Statistics from the vault: which consultations count and with which coded values, the
//! contribution file that carries one vault's counts to the coordinator, and the count
//! table for [`crate::stats::protect`] derived from month-granular counts.
//!
//! The CLI (and later the terminal UI) chooses the options, writes the output and records the
//! export in the audit log; nothing here prints or writes files.

use crate::domain::Consultation;
use crate::stats::{CountTable, Dimension, FormInvolvement, FormsInput, Period, StatsError};
use crate::store::{Vault, VaultError};
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use std::collections::BTreeMap;

mod contribution;

pub use contribution::{
    CONTRIBUTION_FORMAT, CONTRIBUTION_VERSION, Contribution, ContributionError, MAX_CONTRIBUTION,
    contribution_file, contribution_json, open_contribution, parse_contribution,
};

/// The coded fields besides the period, in the order of [`Dimension::ALL`].
const CODED: usize = Dimension::ALL.len() - 1;

const UNKNOWN: &str = "unknown";

/// Whether a consultation is counted: every one except those whose client said no to
/// statistical use (`not_asked_safety` and `unknown` count).
pub fn counts_in_statistics(c: &Consultation) -> bool {
    c.consent.statistics != "no"
}

fn or_unknown(v: Option<&String>) -> String {
    match v {
        Some(s) if !s.trim().is_empty() => s.clone(),
        _ => UNKNOWN.to_string(),
    }
}

/// The value of a consultation on a dimension. The period is the month; the form is the
/// primary form (hoofdvorm, [`Consultation::primary_form`]: the chosen one, by default the
/// first of `forms`); a missing certainty, urgency or form is `unknown`.
pub fn value(c: &Consultation, dimension: Dimension) -> String {
    match dimension {
        Dimension::Period => Period::Month.label(c.consulted_on.0),
        Dimension::Form => or_unknown(c.primary_form().map(str::to_string).as_ref()),
        Dimension::AgeBand => or_unknown(Some(&c.client.age_band)),
        Dimension::Gender => or_unknown(Some(&c.client.gender)),
        Dimension::Urgency => or_unknown(c.urgency.as_ref()),
        Dimension::Location => or_unknown(Some(&c.client.location)),
        Dimension::Certainty => or_unknown(c.certainty.as_ref()),
        Dimension::Status => or_unknown(Some(&c.status)),
    }
}

/// Unsuppressed counts of consultations per month and combination of all coded fields: what
/// a vault counts and what it contributes. Never published as is; [`MonthCounts::table`]
/// derives the table that [`crate::stats::protect`] protects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthCounts {
    /// First day of the month, then the coded values in [`Dimension::ALL`] order.
    counts: BTreeMap<(NaiveDate, [String; CODED]), u64>,
}

/// The consultations a statistic covers: `consulted_on` from `from` to `to`, both
/// included; `None` leaves that side open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Range {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Range {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

/// Unsuppressed counts of consultations per month and form *involved* (every form of a
/// consultation, not only the primary one), for the multi-response forms table. Kept in
/// the vault's memory only; contributions do not carry them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormCounts {
    involving: BTreeMap<(NaiveDate, String), u64>,
    with_form: BTreeMap<NaiveDate, u64>,
}

impl FormCounts {
    /// Counts one consultation, unless its client refused statistical use.
    pub fn add(&mut self, c: &Consultation) {
        if !counts_in_statistics(c) || c.forms.is_empty() {
            return;
        }
        let month = c.consulted_on.0.with_day(1).unwrap_or(c.consulted_on.0);
        let mut seen: Vec<&String> = Vec::with_capacity(c.forms.len());
        for f in &c.forms {
            if !seen.contains(&f) {
                seen.push(f);
                *self.involving.entry((month, f.clone())).or_insert(0) += 1;
            }
        }
        *self.with_form.entry(month).or_insert(0) += 1;
    }

    /// The input of the forms table: every form of the code list in its order (zeros
    /// included, so that a form nobody consulted about is shown as 0 rather than missing),
    /// with its primary-form count from `months`.
    pub fn input(&self, months: &MonthCounts) -> FormsInput {
        let mut primary: BTreeMap<&str, u64> = BTreeMap::new();
        for ((_, coded), n) in &months.counts {
            *primary.entry(coded[position(Dimension::Form) - 1].as_str()).or_insert(0) += n;
        }
        let mut involving: BTreeMap<&str, u64> = BTreeMap::new();
        for ((_, form), n) in &self.involving {
            *involving.entry(form.as_str()).or_insert(0) += n;
        }
        let forms = crate::domain::Catalogue::builtin()
            .list("form")
            .ids()
            .map(|id| FormInvolvement {
                form: id.to_string(),
                involving: involving.get(id).copied().unwrap_or(0),
                primary: primary.get(id).copied().unwrap_or(0),
            })
            .collect();
        FormsInput { forms, with_form: self.with_form.values().sum() }
    }
}

/// Counts the vault's consultations in `range`: by month and coded field, and by form
/// involved. Received cases are left out (they belong to the sender's statistics).
pub fn count_vault(vault: &Vault, range: Range) -> Result<(MonthCounts, FormCounts), VaultError> {
    let mut months = MonthCounts::default();
    let mut forms = FormCounts::default();
    for record in vault.records() {
        let record = record?;
        if record.received.is_none() && range.contains(record.consultation.consulted_on.0) {
            months.add(&record.consultation);
            forms.add(&record.consultation);
        }
    }
    Ok((months, forms))
}

impl MonthCounts {
    /// Counts every countable consultation in the vault.
    pub fn from_vault(vault: &Vault) -> Result<MonthCounts, VaultError> {
        let mut out = MonthCounts::default();
        for record in vault.records() {
            let record = record?;
            // A received case belongs to the sending worker's statistics; counting it here
            // too would count it twice once contributions are merged.
            if record.received.is_none() {
                out.add(&record.consultation);
            }
        }
        Ok(out)
    }

    /// The first and last month counted, if any.
    pub fn months(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.counts.keys().next()?.0;
        let last = self.counts.keys().map(|k| k.0).max()?;
        Some((first, last))
    }

    /// The cube over `dimensions` (any number, see [`CountTable::cube`]) with period labels
    /// of `period`: what linked tables are derived from and protected together.
    pub fn cube(&self, dimensions: &[Dimension], period: Period) -> Result<CountTable, StatsError> {
        let names: Vec<&str> = dimensions.iter().map(|d| d.name()).collect();
        let cells = self.cells(dimensions, period)?;
        let rows = cells.iter().flat_map(|(values, n)| std::iter::repeat_n(values, *n as usize));
        CountTable::cube(&names, rows)
    }

    fn cells(
        &self,
        dimensions: &[Dimension],
        period: Period,
    ) -> Result<BTreeMap<Vec<String>, u64>, StatsError> {
        let mut cells: BTreeMap<Vec<String>, u64> = BTreeMap::new();
        for ((month, coded), n) in &self.counts {
            let values = dimensions
                .iter()
                .map(|d| match d {
                    Dimension::Period => period.label(*month),
                    other => coded[position(*other) - 1].clone(),
                })
                .collect();
            let slot = cells.entry(values).or_insert(0);
            *slot = slot.checked_add(*n).ok_or(StatsError::CountOverflow)?;
        }
        Ok(cells)
    }

    /// Counts one consultation, unless its client refused statistical use.
    pub fn add(&mut self, c: &Consultation) {
        if !counts_in_statistics(c) {
            return;
        }
        let month = c.consulted_on.0.with_day(1).unwrap_or(c.consulted_on.0);
        let coded = std::array::from_fn(|i| value(c, Dimension::ALL[i + 1]));
        *self.counts.entry((month, coded)).or_insert(0) += 1;
    }

    /// Adds the counts of another vault.
    pub fn merge(&mut self, other: &MonthCounts) -> Result<(), StatsError> {
        for (key, n) in &other.counts {
            let slot = self.counts.entry(key.clone()).or_insert(0);
            *slot = slot.checked_add(*n).ok_or(StatsError::CountOverflow)?;
        }
        Ok(())
    }

    /// The number of counted consultations.
    pub fn total(&self) -> u64 {
        self.counts.values().fold(0u64, |acc, n| acc.saturating_add(*n))
    }

    /// The count table over `dimensions`, with period labels of `period`: dates never finer
    /// than the period.
    pub fn table(&self, dimensions: &[Dimension], period: Period) -> Result<CountTable, StatsError> {
        let names: Vec<&str> = dimensions.iter().map(|d| d.name()).collect();
        let cells = self.cells(dimensions, period)?;
        // One row per consultation, borrowed: `from_rows` interns the values.
        let rows = cells.iter().flat_map(|(values, n)| std::iter::repeat_n(values, *n as usize));
        CountTable::from_rows(&names, rows)
    }

    /// The contribution's `counts` object: all dimensions, one cell per combination.
    fn to_json(&self) -> Value {
        let cells: Vec<Value> = self
            .counts
            .iter()
            .map(|((month, coded), n)| {
                let mut values = vec![Period::Month.label(*month)];
                values.extend(coded.iter().cloned());
                json!({"values": values, "count": n})
            })
            .collect();
        let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.name()).collect();
        json!({"dimensions": names, "cells": cells})
    }
}

fn position(d: Dimension) -> usize {
    Dimension::ALL.iter().position(|x| *x == d).unwrap_or(0)
}

/// Why a contribution cannot be merged.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;

    fn consultation(day: (i32, u32, u32), form: Option<&str>, statistics: &str) -> Consultation {
        let mut c = Consultation::new(Date(NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap()));
        c.forms = form.map(|f| vec![f.to_string(), "abandonment".to_string()]).unwrap_or_default();
        c.consent.statistics = statistics.to_string();
        c
    }

    #[test]
    fn primary_form_and_every_form_involved() {
        let mut months = MonthCounts::default();
        let mut forms = FormCounts::default();
        let mut c = consultation((2025, 7, 14), Some("forced_marriage"), "yes");
        c.primary_form = Some("abandonment".into());
        for c in [c, consultation((2025, 7, 15), Some("forced_marriage"), "yes")] {
            months.add(&c);
            forms.add(&c);
        }
        let table = months.table(&[Dimension::Form], Period::Year).unwrap();
        assert_eq!(table.get(&["abandonment"]), 1);
        assert_eq!(table.get(&["forced_marriage"]), 1);
        let input = forms.input(&months);
        let fm = input.forms.iter().find(|f| f.form == "forced_marriage").unwrap();
        let ab = input.forms.iter().find(|f| f.form == "abandonment").unwrap();
        assert_eq!((fm.involving, fm.primary), (2, 1));
        assert_eq!((ab.involving, ab.primary), (2, 1));
        assert_eq!(input.with_form, 2);
        assert!(input.forms.iter().any(|f| f.form == "human_trafficking" && f.involving == 0));
    }

    #[test]
    fn counts_first_form_unknowns_and_consent() {
        let mut counts = MonthCounts::default();
        counts.add(&consultation((2025, 7, 14), Some("forced_marriage"), "yes"));
        counts.add(&consultation((2025, 8, 1), None, "not_asked_safety"));
        counts.add(&consultation((2025, 9, 30), Some("forced_marriage"), "unknown"));
        counts.add(&consultation((2025, 10, 1), Some("forced_marriage"), "no"));
        assert_eq!(counts.total(), 3);
        let table = counts.table(&[Dimension::Period, Dimension::Form], Period::Quarter).unwrap();
        assert_eq!(table.get(&["2025-Q3", "forced_marriage"]), 2);
        assert_eq!(table.get(&["2025-Q3", "unknown"]), 1);
        assert_eq!(table.get(&["2025-Q4", "forced_marriage"]), 0);
        let certainty = counts.table(&[Dimension::Certainty, Dimension::Urgency], Period::Year).unwrap();
        assert_eq!(certainty.get(&["unknown", "unknown"]), 3);
    }

    #[test]
    fn contributions_round_trip_and_are_checked() {
        let mut counts = MonthCounts::default();
        counts.add(&consultation((2025, 7, 14), Some("forced_marriage"), "yes"));
        counts.add(&consultation((2024, 1, 2), Some("abandonment"), "yes"));
        let (id, value) = contribution_json(&counts);
        let back = parse_contribution(value.to_string().as_bytes()).unwrap();
        assert_eq!(back.id, id);
        assert_eq!(back.counts, counts);

        let mut newer = value.clone();
        newer["version"] = json!(3);
        assert!(matches!(
            parse_contribution(newer.to_string().as_bytes()),
            Err(ContributionError::NewerVersion(3))
        ));
        let mut other = value.clone();
        other["format"] = json!("consultlog-bundle");
        assert!(matches!(
            parse_contribution(other.to_string().as_bytes()),
            Err(ContributionError::WrongFormat(_))
        ));
        let mut day = value.clone();
        day["counts"]["cells"][0]["values"][0] = json!("2025-07-14");
        assert!(matches!(
            parse_contribution(day.to_string().as_bytes()),
            Err(ContributionError::BadContent(_))
        ));
        let mut total = value.clone();
        total["counts"]["cells"][0]["values"][1] = json!("TOTAL");
        assert!(matches!(
            parse_contribution(total.to_string().as_bytes()),
            Err(ContributionError::BadContent(_))
        ));
        // Only codes reach a table: no formula, no free text; and no absurd count.
        for (cell, slot, bad) in [
            (0, 1, json!("=HYPERLINK(\"x\")")),
            (0, 2, json!("Fatima")),
            (0, 3, json!("")),
            (0, 0, json!("1850-01")),
        ] {
            let mut v = value.clone();
            v["counts"]["cells"][cell]["values"][slot] = bad.clone();
            assert!(
                matches!(parse_contribution(v.to_string().as_bytes()), Err(ContributionError::BadContent(_))),
                "{bad}"
            );
        }
        let mut absurd = value;
        absurd["counts"]["cells"][0]["count"] = json!(1_000_000_000_000u64);
        assert!(matches!(
            parse_contribution(absurd.to_string().as_bytes()),
            Err(ContributionError::BadContent(_))
        ));
    }
}
