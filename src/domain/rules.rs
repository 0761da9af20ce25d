//! Rules of the work that the screens apply but do not own: when the LKHA's guidance shows,
//! how close a departure must be to be flagged, and how follow-up actions read as text.

use super::date::Date;
use super::record::{Consultation, FollowUp};

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

/// The leading token of a follow-up line after an optional `[x] `, with its byte range in
/// `line`: where a due date is written.
fn due_token(line: &str) -> (usize, &str) {
    let trimmed = line.trim_start();
    let mut at = line.len() - trimmed.len();
    let mut rest = trimmed;
    if let Some(r) = rest.strip_prefix("[x]").or_else(|| rest.strip_prefix("[X]")) {
        let r2 = r.trim_start();
        at += rest.len() - r2.len();
        rest = r2;
    }
    (at, rest.split(' ').next().unwrap_or(""))
}

/// Looks like a date (`d-m-yy` .. `dd-mm-jjjj`), whether or not it is a real one.
fn date_shaped(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
}

/// Byte ranges in the follow-ups text that are due dates (the structure of an action, not
/// its content: never personal data, never replaced by a placeholder).
pub fn due_date_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let (at, token) = due_token(line);
        if date_shaped(token) {
            out.push(offset + at..offset + at + token.len());
        }
        offset += line.len() + 1;
    }
    out
}

/// The first due date written in the date's shape that is not a real date ("32-13-2026"),
/// so that it is refused rather than saved as text.
pub fn bad_due_date(text: &str) -> Option<String> {
    text.lines()
        .map(due_token)
        .map(|(_, t)| t)
        .find(|t| date_shaped(t) && Date::parse_dutch(t).is_err())
        .map(String::from)
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
    fn due_dates_are_structure_and_impossible_ones_are_found() {
        let text = "[x] 01-12-2026 bel school\n3-1-27 mail\nzonder datum 5-5-2026";
        let spans = due_date_spans(text);
        assert_eq!(spans.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["01-12-2026", "3-1-27"]);
        assert_eq!(bad_due_date(text), None);
        assert_eq!(bad_due_date("bel\n32-13-2026 huisarts").as_deref(), Some("32-13-2026"));
    }

    #[test]
    fn guidance_is_for_the_worker_on_the_forms_the_lkha_handles() {
        let forms = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(needs_lkha_guidance(&forms(&["other", "abandonment"]), false));
        assert!(!needs_lkha_guidance(&forms(&["abandonment"]), true));
        assert!(!needs_lkha_guidance(&forms(&["domestic_violence"]), false));
    }
}
