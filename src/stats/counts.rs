//! Unsuppressed counts of inner cells, the unit that machines exchange and add.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{Dimension, StatsError};

/// The value that stands for "all values of this dimension" in a marginal total.
pub const TOTAL: &str = "TOTAL";

/// The most dimensions a table may have; the protection method is proven for
/// up to three.
pub const MAX_DIMENSIONS: usize = 3;

/// The most dimensions of a cube ([`CountTable::cube`]): all of them. A cube is
/// never published itself; linked tables of at most three dimensions each are
/// derived from it and protected together.
pub const MAX_CUBE_DIMENSIONS: usize = Dimension::ALL.len();

/// Counts of consultations per combination of dimension values, without
/// totals and without any protection.
///
/// This is what one machine contributes: it is never published as is. Tables
/// from several machines are added with [`CountTable::merge`] and the sum is
/// protected with [`crate::stats::protect`]. Serialised as
/// `{"dimensions": [...], "cells": [{"values": [...], "count": n}, ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CountTableRepr", into = "CountTableRepr")]
pub struct CountTable {
    dimensions: Vec<Dimension>,
    counts: BTreeMap<Vec<String>, u64>,
}

impl CountTable {
    /// An empty table over the given dimension names (1 to 3, no repeats).
    pub fn new<S: AsRef<str>>(dimensions: &[S]) -> Result<Self, StatsError> {
        let dimensions =
            dimensions.iter().map(|d| d.as_ref().parse()).collect::<Result<Vec<Dimension>, _>>()?;
        check_dimensions(&dimensions)?;
        Ok(CountTable { dimensions, counts: BTreeMap::new() })
    }

    /// Counts `rows`: each row is one consultation, given as its value on each
    /// dimension, in the order of `dimensions`.
    ///
    /// The caller leaves out consultations whose client refused statistical
    /// use, and gives dates only as period labels (see [`crate::stats::Period`]).
    pub fn from_rows<S, R, V>(dimensions: &[S], rows: R) -> Result<Self, StatsError>
    where
        S: AsRef<str>,
        R: IntoIterator<Item = V>,
        V: AsRef<[String]>,
    {
        Self::counted(CountTable::new(dimensions)?, rows)
    }

    /// Counts `rows` over up to all eight dimensions: the cube from which several
    /// linked tables are derived and protected together
    /// ([`crate::stats::protect_linked`]). [`crate::stats::protect`] refuses a cube
    /// of more than three dimensions.
    pub fn cube<S, R, V>(dimensions: &[S], rows: R) -> Result<Self, StatsError>
    where
        S: AsRef<str>,
        R: IntoIterator<Item = V>,
        V: AsRef<[String]>,
    {
        let dimensions =
            dimensions.iter().map(|d| d.as_ref().parse()).collect::<Result<Vec<Dimension>, _>>()?;
        check_repeats(&dimensions)?;
        Self::counted(CountTable { dimensions, counts: BTreeMap::new() }, rows)
    }

    fn counted<R, V>(mut table: CountTable, rows: R) -> Result<Self, StatsError>
    where
        R: IntoIterator<Item = V>,
        V: AsRef<[String]>,
    {
        let rank = table.dimensions.len();
        // Values are interned per dimension so that each row costs a few hash
        // look-ups by `&str` instead of allocating a key per row.
        let mut interned: Vec<HashMap<String, usize>> = vec![HashMap::new(); rank];
        let mut names: Vec<Vec<String>> = vec![Vec::new(); rank];
        let mut tally: HashMap<[usize; MAX_CUBE_DIMENSIONS], u64> = HashMap::new();
        for row in rows {
            let row = row.as_ref();
            if row.len() != rank {
                return Err(StatsError::RowLength { expected: rank, found: row.len() });
            }
            let mut key = [0usize; MAX_CUBE_DIMENSIONS];
            for (d, value) in row.iter().enumerate() {
                key[d] = match interned[d].get(value.as_str()) {
                    Some(&id) => id,
                    None => {
                        if value == TOTAL {
                            return Err(StatsError::ReservedValue(table.dimensions[d].to_string()));
                        }
                        let id = names[d].len();
                        interned[d].insert(value.clone(), id);
                        names[d].push(value.clone());
                        id
                    }
                };
            }
            *tally.entry(key).or_insert(0) += 1;
        }
        for (key, n) in tally {
            let values = (0..rank).map(|d| names[d][key[d]].clone()).collect();
            table.counts.insert(values, n);
        }
        Ok(table)
    }

    /// Adds the counts of `other`, which must have the same dimensions in the
    /// same order. The caller de-duplicates contributions beforehand.
    pub fn merge(&mut self, other: &CountTable) -> Result<(), StatsError> {
        if self.dimensions != other.dimensions {
            return Err(StatsError::DimensionMismatch {
                left: join(&self.dimensions),
                right: join(&other.dimensions),
            });
        }
        for (key, &n) in &other.counts {
            let slot = self.counts.entry(key.clone()).or_insert(0);
            *slot = slot.checked_add(n).ok_or(StatsError::CountOverflow)?;
        }
        Ok(())
    }

    /// The counts summed over every dimension not in `dimensions` (each one of
    /// this table's), in the order given.
    pub fn project(&self, dimensions: &[Dimension]) -> Result<CountTable, StatsError> {
        check_repeats(dimensions)?;
        let position = dimensions
            .iter()
            .map(|d| {
                self.dimensions
                    .iter()
                    .position(|x| x == d)
                    .ok_or_else(|| StatsError::UnknownDimension(d.to_string()))
            })
            .collect::<Result<Vec<usize>, _>>()?;
        let mut counts: BTreeMap<Vec<String>, u64> = BTreeMap::new();
        for (key, n) in &self.counts {
            let values = position.iter().map(|&p| key[p].clone()).collect();
            let slot = counts.entry(values).or_insert(0);
            *slot = slot.checked_add(*n).ok_or(StatsError::CountOverflow)?;
        }
        Ok(CountTable { dimensions: dimensions.to_vec(), counts })
    }

    /// The dimensions, in table order.
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The count of one combination of values (0 when absent).
    pub fn get<S: AsRef<str>>(&self, values: &[S]) -> u64 {
        let key: Vec<String> = values.iter().map(|v| v.as_ref().to_string()).collect();
        self.counts.get(&key).copied().unwrap_or(0)
    }

    /// All non-empty combinations with their counts, sorted by values.
    pub fn iter(&self) -> impl Iterator<Item = (&[String], u64)> {
        self.counts.iter().filter(|(_, n)| **n > 0).map(|(k, n)| (k.as_slice(), *n))
    }

    /// The number of counted consultations.
    pub fn total(&self) -> u64 {
        self.counts.values().fold(0u64, |acc, n| acc.saturating_add(*n))
    }
}

/// Checks the number of dimensions and that none repeats.
pub(crate) fn check_dimensions(dimensions: &[Dimension]) -> Result<(), StatsError> {
    if dimensions.is_empty() {
        return Err(StatsError::NoDimensions);
    }
    if dimensions.len() > MAX_DIMENSIONS {
        return Err(StatsError::TooManyDimensions(dimensions.len()));
    }
    check_repeats(dimensions)
}

/// Checks that no dimension repeats and that there is at least one.
pub(crate) fn check_repeats(dimensions: &[Dimension]) -> Result<(), StatsError> {
    if dimensions.is_empty() {
        return Err(StatsError::NoDimensions);
    }
    for (i, d) in dimensions.iter().enumerate() {
        if dimensions[..i].contains(d) {
            return Err(StatsError::DuplicateDimension(d.to_string()));
        }
    }
    Ok(())
}

fn join(dimensions: &[Dimension]) -> String {
    dimensions.iter().map(|d| d.name()).collect::<Vec<_>>().join(", ")
}

/// The serialised form: JSON object keys must be strings, so the map becomes
/// a list, and reading it back goes through the same checks as building.
#[derive(Serialize, Deserialize)]
struct CountTableRepr {
    dimensions: Vec<Dimension>,
    cells: Vec<CountCell>,
}

#[derive(Serialize, Deserialize)]
struct CountCell {
    values: Vec<String>,
    count: u64,
}

impl From<CountTable> for CountTableRepr {
    fn from(table: CountTable) -> Self {
        let cells = table.counts.into_iter().map(|(values, count)| CountCell { values, count }).collect();
        CountTableRepr { dimensions: table.dimensions, cells }
    }
}

impl TryFrom<CountTableRepr> for CountTable {
    type Error = StatsError;

    fn try_from(repr: CountTableRepr) -> Result<Self, Self::Error> {
        check_dimensions(&repr.dimensions)?;
        let rank = repr.dimensions.len();
        let mut counts = BTreeMap::new();
        for cell in repr.cells {
            if cell.values.len() != rank {
                return Err(StatsError::RowLength { expected: rank, found: cell.values.len() });
            }
            if let Some(d) = cell.values.iter().position(|v| v == TOTAL) {
                return Err(StatsError::ReservedValue(repr.dimensions[d].to_string()));
            }
            let slot: &mut u64 = counts.entry(cell.values).or_insert(0);
            *slot = slot.checked_add(cell.count).ok_or(StatsError::CountOverflow)?;
        }
        Ok(CountTable { dimensions: repr.dimensions, counts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn counts_and_merges() {
        let dims = ["form", "urgency"];
        let a = CountTable::from_rows(
            &dims,
            [row(&["fm", "acute"]), row(&["fm", "acute"]), row(&["ab", "later"])],
        )
        .unwrap();
        assert_eq!(a.get(&["fm", "acute"]), 2);
        assert_eq!(a.get(&["ab", "acute"]), 0);
        let mut b = CountTable::from_rows(&dims, [row(&["fm", "acute"])]).unwrap();
        b.merge(&a).unwrap();
        assert_eq!(b.get(&["fm", "acute"]), 3);
        assert_eq!(b.total(), 4);
        let json = serde_json::to_string(&b).unwrap();
        let back: CountTable = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(CountTable::new::<&str>(&[]), Err(StatsError::NoDimensions));
        assert_eq!(
            CountTable::new(&["form", "gender", "urgency", "status"]),
            Err(StatsError::TooManyDimensions(4))
        );
        assert_eq!(CountTable::new(&["form", "form"]), Err(StatsError::DuplicateDimension("form".into())));
        assert_eq!(
            CountTable::from_rows(&["form"], [row(&["TOTAL"])]),
            Err(StatsError::ReservedValue("form".into()))
        );
        assert_eq!(
            CountTable::from_rows(&["form"], [row(&["a", "b"])]),
            Err(StatsError::RowLength { expected: 1, found: 2 })
        );
        let mut a = CountTable::new(&["form"]).unwrap();
        let b = CountTable::new(&["gender"]).unwrap();
        assert!(matches!(a.merge(&b), Err(StatsError::DimensionMismatch { .. })));
        let bad = r#"{"dimensions":["form"],"cells":[{"values":["TOTAL"],"count":1}]}"#;
        assert!(serde_json::from_str::<CountTable>(bad).is_err());
    }
}
