//! A consultation for the client's file in the organisation's own system: the same layout as
//! the detail screen and `show`, as Markdown or plain text, with a line saying where and when
//! it came from. A PDF (`crate::export`) sets the same lines on pages; its preview is the
//! plain text.

use super::{Line, record};
use crate::domain::{Date, Record};
use crate::i18n::{Lang, tf};

/// The formats an export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    Pdf,
}

impl Format {
    /// In the order the UI offers them.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Text, Format::Pdf];

    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The file name extension, also the format's name on the command line.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Pdf => "pdf",
        }
    }
}

/// Markdown treats these at the start of a line, or around words, as markup.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|')
            || (i == 0 && matches!(c, '-' | '+'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn one(lang: Lang, r: &Record, format: Format, out: &mut String) {
    let title = tf(lang, "export.title", &[("date", &r.consultation.consulted_on.dutch())]);
    match format {
        Format::Markdown => out.push_str(&format!("## {title}\n\n")),
        Format::Text | Format::Pdf => {
            out.push_str(&format!("{title}\n{}\n\n", "=".repeat(title.chars().count())))
        }
    }
    for line in record(lang, r) {
        let s = match (format, line) {
            (Format::Markdown, Line::Pair(k, v)) => format!("- **{}**: {}", md_escape(&k), md_escape(&v)),
            (Format::Markdown, Line::Heading(h)) => format!("\n#### {}\n", md_escape(&h)),
            (Format::Markdown, Line::Text(t)) => format!("{}  ", md_escape(&t)),
            (Format::Markdown, Line::Dim(t)) => format!("_{}_", md_escape(&t)),
            (Format::Markdown, Line::Warn(t)) => format!("> {}", md_escape(&t)),
            (Format::Text | Format::Pdf, Line::Pair(k, v)) => format!("{k}: {v}"),
            (Format::Text | Format::Pdf, Line::Heading(h)) => format!("\n{h}"),
            (Format::Text | Format::Pdf, Line::Text(t) | Line::Dim(t) | Line::Warn(t)) => format!("  {t}"),
            (_, Line::Blank) => String::new(),
        };
        out.push_str(&s);
        out.push('\n');
    }
    out.push('\n');
}

/// The line above an export. "Bevat geen namen" only when nothing possibly personal is left
/// unresolved; otherwise a warning to check it.
pub fn header(lang: Lang, records: &[Record], today: Date) -> String {
    let key = if records.iter().any(|r| !crate::privacy::unresolved(&r.consultation).is_empty()) {
        "export.header_findings"
    } else {
        "export.header"
    };
    tf(lang, key, &[("date", &today.dutch()), ("n", &records.len().to_string())])
}

/// The consultations as one document, in the order given. For a PDF this is the text it
/// holds (what the preview shows), not the file.
pub fn document(lang: Lang, records: &[Record], format: Format, today: Date) -> String {
    let mut out = String::new();
    let head = header(lang, records, today);
    match format {
        Format::Markdown => out.push_str(&format!("# {head}\n\n")),
        Format::Text | Format::Pdf => out.push_str(&format!("{head}\n\n")),
    }
    for r in records {
        one(lang, r, format, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Consultation;

    fn rec() -> Record {
        let mut c = Consultation::new(Date::parse_iso("2026-11-02").unwrap());
        c.prompts.insert("facts".into(), "Moeder belde *dringend*.\n- tweede regel".into());
        c.advice = "Niet bemiddelen.".into();
        Record::new("x".into(), c, chrono::DateTime::UNIX_EPOCH)
    }

    #[test]
    fn every_answer_is_in_the_document_and_markup_is_escaped() {
        let today = Date::parse_iso("2026-12-03").unwrap();
        let md = document(Lang::Nl, &[rec()], Format::Markdown, today);
        assert!(md.contains("Moeder belde \\*dringend\\*."), "{md}");
        assert!(md.contains("\\- tweede regel") && md.contains("Niet bemiddelen."), "{md}");
        assert!(md.contains("02-11-2026") && md.contains("03-12-2026"), "{md}");
        let txt = document(Lang::En, &[rec()], Format::Text, today);
        assert!(txt.contains("Moeder belde *dringend*.") && txt.contains("Advice"), "{txt}");
        assert_eq!(Format::parse("MD"), Some(Format::Markdown));
        assert_eq!(Format::parse("pdf"), Some(Format::Pdf));
        assert_eq!(Format::parse("docx"), None);
        assert_eq!(document(Lang::En, &[rec()], Format::Pdf, today), txt, "the PDF holds the text");
    }
}
