//! Deleting a consultation and changing the passphrase, with the store calls `consultlog
//! delete` and `consultlog passwd` use.

use super::{Runner, State};
use crate::error::{share_message, vault_message};
use crate::i18n::Lang;
use crate::share::ShareError;
use crate::store::{Vault, VaultError, VaultLock};
use crate::tui::action::Action;
use age::secrecy::SecretString;

/// As `consultlog delete`: the delete and its audit entry in one atomic write.
pub(super) fn delete(v: &Vault, id: String, lang: Lang) -> Result<Vec<Action>, VaultError> {
    let metas = match crate::audit::prepare(v, "delete", serde_json::json!({ "id": id })) {
        Ok(m) => m,
        Err(e) => return Ok(vec![Action::Failed(share_message(&ShareError::from(e), lang))]),
    };
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    v.delete_many(std::slice::from_ref(&id), &refs)?;
    Ok(vec![Action::Deleted { id }])
}

impl Runner {
    /// As `consultlog passwd`: the current passphrase checked, then a new data key and every
    /// value encrypted again under the new passphrase, with an audit entry. The passphrases
    /// are `SecretString`s, zeroised when dropped; nothing of them is printed or logged.
    pub(super) fn change_passphrase(&mut self, old: &SecretString, new: &SecretString) -> Vec<Action> {
        if !matches!(self.state, State::Open(_)) {
            // Locked meanwhile (Ctrl+L): nothing to change.
            return vec![];
        }
        let State::Open(v) = std::mem::replace(&mut self.state, State::Locked(None)) else { return vec![] };
        if let Err(e) = v.check_passphrase(old) {
            self.state = State::Open(v);
            return vec![Action::PassphraseFailed { message: vault_message(&e, self.lang), locked: false }];
        }
        match v.rekey(new, self.kdf_log_n) {
            Ok(v) => {
                let audit = crate::audit::record(&v, "passwd", serde_json::json!({"rekeyed": true}));
                self.state = State::Open(Box::new(v));
                match audit {
                    Ok(()) => vec![Action::PassphraseChanged],
                    // Changed all the same; the audit trouble is said as any other.
                    Err(e) => vec![
                        Action::PassphraseChanged,
                        Action::Failed(share_message(&ShareError::from(e), self.lang)),
                    ],
                }
            }
            Err(e) => {
                // The vault was closed on the way: take the folder back and ask to unlock.
                self.state = State::Locked(VaultLock::acquire(&self.dir).ok());
                vec![Action::PassphraseFailed { message: vault_message(&e, self.lang), locked: true }]
            }
        }
    }
}
