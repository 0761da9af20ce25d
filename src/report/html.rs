//! The report as one self-contained HTML file: inline CSS and inline SVG charts, no
//! external fonts, scripts or images; A4 print rules keep each table with its chart.

use super::{Report, chart, display_cells, title, value_label};
use crate::i18n::{Lang, t, tf};
use crate::stats::{Dimension, ProtectedTable, Suppression};

/// Escapes text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
@page { size: A4; margin: 18mm 16mm; }
body { font-family: sans-serif; color: #111; max-width: 180mm; margin: 0 auto; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 0 0 2mm; }
.meta { border-collapse: collapse; margin-bottom: 4mm; }
.meta th { text-align: left; padding-right: 6mm; font-weight: normal; color: #444; }
section.table { break-inside: avoid; page-break-inside: avoid; margin: 0 0 7mm; }
table.counts { border-collapse: collapse; min-width: 90mm; margin-bottom: 2mm; }
table.counts th, table.counts td { border-bottom: 1px solid #ccc; padding: 1mm 3mm; }
table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.counts tr.total td { font-weight: bold; border-top: 2px solid #111; }
td.sup { color: #8a4b00; }
.note { color: #333; font-size: 9.5pt; }
svg { max-width: 100%; height: auto; }
";

/// The published value of a cell as shown: the count, or the suppression mark.
fn shown(lang: Lang, count: Option<u64>, suppressed: Option<Suppression>) -> (String, bool) {
    match (count, suppressed) {
        (Some(n), _) => (n.to_string(), false),
        (None, Some(Suppression::Primary)) => (t(lang, "stats.mark_primary").to_string(), true),
        (None, _) => (t(lang, "stats.mark_secondary").to_string(), true),
    }
}

fn section(lang: Lang, table: &ProtectedTable, out: &mut String) {
    let d = table.dimensions().first().copied().unwrap_or(Dimension::Form);
    let name = title(lang, table);
    out.push_str(&format!(
        "<section class=\"table\" id=\"{}\">\n<h2>{}</h2>\n",
        table.dimension_names().join("-"),
        esc(&name)
    ));
    if table.is_multi_response() {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(t(lang, "stats.note.forms"))));
    } else if d == Dimension::Form {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(t(lang, "stats.note.primary_form"))));
    }
    let mut bars = Vec::new();
    out.push_str(&format!(
        "<table class=\"counts\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>\n",
        esc(&column(lang, table)),
        esc(t(lang, "stats.count"))
    ));
    for cell in display_cells(table) {
        let value = cell.values.first().map_or("", String::as_str);
        let label = if table.is_multi_response() && value == crate::stats::TOTAL {
            t(lang, "stats.consultations").to_string()
        } else {
            value_label(lang, d, value)
        };
        let (n, sup) = shown(lang, cell.count, cell.suppressed);
        let total = value == crate::stats::TOTAL;
        out.push_str(&format!(
            "<tr{}><td>{}</td><td class=\"n{}\" data-code=\"{}\">{}</td></tr>\n",
            if total { " class=\"total\"" } else { "" },
            esc(&label),
            if sup { " sup" } else { "" },
            esc(value),
            esc(&n)
        ));
        if !total {
            bars.push((label, cell.count));
        }
    }
    out.push_str("</tbody></table>\n");
    out.push_str(&chart::bars(&name, &bars, t(lang, "stats.mark_primary")));
    out.push_str("\n</section>\n");
}

fn column(lang: Lang, table: &ProtectedTable) -> String {
    if table.is_multi_response() {
        return t(lang, "stats.column.forms").to_string();
    }
    let d = table.dimensions().first().copied().unwrap_or(Dimension::Form);
    t(lang, &format!("stats.column.{}", d.name())).to_string()
}

/// The whole report in `lang`.
pub fn html(report: &Report, lang: Lang) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let heading = t(lang, "stats.report.title");
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        match lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        },
        esc(heading)
    ));
    out.push_str(&format!("<h1>{}</h1>\n<table class=\"meta\">\n", esc(heading)));
    let total = report.tables.first().and_then(|t| t.cells().last()).and_then(|c| c.count);
    let rows = [
        (
            t(lang, "stats.report.period"),
            tf(
                lang,
                "stats.report.from_to",
                &[
                    ("from", &report.from.format("%d-%m-%Y").to_string()),
                    ("to", &report.to.format("%d-%m-%Y").to_string()),
                ],
            ),
        ),
        (t(lang, "stats.report.k"), report.k.to_string()),
        (
            t(lang, "stats.report.counted"),
            total.map_or_else(|| t(lang, "stats.mark_primary").to_string(), |n| n.to_string()),
        ),
    ];
    for (k, v) in rows {
        out.push_str(&format!("<tr><th>{}</th><td>{}</td></tr>\n", esc(k), esc(&v)));
    }
    out.push_str("</table>\n");
    let k = report.k.to_string();
    for key in ["stats.report.about", "stats.report.primary", "stats.report.secondary", "stats.report.linked"]
    {
        out.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            esc(&tf(lang, key, &[("k", &k), ("k1", &(report.k.saturating_sub(1)).to_string())]))
        ));
    }
    for table in report.tables.iter().chain(std::iter::once(&report.forms)) {
        section(lang, table, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}
