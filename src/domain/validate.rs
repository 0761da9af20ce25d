//! Checks a consultation against the catalogue: every code known, every prompt id known.
//! Errors name the field so a script author or worker can fix the input.

use super::catalogue::Catalogue;
use super::problem::{Problem, Shown};
use super::record::Consultation;
use super::schema::{FIELDS, Kind, Value};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

fn check_code(cat: &Catalogue, list: &str, field: &str, value: &str) -> Result<(), FieldError> {
    let l = cat.list(list);
    if l.contains(value) {
        return Ok(());
    }
    let expected = l.ids().map(str::to_string).collect();
    Err(FieldError {
        field: field.to_string(),
        problem: Problem::UnknownCode { value: Shown::of(value), expected },
    })
}

fn check_codes(cat: &Catalogue, list: &str, field: &str, values: &[String]) -> Result<(), FieldError> {
    for (i, v) in values.iter().enumerate() {
        check_code(cat, list, &format!("{field}[{i}]"), v)?;
    }
    Ok(())
}

/// A short line (the kenmerk): at most `max` characters, one line, no control characters.
/// The text itself is never repeated: it may hold personal data.
fn check_line(field: &str, s: &str, max: usize) -> Result<(), FieldError> {
    let problem = if s.chars().count() > max {
        Problem::TooLong { max }
    } else if s.chars().any(char::is_control) {
        Problem::NotOneLine
    } else {
        return Ok(());
    };
    Err(FieldError { field: field.to_string(), problem })
}

/// The chosen primary form must be one of the consultation's forms (checked for `add`,
/// `edit` and `import` input, and by the editor on save).
pub fn check_primary_form(c: &Consultation) -> Result<(), FieldError> {
    match &c.primary_form {
        Some(p) if !c.forms.contains(p) => Err(FieldError {
            field: "primary_form".into(),
            problem: Problem::PrimaryNotAForm { value: Shown::of(p) },
        }),
        _ => Ok(()),
    }
}

/// Validates every coded field, the country and the prompt ids of a consultation, field by
/// field as the schema describes them.
pub fn validate(c: &Consultation, cat: &Catalogue) -> Result<(), FieldError> {
    for f in FIELDS {
        match (f.kind, (f.read)(c)) {
            (Kind::Code { list, .. }, Value::Code(Some(v))) => check_code(cat, list.name(), f.key, &v)?,
            (Kind::Codes(list), Value::Codes(v)) => check_codes(cat, list.name(), f.key, &v)?,
            (Kind::Country, Value::Code(Some(cc))) if super::country::by_code(&cc).is_none() => {
                return Err(FieldError {
                    field: f.key.into(),
                    problem: Problem::NotACountry { value: Shown::of(&cc) },
                });
            }
            (Kind::Line { max }, Value::Text(s)) => check_line(f.key, &s, max)?,
            (Kind::Prompts, _) => {
                for id in c.prompts.keys() {
                    if cat.prompt(id).is_none() {
                        let expected = cat.prompts().iter().map(|p| p.id.clone()).collect();
                        return Err(FieldError {
                            field: format!("prompts.{id}"),
                            problem: Problem::UnknownPrompt { id: Shown::of(id), expected },
                        });
                    }
                }
            }
            _ => {}
        }
    }
    check_primary_form(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;

    fn base() -> Consultation {
        Consultation::new(Date::parse_iso("2026-03-01").unwrap())
    }

    #[test]
    fn empty_consultation_is_valid() {
        assert_eq!(validate(&base(), Catalogue::builtin()), Ok(()));
    }

    #[test]
    fn unknown_codes_name_the_field() {
        let cat = Catalogue::builtin();
        let mut c = base();
        c.client.age_band = "17-19".into();
        assert_eq!(validate(&c, cat).unwrap_err().field, "client.age_band");
        let mut c = base();
        c.forms = vec!["forced_marriage".into(), "bogus".into()];
        assert_eq!(validate(&c, cat).unwrap_err().field, "forms[1]");
        let mut c = base();
        c.prompts.insert("weather".into(), "x".into());
        assert_eq!(validate(&c, cat).unwrap_err().field, "prompts.weather");
        let mut c = base();
        c.client.country = Some("Marokko".into());
        assert_eq!(validate(&c, cat).unwrap_err().field, "client.country");
        let mut c = base();
        c.consent.statistics = "maybe".into();
        assert_eq!(validate(&c, cat).unwrap_err().field, "consent.statistics");
    }
}
