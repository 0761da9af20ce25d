//! Reads consultations from JSON as `add` and `edit` accept it: one object, an array, or JSON
//! Lines. Errors name the line and the field.

use super::catalogue::Catalogue;
use super::record::Consultation;
use super::validate::validate;
use serde_json::Value;
use serde_json::value::RawValue;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub line: Option<usize>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = self.line {
            write!(f, "line {l}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// Keys that `list --json` prints but input may not set; dropped so that exported records
/// can be added to another vault.
const OUTPUT_ONLY: [&str; 6] = ["id", "created", "updated", "history", "received", "received_advice"];

/// The largest input `add` takes at once (bytes): beyond it, split the file.
pub const MAX_INPUT_BYTES: usize = 512 * 1024 * 1024;

/// The error for an input over [`MAX_INPUT_BYTES`].
pub fn too_large() -> InputError {
    InputError {
        line: None,
        field: None,
        message: format!(
            "the input is larger than {} MB; split it into smaller files and add them one by one",
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    }
}

/// Line numbers of parts of one text, found in one pass however many parts there are
/// (counting from the start for each part made adding 40,000 records take half a minute).
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { text, offset: 0, line: 1 }
    }

    /// The line `part` starts on; parts must come in the order they appear in the text.
    fn of(&mut self, part: &str) -> usize {
        let offset = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        if offset < self.offset {
            *self = Lines::new(self.text);
        }
        if let Some(between) = self.text.get(self.offset..offset) {
            self.line += between.bytes().filter(|&b| b == b'\n').count();
            self.offset = offset;
        }
        self.line
    }
}

/// serde quotes the offending value (`invalid type: string "..."`, `` unknown variant `...` ``);
/// keep it only when it looks like a code, as `validate::shown` decides.
fn withhold_values(msg: &str) -> String {
    static VALUE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(string|variant) ("((?:[^"\\]|\\.)*)"|`([^`]*)`)"#).ok()
    });
    let Some(re) = VALUE.as_ref() else { return msg.to_string() };
    re.replace_all(msg, |c: &regex::Captures| {
        let value = c.get(3).or(c.get(4)).map_or("", |m| m.as_str());
        format!("{} {}", &c[1], super::validate::shown(value))
    })
    .into_owned()
}

fn syntax(line: usize, e: &serde_json::Error) -> InputError {
    // serde_json counts lines from the start of the slice it was given.
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    InputError {
        line: Some(line + e.line().saturating_sub(1)),
        field: None,
        message: format!("malformed JSON: {msg}"),
    }
}

/// Turns one JSON object into a validated consultation.
pub fn consultation_from_value(
    mut v: Value,
    line: Option<usize>,
    cat: &Catalogue,
) -> Result<Consultation, InputError> {
    let Value::Object(map) = &mut v else {
        return Err(InputError {
            line,
            field: None,
            message: "expected a JSON object for a consultation".into(),
        });
    };
    for k in OUTPUT_ONLY {
        map.remove(k);
    }
    let c: Consultation = serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let field = if path == "." { None } else { Some(path) };
        let message = if inner.starts_with("missing field `consulted_on`") {
            "the consultation date 'consulted_on' (YYYY-MM-DD) is required".to_string()
        } else {
            withhold_values(&inner)
        };
        InputError { line, field, message }
    })?;
    validate(&c, cat).and_then(|()| super::validate::check_primary_form(&c)).map_err(|fe| InputError {
        line,
        field: Some(fe.field),
        message: fe.message,
    })?;
    Ok(c)
}

/// Parses one consultation's JSON, found by [`split_consultations`] on line `line`.
pub fn parse_one(line: usize, raw: &str, cat: &Catalogue) -> Result<Consultation, InputError> {
    let v: Value = serde_json::from_str(raw).map_err(|e| syntax(line, &e))?;
    consultation_from_value(v, Some(line), cat)
}

/// Parses one object, an array of objects, or JSON Lines. All or nothing.
pub fn parse_consultations(text: &str, cat: &Catalogue) -> Result<Vec<Consultation>, InputError> {
    split_consultations(text)?.into_iter().map(|(line, raw)| parse_one(line, raw, cat)).collect()
}

/// The consultations in one object, an array of objects, or JSON Lines, each as its JSON
/// text with the line it starts on, not yet parsed (so that they can be parsed on several
/// cores with [`parse_one`]; the first error in input order is the one to report).
pub fn split_consultations(text: &str) -> Result<Vec<(usize, &str)>, InputError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    let mut at = Lines::new(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(InputError {
            line: None,
            field: None,
            message: "the input is empty; expected a JSON object, array or JSON Lines".into(),
        });
    }
    if trimmed.starts_with('[') {
        let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| syntax(1, &e))?;
        if items.is_empty() {
            return Err(InputError {
                line: None,
                field: None,
                message: "the array is empty; nothing to add".into(),
            });
        }
        return Ok(items.iter().map(|raw| (at.of(raw.get()), raw.get())).collect());
    }
    let lines: Vec<(usize, &str)> = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).collect();
    let is_json_lines = lines.len() > 1
        && lines.iter().all(|(_, l)| l.trim_start().starts_with('{') && l.trim_end().ends_with('}'));
    if is_json_lines {
        return Ok(lines.iter().map(|(_, l)| (at.of(l), *l)).collect());
    }
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| syntax(1, &e))?;
    Ok(vec![(at.of(raw.get()), raw.get())])
}

/// Applies a JSON merge patch (RFC 7396): objects merge key by key, `null` clears a field,
/// anything else replaces it. This is what `edit ID FILE` means by "replace fields".
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> &'static Catalogue {
        Catalogue::builtin()
    }

    #[test]
    fn rejected_values_are_repeated_only_when_they_look_like_codes() {
        let err = |json: &str| parse_consultations(json, cat()).unwrap_err().to_string();
        // A name typed where a code or list belongs is not echoed back.
        for json in [
            r#"{"consulted_on": "2026-01-01", "forms": "Fatima Yilmaz"}"#,
            r#"{"consulted_on": "2026-01-01", "forms": ["Fatima Yilmaz"]}"#,
            r#"{"consulted_on": "2026-01-01", "client": {"country": "Fatima"}}"#,
            r#"{"consulted_on": "2026-01-01", "urgency": "Fatima"}"#,
        ] {
            let e = err(json);
            assert!(!e.contains("Fatima"), "{e}");
            assert!(e.contains("not repeated"), "{e}");
        }
        // A typo in a code is: that is how the author finds it.
        let e = err(r#"{"consulted_on": "2026-01-01", "forms": ["forced_mariage"]}"#);
        assert!(e.contains("'forced_mariage'"), "{e}");
        assert!(e.contains("forms[0]"), "{e}");
    }

    #[test]
    fn line_numbers_are_found_in_one_pass_for_every_form() {
        let lines = "{\"consulted_on\": \"2026-01-01\"}\n\n{\"consulted_on\": \"2026-01-01\"}\n{\"consulted_on\": \"bad\"}";
        assert_eq!(parse_consultations(lines, cat()).unwrap_err().line, Some(4));
        let array = "[\n{\"consulted_on\": \"2026-01-01\"},\n\n{\"consulted_on\": \"x\"}]";
        assert_eq!(parse_consultations(array, cat()).unwrap_err().line, Some(4));
    }

    #[test]
    fn single_array_and_lines() {
        assert_eq!(parse_consultations(r#"{"consulted_on":"2026-01-02"}"#, cat()).unwrap().len(), 1);
        let pretty = "{\n  \"consulted_on\": \"2026-01-02\",\n  \"forms\": [\"abandonment\"]\n}\n";
        assert_eq!(parse_consultations(pretty, cat()).unwrap()[0].forms, ["abandonment"]);
        let arr = r#"[{"consulted_on":"2026-01-02"},{"consulted_on":"2026-01-03"}]"#;
        assert_eq!(parse_consultations(arr, cat()).unwrap().len(), 2);
        let jl = "{\"consulted_on\":\"2026-01-02\"}\n\n{\"consulted_on\":\"2026-01-03\"}\n";
        assert_eq!(parse_consultations(jl, cat()).unwrap().len(), 2);
    }

    #[test]
    fn errors_name_line_and_field() {
        let jl = "{\"consulted_on\":\"2026-01-02\"}\n{\"consulted_on\":\"2026-01-03\",\"client\":{\"age_band\":\"40-50\"}}\n";
        let e = parse_consultations(jl, cat()).unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(2), Some("client.age_band")));
        let e = parse_consultations("{\"consulted_on\":\"2026-02-30\"}", cat()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("consulted_on"));
        assert!(e.message.contains("impossible date"), "{e}");
        let e = parse_consultations("{\"forms\":[]}", cat()).unwrap_err();
        assert!(e.message.contains("consulted_on"), "{e}");
        let e = parse_consultations("{\n\"consulted_on\": \"2026-01-02\",\n\"forms\": [,]\n}", cat())
            .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let arr = "[\n{\"consulted_on\":\"2026-01-02\"},\n{\"consulted_on\":\"2026-01-02\",\"prompts\":{\"x\":\"y\"}}\n]";
        let e = parse_consultations(arr, cat()).unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(3), Some("prompts.x")));
        let e = parse_consultations("{\"consulted_on\":\"2026-01-02\",\"colour\":1}", cat()).unwrap_err();
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn merge_patch_replaces_and_clears() {
        let mut t = serde_json::json!({"a": 1, "c": {"x": 1, "y": 2}, "l": [1, 2]});
        merge_patch(&mut t, &serde_json::json!({"a": null, "c": {"y": 3}, "l": [9]}));
        assert_eq!(t, serde_json::json!({"c": {"x": 1, "y": 3}, "l": [9]}));
    }

    #[test]
    fn output_only_keys_are_ignored() {
        let s = r#"{"id":"x","history":[],"created":"t","updated":"t","consulted_on":"2026-01-02"}"#;
        assert!(parse_consultations(s, cat()).is_ok());
    }
}
