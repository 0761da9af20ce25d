//! Independent re-check of a suppression pattern before it is released.

use super::certificate::{Protection, holds};
use super::status::Status;
use super::table::Table;

/// Checks the threshold rule on every published cell, that no zero is
/// suppressed, and that every suppressed cell has a certificate made of
/// proper boxes (two distinct levels per dimension) that changes the cell,
/// changes only suppressed cells and keeps each within the attacker's bounds.
pub(crate) fn certificates_hold(table: &Table, k: u64, protection: &Protection) -> bool {
    (0..table.len()).all(|cell| {
        let value = table.counts[cell];
        match protection.status[cell] {
            Status::Published => value == 0 || value >= k,
            Status::Hidden => true,
            Status::Primary if !(1..k).contains(&value) => false,
            Status::Secondary if value < k => false,
            Status::Primary | Status::Secondary => {
                protection.certificates[cell].is_some_and(|c| holds(table, &protection.status, k, cell, &c))
            }
        }
    })
}
