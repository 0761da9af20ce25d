//! Checks a consultation against the catalogue: every code known, every prompt id known.
//! Errors name the field so a script author or worker can fix the input.

use super::catalogue::Catalogue;
use super::record::Consultation;
use super::schema::{FIELDS, Kind, Value};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// A rejected value as the error message shows it: quoted when it looks like a code (so a
/// typo can be found), withheld otherwise. Someone may type a name where a code belongs, and
/// an error message is the one place the program would repeat it.
pub fn shown(value: &str) -> String {
    let code_like = value.len() <= 40
        && (value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
            || (value.len() <= 3 && value.bytes().all(|b| b.is_ascii_uppercase())));
    if code_like { format!("'{value}'") } else { "a value (not repeated: it may be personal data)".into() }
}

fn check_code(cat: &Catalogue, list: &str, field: &str, value: &str) -> Result<(), FieldError> {
    let l = cat.list(list);
    if l.contains(value) {
        return Ok(());
    }
    let expected: Vec<&str> = l.ids().collect();
    Err(FieldError {
        field: field.to_string(),
        message: format!("unknown code {} (expected one of: {})", shown(value), expected.join(", ")),
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
    let message = if s.chars().count() > max {
        format!("at most {max} characters")
    } else if s.chars().any(char::is_control) {
        "one line, without tabs or control characters".to_string()
    } else {
        return Ok(());
    };
    Err(FieldError { field: field.to_string(), message })
}

/// The chosen primary form must be one of the consultation's forms (checked for `add`,
/// `edit` and `import` input, and by the editor on save).
pub fn check_primary_form(c: &Consultation) -> Result<(), FieldError> {
    match &c.primary_form {
        Some(p) if !c.forms.contains(p) => Err(FieldError {
            field: "primary_form".into(),
            message: format!(
                "the primary form {} is not one of 'forms'; add it to 'forms' or choose one of them",
                shown(p)
            ),
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
                    message: format!("{} is not a country code (ISO 3166) such as MA, TR or SO", shown(&cc)),
                });
            }
            (Kind::Line { max }, Value::Text(s)) => check_line(f.key, &s, max)?,
            (Kind::Prompts, _) => {
                for id in c.prompts.keys() {
                    if cat.prompt(id).is_none() {
                        let ids: Vec<&str> = cat.prompts().iter().map(|p| p.id.as_str()).collect();
                        return Err(FieldError {
                            field: format!("prompts.{id}"),
                            message: format!(
                                "unknown prompt id '{id}' (expected one of: {})",
                                ids.join(", ")
                            ),
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
