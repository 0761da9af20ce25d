//! consultlog: an encrypted, anonymised log of consultations with the LKHA.
//!
//! Layers, each knowing only those below it: `domain` (pure data and rules) <- `crypto`
//! (record and key-file encryption) <- `store` (the vault) <- `cli` and the terminal UI.

pub mod cli;
pub mod crypto;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod store;
pub mod tui;
