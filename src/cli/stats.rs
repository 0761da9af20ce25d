//! Statistics commands: `stats`, `stats contribute`, `stats merge`.
//!
//! Every option is checked before the vault is opened; output goes to memory first and is
//! written (or printed) only after the export is recorded in the audit log, so a refused
//! table leaves no file behind.

use super::passphrase::open_vault;
use super::{Context, StatsArgs, StatsCommand, TableArgs};
use crate::audit;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::publish::{self, MonthCounts};
use crate::share::{AddressBook, ShareError, ops};
use crate::stats::{self, CountTable, Dimension, Period, StatsError};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// Checked table options.
#[derive(Debug)]
struct Options {
    dimensions: Vec<Dimension>,
    period: Period,
    k: u32,
    format: Format,
    output: Option<PathBuf>,
}

fn parse_k(s: &str) -> Result<u32, AppError> {
    match s.trim().parse::<u32>() {
        Ok(0) => Err(StatsError::ZeroThreshold.into()),
        Ok(2) => Err(StatsError::ThresholdTwo.into()),
        Ok(k) => Ok(k),
        Err(_) => Err(AppError::BadK(s.to_string())),
    }
}

fn parse_options(args: &TableArgs) -> Result<Options, AppError> {
    let k = parse_k(&args.k)?;
    let dimensions = if args.by.trim().is_empty() {
        Vec::new()
    } else {
        args.by.split(',').map(|d| d.trim().parse::<Dimension>()).collect::<Result<Vec<_>, _>>()?
    };
    let names: Vec<&str> = dimensions.iter().map(|d| d.name()).collect();
    // Checks the number of dimensions and repeats.
    CountTable::new(&names)?;
    let period = match args.period.trim().to_ascii_lowercase().as_str() {
        "month" => Period::Month,
        "quarter" => Period::Quarter,
        "year" => Period::Year,
        _ => return Err(AppError::BadPeriod(args.period.clone())),
    };
    let format = match args.format.trim().to_ascii_lowercase().as_str() {
        "csv" => Format::Csv,
        "json" => Format::Json,
        _ => return Err(AppError::BadFormat(args.format.clone())),
    };
    if let Some(out) = &args.output
        && out.exists()
    {
        return Err(ShareError::OutputExists(out.clone()).into());
    }
    Ok(Options { dimensions, period, k, format, output: args.output.clone() })
}

pub fn run(ctx: &Context, args: StatsArgs) -> Result<i32, AppError> {
    match args.command {
        None => table(ctx, &args.table),
        Some(StatsCommand::Contribute { to, output }) => contribute(ctx, &to, &output),
        Some(StatsCommand::Merge { files, table, allow_unverified }) => {
            merge(ctx, &files, &table, allow_unverified)
        }
    }
}

/// Protects the table and renders it; nothing is written yet.
fn render(counts: &MonthCounts, o: &Options) -> Result<(Vec<u8>, stats::ProtectedTable), AppError> {
    let table = counts.table(&o.dimensions, o.period)?;
    let protected = stats::protect(&table, o.k, o.period)?;
    let mut bytes = Vec::new();
    let werr = |source: std::io::Error| ShareError::Write { path: PathBuf::from("-"), source };
    match o.format {
        Format::Csv => protected.write_csv(&mut bytes).map_err(|e| werr(e.into()))?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut bytes, &protected.to_json()).map_err(|e| werr(e.into()))?;
            bytes.push(b'\n');
        }
    }
    Ok((bytes, protected))
}

/// Records the export and writes the output: to the file only once the audit entry is
/// committed, to standard output after it.
fn export(
    ctx: &Context,
    vault: &crate::store::Vault,
    o: &Options,
    rendered: (Vec<u8>, stats::ProtectedTable),
    extra: Value,
) -> Result<(), AppError> {
    let (bytes, table) = rendered;
    let output = o.output.as_ref().map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    let mut detail = json!({
        "dimensions": o.dimensions.iter().map(|d| d.name()).collect::<Vec<_>>(),
        "period": o.period.name(),
        "k": o.k,
        "format": o.format.name(),
        "output": output,
    });
    if let (Value::Object(d), Value::Object(e)) = (&mut detail, extra) {
        d.extend(e);
    }
    match &o.output {
        Some(path) => {
            ops::write_out(path, &bytes, || Ok(audit::record(vault, "export", detail)?))?;
            let suppressed = table.cells().iter().filter(|c| c.suppressed.is_some()).count();
            eprintln!(
                "{}",
                tf(
                    ctx.lang,
                    "cli.stats_written",
                    &[
                        ("file", &output),
                        ("cells", &table.cells().len().to_string()),
                        ("suppressed", &suppressed.to_string()),
                    ]
                )
            );
        }
        None => {
            audit::record(vault, "export", detail).map_err(ShareError::from)?;
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|source| ShareError::Write { path: PathBuf::from("stdout"), source })?;
        }
    }
    Ok(())
}

fn table(ctx: &Context, args: &TableArgs) -> Result<i32, AppError> {
    let o = parse_options(args)?;
    let vault = open_vault(ctx)?;
    let counts = MonthCounts::from_vault(&vault)?;
    let rendered = render(&counts, &o)?;
    export(ctx, &vault, &o, rendered, json!({"source": "vault"}))?;
    Ok(0)
}

fn contribute(ctx: &Context, to: &str, out: &Path) -> Result<i32, AppError> {
    if out.exists() {
        return Err(ShareError::OutputExists(out.to_path_buf()).into());
    }
    let vault = open_vault(ctx)?;
    let recipients = AddressBook::load(&vault)?.resolve(to)?;
    let counts = MonthCounts::from_vault(&vault)?;
    if counts.total() == 0 {
        return Err(StatsError::NoRecords.into());
    }
    let (id, bytes) = publish::contribution_file(&vault, &counts, &recipients)?;
    let detail = json!({"id": id, "to": to, "recipients": recipients, "file": out.display().to_string()});
    ops::write_out(out, &bytes, || Ok(audit::record(&vault, "contribute", detail)?))?;
    eprintln!(
        "{}",
        tf(
            ctx.lang,
            "cli.stats_contributed",
            &[("n", &counts.total().to_string()), ("file", &out.display().to_string())]
        )
    );
    Ok(0)
}

fn merge(
    ctx: &Context,
    files: &[PathBuf],
    args: &TableArgs,
    allow_unverified: bool,
) -> Result<i32, AppError> {
    let o = parse_options(args)?;
    let mut raw = Vec::with_capacity(files.len());
    for f in files {
        let bytes = std::fs::read(f)
            .map_err(|source| AppError::ReadInput { path: f.display().to_string(), source })?;
        raw.push((f.display().to_string(), bytes));
    }
    let vault = open_vault(ctx)?;
    let book = AddressBook::load(&vault)?;
    let me = vault.recipient();
    let mut total = MonthCounts::default();
    let mut ids: Vec<String> = Vec::new();
    let mut notices = Vec::new();
    let mut senders = Vec::new();
    for (file, bytes) in &raw {
        let fail = |error| AppError::Contribution { file: file.clone(), error };
        let (c, check) = publish::open_contribution(bytes, vault.identity()).map_err(fail)?;
        let signer = ops::signer(&book, check, &me, t(ctx.lang, "cli.unknown_sender"), allow_unverified)
            .map_err(|e| fail(e.into()))?;
        senders.push(match &signer {
            Some(contact) => {
                tf(ctx.lang, "cli.stats_from_verified", &[("file", file), ("name", &contact.name)])
            }
            None => tf(ctx.lang, "cli.stats_from_unverified", &[("file", file)]),
        });
        if ids.contains(&c.id) {
            notices.push(tf(ctx.lang, "cli.stats_duplicate", &[("file", file), ("id", &c.id)]));
            continue;
        }
        total.merge(&c.counts)?;
        ids.push(c.id);
    }
    let rendered = render(&total, &o)?;
    let files: Vec<&str> = raw.iter().map(|(f, _)| f.as_str()).collect();
    export(ctx, &vault, &o, rendered, json!({"source": "merge", "contributions": ids, "files": files}))?;
    for n in senders.iter().chain(&notices) {
        eprintln!("{n}");
    }
    eprintln!("{}", tf(ctx.lang, "cli.stats_merged", &[("n", &ids.len().to_string())]));
    Ok(0)
}
