//! The statistics screen's state: exactly the tables the report would publish (k = 5),
//! protected together, with the period (quarter or year) and the forms view (primary form
//! or every form involved) the user chose, and a scroll position per panel. Built from
//! counts in memory; `update` changes only this state and returns effects as data.

use crate::publish::Range;
use crate::report::{self, display_cells};
use crate::stats::{Dimension, Period, ProtectedTable, TOTAL};
use crate::tui::action::{Cmd, Effect};

/// The threshold the screen uses: the export's default.
pub const K: u32 = 5;

/// Which form table the form panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormsView {
    /// One form per consultation: the primary form (hoofdvorm).
    Primary,
    /// Every form involved (multi-response; does not add up).
    All,
}

/// One panel: a bar per value in display order, `None` where the cell is suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub dimension: Dimension,
    pub multi_response: bool,
    pub bars: Vec<(String, Option<u64>)>,
    pub total: Option<u64>,
}

pub use super::action::StatsCounts;

#[derive(Debug, Clone)]
pub struct StatsView {
    counts: StatsCounts,
    pub period: Period,
    pub view: FormsView,
    /// Four panels (period, form, age band, urgency), or why nothing can be shown safely.
    pub charts: Result<Vec<Chart>, String>,
    pub counted: u64,
    /// The focused panel (Tab moves on) and each panel's first shown row.
    pub focus: usize,
    pub scroll: [usize; 4],
    /// Where an exported report goes (the folder of shared files) and its name's date.
    out_dir: std::path::PathBuf,
    today: chrono::NaiveDate,
}

fn chart(table: &ProtectedTable) -> Chart {
    let d = table.dimensions().first().copied().unwrap_or(Dimension::Form);
    let mut bars = Vec::new();
    let mut total = None;
    for cell in display_cells(table) {
        let v = cell.values.first().cloned().unwrap_or_default();
        if v == TOTAL {
            total = cell.count;
        } else {
            bars.push((v, cell.count));
        }
    }
    Chart { dimension: d, multi_response: table.is_multi_response(), bars, total }
}

impl StatsView {
    pub fn new(counts: StatsCounts, out_dir: &std::path::Path, today: chrono::NaiveDate) -> StatsView {
        let mut v = StatsView {
            out_dir: out_dir.to_path_buf(),
            today,
            counts,
            period: Period::Quarter,
            view: FormsView::Primary,
            charts: Ok(Vec::new()),
            counted: 0,
            focus: 0,
            scroll: [0; 4],
        };
        v.rebuild();
        v
    }

    fn rebuild(&mut self) {
        self.counted = self.counts.months.total();
        let built = report::build(&self.counts.months, &self.counts.forms, K, self.period, Range::default());
        self.charts = built
            .map(|r| {
                let mut charts: Vec<Chart> = r.tables.iter().map(chart).collect();
                if self.view == FormsView::All
                    && let Some(slot) = charts.get_mut(1)
                {
                    *slot = chart(&r.forms);
                }
                charts
            })
            .map_err(|e| e.to_string());
        self.scroll = [0; 4];
    }

    /// Applies a command; the export is the only effect.
    pub fn update(&mut self, cmd: Cmd) -> Vec<Effect> {
        match cmd {
            Cmd::NextField => self.focus = (self.focus + 1) % 4,
            Cmd::PrevField => self.focus = (self.focus + 3) % 4,
            Cmd::Down => self.scroll[self.focus] = (self.scroll[self.focus] + 1).min(self.rows(self.focus)),
            Cmd::Up => self.scroll[self.focus] = self.scroll[self.focus].saturating_sub(1),
            Cmd::PageDown => {
                self.scroll[self.focus] = (self.scroll[self.focus] + 10).min(self.rows(self.focus))
            }
            Cmd::PageUp => self.scroll[self.focus] = self.scroll[self.focus].saturating_sub(10),
            Cmd::StatsPeriod => {
                self.period = if self.period == Period::Quarter { Period::Year } else { Period::Quarter };
                self.rebuild();
            }
            Cmd::StatsForms => {
                self.view = if self.view == FormsView::Primary { FormsView::All } else { FormsView::Primary };
                self.rebuild();
            }
            Cmd::Export => {
                let name = format!("rapport-statistiek-{}.html", self.today.format("%Y-%m-%d"));
                return vec![Effect::ExportReport { period: self.period, out: self.out_dir.join(name) }];
            }
            _ => {}
        }
        vec![]
    }

    fn rows(&self, panel: usize) -> usize {
        self.charts.as_ref().ok().and_then(|c| c.get(panel)).map_or(0, |c| c.bars.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo;

    fn counts(n: usize) -> StatsCounts {
        let mut c = StatsCounts::default();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        for mut consultation in demo::generate(n, 5, today) {
            consultation.consent.statistics = "yes".into();
            c.months.add(&consultation);
            c.forms.add(&consultation);
        }
        c
    }

    #[test]
    fn urgency_in_natural_order_and_one_unknown() {
        let v = StatsView::new(counts(600), std::path::Path::new("/out"), chrono::NaiveDate::default());
        let charts = v.charts.as_ref().unwrap();
        let urgency: Vec<&str> = charts[3].bars.iter().map(|b| b.0.as_str()).collect();
        let order = ["acute", "high", "medium", "low", "unknown"];
        let mut ranks: Vec<usize> =
            urgency.iter().map(|u| order.iter().position(|o| o == u).unwrap()).collect();
        let sorted = {
            ranks.sort_unstable();
            ranks.clone()
        };
        assert_eq!(ranks, sorted);
    }

    #[test]
    fn period_and_forms_view_switch_and_export_is_an_effect() {
        let mut v = StatsView::new(counts(600), std::path::Path::new("/out"), chrono::NaiveDate::default());
        let quarters = v.charts.as_ref().unwrap()[0].bars.len();
        v.update(Cmd::StatsPeriod);
        assert_eq!(v.period, Period::Year);
        let years = v.charts.as_ref().unwrap()[0].bars.len();
        assert!(years < quarters, "{years} years, {quarters} quarters");
        assert!(!v.charts.as_ref().unwrap()[1].multi_response);
        v.update(Cmd::StatsForms);
        assert!(v.charts.as_ref().unwrap()[1].multi_response);
        assert!(matches!(
            v.update(Cmd::Export).as_slice(),
            [Effect::ExportReport { period: Period::Year, .. }]
        ));
        v.update(Cmd::NextField);
        v.update(Cmd::Down);
        assert_eq!((v.focus, v.scroll[1]), (1, 1));
    }
}
