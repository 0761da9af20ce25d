//! Checks a consultation against the catalogue: every code known, every prompt id known.
//! Errors name the field so a script author or worker can fix the input.

use super::catalogue::Catalogue;
use super::record::Consultation;
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

/// The chosen primary form must be one of the consultation's forms (checked for `add`,
/// `edit` and `import` input; the editor keeps it consistent itself).
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

/// Validates every coded field and prompt id of a consultation.
pub fn validate(c: &Consultation, cat: &Catalogue) -> Result<(), FieldError> {
    check_codes(cat, "form", "forms", &c.forms)?;
    if let Some(v) = &c.certainty {
        check_code(cat, "certainty", "certainty", v)?;
    }
    check_code(cat, "age_band", "client.age_band", &c.client.age_band)?;
    check_code(cat, "gender", "client.gender", &c.client.gender)?;
    check_code(cat, "location", "client.location", &c.client.location)?;
    if let Some(cc) = &c.client.country
        && super::country::by_code(cc).is_none()
    {
        {
            return Err(FieldError {
                field: "client.country".into(),
                message: format!("{} is not a country code (ISO 3166) such as MA, TR or SO", shown(cc)),
            });
        }
    }
    if let Some(v) = &c.urgency {
        check_code(cat, "urgency", "urgency", v)?;
    }
    for id in c.prompts.keys() {
        if cat.prompt(id).is_none() {
            let ids: Vec<&str> = cat.prompts().iter().map(|p| p.id.as_str()).collect();
            return Err(FieldError {
                field: format!("prompts.{id}"),
                message: format!("unknown prompt id '{id}' (expected one of: {})", ids.join(", ")),
            });
        }
    }
    check_code(cat, "status", "status", &c.status)?;
    check_code(cat, "consent", "consent.lkha_informed", &c.consent.lkha_informed)?;
    check_code(cat, "consent", "consent.share_with_ministry", &c.consent.share_with_ministry)?;
    check_code(cat, "consent", "consent.statistics", &c.consent.statistics)?;
    check_codes(cat, "signal", "signals", &c.signals)?;
    check_codes(cat, "motive", "motives", &c.motives)?;
    check_code(cat, "marriage_form", "marriage.form", &c.marriage.form)?;
    check_code(cat, "marriage_stage", "marriage.stage", &c.marriage.stage)?;
    if let Some(v) = &c.travel.situation {
        check_code(cat, "travel", "travel.situation", v)?;
    }
    check_codes(cat, "party", "parties", &c.parties)?;
    if let Some(v) = &c.meldcode_step {
        check_code(cat, "meldcode_step", "meldcode_step", v)?;
    }
    check_codes(cat, "advice_category", "advice_categories", &c.advice_categories)?;
    check_code(cat, "outcome", "outcome", &c.outcome)?;
    Ok(())
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

    #[test]
    fn primary_form_is_one_of_the_forms() {
        let mut c = base();
        assert_eq!(c.primary_form(), None);
        c.forms = vec!["forced_marriage".into(), "female_genital_mutilation".into()];
        assert_eq!(c.primary_form(), Some("forced_marriage"));
        c.primary_form = Some("female_genital_mutilation".into());
        assert_eq!(check_primary_form(&c), Ok(()));
        assert_eq!(c.primary_form(), Some("female_genital_mutilation"));
        c.primary_form = Some("abandonment".into());
        assert_eq!(check_primary_form(&c).unwrap_err().field, "primary_form");
        // A stale choice falls back to the first form rather than counting a form not held.
        assert_eq!(c.primary_form(), Some("forced_marriage"));
    }
}
