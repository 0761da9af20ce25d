//! The files that travel between vaults: a bundle of consultations (worker -> adviser) and a
//! reply with advice (adviser -> worker), as age-encrypted JSON that the reference `age`
//! tool can decrypt and produce.

use super::ShareError;
use crate::domain::input::consultation_from_value;
use crate::domain::{Catalogue, Consultation, Date, Record};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::str::FromStr;
use zeroize::Zeroizing;

pub const BUNDLE_FORMAT: &str = "consultlog-bundle";
pub const REPLY_FORMAT: &str = "consultlog-reply";
/// Version 2 adds the signature, the sender's card and the recipients (see `signed`).
pub const VERSION: u64 = 2;

/// What of a consultation leaves the machine: its coded fields, the planned departure date
/// (the case's clock, not an identifier) and its (checked) texts. Not its history.
pub fn shareable(r: &Record) -> Value {
    let mut v = serde_json::to_value(&r.consultation).unwrap_or_default();
    if let Value::Object(m) = &mut v {
        m.insert("id".into(), r.id.clone().into());
    }
    v
}

/// What an adviser receives of `r`, field by field: `(path, value)` for every filled-in
/// field of [`shareable`], in the bundle's own order (texts whole, codes as codes). The share
/// dialog shows this, so what leaves is what the worker saw.
pub fn preview(r: &Record) -> Vec<(String, String)> {
    fn walk(path: &str, v: &Value, out: &mut Vec<(String, String)>) {
        match v {
            Value::Null => {}
            Value::String(s) if s.trim().is_empty() => {}
            Value::String(s) => out.push((path.to_string(), s.clone())),
            Value::Bool(b) => out.push((path.to_string(), b.to_string())),
            Value::Number(n) => out.push((path.to_string(), n.to_string())),
            Value::Array(items) if items.iter().all(|i| !i.is_object()) => {
                let parts: Vec<String> =
                    items.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string)).collect();
                if !parts.is_empty() {
                    out.push((path.to_string(), parts.join(", ")));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(&format!("{path}[{i}]"), item, out);
                }
            }
            Value::Object(m) => {
                for (k, item) in m {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    walk(&p, item, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk("", &shareable(r), &mut out);
    out.retain(|(p, _)| p != "id");
    out
}

pub fn bundle_json(sender: &str, records: &[Record]) -> Value {
    json!({
        "format": BUNDLE_FORMAT,
        "version": VERSION,
        "sender": sender,
        "created": Utc::now().to_rfc3339(),
        "consultations": records.iter().map(shareable).collect::<Vec<_>>(),
    })
}

/// One piece of advice in a reply, addressed by the consultation's id in the worker's vault.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyItem {
    pub consultation: String,
    pub advice: String,
    pub advice_categories: Vec<String>,
    pub advice_date: Option<Date>,
}

pub fn reply_json(sender: &str, items: &[ReplyItem]) -> Value {
    json!({
        "format": REPLY_FORMAT,
        "version": VERSION,
        "sender": sender,
        "created": Utc::now().to_rfc3339(),
        "replies": items.iter().map(|i| json!({
            "consultation": i.consultation,
            "advice": i.advice,
            "advice_categories": i.advice_categories,
            "advice_date": i.advice_date,
        })).collect::<Vec<_>>(),
    })
}

/// A decrypted, checked incoming file.
#[derive(Debug)]
pub enum Incoming {
    Bundle { sender: String, created: DateTime<Utc>, items: Vec<(String, Consultation)> },
    Reply { sender: String, created: DateTime<Utc>, items: Vec<ReplyItem> },
}

/// Encrypts to the given recipients, optionally ASCII-armored.
pub fn encrypt(plaintext: &[u8], recipients: &[String], armor: bool) -> Result<Vec<u8>, ShareError> {
    let parsed: Vec<age::x25519::Recipient> =
        recipients.iter().map(|r| super::addressbook::parse_recipient(r)).collect::<Result<_, _>>()?;
    let enc = age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|e| ShareError::Encrypt(e.to_string()))?;
    let mut out = Vec::new();
    let e = |e: std::io::Error| ShareError::Encrypt(e.to_string());
    if armor {
        let w =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor).map_err(e)?;
        let mut s = enc.wrap_output(w).map_err(e)?;
        s.write_all(plaintext).map_err(e)?;
        s.finish().and_then(|w| w.finish()).map_err(e)?;
    } else {
        let mut s = enc.wrap_output(&mut out).map_err(e)?;
        s.write_all(plaintext).map_err(e)?;
        s.finish().map_err(e)?;
    }
    Ok(out)
}

/// Decrypts a file (armored or binary) with the vault's identity.
pub fn decrypt(bytes: &[u8], identity: &age::x25519::Identity) -> Result<Zeroizing<Vec<u8>>, ShareError> {
    let reader = age::armor::ArmoredReader::new(bytes);
    let d = age::Decryptor::new_buffered(std::io::BufReader::new(reader)).map_err(|e| match e {
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => ShareError::NotAgeFile,
        age::DecryptError::Io(_) => {
            if bytes.starts_with(b"age-encryption.org/") || bytes.starts_with(b"-----BEGIN AGE") {
                ShareError::Damaged
            } else {
                ShareError::NotAgeFile
            }
        }
        _ => ShareError::Damaged,
    })?;
    let mut r = d.decrypt(std::iter::once(identity as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => ShareError::NotForThisVault,
        _ => ShareError::Damaged,
    })?;
    let mut out = Zeroizing::new(Vec::new());
    r.read_to_end(&mut out).map_err(|_| ShareError::Damaged)?;
    Ok(out)
}

fn bad(msg: impl Into<String>) -> ShareError {
    ShareError::BadContent(msg.into())
}

/// What can be wrong with the `format` / `version` header of a file exchanged between vaults.
#[derive(Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    WrongFormat(String),
    NewerVersion(u64),
    Bad(String),
}

/// The `created` time of an incoming document, when present and RFC 3339.
pub fn created_of(v: &Value) -> Option<DateTime<Utc>> {
    v.get("created")
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.with_timezone(&Utc))
}

/// Checks the `format` (one of `formats`) and `version` (1..=`max_version`) of an incoming
/// JSON document; shared by bundles, replies and statistics contributions.
pub fn check_header<'a>(
    v: &'a Value,
    formats: &[&str],
    max_version: u64,
) -> Result<(&'a str, u64), HeaderProblem> {
    let format = v
        .get("format")
        .and_then(Value::as_str)
        .ok_or_else(|| HeaderProblem::WrongFormat("no 'format'".into()))?;
    if !formats.contains(&format) {
        return Err(HeaderProblem::WrongFormat(format!("format '{format}'")));
    }
    let version = v
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| HeaderProblem::Bad("'version' is missing".into()))?;
    if version > max_version {
        return Err(HeaderProblem::NewerVersion(version));
    }
    if version == 0 {
        return Err(HeaderProblem::Bad("'version' must be 1".into()));
    }
    Ok((format, version))
}

fn header(v: &Value) -> Result<(String, u64, String, DateTime<Utc>), ShareError> {
    let (format, version) =
        check_header(v, &[BUNDLE_FORMAT, REPLY_FORMAT], VERSION).map_err(|p| match p {
            HeaderProblem::WrongFormat(m) => ShareError::WrongFormat(m),
            HeaderProblem::NewerVersion(n) => ShareError::NewerVersion(n),
            HeaderProblem::Bad(m) => bad(m),
        })?;
    let sender = v.get("sender").and_then(Value::as_str).ok_or_else(|| bad("'sender' is missing"))?;
    age::x25519::Recipient::from_str(sender)
        .map_err(|_| bad(format!("'sender' is not an age recipient: {sender}")))?;
    let created = created_of(v).ok_or_else(|| bad("'created' is missing or not an RFC 3339 time"))?;
    Ok((format.to_string(), version, sender.to_string(), created))
}

/// Parses and validates a decrypted file, and checks its signature. Nothing is imported
/// from a file with any error; what the signature means is for the caller to decide.
pub fn parse_incoming(plain: &[u8]) -> Result<(Incoming, super::signed::Check), ShareError> {
    let v: Value = serde_json::from_slice(plain).map_err(|_| ShareError::WrongFormat("not JSON".into()))?;
    let incoming = parse_document(&v)?;
    Ok((incoming, super::signed::check(&v)))
}

fn parse_document(v: &Value) -> Result<Incoming, ShareError> {
    let (format, _version, sender, created) = header(v)?;
    if format == BUNDLE_FORMAT {
        let list = v
            .get("consultations")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("'consultations' is missing"))?;
        if list.is_empty() {
            return Err(bad("the bundle holds no consultations"));
        }
        let mut items = Vec::new();
        for (i, c) in list.iter().enumerate() {
            let id = c
                .get("id")
                .and_then(Value::as_str)
                .filter(|s| uuid::Uuid::parse_str(s).is_ok())
                .ok_or_else(|| bad(format!("consultation {} has no valid 'id'", i + 1)))?;
            let consultation = consultation_from_value(c.clone(), None, Catalogue::builtin())
                .map_err(|e| bad(format!("consultation {}: {e}", i + 1)))?;
            items.push((id.to_string(), consultation));
        }
        Ok(Incoming::Bundle { sender, created, items })
    } else {
        let list = v.get("replies").and_then(Value::as_array).ok_or_else(|| bad("'replies' is missing"))?;
        if list.is_empty() {
            return Err(bad("the reply holds no advice"));
        }
        let mut items = Vec::new();
        for (i, r) in list.iter().enumerate() {
            let n = i + 1;
            let consultation = r
                .get("consultation")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("reply {n} names no consultation")))?
                .to_string();
            let advice = r
                .get("advice")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("reply {n} has no advice")))?;
            let advice_categories: Vec<String> = match r.get("advice_categories") {
                None | Some(Value::Null) => Vec::new(),
                Some(c) => serde_json::from_value(c.clone())
                    .map_err(|_| bad(format!("reply {n}: advice_categories")))?,
            };
            let cat = Catalogue::builtin().list("advice_category");
            if let Some(unknown) = advice_categories.iter().find(|c| !cat.contains(c)) {
                return Err(bad(format!("reply {n}: unknown advice category '{unknown}'")));
            }
            let advice_date = match r.get("advice_date") {
                None | Some(Value::Null) => None,
                Some(d) => {
                    Some(serde_json::from_value(d.clone()).map_err(|e| bad(format!("reply {n}: {e}")))?)
                }
            };
            items.push(ReplyItem {
                consultation,
                advice: advice.to_string(),
                advice_categories,
                advice_date,
            });
        }
        Ok(Incoming::Reply { sender, created, items })
    }
}
