//! Linked tables protected together, and the multi-response forms table.
//!
//! Tables derived from the same consultations share cells: the per-quarter and
//! the per-form tables share the grand total, period x form and form x age band
//! share the form totals. Protected one by one, a cell hidden in one table can
//! be published in another or worked out by combining them. Here every table is
//! a face of one joint table over the union of their dimensions: a cell of a
//! published table is the joint cell with `TOTAL` on every dimension the table
//! lacks, so a cell shared by two tables is one joint cell with one status. The
//! joint cells that no table shows are hidden, known only to be at least 0.
//! Certificates are moves in the joint table: they keep every additivity
//! equation of every table true at once and every hidden cell at 0 or more,
//! so each one is a second whole-number solution of everything published.
//!
//! The multi-response table counts, per form, the consultations that involve it
//! (a consultation with two forms counts under both), so its cells do not add up
//! to the number of consultations. Its link to the other tables is by
//! inequalities: a form is involved in at least the consultations that have it
//! as primary form, and in at most those that have any form. A suppressed cell is
//! certified by one consultation that can gain or lose the form without changing
//! its primary form, which changes that cell and no other published number.

use super::counts::check_dimensions;
use super::export::{ProtectedCell, ProtectedTable, Suppression};
use super::status::fits;
use super::suppress::{Status, protect_cells};
use super::table::Table;
use super::{CountTable, Dimension, Period, StatsError, TOTAL};

/// How many consultations involve one form, and how many have it as primary form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormInvolvement {
    /// The form's code.
    pub form: String,
    /// Consultations that have this form among their forms.
    pub involving: u64,
    /// Consultations whose primary form this is (at most `involving`).
    pub primary: u64,
}

/// The counts behind the multi-response forms table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormsInput {
    /// One entry per form, in output order.
    pub forms: Vec<FormInvolvement>,
    /// Consultations with at least one form (the rest have primary form `unknown`).
    pub with_form: u64,
}

/// The protected linked tables, in the order requested, and the forms table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub tables: Vec<ProtectedTable>,
    /// The multi-response forms table, when requested.
    pub forms: Option<ProtectedTable>,
}

/// Protects `tables` (each one to three dimensions of `cube`) and, when `forms`
/// is given, the multi-response forms table, jointly: no suppressed cell of any
/// of them can be narrowed to one value from all published cells together.
///
/// `cube` holds the counts over at least the union of the tables' dimensions
/// (see [`CountTable::cube`]). The multi-response table's `TOTAL` is the number
/// of consultations, the grand total shared with the other tables.
pub fn protect_linked(
    cube: &CountTable,
    tables: &[Vec<Dimension>],
    forms: Option<&FormsInput>,
    k: u32,
    period: Period,
) -> Result<Linked, StatsError> {
    match k {
        0 => return Err(StatsError::ZeroThreshold),
        2 => return Err(StatsError::ThresholdTwo),
        _ => {}
    }
    if tables.is_empty() && forms.is_none() {
        return Err(StatsError::NoDimensions);
    }
    for (i, table) in tables.iter().enumerate() {
        check_dimensions(table)?;
        if let Some(d) = table.iter().find(|d| !cube.dimensions().contains(d)) {
            return Err(StatsError::UnknownDimension(d.to_string()));
        }
        if tables[..i].iter().any(|t| same_table(t, table)) {
            return Err(StatsError::DuplicateTable(join(table)));
        }
    }
    let (joint, protection) = joint_protection(cube, tables, forms.is_some(), u64::from(k))?;
    let grand = joint.len() - 1;
    let out = tables.iter().map(|t| ProtectedTable::linked(&joint, &protection, t, k, period)).collect();
    let forms = match forms {
        None => None,
        Some(input) => {
            let total = ProtectedCell {
                values: vec![TOTAL.to_string()],
                count: (protection.status[grand] == Status::Published).then_some(joint.counts[grand]),
                suppressed: match protection.status[grand] {
                    Status::Primary => Some(Suppression::Primary),
                    Status::Secondary => Some(Suppression::Secondary),
                    Status::Published | Status::Hidden => None,
                },
            };
            Some(protect_forms(input, joint.counts[grand], total, u64::from(k), k, period)?)
        }
    };
    Ok(Linked { tables: out, forms })
}

/// The joint table over the union of the tables' dimensions (in the cube's order) and its
/// protection; with `grand` the grand total counts as shown (the forms table's `TOTAL`).
pub(crate) fn joint_protection(
    cube: &CountTable,
    tables: &[Vec<Dimension>],
    grand: bool,
    k: u64,
) -> Result<(Table, super::suppress::Protection), StatsError> {
    let mut union: Vec<Dimension> =
        cube.dimensions().iter().copied().filter(|d| tables.iter().any(|t| t.contains(d))).collect();
    if union.is_empty() {
        union.push(*cube.dimensions().first().ok_or(StatsError::NoDimensions)?);
    }
    let joint = Table::joint(&cube.project(&union)?)?;
    let rank = joint.rank();
    let members: Vec<Vec<bool>> =
        tables.iter().map(|t| joint.dimensions.iter().map(|d| t.contains(d)).collect()).collect();
    let last = joint.len() - 1;
    let shown = |i: usize| {
        let c = joint.coords(i);
        (grand && i == last) || members.iter().any(|m| (0..rank).all(|d| m[d] || joint.is_total(d, c[d])))
    };
    let protection = protect_cells(&joint, k, shown)?;
    Ok((joint, protection))
}

fn same_table(a: &[Dimension], b: &[Dimension]) -> bool {
    a.len() == b.len() && a.iter().all(|d| b.contains(d))
}

fn join(dimensions: &[Dimension]) -> String {
    dimensions.iter().map(|d| d.name()).collect::<Vec<_>>().join(",")
}

/// Which way one consultation can move a form's multi-response count without
/// changing its primary form: `(down, up)`.
pub(crate) fn flips(f: &FormInvolvement, with_form: u64) -> (bool, bool) {
    (f.involving > f.primary, with_form > f.involving)
}

/// Whether a multi-response cell is safe as labelled: published cells follow the
/// threshold rule; a primary cell can move by one within 1..k-1 by a flip.
pub(crate) fn forms_cell_holds(f: &FormInvolvement, with_form: u64, k: u64, suppressed: bool) -> bool {
    if !suppressed {
        return f.involving == 0 || f.involving >= k;
    }
    let (down, up) = flips(f, with_form);
    (1..k).contains(&f.involving)
        && ((down && fits(Status::Primary, f.involving, k, false, -1))
            || (up && fits(Status::Primary, f.involving, k, false, 1)))
}

fn protect_forms(
    input: &FormsInput,
    consultations: u64,
    total: ProtectedCell,
    k: u64,
    threshold: u32,
    period: Period,
) -> Result<ProtectedTable, StatsError> {
    if input.with_form > consultations
        || input.forms.iter().any(|f| f.primary > f.involving || f.involving > input.with_form)
    {
        return Err(StatsError::InconsistentForms);
    }
    let mut cells = Vec::with_capacity(input.forms.len() + 1);
    for f in &input.forms {
        let suppressed = (1..k).contains(&f.involving);
        if !forms_cell_holds(f, input.with_form, k, suppressed) {
            return Err(StatsError::Unprotectable(format!("forms: {}", f.form)));
        }
        cells.push(ProtectedCell {
            values: vec![f.form.clone()],
            count: (!suppressed).then_some(f.involving),
            suppressed: suppressed.then_some(Suppression::Primary),
        });
    }
    cells.push(total);
    Ok(ProtectedTable::multi_response(cells, threshold, period))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(spec: &[(&str, &str, &str, u64)]) -> CountTable {
        let rows = spec.iter().flat_map(|(p, f, a, n)| {
            std::iter::repeat_n(vec![p.to_string(), f.to_string(), a.to_string()], *n as usize)
        });
        CountTable::cube(&["period", "form", "age_band"], rows).unwrap()
    }

    #[test]
    fn one_table_alone_is_the_single_table_protection() {
        let cube =
            rows(&[("q1", "a", "x", 3), ("q1", "b", "x", 9), ("q2", "a", "y", 8), ("q2", "b", "y", 2)]);
        let single = super::super::protect(
            &cube.project(&[Dimension::Period, Dimension::Form]).unwrap(),
            3,
            Period::Quarter,
        )
        .unwrap();
        let linked =
            protect_linked(&cube, &[vec![Dimension::Period, Dimension::Form]], None, 3, Period::Quarter)
                .unwrap();
        assert_eq!(linked.tables[0], single);
    }

    #[test]
    fn a_shared_cell_has_one_status_in_every_table() {
        let cube =
            rows(&[("q1", "a", "x", 1), ("q1", "b", "x", 9), ("q2", "b", "y", 8), ("q2", "b", "x", 6)]);
        let tables =
            vec![vec![Dimension::Period], vec![Dimension::Form], vec![Dimension::Form, Dimension::AgeBand]];
        let linked = protect_linked(&cube, &tables, None, 3, Period::Quarter).unwrap();
        // Form a (1 consultation) is primary in both tables that show it.
        let by_form = &linked.tables[1];
        let cross = &linked.tables[2];
        let a_alone = by_form.cells().iter().find(|c| c.values == ["a"]).unwrap();
        let a_total = cross.cells().iter().find(|c| c.values == ["a", TOTAL]).unwrap();
        assert_eq!(a_alone.suppressed, Some(Suppression::Primary));
        assert_eq!(a_total.suppressed, a_alone.suppressed);
        assert_eq!(
            linked.tables.iter().map(|t| t.cells().last().unwrap().count).collect::<Vec<_>>(),
            [Some(24); 3]
        );
    }

    /// Every certificate of a joint protection, applied to the true joint table, gives a
    /// second table that is additive, changes only suppressed or hidden cells, keeps hidden
    /// cells at 0 or more and changes the certified cell: a second solution for an attacker
    /// who sees all linked tables at once.
    #[test]
    fn joint_certificates_are_second_solutions() {
        use crate::stats::table::tests::is_additive;
        let mut state = 11u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let sets: [Vec<Vec<Dimension>>; 2] = [
            vec![vec![Dimension::Period], vec![Dimension::Form], vec![Dimension::AgeBand]],
            vec![vec![Dimension::Period, Dimension::Form], vec![Dimension::Form, Dimension::AgeBand]],
        ];
        let mut checked = 0;
        for round in 0..150 {
            let rows: Vec<Vec<String>> = (0..30 + next() % 200)
                .map(|_| {
                    let skew = |r: usize, n: usize| (r % (n * n)) / n;
                    vec![
                        format!("p{}", next() % 4),
                        format!("f{}", skew(next(), 4)),
                        format!("a{}", skew(next(), 3)),
                    ]
                })
                .collect();
            let cube = CountTable::cube(&["period", "form", "age_band"], rows).unwrap();
            let tables = &sets[round % 2];
            let Ok((joint, protection)) = joint_protection(&cube, tables, false, 3 + (round % 3) as u64)
            else {
                continue;
            };
            for (cell, certificate) in protection.certificates.iter().enumerate() {
                let Some(certificate) = certificate else { continue };
                let mut moved: Vec<i64> = joint.counts.iter().map(|&n| n as i64).collect();
                for (i, change) in certificate.changes(&joint) {
                    assert_ne!(protection.status[i], Status::Published);
                    moved[i] += change;
                    assert!(moved[i] >= 0);
                }
                assert_ne!(moved[cell], joint.counts[cell] as i64);
                assert!(is_additive(&joint, &moved));
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} certificates checked");
    }

    #[test]
    fn forms_table_flips_and_refusals() {
        let input = FormsInput {
            forms: vec![
                FormInvolvement { form: "fm".into(), involving: 20, primary: 18 },
                FormInvolvement { form: "fgm".into(), involving: 3, primary: 0 },
                FormInvolvement { form: "lgbti".into(), involving: 0, primary: 0 },
            ],
            with_form: 25,
        };
        let cube = CountTable::cube(&["form"], std::iter::repeat_n(vec!["fm".to_string()], 30)).unwrap();
        let linked = protect_linked(&cube, &[], Some(&input), 5, Period::Year).unwrap();
        let forms = linked.forms.unwrap();
        assert!(forms.is_multi_response());
        let counts: Vec<Option<u64>> = forms.cells().iter().map(|c| c.count).collect();
        assert_eq!(counts, [Some(20), None, Some(0), Some(30)]);
        // Every consultation with a form involves fgm and none has it as primary: it can
        // only move down; with 1 it cannot move at all within 1..k-1 upwards either.
        let pinned = FormsInput {
            forms: vec![FormInvolvement { form: "fgm".into(), involving: 1, primary: 1 }],
            with_form: 1,
        };
        assert_eq!(
            protect_linked(&cube, &[], Some(&pinned), 5, Period::Year).unwrap_err(),
            StatsError::Unprotectable("forms: fgm".into())
        );
        let wrong = FormsInput {
            forms: vec![FormInvolvement { form: "fgm".into(), involving: 1, primary: 2 }],
            with_form: 3,
        };
        assert_eq!(
            protect_linked(&cube, &[], Some(&wrong), 5, Period::Year).unwrap_err(),
            StatsError::InconsistentForms
        );
    }
}
