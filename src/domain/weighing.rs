//! The afwegingskader (Meldcode step 4) as guidance: its questions, compiled in from
//! `data/afwegingskader.json` in Dutch and English, so the wording can be checked and
//! changed without touching code.

use serde::Deserialize;
use std::sync::LazyLock;

/// One question of the framework and what a decisive answer leads to.
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    pub nl: String,
    pub en: String,
    pub then_nl: String,
    pub then_en: String,
}

/// The framework: a title line, the questions in order, and the note for the forms the
/// LKHA handles.
#[derive(Debug, Clone, Deserialize)]
pub struct Framework {
    pub version: u32,
    pub source: String,
    pub title_nl: String,
    pub title_en: String,
    pub questions: Vec<Question>,
    pub note_nl: String,
    pub note_en: String,
}

/// The Meldcode step (its code in the `meldcode_step` list) at which the framework applies.
pub const STEP: &str = "4";

const JSON: &str = include_str!("../../data/afwegingskader.json");

static BUILTIN: LazyLock<Framework> = LazyLock::new(|| {
    // Part of the build and checked by a test: a broken file is a build defect.
    #[allow(clippy::expect_used)]
    serde_json::from_str(JSON).expect("compiled-in afwegingskader is valid")
});

/// The framework compiled into this build.
pub fn builtin() -> &'static Framework {
    &BUILTIN
}

impl Framework {
    /// The guidance as lines to show, in Dutch (`dutch`) or English: the title, each
    /// question numbered with where an answer leads, and the note.
    pub fn lines(&self, dutch: bool) -> Vec<String> {
        let pick = |nl: &String, en: &String| if dutch { nl.clone() } else { en.clone() };
        let mut out = vec![pick(&self.title_nl, &self.title_en)];
        for (i, q) in self.questions.iter().enumerate() {
            out.push(format!("{}. {} — {}", i + 1, pick(&q.nl, &q.en), pick(&q.then_nl, &q.then_en)));
        }
        out.push(pick(&self.note_nl, &self.note_en));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_questions_are_there_in_both_languages() {
        let f = builtin();
        assert_eq!(f.questions.len(), 5);
        assert!(f.questions[0].nl.starts_with("Is er een vermoeden"));
        for q in &f.questions {
            for s in [&q.nl, &q.en, &q.then_nl, &q.then_en] {
                assert!(!s.trim().is_empty());
            }
        }
        assert_eq!(f.lines(true).len(), 7);
        assert!(f.lines(false)[1].starts_with("1. Is there a suspicion"));
        assert!(super::super::schema::List::MeldcodeStep.codes().contains(STEP));
    }
}
