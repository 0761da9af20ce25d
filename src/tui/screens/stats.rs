//! The statistics screen: four charts of what an export would publish, suppressed cells
//! marked. A read-only view of `StatsView`.

use crate::i18n::{Lang, label, t, tf};
use crate::stats::Dimension;
use crate::tui::app::App;
use crate::tui::stats_view::{Chart, K, StatsView};
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

fn title(lang: Lang, d: Dimension) -> String {
    t(lang, &format!("ui.stats.by_{}", d.name())).to_string()
}

fn value_label(lang: Lang, d: Dimension, v: &str) -> String {
    match d {
        Dimension::Form => label(lang, "form", v).to_string(),
        Dimension::AgeBand => label(lang, "age_band", v).to_string(),
        Dimension::Urgency if v == "unknown" => t(lang, "field.unknown").to_string(),
        Dimension::Urgency => label(lang, "urgency", v).to_string(),
        _ => v.to_string(),
    }
}

fn chart_lines(lang: Lang, c: &Chart, width: u16, height: u16) -> Vec<Line<'static>> {
    if c.refused {
        return vec![Line::from(Span::styled(t(lang, "ui.stats.refused").to_string(), theme::dim()))];
    }
    let label_w = c
        .bars
        .iter()
        .map(|(v, _)| value_label(lang, c.dimension, v).chars().count())
        .max()
        .unwrap_or(0)
        .min(22);
    let max = c.bars.iter().filter_map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let bar_w = (width as usize).saturating_sub(label_w + 10).max(1);
    // When the bars do not fit, the most recent (last) ones matter most; the total stays.
    let room = (height as usize).saturating_sub(1).max(1);
    let skip = c.bars.len().saturating_sub(room);
    let mut out: Vec<Line> = c
        .bars
        .iter()
        .skip(skip)
        .map(|(v, n)| {
            let name: String = value_label(lang, c.dimension, v).chars().take(label_w).collect();
            match n {
                Some(n) => {
                    let len = ((*n as usize) * bar_w).div_ceil(max as usize);
                    Line::from(vec![
                        Span::raw(format!("{name:label_w$} ")),
                        Span::styled("█".repeat(len), theme::key()),
                        Span::raw(format!(" {n}")),
                    ])
                }
                None => Line::from(vec![
                    Span::raw(format!("{name:label_w$} ")),
                    Span::styled(format!("× {}", t(lang, "ui.stats.suppressed")), theme::warn()),
                ]),
            }
        })
        .collect();
    let total = c.total.map_or_else(|| format!("× {}", t(lang, "ui.stats.suppressed")), |n| n.to_string());
    out.push(Line::from(Span::styled(format!("{} {total}", t(lang, "ui.stats.total")), theme::dim())));
    out
}

pub fn render(app: &App, v: &StatsView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let [head, grid] = Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
    Paragraph::new(vec![Line::from(Span::styled(
        tf(lang, "ui.stats.head", &[("n", &v.counted.to_string()), ("k", &K.to_string())]),
        theme::dim(),
    ))])
    .wrap(ratatui::widgets::Wrap { trim: true })
    .render(head, buf);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(grid);
    let cells = [top, bottom].into_iter().flat_map(|row| {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(row);
        [l, r]
    });
    for (c, r) in v.charts.iter().zip(cells) {
        let block = Block::bordered().title(title(lang, c.dimension)).border_style(theme::dim());
        let inner = block.inner(r);
        block.render(r, buf);
        Paragraph::new(chart_lines(lang, c, inner.width, inner.height)).render(inner, buf);
    }
}
