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
    // Checked before anything else: a bad recipient changes nothing.
    if let Some(r) = recovery {
        age::x25519::Recipient::from_str(r.trim())
            .map_err(|_| AppError::Share(crate::share::ShareError::BadRecipient(r.trim().to_string())))?;
    }
    // Refused before the passphrase is asked: nothing happens when the file is there, its
    // folder is missing, or it is inside the vault (lost with it).
    if out.exists() {
        return Err(VaultError::OutputExists(out.to_path_buf()).into());
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(folder) = parent.canonicalize() else {
        return Err(crate::backups::SettingError::NotAFolder(parent.to_path_buf()).into());
    };
    if ctx.vault_dir.canonicalize().is_ok_and(|v| folder.starts_with(v)) {
        return Err(crate::backups::SettingError::InsideVault(parent.to_path_buf()).into());
    }
    let lock = crate::store::VaultLock::acquire(&ctx.vault_dir)?;
    let pass = passphrase::current(ctx)?;
    let keys = lock.unlock(&pass)?;
    let vault = lock.open(keys)?;
    let info = crate::backups::write(&vault, out, &pass, recovery, kdf_log_n, false, chrono::Utc::now())?;
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
    // A restored copy (a test restore, a new laptop) must not write into the original's
    // backup folder and rotate its backups away: automatic backups start off.
    let mut settings = crate::backups::Settings::load(&vault)?;
    let backups_off = settings.dir.take().is_some();
    if backups_off {
        settings.store(&vault, "backup.dir").map_err(crate::share::ShareError::from)?;
    }
    eprintln!(
        "{}",
        tf(
            ctx.lang,
            "cli.restored",
            &[("n", &info.records.to_string()), ("dir", &ctx.vault_dir.display().to_string())]
        )
    );
    if backups_off {
        eprintln!("{}", crate::i18n::t(ctx.lang, "cli.restore_backups_off"));
    }
    check(ctx, &vault)
}

/// `backup --auto`: one backup into the settings' folder, the oldest beyond `keep` removed.
pub fn auto(ctx: &Context, kdf_log_n: Option<u8>) -> Result<i32, AppError> {
    let kdf_log_n = checked_kdf(kdf_log_n)?;
    let lock = crate::store::VaultLock::acquire(&ctx.vault_dir)?;
    let pass = passphrase::current(ctx)?;
    let keys = lock.unlock(&pass)?;
    let vault = lock.open(keys)?;
    let out = crate::backups::auto(&vault, &pass, kdf_log_n, chrono::Utc::now())?;
    eprintln!("{}", tf(ctx.lang, "cli.auto_backup_done", &[("file", &out.display().to_string())]));
    Ok(0)
}

/// `settings [NAME [VALUE]] [--unset]`.
pub fn settings(ctx: &Context, key: Option<&str>, value: Option<&str>, unset: bool) -> Result<i32, AppError> {
    use crate::backups::{Settings, settings::KEYS};
    // An unknown name is refused before the passphrase is asked.
    if let Some(k) = key
        && !KEYS.iter().any(|(n, _)| *n == k)
    {
        return Err(crate::backups::SettingError::UnknownKey(k.into()).into());
    }
    let vault = super::passphrase::open_vault(ctx)?;
    let mut s = Settings::load(&vault)?;
    let shown = |s: &Settings, k: &str| {
        let v = s.get(k).unwrap_or_default();
        if v.is_empty() { crate::i18n::t(ctx.lang, "settings.none").to_string() } else { v }
    };
    match (key, value, unset) {
        (Some(k), Some(v), false) => {
            s.set(k, v, &ctx.vault_dir)?;
            s.store(&vault, k).map_err(crate::share::ShareError::from)?;
            eprintln!("{}", tf(ctx.lang, "settings.changed", &[("key", k), ("value", &shown(&s, k))]));
        }
        (Some(k), None, true) => {
            s.unset(k)?;
            s.store(&vault, k).map_err(crate::share::ShareError::from)?;
            eprintln!("{}", tf(ctx.lang, "settings.unset", &[("key", k), ("value", &shown(&s, k))]));
        }
        (Some(k), None, false) => println!("{}", shown(&s, k)),
        _ => {
            for (k, help) in KEYS {
                println!("{k} = {}\n    {}", shown(&s, k), crate::i18n::t(ctx.lang, help));
            }
        }
    }
    Ok(0)
}
