//! Certificates of protection: one box, or the sum of two boxes when no single
//! box fits (typically because one corner would leave its known range and a
//! second box cancels the change there).

use super::moves::{Boxes, Move, cheapest};
use super::status::{Status, fits};
use super::table::Table;

/// Statuses of all cells with a certificate for every suppressed one.
#[derive(Debug, Clone)]
pub(crate) struct Protection {
    pub(crate) status: Vec<Status>,
    pub(crate) certificates: Vec<Option<Certificate>>,
}

/// At most 16 cells with their summed changes.
type Changes = Vec<(usize, i64)>;

/// A move in the kernel of the additivity equations that changes the
/// certified cell: a box, or the sum of two boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Certificate {
    first: Move,
    second: Option<Move>,
}

impl Certificate {
    pub(crate) fn single(first: Move) -> Self {
        Certificate { first, second: None }
    }

    /// The boxes that make up the certificate.
    pub(crate) fn boxes(&self) -> impl Iterator<Item = Move> {
        std::iter::once(self.first).chain(self.second)
    }

    /// The cells the certificate changes, with their non-zero total change.
    pub(crate) fn changes(&self, table: &Table) -> Changes {
        let mut changes: Changes = Vec::with_capacity(16);
        for m in self.boxes() {
            for (i, change) in m.changes(table) {
                match changes.iter_mut().find(|(j, _)| *j == i) {
                    Some(slot) => slot.1 += change,
                    None => changes.push((i, change)),
                }
            }
        }
        changes.retain(|(_, change)| *change != 0);
        changes
    }

    /// Whether the certificate changes `cell`.
    pub(crate) fn touches(&self, table: &Table, cell: usize) -> bool {
        match self.second {
            None => self.first.contains(table, cell),
            Some(_) => self.changes(table).iter().any(|(i, _)| *i == cell),
        }
    }
}

/// The cheapest certificate for `cell`: a single box if one fits, else a sum
/// of two boxes whose second box cancels the one misfit corner of the first.
pub(crate) fn find(
    table: &Table,
    status: &[Status],
    k: u64,
    cell: usize,
    allow_new: bool,
) -> Option<Certificate> {
    if let Some(m) = cheapest(table, status, k, cell, allow_new) {
        return Some(Certificate::single(m));
    }
    let a = table.coords(cell);
    let mut best: Option<(u64, Certificate)> = None;
    for b in Boxes::around(table, cell) {
        for sign in [1, -1] {
            let first = Move { a, b, sign };
            let mut misfits = first
                .changes(table)
                .filter(|&(i, change)| !fits(status[i], table.counts[i], k, allow_new, change));
            let (Some((bad, change)), None) = (misfits.next(), misfits.next()) else { continue };
            if bad == cell {
                continue;
            }
            // The second box has the misfit as corner `a` and the opposite change there.
            let parity = first_parity(table, bad);
            let second_sign = if -change * parity > 0 { 1 } else { -1 };
            let changes1: Vec<(usize, i64)> = first.changes(table).collect();
            let cost1: u64 = changes1
                .iter()
                .filter(|(i, _)| status[*i] == Status::Published)
                .map(|(i, _)| table.counts[*i])
                .sum();
            for b2 in Boxes::around(table, bad) {
                let second = Move { a: table.coords(bad), b: b2, sign: second_sign };
                let bound = best.as_ref().map(|x| x.0);
                if let Some(cost) =
                    pair_cost(table, status, k, allow_new, cell, &changes1, cost1, second, bound)
                    && best.as_ref().is_none_or(|(c, _)| cost < *c)
                {
                    best = Some((cost, Certificate { first, second: Some(second) }));
                }
            }
        }
    }
    best.map(|x| x.1)
}

/// The suppressed count added by the sum of a first box (given by its
/// changes and cost) and `second`, if every changed cell fits and `cell` is
/// still changed; `None` otherwise or once the cost exceeds `bound`.
#[allow(clippy::too_many_arguments)]
fn pair_cost(
    table: &Table,
    status: &[Status],
    k: u64,
    allow_new: bool,
    cell: usize,
    first: &[(usize, i64)],
    first_cost: u64,
    second: Move,
    bound: Option<u64>,
) -> Option<u64> {
    let mut cost = first_cost;
    for (i, change) in second.changes(table) {
        let before = first.iter().find(|(j, _)| *j == i).map_or(0, |(_, c)| *c);
        let total = before + change;
        if i == cell && total == 0 {
            return None;
        }
        // Cells of the first box are priced already; the misfit is fixed here.
        if !fits(status[i], table.counts[i], k, allow_new, total) {
            return None;
        }
        if before == 0 && status[i] == Status::Published {
            cost = cost.saturating_add(table.counts[i]);
        } else if before != 0 && total == 0 && status[i] == Status::Published {
            cost = cost.saturating_sub(table.counts[i]);
        }
        if bound.is_some_and(|b| cost > b) {
            return None;
        }
    }
    // Cells of the first box untouched by the second must fit on their own.
    first
        .iter()
        .filter(|(i, _)| !second.contains(table, *i))
        .all(|&(i, change)| fits(status[i], table.counts[i], k, allow_new, change))
        .then_some(cost)
}

/// +1 or -1: the sign a box with `sign = 1` gives its corner `a` at `cell`.
fn first_parity(table: &Table, cell: usize) -> i64 {
    let coords = table.coords(cell);
    let totals = (0..table.rank()).filter(|&d| table.is_total(d, coords[d])).count();
    if totals % 2 == 0 { 1 } else { -1 }
}

/// The certified cells must all fit; used by the final audit.
pub(crate) fn holds(
    table: &Table,
    status: &[Status],
    k: u64,
    cell: usize,
    certificate: &Certificate,
) -> bool {
    let shape = table.shape();
    let proper = certificate
        .boxes()
        .all(|m| (0..table.rank()).all(|d| m.a[d] != m.b[d] && m.a[d] < shape[d] && m.b[d] < shape[d]));
    let changes = certificate.changes(table);
    proper
        && changes.iter().any(|(i, _)| *i == cell)
        && changes.iter().all(|&(i, change)| {
            status[i] != Status::Published && fits(status[i], table.counts[i], k, false, change)
        })
}
