//! Rules of the work that the screens apply but do not own: when the LKHA's guidance shows,
//! and how close a departure must be to be flagged.

use super::record::Consultation;

/// A planned departure within this many days is flagged in the list (summer holidays are
/// the peak: a worker must see it weeks ahead).
pub const DEPARTURE_DAYS: i64 = 28;

/// The forms for which the LKHA's "consult first, do not mediate" guidance applies to the
/// worker (not to the adviser reading a received case).
pub fn needs_lkha_guidance(forms: &[String], received: bool) -> bool {
    !received
        && forms
            .iter()
            .any(|f| matches!(f.as_str(), "forced_marriage" | "abandonment" | "honour_based_violence"))
}

/// Nothing filled in but the date: no answer, advice, action or classification.
pub fn is_empty(c: &Consultation) -> bool {
    c.changed_fields(&Consultation::new(c.consulted_on)).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guidance_is_for_the_worker_on_the_forms_the_lkha_handles() {
        let forms = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(needs_lkha_guidance(&forms(&["other", "abandonment"]), false));
        assert!(!needs_lkha_guidance(&forms(&["abandonment"]), true));
        assert!(!needs_lkha_guidance(&forms(&["domestic_violence"]), false));
    }
}
