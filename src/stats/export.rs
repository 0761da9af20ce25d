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
    multi_response: bool,
}

/// How a cell's status reads in the output.
fn suppression(status: Status) -> Option<Suppression> {
    match status {
        Status::Published | Status::Hidden => None,
        Status::Primary => Some(Suppression::Primary),
        Status::Secondary => Some(Suppression::Secondary),
    }
}

impl ProtectedTable {
    pub(crate) fn new(table: &Table, protection: &Protection, k: u32, period: Period) -> Self {
        let cells = (0..table.len())
            .map(|i| {
                let suppressed = suppression(protection.status[i]);
                ProtectedCell {
                    values: table.labels(i),
                    count: suppressed.is_none().then_some(table.counts[i]),
                    suppressed,
                }
            })
            .collect();
        ProtectedTable { k, period, dimensions: table.dimensions.clone(), cells, multi_response: false }
    }

    /// The published table over `dimensions` (a subset of the joint table's, in
    /// this order): the joint cells with TOTAL on every other dimension.
    pub(crate) fn linked(
        joint: &Table,
        protection: &Protection,
        dimensions: &[Dimension],
        k: u32,
        period: Period,
    ) -> Self {
        let shape = joint.shape();
        let position: Vec<usize> =
            dimensions.iter().map(|d| joint.dimensions.iter().position(|x| x == d).unwrap_or(0)).collect();
        let mut base = [0; super::counts::MAX_CUBE_DIMENSIONS];
        for (d, level) in base.iter_mut().enumerate().take(joint.rank()) {
            *level = shape[d] - 1;
        }
        let sizes: Vec<usize> = position.iter().map(|&p| shape[p]).collect();
        let count: usize = sizes.iter().product();
        let cells = (0..count)
            .map(|mut n| {
                // First dimension slowest, as in a table built on its own.
                let mut coords = base;
                for (j, &p) in position.iter().enumerate().rev() {
                    coords[p] = n % sizes[j];
                    n /= sizes[j];
                }
                let i = joint.index(coords);
                let suppressed = suppression(protection.status[i]);
                let labels = joint.labels(i);
                ProtectedCell {
                    values: position.iter().map(|&p| labels[p].clone()).collect(),
                    count: suppressed.is_none().then_some(joint.counts[i]),
                    suppressed,
                }
            })
            .collect();
        ProtectedTable { k, period, dimensions: dimensions.to_vec(), cells, multi_response: false }
    }

    /// A multi-response table: one cell per form with the consultations that
    /// involve it, and `TOTAL` the number of consultations (not the sum).
    pub(crate) fn multi_response(cells: Vec<ProtectedCell>, k: u32, period: Period) -> Self {
        ProtectedTable { k, period, dimensions: vec![Dimension::Form], cells, multi_response: true }
    }

    /// Whether this is the multi-response forms table, whose cells count every
    /// consultation involving a form and so do not add up to `TOTAL`.
    pub fn is_multi_response(&self) -> bool {
        self.multi_response
    }

    /// The column names of the dimensions: `forms` for the multi-response table.
    pub fn dimension_names(&self) -> Vec<&'static str> {
        if self.multi_response { vec!["forms"] } else { self.dimensions.iter().map(|d| d.name()).collect() }
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
                for (d, value) in self.dimension_names().iter().zip(&cell.values) {
                    object.insert(d.to_string(), Value::String(value.clone()));
                }
                object.insert("count".to_string(), cell.count.map_or(Value::Null, Value::from));
                if let Some(s) = cell.suppressed {
                    object.insert("suppressed".to_string(), Value::String(s.name().to_string()));
                }
                Value::Object(object)
            })
            .collect();
        let dimensions = self.dimension_names();
        let mut out =
            json!({"k": self.k, "period": self.period.name(), "dimensions": dimensions, "cells": cells});
        if self.multi_response {
            out["multi_response"] = Value::Bool(true);
        }
        out
    }

    /// The cells one per row: the dimensions, then `count` (empty when
    /// suppressed) and `suppressed` (empty when published).
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<(), csv::Error> {
        self.write_csv_labelled(w, &|_, v| v.to_string())
    }

    /// As [`ProtectedTable::write_csv`], with each value written as `label(dimension, code)`
    /// (for people: `--labels nl|en`); `TOTAL` and the header stay as they are.
    pub fn write_csv_labelled(
        &self,
        w: impl std::io::Write,
        label: &dyn Fn(Dimension, &str) -> String,
    ) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_writer(w);
        let mut header: Vec<&str> = self.dimension_names();
        header.extend(["count", "suppressed"]);
        writer.write_record(&header)?;
        for cell in &self.cells {
            let mut record: Vec<String> = self
                .dimensions
                .iter()
                .zip(&cell.values)
                .map(|(d, v)| if v == super::TOTAL { v.clone() } else { label(*d, v) })
                .collect();
            record.push(cell.count.map(|n| n.to_string()).unwrap_or_default());
            record.push(cell.suppressed.map(|s| s.name().to_string()).unwrap_or_default());
            writer.write_record(&record)?;
        }
        writer.flush()?;
        Ok(())
    }
}
