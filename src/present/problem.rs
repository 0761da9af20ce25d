//! How a problem with input reads, in the reader's language: the domain names it
//! ([`Problem`]), this puts it into words from `data/i18n.json` (keys `input.*`).

use crate::domain::problem::{Problem, Shown};
use crate::i18n::{Lang, t, tf};

fn shown(v: &Shown, lang: Lang) -> String {
    match v {
        Shown::Code(c) => format!("'{c}'"),
        Shown::Withheld => t(lang, "input.withheld").to_string(),
    }
}

/// serde's words for kinds of JSON value ("a sequence", "struct Client") in the reader's
/// language; a word it does not know stays as serde wrote it.
fn kind(word: &str, lang: Lang) -> String {
    let key = match word.trim_start_matches("a ").trim_start_matches("an ") {
        "string" | "borrowed string" | "char" => "input.kind.text",
        "sequence" | "tuple" => "input.kind.list",
        "map" | "unit" => "input.kind.object",
        w if w.starts_with("struct ") => "input.kind.object",
        "integer" | "floating point" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" => "input.kind.number",
        "boolean" => "input.kind.boolean",
        "null" | "option" => "input.kind.null",
        _ => return word.to_string(),
    };
    t(lang, key).to_string()
}

/// A date format as the reader writes it (`JJJJ-MM-DD` in Dutch).
fn format(f: &str, lang: Lang) -> String {
    match (lang, f) {
        (Lang::Nl, "YYYY-MM-DD") => "JJJJ-MM-DD".into(),
        _ => f.to_string(),
    }
}

/// The problem as the end of one sentence ("unknown code 'x' (expected one of: ...)").
pub fn sentence(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::UnknownCode { value, expected } => tf(
            lang,
            "input.unknown_code",
            &[("value", &shown(value, lang)), ("expected", &expected.join(", "))],
        ),
        Problem::UnknownPrompt { id, expected } => tf(
            lang,
            "input.unknown_prompt",
            &[("value", &shown(id, lang)), ("expected", &expected.join(", "))],
        ),
        Problem::NotACountry { value } => tf(lang, "input.not_a_country", &[("value", &shown(value, lang))]),
        Problem::TooLong { max } => tf(lang, "input.too_long", &[("max", &max.to_string())]),
        Problem::NotOneLine => t(lang, "input.not_one_line").into(),
        Problem::PrimaryNotAForm { value } => {
            tf(lang, "input.primary_not_a_form", &[("value", &shown(value, lang))])
        }
        Problem::ImpossibleDate { value, format: f } => {
            tf(lang, "input.impossible_date", &[("value", &shown(value, lang)), ("format", &format(f, lang))])
        }
        Problem::DateRequired => t(lang, "input.date_required").into(),
        Problem::MissingField { field } => tf(lang, "input.missing_field", &[("field", field)]),
        Problem::UnknownField { field, expected } => {
            tf(lang, "input.unknown_field", &[("field", field), ("expected", &expected.join(", "))])
        }
        Problem::DuplicateField { field } => tf(lang, "input.duplicate_field", &[("field", field)]),
        Problem::WrongType { found, expected } => tf(
            lang,
            "input.wrong_type",
            &[("found", &kind(found, lang)), ("expected", &kind(expected, lang))],
        ),
        Problem::NotAnObject => t(lang, "input.not_an_object").into(),
        Problem::Malformed { eof, column, detail } => tf(
            lang,
            if *eof { "input.malformed_eof" } else { "input.malformed" },
            &[("column", &column.to_string()), ("detail", detail)],
        ),
        Problem::Empty => t(lang, "input.empty").into(),
        Problem::EmptyArray => t(lang, "input.empty_array").into(),
        Problem::TooLarge { mb } => tf(lang, "input.too_large", &[("mb", &mb.to_string())]),
        Problem::Other(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_in_dutch_without_english_words() {
        let w = Shown::Withheld;
        let c = Shown::Code("x".into());
        let all = [
            Problem::UnknownCode { value: c.clone(), expected: vec!["a".into()] },
            Problem::UnknownPrompt { id: c.clone(), expected: vec!["facts".into()] },
            Problem::NotACountry { value: w.clone() },
            Problem::TooLong { max: 40 },
            Problem::NotOneLine,
            Problem::PrimaryNotAForm { value: c.clone() },
            Problem::ImpossibleDate { value: c.clone(), format: "YYYY-MM-DD".into() },
            Problem::DateRequired,
            Problem::MissingField { field: "text".into() },
            Problem::UnknownField { field: "colour".into(), expected: vec!["label".into()] },
            Problem::DuplicateField { field: "forms".into() },
            Problem::WrongType { found: "string".into(), expected: "a sequence".into() },
            Problem::WrongType { found: "integer".into(), expected: "struct FollowUp".into() },
            Problem::NotAnObject,
            Problem::Malformed { eof: true, column: 3, detail: "EOF while parsing".into() },
            Problem::Malformed { eof: false, column: 17, detail: "expected `,` or `}`".into() },
            Problem::Empty,
            Problem::EmptyArray,
            Problem::TooLarge { mb: 512 },
        ];
        for p in &all {
            let nl = sentence(p, Lang::Nl);
            let en = sentence(p, Lang::En);
            assert!(!nl.starts_with("input.") && !en.starts_with("input."), "{nl} / {en}");
            assert_ne!(nl, en, "{p:?}");
            for english in ["expected", "unknown", "field ", "invalid", "string", "sequence", "the ", "line"]
            {
                assert!(!nl.contains(english), "{nl:?} has {english:?}");
            }
        }
        let p = Problem::WrongType { found: "string".into(), expected: "a sequence".into() };
        assert_eq!(sentence(&p, Lang::Nl), "verkeerde soort waarde: tekst, verwacht een lijst");
        let p = Problem::ImpossibleDate { value: w, format: "YYYY-MM-DD".into() };
        assert!(sentence(&p, Lang::Nl).contains("niet herhaald"), "{}", sentence(&p, Lang::Nl));
    }
}
