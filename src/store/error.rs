use std::path::PathBuf;

/// What can go wrong with a vault. Messages are English, one sentence; the CLI and UI map
/// them to the user's language at the edge (see `i18n`).
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("no vault at {0}; create one with `consultlog init`")]
    NotFound(PathBuf),
    #[error("the vault at {0} has its database but not its key file keys.age")]
    KeyFileMissing(PathBuf),
    #[error("a vault already exists at {0}; it was left untouched")]
    AlreadyExists(PathBuf),
    #[error("the vault at {0} is in use by another consultlog process; close that one first")]
    InUse(PathBuf),
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the key file {0} is damaged or is not a consultlog key file; restore it from a backup")]
    BadKeyFile(PathBuf),
    #[error("the key file needs more work to unlock than this machine allows (scrypt log_n {0})")]
    ExcessiveWork(u8),
    #[error("no consultation with id {0}")]
    UnknownId(String),
    #[error("{1} consultations start with {0}")]
    AmbiguousId(String, usize),
    #[error("record {0} does not decrypt: it was altered or moved on disk")]
    Corrupt(String),
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    #[error("the database reports an error: {0}")]
    Storage(String),
    #[error("encryption failed: {0}")]
    Crypto(String),
    #[error("{0} already exists; it was left untouched")]
    OutputExists(PathBuf),
    #[error("{0} is not empty; restore only into a new or empty folder")]
    NotEmpty(PathBuf),
    #[error("the file is not a consultlog backup or it is damaged; nothing was restored")]
    BadBackup,
}

impl VaultError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> VaultError {
        let context = context.into();
        move |source| VaultError::Io { context, source }
    }
}
