//! Rules of the work that the screens apply but do not own: when the LKHA's guidance shows,
//! how close a departure must be to be flagged, and how follow-up actions read as text.

use super::date::Date;
use super::record::FollowUp;

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

/// Follow-ups as editable text, one per line: `[x] ` marks one done, a leading
/// `dd-mm-jjjj` is its due date.
pub fn actions_text(actions: &[FollowUp]) -> String {
    actions
        .iter()
        .map(|a| {
            let done = if a.done { "[x] " } else { "" };
            match a.due {
                Some(d) => format!("{done}{} {}", d.dutch(), a.text),
                None => format!("{done}{}", a.text),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The follow-ups of `actions_text`'s form; empty lines are skipped.
pub fn parse_actions(s: &str) -> Vec<FollowUp> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (done, rest) = match l.strip_prefix("[x]").or_else(|| l.strip_prefix("[X]")) {
                Some(r) => (true, r.trim_start()),
                None => (false, l),
            };
            let (due, text) = match rest.split_once(' ') {
                Some((d, t)) => match Date::parse_dutch(d) {
                    Ok(d) => (Some(d), t.trim().to_string()),
                    Err(_) => (None, rest.to_string()),
                },
                None => (Date::parse_dutch(rest).ok(), rest.to_string()),
            };
            FollowUp { text, due, done }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_ups_round_trip_through_text() {
        let a = parse_actions("[x] 01-12-2026 bel school\nzonder datum\n\n");
        assert_eq!(a.len(), 2);
        assert!(a[0].done && a[0].due.is_some() && a[0].text == "bel school");
        assert!(!a[1].done && a[1].due.is_none());
        assert_eq!(actions_text(&a), "[x] 01-12-2026 bel school\nzonder datum");
    }

    #[test]
    fn guidance_is_for_the_worker_on_the_forms_the_lkha_handles() {
        let forms = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(needs_lkha_guidance(&forms(&["other", "abandonment"]), false));
        assert!(!needs_lkha_guidance(&forms(&["abandonment"]), true));
        assert!(!needs_lkha_guidance(&forms(&["domestic_violence"]), false));
    }
}
