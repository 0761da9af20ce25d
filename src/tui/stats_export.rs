//! Writes the statistics report from the screen: the same report, protection, file
//! handling and audit entry as `consultlog stats report`, under the first free name.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::publish::{self, Range};
use crate::report;
use crate::share::ops;
use crate::stats::Period;
use crate::store::Vault;
use std::path::{Path, PathBuf};

/// `out`, or `out` with `-2`, `-3`, ... before the extension when that name is taken.
fn free_name(out: &Path) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let ext = out.extension().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    (1..1000)
        .map(|n| if n == 1 { out.to_path_buf() } else { out.with_file_name(format!("{stem}-{n}.{ext}")) })
        .find(|p| p.symlink_metadata().is_err())
        .unwrap_or_else(|| out.to_path_buf())
}

/// Counts the vault, protects the report (k = 5) and writes it as HTML in `lang`.
pub fn export(vault: &Vault, period: Period, out: &Path, lang: Lang) -> Result<PathBuf, AppError> {
    let (months, forms) = publish::count_vault(vault, Range::default())?;
    let k = super::stats_view::K;
    let built = report::build(&months, &forms, k, period, Range::default())?;
    let path = free_name(out);
    let detail = serde_json::json!({
        "tables": report::DIMENSIONS.iter().map(|d| vec![d.name()]).chain(std::iter::once(vec!["forms"])).collect::<Vec<_>>(),
        "period": period.name(),
        "k": k,
        "format": "html",
        "output": path.display().to_string(),
        "source": "vault",
        "from": built.from.to_string(),
        "to": built.to.to_string(),
    });
    ops::write_out(&path, report::html(&built, lang).as_bytes(), || {
        Ok(crate::audit::record(vault, "export", detail)?)
    })?;
    Ok(path)
}
