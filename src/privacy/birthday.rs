//! Birthdays: a day and month after a birthday cue ("16, jarig 15-6", "verjaardag 3 mei",
//! "geb. 15/6", "wordt 17 op 2 april"). With the age that notes nearly always give, the
//! full date of birth follows. Full dates with a year are the date detector's.

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_at, char_before, context_before};

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)([0-9]{1,2})(?:[-/.]([0-9]{1,2})(?-u:\b)|(?:e|ste|de)?\s+(jan(?:uari)?|feb(?:ruari)?|maart|mrt|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?-u:\b)\.?)",
    )
    .expect("constant day-month regex is valid")
});

/// "wordt 17 op", "wordt 16": an age that is about to change.
static TURNS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)wordt\s+[0-9]{1,2}(?-u:\b)").expect("constant regex is valid"));

const CUES: &[&str] =
    &["jarig", "verjaardag", "verjaart", "geb.", "geb ", "geboren", "bday", "birthday", "b-day", "doğum"];

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    for c in DAY_MONTH.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let (start, mut end) = (m.start(), m.end());
        let day: u32 = c[1].parse().unwrap_or(0);
        if !(1..=31).contains(&day) {
            continue;
        }
        if let Some(month) = c.get(2) {
            let mo: u32 = month.as_str().parse().unwrap_or(0);
            if !(1..=12).contains(&mo) {
                continue;
            }
            // "15-6-2009" and "15.6.09" are full dates; "1/2/3" is no birthday.
            if text[end..].starts_with(['-', '/', '.'])
                && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
        } else if text[end..].trim_start_matches([' ', '\'']).starts_with(|c: char| c.is_ascii_digit()) {
            continue; // "3 mei 2009": a full date
        }
        if char_before(text, start).is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.')) {
            continue;
        }
        if char_at(text, end).is_some_and(char::is_alphanumeric) {
            continue;
        }
        if text[start..end].ends_with('.') {
            end -= 1;
        }
        let mut window_from = start.saturating_sub(30);
        while !text.is_char_boundary(window_from) {
            window_from += 1;
        }
        let cued = context_before(text, start, 25, CUES) || TURNS.is_match(&text[window_from..start]);
        if cued {
            out.push(Span::new(Kind::Birthday, start, end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn birthdays() {
        assert_eq!(found("clt 16, jarig 15-6"), ["15-6"]);
        assert_eq!(found("verjaardag 3 mei, wordt dan 17"), ["3 mei"]);
        assert_eq!(found("(15) geb. 12/4"), ["12/4"]);
        assert_eq!(found("wordt 17 op 2 april"), ["2 april"]);
        assert_eq!(found("Jarig op 21 mrt."), ["21 mrt"]);
        assert_eq!(found("16 jr, jarig op 1e okt"), ["1e okt"]);
    }

    #[test]
    fn look_alikes() {
        for t in [
            "gesprek op 15-6",
            "geb. 15-6-2009",
            "geboren 3 mei 2009",
            "jarig 32-6",
            "jarig 15-13",
            "verjaardag van oom 10.30 uur",
            "geb 1/2/3",
            "om 14.30 uur",
            "2 april afspraak met LKHA",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
