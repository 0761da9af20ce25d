//! Where a passphrase comes from: a file, the environment, or a hidden prompt. Never echoed,
//! never logged; held as a `SecretString` that is zeroised when dropped.

use super::Context;
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::store::{Cache, Vault, VaultLock};
use age::secrecy::{ExposeSecret, SecretString};
use std::path::Path;
use zeroize::Zeroizing;

/// Says so when a passphrase file can be read by others than its owner.
fn warn_if_shared(path: &Path, lang: Lang) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        eprintln!(
            "{}",
            crate::i18n::tf(lang, "cli.passphrase_file_open", &[("path", &path.display().to_string())])
        );
    }
}

fn from_file(path: &Path) -> Result<SecretString, AppError> {
    let raw = Zeroizing::new(
        std::fs::read(path)
            .map_err(|source| AppError::ReadInput { path: path.display().to_string(), source })?,
    );
    let text = std::str::from_utf8(&raw).map_err(|_| AppError::NotUtf8(path.display().to_string()))?;
    // Only the line ending an editor adds is dropped; other spaces belong to the passphrase.
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    non_empty(text.to_string())
}

fn non_empty(s: String) -> Result<SecretString, AppError> {
    if s.is_empty() { Err(AppError::EmptyPassphrase) } else { Ok(SecretString::from(s)) }
}

fn prompt(label: &str) -> Result<SecretString, AppError> {
    let s = rpassword::prompt_password(label).map_err(|_| AppError::NoPassphrase)?;
    non_empty(s)
}

/// The given passphrase, without a prompt when a file or env var provides it.
pub(crate) fn given(file: Option<&Path>, env: &str, lang: Lang) -> Result<Option<SecretString>, AppError> {
    if let Some(f) = file {
        warn_if_shared(f, lang);
        return from_file(f).map(Some);
    }
    match std::env::var(env) {
        Ok(s) => non_empty(s).map(Some),
        Err(_) => Ok(None),
    }
}

/// The passphrase of an existing vault.
pub fn current(ctx: &Context) -> Result<SecretString, AppError> {
    match given(ctx.passphrase_file.as_deref(), "CONSULTLOG_PASSPHRASE", ctx.lang)? {
        Some(p) => Ok(p),
        None => prompt(t(ctx.lang, "cli.passphrase")),
    }
}

/// A new passphrase: from a file or env var, or typed twice.
pub fn new(file: Option<&Path>, env: &str, lang: Lang, first_label: &str) -> Result<SecretString, AppError> {
    let p = match given(file, env, lang)? {
        Some(p) => p,
        None => {
            eprintln!("{}", t(lang, "cli.lost_passphrase"));
            let a = prompt(t(lang, first_label))?;
            let b = prompt(t(lang, "cli.repeat_passphrase"))?;
            if a.expose_secret() != b.expose_secret() {
                return Err(AppError::PassphraseMismatch);
            }
            a
        }
    };
    if p.expose_secret().chars().count() < crate::crypto::MIN_PASSPHRASE_CHARS {
        return Err(AppError::ShortPassphrase);
    }
    Ok(p)
}

/// Locks the vault first (so "in use" or "no vault" comes before any prompt), then unlocks.
pub fn open_vault(ctx: &Context) -> Result<Vault, AppError> {
    open_vault_cached(ctx, Cache::Modest)
}

/// As [`open_vault`], with the engine's cache sized for `cache` (`add` of a file).
pub fn open_vault_cached(ctx: &Context, cache: Cache) -> Result<Vault, AppError> {
    let lock = VaultLock::acquire(&ctx.vault_dir)?;
    let pass = current(ctx)?;
    let keys = lock.unlock(&pass)?;
    let vault = lock.open_cached(keys, cache)?;
    notice(&vault, ctx.lang);
    Ok(vault)
}

/// Says once what opening found about the vault's integrity.
pub fn notice(vault: &Vault, lang: Lang) {
    use crate::store::OpenNotice;
    match vault.open_notice() {
        None => {}
        Some(OpenNotice::ManifestCreated) => eprintln!("{}", t(lang, "cli.manifest_created")),
        Some(OpenNotice::ManifestUnreadable) => eprintln!("{}", t(lang, "cli.manifest_unreadable")),
        Some(OpenNotice::RolledBack { vault, seen }) => eprintln!(
            "{}",
            crate::i18n::tf(
                lang,
                "cli.rolled_back",
                &[("expected", &seen.to_string()), ("found", &vault.to_string())]
            )
        ),
    }
}
