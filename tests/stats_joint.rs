//! An independent attacker on linked tables: for every suppressed cell of any table,
//! solve min and max of it as an integer program over all published cells of all tables
//! together (a cell shared by two tables is one unknown), every additivity equation of
//! every table, counts whole and at least 0, primary cells in 1..k-1; and for the
//! multi-response forms table the inequalities that link it to the others (a form is
//! involved in at least the consultations that have it as primary form, in at most those
//! that have any form, and every consultation with a form involves at least one).
//! Requires min < max.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap};

use consultlog::stats::{
    CountTable, Dimension, FormInvolvement, FormsInput, Period, ProtectedTable, StatsError, Suppression,
    TOTAL, protect, protect_linked,
};
use good_lp::{Expression, Solution, SolverModel, Variable, constraint, microlp, variable, variables};

/// A cell of the joint table: the value on each dimension a table has (others TOTAL).
type Key = BTreeMap<Dimension, String>;

fn key(table: &ProtectedTable, values: &[String]) -> Key {
    table.dimensions().iter().zip(values).filter(|(_, v)| *v != TOTAL).map(|(d, v)| (*d, v.clone())).collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Known {
    Count(u64),
    Primary,
    Secondary,
}

/// The attacker's view of all tables: each joint cell once; a cell published in one table
/// and suppressed in another is a leak in itself.
struct View {
    cells: Vec<(Key, Known, String)>,
    index: HashMap<Key, usize>,
    equations: Vec<(usize, Vec<usize>)>,
    /// Suppressed multi-response cells: (form, index into `cells`-like extra vars).
    forms: Vec<(String, Known)>,
}

fn view(tables: &[ProtectedTable], forms: Option<&ProtectedTable>) -> Result<View, String> {
    let mut cells: Vec<(Key, Known, String)> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut equations = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let rank = table.dimensions().len();
        let mut levels: Vec<Vec<String>> = vec![Vec::new(); rank];
        for cell in table.cells() {
            let k = key(table, &cell.values);
            let known = match (cell.count, cell.suppressed) {
                (Some(n), _) => Known::Count(n),
                (None, Some(Suppression::Primary)) => Known::Primary,
                (None, _) => Known::Secondary,
            };
            match index.get(&k) {
                Some(&i) if cells[i].1 != known => {
                    return Err(format!("cell {:?} is shown differently in two tables", cell.values));
                }
                Some(_) => {}
                None => {
                    index.insert(k.clone(), cells.len());
                    cells.push((k, known, format!("t{t}:{}", cell.values.join("/"))));
                }
            }
            for (d, v) in cell.values.iter().enumerate() {
                if v != TOTAL && !levels[d].contains(v) {
                    levels[d].push(v.clone());
                }
            }
        }
        for cell in table.cells() {
            for d in 0..rank {
                if cell.values[d] == TOTAL {
                    let parts = levels[d]
                        .iter()
                        .map(|v| {
                            let mut values = cell.values.clone();
                            values[d] = v.clone();
                            index[&key(table, &values)]
                        })
                        .collect();
                    equations.push((index[&key(table, &cell.values)], parts));
                }
            }
        }
    }
    let forms = forms
        .map(|f| {
            f.cells()
                .iter()
                .filter(|c| c.values[0] != TOTAL)
                .map(|c| {
                    let known = match (c.count, c.suppressed) {
                        (Some(n), _) => Known::Count(n),
                        (None, Some(Suppression::Primary)) => Known::Primary,
                        (None, _) => Known::Secondary,
                    };
                    (c.values[0].clone(), known)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(View { cells, index, equations, forms })
}

/// Labels of suppressed cells (of any table, or of the forms table) pinned to one value.
fn leaks(v: &View, k: u64, secondary_at_least_k: bool) -> Vec<String> {
    let upper = v
        .cells
        .iter()
        .filter_map(|c| if let Known::Count(n) = c.1 { Some(n) } else { None })
        .max()
        .unwrap_or(0) as f64
        * 4.0
        + 100.0;
    let mut out = Vec::new();
    for target in 0..v.cells.len() + v.forms.len() {
        let suppressed = match target.checked_sub(v.cells.len()) {
            None => v.cells[target].1 != Known::Count(0) && !matches!(v.cells[target].1, Known::Count(_)),
            Some(f) => !matches!(v.forms[f].1, Known::Count(_)),
        };
        if !suppressed {
            continue;
        }
        let low = solve(v, k, secondary_at_least_k, upper, target, false);
        let high = solve(v, k, secondary_at_least_k, upper, target, true);
        match (low, high) {
            (Some(l), Some(h)) if h - l > 0.5 => {}
            _ => out.push(match target.checked_sub(v.cells.len()) {
                None => v.cells[target].2.clone(),
                Some(f) => format!("forms:{}", v.forms[f].0),
            }),
        }
    }
    out
}

fn solve(
    v: &View,
    k: u64,
    secondary_at_least_k: bool,
    upper: f64,
    target: usize,
    maximise: bool,
) -> Option<f64> {
    let mut vars = variables!();
    let mut bounded = |known: Known| -> Option<Variable> {
        match known {
            Known::Count(_) => None,
            Known::Primary => Some(vars.add(variable().integer().min(1).max(k as f64 - 1.0))),
            Known::Secondary => {
                let min = if secondary_at_least_k { k as f64 } else { 0.0 };
                Some(vars.add(variable().integer().min(min).max(upper)))
            }
        }
    };
    let x: Vec<Option<Variable>> = v.cells.iter().map(|c| bounded(c.1)).collect();
    let y: Vec<Option<Variable>> = v.forms.iter().map(|f| bounded(f.1)).collect();
    let term = |i: usize| -> Expression {
        match (x[i], v.cells[i].1) {
            (Some(var), _) => var.into(),
            (None, Known::Count(n)) => Expression::from(n as f64),
            (None, _) => Expression::from(0.0),
        }
    };
    let form_term = |f: usize| -> Expression {
        match (y[f], v.forms[f].1) {
            (Some(var), _) => var.into(),
            (None, Known::Count(n)) => Expression::from(n as f64),
            (None, _) => Expression::from(0.0),
        }
    };
    let objective: Expression = match target.checked_sub(v.cells.len()) {
        None => x[target]?.into(),
        Some(f) => y[f]?.into(),
    };
    let mut problem = if maximise {
        vars.maximise(objective).using(microlp)
    } else {
        vars.minimise(objective).using(microlp)
    };
    for (total, parts) in &v.equations {
        let sum: Expression = parts.iter().map(|&p| term(p)).sum();
        problem = problem.with(constraint!(term(*total) == sum));
    }
    if !v.forms.is_empty() {
        // Consultations with a form: all, less those whose primary form is unknown (when
        // the primary-form table shows that).
        let grand = v.index.get(&Key::new()).copied();
        let all: Expression = grand.map_or_else(|| Expression::from(upper), term);
        let unknown = Key::from([(Dimension::Form, "unknown".to_string())]);
        let with_form: Expression = match v.index.get(&unknown) {
            Some(&u) => all - term(u),
            None => all,
        };
        let mut sum = Expression::from(0.0);
        for (f, (form, _)) in v.forms.iter().enumerate() {
            let primary = Key::from([(Dimension::Form, form.clone())]);
            if let Some(&p) = v.index.get(&primary) {
                problem = problem.with(constraint!(form_term(f) >= term(p)));
            }
            problem = problem.with(constraint!(form_term(f) <= with_form.clone()));
            sum += form_term(f);
        }
        problem = problem.with(constraint!(sum >= with_form));
    }
    let solution = problem.solve().ok()?;
    Some(match target.checked_sub(v.cells.len()) {
        None => solution.value(x[target]?),
        Some(f) => solution.value(y[f]?),
    })
}

/// Fictional consultations: (quarter, primary form, age band, urgency, forms involved).
fn consultations(
    rng: &mut StdRng,
    n: usize,
    quarters: usize,
) -> Vec<(String, String, String, String, Vec<String>)> {
    let forms = [
        "forced_marriage",
        "abandonment",
        "honour_based_violence",
        "female_genital_mutilation",
        "human_trafficking",
    ];
    let ages = ["12-15", "16-17", "18-22", "23+", "unknown"];
    let urgencies = ["acute", "high", "medium", "low", "unknown"];
    (0..n)
        .map(|_| {
            // Skewed: the first values are much more frequent.
            let skew =
                |rng: &mut StdRng, len: usize| (rng.gen_range(0.0f64..1.0).powi(2) * len as f64) as usize;
            let mut involved: Vec<String> = Vec::new();
            if rng.gen_range(0..10) > 0 {
                involved.push(forms[skew(rng, forms.len())].to_string());
                while rng.gen_range(0..4) == 0 {
                    let f = forms[rng.gen_range(0..forms.len())].to_string();
                    if !involved.contains(&f) {
                        involved.push(f);
                    }
                }
            }
            let primary = involved.first().cloned().unwrap_or_else(|| "unknown".to_string());
            (
                format!("2025-Q{}", 1 + rng.gen_range(0..quarters)),
                primary,
                ages[skew(rng, ages.len())].to_string(),
                urgencies[skew(rng, urgencies.len())].to_string(),
                involved,
            )
        })
        .collect()
}

fn cube(rows: &[(String, String, String, String, Vec<String>)]) -> CountTable {
    let rows = rows.iter().map(|r| vec![r.0.clone(), r.1.clone(), r.2.clone(), r.3.clone()]);
    CountTable::cube(&["period", "form", "age_band", "urgency"], rows).unwrap()
}

fn forms_input(rows: &[(String, String, String, String, Vec<String>)]) -> FormsInput {
    let codes = [
        "forced_marriage",
        "abandonment",
        "honour_based_violence",
        "female_genital_mutilation",
        "human_trafficking",
        "lgbti_violence",
    ];
    FormsInput {
        forms: codes
            .iter()
            .map(|f| FormInvolvement {
                form: f.to_string(),
                involving: rows.iter().filter(|r| r.4.iter().any(|x| x == f)).count() as u64,
                primary: rows.iter().filter(|r| r.1 == *f).count() as u64,
            })
            .collect(),
        with_form: rows.iter().filter(|r| !r.4.is_empty()).count() as u64,
    }
}

const REPORT: [Dimension; 4] = [Dimension::Period, Dimension::Form, Dimension::AgeBand, Dimension::Urgency];

fn audit_linked(tables: &[Vec<Dimension>], with_forms: bool, seed: u64, sizes: &[usize]) -> (usize, usize) {
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut protected, mut refused) = (0, 0);
    for &n in sizes {
        let rows = consultations(&mut rng, n, 4);
        let input = forms_input(&rows);
        for k in [3u32, 5] {
            let linked = match protect_linked(
                &cube(&rows),
                tables,
                with_forms.then_some(&input),
                k,
                Period::Quarter,
            ) {
                Ok(l) => l,
                Err(StatsError::Unprotectable(_)) => {
                    refused += 1;
                    continue;
                }
                Err(e) => panic!("{e}"),
            };
            protected += 1;
            for t in linked.tables.iter().chain(&linked.forms) {
                for c in t.cells() {
                    if let Some(v) = c.count {
                        assert!(v == 0 || v >= u64::from(k), "{:?} breaks the threshold", c.values);
                    }
                }
            }
            let v = view(&linked.tables, linked.forms.as_ref()).unwrap();
            for at_least_k in [false, true] {
                let found = leaks(&v, u64::from(k), at_least_k);
                assert!(found.is_empty(), "seed {seed}, {n} consultations, k = {k}: {found:?} narrowable");
            }
        }
    }
    (protected, refused)
}

#[test]
fn the_reports_tables_together_do_not_leak() {
    let tables: Vec<Vec<Dimension>> = REPORT.iter().map(|d| vec![*d]).collect();
    let mut protected = 0;
    for seed in 1..=4 {
        // Sparse (12, 25 consultations) up to a few hundred.
        protected += audit_linked(&tables, true, seed, &[12, 25, 60, 150, 400]).0;
    }
    assert!(protected >= 20, "only {protected} reports could be protected");
}

#[test]
fn overlapping_two_dimensional_tables_do_not_leak() {
    let tables = vec![
        vec![Dimension::Period, Dimension::Form],
        vec![Dimension::Form, Dimension::AgeBand],
        vec![Dimension::AgeBand, Dimension::Urgency],
    ];
    let mut protected = 0;
    for seed in 10..=12 {
        protected += audit_linked(&tables, false, seed, &[40, 120, 300]).0;
    }
    assert!(protected >= 6, "only {protected} table sets could be protected");
}

/// The attacker is not blind: tables protected one by one leak once they are combined.
#[test]
fn tables_protected_one_by_one_leak_when_combined() {
    let tables = [vec![Dimension::Period, Dimension::Form], vec![Dimension::Form, Dimension::AgeBand]];
    let mut rng = StdRng::seed_from_u64(99);
    for _ in 0..200 {
        let rows = consultations(&mut rng, 60, 3);
        let c = cube(&rows);
        let alone: Result<Vec<ProtectedTable>, _> =
            tables.iter().map(|t| protect(&c.project(t).unwrap(), 5, Period::Quarter)).collect();
        let Ok(alone) = alone else { continue };
        let found = match view(&alone, None) {
            Err(_) => true,
            Ok(v) => !leaks(&v, 5, false).is_empty(),
        };
        if found {
            return;
        }
    }
    panic!("no combination of separately protected tables leaked: the attacker may be blind");
}
