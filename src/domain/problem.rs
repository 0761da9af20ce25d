//! What is wrong with a piece of input, as data: the domain names the problem and the values
//! it may repeat; the edge puts it into the reader's language (`data/i18n.json`, keys
//! `input.*`). The English `Display` here is for logs and tests.

use std::fmt;

/// A rejected value as a message may repeat it: quoted when it looks like a code (so a typo
/// can be found), withheld otherwise. Someone may type a name where a code belongs, and an
/// error message is the one place the program would repeat it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Code(String),
    Withheld,
}

impl Shown {
    pub fn of(value: &str) -> Shown {
        let code_like = value.len() <= 40
            && (value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
                || (value.len() <= 3 && value.bytes().all(|b| b.is_ascii_uppercase())));
        if code_like { Shown::Code(value.to_string()) } else { Shown::Withheld }
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Code(v) => write!(f, "'{v}'"),
            Shown::Withheld => f.write_str("a value (not repeated: it may be personal data)"),
        }
    }
}

/// One problem with input (`add`, `edit`, an imported case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A code that is not in its list; `expected` are the list's codes.
    UnknownCode {
        value: Shown,
        expected: Vec<String>,
    },
    /// A prompt id the catalogue does not have.
    UnknownPrompt {
        id: Shown,
        expected: Vec<String>,
    },
    NotACountry {
        value: Shown,
    },
    /// A short line (the kenmerk) that is too long.
    TooLong {
        max: usize,
    },
    /// A short line with a tab, a line break or another control character.
    NotOneLine,
    /// The chosen primary form is not one of the consultation's forms.
    PrimaryNotAForm {
        value: Shown,
    },
    /// A date that does not exist or is not written as `format`.
    ImpossibleDate {
        value: Shown,
        format: String,
    },
    /// `consulted_on` is missing: the one field a consultation needs.
    DateRequired,
    MissingField {
        field: String,
    },
    /// A key the consultation does not have; `expected` are the keys it has.
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    DuplicateField {
        field: String,
    },
    /// A value of the wrong JSON type, in serde's words (`string`, `a sequence`, ...).
    WrongType {
        found: String,
        expected: String,
    },
    NotAnObject,
    /// Not JSON: `eof` when the text ends too early; `column` on the reported line.
    Malformed {
        eof: bool,
        column: usize,
        detail: String,
    },
    Empty,
    EmptyArray,
    TooLarge {
        mb: usize,
    },
    /// Anything else serde reports, its values withheld unless they look like codes.
    Other(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownCode { value, expected } => {
                write!(f, "unknown code {value} (expected one of: {})", expected.join(", "))
            }
            Problem::UnknownPrompt { id, expected } => {
                write!(f, "unknown prompt id {id} (expected one of: {})", expected.join(", "))
            }
            Problem::NotACountry { value } => {
                write!(f, "{value} is not a country code (ISO 3166) such as MA, TR or SO")
            }
            Problem::TooLong { max } => write!(f, "at most {max} characters"),
            Problem::NotOneLine => f.write_str("one line, without tabs or control characters"),
            Problem::PrimaryNotAForm { value } => write!(
                f,
                "the primary form {value} is not one of 'forms'; add it to 'forms' or choose one of them"
            ),
            Problem::ImpossibleDate { value, format } => {
                write!(f, "impossible date {value} (expected {format})")
            }
            Problem::DateRequired => {
                f.write_str("the consultation date 'consulted_on' (YYYY-MM-DD) is required")
            }
            Problem::MissingField { field } => write!(f, "missing field `{field}`"),
            Problem::UnknownField { field, expected } => {
                let expected: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
                write!(f, "unknown field `{field}`, expected one of {}", expected.join(", "))
            }
            Problem::DuplicateField { field } => write!(f, "duplicate field `{field}`"),
            Problem::WrongType { found, expected } => write!(f, "invalid type: {found}, expected {expected}"),
            Problem::NotAnObject => f.write_str("expected a JSON object for a consultation"),
            Problem::Malformed { detail, .. } => write!(f, "malformed JSON: {detail}"),
            Problem::Empty => f.write_str("the input is empty; expected a JSON object, array or JSON Lines"),
            Problem::EmptyArray => f.write_str("the array is empty; nothing to add"),
            Problem::TooLarge { mb } => write!(
                f,
                "the input is larger than {mb} MB; split it into smaller files and add them one by one"
            ),
            Problem::Other(s) => f.write_str(s),
        }
    }
}

/// The names between backticks in serde's lists (`` `a`, `b` ``).
fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// The first name between backticks.
fn first_backticked(s: &str) -> String {
    backticked(s).into_iter().next().unwrap_or_default()
}

impl Problem {
    /// Reads one of serde's data-error messages (without its position) into a problem. Its
    /// values are never kept: a wrong type names only the kind of value found.
    pub fn from_serde(msg: &str) -> Problem {
        if let Some(rest) = msg.strip_prefix("missing field ") {
            let field = first_backticked(rest);
            return if field == "consulted_on" {
                Problem::DateRequired
            } else {
                Problem::MissingField { field }
            };
        }
        if let Some(rest) = msg.strip_prefix("unknown field ") {
            let (field, expected) = rest.split_once(", ").unwrap_or((rest, ""));
            return Problem::UnknownField { field: first_backticked(field), expected: backticked(expected) };
        }
        if let Some(rest) = msg.strip_prefix("duplicate field ") {
            return Problem::DuplicateField { field: first_backticked(rest) };
        }
        if let Some(rest) = msg.strip_prefix("impossible date '")
            && let Some((value, format)) = rest.split_once("' (expected ")
        {
            let format = format.strip_suffix(')').unwrap_or(format).to_string();
            return Problem::ImpossibleDate { value: Shown::of(value), format };
        }
        for prefix in ["invalid type: ", "invalid value: "] {
            if let Some(rest) = msg.strip_prefix(prefix)
                && let Some((found, expected)) = rest.rsplit_once(", expected ")
            {
                // "string \"Fatima\"", "integer `5`", "map": the kind, never the value.
                let kind = found.split(['"', '`', '\'']).next().unwrap_or(found).trim().to_string();
                return Problem::WrongType { found: kind, expected: expected.to_string() };
            }
        }
        Problem::Other(withhold_values(msg))
    }
}

/// serde quotes the offending value (`invalid type: string "..."`, `` unknown variant `...` ``);
/// keep it only when it looks like a code.
fn withhold_values(msg: &str) -> String {
    static VALUE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(string|variant) ("((?:[^"\\]|\\.)*)"|`([^`]*)`)"#).ok()
    });
    let Some(re) = VALUE.as_ref() else { return msg.to_string() };
    re.replace_all(msg, |c: &regex::Captures| {
        let value = c.get(3).or(c.get(4)).map_or("", |m| m.as_str());
        format!("{} {}", &c[1], Shown::of(value))
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_problems_without_their_values() {
        let p = Problem::from_serde("unknown field `urgncy`, expected one of `consulted_on`, `label`");
        assert_eq!(
            p,
            Problem::UnknownField {
                field: "urgncy".into(),
                expected: vec!["consulted_on".into(), "label".into()]
            }
        );
        assert_eq!(p.to_string(), "unknown field `urgncy`, expected one of `consulted_on`, `label`");
        assert_eq!(Problem::from_serde("missing field `consulted_on`"), Problem::DateRequired);
        assert_eq!(
            Problem::from_serde("missing field `text`"),
            Problem::MissingField { field: "text".into() }
        );
        assert_eq!(
            Problem::from_serde("duplicate field `forms`"),
            Problem::DuplicateField { field: "forms".into() }
        );
        let p = Problem::from_serde(r#"invalid type: string "Fatima Yilmaz", expected a sequence"#);
        assert_eq!(p, Problem::WrongType { found: "string".into(), expected: "a sequence".into() });
        assert!(!p.to_string().contains("Fatima"));
        let p = Problem::from_serde("invalid type: floating point `1.5`, expected a string");
        assert_eq!(p, Problem::WrongType { found: "floating point".into(), expected: "a string".into() });
        let p = Problem::from_serde("impossible date 'Fatima' (expected YYYY-MM-DD)");
        assert_eq!(p, Problem::ImpossibleDate { value: Shown::Withheld, format: "YYYY-MM-DD".into() });
        let p = Problem::from_serde("impossible date '2026-13-01' (expected YYYY-MM-DD)");
        assert_eq!(p.to_string(), "impossible date '2026-13-01' (expected YYYY-MM-DD)");
        let p = Problem::from_serde(r#"unknown variant "Fatima Yilmaz""#);
        assert!(matches!(&p, Problem::Other(s) if !s.contains("Fatima")), "{p}");
    }

    #[test]
    fn only_code_like_values_are_shown() {
        assert_eq!(Shown::of("forced_mariage"), Shown::Code("forced_mariage".into()));
        assert_eq!(Shown::of("MA"), Shown::Code("MA".into()));
        assert_eq!(Shown::of("Fatima"), Shown::Withheld);
        assert_eq!(Shown::of("fatima yilmaz"), Shown::Withheld);
    }
}
