//! Text for the PDF: the fonts compiled into the program, how a line splits into runs that one
//! font draws in one direction, and how wide a run is once shaped.
//!
//! Noto Sans covers Latin (ë, ş, ğ …), Greek and Cyrillic; Noto Sans Arabic covers Arabic
//! script. A paragraph whose first letter is Arabic reads right to left: its runs are laid out
//! from the right. Within a left-to-right paragraph an Arabic phrase is one right-to-left run.

use krilla::text::{Font, TextDirection};

static REGULAR: &[u8] = include_bytes!("../../data/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../data/fonts/NotoSans-Bold.ttf");
static ARABIC: &[u8] = include_bytes!("../../data/fonts/NotoSansArabic-Regular.ttf");

/// Which of the three fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Arabic,
}

/// The three fonts, parsed once per document: for krilla (drawing, embedding) and for
/// rustybuzz (measuring).
pub struct Fonts {
    pdf: [Font; 3],
    shaper: [rustybuzz::Face<'static>; 3],
}

impl Fonts {
    /// None only if a compiled-in font were unreadable.
    pub fn load() -> Option<Fonts> {
        let pdf = |b: &'static [u8]| Font::new(b.into(), 0);
        let rb = |b: &'static [u8]| rustybuzz::Face::from_slice(b, 0);
        Some(Fonts {
            pdf: [pdf(REGULAR)?, pdf(BOLD)?, pdf(ARABIC)?],
            shaper: [rb(REGULAR)?, rb(BOLD)?, rb(ARABIC)?],
        })
    }

    pub fn font(&self, f: Face) -> Font {
        self.pdf[f as usize].clone()
    }

    /// The width of `text` in `f` at `size` points, shaped as it will be drawn.
    pub fn width(&self, f: Face, text: &str, size: f32) -> f32 {
        let face = &self.shaper[f as usize];
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        if f == Face::Arabic {
            buf.set_direction(rustybuzz::Direction::RightToLeft);
        }
        let out = rustybuzz::shape(face, &[], buf);
        let units: i32 = out.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em() as f32
    }
}

/// Arabic script (the basic block, its supplements and presentation forms).
pub fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A letter or digit of any script: what decides the direction around it.
fn strong(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a paragraph reads right to left: its first letter is Arabic.
pub fn rtl_paragraph(text: &str) -> bool {
    text.chars().find(|c| strong(*c)).is_some_and(is_arabic)
}

/// One piece of a line drawn with one font in one direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: Face,
    pub text: String,
    pub width: f32,
}

impl Run {
    pub fn direction(&self) -> TextDirection {
        if self.face == Face::Arabic { TextDirection::RightToLeft } else { TextDirection::LeftToRight }
    }
}

/// Splits a line of `(text, bold)` pieces into runs in logical order. A space or punctuation
/// mark between two Arabic letters belongs to the Arabic run; anywhere else to the Latin one.
pub fn runs(fonts: &Fonts, pieces: &[(String, bool)], size: f32) -> Vec<Run> {
    let chars: Vec<(char, bool)> = pieces.iter().flat_map(|(t, b)| t.chars().map(move |c| (c, *b))).collect();
    let arabic: Vec<bool> = (0..chars.len())
        .map(|i| {
            let c = chars[i].0;
            if strong(c) {
                return is_arabic(c);
            }
            let before =
                chars[..i].iter().rev().find(|(c, _)| strong(*c)).is_some_and(|(c, _)| is_arabic(*c));
            let after = chars[i + 1..].iter().find(|(c, _)| strong(*c)).is_some_and(|(c, _)| is_arabic(*c));
            is_arabic(c) || (before && after)
        })
        .collect();
    let mut out: Vec<Run> = Vec::new();
    for ((c, bold), ar) in chars.into_iter().zip(arabic) {
        let face = match (ar, bold) {
            (true, _) => Face::Arabic,
            (false, true) => Face::Bold,
            (false, false) => Face::Regular,
        };
        match out.last_mut() {
            Some(r) if r.face == face => r.text.push(c),
            _ => out.push(Run { face, text: c.to_string(), width: 0.0 }),
        }
    }
    for r in &mut out {
        r.width = fonts.width(r.face, &r.text, size);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_phrase_is_one_run_between_latin_ones() {
        let fonts = Fonts::load().unwrap_or_else(|| panic!("fonts"));
        let pieces = vec![("Moeder: ".to_string(), true), ("zei السلام عليكم. Daarna".to_string(), false)];
        let rs = runs(&fonts, &pieces, 10.0);
        let faces: Vec<Face> = rs.iter().map(|r| r.face).collect();
        assert_eq!(faces, [Face::Bold, Face::Regular, Face::Arabic, Face::Regular]);
        assert_eq!(rs[2].text, "السلام عليكم");
        assert!(rs.iter().all(|r| r.width > 0.0));
        assert!(rtl_paragraph("«مرحبا» Ayşe") && !rtl_paragraph("Ayşe مرحبا"));
        // Shaping joins the letters: the shaped width differs from the sum of the letters.
        let word = fonts.width(Face::Arabic, "سلام", 10.0);
        let apart: f32 = "سلام".chars().map(|c| fonts.width(Face::Arabic, &c.to_string(), 10.0)).sum();
        assert!((word - apart).abs() > 0.1, "{word} {apart}");
    }
}
