//! An independent attacker: for every suppressed cell, solve the integer
//! program "min / max of this cell subject to the published counts, every
//! additivity equation of the table, counts whole and >= 0, primary cells in
//! 1..k-1" and require that the range holds at least two values.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

use consultlog::stats::{CountTable, Period, ProtectedCell, Suppression, TOTAL, protect};
use good_lp::{Expression, Solution, SolverModel, Variable, constraint, microlp, variable, variables};

/// What the attacker assumes about a secondary cell.
#[derive(Clone, Copy)]
enum Model {
    /// The brief's model: a secondary cell is only known to be >= 0.
    AtLeastZero,
    /// Stronger: the label says "not primary" and zeros are never suppressed, so >= k.
    AtLeastK,
}

/// Returns the labels of suppressed cells whose integer range is a single value.
fn leaks(cells: &[ProtectedCell], k: u64, model: Model) -> Vec<String> {
    let rank = cells[0].values.len();
    let index: HashMap<&[String], usize> =
        cells.iter().enumerate().map(|(i, c)| (c.values.as_slice(), i)).collect();
    let mut levels: Vec<Vec<String>> = vec![Vec::new(); rank];
    for cell in cells {
        for (d, v) in cell.values.iter().enumerate() {
            if v != TOTAL && !levels[d].contains(v) {
                levels[d].push(v.clone());
            }
        }
    }
    // Every TOTAL equals the sum of the cells it covers, on every dimension.
    let mut equations: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        for d in 0..rank {
            if cell.values[d] == TOTAL {
                let parts = levels[d]
                    .iter()
                    .map(|v| {
                        let mut key = cell.values.clone();
                        key[d] = v.clone();
                        index[key.as_slice()]
                    })
                    .collect();
                equations.push((i, parts));
            }
        }
    }
    let upper = cells.iter().filter_map(|c| c.count).max().unwrap_or(0) as f64 * 4.0 + 100.0;
    let mut leaking = Vec::new();
    for (target, cell) in cells.iter().enumerate() {
        if cell.suppressed.is_none() {
            continue;
        }
        let low = solve(cells, &equations, k, model, upper, target, false);
        let high = solve(cells, &equations, k, model, upper, target, true);
        match (low, high) {
            (Some(l), Some(h)) if h - l > 0.5 => {}
            _ => leaking.push(cell.values.join("/")),
        }
    }
    leaking
}

fn solve(
    cells: &[ProtectedCell],
    equations: &[(usize, Vec<usize>)],
    k: u64,
    model: Model,
    upper: f64,
    target: usize,
    maximise: bool,
) -> Option<f64> {
    let mut vars = variables!();
    let x: Vec<Option<Variable>> = cells
        .iter()
        .map(|c| match c.suppressed {
            None => None,
            Some(Suppression::Primary) => Some(vars.add(variable().integer().min(1).max(k as f64 - 1.0))),
            Some(Suppression::Secondary) => {
                let min = match model {
                    Model::AtLeastZero => 0.0,
                    Model::AtLeastK => k as f64,
                };
                Some(vars.add(variable().integer().min(min).max(upper)))
            }
        })
        .collect();
    let term = |i: usize| -> Expression {
        match x[i] {
            Some(v) => v.into(),
            None => Expression::from(cells[i].count.unwrap_or(0) as f64),
        }
    };
    let objective: Expression = x[target]?.into();
    let mut problem = if maximise {
        vars.maximise(objective).using(microlp)
    } else {
        vars.minimise(objective).using(microlp)
    };
    for (total, parts) in equations {
        if x[*total].is_none() && parts.iter().all(|&p| x[p].is_none()) {
            continue;
        }
        let sum: Expression = parts.iter().map(|&p| term(p)).sum();
        problem = problem.with(constraint!(term(*total) == sum));
    }
    let solution = problem.solve().ok()?;
    Some(solution.value(x[target]?))
}

const DIMS: [&str; 3] = ["period", "form", "age_band"];

/// A random table with many small cells: each inner cell gets 0, a small count
/// or a larger one.
fn random_counts(rng: &mut StdRng, rank: usize) -> CountTable {
    let sizes: Vec<u64> = (0..rank).map(|_| 2 + rng.gen_range(0..if rank == 3 { 2 } else { 3 })).collect();
    let mut rows = Vec::new();
    let cells: u64 = sizes.iter().product();
    for n in 0..cells {
        let mut rest = n;
        let key: Vec<String> = sizes
            .iter()
            .map(|s| {
                let v = rest % s;
                rest /= s;
                format!("v{v}")
            })
            .collect();
        let count = match rng.gen_range(0..6) {
            0 => 0,
            1..=3 => 1 + rng.gen_range(0..4),
            _ => 1 + rng.gen_range(0..12),
        };
        for _ in 0..count {
            rows.push(key.clone());
        }
    }
    if rows.is_empty() {
        rows.push(vec!["v0".to_string(); rank]);
    }
    CountTable::from_rows(&DIMS[..rank], rows).expect("valid rows")
}

fn audit_random(rank: usize, tables: usize, seed: u64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut protected = 0;
    for t in 0..tables {
        let counts = random_counts(&mut rng, rank);
        let k = [3u32, 4, 5][t % 3];
        let table = match protect(&counts, k, Period::Quarter) {
            Ok(table) => table,
            // A few tiny tables cannot be protected at all; the error is the safe answer.
            Err(consultlog::stats::StatsError::Unprotectable(_)) => continue,
            Err(e) => panic!("{e}"),
        };
        protected += 1;
        for cell in table.cells() {
            if let Some(n) = cell.count {
                assert!(n == 0 || n >= u64::from(k), "published cell {:?} breaks the threshold", cell.values);
            }
        }
        for model in [Model::AtLeastZero, Model::AtLeastK] {
            let leaking = leaks(table.cells(), u64::from(k), model);
            assert!(leaking.is_empty(), "table {t} (k = {k}) leaks {leaking:?}");
        }
    }
    assert!(protected * 10 >= tables * 8, "only {protected} of {tables} tables could be protected");
}

#[test]
fn random_one_dimensional_tables_do_not_leak() {
    audit_random(1, 150, 1);
}

#[test]
fn random_two_dimensional_tables_do_not_leak() {
    audit_random(2, 120, 2);
}

#[test]
fn random_three_dimensional_tables_do_not_leak() {
    audit_random(3, 80, 3);
}

/// A 3x3x3 table whose primary cells form the complement of a Latin square:
/// every line of the table holds exactly two of them, so "two suppressed cells
/// per row and column" looks safe, yet the only way to change them without
/// breaking a total moves all of them by one in opposite directions, which
/// the bound "primary cells hold at least 1" forbids.
fn latin_counts() -> CountTable {
    let mut rows = Vec::new();
    for i in 0..3 {
        for j in 0..3 {
            for l in 0..3 {
                let count = if l == (i + j) % 3 { 20 } else { 1 };
                for _ in 0..count {
                    rows.push(vec![format!("p{i}"), format!("f{j}"), format!("a{l}")]);
                }
            }
        }
    }
    CountTable::from_rows(&DIMS, rows).expect("valid rows")
}

#[test]
fn two_per_line_pattern_leaks_but_protect_does_not() {
    let counts = latin_counts();
    // With k = 1 nothing is suppressed: take those cells and hide only the
    // primary ones, as a two-per-line rule would.
    let plain = protect(&counts, 1, Period::Quarter).expect("k = 1 always works");
    let naive: Vec<ProtectedCell> = plain
        .cells()
        .iter()
        .map(|c| match c.count {
            Some(n) if (1..5).contains(&n) => ProtectedCell {
                values: c.values.clone(),
                count: None,
                suppressed: Some(Suppression::Primary),
            },
            _ => c.clone(),
        })
        .collect();
    assert_eq!(naive.iter().filter(|c| c.suppressed.is_some()).count(), 18);
    assert_eq!(leaks(&naive, 5, Model::AtLeastZero).len(), 18, "the attacker must break the naive pattern");

    let table = protect(&counts, 5, Period::Quarter).expect("protectable");
    let hidden = table.cells().iter().filter(|c| c.suppressed.is_some()).count();
    assert!(hidden > 18, "secondary suppression is needed");
    assert!(leaks(table.cells(), 5, Model::AtLeastZero).is_empty());
    assert!(leaks(table.cells(), 5, Model::AtLeastK).is_empty());
}

#[test]
fn leaky_marginal_is_caught_by_the_audit() {
    // One small cell hidden in a row whose total is published: exact disclosure.
    let rows = [["a"; 1]; 3]
        .iter()
        .map(|r| r.map(String::from).to_vec())
        .chain(std::iter::repeat_n(vec!["b".to_string()], 9));
    let counts = CountTable::from_rows(&["form"], rows.collect::<Vec<_>>()).expect("valid rows");
    let plain = protect(&counts, 1, Period::Year).expect("k = 1");
    let mut naive = plain.cells().to_vec();
    naive[0].count = None;
    naive[0].suppressed = Some(Suppression::Primary);
    assert_eq!(leaks(&naive, 5, Model::AtLeastZero), ["a"]);
    let table = protect(&counts, 5, Period::Year).expect("protectable");
    assert!(leaks(table.cells(), 5, Model::AtLeastZero).is_empty());
}
