//! Detection of personal data in Dutch free-text case notes.
//!
//! Free text is the only place where identifying data can enter the log, so every note is
//! linted on each keystroke. Each kind has its own detector module; [`detect`] runs them all
//! and resolves overlaps. See `docs/anonymisation.md` for what is (and is not) flagged.

mod address;
mod birthday;
mod bsn;
mod cue_words;
mod dates;
mod document;
mod email;
mod fold;
mod handle;
mod iban;
mod lexicon;
mod names;
mod overlap;
mod phone;
mod plate;
mod postcode;
mod record;
mod school;
pub use record::{FieldFinding, unresolved};
mod tokens;

use serde::{Deserialize, Serialize};

/// The kinds of personal data the detector knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Bsn,
    Phone,
    Email,
    Postcode,
    Iban,
    Date,
    Address,
    Name,
    DocumentNumber,
    Plate,
    Handle,
    School,
    Birthday,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Bsn,
        Kind::Phone,
        Kind::Email,
        Kind::Postcode,
        Kind::Iban,
        Kind::Date,
        Kind::Address,
        Kind::Name,
        Kind::DocumentNumber,
        Kind::Plate,
        Kind::Handle,
        Kind::School,
        Kind::Birthday,
    ];

    /// Stable identifier, equal to the serde name.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Bsn => "bsn",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Postcode => "postcode",
            Kind::Iban => "iban",
            Kind::Date => "date",
            Kind::Address => "address",
            Kind::Name => "name",
            Kind::DocumentNumber => "document_number",
            Kind::Plate => "plate",
            Kind::Handle => "handle",
            Kind::School => "school",
            Kind::Birthday => "birthday",
        }
    }

    /// The (Dutch) text that replaces a redacted span.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Bsn => "[BSN]",
            Kind::Phone => "[TELEFOON]",
            Kind::Email => "[E-MAIL]",
            Kind::Postcode => "[POSTCODE]",
            Kind::Iban => "[IBAN]",
            Kind::Date => "[DATUM]",
            Kind::Address => "[ADRES]",
            Kind::Name => "[NAAM]",
            Kind::DocumentNumber => "[DOCUMENTNUMMER]",
            Kind::Plate => "[KENTEKEN]",
            Kind::Handle => "[ACCOUNT]",
            Kind::School => "[SCHOOL]",
            Kind::Birthday => "[VERJAARDAG]",
        }
    }
}

/// One detected span of personal data.
///
/// `Debug` prints the matched text. That is acceptable only because findings are shown to the
/// worker who typed them; never log a `Finding`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// Byte offset of the first byte (on a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (on a char boundary).
    pub end: usize,
    pub text: String,
}

/// Finds personal data in `text`. The result is sorted by `start` and non-overlapping.
pub fn detect(text: &str) -> Vec<Finding> {
    let mut spans = Vec::new();
    if text.len() < PARALLEL_FROM {
        structured(text, &mut spans);
        names::find(text, &mut spans);
    } else {
        // A pasted document: names (the costliest detector) on a second thread.
        let mut name_spans = Vec::new();
        std::thread::scope(|s| {
            s.spawn(|| names::find(text, &mut name_spans));
            structured(text, &mut spans);
        });
        spans.append(&mut name_spans);
    }
    overlap::resolve(spans)
        .into_iter()
        .map(|s| Finding { kind: s.kind, start: s.start, end: s.end, text: text[s.start..s.end].to_owned() })
        .collect()
}

/// Notes at least this long are scanned on two threads; typed notes are far shorter, and
/// for them a thread costs more than it saves.
const PARALLEL_FROM: usize = 256 * 1024;

/// A detector: adds the spans it finds in the text.
type Detector = fn(&str, &mut Vec<Span>);

/// Detectors every span of which holds an ASCII digit (a number, a house number, a day).
const WITH_DIGITS: [Detector; 9] = [
    bsn::find,
    phone::find,
    postcode::find,
    iban::find,
    dates::find,
    address::find,
    document::find,
    plate::find,
    birthday::find,
];

/// Detectors that may find spans without digits (names apart).
const WITHOUT_DIGITS: [Detector; 3] = [email::find, handle::find, school::find];

/// Every detector except names.
fn structured(text: &str, spans: &mut Vec<Span>) {
    // Most short fields have no digit: one byte scan skips nine detectors.
    if text.bytes().any(|b| b.is_ascii_digit()) {
        WITH_DIGITS.iter().for_each(|find| find(text, spans));
    }
    WITHOUT_DIGITS.iter().for_each(|find| find(text, spans));
}

/// Replaces the span of `finding` in `text` with the kind's placeholder.
///
/// A finding that does not fit `text` (stale offsets after an edit) leaves the text unchanged
/// rather than panicking.
pub fn redact(text: &str, finding: &Finding) -> String {
    let (start, end) = (finding.start, finding.end);
    if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    out.push_str(finding.kind.placeholder());
    out.push_str(&text[end..]);
    out
}

/// A candidate span before overlap resolution; text is sliced only for the winners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    kind: Kind,
    start: usize,
    end: usize,
}

impl Span {
    fn new(kind: Kind, start: usize, end: usize) -> Self {
        Span { kind, start, end }
    }
}

/// The char before byte offset `i`, if any.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The char at byte offset `i`, if any.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// True when the (at most `window` bytes) text before `i` mentions one of `words`,
/// compared case-insensitively. Used for context cues such as "zaaknummer".
fn context_before(text: &str, i: usize, window: usize, words: &[&str]) -> bool {
    let mut from = i.saturating_sub(window);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..i].to_lowercase();
    words.iter().any(|w| before.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_placeholders_are_distinct() {
        let ids: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.id()).collect();
        let ph: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.placeholder()).collect();
        assert_eq!(ids.len(), Kind::ALL.len());
        assert_eq!(ph.len(), Kind::ALL.len());
    }

    #[test]
    fn serde_name_equals_id() {
        for k in Kind::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.id()));
            let back: Kind = serde_json::from_str(&json).unwrap();
            assert_eq!(back, k);
        }
    }

    #[test]
    fn redact_replaces_span() {
        let text = "bel 06-12345678 nu";
        let f = detect(text);
        assert_eq!(f.len(), 1);
        assert_eq!(redact(text, &f[0]), "bel [TELEFOON] nu");
    }

    #[test]
    fn redact_ignores_stale_finding() {
        let f = Finding { kind: Kind::Name, start: 1, end: 99, text: String::new() };
        assert_eq!(redact("abc", &f), "abc");
        let f = Finding { kind: Kind::Name, start: 1, end: 2, text: String::new() };
        assert_eq!(redact("é", &f), "é");
    }

    #[test]
    fn results_are_sorted_and_disjoint() {
        let text = "oom Hassan (+212 6 98 76 54 32) haalt haar op 14 juli 2024, bsn 725763863";
        let f = detect(text);
        assert!(f.windows(2).all(|w| w[0].end <= w[1].start));
        assert_eq!(f.len(), 4);
    }

    #[test]
    fn context_before_handles_multibyte() {
        // A window that starts inside a multi-byte char must not panic.
        assert!(context_before("ééé zaak 1", 12, 7, &["zaak"]));
        assert!(!context_before("ééé zaak 1", 12, 3, &["zaak"]));
    }
}
