//! The list's state: all rows (newest first), which of them pass the search and filters,
//! and the selection. Only visible rows are ever rendered; search narrows incrementally.

use crate::domain::search::{self, Filters};
use crate::domain::{Catalogue, Summary};
use std::collections::HashMap;

#[derive(Default)]
pub struct ListModel {
    pub rows: Vec<Summary>,
    /// Indices into `rows` that pass the search and filters.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub query: String,
    pub searching: bool,
    /// Lower-cased full text per record id, filled in the background after unlock.
    pub texts: HashMap<String, String>,
    pub texts_complete: bool,
    /// Filters: index into the code list (None = all).
    pub form: Option<usize>,
    pub status: Option<usize>,
    pub urgency: Option<usize>,
    /// The query `shown` was computed for, so a longer query only narrows those rows.
    last_query: String,
    /// Rows still to check, and how far the check got: a search over 100k full texts runs
    /// in slices between keystrokes, so typing never waits for it.
    pending: Option<(Vec<usize>, usize)>,
    pub damaged: usize,
    /// Show the consultations received from others (adviser's side) instead of one's own.
    pub received_view: bool,
    pub received_count: usize,
    /// Own consultations marked (Space) to share together.
    pub marked: Vec<String>,
}

/// Rows checked per slice: at 100k full texts, a slice stays well under a frame (16 ms).
pub const SLICE: usize = 2_000;

fn cycle(v: Option<usize>, n: usize) -> Option<usize> {
    match v {
        None if n > 0 => Some(0),
        Some(i) if i + 1 < n => Some(i + 1),
        _ => None,
    }
}

fn code(list: &str, i: Option<usize>) -> Option<&'static str> {
    i.and_then(|i| Catalogue::builtin().list(list).0.get(i)).map(|c| c.id.as_str())
}

impl ListModel {
    pub fn set_rows(&mut self, rows: Vec<Summary>) {
        let keep = self.selected_id().map(str::to_string);
        self.rows = rows;
        self.received_count = self.rows.iter().filter(|s| s.received).count();
        self.set_view_for_counts();
        self.refilter(true);
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    /// Puts one saved row in place (replacing the row with its id, or inserted where the
    /// newest-first order puts it) and selects it. A save costs one row, not a pass over all
    /// of them: the indices in `shown` shift by one around the row, and only the new row is
    /// checked against the search and filters. Returns whether the row is shown.
    pub fn upsert(&mut self, row: Summary) -> bool {
        let views_before = (self.received_count > 0, self.received_count == self.rows.len());
        if let Some(i) = self.rows.iter().position(|s| s.id == row.id) {
            let old = self.rows.remove(i);
            self.received_count -= usize::from(old.received);
            if let Ok(p) = self.shown.binary_search(&i) {
                self.shown.remove(p);
            }
            for x in self.shown.iter_mut().filter(|x| **x > i) {
                *x -= 1;
            }
        }
        let at = self.rows.partition_point(|s| Summary::newest_first(s, &row).is_lt());
        self.received_count += usize::from(row.received);
        let q = self.last_query.clone();
        let hits = if q.is_empty() { Vec::new() } else { search::label_hits(&q) };
        let passes = self.passes(&row, &self.filters(), &q, &hits);
        self.rows.insert(at, row);
        for x in self.shown.iter_mut().filter(|x| **x >= at) {
            *x += 1;
        }
        let views_after = (self.received_count > 0, self.received_count == self.rows.len());
        if self.pending.is_some() || views_before != views_after {
            // A search halfway through its slices, or the first received case (the view
            // switch appears): the simple way, a new pass.
            let id = self.rows[at].id.clone();
            self.set_view_for_counts();
            self.refilter(true);
            self.finish();
            self.select_id(&id);
            return self.selected_id() == Some(id.as_str());
        }
        let p = self.shown.partition_point(|x| *x < at);
        if passes {
            self.shown.insert(p, at);
            self.selected = p;
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        passes
    }

    /// Own or received view when one of the two is empty (as after loading the rows).
    fn set_view_for_counts(&mut self) {
        if self.received_count == 0 {
            self.received_view = false;
        } else if self.received_count == self.rows.len() {
            self.received_view = true;
        }
    }

    /// Marks or unmarks the selected consultation for sharing together; own cases only.
    pub fn toggle_mark(&mut self) {
        if self.received_view {
            return;
        }
        if let Some(id) = self.selected_id().map(str::to_string) {
            match self.marked.iter().position(|m| *m == id) {
                Some(i) => {
                    self.marked.remove(i);
                }
                None => self.marked.push(id),
            }
        }
    }

    pub fn selected_id(&self) -> Option<&str> {
        self.shown.get(self.selected).and_then(|i| self.rows.get(*i)).map(|s| s.id.as_str())
    }

    pub fn select_id(&mut self, id: &str) {
        if let Some(p) = self.shown.iter().position(|i| self.rows.get(*i).is_some_and(|s| s.id == id)) {
            self.selected = p;
        }
    }

    pub fn cycle_form(&mut self) {
        self.form = cycle(self.form, Catalogue::builtin().list("form").0.len());
        self.refilter(true);
    }
    pub fn cycle_status(&mut self) {
        self.status = cycle(self.status, Catalogue::builtin().list("status").0.len());
        self.refilter(true);
    }
    pub fn cycle_urgency(&mut self) {
        self.urgency = cycle(self.urgency, Catalogue::builtin().list("urgency").0.len());
        self.refilter(true);
    }

    pub fn form_filter(&self) -> Option<&'static str> {
        code("form", self.form)
    }
    pub fn status_filter(&self) -> Option<&'static str> {
        code("status", self.status)
    }
    pub fn urgency_filter(&self) -> Option<&'static str> {
        code("urgency", self.urgency)
    }

    /// Switches between one's own and received consultations (when there are received ones).
    pub fn switch_view(&mut self) {
        if self.received_count > 0 {
            self.received_view = !self.received_view;
            self.selected = 0;
            self.offset = 0;
            self.refilter(true);
        }
    }

    /// Rows in the current view (own or received), before search and filters.
    pub fn view_total(&self) -> usize {
        if self.received_view { self.received_count } else { self.rows.len() - self.received_count }
    }

    fn passes(&self, s: &Summary, f: &Filters, q: &str, hits: &[&str]) -> bool {
        s.received == self.received_view
            && search::matches(s, f, q, hits, self.texts.get(&s.id).map(String::as_str))
    }

    /// The filter codes, looked up once per pass rather than once per row.
    fn filters(&self) -> Filters {
        Filters { form: self.form_filter(), status: self.status_filter(), urgency: self.urgency_filter() }
    }

    /// Recomputes `shown`. When only the query grew, only the rows that matched so far (and
    /// those not yet checked) are candidates. Checks the first slice at once; `step` the rest.
    pub fn refilter(&mut self, full: bool) {
        let q = self.query.to_lowercase();
        let unfiltered = self.form.is_none() && self.status.is_none() && self.urgency.is_none();
        if q.is_empty() && unfiltered && self.received_count == 0 {
            // Every row: no pass over the summaries needed. Otherwise even a filter on
            // summaries alone runs in slices: at 100k rows one pass takes ~10 ms.
            self.shown = (0..self.rows.len()).collect();
            self.pending = None;
            self.last_query = q;
            self.selected = self.selected.min(self.shown.len().saturating_sub(1));
            return;
        }
        let narrowing = !full && !self.last_query.is_empty() && q.starts_with(&self.last_query);
        let candidates: Vec<usize> = if narrowing {
            let mut c = std::mem::take(&mut self.shown);
            if let Some((rest, pos)) = self.pending.take() {
                c.extend(rest.get(pos..).unwrap_or_default());
            }
            c
        } else {
            (0..self.rows.len()).collect()
        };
        self.shown.clear();
        self.pending = Some((candidates, 0));
        self.last_query = q;
        self.step(SLICE);
    }

    /// Completes a pass at once, when a row must be found in it now (after an import).
    pub fn finish(&mut self) {
        while self.pending.is_some() {
            self.step(SLICE);
        }
    }

    pub fn scanning(&self) -> bool {
        self.pending.is_some()
    }

    /// Checks up to `n` more candidate rows against the search and filters.
    pub fn step(&mut self, n: usize) {
        let Some((cands, pos)) = self.pending.take() else { return };
        let end = (pos + n).min(cands.len());
        let q = self.last_query.clone();
        let hits = if q.is_empty() { Vec::new() } else { search::label_hits(&q) };
        let f = self.filters();
        for i in cands.get(pos..end).unwrap_or_default() {
            if self.rows.get(*i).is_some_and(|s| self.passes(s, &f, &q, &hits)) {
                self.shown.push(*i);
            }
        }
        if end < cands.len() {
            self.pending = Some((cands, end));
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }
    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.refilter(false);
    }

    pub fn backspace(&mut self) {
        self.query.pop();
        self.refilter(true);
    }

    /// Shows every consultation again: no search, no filters.
    pub fn clear_all(&mut self) {
        self.form = None;
        self.status = None;
        self.urgency = None;
        self.clear_search();
    }

    pub fn clear_search(&mut self) {
        self.query.clear();
        self.searching = false;
        self.refilter(true);
    }

    /// More full texts for search. A running search is redone only when all are in, so that
    /// loading does not restart it over and over.
    pub fn add_texts(&mut self, texts: Vec<(String, String)>, complete: bool) {
        self.texts.extend(texts);
        self.texts_complete = complete;
        if complete && !self.query.is_empty() {
            self.refilter(true);
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let max = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(max);
    }

    /// Keeps the selection inside a window of `height` rows; returns the first visible row.
    pub fn window(&self, height: usize) -> usize {
        let h = height.max(1);
        if self.selected < self.offset {
            self.selected
        } else if self.selected >= self.offset + h {
            self.selected + 1 - h
        } else {
            self.offset
        }
    }

    /// Forgets everything, overwriting the decrypted search texts first.
    pub fn clear(&mut self) {
        use zeroize::Zeroize;
        for text in self.texts.values_mut() {
            text.zeroize();
        }
        self.query.zeroize();
        *self = ListModel::default();
    }
}

#[cfg(test)]
mod tests {
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
}
