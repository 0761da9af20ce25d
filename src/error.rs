//! The application's errors and the one sentence a user reads for each, in their language.

use crate::domain::input::InputError;
use crate::i18n::{Lang, t, tf};
use crate::store::VaultError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("cannot read {path}: {source}")]
    ReadInput { path: String, source: std::io::Error },
    #[error("{0} is not UTF-8 text")]
    NotUtf8(String),
    #[error("no passphrase given")]
    NoPassphrase,
    #[error("empty passphrase")]
    EmptyPassphrase,
    #[error("the passphrases differ")]
    PassphraseMismatch,
    #[error("the new passphrase is too short")]
    ShortPassphrase,
    #[error("purge needs a date")]
    BadPurgeDate,
    #[error("--years must be 1 to 100")]
    BadRetention,
    #[error("needs --yes when not run in a terminal")]
    NeedsYes,
    #[error("--kdf-log-n {0} is outside 15..=22")]
    BadKdf(u8),
    #[error("no default vault folder")]
    NoVaultDir,
    #[error("edit expects one JSON object")]
    EditObject,
    #[error("{0} problems found")]
    VerifyFailed(usize),
    #[error("--count must be at least 1")]
    BadCount,
    #[error("--today is not a date YYYY-MM-DD")]
    BadToday,
    #[error("cancelled")]
    Cancelled,
    #[error(transparent)]
    Share(#[from] crate::share::ShareError),
    #[error("nothing new to import")]
    NothingNew,
    #[error(transparent)]
    Stats(#[from] crate::stats::StatsError),
    #[error("--k must be a whole number: {0}")]
    BadK(String),
    #[error("unknown period {0}")]
    BadPeriod(String),
    #[error("unknown format {0}")]
    BadFormat(String),
    #[error("unknown report format {0}")]
    BadReportFormat(String),
    #[error("unknown export format {0}")]
    BadExportFormat(String),
    #[error("{0} has unresolved personal data")]
    ExportFindings(String),
    #[error("unknown labels {0}")]
    BadLabels(String),
    #[error("bad date for {option}: {value}")]
    BadRangeDate { option: String, value: String },
    #[error("--from is after --to")]
    RangeOrder,
    #[error("{0} holds no age identity")]
    BadIdentityFile(String),
    #[error("{file}: {error}")]
    Contribution { file: String, error: crate::publish::ContributionError },
    #[error(transparent)]
    Backup(#[from] crate::backups::BackupError),
    #[error(transparent)]
    Setting(#[from] crate::backups::SettingError),
    #[error("backup needs -o FILE or --auto")]
    BackupTarget,
}

impl From<crate::audit::AuditError> for AppError {
    fn from(e: crate::audit::AuditError) -> Self {
        AppError::Share(e.into())
    }
}

fn path(p: &std::path::Path) -> String {
    p.display().to_string()
}

/// What went wrong with a file, in the reader's language for the usual causes (not found,
/// no permission, disk full, read-only, already there, in use); the system's own words
/// otherwise.
pub fn io_detail(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "io.not_found",
        K::PermissionDenied => "io.permission",
        K::StorageFull | K::QuotaExceeded => "io.full",
        K::ReadOnlyFilesystem => "io.read_only",
        K::AlreadyExists => "io.exists",
        K::ResourceBusy | K::WouldBlock => "io.busy",
        K::IsADirectory => "io.is_dir",
        K::InvalidData => "io.invalid_data",
        _ => return e.to_string(),
    };
    t(lang, key).to_string()
}

/// An input error with its position in the reader's language ("regel 3, veld forms[1]: ...").
fn input_message(e: &InputError, lang: Lang) -> String {
    let mut at = Vec::new();
    if let Some(l) = e.line {
        at.push(tf(lang, "err.at_line", &[("n", &l.to_string())]));
    }
    if let Some(f) = &e.field {
        at.push(tf(lang, "err.at_field", &[("field", f)]));
    }
    let problem = crate::present::problem::sentence(&e.problem, lang);
    let detail = if at.is_empty() { problem } else { format!("{}: {problem}", at.join(", ")) };
    tf(lang, "err.input", &[("detail", &detail)])
}

impl AppError {
    /// The one sentence shown to the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Vault(v) => vault_message(v, lang),
            AppError::Input(e) => input_message(e, lang),
            AppError::ReadInput { path, source } => {
                tf(lang, "err.read_input", &[("path", path), ("detail", &io_detail(source, lang))])
            }
            AppError::NotUtf8(p) => tf(lang, "err.not_utf8", &[("path", p)]),
            AppError::NoPassphrase => t(lang, "err.no_passphrase").into(),
            AppError::EmptyPassphrase => t(lang, "err.empty_passphrase").into(),
            AppError::PassphraseMismatch => t(lang, "err.passphrase_mismatch").into(),
            AppError::BadPurgeDate => t(lang, "err.purge_date").into(),
            AppError::BadRetention => t(lang, "err.retention").into(),
            AppError::NeedsYes => t(lang, "err.needs_yes").into(),
            AppError::BadKdf(n) => tf(lang, "err.bad_kdf", &[("n", &n.to_string())]),
            AppError::ShortPassphrase => crate::i18n::tf(
                lang,
                "err.short_passphrase",
                &[("n", &crate::crypto::MIN_PASSPHRASE_CHARS.to_string())],
            ),
            AppError::NoVaultDir => t(lang, "err.no_vault_dir").into(),
            AppError::EditObject => t(lang, "err.edit_object").into(),
            AppError::VerifyFailed(n) => tf(lang, "err.verify_failed", &[("n", &n.to_string())]),
            AppError::BadCount => t(lang, "err.count").into(),
            AppError::BadToday => t(lang, "err.today").into(),
            AppError::Cancelled => t(lang, "err.cancelled").into(),
            AppError::Share(e) => share_message(e, lang),
            AppError::NothingNew => t(lang, "err.nothing_new").into(),
            AppError::Stats(e) => stats_message(e, lang),
            AppError::BadK(v) => tf(lang, "err.stats_bad_k", &[("value", v)]),
            AppError::BadPeriod(v) => tf(lang, "err.stats_bad_period", &[("value", v)]),
            AppError::BadFormat(v) => tf(lang, "err.stats_bad_format", &[("value", v)]),
            AppError::BadReportFormat(v) => tf(lang, "err.stats_bad_report_format", &[("value", v)]),
            AppError::BadExportFormat(v) => tf(lang, "err.export_format", &[("value", v)]),
            AppError::ExportFindings(id) => tf(lang, "err.export_findings", &[("id", id)]),
            AppError::BadLabels(v) => tf(lang, "err.stats_bad_labels", &[("value", v)]),
            AppError::BadRangeDate { option, value } => {
                tf(lang, "err.stats_bad_range_date", &[("option", option), ("value", value)])
            }
            AppError::RangeOrder => t(lang, "err.stats_range_order").into(),
            AppError::Contribution { file, error } => contribution_message(file, error, lang),
            AppError::BadIdentityFile(p) => tf(lang, "err.bad_identity_file", &[("path", p)]),
            AppError::Backup(e) => backup_message(e, lang),
            AppError::Setting(e) => setting_message(e, lang),
            AppError::BackupTarget => t(lang, "err.backup_target").into(),
        }
    }
}

pub fn share_message(e: &crate::share::ShareError, lang: Lang) -> String {
    use crate::audit::AuditError;
    use crate::share::ShareError as S;
    let w = |key: &str, what: &str| tf(lang, key, &[("what", what)]);
    match e {
        S::Vault(v) => vault_message(v, lang),
        S::Audit(AuditError::Vault(v)) => vault_message(v, lang),
        S::Audit(AuditError::Broken(n)) => w("err.audit_broken", &n.to_string()),
        S::Audit(AuditError::Truncated(n)) => w("err.audit_truncated", &n.to_string()),
        S::BadRecipient(x) => w("err.bad_recipient", x),
        S::UnknownContact(x) => w("err.unknown_contact", x),
        S::ContactExists(x) => w("err.contact_exists", x),
        S::EmptyRecipients(x) => w("err.empty_recipients", x),
        S::Findings { id, count } => tf(lang, "err.findings", &[("id", id), ("n", &count.to_string())]),
        S::NotForThisVault => t(lang, "err.not_for_this_vault").into(),
        S::NotAgeFile => t(lang, "err.not_age_file").into(),
        S::OwnFile => t(lang, "err.own_file").into(),
        S::Damaged => t(lang, "err.damaged_file").into(),
        S::WrongFormat(x) => w("err.wrong_format", x),
        S::NewerVersion(v) => w("err.newer_version", &v.to_string()),
        S::BadContent(x) => w("err.bad_content", x),
        S::UnknownConsultation(x) => w("err.unknown_consultation", x),
        S::NotReceived(x) => w("err.not_received", x),
        S::NoAdvice(x) => w("err.no_advice", x),
        S::OutputExists(p) => w("err.output_exists", &path(p)),
        S::Write { path: p, source } => {
            tf(lang, "err.write", &[("what", &path(p)), ("detail", &io_detail(source, lang))])
        }
        S::Encrypt(d) => tf(lang, "err.crypto", &[("detail", d)]),
        S::Card(c) => card_message(c, lang),
        S::BadContactName => t(lang, "err.contact_name").into(),
        S::ContactKnown(x) => w("err.contact_known", x),
        S::DemoCard => t(lang, "err.demo_card").into(),
        S::Unsigned { claimed } => w("err.unsigned", claimed),
        S::UnknownSigner { who, fingerprint } => {
            tf(lang, "err.unknown_signer", &[("what", who), ("fingerprint", fingerprint)])
        }
        S::BadSignature => t(lang, "err.bad_signature").into(),
        S::NotAddressed => t(lang, "err.not_addressed").into(),
        S::NotSharedWith { id, contact } => {
            tf(lang, "err.not_shared_with", &[("what", id), ("contact", contact)])
        }
    }
}

fn card_message(e: &crate::share::CardError, lang: Lang) -> String {
    use crate::share::CardError as C;
    match e {
        C::NotACard => t(lang, "err.card_not_card").into(),
        C::Missing(line) => tf(lang, "err.card_missing", &[("what", line)]),
        C::BadRecipient | C::BadKey => t(lang, "err.card_bad_key").into(),
        C::BadText => t(lang, "err.card_bad_text").into(),
        C::BadChecksum => t(lang, "err.card_checksum").into(),
    }
}

pub fn stats_message(e: &crate::stats::StatsError, lang: Lang) -> String {
    use crate::stats::StatsError as S;
    match e {
        S::ZeroThreshold => tf(lang, "err.stats_bad_k", &[("value", "0")]),
        S::ThresholdTwo => t(lang, "err.stats_k_two").into(),
        S::NoDimensions => t(lang, "err.stats_no_dimensions").into(),
        S::TooManyDimensions(n) => tf(lang, "err.stats_too_many", &[("n", &n.to_string())]),
        S::UnknownDimension(d) => tf(lang, "err.stats_unknown_dimension", &[("name", d)]),
        S::DuplicateDimension(d) => tf(lang, "err.stats_duplicate_dimension", &[("name", d)]),
        S::NoRecords => t(lang, "err.stats_empty").into(),
        S::Unprotectable(cell) => tf(lang, "err.stats_unprotectable", &[("cell", cell)]),
        S::ProtectionCheckFailed => t(lang, "err.stats_check_failed").into(),
        S::CountOverflow => t(lang, "err.stats_overflow").into(),
        S::DuplicateTable(d) => tf(lang, "err.stats_duplicate_table", &[("name", d)]),
        S::InconsistentForms => t(lang, "err.stats_check_failed").into(),
        S::RowLength { .. } | S::ReservedValue(_) | S::DimensionMismatch { .. } => {
            tf(lang, "err.stats_inconsistent", &[("detail", &e.to_string())])
        }
    }
}

fn contribution_message(file: &str, e: &crate::publish::ContributionError, lang: Lang) -> String {
    use crate::publish::ContributionError as C;
    use crate::share::ShareError as S;
    let f = |key: &str| tf(lang, key, &[("file", file)]);
    match e {
        C::Share(S::NotForThisVault) => f("err.contribution_not_for_vault"),
        C::Share(S::NotAgeFile) => f("err.contribution_not_age"),
        C::Share(S::Damaged) => f("err.contribution_damaged"),
        C::Share(other) => format!("{file}: {}", share_message(other, lang)),
        C::WrongFormat(what) => tf(lang, "err.contribution_format", &[("file", file), ("what", what)]),
        C::NewerVersion(v) => {
            tf(lang, "err.contribution_newer", &[("file", file), ("version", &v.to_string())])
        }
        C::BadContent(what) => tf(lang, "err.contribution_bad", &[("file", file), ("what", what)]),
    }
}

/// What opening found about a vault's integrity, in one sentence (the UI says it after
/// unlocking; the same keys as the command line's notice).
pub fn notice_message(n: crate::store::OpenNotice, lang: Lang) -> String {
    use crate::store::OpenNotice;
    match n {
        OpenNotice::ManifestCreated => t(lang, "cli.manifest_created").to_string(),
        OpenNotice::ManifestUnreadable => t(lang, "cli.manifest_unreadable").to_string(),
        OpenNotice::RolledBack { vault, seen } => {
            tf(lang, "cli.rolled_back", &[("expected", &seen.to_string()), ("found", &vault.to_string())])
        }
    }
}

pub fn backup_message(e: &crate::backups::BackupError, lang: Lang) -> String {
    use crate::backups::BackupError as B;
    match e {
        B::Vault(v) => vault_message(v, lang),
        B::Audit(crate::audit::AuditError::Vault(v)) => vault_message(v, lang),
        B::Audit(crate::audit::AuditError::Broken(n)) => {
            tf(lang, "err.audit_broken", &[("what", &n.to_string())])
        }
        B::Audit(crate::audit::AuditError::Truncated(n)) => {
            tf(lang, "err.audit_truncated", &[("what", &n.to_string())])
        }
        B::NoFolder => t(lang, "err.backup_no_folder").into(),
        B::FolderGone(d) => tf(lang, "err.backup_folder_gone", &[("dir", &path(d))]),
        B::BadRecovery(r) => tf(lang, "err.setting_recipient", &[("value", r)]),
    }
}

pub fn setting_message(e: &crate::backups::SettingError, lang: Lang) -> String {
    use crate::backups::SettingError as S;
    match e {
        S::UnknownKey(k) => {
            let all: Vec<&str> = crate::backups::settings::KEYS.iter().map(|(k, _)| *k).collect();
            tf(lang, "err.setting_unknown", &[("key", k), ("all", &all.join(", "))])
        }
        S::OutOfRange { key, min, max } => tf(
            lang,
            "err.setting_range",
            &[("key", key), ("min", &min.to_string()), ("max", &max.to_string())],
        ),
        S::NotAFolder(d) => tf(lang, "err.setting_folder", &[("dir", &path(d))]),
        S::InsideVault(d) => tf(lang, "err.setting_inside_vault", &[("dir", &path(d))]),
        S::BadRecipient(r) => tf(lang, "err.setting_recipient", &[("value", r)]),
        S::Empty(k) => tf(lang, "err.setting_empty", &[("key", k)]),
    }
}

pub fn vault_message(e: &VaultError, lang: Lang) -> String {
    match e {
        VaultError::NotFound(d) => tf(lang, "err.not_found", &[("dir", &path(d))]),
        VaultError::KeyFileMissing(d) => tf(lang, "err.key_file_missing", &[("dir", &path(d))]),
        VaultError::AlreadyExists(d) => tf(lang, "err.already_exists", &[("dir", &path(d))]),
        VaultError::InUse(d) => tf(lang, "err.in_use", &[("dir", &path(d))]),
        VaultError::WrongPassphrase => t(lang, "err.wrong_passphrase").into(),
        VaultError::BadKeyFile(p) => tf(lang, "err.bad_key_file", &[("path", &path(p))]),
        VaultError::ExcessiveWork(n) => tf(lang, "err.excessive_work", &[("n", &n.to_string())]),
        VaultError::UnknownId(id) => tf(lang, "err.unknown_id", &[("id", id)]),
        VaultError::AmbiguousId(prefix, n) => {
            tf(lang, "err.ambiguous_id", &[("id", prefix), ("n", &n.to_string())])
        }
        VaultError::Corrupt(id) => tf(lang, "err.corrupt", &[("id", id)]),
        VaultError::Io { context, source } => {
            // The step that failed, in words ("sleutelbestand lezen"); as written when unknown.
            let key = format!("ioctx.{context}");
            let step = match t(lang, &key) {
                s if s == key => context.as_str(),
                s => s,
            };
            tf(lang, "err.io", &[("context", step), ("detail", &io_detail(source, lang))])
        }
        VaultError::Storage(d) => tf(lang, "err.storage", &[("detail", d)]),
        VaultError::Crypto(d) => tf(lang, "err.crypto", &[("detail", d)]),
        VaultError::OutputExists(p) => tf(lang, "err.output_exists", &[("what", &path(p))]),
        VaultError::NotEmpty(p) => tf(lang, "err.restore_not_empty", &[("dir", &path(p))]),
        VaultError::BadBackup => t(lang, "err.bad_backup").into(),
    }
}

/// Where a path-less error came from, for messages about input files.
pub fn input_name(p: &Option<PathBuf>) -> String {
    p.as_ref().map_or_else(|| "-".to_string(), |p| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_file_errors_read_in_dutch() {
        let e = AppError::ReadInput {
            path: "notities.json".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        assert_eq!(e.message(Lang::Nl), "Kan notities.json niet lezen: het bestaat niet.");
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let v = VaultError::Io { context: "sync database".into(), source: full };
        assert_eq!(vault_message(&v, Lang::Nl), "Bestandsfout (database wegschrijven): de schijf is vol.");
        assert!(vault_message(&v, Lang::En).contains("the disk is full"));
    }

    #[test]
    fn input_errors_name_line_and_field_in_the_readers_language() {
        use crate::domain::problem::{Problem, Shown};
        let e = AppError::Input(InputError {
            line: Some(3),
            field: Some("forms[1]".into()),
            problem: Problem::UnknownCode {
                value: Shown::of("kidnap"),
                expected: vec!["abandonment".into()],
            },
        });
        assert_eq!(
            e.message(Lang::Nl),
            "Ongeldige invoer: regel 3, veld forms[1]: onbekende code 'kidnap' (kies uit: abandonment). Er is niets opgeslagen."
        );
        assert!(
            e.message(Lang::En).contains("line 3, field forms[1]: unknown code 'kidnap'"),
            "{}",
            e.message(Lang::En)
        );
    }
}
