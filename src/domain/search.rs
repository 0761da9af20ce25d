//! What the list's search and filters mean: which consultations a worker finds for a query
//! and a choice of form, status and urgency. The list applies these in slices; the rules are
//! here, once.

use super::catalogue::Catalogue;
use super::summary::Summary;

/// The filter codes (None = all), looked up once per pass rather than once per row.
pub struct Filters {
    pub form: Option<&'static str>,
    pub status: Option<&'static str>,
    pub urgency: Option<&'static str>,
}

/// Whether a consultation passes the filters and the (lower-cased) query `q`. A query
/// matches a form or status label (`hits`, from `label_hits`), a date or age band when it
/// starts with a digit, or the consultation's full text (`text`, lower-cased) anywhere.
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
    text.is_some_and(|t| t.contains(q))
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
}
