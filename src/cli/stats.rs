//! Statistics commands: `stats`, `stats contribute`, `stats merge`.
//!
//! Every option is checked before the vault is opened; output goes to memory first and is
//! written (or printed) only after the export is recorded in the audit log, so a refused
//! table leaves no file behind.

use super::passphrase::open_vault;
use super::{Context, FormsArgs, ReportArgs, StatsArgs, StatsCommand, TableArgs};
use crate::audit;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::publish::{self, MonthCounts, Range};
use crate::report::{self, Labels};
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
    /// One entry per table; several tables are protected together.
    tables: Vec<Vec<Dimension>>,
    period: Period,
    k: u32,
    format: Format,
    output: Option<PathBuf>,
    labels: Labels,
}

fn parse_labels(s: &str) -> Result<Labels, AppError> {
    Labels::parse(s).ok_or_else(|| AppError::BadLabels(s.to_string()))
}

fn parse_format(s: &str) -> Result<Format, AppError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        _ => Err(AppError::BadFormat(s.to_string())),
    }
}

fn parse_period(s: &str, allowed: &[Period]) -> Result<Period, AppError> {
    let p = match s.trim().to_ascii_lowercase().as_str() {
        "month" => Period::Month,
        "quarter" => Period::Quarter,
        "year" => Period::Year,
        _ => return Err(AppError::BadPeriod(s.to_string())),
    };
    if allowed.contains(&p) { Ok(p) } else { Err(AppError::BadPeriod(s.to_string())) }
}

fn parse_day(option: &str, s: &Option<String>) -> Result<Option<chrono::NaiveDate>, AppError> {
    match s {
        None => Ok(None),
        Some(v) => chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::BadRangeDate { option: option.to_string(), value: v.clone() }),
    }
}

fn parse_range(from: &Option<String>, to: &Option<String>) -> Result<Range, AppError> {
    let range = Range { from: parse_day("--from", from)?, to: parse_day("--to", to)? };
    if let (Some(f), Some(t)) = (range.from, range.to)
        && f > t
    {
        return Err(AppError::RangeOrder);
    }
    Ok(range)
}

fn refuse_existing(out: &Path) -> Result<(), AppError> {
    if out.symlink_metadata().is_ok() {
        return Err(ShareError::OutputExists(out.to_path_buf()).into());
    }
    Ok(())
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
    let mut tables: Vec<Vec<Dimension>> = Vec::new();
    for by in &args.by {
        let dimensions = if by.trim().is_empty() {
            Vec::new()
        } else {
            by.split(',').map(|d| d.trim().parse::<Dimension>()).collect::<Result<Vec<_>, _>>()?
        };
        let names: Vec<&str> = dimensions.iter().map(|d| d.name()).collect();
        // Checks the number of dimensions and repeats.
        CountTable::new(&names)?;
        if tables.iter().any(|t| t.len() == dimensions.len() && t.iter().all(|d| dimensions.contains(d))) {
            return Err(StatsError::DuplicateTable(names.join(",")).into());
        }
        tables.push(dimensions);
    }
    let period = parse_period(&args.period, &[Period::Month, Period::Quarter, Period::Year])?;
    let format = parse_format(&args.format)?;
    let labels = parse_labels(&args.labels)?;
    if let Some(out) = &args.output {
        refuse_existing(out)?;
    }
    Ok(Options { tables, period, k, format, output: args.output.clone(), labels })
}

pub fn run(ctx: &Context, args: StatsArgs) -> Result<i32, AppError> {
    match args.command {
        None => table(ctx, &args.table),
        Some(StatsCommand::Contribute { to, output }) => contribute(ctx, &to, &output),
        Some(StatsCommand::Merge { files, table, allow_unverified }) => {
            merge(ctx, &files, &table, allow_unverified)
        }
        Some(StatsCommand::Forms(args)) => forms(ctx, &args),
        Some(StatsCommand::Report(args)) => report_cmd(ctx, &args),
    }
}

/// Protects the tables together; one table is protected on its own as before.
fn protect_tables(counts: &MonthCounts, o: &Options) -> Result<Vec<stats::ProtectedTable>, AppError> {
    if let [dimensions] = o.tables.as_slice() {
        let table = counts.table(dimensions, o.period)?;
        return Ok(vec![stats::protect(&table, o.k, o.period)?]);
    }
    let mut union: Vec<Dimension> = Vec::new();
    for d in o.tables.iter().flatten() {
        if !union.contains(d) {
            union.push(*d);
        }
    }
    let cube = counts.cube(&union, o.period)?;
    Ok(stats::protect_linked(&cube, &o.tables, None, o.k, o.period)?.tables)
}

/// Writes tables as CSV (one after the other, a blank line between) or JSON (one object,
/// or `{"tables": [...]}` for several).
fn render_tables(
    tables: &[stats::ProtectedTable],
    format: Format,
    labels: Labels,
) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    let werr = |source: std::io::Error| ShareError::Write { path: PathBuf::from("-"), source };
    match format {
        Format::Csv => {
            for (i, table) in tables.iter().enumerate() {
                if i > 0 {
                    bytes.push(b'\n');
                }
                table
                    .write_csv_labelled(&mut bytes, &|d, v| labels.value(d, v))
                    .map_err(|e| werr(e.into()))?;
            }
        }
        Format::Json => {
            let value = match tables {
                [one] => one.to_json(),
                many => {
                    json!({"tables": many.iter().map(stats::ProtectedTable::to_json).collect::<Vec<_>>()})
                }
            };
            serde_json::to_writer_pretty(&mut bytes, &value).map_err(|e| werr(e.into()))?;
            bytes.push(b'\n');
        }
    }
    Ok(bytes)
}

/// Protects the tables and renders them; nothing is written yet.
fn render(counts: &MonthCounts, o: &Options) -> Result<(Vec<u8>, Vec<stats::ProtectedTable>), AppError> {
    let tables = protect_tables(counts, o)?;
    Ok((render_tables(&tables, o.format, o.labels)?, tables))
}

/// Records the export and writes the output: to the file only once the audit entry is
/// committed, to standard output after it.
fn export(
    ctx: &Context,
    vault: &crate::store::Vault,
    o: &Options,
    rendered: (Vec<u8>, Vec<stats::ProtectedTable>),
    extra: Value,
) -> Result<(), AppError> {
    let (bytes, tables) = rendered;
    let output = o.output.as_ref().map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    let names = |t: &Vec<Dimension>| t.iter().map(|d| d.name()).collect::<Vec<_>>();
    let mut detail = json!({
        "period": o.period.name(),
        "k": o.k,
        "format": o.format.name(),
        "output": output,
    });
    match o.tables.as_slice() {
        [one] => detail["dimensions"] = json!(names(one)),
        many => detail["tables"] = json!(many.iter().map(names).collect::<Vec<_>>()),
    }
    if let (Value::Object(d), Value::Object(e)) = (&mut detail, extra) {
        d.extend(e);
    }
    match &o.output {
        Some(path) => {
            ops::write_out(path, &bytes, || Ok(audit::record(vault, "export", detail)?))?;
            let cells: usize = tables.iter().map(|t| t.cells().len()).sum();
            let suppressed: usize =
                tables.iter().map(|t| t.cells().iter().filter(|c| c.suppressed.is_some()).count()).sum();
            eprintln!(
                "{}",
                tf(
                    ctx.lang,
                    "cli.stats_written",
                    &[
                        ("file", &output),
                        ("cells", &cells.to_string()),
                        ("suppressed", &suppressed.to_string())
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

/// `stats forms`: per form, the consultations involving it.
fn forms(ctx: &Context, args: &FormsArgs) -> Result<i32, AppError> {
    let k = parse_k(&args.k)?;
    let format = parse_format(&args.format)?;
    let labels = parse_labels(&args.labels)?;
    let range = parse_range(&args.from, &args.to)?;
    if let Some(out) = &args.output {
        refuse_existing(out)?;
    }
    let vault = open_vault(ctx)?;
    let (months, form_counts) = publish::count_vault(&vault, range)?;
    if months.total() == 0 {
        return Err(StatsError::NoRecords.into());
    }
    let cube = months.cube(&[Dimension::Form], Period::Year)?;
    let input = form_counts.input(&months);
    let linked = stats::protect_linked(&cube, &[], Some(&input), k, Period::Year)?;
    let table = linked.forms.ok_or(StatsError::ProtectionCheckFailed)?;
    let bytes = render_tables(std::slice::from_ref(&table), format, labels)?;
    let o =
        Options { tables: Vec::new(), period: Period::Year, k, format, output: args.output.clone(), labels };
    let extra = json!({"source": "vault", "table": "forms", "from": range.from, "to": range.to});
    export(ctx, &vault, &o, (bytes, vec![table]), extra)?;
    eprintln!("{}", t(ctx.lang, "cli.stats_forms_note"));
    Ok(0)
}

/// `stats report`: the linked tables and the forms table as HTML or a folder of CSV files.
fn report_cmd(ctx: &Context, args: &ReportArgs) -> Result<i32, AppError> {
    let k = parse_k(&args.k)?;
    let period = parse_period(&args.period, &[Period::Quarter, Period::Year])?;
    let html = match args.format.trim().to_ascii_lowercase().as_str() {
        "html" => true,
        "csv" => false,
        _ => return Err(AppError::BadReportFormat(args.format.clone())),
    };
    let labels = parse_labels(&args.labels)?;
    let range = parse_range(&args.from, &args.to)?;
    refuse_existing(&args.output)?;
    let vault = open_vault(ctx)?;
    let (months, form_counts) = publish::count_vault(&vault, range)?;
    let built = report::build(&months, &form_counts, k, period, range)?;
    let output = args.output.display().to_string();
    let detail = json!({
        "tables": report::DIMENSIONS.iter().map(|d| vec![d.name()]).chain(std::iter::once(vec!["forms"])).collect::<Vec<_>>(),
        "period": period.name(),
        "k": k,
        "format": if html { "html" } else { "csv" },
        "output": output,
        "source": "vault",
        "from": built.from.to_string(),
        "to": built.to.to_string(),
    });
    let commit = || Ok(audit::record(&vault, "export", detail)?);
    if html {
        ops::write_out(&args.output, report::html(&built, ctx.lang).as_bytes(), commit)?;
    } else {
        let files = report::csv_files(&built, labels)
            .map_err(|e| ShareError::Write { path: args.output.clone(), source: e.into() })?;
        report::write_folder(&args.output, &files, commit)?;
    }
    eprintln!("{}", tf(ctx.lang, "cli.stats_report_written", &[("file", &output)]));
    Ok(0)
}
