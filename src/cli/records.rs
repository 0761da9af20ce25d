//! Record commands: add, list, show, edit, delete.

use super::Context;
use super::passphrase::{open_vault, open_vault_cached};
use super::render;
use crate::domain::Catalogue;
use crate::domain::input::{
    InputError, consultation_from_value, malformed, merge_patch, parse_one, split_consultations,
};
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::store::Cache;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use zeroize::Zeroizing;

const LIMIT: u64 = crate::domain::input::MAX_INPUT_BYTES as u64 + 1;

/// Reads a whole input file, or standard input for `-` or no file.
fn read_input(file: Option<&Path>) -> Result<Zeroizing<String>, AppError> {
    let name = file.map_or("-".to_string(), |p| p.display().to_string());
    let mut bytes = Vec::new();
    match file.filter(|p| p.as_os_str() != "-") {
        // At most one byte over the limit is read: enough to know it is too large.
        None => std::io::stdin().take(LIMIT).read_to_end(&mut bytes),
        Some(p) => std::fs::File::open(p).and_then(|f| f.take(LIMIT).read_to_end(&mut bytes)),
    }
    .map_err(|source| AppError::ReadInput { path: name.clone(), source })?;
    if bytes.len() as u64 >= LIMIT {
        return Err(AppError::Input(crate::domain::input::too_large()));
    }
    String::from_utf8(bytes).map(Zeroizing::new).map_err(|_| AppError::NotUtf8(name))
}

pub fn add(ctx: &Context, file: Option<&Path>) -> Result<i32, AppError> {
    // Parse and validate everything before the vault is even opened: all or nothing.
    let text = read_input(file)?;
    let parts = split_consultations(&text)?;
    // Parsed and validated on every core; the first error in input order is reported.
    let items = crate::par::map(parts, |(line, raw)| parse_one(line, raw, Catalogue::builtin()))
        .into_iter()
        .collect::<Result<Vec<_>, InputError>>()?;
    // Many new records land all over the tree: a larger cache spares sled re-reading leaves.
    let vault = open_vault_cached(ctx, Cache::Bulk)?;
    let ids = vault.add_many(items)?;
    let mut out = std::io::stdout().lock();
    for id in ids {
        // Printed only once the batch is on disk.
        let _ = writeln!(out, "{id}");
    }
    let _ = out.flush();
    Ok(0)
}

pub fn list(ctx: &Context, json: bool) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let damaged = if json {
        // Streamed in storage order, record by record, so 100k records never sit in memory
        // at once; sort by `consulted_on` downstream when order matters.
        let mut damaged = 0;
        let _ = out.write_all(b"[");
        let mut first = true;
        for r in vault.records_json() {
            let Ok(json) = r else {
                damaged += 1; // named by `verify`; the rest still print
                continue;
            };
            if !first {
                let _ = out.write_all(b",\n");
            }
            first = false;
            let _ = out.write_all(&json);
        }
        let _ = out.write_all(b"]\n");
        damaged
    } else {
        let loaded = vault.summaries()?;
        if loaded.rows.is_empty() {
            let _ = writeln!(out, "{}", t(ctx.lang, "cli.empty_list"));
        } else {
            // Rendered first, then printed with control characters made visible.
            let mut text = Vec::new();
            let _ = render::table(&mut text, &loaded.rows, ctx.lang);
            let _ = out.write_all(crate::safe::visible(&String::from_utf8_lossy(&text)).as_bytes());
        }
        loaded.damaged.len()
    };
    let _ = out.flush();
    if damaged > 0 {
        eprintln!("{}", tf(ctx.lang, "cli.damaged_rows", &[("n", &damaged.to_string())]));
    }
    Ok(0)
}

pub fn show(ctx: &Context, id: &str, json: bool) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let r = vault.get(&vault.find_id(id)?)?;
    let mut out = std::io::stdout().lock();
    if json {
        let _ = serde_json::to_writer_pretty(&mut out, &r.to_json());
        let _ = writeln!(out);
    } else {
        // A note may hold escape sequences: the terminal shows them, never obeys them.
        let mut text = Vec::new();
        let _ = render::detail(&mut text, &r, ctx.lang, ctx.clock.today());
        let _ = out.write_all(crate::safe::visible(&String::from_utf8_lossy(&text)).as_bytes());
    }
    Ok(0)
}

pub fn edit(ctx: &Context, id: &str, file: &Path) -> Result<i32, AppError> {
    let text = read_input(Some(file))?;
    let patch: serde_json::Value = serde_json::from_str(&text).map_err(|e| AppError::Input(malformed(&e)))?;
    if !patch.is_object() {
        return Err(AppError::EditObject);
    }
    let vault = open_vault(ctx)?;
    let current = vault.get(&vault.find_id(id)?)?;
    let mut merged = serde_json::to_value(&current.consultation).unwrap_or_default();
    merge_patch(&mut merged, &patch);
    let updated = consultation_from_value(merged, None, Catalogue::builtin())?;
    let fields = vault.update(&current.id, updated, "edited")?;
    if fields.is_empty() {
        eprintln!("{}", tf(ctx.lang, "cli.unchanged", &[("id", &current.id)]));
    } else {
        eprintln!("{}", tf(ctx.lang, "cli.updated", &[("id", &current.id), ("fields", &fields.join(", "))]));
    }
    Ok(0)
}

pub fn delete(ctx: &Context, id: &str, yes: bool) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let r = vault.get(&vault.find_id(id)?)?;
    if !yes && std::io::stdin().is_terminal() {
        eprint!(
            "{}",
            tf(
                ctx.lang,
                "cli.confirm_delete",
                &[("id", &r.id), ("date", &r.consultation.consulted_on.dutch())]
            )
        );
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(answer.trim().to_lowercase().as_str(), "j" | "ja" | "y" | "yes") {
            return Err(AppError::Cancelled);
        }
    }
    // The delete and its audit entry in one atomic write: neither happens without the other.
    let metas = crate::audit::prepare(&vault, "delete", serde_json::json!({"id": r.id}))?;
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    vault.delete_many(std::slice::from_ref(&r.id), &refs)?;
    eprintln!("{}", tf(ctx.lang, "cli.deleted", &[("id", &r.id)]));
    eprintln!("{}", t(ctx.lang, "cli.compact_hint"));
    Ok(0)
}

/// `export`: the consultations as one Markdown or text document for the client's file
/// (`crate::export`). Possible personal data still in a note is named first and needs a yes.
pub fn export(ctx: &Context, ids: &[String], format: &str, out: &Path, yes: bool) -> Result<i32, AppError> {
    let fmt = crate::present::export::Format::parse(format)
        .ok_or_else(|| AppError::BadExportFormat(format.to_string()))?;
    let vault = open_vault(ctx)?;
    let records = crate::export::records(&vault, ids)?;
    if let Some(r) = crate::export::with_findings(&records)
        && !yes
    {
        if !std::io::stdin().is_terminal() {
            return Err(AppError::ExportFindings(r.id.clone()));
        }
        eprint!("{}", tf(ctx.lang, "cli.confirm_export_findings", &[("id", &r.id)]));
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(answer.trim().to_lowercase().as_str(), "j" | "ja" | "y" | "yes") {
            return Err(AppError::Cancelled);
        }
    }
    crate::export::write(&vault, &records, fmt, out, ctx.lang, ctx.clock.today())?;
    let n = records.len().to_string();
    eprintln!("{}", tf(ctx.lang, "cli.exported", &[("n", &n), ("file", &out.display().to_string())]));
    Ok(0)
}
