//! Horizontal bar charts drawn with `plotters` into inline SVG. Suppressed cells get no
//! bar, only the suppression mark, so a chart never shows a number the table hides.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

const WIDTH: u32 = 640;
const ROW: u32 = 22;

/// An SVG chart of `bars` (label, count or `None` when suppressed).
pub(crate) fn bars(title: &str, bars: &[(String, Option<u64>)], mark: &str) -> String {
    let mut svg = String::new();
    let height = 40 + ROW * (bars.len().max(1) as u32);
    let max = bars.iter().filter_map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label_width = bars.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(4).min(34) as u32 * 7 + 12;
    let drawn = draw(&mut svg, (WIDTH, height), label_width, title, bars, max, mark);
    if drawn.is_err() {
        // Plotting into a string cannot fail for lack of room or files; should it fail
        // all the same, the table above holds every number, so the chart is left out.
        return String::new();
    }
    svg
}

fn draw(
    svg: &mut String,
    size: (u32, u32),
    label_width: u32,
    title: &str,
    bars: &[(String, Option<u64>)],
    max: u64,
    mark: &str,
) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, size).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let n = bars.len().max(1) as i32;
    let top = max + max / 8 + 1;
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .x_label_area_size(24)
        .y_label_area_size(label_width)
        .caption(title, ("sans-serif", 14))
        .build_cartesian_2d(0u64..top, (0..n).into_segmented())
        .map_err(|e| e.to_string())?;
    // The y axis runs upwards: row i of the table is drawn at position n - 1 - i, so the
    // chart reads top to bottom in the table's order.
    let at = |i: usize| n - 1 - i as i32;
    let label_of = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(p) => bars.get((n - 1 - *p) as usize).map(|b| b.0.clone()).unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(bars.len().max(1))
        .y_label_formatter(&label_of)
        .x_labels(6)
        .x_label_formatter(&|x| x.to_string())
        .light_line_style(WHITE)
        .draw()
        .map_err(|e| e.to_string())?;
    let blue = RGBColor(40, 90, 160);
    chart
        .draw_series(bars.iter().enumerate().filter_map(|(i, (_, n))| {
            n.map(|n| {
                let i = at(i);
                let mut bar = Rectangle::new(
                    [(0, SegmentValue::Exact(i)), (n, SegmentValue::Exact(i + 1))],
                    blue.filled(),
                );
                bar.set_margin(3, 3, 0, 0);
                bar
            })
        }))
        .map_err(|e| e.to_string())?;
    let small = ("sans-serif", 12).into_font();
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (_, n))| {
            let text = n.map_or_else(|| mark.to_string(), |n| n.to_string());
            let colour = if n.is_some() { BLACK } else { RGBColor(138, 75, 0) };
            Text::new(text, (n.unwrap_or(0), SegmentValue::CenterOf(at(i))), small.clone().color(&colour))
        }))
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
