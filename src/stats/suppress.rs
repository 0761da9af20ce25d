//! Primary and secondary cell suppression.
//!
//! Primary: every cell, inner or total, with a count in 1..k-1.
//!
//! Secondary: every suppressed cell must be part of a feasible elementary move
//! (see `moves`), its *certificate*. A move changes only suppressed cells,
//! keeps all additivity equations true and stays within what the attacker
//! knows of each cell, so the moved table is a second solution of the
//! attacker's integer system that differs in that cell: its feasible range
//! holds at least two values. Certificates stay valid when more cells are
//! suppressed, so cells can be handled one at a time.
//!
//! Zeros are never suppressed. A suppressed zero could only move up, and its
//! label "secondary" would tell the attacker "0 or at least k", which is not
//! an interval; refusing zeros makes the label mean "at least k", which the
//! moves respect. Published zeros also tell the reader the most.

use super::StatsError;
use super::audit;
pub(crate) use super::certificate::Protection;
use super::certificate::{Certificate, find};
use super::moves::cheapest;
pub(crate) use super::status::Status;
use super::table::Table;

/// Suppresses the cells of `table` for threshold `k` (1, or at least 3).
pub(crate) fn protect_table(table: &Table, k: u64) -> Result<Protection, StatsError> {
    protect_cells(table, k, |_| true)
}

/// Suppresses the cells of the joint table `table` that `shown` says some
/// published table shows; the others are [`Status::Hidden`]. Certificates are
/// moves in the joint table, so they keep every equation of every linked table
/// true at once, and keep hidden cells at 0 or more.
pub(crate) fn protect_cells(
    table: &Table,
    k: u64,
    shown: impl Fn(usize) -> bool,
) -> Result<Protection, StatsError> {
    let mut status: Vec<Status> = table
        .counts
        .iter()
        .enumerate()
        .map(|(i, &n)| match () {
            _ if !shown(i) => Status::Hidden,
            _ if n >= 1 && n < k => Status::Primary,
            _ => Status::Published,
        })
        .collect();
    let mut certificates: Vec<Option<Certificate>> = vec![None; table.len()];

    // Greedy: give each primary cell the cheapest box; the box certifies all
    // its corners at once, including the cells it newly suppresses.
    for cell in 0..table.len() {
        if status[cell] != Status::Primary || certificates[cell].is_some() {
            continue;
        }
        let chosen = find(table, &status, k, cell, true)
            .ok_or_else(|| StatsError::Unprotectable(table.labels(cell).join(", ")))?;
        for (corner, _) in chosen.changes(table) {
            if status[corner] == Status::Hidden {
                continue;
            }
            if status[corner] == Status::Published {
                status[corner] = Status::Secondary;
            }
            certificates[corner].get_or_insert(chosen);
        }
    }

    let mut protection = Protection { status, certificates };
    clean_up(table, k, &mut protection);
    if !audit::certificates_hold(table, k, &protection) {
        return Err(StatsError::ProtectionCheckFailed);
    }
    Ok(protection)
}

/// Tries to publish secondary cells again, largest count first, keeping a
/// cell published only if every cell whose certificate used it finds another
/// certificate among the cells that stay suppressed. Only single boxes are
/// tried here: the two-box search is too slow to run for every candidate, and
/// failing only means the cell stays suppressed.
fn clean_up(table: &Table, k: u64, protection: &mut Protection) {
    let mut secondary: Vec<usize> =
        (0..table.len()).filter(|&i| protection.status[i] == Status::Secondary).collect();
    secondary.sort_by_key(|&i| (std::cmp::Reverse(table.counts[i]), i));
    for cell in secondary {
        protection.status[cell] = Status::Published;
        let dependants: Vec<usize> = (0..table.len())
            .filter(|&i| i != cell && protection.status[i] != Status::Published)
            .filter(|&i| protection.certificates[i].is_some_and(|c| c.touches(table, cell)))
            .collect();
        let mut replacements = Vec::with_capacity(dependants.len());
        for &i in &dependants {
            match cheapest(table, &protection.status, k, i, false).map(Certificate::single) {
                Some(m) => replacements.push((i, m)),
                None => break,
            }
        }
        if replacements.len() == dependants.len() {
            protection.certificates[cell] = None;
            for (i, m) in replacements {
                protection.certificates[i] = Some(m);
            }
        } else {
            protection.status[cell] = Status::Secondary;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::CountTable;
    use crate::stats::table::tests::{is_additive, sample};

    fn tables() -> Vec<CountTable> {
        // Deterministic pseudo-random 3-D tables with many small cells.
        let mut state = 7u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let mut out = vec![sample()];
        for _ in 0..30 {
            let rows: Vec<Vec<String>> = (0..40 + next() % 60)
                .map(|_| {
                    vec![format!("p{}", next() % 4), format!("f{}", next() % 3), format!("a{}", next() % 3)]
                })
                .collect();
            out.push(CountTable::from_rows(&["period", "form", "age_band"], rows).unwrap());
        }
        out
    }

    /// Applying any certificate to the true table keeps it additive and
    /// changes only suppressed cells: a second solution for the attacker.
    #[test]
    fn certificates_are_second_solutions() {
        let mut checked = 0;
        for counts in tables() {
            let table = Table::build(&counts).unwrap();
            for k in [3, 5] {
                let Ok(protection) = protect_table(&table, k) else { continue };
                for (cell, certificate) in protection.certificates.iter().enumerate() {
                    let Some(certificate) = certificate else {
                        assert_eq!(protection.status[cell], Status::Published);
                        continue;
                    };
                    let mut moved: Vec<i64> = table.counts.iter().map(|&n| n as i64).collect();
                    for (i, change) in certificate.changes(&table) {
                        assert_ne!(protection.status[i], Status::Published);
                        moved[i] += change;
                    }
                    assert_ne!(moved[cell], table.counts[cell] as i64);
                    assert!(is_additive(&table, &moved));
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} certificates checked");
    }

    #[test]
    fn audit_rejects_a_broken_pattern() {
        let (table, mut protection) = tables()
            .iter()
            .filter_map(|counts| {
                let table = Table::build(counts).unwrap();
                let protection = protect_table(&table, 3).ok()?;
                protection.status.contains(&Status::Secondary).then_some((table, protection))
            })
            .next()
            .unwrap();
        assert!(audit::certificates_hold(&table, 3, &protection));
        let hidden = (0..table.len()).find(|&i| protection.status[i] == Status::Secondary).unwrap();
        protection.status[hidden] = Status::Published;
        assert!(!audit::certificates_hold(&table, 3, &protection));
    }
}
