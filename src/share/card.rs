//! Contact cards: what one vault gives another so that files between them can be checked.
//!
//! A card is a small text file, safe to e-mail: the owner's display name and organisation,
//! the age recipient that files are encrypted to, the Ed25519 key that checks the owner's
//! signatures, a fingerprint to compare over the phone, and a checksum that catches a card
//! damaged or edited on the way. The fingerprint covers the two keys; comparing it by phone
//! is what makes a contact *verified*.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

const HEADER: &str = "consultlog-card: 1";
/// Longest display name or organisation accepted on a card.
const MAX_TEXT: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub name: String,
    pub organisation: String,
    /// `age1...`
    pub recipient: String,
    /// The Ed25519 public key, base64.
    pub signing_key: String,
}

/// What is wrong with a card.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error("not a consultlog contact card")]
    NotACard,
    #[error("the card lacks the line '{0}'")]
    Missing(&'static str),
    #[error("the card's age recipient is not valid")]
    BadRecipient,
    #[error("the card's signing key is not valid")]
    BadKey,
    #[error("the card's name or organisation is too long or holds control characters")]
    BadText,
    #[error("the card's fingerprint or checksum does not match: it was damaged or changed")]
    BadChecksum,
}

fn clean_text(s: &str) -> Result<String, CardError> {
    let s = s.trim();
    if s.chars().count() > MAX_TEXT || s.chars().any(char::is_control) {
        return Err(CardError::BadText);
    }
    Ok(s.to_string())
}

impl Card {
    pub fn new(name: &str, organisation: &str, recipient: &str, key: &VerifyingKey) -> Card {
        let text = |s: &str| -> String {
            s.chars().filter(|c| !c.is_control()).take(MAX_TEXT).collect::<String>().trim().to_string()
        };
        Card {
            name: text(name),
            organisation: text(organisation),
            recipient: recipient.to_string(),
            signing_key: B64.encode(key.as_bytes()),
        }
    }

    pub fn verifying_key(&self) -> Result<VerifyingKey, CardError> {
        let bytes: [u8; 32] =
            B64.decode(&self.signing_key).ok().and_then(|b| b.try_into().ok()).ok_or(CardError::BadKey)?;
        VerifyingKey::from_bytes(&bytes).map_err(|_| CardError::BadKey)
    }

    /// Six groups of five digits over both keys, to read aloud and compare.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"consultlog-fingerprint-v1\0");
        h.update(self.recipient.as_bytes());
        h.update(b"\0");
        h.update(self.signing_key.as_bytes());
        let d = h.finalize();
        (0..6)
            .map(|i| {
                let n = u32::from_be_bytes([d[4 * i], d[4 * i + 1], d[4 * i + 2], d[4 * i + 3]]);
                format!("{:05}", n % 100_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn body(&self) -> String {
        format!(
            "{HEADER}\nname: {}\norganisation: {}\nrecipient: {}\nsigning-key: {}\nfingerprint: {}\n",
            self.name,
            self.organisation,
            self.recipient,
            self.signing_key,
            self.fingerprint()
        )
    }

    fn checksum(body: &str) -> String {
        Sha256::digest(body.as_bytes()).iter().take(4).map(|b| format!("{b:02x}")).collect()
    }

    /// The card as a text file.
    pub fn to_text(&self) -> String {
        let body = self.body();
        format!(
            "# consultlog-contactkaart / contact card: veilig om te e-mailen / safe to e-mail.\n\
             # Vergelijk de vingerafdruk telefonisch / compare the fingerprint by phone.\n\
             {body}checksum: {}\n",
            Card::checksum(&body)
        )
    }

    /// Whether `text` looks like a card (so that other files get their own error).
    pub fn is_card(text: &str) -> bool {
        text.lines().any(|l| l.trim() == HEADER)
    }

    /// Reads a card; `#` lines and blank lines are ignored.
    pub fn parse(text: &str) -> Result<Card, CardError> {
        let lines: Vec<&str> =
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        if lines.first() != Some(&HEADER) {
            return Err(CardError::NotACard);
        }
        let field = |key: &'static str| -> Result<&str, CardError> {
            lines
                .iter()
                .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':')))
                .map(str::trim)
                .ok_or(CardError::Missing(key))
        };
        let recipient = field("recipient")?;
        <age::x25519::Recipient as std::str::FromStr>::from_str(recipient.trim())
            .map_err(|_| CardError::BadRecipient)?;
        let card = Card {
            name: clean_text(field("name")?)?,
            organisation: clean_text(field("organisation")?)?,
            recipient: recipient.to_string(),
            signing_key: field("signing-key")?.to_string(),
        };
        card.verifying_key()?;
        if field("fingerprint")? != card.fingerprint() || field("checksum")? != Card::checksum(&card.body()) {
            return Err(CardError::BadChecksum);
        }
        Ok(card)
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// A card carried inside a signed document; checked like a card file.
    pub fn from_json(v: &Value) -> Result<Card, CardError> {
        let c: Card = serde_json::from_value(v.clone()).map_err(|_| CardError::NotACard)?;
        <age::x25519::Recipient as std::str::FromStr>::from_str(c.recipient.trim())
            .map_err(|_| CardError::BadRecipient)?;
        clean_text(&c.name)?;
        clean_text(&c.organisation)?;
        c.verifying_key()?;
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> Card {
        let id = age::x25519::Identity::generate();
        let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        Card::new("Adviseur Noord", "LKHA", &id.to_public().to_string(), &key.verifying_key())
    }

    /// The shipped demo card belongs to the published demo identity (tests/fixtures).
    #[test]
    fn the_demo_card_matches_the_demo_identity() {
        use std::str::FromStr;
        let key = include_str!("../../tests/fixtures/demo-adviser.key");
        let secret = key.lines().find(|l| l.starts_with("AGE-SECRET-KEY-")).unwrap();
        let id = age::x25519::Identity::from_str(secret).unwrap();
        let expected = Card::new(
            "LKHA demo-adviseur (alleen voor oefenen)",
            "DEMO",
            &id.to_public().to_string(),
            &crate::crypto::signing_key_for(&id).verifying_key(),
        );
        let shipped = crate::share::addressbook::demo_card();
        assert_eq!(shipped.as_ref(), Some(&expected), "expected card:\n{}", expected.to_text());
    }

    #[test]
    fn a_card_round_trips_and_catches_damage() {
        let c = card();
        let text = c.to_text();
        assert_eq!(Card::parse(&text).unwrap(), c);
        assert!(Card::is_card(&text));
        let fp = c.fingerprint();
        assert_eq!(fp.len(), 6 * 5 + 5, "{fp}");
        assert!(fp.chars().all(|ch| ch.is_ascii_digit() || ch == ' '));

        let renamed = text.replace("Adviseur Noord", "Adviseur Zuid");
        assert_eq!(Card::parse(&renamed), Err(CardError::BadChecksum));
        let mut key = c.signing_key.clone().into_bytes();
        key[3] = if key[3] == b'A' { b'B' } else { b'A' };
        let rekeyed = text.replace(&c.signing_key, std::str::from_utf8(&key).unwrap());
        assert!(matches!(Card::parse(&rekeyed), Err(CardError::BadChecksum | CardError::BadKey)));
        let bad_recipient = text.replace(&c.recipient, "age1nietgeldig");
        assert_eq!(Card::parse(&bad_recipient), Err(CardError::BadRecipient));
        assert_eq!(Card::parse("age1abc\n"), Err(CardError::NotACard));
        let no_checksum: String =
            text.lines().filter(|l| !l.starts_with("checksum")).map(|l| format!("{l}\n")).collect();
        assert_eq!(Card::parse(&no_checksum), Err(CardError::Missing("checksum")));
        let escape = text.replace("name: Adviseur Noord", "name: Adviseur\u{1b}]0;X\u{7}");
        assert_eq!(Card::parse(&escape), Err(CardError::BadText));
    }
}
