//! Anonymised statistics: a frequency table over one to three dimensions with
//! all marginal totals, protected by primary and secondary cell suppression so
//! that it can be published as it comes out.
//!
//! ```
//! use consultlog::stats::{CountTable, Period, protect};
//!
//! let rows = [["2025-Q3", "forced_marriage"], ["2025-Q3", "abandonment"]]
//!     .map(|r| r.map(String::from).to_vec());
//! let counts = CountTable::from_rows(&["period", "form"], rows)?;
//! let table = protect(&counts, 5, Period::Quarter)?;
//! assert!(table.cells().iter().all(|c| c.count.is_none() || c.count == Some(0) || c.count >= Some(5)));
//! # Ok::<(), consultlog::stats::StatsError>(())
//! ```
//!
//! The method and its attacker model are described in `docs/statistics.md`.

mod audit;
mod certificate;
mod counts;
mod error;
mod export;
mod linked;
mod moves;
mod period;
mod status;
mod suppress;
mod table;

pub use counts::TOTAL;
pub use counts::{CountTable, MAX_CUBE_DIMENSIONS, MAX_DIMENSIONS};
pub use error::StatsError;
pub use export::{ProtectedCell, ProtectedTable, Suppression};
pub use linked::{FormInvolvement, FormsInput, Linked, protect_linked};
pub use period::{Dimension, Period};

/// Builds the full table of `counts` with all marginal totals and suppresses
/// cells for threshold `k`: no published cell holds 1..k-1, and no suppressed
/// cell can be worked out exactly from the published cells and the totals.
///
/// `period` is the granularity used for the period labels; it is written to
/// the output even when period is not a dimension of the table.
pub fn protect(counts: &CountTable, k: u32, period: Period) -> Result<ProtectedTable, StatsError> {
    match k {
        0 => return Err(StatsError::ZeroThreshold),
        2 => return Err(StatsError::ThresholdTwo),
        _ => {}
    }
    let table = table::Table::build(counts)?;
    let protection = suppress::protect_table(&table, u64::from(k))?;
    Ok(ProtectedTable::new(&table, &protection, k, period))
}
