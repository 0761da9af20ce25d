//! Sharing case notes with LKHA advisers and bringing their advice back: the address book,
//! the bundle format, age encryption, and the share / import / reply operations. No UI.

pub mod addressbook;
pub mod bundle;
pub mod card;
mod contacts;
mod error;
pub mod ops;
pub mod outgoing;
pub mod prepare;
pub mod signed;

pub use addressbook::{AddressBook, Contact};
pub use card::{Card, CardError};
pub use error::ShareError;
