//! The vault's address book: named advisers and their age recipients, kept encrypted in the
//! vault. A name may hold several recipients (a recipients file, one `age1...` per line).

use super::ShareError;
use crate::store::Vault;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

const META_NAME: &str = "addressbook";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub recipients: Vec<String>,
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

    pub fn add(&mut self, name: &str, recipients: Vec<String>) -> Result<(), ShareError> {
        if self.contacts.iter().any(|c| c.name == name) {
            return Err(ShareError::ContactExists(name.into()));
        }
        self.contacts.push(Contact { name: name.into(), recipients });
        self.contacts.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(())
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
        if arg.trim().starts_with("age1") {
            return Ok(vec![parse_recipient(arg)?.to_string()]);
        }
        match std::fs::read_to_string(arg) {
            Ok(text) => {
                let list = parse_recipients_file(&text)?;
                if list.is_empty() { Err(ShareError::EmptyRecipients(arg.into())) } else { Ok(list) }
            }
            Err(_) => Err(ShareError::BadRecipient(arg.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "age1trlm3d9vej9aj6qthdjyftrc0rg6s0rnehad9630cvaqcmpdacwqkltvrf";

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
        assert!(book.resolve("nobody").is_err());
        assert_eq!(book.name_for(R), Some("demo"));
        book.remove("demo").unwrap();
        assert!(book.remove("demo").is_err());
    }
}
