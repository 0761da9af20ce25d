//! consultlog: an encrypted, anonymised log of consultations with the LKHA.
//!
//! Layers, each knowing only those below it: `domain` (pure data and rules) <- `crypto`
//! (record and key-file encryption) <- `store` (the vault) <- `cli` and the terminal UI.
//! `stats` protects frequency tables (pure, no I/O); `publish` counts the vault's consultations
//! for it and carries counts between vaults as encrypted contributions.

pub mod audit;
pub mod backups;
pub mod cli;
pub mod clock;
pub mod crypto;
pub mod domain;
pub mod error;
pub mod export;
pub mod hardening;
pub mod i18n;
pub mod par;
pub mod present;
pub mod privacy;
pub mod publish;
pub mod report;
pub mod retention;
pub mod safe;
pub mod share;
pub mod stats;
pub mod store;
pub mod tui;
