//! Reads consultations from JSON as `add` and `edit` accept it: one object, an array, or JSON
//! Lines. Errors name the line and the field.

use super::catalogue::Catalogue;
use super::problem::Problem;
use super::record::Consultation;
use super::validate::validate;
use serde_json::Value;
use serde_json::value::RawValue;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub line: Option<usize>,
    pub field: Option<String>,
    pub problem: Problem,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = self.line {
            write!(f, "line {l}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for InputError {}

/// Keys that `list --json` prints but input may not set (the record's own: id, times,
/// history, sharing); dropped so that exported records can be added to another vault.
const OUTPUT_ONLY: [&str; 7] = super::flat::RECORD_KEYS;

/// The largest input `add` takes at once (bytes): beyond it, split the file.
pub const MAX_INPUT_BYTES: usize = 512 * 1024 * 1024;

/// The error for an input over [`MAX_INPUT_BYTES`].
pub fn too_large() -> InputError {
    InputError { line: None, field: None, problem: Problem::TooLarge { mb: MAX_INPUT_BYTES / (1024 * 1024) } }
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

/// The error for text that is not JSON at all (a whole file, as `edit` reads it).
pub fn malformed(e: &serde_json::Error) -> InputError {
    syntax(1, e)
}

fn syntax(line: usize, e: &serde_json::Error) -> InputError {
    // serde_json counts lines from the start of the slice it was given.
    let msg = e.to_string();
    InputError {
        line: Some(line + e.line().saturating_sub(1)),
        field: None,
        problem: Problem::Malformed {
            eof: e.is_eof(),
            column: e.column(),
            detail: without_position(&msg).to_string(),
        },
    }
}

/// A consultation as input gives it: the keys `list --json` prints but input may not set
/// ([`OUTPUT_ONLY`]) are passed over, every other key belongs to the consultation.
struct Input(Consultation);

/// Takes the output-only keys and drops their values.
struct OutputOnly;

impl<'de> super::flat::Around<'de> for OutputOnly {
    const KEYS: &'static [&'static str] = &OUTPUT_ONLY;

    fn take<A: serde::de::MapAccess<'de>>(&mut self, _: &str, map: &mut A) -> Result<(), A::Error> {
        map.next_value::<serde::de::IgnoredAny>().map(drop)
    }
}

impl<'de> serde::Deserialize<'de> for Input {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Input, D::Error> {
        struct InputVisitor;
        impl<'de> serde::de::Visitor<'de> for InputVisitor {
            type Value = Input;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object for a consultation")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Input, A::Error> {
                super::flat::consultation_within(map, &mut OutputOnly).map(Input)
            }
        }
        d.deserialize_map(InputVisitor)
    }
}

fn not_an_object(line: Option<usize>) -> InputError {
    InputError { line, field: None, problem: Problem::NotAnObject }
}

/// serde_json's own messages end in " at line L column C" when read from text; the line is
/// reported apart.
fn without_position(msg: &str) -> &str {
    match msg.rsplit_once(" at line ") {
        Some((head, tail))
            if tail.split_once(" column ").is_some_and(|(l, c)| {
                [l, c].iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            }) =>
        {
            head
        }
        _ => msg,
    }
}

/// Reads one consultation from `d` (text or a parsed value), with the path of what is wrong.
fn read_consultation<'de, D: serde::Deserializer<'de, Error = serde_json::Error>>(
    d: D,
) -> Result<Consultation, serde_path_to_error::Error<serde_json::Error>> {
    serde_path_to_error::deserialize::<_, Input>(d).map(|i| i.0)
}

fn data_error(e: serde_path_to_error::Error<serde_json::Error>, line: Option<usize>) -> InputError {
    let path = e.path().to_string();
    let inner = e.into_inner().to_string();
    let field = if path == "." { None } else { Some(path) };
    InputError { line, field, problem: Problem::from_serde(without_position(&inner)) }
}

fn validated(c: Consultation, line: Option<usize>, cat: &Catalogue) -> Result<Consultation, InputError> {
    validate(&c, cat).and_then(|()| super::validate::check_primary_form(&c)).map_err(|fe| InputError {
        line,
        field: Some(fe.field),
        problem: fe.problem,
    })?;
    Ok(c)
}

/// Turns one JSON object into a validated consultation.
pub fn consultation_from_value(
    v: Value,
    line: Option<usize>,
    cat: &Catalogue,
) -> Result<Consultation, InputError> {
    if !v.is_object() {
        return Err(not_an_object(line));
    }
    let c = read_consultation(v).map_err(|e| data_error(e, line))?;
    validated(c, line, cat)
}

/// Parses one consultation's JSON, found by [`split_consultations`] on line `line`, straight
/// from the text (no intermediate `Value`: that doubled the cost of reading a large file).
pub fn parse_one(line: usize, raw: &str, cat: &Catalogue) -> Result<Consultation, InputError> {
    if !raw.trim_start().starts_with('{') {
        // Malformed JSON is still reported as such, with its line.
        serde_json::from_str::<serde::de::IgnoredAny>(raw).map_err(|e| syntax(line, &e))?;
        return Err(not_an_object(Some(line)));
    }
    let mut de = serde_json::Deserializer::from_str(raw);
    let c = match read_consultation(&mut de) {
        Ok(c) => c,
        Err(e) if e.inner().is_syntax() || e.inner().is_eof() => return Err(syntax(line, e.inner())),
        Err(e) => return Err(data_error(e, Some(line))),
    };
    de.end().map_err(|e| syntax(line, &e))?;
    validated(c, Some(line), cat)
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
        return Err(InputError { line: None, field: None, problem: Problem::Empty });
    }
    if trimmed.starts_with('[') {
        let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| syntax(1, &e))?;
        if items.is_empty() {
            return Err(InputError { line: None, field: None, problem: Problem::EmptyArray });
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
        // A value of the wrong type is not repeated at all, only its kind.
        let e = err(r#"{"consulted_on": "2026-01-01", "forms": "Fatima Yilmaz"}"#);
        assert_eq!(e, "line 1: forms: invalid type: string, expected a sequence");
        // A name typed where a code or list belongs is not echoed back.
        for json in [
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
        assert!(e.to_string().contains("impossible date"), "{e}");
        let e = parse_consultations("{\"forms\":[]}", cat()).unwrap_err();
        assert!(e.to_string().contains("consulted_on"), "{e}");
        let e = parse_consultations("{\n\"consulted_on\": \"2026-01-02\",\n\"forms\": [,]\n}", cat())
            .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let arr = "[\n{\"consulted_on\":\"2026-01-02\"},\n{\"consulted_on\":\"2026-01-02\",\"prompts\":{\"x\":\"y\"}}\n]";
        let e = parse_consultations(arr, cat()).unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(3), Some("prompts.x")));
        let e = parse_consultations("{\"consulted_on\":\"2026-01-02\",\"colour\":1}", cat()).unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
        assert_eq!(e.field.as_deref(), Some("colour"));
        // Read straight from the text: the position serde_json adds is not repeated.
        let e = parse_consultations("{\"consulted_on\":\"2026-01-02\",\n\"forms\": 5}", cat()).unwrap_err();
        assert!(!e.to_string().contains("column"), "{e}");
        assert_eq!((e.line, e.field.as_deref()), (Some(1), Some("forms")));
        let e = parse_consultations("[5]", cat()).unwrap_err();
        assert!(e.to_string().contains("expected a JSON object"), "{e}");
        let e = parse_consultations("{\"consulted_on\":\"2026-01-02\"} x", cat()).unwrap_err();
        assert!(e.to_string().contains("malformed JSON"), "{e}");
    }

    #[test]
    fn escaped_keys_and_values_read_as_plain_ones() {
        let s = r#"{"consulted\u005fon":"2026-01-02","i\u0064":"x","prompts":{"facts":"a \"quote\""}}"#;
        let c = parse_consultations(s, cat()).unwrap().remove(0);
        assert_eq!(c.prompts["facts"], "a \"quote\"");
        let v: Value = serde_json::from_str(s).unwrap();
        assert_eq!(consultation_from_value(v, None, cat()).unwrap(), c);
        let twice = r#"{"consulted_on":"2026-01-02","forms":[],"forms":[]}"#;
        assert!(parse_consultations(twice, cat()).unwrap_err().to_string().contains("duplicate field"));
    }

    #[test]
    fn merge_patch_replaces_and_clears() {
        let mut t = serde_json::json!({"a": 1, "c": {"x": 1, "y": 2}, "l": [1, 2]});
        merge_patch(&mut t, &serde_json::json!({"a": null, "c": {"y": 3}, "l": [9]}));
        assert_eq!(t, serde_json::json!({"c": {"x": 1, "y": 3}, "l": [9]}));
    }

    #[test]
    fn output_only_keys_are_ignored() {
        let s = r#"{"id":"x","history":[],"created":"t","updated":"t","consulted_on":"2026-01-02","shared":[{"to":["a"],"at":"t"}]}"#;
        assert!(parse_consultations(s, cat()).is_ok());
    }
}
