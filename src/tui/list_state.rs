//! The list's state: all rows (in the chosen order, newest first by default), which of them
//! pass the search and filters, and the selection. Only visible rows are ever rendered; search narrows incrementally.

use crate::domain::search::{self, Filters, SortBy};
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
    /// The order of `rows`.
    pub sort: SortBy,
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
        // The vault hands rows newest first: another order sorts them once here.
        if self.sort != SortBy::Date {
            let order = self.sort.order(&self.rows);
            self.reorder(&order);
        }
        self.received_count = self.rows.iter().filter(|s| s.received).count();
        self.set_view_for_counts();
        self.refilter(true);
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    /// Puts one saved row in place (replacing the row with its id, or inserted where the
    /// list's order puts it) and selects it. A save costs one row, not a pass over all
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
        let by = self.sort;
        let at = self.rows.partition_point(|s| by.cmp(s, &row).is_lt());
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

    /// Takes a deleted consultation out of the list (its row, search text and mark), one
    /// row's work like `upsert`; the selection moves to the row that took its place.
    pub fn remove(&mut self, id: &str) {
        use zeroize::Zeroize;
        self.marked.retain(|m| m != id);
        if let Some(mut t) = self.texts.remove(id) {
            t.zeroize();
        }
        let Some(i) = self.rows.iter().position(|s| s.id == id) else { return };
        let views_before = (self.received_count > 0, self.received_count == self.rows.len());
        let mut old = self.rows.remove(i);
        old.label.zeroize();
        old.preview.zeroize();
        self.received_count -= usize::from(old.received);
        if let Ok(p) = self.shown.binary_search(&i) {
            self.shown.remove(p);
        }
        for x in self.shown.iter_mut().filter(|x| **x > i) {
            *x -= 1;
        }
        let views_after = (self.received_count > 0, self.received_count == self.rows.len());
        if self.pending.is_some() || views_before != views_after {
            // A search halfway through its slices, or the last received case gone: a new pass.
            self.set_view_for_counts();
            self.refilter(true);
            self.finish();
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// The next order (date, urgency, departure, next action). The selection stays on the
    /// same consultation; the rows shown stay the same, only their order changes.
    pub fn cycle_sort(&mut self) {
        let keep = self.selected_id().map(str::to_string);
        self.sort = self.sort.next();
        let order = self.sort.order(&self.rows);
        // Where each old row went, so that `shown` follows without a new search pass.
        let mut new_pos = vec![0; order.len()];
        for (new, old) in order.iter().enumerate() {
            new_pos[*old] = new;
        }
        self.reorder(&order);
        if self.pending.is_some() {
            // A search halfway through its slices: checked again in the new order, at once,
            // so the selection can be found in it.
            self.refilter(true);
            self.finish();
        } else {
            for x in &mut self.shown {
                *x = new_pos[*x];
            }
            self.shown.sort_unstable();
        }
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    /// Puts the rows in `order` (for each new position, the old index).
    fn reorder(&mut self, order: &[usize]) {
        let mut rows: Vec<Option<Summary>> = std::mem::take(&mut self.rows).into_iter().map(Some).collect();
        self.rows = order.iter().filter_map(|old| rows.get_mut(*old).and_then(Option::take)).collect();
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

    /// Keeps the selection inside the list's window on a terminal with room for `page` rows
    /// (less the line of view tabs when there are received cases); returns the first row.
    pub fn window(&self, page: usize) -> usize {
        self.first_visible(page.saturating_sub(usize::from(self.received_count > 0)))
    }

    /// The first row to draw so that the selection is among `height` rows.
    pub fn first_visible(&self, height: usize) -> usize {
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
        // The kenmerk and the preview are personal text too.
        for row in &mut self.rows {
            row.label.zeroize();
            row.preview.zeroize();
        }
        self.query.zeroize();
        // The order is not personal: after an unlock the list is sorted as it was.
        let sort = self.sort;
        *self = ListModel::default();
        self.sort = sort;
    }
}

#[cfg(test)]
mod tests;
