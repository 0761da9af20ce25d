//! `backup` and `restore`: the whole vault in one passphrase-encrypted file, and back.

use super::Context;
use super::admin::{check, checked_kdf};
use super::passphrase;
use crate::error::AppError;
use crate::i18n::tf;
use crate::store::{BackupKey, Vault, VaultError};
use std::path::Path;
use std::str::FromStr;

pub fn backup(
    ctx: &Context,
    out: &Path,
    recovery: Option<&str>,
    kdf_log_n: Option<u8>,
) -> Result<i32, AppError> {
    let kdf_log_n = checked_kdf(kdf_log_n)?;
    let recovery = match recovery {
        None => None,
        Some(r) => Some(
            age::x25519::Recipient::from_str(r.trim())
                .map_err(|_| AppError::Share(crate::share::ShareError::BadRecipient(r.trim().to_string())))?,
        ),
    };
    // Refused before the passphrase is asked: nothing happens when the file is there.
    if out.exists() {
        return Err(VaultError::OutputExists(out.to_path_buf()).into());
    }
    let lock = crate::store::VaultLock::acquire(&ctx.vault_dir)?;
    let pass = passphrase::current(ctx)?;
    let keys = lock.unlock(&pass)?;
    let vault = lock.open(keys)?;
    let file = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let detail = serde_json::json!({"file": file, "recovery": recovery.is_some()});
    let metas = crate::audit::prepare(&vault, "backup", detail)?;
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    let info = vault.backup(out, &pass, recovery.as_ref(), kdf_log_n, &refs)?;
    eprintln!(
        "{}",
        tf(
            ctx.lang,
            "cli.backup_done",
            &[("n", &info.records.to_string()), ("file", &out.display().to_string())]
        )
    );
    Ok(0)
}

pub fn restore(
    ctx: &Context,
    file: &Path,
    identity: Option<&Path>,
    kdf_log_n: Option<u8>,
) -> Result<i32, AppError> {
    let kdf_log_n = checked_kdf(kdf_log_n)?;
    // Refused before any passphrase is asked.
    if std::fs::read_dir(&ctx.vault_dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(VaultError::NotEmpty(ctx.vault_dir.clone()).into());
    }
    if !file.is_file() {
        return Err(AppError::ReadInput {
            path: file.display().to_string(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    let (key, new_pass) = match identity {
        None => {
            let pass = passphrase::current(ctx)?;
            (BackupKey::Passphrase(pass.clone()), pass)
        }
        Some(path) => {
            let text = zeroize::Zeroizing::new(
                std::fs::read_to_string(path)
                    .map_err(|source| AppError::ReadInput { path: path.display().to_string(), source })?,
            );
            let id = text
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("AGE-SECRET-KEY-"))
                .and_then(|l| age::x25519::Identity::from_str(l).ok())
                .ok_or_else(|| AppError::BadIdentityFile(path.display().to_string()))?;
            let pass = passphrase::new(
                ctx.passphrase_file.as_deref(),
                "CONSULTLOG_PASSPHRASE",
                ctx.lang,
                "cli.new_passphrase",
            )?;
            (BackupKey::Recovery(id), pass)
        }
    };
    let (vault, info) = Vault::restore(file, &key, &ctx.vault_dir, &new_pass, kdf_log_n)?;
    eprintln!(
        "{}",
        tf(
            ctx.lang,
            "cli.restored",
            &[("n", &info.records.to_string()), ("dir", &ctx.vault_dir.display().to_string())]
        )
    );
    check(ctx, &vault)
}
