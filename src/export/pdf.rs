//! The case export as PDF: the same layout as the detail screen and the text export
//! (`present::record`), set on A4 pages with wrapped lines, a header on every page (title,
//! "pagina 1 van 3") and the fonts embedded as subsets (krilla), so ë, ş, ğ and Arabic
//! script print and can be copied out again.

use super::runs::{Face, Fonts, Run, rtl_paragraph, runs};
use crate::domain::{Date, Record};
use crate::i18n::{Lang, tf};
use crate::present::Line;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};

/// A4 in points.
const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
/// Left and right margin, 2 cm.
const MARGIN: f32 = 56.7;
/// Where the body starts (below the header) and must end.
const TOP: f32 = 80.0;
const BOTTOM: f32 = HEIGHT - MARGIN;
const BODY: f32 = 10.0;
const INDENT: f32 = 10.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink {
    Text,
    Dim,
    Warn,
}

impl Ink {
    fn fill(self) -> Fill {
        let c = match self {
            Ink::Text => rgb::Color::new(0, 0, 0),
            Ink::Dim => rgb::Color::new(100, 100, 100),
            Ink::Warn => rgb::Color::new(160, 30, 20),
        };
        Fill { paint: c.into(), ..Fill::default() }
    }
}

/// A run placed on a page: its baseline starts at (x, y).
struct Placed {
    x: f32,
    y: f32,
    size: f32,
    ink: Ink,
    run: Run,
}

/// Sets paragraphs onto pages, top to bottom.
struct Setter<'a> {
    fonts: &'a Fonts,
    /// The pages before this one.
    done: Vec<Vec<Placed>>,
    page: Vec<Placed>,
    y: f32,
}

impl<'a> Setter<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        Setter { fonts, done: Vec::new(), page: Vec::new(), y: TOP }
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.page));
        self.y = TOP;
    }

    fn finish(mut self) -> Vec<Vec<Placed>> {
        self.done.push(self.page);
        self.done
    }

    /// Room for `height` more points on this page, else a new one.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// One paragraph of `(text, bold)` pieces, wrapped to the text width.
    fn paragraph(&mut self, pieces: &[(String, bool)], size: f32, indent: f32, ink: Ink) {
        let leading = size * 1.4;
        let all: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
        let rtl = rtl_paragraph(&all);
        for line in wrap(self.fonts, pieces, size, WIDTH - 2.0 * MARGIN - indent) {
            self.room(leading);
            self.y += leading;
            let mut rs = runs(self.fonts, &line, size);
            let total: f32 = rs.iter().map(|r| r.width).sum();
            let mut x = if rtl { WIDTH - MARGIN - total } else { MARGIN + indent };
            if rtl {
                rs.reverse();
            }
            for run in rs {
                let w = run.width;
                // Spaces at a run's ends are left as a gap, not drawn: text extraction then
                // sees the word break also where the script (and font) changes.
                let text = run.text.trim_start_matches(' ');
                let lead = run.text.len() - text.len();
                let dx = if lead > 0 { self.fonts.width(run.face, &run.text[..lead], size) } else { 0.0 };
                let text = text.trim_end_matches(' ').to_string();
                if !text.is_empty() {
                    self.page.push(Placed { x: x + dx, y: self.y, size, ink, run: Run { text, ..run } });
                }
                x += w;
            }
        }
    }
}

/// Control characters (tabs, stray escapes) print as a space.
fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// How wide a word is, in whatever fonts its letters need.
fn word_width(fonts: &Fonts, word: &str, bold: bool, size: f32) -> f32 {
    runs(fonts, &[(word.to_string(), bold)], size).iter().map(|r| r.width).sum()
}

/// Greedy line breaking at spaces; a word wider than the line is cut where it must be.
fn wrap(fonts: &Fonts, pieces: &[(String, bool)], size: f32, width: f32) -> Vec<Vec<(String, bool)>> {
    let space = fonts.width(Face::Regular, " ", size);
    let mut lines: Vec<Vec<(String, bool)>> = Vec::new();
    let mut line: Vec<(String, bool)> = Vec::new();
    let mut used = 0.0f32;
    for (text, bold) in pieces {
        let text = clean(text);
        for (i, word) in text.split(' ').enumerate() {
            // Words are separated by a space, also where one piece ends and the next begins
            // with one.
            if i > 0 && used > 0.0 {
                if used + space > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                } else {
                    line.push((" ".to_string(), *bold));
                    used += space;
                }
            }
            let mut rest = word.to_string();
            while !rest.is_empty() {
                let w = word_width(fonts, &rest, *bold, size);
                if used + w <= width {
                    line.push((rest, *bold));
                    used += w;
                    break;
                }
                if used > 0.0 {
                    // To the next line, without the space that ended this one.
                    if line.last().is_some_and(|(t, _)| t == " ") {
                        line.pop();
                    }
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                    continue;
                }
                // Alone on a line and still too wide: cut it.
                let mut cut = rest.len();
                while cut > 0 && word_width(fonts, &rest[..cut], *bold, size) > width {
                    cut = rest[..cut].char_indices().last().map_or(0, |(i, _)| i);
                }
                if cut == 0 {
                    cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
                }
                let tail = rest.split_off(cut);
                line.push((rest, *bold));
                lines.push(std::mem::take(&mut line));
                rest = tail;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The title every page's header carries.
fn title(lang: Lang, records: &[Record]) -> String {
    match records {
        [one] => tf(lang, "export.title", &[("date", &one.consultation.consulted_on.dutch())]),
        many => tf(lang, "export.pdf_title_many", &[("n", &many.len().to_string())]),
    }
}

/// Sets the document: the export line, then each consultation from a new page.
fn set(fonts: &Fonts, lang: Lang, records: &[Record], today: Date) -> Vec<Vec<Placed>> {
    let mut s = Setter::new(fonts);
    let head = crate::present::export::header(lang, records, today);
    s.paragraph(&[(head, false)], 8.5, 0.0, Ink::Dim);
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            s.new_page();
        }
        s.gap(6.0);
        let t = tf(lang, "export.title", &[("date", &r.consultation.consulted_on.dutch())]);
        s.paragraph(&[(t, true)], 15.0, 0.0, Ink::Text);
        s.gap(4.0);
        for line in crate::present::record(lang, r) {
            match line {
                Line::Pair(k, v) => {
                    s.paragraph(&[(format!("{k}: "), true), (v, false)], BODY, 0.0, Ink::Text)
                }
                Line::Heading(h) => {
                    // A heading never ends a page: it keeps two lines of what follows.
                    s.gap(6.0);
                    s.room(11.5 * 1.4 + 2.0 * BODY * 1.4);
                    s.paragraph(&[(h, true)], 11.5, 0.0, Ink::Text);
                }
                Line::Text(t) => s.paragraph(&[(t, false)], BODY, INDENT, Ink::Text),
                Line::Dim(t) => s.paragraph(&[(t, false)], BODY, INDENT, Ink::Dim),
                Line::Warn(t) => s.paragraph(&[(t, false)], BODY, INDENT, Ink::Warn),
                Line::Blank => s.gap(BODY * 0.6),
            }
        }
    }
    s.finish()
}

/// The consultations as a PDF document, in the order given.
pub fn document(lang: Lang, records: &[Record], today: Date) -> Result<Vec<u8>, String> {
    let fonts = Fonts::load().ok_or("a compiled-in font is unreadable")?;
    let pages = set(&fonts, lang, records, today);
    let title = title(lang, records);
    let code = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    let mut doc = Document::new();
    doc.set_metadata(Metadata::new().title(title.clone()).creator("consultlog".into()).language(code.into()));
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("bad page size")?;
    let total = pages.len().to_string();
    for (i, items) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        // Header: the title on the left, "pagina 1 van 3" on the right, a rule beneath.
        let n = (i + 1).to_string();
        let number = tf(lang, "export.page", &[("n", &n), ("total", &total)]);
        let mut head: Vec<Placed> = Vec::new();
        let left = runs(&fonts, &[(title.clone(), false)], 8.5);
        let mut x = MARGIN;
        for run in left {
            let w = run.width;
            head.push(Placed { x, y: 44.0, size: 8.5, ink: Ink::Dim, run });
            x += w;
        }
        let right = runs(&fonts, &[(number, false)], 8.5);
        let mut x = WIDTH - MARGIN - right.iter().map(|r| r.width).sum::<f32>();
        for run in right {
            let w = run.width;
            head.push(Placed { x, y: 44.0, size: 8.5, ink: Ink::Dim, run });
            x += w;
        }
        for p in head.iter().chain(items) {
            if p.run.text.trim().is_empty() {
                continue;
            }
            surface.set_fill(Some(p.ink.fill()));
            let font = fonts.font(p.run.face);
            surface.draw_text(Point::from_xy(p.x, p.y), font, p.size, &p.run.text, false, p.run.direction());
        }
        let mut rule = PathBuilder::new();
        rule.move_to(MARGIN, 52.0);
        rule.line_to(WIDTH - MARGIN, 52.0);
        if let Some(path) = rule.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(150, 150, 150).into(),
                width: 0.5,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
            surface.set_stroke(None);
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_margins_and_breaks_pages() {
        let fonts = Fonts::load().unwrap();
        let long = "woord ".repeat(400);
        let lines = wrap(&fonts, &[(long, false)], BODY, 300.0);
        assert!(lines.len() > 10, "{}", lines.len());
        for l in &lines {
            let w: f32 = runs(&fonts, l, BODY).iter().map(|r| r.width).sum();
            assert!(w <= 300.5, "{w}");
        }
        let words: usize = lines.iter().flatten().filter(|(t, _)| t == "woord").count();
        assert_eq!(words, 400, "no word lost");
        // One word longer than the line is cut, not lost.
        let one = "x".repeat(300);
        let cut = wrap(&fonts, &[(one.clone(), true)], BODY, 100.0);
        assert!(cut.len() > 2);
        assert_eq!(cut.iter().flatten().map(|(t, _)| t.as_str()).collect::<String>(), one);
        let mut s = Setter::new(&fonts);
        s.paragraph(&[("woord ".repeat(2000), false)], BODY, INDENT, Ink::Text);
        let pages = s.finish();
        assert!(pages.len() >= 2, "{}", pages.len());
        assert!(pages.iter().flatten().all(|p| p.y <= BOTTOM && p.x >= MARGIN));
    }
}
