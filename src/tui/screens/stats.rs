//! The statistics screen: four panels of what the report would publish, protected together,
//! suppressed cells marked. A read-only view of `StatsView`; a panel whose rows do not fit
//! scrolls (Tab chooses the panel, ↑/↓ scroll) and says how many rows are above and below.

use crate::i18n::{Lang, t, tf};
use crate::report::value_label;
use crate::stats::{Dimension, Period};
use crate::tui::app::App;
use crate::tui::stats_view::{Chart, FormsView, K, StatsView};
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

fn title(lang: Lang, v: &StatsView, c: &Chart) -> String {
    let key = match c.dimension {
        _ if c.multi_response => "stats.title.forms".to_string(),
        Dimension::Period => format!("stats.title.period_{}", v.period.name()),
        d => format!("stats.title.{}", d.name()),
    };
    t(lang, &key).to_string()
}

fn suppressed(lang: Lang) -> Span<'static> {
    Span::styled(format!("× {}", t(lang, "ui.stats.suppressed")), theme::warn())
}

/// The lines of one panel for `height` rows, starting at row `scroll`.
fn chart_lines(lang: Lang, c: &Chart, width: u16, height: u16, scroll: usize) -> Vec<Line<'static>> {
    let labels: Vec<String> = c.bars.iter().map(|(v, _)| value_label(lang, c.dimension, v)).collect();
    let label_w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).min(22);
    let max = c.bars.iter().filter_map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let bar_w = (width as usize).saturating_sub(label_w + 10).max(1);
    // One line for the total (or the note that the forms do not add up); the rest for rows,
    // less one for each "n more" line needed.
    let footer = if c.multi_response { 2 } else { 1 };
    let room = (height as usize).saturating_sub(footer).max(1);
    let n = c.bars.len();
    let (start, end) = if n <= room {
        (0, n)
    } else {
        let start = scroll.min(n - 1);
        let left = room.saturating_sub(usize::from(start > 0)).max(1);
        if n - start <= left { (start, n) } else { (start, start + left.saturating_sub(1).max(1)) }
    };
    let mut out: Vec<Line> = Vec::new();
    if start > 0 {
        out.push(Line::from(Span::styled(
            tf(lang, "ui.stats.more_above", &[("n", &start.to_string())]),
            theme::dim(),
        )));
    }
    for (i, (_, count)) in c.bars.iter().enumerate().take(end).skip(start) {
        let name: String = labels[i].chars().take(label_w).collect();
        let mut spans = vec![Span::raw(format!("{name:label_w$} "))];
        match count {
            Some(n) => {
                let len = ((*n as usize) * bar_w).div_ceil(max as usize);
                spans.push(Span::styled("█".repeat(len), theme::key()));
                spans.push(Span::raw(format!(" {n}")));
            }
            None => spans.push(suppressed(lang)),
        }
        out.push(Line::from(spans));
    }
    if end < n {
        out.push(Line::from(Span::styled(
            tf(lang, "ui.stats.more_below", &[("n", &(n - end).to_string())]),
            theme::dim(),
        )));
    }
    let total = match c.total {
        Some(n) => Span::styled(n.to_string(), theme::dim()),
        None => suppressed(lang),
    };
    let label = if c.multi_response { "ui.stats.consultations" } else { "ui.stats.total" };
    out.push(Line::from(vec![Span::styled(format!("{} ", t(lang, label)), theme::dim()), total]));
    if c.multi_response {
        out.push(Line::from(Span::styled(t(lang, "ui.stats.no_sum").to_string(), theme::dim())));
    }
    out
}

pub fn render(app: &App, v: &StatsView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let [head, grid] = Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
    let period = t(lang, if v.period == Period::Year { "ui.stats.year" } else { "ui.stats.quarter" });
    let forms =
        t(lang, if v.view == FormsView::All { "ui.stats.all_forms" } else { "ui.stats.primary_form" });
    Paragraph::new(vec![Line::from(Span::styled(
        tf(
            lang,
            "ui.stats.head",
            &[("n", &v.counted.to_string()), ("k", &K.to_string()), ("period", period), ("forms", forms)],
        ),
        theme::dim(),
    ))])
    .wrap(Wrap { trim: true })
    .render(head, buf);
    let charts = match &v.charts {
        Ok(c) => c,
        Err(reason) => {
            let text = vec![
                Line::from(Span::styled(t(lang, "ui.stats.refused").to_string(), theme::warn())),
                Line::from(Span::styled(crate::safe::one_line(reason), theme::dim())),
            ];
            Paragraph::new(text).wrap(Wrap { trim: true }).render(grid, buf);
            return;
        }
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(grid);
    let cells = [top, bottom].into_iter().flat_map(|row| {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(row);
        [l, r]
    });
    for (i, (c, r)) in charts.iter().zip(cells).enumerate() {
        let style = if i == v.focus { theme::key() } else { theme::dim() };
        let block = Block::bordered().title(title(lang, v, c)).border_style(style);
        let inner = block.inner(r);
        block.render(r, buf);
        Paragraph::new(chart_lines(lang, c, inner.width, inner.height, v.scroll[i])).render(inner, buf);
    }
}
