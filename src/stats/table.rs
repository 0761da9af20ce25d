//! The full frequency table: every combination of the values present on each
//! dimension (zeros included) plus every marginal total up to the grand total.

use std::collections::{BTreeSet, HashMap};

use super::counts::{MAX_CUBE_DIMENSIONS, TOTAL, check_dimensions};
use super::{CountTable, Dimension, StatsError};

/// Coordinates of a cell; level `shape[d] - 1` on dimension `d` is its TOTAL.
/// Unused dimensions have a single level 0. A published table has at most three
/// dimensions; the joint table of several linked tables (see `linked`) has the
/// union of their dimensions.
pub(crate) type Coords = [usize; MAX_CUBE_DIMENSIONS];

/// The extended table, stored row-major with the last dimension fastest, so
/// index order is the publication order (sorted values, TOTAL last).
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub(crate) dimensions: Vec<Dimension>,
    /// Sorted values present in the data, per dimension, without TOTAL.
    pub(crate) values: Vec<Vec<String>>,
    shape: Coords,
    strides: Coords,
    /// Counts of all cells, totals included.
    pub(crate) counts: Vec<u64>,
}

impl Table {
    /// Builds the table with all marginal totals from inner-cell counts.
    pub(crate) fn build(source: &CountTable) -> Result<Self, StatsError> {
        check_dimensions(source.dimensions())?;
        Self::joint(source)
    }

    /// Builds the table over all dimensions of `source`, up to
    /// [`MAX_CUBE_DIMENSIONS`]: the joint table of linked tables.
    pub(crate) fn joint(source: &CountTable) -> Result<Self, StatsError> {
        let dimensions = source.dimensions().to_vec();
        let rank = dimensions.len();
        if rank > MAX_CUBE_DIMENSIONS {
            return Err(StatsError::TooManyDimensions(rank));
        }
        let mut present: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); rank];
        for (key, _) in source.iter() {
            for (d, value) in key.iter().enumerate() {
                present[d].insert(value);
            }
        }
        if present[0].is_empty() {
            return Err(StatsError::NoRecords);
        }
        let values: Vec<Vec<String>> =
            present.iter().map(|set| set.iter().map(|v| v.to_string()).collect()).collect();
        let mut shape = [1; MAX_CUBE_DIMENSIONS];
        for d in 0..rank {
            shape[d] = values[d].len() + 1;
        }
        let mut strides = [1; MAX_CUBE_DIMENSIONS];
        for d in (0..MAX_CUBE_DIMENSIONS - 1).rev() {
            strides[d] = strides[d + 1] * shape[d + 1];
        }
        let size = shape.iter().product();
        let mut table = Table { dimensions, values, shape, strides, counts: vec![0; size] };

        let lookup: Vec<HashMap<&str, usize>> =
            present.iter().map(|set| set.iter().enumerate().map(|(i, v)| (*v, i)).collect()).collect();
        for (key, n) in source.iter() {
            let mut coords = [0; MAX_CUBE_DIMENSIONS];
            for (d, value) in key.iter().enumerate() {
                coords[d] = lookup[d].get(value.as_str()).copied().ok_or(StatsError::NoRecords)?;
            }
            // Each inner count adds to itself and to every total that covers
            // it: the 2^rank cells with any subset of coordinates set to TOTAL.
            for mask in 0..1usize << rank {
                let mut c = coords;
                for (d, level) in c.iter_mut().enumerate().take(rank) {
                    if mask >> d & 1 == 1 {
                        *level = shape[d] - 1;
                    }
                }
                let i = table.index(c);
                table.counts[i] = table.counts[i].checked_add(n).ok_or(StatsError::CountOverflow)?;
            }
        }
        Ok(table)
    }

    /// Number of cells, totals included.
    pub(crate) fn len(&self) -> usize {
        self.counts.len()
    }

    /// Number of dimensions.
    pub(crate) fn rank(&self) -> usize {
        self.dimensions.len()
    }

    /// Number of levels (values plus TOTAL) per dimension.
    pub(crate) fn shape(&self) -> Coords {
        self.shape
    }

    pub(crate) fn index(&self, coords: Coords) -> usize {
        coords.iter().zip(self.strides).map(|(c, s)| c * s).sum()
    }

    pub(crate) fn coords(&self, index: usize) -> Coords {
        let mut coords = [0; MAX_CUBE_DIMENSIONS];
        for ((c, stride), size) in coords.iter_mut().zip(self.strides).zip(self.shape) {
            *c = index / stride % size;
        }
        coords
    }

    pub(crate) fn is_total(&self, dimension: usize, level: usize) -> bool {
        level + 1 == self.shape[dimension]
    }

    /// The value labels of a cell, TOTAL included.
    pub(crate) fn labels(&self, index: usize) -> Vec<String> {
        let coords = self.coords(index);
        (0..self.rank())
            .map(|d| match self.values[d].get(coords[d]) {
                Some(v) => v.clone(),
                None => TOTAL.to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every TOTAL equals the sum of the cells it covers, on every dimension.
    pub(crate) fn is_additive(table: &Table, counts: &[i64]) -> bool {
        let shape = table.shape();
        (0..table.len()).all(|i| {
            let c = table.coords(i);
            (0..table.rank()).filter(|&d| table.is_total(d, c[d])).all(|d| {
                let sum: i64 = (0..shape[d] - 1)
                    .map(|level| {
                        let mut inner = c;
                        inner[d] = level;
                        counts[table.index(inner)]
                    })
                    .sum();
                sum == counts[i]
            })
        })
    }

    pub(crate) fn sample() -> CountTable {
        let rows = [["a", "x", "p"], ["a", "y", "p"], ["b", "x", "q"], ["b", "x", "q"], ["c", "y", "p"]];
        let rows = rows.iter().map(|r| r.iter().map(|v| v.to_string()).collect::<Vec<_>>());
        CountTable::from_rows(&["form", "gender", "urgency"], rows).unwrap()
    }

    #[test]
    fn full_table_is_additive() {
        let table = Table::build(&sample()).unwrap();
        assert_eq!(table.shape()[..3], [4, 3, 3]);
        assert_eq!(table.len(), 36);
        let signed: Vec<i64> = table.counts.iter().map(|&n| n as i64).collect();
        assert!(is_additive(&table, &signed));
        assert_eq!(table.counts[table.len() - 1], 5);
        let mut broken = signed.clone();
        broken[0] += 1;
        assert!(!is_additive(&table, &broken));
        assert_eq!(table.labels(table.index([1, 2, 0, 0, 0, 0, 0, 0])), ["b", "TOTAL", "p"]);
    }

    #[test]
    fn empty_table_is_an_error() {
        let empty = CountTable::new(&["form"]).unwrap();
        assert_eq!(Table::build(&empty).unwrap_err(), StatsError::NoRecords);
    }
}
