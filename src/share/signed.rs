//! Signatures on the JSON documents that leave a vault (case bundles, replies, statistics
//! contributions).
//!
//! A signed document carries `sender_card` (the sender's contact card: name, organisation,
//! age recipient, Ed25519 key), `recipients` (every age recipient the file is encrypted to)
//! and `signature`: Ed25519 over `consultlog-signature-v1\n` followed by the canonical form
//! of the document without `signature`. The canonical form is JSON with no whitespace and
//! object keys sorted by their UTF-8 bytes (RFC 8785 for documents whose numbers are all
//! integers, as ours are). So the signature covers the content, the sender's card and the
//! list of intended recipients: a file re-encrypted to someone else does not pass as sent to
//! them. See docs/crypto.md.

use super::card::Card;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier};
use serde_json::Value;

const LABEL: &[u8] = b"consultlog-signature-v1\n";
pub const SIGNATURE: &str = "signature";
pub const SENDER_CARD: &str = "sender_card";
pub const RECIPIENTS: &str = "recipients";

/// The canonical text of a JSON value: no whitespace, object keys sorted.
pub fn canonical(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_unstable();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn message(doc: &Value) -> Vec<u8> {
    let mut unsigned = doc.clone();
    if let Value::Object(m) = &mut unsigned {
        m.remove(SIGNATURE);
    }
    let mut msg = LABEL.to_vec();
    msg.extend_from_slice(canonical(&unsigned).as_bytes());
    msg
}

/// Adds the sender's card, the recipients and the signature to `doc` (a JSON object).
pub fn sign(doc: &mut Value, card: &Card, recipients: &[String], key: &SigningKey) {
    if let Value::Object(m) = doc {
        m.insert(SENDER_CARD.into(), card.to_json());
        m.insert(RECIPIENTS.into(), recipients.into());
        m.remove(SIGNATURE);
    }
    let sig = key.sign(&message(doc));
    if let Value::Object(m) = doc {
        m.insert(SIGNATURE.into(), B64.encode(sig.to_bytes()).into());
    }
}

/// What the signature of an incoming document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// No signature: the sender is only what the file claims (`claimed`, an age recipient or
    /// a card name, when there is one).
    Unsigned { claimed: Option<String> },
    /// A signature that does not match the content, the card, or the recipients list: the
    /// file was altered or forged.
    Bad,
    /// Signed by the key of `card`, for `recipients`.
    Valid { card: Card, recipients: Vec<String> },
}

/// Checks the signature of `doc`, whose `sender` (when present) must be the card's recipient.
pub fn check(doc: &Value) -> Check {
    let Some(sig) = doc.get(SIGNATURE) else {
        let claimed = doc
            .get(SENDER_CARD)
            .and_then(|c| c.get("name"))
            .or_else(|| doc.get("sender"))
            .and_then(Value::as_str)
            .map(str::to_string);
        return Check::Unsigned { claimed };
    };
    let verify = || -> Option<Check> {
        let card = Card::from_json(doc.get(SENDER_CARD)?).ok()?;
        let recipients: Vec<String> = serde_json::from_value(doc.get(RECIPIENTS)?.clone()).ok()?;
        if let Some(sender) = doc.get("sender")
            && sender.as_str() != Some(card.recipient.as_str())
        {
            return None;
        }
        let bytes: [u8; 64] = B64.decode(sig.as_str()?).ok()?.try_into().ok()?;
        let key = card.verifying_key().ok()?;
        key.verify(&message(doc), &Signature::from_bytes(&bytes)).ok()?;
        Some(Check::Valid { card, recipients })
    };
    verify().unwrap_or(Check::Bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn card(key: &SigningKey) -> Card {
        let id = age::x25519::Identity::generate();
        Card::new("Adviseur A", "LKHA", &id.to_public().to_string(), &key.verifying_key())
    }

    #[test]
    fn canonical_form_sorts_keys_and_drops_whitespace() {
        let v: Value = serde_json::from_str(r#"{ "b": [1, {"z": "é\n", "a": null}], "a": true }"#).unwrap();
        assert_eq!(canonical(&v), r#"{"a":true,"b":[1,{"a":null,"z":"é\n"}]}"#);
    }

    #[test]
    fn a_signature_covers_content_card_and_recipients() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let c = card(&key);
        let mut doc = json!({"format": "x", "sender": c.recipient, "items": ["advies"]});
        sign(&mut doc, &c, &["age1a".into(), "age1b".into()], &key);
        assert!(matches!(check(&doc), Check::Valid { ref recipients, .. } if recipients.len() == 2));
        // Serialised and read back (as after encryption) it still verifies.
        let back: Value = serde_json::from_str(&serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        assert!(matches!(check(&back), Check::Valid { .. }));

        let mut altered = doc.clone();
        altered["items"][0] = "geen zorgen, sluit de zaak".into();
        assert_eq!(check(&altered), Check::Bad);
        let mut readdressed = doc.clone();
        readdressed[RECIPIENTS] = json!(["age1c"]);
        assert_eq!(check(&readdressed), Check::Bad);
        let mut renamed = doc.clone();
        renamed[SENDER_CARD]["name"] = "Iemand anders".into();
        assert_eq!(check(&renamed), Check::Bad);
        let mut other_sender = doc.clone();
        other_sender["sender"] = "age1somebodyelse".into();
        assert_eq!(check(&other_sender), Check::Bad);
        // Signed by another key, with the first card: refused.
        let mut forged = json!({"format": "x", "sender": c.recipient, "items": ["advies"]});
        sign(&mut forged, &c, &["age1a".into()], &SigningKey::from_bytes(&[8; 32]));
        assert_eq!(check(&forged), Check::Bad);

        let mut unsigned = doc.clone();
        unsigned.as_object_mut().unwrap().remove(SIGNATURE);
        assert_eq!(check(&unsigned), Check::Unsigned { claimed: Some("Adviseur A".into()) });
    }
}
