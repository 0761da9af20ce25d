//! What becomes of one cell, and which values an attacker still thinks possible for it.

/// Publication status of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Published,
    Primary,
    Secondary,
    /// A cell of the joint table of linked tables that no published table
    /// shows (for example period x form when only the period and form tables are
    /// published). The attacker knows only that it is a whole number of at least 0.
    Hidden,
}

/// Whether `value` moved by `change` stays a value the attacker must consider possible for a
/// cell of this status (a new published value needs `allow_new`).
/// Whether a cell changed by `change` stays within what the attacker knows.
///
/// A primary cell is known to hold 1..k-1. A secondary cell is labelled as not
/// primary and zeros are never suppressed, so the attacker knows it holds at
/// least k. A published cell can change only by being suppressed (when
/// `allow_new`), and a zero never is.
pub(crate) fn fits(status: Status, value: u64, k: u64, allow_new: bool, change: i64) -> bool {
    let moved = i128::from(value) + i128::from(change);
    let k = i128::from(k);
    match status {
        Status::Primary => (1..k).contains(&moved),
        Status::Secondary => moved >= k,
        Status::Hidden => moved >= 0,
        Status::Published => change == 0 || (allow_new && value > 0 && moved >= k),
    }
}
