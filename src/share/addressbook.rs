//! The vault's address book: named contacts and their age recipients, kept encrypted in the
//! vault. A contact added from a contact card is *verified*: it holds the card, whose signing
//! key checks the files that contact sends. A contact added from a bare `age1...` recipient or
//! a recipients file (one per line) is *unverified*: you can share to it, nothing from it is
//! trusted. Also this vault's own card (display name and organisation chosen by its owner).

use super::ShareError;
use super::card::Card;
use crate::store::Vault;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

pub(crate) const META_NAME: &str = "addressbook";
const PROFILE: &str = "card-profile";

/// The published demo adviser's card; its identity is public (tests/fixtures), so it is
/// accepted only in `consultlog demo`.
pub const DEMO_CARD: &str = include_str!("../../keys/lkha-demo-adviser.txt");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub recipients: Vec<String>,
    /// The contact's card when added from one: the contact is then verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
}

impl Contact {
    pub fn verified(&self) -> bool {
        self.card.is_some()
    }

    /// The card's fingerprint, for a verified contact.
    pub fn fingerprint(&self) -> Option<String> {
        self.card.as_ref().map(Card::fingerprint)
    }
}

/// The demo adviser's card.
pub fn demo_card() -> Option<Card> {
    Card::parse(DEMO_CARD).ok()
}

/// Whether `recipient` is the published demo adviser's.
pub fn is_demo_recipient(recipient: &str) -> bool {
    demo_card().is_some_and(|c| c.recipient == recipient.trim())
}

/// This vault's own card: its recipient and signing key, with the name and organisation the
/// owner chose (empty until `card --name` sets them).
pub fn own_card(vault: &Vault) -> Result<Card, ShareError> {
    let (name, org): (String, String) = match vault.get_meta(PROFILE)? {
        Some(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        None => Default::default(),
    };
    Ok(Card::new(&name, &org, &vault.recipient(), &vault.signing_key().verifying_key()))
}

/// Sets the name and organisation on this vault's card.
pub fn set_profile(vault: &Vault, name: &str, organisation: &str) -> Result<Card, ShareError> {
    let card = Card::new(name, organisation, &vault.recipient(), &vault.signing_key().verifying_key());
    let bytes = serde_json::to_vec(&(&card.name, &card.organisation))
        .map_err(|e| ShareError::Encrypt(e.to_string()))?;
    vault.put_meta(PROFILE, Some(&bytes))?;
    Ok(card)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddressBook {
    pub contacts: Vec<Contact>,
}

/// Checks one recipient string.
pub fn parse_recipient(s: &str) -> Result<age::x25519::Recipient, ShareError> {
    age::x25519::Recipient::from_str(s.trim()).map_err(|_| ShareError::BadRecipient(s.trim().to_string()))
}

/// A recipients file as age reads it: one recipient per line, `#` comments, blank lines.
pub fn parse_recipients_file(text: &str) -> Result<Vec<String>, ShareError> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| parse_recipient(l).map(|r| r.to_string()))
        .collect()
}

impl AddressBook {
    pub fn load(vault: &Vault) -> Result<AddressBook, ShareError> {
        Ok(match vault.get_meta(META_NAME)? {
            Some(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            None => AddressBook::default(),
        })
    }

    pub fn save(&self, vault: &Vault) -> Result<(), ShareError> {
        let bytes = serde_json::to_vec(self).map_err(|e| ShareError::Encrypt(e.to_string()))?;
        Ok(vault.put_meta(META_NAME, Some(&bytes))?)
    }

    /// Adds an unverified contact: recipients only.
    pub fn add(&mut self, name: &str, recipients: Vec<String>) -> Result<(), ShareError> {
        self.insert(Contact { name: name.into(), recipients, card: None })
    }

    /// Adds a verified contact from its card. When the card's key is already an unverified
    /// contact, that contact becomes verified and keeps its name. Returns the contact's name.
    pub fn add_card(&mut self, name: &str, card: Card) -> Result<String, ShareError> {
        if let Some(c) =
            self.contacts.iter_mut().find(|c| c.card.is_none() && c.recipients.contains(&card.recipient))
        {
            c.recipients = vec![card.recipient.clone()];
            c.card = Some(card);
            return Ok(c.name.clone());
        }
        self.insert(Contact {
            name: name.into(),
            recipients: vec![card.recipient.clone()],
            card: Some(card),
        })?;
        Ok(name.trim().to_string())
    }

    fn insert(&mut self, contact: Contact) -> Result<(), ShareError> {
        let name = contact.name.trim();
        if name.is_empty()
            || name.chars().count() > 40
            || name.chars().any(|c| c.is_control() || c.is_whitespace())
        {
            return Err(ShareError::BadContactName);
        }
        if self.contacts.iter().any(|c| c.name == name) {
            return Err(ShareError::ContactExists(name.into()));
        }
        if let Some(other) =
            self.contacts.iter().find(|c| c.recipients.iter().any(|r| contact.recipients.contains(r)))
        {
            return Err(ShareError::ContactKnown(other.name.clone()));
        }
        self.contacts.push(Contact { name: name.to_string(), ..contact });
        self.contacts.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(())
    }

    /// Gives a contact another name.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), ShareError> {
        let i = self
            .contacts
            .iter()
            .position(|c| c.name == from)
            .ok_or_else(|| ShareError::UnknownContact(from.into()))?;
        let contact = self.contacts.remove(i);
        let back = contact.clone();
        self.insert(Contact { name: to.into(), ..contact }).inspect_err(|_| {
            self.contacts.insert(i, back);
        })
    }

    /// The verified contact whose card signed a file: same signing key and recipient.
    pub fn verified_signer(&self, card: &Card) -> Option<&Contact> {
        self.contacts.iter().find(|c| {
            c.card
                .as_ref()
                .is_some_and(|k| k.signing_key == card.signing_key && k.recipient == card.recipient)
        })
    }

    pub fn remove(&mut self, name: &str) -> Result<(), ShareError> {
        let before = self.contacts.len();
        self.contacts.retain(|c| c.name != name);
        if self.contacts.len() == before {
            return Err(ShareError::UnknownContact(name.into()));
        }
        Ok(())
    }

    /// The name under which a recipient is known, if any.
    pub fn name_for(&self, recipient: &str) -> Option<&str> {
        self.contacts.iter().find(|c| c.recipients.iter().any(|r| r == recipient)).map(|c| c.name.as_str())
    }

    /// Turns a `--to` argument into recipients: a contact name, an `age1...` string, or a
    /// recipients file.
    pub fn resolve(&self, arg: &str) -> Result<Vec<String>, ShareError> {
        if let Some(c) = self.contacts.iter().find(|c| c.name == arg) {
            return Ok(c.recipients.clone());
        }
        let list = if arg.trim().starts_with("age1") {
            vec![parse_recipient(arg)?.to_string()]
        } else {
            match std::fs::read_to_string(arg) {
                Ok(text) if Card::is_card(&text) => vec![Card::parse(&text)?.recipient],
                Ok(text) => parse_recipients_file(&text)?,
                Err(_) => return Err(ShareError::BadRecipient(arg.into())),
            }
        };
        // The demo adviser's identity is public: only the demo's own address book has it.
        if list.iter().any(|r| is_demo_recipient(r)) {
            return Err(ShareError::DemoCard);
        }
        if list.is_empty() { Err(ShareError::EmptyRecipients(arg.into())) } else { Ok(list) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "age124t3kh642s0vgxawzm8aza49966q2dcy9f4jwe0pl7lqadg4lags84079s";

    #[test]
    fn recipients_files_and_resolution() {
        let text = format!("# LKHA advisers\n\n{R}\n  # another comment\n");
        assert_eq!(parse_recipients_file(&text).unwrap(), vec![R.to_string()]);
        assert!(matches!(parse_recipients_file("age1nonsense"), Err(ShareError::BadRecipient(_))));
        let mut book = AddressBook::default();
        book.add("demo", vec![R.into()]).unwrap();
        assert!(matches!(book.add("demo", vec![]), Err(ShareError::ContactExists(_))));
        assert_eq!(book.resolve("demo").unwrap(), vec![R.to_string()]);
        assert_eq!(book.resolve(R).unwrap(), vec![R.to_string()]);
        let demo = demo_card().unwrap();
        assert!(matches!(book.resolve(&demo.recipient), Err(ShareError::DemoCard)));
        assert!(book.resolve("nobody").is_err());
        assert_eq!(book.name_for(R), Some("demo"));
        book.remove("demo").unwrap();
        assert!(book.remove("demo").is_err());
    }
}
