//! Changing the address book: add a contact from a card (verified) or a bare key
//! (unverified), rename, remove; each change audit-logged in the same write.

use super::ShareError;
use super::addressbook::{self, AddressBook, Contact};
use super::card::Card;
use crate::store::Vault;
use serde_json::json;

/// Where a new contact comes from: a contact card (verified) or bare recipients (unverified).
pub enum ContactSource {
    Card(Card),
    Recipients(Vec<String>),
}

impl ContactSource {
    /// Reads `arg`: an `age1...` recipient, or a file holding a card or recipients.
    pub fn read(arg: &str) -> Result<ContactSource, ShareError> {
        if arg.trim().starts_with("age1") {
            return Ok(ContactSource::Recipients(vec![addressbook::parse_recipient(arg)?.to_string()]));
        }
        let text = std::fs::read_to_string(arg).map_err(|_| ShareError::BadRecipient(arg.into()))?;
        ContactSource::parse(&text, arg)
    }

    /// The text of a card or a recipients file; `what` names it in errors.
    pub fn parse(text: &str, what: &str) -> Result<ContactSource, ShareError> {
        if Card::is_card(text) {
            return Ok(ContactSource::Card(Card::parse(text)?));
        }
        let list = addressbook::parse_recipients_file(text)?;
        if list.is_empty() {
            return Err(ShareError::EmptyRecipients(what.into()));
        }
        Ok(ContactSource::Recipients(list))
    }
}

/// Adds a contact and records it in the audit log, in one write. The demo adviser is refused
/// unless `demo` (its identity is public).
pub fn add_contact(
    vault: &Vault,
    name: &str,
    source: ContactSource,
    demo: bool,
) -> Result<Contact, ShareError> {
    let mut book = AddressBook::load(vault)?;
    let recipients = match &source {
        ContactSource::Card(c) => vec![c.recipient.clone()],
        ContactSource::Recipients(r) => r.clone(),
    };
    if !demo && recipients.iter().any(|r| addressbook::is_demo_recipient(r)) {
        return Err(ShareError::DemoCard);
    }
    if recipients.contains(&vault.recipient()) {
        return Err(ShareError::OwnFile);
    }
    // A card for a key that is already an unverified contact verifies that contact.
    let name = match source {
        ContactSource::Card(card) => book.add_card(name, card)?,
        ContactSource::Recipients(r) => {
            book.add(name, r)?;
            name.trim().to_string()
        }
    };
    let contact = book.contacts.iter().find(|c| c.name == name).cloned().ok_or(ShareError::BadContactName)?;
    let detail = json!({"name": contact.name, "verified": contact.verified(), "recipients": contact.recipients, "fingerprint": contact.fingerprint()});
    save_book(vault, &book, "contact_add", detail)?;
    Ok(contact)
}

/// Removes a contact, with an audit entry.
pub fn remove_contact(vault: &Vault, name: &str) -> Result<(), ShareError> {
    let mut book = AddressBook::load(vault)?;
    book.remove(name)?;
    save_book(vault, &book, "contact_remove", json!({"name": name}))
}

/// Renames a contact, with an audit entry.
pub fn rename_contact(vault: &Vault, from: &str, to: &str) -> Result<(), ShareError> {
    let mut book = AddressBook::load(vault)?;
    book.rename(from, to)?;
    save_book(vault, &book, "contact_rename", json!({"from": from, "to": to.trim()}))
}

fn save_book(
    vault: &Vault,
    book: &AddressBook,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), ShareError> {
    let bytes = serde_json::to_vec(book).map_err(|e| ShareError::Encrypt(e.to_string()))?;
    Ok(crate::audit::commit(vault, &[], vec![(addressbook::META_NAME.to_string(), bytes)], action, detail)?)
}
