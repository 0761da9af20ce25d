//! Vault-level commands: init, passwd, verify, recipient, demo-data.

use super::Context;
use super::passphrase::{self, open_vault};
use crate::domain::demo;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::store::{Problem, Vault, VaultProblem};
use std::path::Path;

/// The scrypt cost a vault may be given: below 15 a stolen key file is cheap to attack, above
/// 22 neither consultlog nor the reference age tool opens it. Tests may go lower with the
/// environment variable `CONSULTLOG_TEST_ONLY_WEAK_KDF=1`, which no user has reason to set.
pub fn checked_kdf(n: Option<u8>) -> Result<Option<u8>, AppError> {
    let test_only = std::env::var("CONSULTLOG_TEST_ONLY_WEAK_KDF").is_ok_and(|v| v == "1");
    match n {
        Some(n) if n > 22 || n < 15 && !test_only => Err(AppError::BadKdf(n)),
        other => Ok(other),
    }
}

pub fn init(ctx: &Context, kdf_log_n: Option<u8>) -> Result<i32, AppError> {
    let kdf_log_n = checked_kdf(kdf_log_n)?;
    // Refuse before asking for a passphrase: nothing is touched when a vault is there.
    if Vault::exists(&ctx.vault_dir) {
        return Err(crate::store::VaultError::AlreadyExists(ctx.vault_dir.clone()).into());
    }
    let pass = passphrase::new(
        ctx.passphrase_file.as_deref(),
        "CONSULTLOG_PASSPHRASE",
        ctx.lang,
        "cli.new_passphrase",
    )?;
    Vault::create(&ctx.vault_dir, &pass, kdf_log_n)?;
    eprintln!("{}", tf(ctx.lang, "cli.created", &[("dir", &ctx.vault_dir.display().to_string())]));
    Ok(0)
}

pub fn recipient(ctx: &Context) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    println!("{}", vault.recipient());
    Ok(0)
}

pub fn passwd(ctx: &Context, new_file: Option<&Path>, kdf_log_n: Option<u8>) -> Result<i32, AppError> {
    let kdf_log_n = checked_kdf(kdf_log_n)?;
    let vault = open_vault(ctx)?;
    let new = passphrase::new(new_file, "CONSULTLOG_NEW_PASSPHRASE", ctx.lang, "cli.new_passphrase")?;
    // A new data key too, and every value encrypted again into a fresh database: an old copy
    // of keys.age with the old passphrase opens nothing written from now on.
    let vault = vault.rekey(&new, kdf_log_n)?;
    crate::audit::record(&vault, "passwd", serde_json::json!({"rekeyed": true}))
        .map_err(crate::share::ShareError::from)?;
    eprintln!("{}", t(ctx.lang, "cli.passwd_done"));
    Ok(0)
}

/// `compact`: earlier versions, old drafts and deleted consultations gone from disk.
pub fn compact(ctx: &Context) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let vault = vault.compact()?;
    crate::audit::record(&vault, "compact", serde_json::json!({})).map_err(crate::share::ShareError::from)?;
    eprintln!("{}", t(ctx.lang, "cli.compacted"));
    Ok(0)
}

pub fn verify(ctx: &Context) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    check(ctx, &vault)
}

/// Prints what `verify` finds; exit 0 only when all is sound.
pub(super) fn check(ctx: &Context, vault: &Vault) -> Result<i32, AppError> {
    let report = vault.verify()?;
    for (id, problem) in &report.problems {
        let what = t(
            ctx.lang,
            match problem {
                Problem::RecordUnreadable => "verify.record_unreadable",
                Problem::SummaryUnreadable => "verify.summary_unreadable",
                Problem::SummaryMismatch => "verify.summary_mismatch",
                Problem::NoSummary => "verify.no_summary",
                Problem::OrphanSummary => "verify.orphan_summary",
            },
        );
        println!("{}", tf(ctx.lang, "cli.verify_problem", &[("id", id), ("what", what)]));
    }
    for p in &report.vault_problems {
        println!("{}", vault_problem(ctx, p));
    }
    let audit = crate::audit::verify(vault);
    if let Ok(n) = &audit {
        println!("{}", tf(ctx.lang, "cli.audit_ok", &[("n", &n.to_string())]));
    }
    if report.is_sound() {
        audit?;
        println!("{}", tf(ctx.lang, "cli.verify_ok", &[("n", &report.records.to_string())]));
        Ok(0)
    } else {
        Err(AppError::VerifyFailed(report.problems.len() + report.vault_problems.len()))
    }
}

/// One line naming what the manifest shows is wrong with the vault as a whole.
fn vault_problem(ctx: &Context, p: &VaultProblem) -> String {
    let l = ctx.lang;
    let n =
        |key: &str, e: &u64, f: &u64| tf(l, key, &[("expected", &e.to_string()), ("found", &f.to_string())]);
    match p {
        VaultProblem::ManifestUnreadable => t(l, "verify.manifest_unreadable").into(),
        VaultProblem::RecordsMissing { expected, found } => n("verify.records_missing", expected, found),
        VaultProblem::RecordsAdded { expected, found } => n("verify.records_added", expected, found),
        VaultProblem::SummariesMissing { expected, found } => n("verify.summaries_missing", expected, found),
        VaultProblem::RecordsChanged(ids) => tf(l, "verify.records_changed", &[("ids", &ids.join(", "))]),
        VaultProblem::AuditCut { expected, found } => n("verify.audit_cut", expected, found),
        VaultProblem::AuditChanged => t(l, "verify.audit_changed").into(),
        VaultProblem::ReceivedChanged => t(l, "verify.received_changed").into(),
        VaultProblem::MetaChanged(name) if name == "addressbook" => t(l, "verify.addressbook_changed").into(),
        VaultProblem::MetaChanged(name) => tf(l, "verify.meta_changed", &[("name", name)]),
        VaultProblem::MetaMissing(name) => tf(l, "verify.meta_missing", &[("name", name)]),
        VaultProblem::RolledBack { vault, seen } => n("verify.rolled_back", seen, vault),
    }
}

pub fn demo_data(ctx: &Context, count: usize, seed: u64) -> Result<i32, AppError> {
    if count == 0 {
        return Err(AppError::BadCount);
    }
    let vault = open_vault(ctx)?;
    let all = demo::generate(count, seed, ctx.clock.today().0);
    let mut done = 0;
    // Batches keep memory flat and show progress on large counts.
    for chunk in all.chunks(1000) {
        vault.add_many(chunk.to_vec())?;
        done += chunk.len();
        if count > 1000 {
            eprint!(
                "\r{}",
                tf(
                    ctx.lang,
                    "cli.demo_progress",
                    &[("done", &done.to_string()), ("total", &count.to_string())]
                )
            );
        }
    }
    if count > 1000 {
        eprintln!();
    }
    eprintln!(
        "{}",
        tf(ctx.lang, "cli.demo_progress", &[("done", &done.to_string()), ("total", &count.to_string())])
    );
    Ok(0)
}

/// `purge --closed-before DATE`: closed consultations whose last change is before DATE are
/// listed, confirmed, deleted in one write with their audit entry, and compacted away.
pub fn purge(ctx: &Context, before: &str, yes: bool) -> Result<i32, AppError> {
    use std::io::IsTerminal;
    let date = crate::domain::Date::parse_iso(before)
        .or_else(|_| crate::domain::Date::parse_dutch(before))
        .map_err(|_| AppError::BadPurgeDate)?;
    let vault = open_vault(ctx)?;
    let rows = vault.summaries()?.rows;
    let going: Vec<&crate::domain::Summary> = rows
        .iter()
        .filter(|s| s.status == "closed" && !s.received && s.last_change().date_naive() < date.0)
        .collect();
    if going.is_empty() {
        eprintln!("{}", tf(ctx.lang, "cli.purge_none", &[("date", &date.dutch())]));
        return Ok(0);
    }
    for s in &going {
        println!("{}  {}", s.id, s.consulted_on.dutch());
    }
    let n = going.len().to_string();
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(AppError::NeedsYes);
        }
        eprint!("{}", tf(ctx.lang, "cli.purge_confirm", &[("n", &n), ("date", &date.dutch())]));
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(answer.trim().to_lowercase().as_str(), "j" | "ja" | "y" | "yes") {
            return Err(AppError::Cancelled);
        }
    }
    let ids: Vec<String> = going.iter().map(|s| s.id.clone()).collect();
    let detail = serde_json::json!({"closed_before": date.iso(), "ids": ids});
    let metas = crate::audit::prepare(&vault, "purge", detail).map_err(crate::share::ShareError::from)?;
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
    vault.delete_many(&ids, &refs)?;
    vault.compact()?;
    eprintln!("{}", tf(ctx.lang, "cli.purged", &[("n", &n)]));
    Ok(0)
}

/// `retention [--years N]`: the setting, and how many closed consultations are past it.
pub fn retention(ctx: &Context, years: Option<u32>) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    if let Some(n) = years {
        if n == 0 || n > 100 {
            return Err(AppError::BadRetention);
        }
        crate::retention::set(&vault, n).map_err(crate::share::ShareError::from)?;
    }
    match crate::retention::years(&vault)? {
        None => println!("{}", t(ctx.lang, "cli.retention_unset")),
        Some(y) => {
            let cutoff = crate::retention::cutoff(ctx.clock.today(), y);
            let due = crate::retention::due(&vault.summaries()?.rows, cutoff);
            println!(
                "{}",
                tf(
                    ctx.lang,
                    "cli.retention",
                    &[("years", &y.to_string()), ("n", &due.to_string()), ("date", &cutoff.dutch())]
                )
            );
        }
    }
    Ok(0)
}
