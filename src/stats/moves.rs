//! Elementary moves: integer changes to suppressed cells that keep every
//! additivity equation true. A feasible move is a proof that a suppressed cell
//! is protected, because it yields a second table that the attacker cannot tell
//! apart from the true one.
//!
//! Flip the sign of every cell with an odd number of TOTAL coordinates: then
//! each TOTAL equation becomes "the cells on this line, TOTAL included, sum to
//! zero". A table with zero line sums in every direction is unchanged in its
//! equations by adding +1/-1 on the corners of a box with two levels per
//! dimension and alternating signs (a pair in 1-D, a rectangle in 2-D, a
//! 2x2x2 cube in 3-D), because every line through the box meets exactly two
//! corners of opposite sign. Levels may be TOTAL, so boxes reach the margins.

use super::counts::MAX_CUBE_DIMENSIONS;
use super::status::{Status, fits};
use super::table::{Coords, Table};

/// A box with levels `a[d]` and `b[d]` on each dimension. The corner at `a`
/// changes by `sign` times its TOTAL parity; every step to `b` flips the sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Move {
    pub(crate) a: Coords,
    pub(crate) b: Coords,
    pub(crate) sign: i8,
}

impl Move {
    /// The cells of the box and the change (+1 or -1) the move makes to each.
    pub(crate) fn changes(self, table: &Table) -> impl Iterator<Item = (usize, i64)> + '_ {
        let rank = table.rank();
        (0..1usize << rank).map(move |mask| {
            let mut coords = self.a;
            let mut change = i64::from(self.sign);
            for (d, level) in coords.iter_mut().enumerate().take(rank) {
                if mask >> d & 1 == 1 {
                    *level = self.b[d];
                    change = -change;
                }
                if table.is_total(d, *level) {
                    change = -change;
                }
            }
            (table.index(coords), change)
        })
    }

    /// Whether `cell` is a corner of the box.
    pub(crate) fn contains(self, table: &Table, cell: usize) -> bool {
        let c = table.coords(cell);
        (0..table.rank()).all(|d| c[d] == self.a[d] || c[d] == self.b[d])
    }
}

/// Which directions `(up, down)` a cell may move in by one while staying
/// within what the attacker knows about it (see [`fits`]).
fn directions(status: Status, value: u64, k: u64, allow_new: bool) -> (bool, bool) {
    (fits(status, value, k, allow_new, 1), fits(status, value, k, allow_new, -1))
}

/// The other corners `b` of every box that has `cell` as corner `a`: one
/// other level per dimension, as an odometer whose last dimension turns fastest.
pub(crate) struct Boxes {
    a: Coords,
    shape: Coords,
    rank: usize,
    digits: Coords,
    done: bool,
}

impl Boxes {
    pub(crate) fn around(table: &Table, cell: usize) -> Self {
        Boxes {
            a: table.coords(cell),
            shape: table.shape(),
            rank: table.rank(),
            digits: [0; MAX_CUBE_DIMENSIONS],
            done: false,
        }
    }
}

impl Iterator for Boxes {
    type Item = Coords;

    fn next(&mut self) -> Option<Coords> {
        if self.done {
            return None;
        }
        let mut b = self.a;
        for ((level, own), digit) in b.iter_mut().zip(self.a).zip(self.digits).take(self.rank) {
            // Digit j stands for level j, skipping the cell's own level.
            *level = if digit >= own { digit + 1 } else { digit };
        }
        self.done = true;
        for d in (0..self.rank).rev() {
            self.digits[d] += 1;
            if self.digits[d] + 1 < self.shape[d] {
                self.done = false;
                break;
            }
            self.digits[d] = 0;
        }
        Some(b)
    }
}

/// The cheapest feasible box that changes `cell`: the one that newly
/// suppresses the smallest total count, then the fewest cells. With
/// `allow_new` false only boxes over already suppressed cells are considered.
pub(crate) fn cheapest(
    table: &Table,
    status: &[Status],
    k: u64,
    cell: usize,
    allow_new: bool,
) -> Option<Move> {
    let a = table.coords(cell);
    let mut best: Option<(u64, u32, Move)> = None;
    for b in Boxes::around(table, cell) {
        let Some((cost, new)) = evaluate(table, status, k, a, b, allow_new, best.map(|x| x.0)) else {
            continue;
        };
        if best.is_none_or(|(c, n, _)| (cost, new) < (c, n)) {
            let sign = if evaluate_sign(table, status, k, a, b, allow_new) { 1 } else { -1 };
            best = Some((cost, new, Move { a, b, sign }));
            if cost == 0 {
                break;
            }
        }
    }
    best.map(|x| x.2)
}

/// Cost `(suppressed count added, cells added)` of the box `a`/`b` if one of
/// its two orientations is feasible, else `None`. Gives up early once the cost
/// exceeds `bound`.
fn evaluate(
    table: &Table,
    status: &[Status],
    k: u64,
    a: Coords,
    b: Coords,
    allow_new: bool,
    bound: Option<u64>,
) -> Option<(u64, u32)> {
    let probe = Move { a, b, sign: 1 };
    let (mut plus, mut minus) = (true, true);
    let (mut cost, mut new) = (0u64, 0u32);
    for (i, change) in probe.changes(table) {
        let value = table.counts[i];
        let (up, down) = directions(status[i], value, k, allow_new);
        if status[i] == Status::Published {
            cost = cost.saturating_add(value);
            new += 1;
            if bound.is_some_and(|b| cost > b) {
                return None;
            }
        }
        if change > 0 {
            plus &= up;
            minus &= down;
        } else {
            plus &= down;
            minus &= up;
        }
        if !plus && !minus {
            return None;
        }
    }
    Some((cost, new))
}

/// Whether the orientation with `sign = +1` is feasible for the box.
fn evaluate_sign(table: &Table, status: &[Status], k: u64, a: Coords, b: Coords, allow_new: bool) -> bool {
    Move { a, b, sign: 1 }.changes(table).all(|(i, change)| {
        let (up, down) = directions(status[i], table.counts[i], k, allow_new);
        if change > 0 { up } else { down }
    })
}
