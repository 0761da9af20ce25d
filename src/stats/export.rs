//! The protected table and its JSON and CSV forms.

use serde_json::{Map, Value, json};

use super::suppress::{Protection, Status};
use super::table::Table;
use super::{Dimension, Period};

/// Why a cell is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suppression {
    /// The count is 1..k-1.
    Primary,
    /// The count is 0 or at least k (never 0 in practice), hidden to protect
    /// other cells.
    Secondary,
}

impl Suppression {
    /// The label written to JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Suppression::Primary => "primary",
            Suppression::Secondary => "secondary",
        }
    }
}

/// One cell of a protected table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectedCell {
    /// The value on each dimension, `"TOTAL"` for a marginal total.
    pub values: Vec<String>,
    /// The count, `None` when suppressed.
    pub count: Option<u64>,
    /// Why the cell is suppressed, `None` when published.
    pub suppressed: Option<Suppression>,
}

/// A table that is safe to publish as it is: threshold rule on every cell and
/// secondary suppression so that no hidden count can be worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectedTable {
    k: u32,
    period: Period,
    dimensions: Vec<Dimension>,
    cells: Vec<ProtectedCell>,
}

impl ProtectedTable {
    pub(crate) fn new(table: &Table, protection: &Protection, k: u32, period: Period) -> Self {
        let cells = (0..table.len())
            .map(|i| {
                let suppressed = match protection.status[i] {
                    Status::Published => None,
                    Status::Primary => Some(Suppression::Primary),
                    Status::Secondary => Some(Suppression::Secondary),
                };
                ProtectedCell {
                    values: table.labels(i),
                    count: suppressed.is_none().then_some(table.counts[i]),
                    suppressed,
                }
            })
            .collect();
        ProtectedTable { k, period, dimensions: table.dimensions.clone(), cells }
    }

    /// The threshold.
    pub fn k(&self) -> u32 {
        self.k
    }

    /// The period granularity the caller used for period labels.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The dimensions, in table order.
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// All cells, totals included, sorted by values with TOTAL last.
    pub fn cells(&self) -> &[ProtectedCell] {
        &self.cells
    }

    /// `{"k", "period", "dimensions", "cells"}`; each cell has one key per
    /// dimension, `"count"` (null when suppressed) and, only when suppressed,
    /// `"suppressed"`.
    pub fn to_json(&self) -> Value {
        let cells: Vec<Value> = self
            .cells
            .iter()
            .map(|cell| {
                let mut object = Map::new();
                for (d, value) in self.dimensions.iter().zip(&cell.values) {
                    object.insert(d.name().to_string(), Value::String(value.clone()));
                }
                object.insert("count".to_string(), cell.count.map_or(Value::Null, Value::from));
                if let Some(s) = cell.suppressed {
                    object.insert("suppressed".to_string(), Value::String(s.name().to_string()));
                }
                Value::Object(object)
            })
            .collect();
        let dimensions: Vec<&str> = self.dimensions.iter().map(|d| d.name()).collect();
        json!({"k": self.k, "period": self.period.name(), "dimensions": dimensions, "cells": cells})
    }

    /// The cells one per row: the dimensions, then `count` (empty when
    /// suppressed) and `suppressed` (empty when published).
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_writer(w);
        let mut header: Vec<&str> = self.dimensions.iter().map(|d| d.name()).collect();
        header.extend(["count", "suppressed"]);
        writer.write_record(&header)?;
        for cell in &self.cells {
            let mut record: Vec<String> = cell.values.clone();
            record.push(cell.count.map(|n| n.to_string()).unwrap_or_default());
            record.push(cell.suppressed.map(|s| s.name().to_string()).unwrap_or_default());
            writer.write_record(&record)?;
        }
        writer.flush()?;
        Ok(())
    }
}
