//! The list model: saves, sorting and the selection.

use super::*;
use crate::domain::{Consultation, Date, Record};

fn row(id: &str, date: &str) -> Summary {
    let c = Consultation::new(Date::parse_iso(date).unwrap());
    Summary::of(&Record::new(id.into(), c, chrono::DateTime::UNIX_EPOCH))
}

fn received(id: &str, date: &str) -> Summary {
    let mut s = row(id, date);
    s.received = true;
    s
}

/// After any sequence of saves, `shown` is what a full pass over the rows would give.
#[test]
fn saves_keep_the_shown_rows_equal_to_a_full_pass() {
    let mut l = ListModel::default();
    let mut rows: Vec<Summary> = (0..40)
        .map(|i| {
            if i % 7 == 0 {
                received(&format!("r{i}"), "2026-02-01")
            } else {
                row(&format!("o{i}"), "2026-01-01")
            }
        })
        .collect();
    for (i, r) in rows.iter_mut().enumerate() {
        r.consulted_on =
            crate::domain::Date::parse_iso(&format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28)).unwrap();
        r.status = if i % 3 == 0 { "closed".into() } else { "open".into() };
    }
    Summary::sort_newest_first(&mut rows);
    l.set_rows(rows);
    l.query = "gesl".into(); // "Gesloten": the closed ones
    l.refilter(true);
    l.finish();
    for (n, (id, date, status)) in [
        ("o1", "2026-12-01", "closed"),
        ("new1", "2026-06-15", "closed"),
        ("new2", "2026-06-15", "open"),
        ("o4", "2025-01-01", "open"),
        ("o5", "2026-07-07", "closed"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = row(id, date);
        r.status = status.into();
        r.created = chrono::DateTime::UNIX_EPOCH + chrono::Duration::seconds(n as i64);
        let shown = l.upsert(r);
        assert_eq!(shown, status == "closed", "{id}");
        if shown {
            assert_eq!(l.selected_id(), Some(id));
        }
        let incremental = l.shown.clone();
        l.refilter(true);
        l.finish();
        assert_eq!(incremental, l.shown, "after saving {id}");
    }
}

fn ids(l: &ListModel) -> Vec<&str> {
    l.shown.iter().map(|i| l.rows[*i].id.as_str()).collect()
}

#[test]
fn a_saved_row_lands_in_order_and_replaces_its_old_self() {
    let mut l = ListModel::default();
    l.set_rows(vec![row("c", "2026-03-01"), row("a", "2026-01-01")]);
    l.upsert(row("b", "2026-02-01"));
    assert_eq!(ids(&l), ["c", "b", "a"]);
    // An edit that moves the date replaces the row instead of adding one.
    l.upsert(row("a", "2026-04-01"));
    assert_eq!(ids(&l), ["a", "c", "b"]);
    // A filter still applies to the new row.
    l.query = "zzz".into();
    l.refilter(true);
    l.finish();
    l.upsert(row("d", "2026-05-01"));
    l.finish();
    assert!(ids(&l).is_empty());
}

/// Cycling the order keeps the selection on the same consultation and the same rows shown;
/// a save lands where the current order puts it, and equals a full pass.
#[test]
fn sorting_keeps_the_selection_and_saves_land_in_the_order() {
    let mut l = ListModel::default();
    let mut rows: Vec<Summary> = (0..30)
        .map(|i| {
            let mut s = row(&format!("o{i:02}"), &format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 27));
            s.urgency = ["acute", "high", "low"].get(i % 4).map(|u| u.to_string());
            if i % 3 == 0 {
                s.departure = Some(Date::parse_iso(&format!("2026-08-{:02}", 1 + i)).unwrap());
            }
            if i % 5 == 0 {
                s.next_due = Some(Date::parse_iso(&format!("2026-09-{:02}", 1 + i)).unwrap());
            }
            s.status = if i % 2 == 0 { "open".into() } else { "closed".into() };
            s
        })
        .collect();
    Summary::sort_newest_first(&mut rows);
    l.set_rows(rows);
    l.status = Some(0); // "open": a filter, so `shown` is a subset
    l.refilter(true);
    l.finish();
    l.move_by(4);
    let picked = l.selected_id().unwrap().to_string();
    let shown_before: std::collections::BTreeSet<String> = ids(&l).into_iter().map(String::from).collect();
    for by in [SortBy::Urgency, SortBy::Departure, SortBy::NextAction, SortBy::Date] {
        l.cycle_sort();
        assert_eq!(l.sort, by);
        assert_eq!(l.selected_id(), Some(picked.as_str()), "{by:?}");
        let now: std::collections::BTreeSet<String> = ids(&l).into_iter().map(String::from).collect();
        assert_eq!(now, shown_before, "{by:?}");
        // The rows are in the order, and `shown` too.
        assert!(l.rows.windows(2).all(|w| by.cmp(&w[0], &w[1]).is_lt()), "{by:?}");
        assert!(l.shown.windows(2).all(|w| w[0] < w[1]));
        let incremental = l.shown.clone();
        l.refilter(true);
        l.finish();
        assert_eq!(incremental, l.shown, "{by:?}");
    }
    l.cycle_sort(); // by urgency
    let mut new = row("new", "2025-01-01");
    new.urgency = Some("acute".into());
    assert!(l.upsert(new));
    assert_eq!(l.selected_id(), Some("new"));
    assert!(l.rows.windows(2).all(|w| SortBy::Urgency.cmp(&w[0], &w[1]).is_lt()));
    let incremental = l.shown.clone();
    l.refilter(true);
    l.finish();
    assert_eq!(incremental, l.shown);
}
