//! The vault: a folder holding the passphrase-wrapped key file and an embedded database of
//! encrypted values. The only code that touches the database. Knows nothing of the UI.

mod engine;
mod error;
mod layout;
mod rewrite;
mod vault;

pub use engine::{KvEngine, SledEngine};
pub use error::VaultError;
pub use layout::VaultLock;
pub use vault::{Loaded, Problem, Vault, VerifyReport};
