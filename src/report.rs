//! The statistics report: the linked tables a coordinator hands over (per period, per
//! primary form, per age band, per urgency) and the multi-response forms table, protected
//! together ([`crate::stats::protect_linked`]), as one self-contained HTML file or one CSV
//! per table. Pure: the caller counts, writes the files and records the export.

mod chart;
mod folder;
mod html;

use crate::i18n::{Lang, label, t};
use crate::publish::{FormCounts, MonthCounts};
use crate::stats::{self, Dimension, Period, ProtectedCell, ProtectedTable, StatsError, TOTAL};
use chrono::NaiveDate;

pub use folder::write_folder;
pub use html::html;

/// The linked tables of the report, in order; the forms table follows them.
pub const DIMENSIONS: [Dimension; 4] =
    [Dimension::Period, Dimension::Form, Dimension::AgeBand, Dimension::Urgency];

/// A protected report, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One table per entry of [`DIMENSIONS`].
    pub tables: Vec<ProtectedTable>,
    /// The multi-response forms table.
    pub forms: ProtectedTable,
    pub k: u32,
    pub period: Period,
    /// The period covered: as asked, else the first and last day of the months counted.
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Protects the report's tables together.
pub fn build(
    months: &MonthCounts,
    forms: &FormCounts,
    k: u32,
    period: Period,
    range: crate::publish::Range,
) -> Result<Report, StatsError> {
    let (first, last) = months.months().ok_or(StatsError::NoRecords)?;
    let cube = months.cube(&DIMENSIONS, period)?;
    let tables: Vec<Vec<Dimension>> = DIMENSIONS.iter().map(|d| vec![*d]).collect();
    let input = forms.input(months);
    let linked = stats::protect_linked(&cube, &tables, Some(&input), k, period)?;
    let forms = linked.forms.ok_or(StatsError::ProtectionCheckFailed)?;
    let end_of =
        |m: NaiveDate| m.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(m);
    Ok(Report {
        tables: linked.tables,
        forms,
        k,
        period,
        from: range.from.unwrap_or(first),
        to: range.to.unwrap_or_else(|| end_of(last)),
    })
}

/// How values are written for people, or as codes for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    Codes,
    Lang(Lang),
}

impl Labels {
    pub fn parse(s: &str) -> Option<Labels> {
        match s.trim().to_ascii_lowercase().as_str() {
            "codes" | "code" => Some(Labels::Codes),
            other => Lang::parse(other).map(Labels::Lang),
        }
    }

    /// The value as written: the code, or its label.
    pub fn value(self, d: Dimension, v: &str) -> String {
        match self {
            Labels::Codes => v.to_string(),
            Labels::Lang(lang) => value_label(lang, d, v),
        }
    }
}

/// A value as people read it: the code list's label, one word for every unknown value,
/// "Totaal" for a total, period labels as they are.
pub fn value_label(lang: Lang, d: Dimension, v: &str) -> String {
    match (d, v) {
        (_, TOTAL) => t(lang, "stats.total").to_string(),
        (_, "unknown") => t(lang, "stats.unknown").to_string(),
        (Dimension::Period, _) => v.to_string(),
        _ => label(lang, d.name(), v).to_string(),
    }
}

/// Where a value sorts in displays: periods in time order, coded values in their code
/// list's order (urgency acute..low), unknown last.
pub fn display_rank(d: Dimension, v: &str) -> (usize, String) {
    if v == "unknown" {
        return (usize::MAX - 1, String::new());
    }
    if v == TOTAL {
        return (usize::MAX, String::new());
    }
    if d == Dimension::Period {
        return (0, v.to_string());
    }
    let at = crate::domain::Catalogue::builtin().list(d.name()).ids().position(|id| id == v);
    (at.unwrap_or(usize::MAX - 2), v.to_string())
}

/// The cells of a one-dimensional table in display order, total last.
pub fn display_cells(table: &ProtectedTable) -> Vec<&ProtectedCell> {
    let d = table.dimensions().first().copied().unwrap_or(Dimension::Form);
    let mut cells: Vec<&ProtectedCell> = table.cells().iter().collect();
    if !table.is_multi_response() {
        cells.sort_by_key(|c| display_rank(d, c.values.first().map_or("", String::as_str)));
    }
    cells
}

/// The title of a table: "Per kwartaal", "Per hoofdvorm", "Alle vormen", ...
pub fn title(lang: Lang, table: &ProtectedTable) -> String {
    if table.is_multi_response() {
        return t(lang, "stats.title.forms").to_string();
    }
    let d = table.dimensions().first().copied().unwrap_or(Dimension::Form);
    match d {
        Dimension::Period => t(lang, &format!("stats.title.period_{}", table.period().name())).to_string(),
        other => t(lang, &format!("stats.title.{}", other.name())).to_string(),
    }
}

/// The file name of a table in the CSV folder.
pub fn csv_name(table: &ProtectedTable) -> String {
    format!("{}.csv", table.dimension_names().join("-"))
}

/// One CSV per table, in report order, as `(file name, bytes)`.
pub fn csv_files(report: &Report, labels: Labels) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    report
        .tables
        .iter()
        .chain(std::iter::once(&report.forms))
        .map(|table| {
            let mut bytes = Vec::new();
            table.write_csv_labelled(&mut bytes, &|d, v| labels.value(d, v))?;
            Ok((csv_name(table), bytes))
        })
        .collect()
}
