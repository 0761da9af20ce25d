//! The vault: a folder holding the passphrase-wrapped key file and an embedded database of
//! encrypted values. The only code that touches the database. Knows nothing of the UI.

mod backup;
mod bulk;
mod codec;
mod commit;
mod engine;
mod envelope;
mod error;
mod layout;
mod load;
mod manifest;
mod meta;
mod readonly;
mod refresh;
mod reopen;
mod rewrite;
mod vault;
mod verify;

pub use backup::BackupInfo;
pub use engine::{Cache, KvEngine, KvIter, KvPair, SledEngine};
pub use envelope::BackupKey;
pub use error::VaultError;
pub use layout::VaultLock;
pub use load::Loaded;
pub use manifest::OpenNotice;
pub use readonly::ReadOnlyCopy;
pub use vault::Vault;
pub use verify::{Problem, VaultProblem, VerifyReport};
