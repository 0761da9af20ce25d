//! Exporting consultations for the client's file: the one implementation the command line
//! (and the UI) use. The document comes from `present::export` (Markdown, text) or is set as
//! a PDF from the same lines (`pdf`); it is written private, never over an existing file, and
//! only together with its audit entry.

mod pdf;
mod runs;

use crate::domain::{Date, Record};
use crate::i18n::Lang;
use crate::present::export::{Format, document};
use crate::share::{ShareError, ops};
use crate::store::Vault;
use std::path::Path;

/// The consultations (given by id or id prefix) as they will be exported.
pub fn records(vault: &Vault, ids: &[String]) -> Result<Vec<Record>, ShareError> {
    Ok(ids.iter().map(|id| vault.get(&vault.find_id(id)?)).collect::<Result<Vec<_>, _>>()?)
}

/// The first of `records` that still has possible personal data, if any: the caller asks
/// before exporting it.
pub fn with_findings(records: &[Record]) -> Option<&Record> {
    records.iter().find(|r| !crate::privacy::unresolved(&r.consultation).is_empty())
}

/// Writes the document to `out` with an `export` audit entry.
pub fn write(
    vault: &Vault,
    records: &[Record],
    format: Format,
    out: &Path,
    lang: Lang,
    today: Date,
) -> Result<(), ShareError> {
    let bytes = zeroize::Zeroizing::new(match format {
        Format::Markdown | Format::Text => document(lang, records, format, today).into_bytes(),
        Format::Pdf => pdf::document(lang, records, today)
            .map_err(|e| ShareError::Write { path: out.to_path_buf(), source: std::io::Error::other(e) })?,
    });
    let detail = serde_json::json!({
        "ids": records.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        "file": out.display().to_string(),
        "format": format.ext(),
    });
    ops::write_out(out, &bytes, || Ok(crate::audit::record(vault, "export", detail)?))
}
