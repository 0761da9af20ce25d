//! Personal-data findings across a whole consultation, minus what the worker marked as
//! "not personal data". A consultation with any left cannot be shared.

use super::{Finding, detect};
use crate::domain::Consultation;

/// A finding in one free-text field of a consultation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFinding {
    pub field: String,
    pub finding: Finding,
}

/// Findings the worker has not resolved (not removed from the text, not marked as "not
/// personal data").
pub fn unresolved(c: &Consultation) -> Vec<FieldFinding> {
    let mut out = Vec::new();
    for (field, text) in c.texts() {
        for finding in detect(text) {
            let dismissed =
                c.not_personal.iter().any(|np| np.kind == finding.kind.id() && np.text == finding.text);
            if !dismissed {
                out.push(FieldFinding { field: field.clone(), finding });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Date, NotPersonal};

    #[test]
    fn findings_in_every_text_field_and_dismissals() {
        let mut c = Consultation::new(Date::parse_iso("2026-01-01").unwrap());
        assert!(unresolved(&c).is_empty());
        c.prompts.insert("facts".into(), "Moeder belt vanaf 06-12345678.".into());
        c.advice = "Mail naar iemand@example.nl".into();
        let found = unresolved(&c);
        let fields: Vec<&str> = found.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["prompts.facts", "advice"]);
        for f in &found {
            c.not_personal
                .push(NotPersonal { kind: f.finding.kind.id().into(), text: f.finding.text.clone() });
        }
        assert!(unresolved(&c).is_empty());
    }
}
