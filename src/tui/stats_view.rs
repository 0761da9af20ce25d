//! What the statistics screen shows: exactly the protected tables an export would publish
//! (k = 5), one dimension each. Built from counts in memory; no I/O.

use crate::publish::MonthCounts;
use crate::stats::{self, Dimension, Period};

/// The threshold the screen uses: the export's default.
pub const K: u32 = 5;

/// One chart: a bar per value, `None` where the cell is suppressed; or why it is refused.
pub struct Chart {
    pub dimension: Dimension,
    pub bars: Vec<(String, Option<u64>)>,
    pub total: Option<u64>,
    pub refused: bool,
}

pub struct StatsView {
    pub charts: Vec<Chart>,
    pub counted: u64,
}

/// The four charts: per quarter, form, age band and urgency.
pub fn build(counts: &MonthCounts) -> StatsView {
    let charts = [Dimension::Period, Dimension::Form, Dimension::AgeBand, Dimension::Urgency]
        .into_iter()
        .map(|d| {
            let protected =
                counts.table(&[d], Period::Quarter).and_then(|t| stats::protect(&t, K, Period::Quarter));
            match protected {
                Ok(p) => {
                    let mut bars = Vec::new();
                    let mut total = None;
                    for cell in p.cells() {
                        let v = cell.values.first().cloned().unwrap_or_default();
                        if v == stats::TOTAL {
                            total = cell.count;
                        } else {
                            bars.push((v, cell.count));
                        }
                    }
                    Chart { dimension: d, bars, total, refused: false }
                }
                Err(_) => Chart { dimension: d, bars: Vec::new(), total: None, refused: true },
            }
        })
        .collect();
    StatsView { charts, counted: counts.total() }
}
