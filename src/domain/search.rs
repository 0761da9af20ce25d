//! What the list's search and filters mean: which consultations a worker finds for a query
//! and a choice of form, status and urgency. The list applies these in slices; the rules are
//! here, once.

use super::catalogue::Catalogue;
use super::date::Date;
use super::summary::Summary;
use std::cmp::Ordering;

/// The filter codes (None = all), looked up once per pass rather than once per row.
pub struct Filters {
    pub form: Option<&'static str>,
    pub status: Option<&'static str>,
    pub urgency: Option<&'static str>,
}

/// Whether a consultation passes the filters and the (lower-cased) query `q`. A query
/// matches a form or status label (`hits`, from `label_hits`), a date or age band when it
/// starts with a digit, the kenmerk, or the consultation's full text (`text`, lower-cased)
/// anywhere.
pub fn matches(s: &Summary, f: &Filters, q: &str, hits: &[&str], text: Option<&str>) -> bool {
    if f.form.is_some_and(|f| !s.forms.iter().any(|x| x == f)) {
        return false;
    }
    if f.status.is_some_and(|f| s.status != f) {
        return false;
    }
    if f.urgency.is_some_and(|f| s.urgency.as_deref() != Some(f)) {
        return false;
    }
    if q.is_empty() {
        return true;
    }
    if s.forms.iter().any(|f| hits.contains(&f.as_str())) || hits.contains(&s.status.as_str()) {
        return true;
    }
    if q.starts_with(|c: char| c.is_ascii_digit())
        && (s.consulted_on.dutch().contains(q) || s.age_band.contains(q))
    {
        return true;
    }
    if !s.label.is_empty() && s.label.to_lowercase().contains(q) {
        return true;
    }
    text.is_some_and(|t| t.contains(q))
}

/// The order of the list. Each order ends in the date order (newest first) and the id, so
/// that it is total: a saved row has exactly one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Newest consultation first.
    #[default]
    Date,
    /// Most urgent first (in the order of the urgency list), unclassified last.
    Urgency,
    /// Soonest planned departure first, none last.
    Departure,
    /// Earliest due date of an open follow-up first (overdue ones on top), none last.
    NextAction,
}

/// A row's place in an order: what the order is by, then the date (newest first), the
/// creation time (newest first), and the id's first eight bytes (in the order of the ids as
/// text; the whole id decides only when those are equal). Plain numbers, so 100,000 rows sort
/// without reading their summaries again.
pub type SortKey = (i64, i64, i64, u64);

/// The first eight bytes of an id as a number that sorts as the text does.
fn id_prefix(id: &str) -> u64 {
    let mut b = [0u8; 8];
    for (d, s) in b.iter_mut().zip(id.bytes()) {
        *d = s;
    }
    u64::from_be_bytes(b)
}

/// Earlier dates first, a missing one after every date.
fn soonest(d: Option<Date>) -> i64 {
    d.map_or(i64::MAX, |d| i64::from(chrono::Datelike::num_days_from_ce(&d.0)))
}

fn urgency_rank(u: Option<&str>) -> i64 {
    let list = &Catalogue::builtin().list("urgency").0;
    let i = u.and_then(|u| list.iter().position(|c| c.id == u)).unwrap_or(list.len());
    i64::try_from(i).unwrap_or(i64::MAX)
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [SortBy::Date, SortBy::Urgency, SortBy::Departure, SortBy::NextAction];

    /// The next order, for the key that cycles through them.
    pub fn next(self) -> SortBy {
        let i = SortBy::ALL.iter().position(|s| *s == self).unwrap_or(0);
        SortBy::ALL[(i + 1) % SortBy::ALL.len()]
    }

    /// The i18n key of the order's name.
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Date => "ui.sort.date",
            SortBy::Urgency => "ui.sort.urgency",
            SortBy::Departure => "ui.sort.departure",
            SortBy::NextAction => "ui.sort.next_action",
        }
    }

    /// A row's key in this order; rows with equal keys are ordered by the whole id.
    pub fn key(self, s: &Summary) -> SortKey {
        let first = match self {
            SortBy::Date => 0,
            SortBy::Urgency => urgency_rank(s.urgency.as_deref()),
            SortBy::Departure => soonest(s.departure),
            // What is due: a closed case's actions wait for nobody, so it goes with the rows
            // without one.
            SortBy::NextAction if s.status == "closed" => i64::MAX,
            SortBy::NextAction => soonest(s.next_due),
        };
        let day = i64::from(chrono::Datelike::num_days_from_ce(&s.consulted_on.0));
        (first, -day, -s.created.timestamp_millis(), id_prefix(&s.id))
    }

    /// Whether `a` comes before `b` in this order (`Less`): by key, then by id.
    pub fn cmp(self, a: &Summary, b: &Summary) -> Ordering {
        self.key(a).cmp(&self.key(b)).then_with(|| a.id.cmp(&b.id))
    }

    /// Sorts `rows` in this order: keys worked out once per row, then sorted as numbers.
    /// Returns, for each new position, the row's old index.
    pub fn order(self, rows: &[Summary]) -> Vec<usize> {
        let mut keyed: Vec<(SortKey, usize)> = rows.iter().map(|s| self.key(s)).zip(0..).collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| rows[a.1].id.cmp(&rows[b.1].id)));
        keyed.into_iter().map(|(_, i)| i).collect()
    }
}

/// The form and status codes whose Dutch or English label contains `q` (lower-cased).
pub fn label_hits(q: &str) -> Vec<&'static str> {
    let cat = Catalogue::builtin();
    ["form", "status"]
        .iter()
        .flat_map(|l| cat.list(l).0.iter())
        .filter(|c| c.nl.to_lowercase().contains(q) || c.en.to_lowercase().contains(q))
        .map(|c| c.id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Consultation, Date, Record};

    fn summary(forms: &[&str], status: &str) -> Summary {
        let mut c = Consultation::new(Date::parse_iso("2026-03-14").unwrap());
        c.forms = forms.iter().map(|f| f.to_string()).collect();
        c.status = status.into();
        let r = Record::new("x".into(), c, chrono::DateTime::UNIX_EPOCH);
        Summary::of(&r)
    }

    const ALL: Filters = Filters { form: None, status: None, urgency: None };

    #[test]
    fn a_query_finds_labels_dates_and_text() {
        let s = summary(&["abandonment"], "open");
        assert!(matches(&s, &ALL, "achterlat", &label_hits("achterlat"), None));
        assert!(matches(&s, &ALL, "14-03", &[], None));
        assert!(matches(&s, &ALL, "tante", &[], Some("de tante belde")));
        assert!(!matches(&s, &ALL, "tante", &[], None));
        // The kenmerk is found before the full texts are loaded, in any case.
        let mut s = s;
        s.label = "Casus Noord-2".into();
        assert!(matches(&s, &ALL, "noord", &[], None));
        assert!(!matches(&s, &ALL, "zuid", &[], None));
    }

    #[test]
    fn filters_narrow_before_the_query() {
        let s = summary(&["abandonment"], "open");
        let closed = Filters { status: Some("closed"), ..ALL };
        assert!(!matches(&s, &closed, "", &[], None));
        let fm = Filters { form: Some("forced_marriage"), ..ALL };
        assert!(!matches(&s, &fm, "tante", &[], Some("tante")));
        assert!(matches(&s, &Filters { form: Some("abandonment"), ..ALL }, "", &[], None));
    }

    #[test]
    fn every_order_is_total_and_puts_the_missing_last() {
        let d = |s: &str| Some(Date::parse_iso(s).unwrap());
        let mut rows: Vec<Summary> = (0..6)
            .map(|i| {
                let mut s = summary(&["abandonment"], "open");
                s.id = format!("r{i}");
                s
            })
            .collect();
        rows[0].urgency = Some("low".into());
        rows[1].urgency = Some("acute".into());
        rows[2].departure = d("2026-07-01");
        rows[3].departure = d("2026-06-01");
        rows[4].next_due = d("2026-02-01");
        rows[5].next_due = d("2026-01-15");
        rows[5].consulted_on = Date::parse_iso("2026-04-01").unwrap();
        let order = |by: SortBy| {
            let mut r = rows.clone();
            r.sort_by(|a, b| by.cmp(a, b));
            r.iter().map(|s| s.id.clone()).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(order(SortBy::Date), "r5 r0 r1 r2 r3 r4");
        assert_eq!(order(SortBy::Urgency), "r1 r0 r5 r2 r3 r4");
        assert_eq!(order(SortBy::Departure), "r3 r2 r5 r0 r1 r4");
        assert_eq!(order(SortBy::NextAction), "r5 r4 r0 r1 r2 r3");
        // A closed case's action, however early, comes after every open one that is due.
        let mut closed = rows.clone();
        closed[5].status = "closed".into();
        closed.sort_by(|a, b| SortBy::NextAction.cmp(a, b));
        assert_eq!(closed[0].id, "r4", "the only open case with an action due");
        assert_eq!(closed.last().map(|s| s.id.as_str()), Some("r3"), "r5 sorts among the rows without one");
        assert_ne!(closed[1].id, "r4");
        // Never two rows in one place, so a saved row lands at exactly one index.
        for by in SortBy::ALL {
            for a in &rows {
                for b in &rows {
                    assert_eq!(by.cmp(a, b) == Ordering::Equal, a.id == b.id);
                }
            }
        }
        assert_eq!(SortBy::NextAction.next(), SortBy::Date);
    }
}
