//! The command line: argument types and dispatch. One file per group of subcommands.

mod admin;
mod backup;
pub mod help;
mod lint;
mod passphrase;
mod records;
mod render;
mod sharing;
mod stats;
mod stats_args;
pub mod ui;

pub use stats_args::{FormsArgs, ReportArgs, StatsArgs, StatsCommand, TableArgs};

use crate::error::AppError;
use crate::i18n::Lang;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "consultlog",
    version,
    about = "Versleuteld, geanonimiseerd logboek van consultaties met het LKHA / Encrypted, anonymised log of LKHA consultations"
)]
pub struct Cli {
    /// Vault folder (default: the platform data folder)
    #[arg(long, global = true, env = "CONSULTLOG_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// Read the passphrase from this file instead of asking (also env CONSULTLOG_PASSPHRASE)
    #[arg(long, global = true, env = "CONSULTLOG_PASSPHRASE_FILE", value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Language of the interface: nl (default) or en
    #[arg(long, global = true, env = "CONSULTLOG_LANG", value_name = "nl|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Lock the interface after this many idle seconds (default 300)
    #[arg(long, global = true, env = "CONSULTLOG_LOCK_AFTER", value_name = "SECONDS")]
    pub lock_after: Option<u64>,
    /// Reason as if today were this date (tests, benchmarks, training); not shown in help
    #[arg(long, global = true, env = "CONSULTLOG_TODAY", value_name = "YYYY-MM-DD", hide = true)]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language '{s}': use nl or en"))
}

#[derive(Debug, Subcommand)]
// Parsed once per run: a larger variant (the statistics options) costs nothing worth boxing.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Create a new vault (refuses to overwrite an existing one)
    Init {
        /// scrypt cost as log2(N). Lowers the passphrase protection: for tests only.
        /// Default: calibrated to about one second on this machine.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=30), hide = true)]
        kdf_log_n: Option<u8>,
    },
    /// Add consultations from JSON (one object, an array, or JSON Lines); all or nothing
    Add {
        /// Input file, or - for standard input
        #[arg(value_name = "FILE|-")]
        file: Option<PathBuf>,
    },
    /// List consultations, newest first
    List {
        /// Print a JSON array of full records
        #[arg(long)]
        json: bool,
    },
    /// Show one consultation
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Replace fields of a consultation from a JSON object
    Edit {
        id: String,
        #[arg(value_name = "FILE|-")]
        file: PathBuf,
    },
    /// Delete a consultation (asks first when run in a terminal)
    Delete {
        id: String,
        /// Do not ask for confirmation
        #[arg(long, short)]
        yes: bool,
    },
    /// Print this vault's public age recipient (age1...)
    Recipient,
    /// Change the passphrase (new one from --new-passphrase-file, CONSULTLOG_NEW_PASSPHRASE or a prompt)
    Passwd {
        #[arg(long, env = "CONSULTLOG_NEW_PASSPHRASE_FILE", value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        /// scrypt cost as log2(N), for tests only
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=30))]
        kdf_log_n: Option<u8>,
    },
    /// Show or set how many years closed consultations are kept (the organisation's choice);
    /// the program reminds when some are past it
    Retention {
        /// Keep closed consultations this many years after their last change
        #[arg(long, value_name = "N")]
        years: Option<u32>,
    },
    /// Delete closed consultations not changed since a date (retention), then compact
    Purge {
        /// Closed consultations whose last change is before this date (dd-mm-jjjj or YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        closed_before: String,
        /// Do not ask for confirmation (required when not run in a terminal)
        #[arg(long, short)]
        yes: bool,
    },
    /// Rewrite the vault's database so that earlier versions, old drafts and deleted
    /// consultations are gone from disk (also done by passwd)
    Compact,
    /// Check that every record decrypts and the list index agrees (exit 0 when sound)
    Verify,
    /// Write a backup of the whole vault (consultations with history and advice, address
    /// book, audit log, keys) to one file encrypted with the passphrase; never overwritten
    Backup {
        /// Backup file to write
        #[arg(short, long, value_name = "FILE", conflicts_with = "auto")]
        output: Option<PathBuf>,
        /// Write it into the folder set as backup.dir (named by date and time), removing the
        /// oldest beyond backup.keep
        #[arg(long)]
        auto: bool,
        /// Also encrypt to the organisation's recovery recipient (age1...): whoever holds its
        /// key can read the backup without your passphrase
        #[arg(long, value_name = "age1...")]
        recovery: Option<String>,
        /// scrypt cost as log2(N), for tests only
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=30), hide = true)]
        kdf_log_n: Option<u8>,
    },
    /// Show or change the vault's settings (automatic backups): without arguments all of
    /// them, with a name its value, with a name and a value it is set
    Settings {
        /// Name of the setting (backup.dir, backup.keep, backup.every, backup.warn_days,
        /// backup.recovery)
        #[arg(value_name = "NAME")]
        key: Option<String>,
        /// New value
        #[arg(value_name = "VALUE", conflicts_with = "unset", allow_hyphen_values = true)]
        value: Option<String>,
        /// Put the setting back to its default
        #[arg(long, requires = "key")]
        unset: bool,
    },
    /// Rebuild a vault from a backup into a new or empty --vault folder, then verify it
    Restore {
        /// Backup file
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Open the backup with the organisation's recovery identity file (AGE-SECRET-KEY-1...)
        /// instead of the passphrase; the restored vault gets a new passphrase
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// scrypt cost as log2(N), for tests only
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=30), hide = true)]
        kdf_log_n: Option<u8>,
    },
    /// Address book of advisers' age recipients
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Encrypt consultations for LKHA advisers (and yourself) into an age file
    Share {
        /// Consultation ids
        #[arg(required = true)]
        ids: Vec<String>,
        /// Address-book name, age1... recipient, or recipients file (repeatable)
        #[arg(long, required = true, value_name = "NAME|RECIPIENT|FILE")]
        to: Vec<String>,
        /// Output file
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// ASCII-armored output
        #[arg(long)]
        armor: bool,
    },
    /// Import a shared bundle (as received consultations) or a reply (as advice)
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Take in a case bundle whose sender is not a verified contact (marked as such);
        /// advice is never taken in unverified
        #[arg(long)]
        allow_unverified: bool,
    },
    /// Write this vault's contact card (to exchange with advisers; compare the fingerprint
    /// by phone)
    Card {
        /// Your name as contacts will see it
        #[arg(long)]
        name: Option<String>,
        /// Your organisation
        #[arg(long)]
        organisation: Option<String>,
        /// Write the card to this file (default: standard output); never overwritten
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Send the advice written on a received consultation back to its sender
    Reply {
        id: String,
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        #[arg(long)]
        armor: bool,
    },
    /// Show the audit log (what was shared, imported, exported or deleted; never content)
    Log {
        #[arg(long)]
        json: bool,
    },
    /// Export consultations for the client's file (Markdown or text), in the order of the
    /// training's questions, with advice and follow-ups; never overwritten
    Export {
        /// Consultation ids (or the start of them)
        #[arg(required = true)]
        ids: Vec<String>,
        /// md (Markdown) or txt (plain text)
        #[arg(long, default_value = "md", value_name = "md|txt")]
        format: String,
        /// Output file
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Export even when a consultation still has possible personal data (needed when
        /// not run in a terminal)
        #[arg(long)]
        yes: bool,
    },
    /// Check free text for personal data (exit 0 clean, 1 findings, 2 bad input)
    Lint {
        /// Input file, or - for standard input
        #[arg(value_name = "FILE|-")]
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Anonymised statistics: a protected frequency table (CSV or JSON) of this vault's
    /// consultations; `contribute` and `merge` combine vaults at a coordinator
    Stats(StatsArgs),
    /// Try the program on a throwaway vault of fictional consultations (removed on exit)
    Demo,
    /// Add N realistic fictional consultations (for demos, training and benchmarks)
    DemoData {
        #[arg(long, default_value_t = 100)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Add a named contact from their contact card (verified), or from an age1... recipient
    /// or recipients file (unverified: you can share to it, nothing from it is trusted)
    Add {
        name: String,
        #[arg(value_name = "CARD|RECIPIENT|FILE")]
        recipient: String,
    },
    /// List the address book: verified or not, and fingerprints
    List,
    /// Remove a contact
    Remove { name: String },
    /// Give a contact another name
    Rename { name: String, new_name: String },
}

/// Resolved global settings every subcommand uses.
pub struct Context {
    pub vault_dir: PathBuf,
    pub passphrase_file: Option<PathBuf>,
    pub lang: Lang,
    pub lock_after: Option<u64>,
    /// Where "today" comes from: the machine's calendar unless `--today` pins it.
    pub clock: crate::clock::Clock,
}

pub use admin::checked_kdf;

/// A passphrase given by file or environment (tests, scripts), without prompting.
pub fn preset_passphrase(ctx: &Context) -> Result<Option<age::secrecy::SecretString>, AppError> {
    passphrase::given(ctx.passphrase_file.as_deref(), "CONSULTLOG_PASSPHRASE", ctx.lang)
}

pub fn default_vault_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "LKHA", "consultlog").map(|d| d.data_dir().to_path_buf())
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context, AppError> {
        let vault_dir = match &cli.vault {
            Some(v) => v.clone(),
            None => default_vault_dir().ok_or(AppError::NoVaultDir)?,
        };
        let clock = match cli.today.as_deref() {
            None => crate::clock::Clock::system(),
            Some(s) => crate::clock::Clock::parse(s).ok_or(AppError::BadToday)?,
        };
        Ok(Context {
            vault_dir,
            clock,
            passphrase_file: cli.passphrase_file.clone(),
            lang: cli.lang.unwrap_or_default(),
            lock_after: cli.lock_after,
        })
    }
}

/// Runs one subcommand; returns the process exit code.
pub fn run(cmd: Command, ctx: &Context) -> Result<i32, AppError> {
    match cmd {
        Command::Init { kdf_log_n } => admin::init(ctx, kdf_log_n),
        Command::Add { file } => records::add(ctx, file.as_deref()),
        Command::List { json } => records::list(ctx, json),
        Command::Show { id, json } => records::show(ctx, &id, json),
        Command::Edit { id, file } => records::edit(ctx, &id, &file),
        Command::Delete { id, yes } => records::delete(ctx, &id, yes),
        Command::Recipient => admin::recipient(ctx),
        Command::Passwd { new_passphrase_file, kdf_log_n } => {
            admin::passwd(ctx, new_passphrase_file.as_deref(), kdf_log_n)
        }
        Command::Verify => admin::verify(ctx),
        Command::Backup { output, auto, recovery, kdf_log_n } => match (output, auto) {
            (Some(out), false) => backup::backup(ctx, &out, recovery.as_deref(), kdf_log_n),
            (None, true) => backup::auto(ctx, kdf_log_n),
            _ => Err(AppError::BackupTarget),
        },
        Command::Settings { key, value, unset } => {
            backup::settings(ctx, key.as_deref(), value.as_deref(), unset)
        }
        Command::Restore { file, identity, kdf_log_n } => {
            backup::restore(ctx, &file, identity.as_deref(), kdf_log_n)
        }
        Command::Compact => admin::compact(ctx),
        Command::Retention { years } => admin::retention(ctx, years),
        Command::Purge { closed_before, yes } => admin::purge(ctx, &closed_before, yes),
        Command::Demo => ui::demo(ctx),
        Command::DemoData { count, seed } => admin::demo_data(ctx, count, seed),
        Command::Keys(k) => sharing::keys(ctx, k),
        Command::Share { ids, to, output, armor } => sharing::share(ctx, &ids, &to, &output, armor),
        Command::Import { file, allow_unverified } => sharing::import(ctx, &file, allow_unverified),
        Command::Card { name, organisation, output } => {
            sharing::card(ctx, name.as_deref(), organisation.as_deref(), output.as_deref())
        }
        Command::Reply { id, output, armor } => sharing::reply(ctx, &id, &output, armor),
        Command::Log { json } => sharing::log(ctx, json),
        Command::Export { ids, format, output, yes } => records::export(ctx, &ids, &format, &output, yes),
        Command::Lint { file, json } => lint::run(ctx, file.as_deref(), json),
        Command::Stats(args) => stats::run(ctx, args),
    }
}
