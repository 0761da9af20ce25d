use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error(transparent)]
    Vault(#[from] crate::store::VaultError),
    #[error(transparent)]
    Audit(#[from] crate::audit::AuditError),
    #[error(
        "'{0}' is not a valid age recipient (age1...) nor a name in the address book nor a recipients file"
    )]
    BadRecipient(String),
    #[error("no contact named '{0}' in the address book")]
    UnknownContact(String),
    #[error("a contact named '{0}' already exists")]
    ContactExists(String),
    #[error("the recipients file {0} has no recipients")]
    EmptyRecipients(String),
    #[error("consultation {id} still has {count} possible personal data finding(s); resolve them first")]
    Findings { id: String, count: usize },
    #[error("the file is not addressed to this vault")]
    NotForThisVault,
    #[error("this file was written by this vault itself; its content is already here")]
    OwnFile,
    #[error("the file is not an age-encrypted file")]
    NotAgeFile,
    #[error("the file is damaged or truncated")]
    Damaged,
    #[error("the file is not a consultlog bundle or reply ({0})")]
    WrongFormat(String),
    #[error("the file has format version {0}, newer than this program understands; update consultlog")]
    NewerVersion(u64),
    #[error("the bundle's content is invalid: {0}")]
    BadContent(String),
    #[error("the reply is for consultation {0}, which is not in this vault")]
    UnknownConsultation(String),
    #[error("consultation {0} was not received from another vault, so there is no one to reply to")]
    NotReceived(String),
    #[error("consultation {0} has no advice to send yet")]
    NoAdvice(String),
    #[error("{0} already exists; choose another file name")]
    OutputExists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("encryption failed: {0}")]
    Encrypt(String),
    #[error(transparent)]
    Card(#[from] super::CardError),
    #[error("a contact name is one word of at most 40 characters")]
    BadContactName,
    #[error("these keys are already in the address book as '{0}'")]
    ContactKnown(String),
    #[error("this is the published demo adviser, whose identity is public; it is only for `consultlog demo`")]
    DemoCard,
    #[error("the file is not signed; it claims to come from {claimed}")]
    Unsigned { claimed: String },
    #[error("the file is signed by {who} (fingerprint {fingerprint}), who is not a verified contact")]
    UnknownSigner { who: String, fingerprint: String },
    #[error("the file's signature does not match its content: it was altered or forged")]
    BadSignature,
    #[error("the file's signature does not name this vault as a recipient")]
    NotAddressed,
    #[error("advice from {contact} is for consultation {id}, which was never shared with {contact}")]
    NotSharedWith { id: String, contact: String },
}
