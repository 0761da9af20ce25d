//! The files this vault wrote for others (shares and replies), remembered in the vault so
//! the import dialog does not offer a worker's own outgoing files back to them.

use crate::store::Vault;
use std::path::{Path, PathBuf};

/// The vault-level value holding the list (sealed like every other value).
const NAME: &str = "outgoing";
/// The newest this many are kept: older files have long been sent or moved.
const KEEP: usize = 200;

fn load(vault: &Vault) -> Vec<String> {
    vault
        .get_meta(NAME)
        .ok()
        .flatten()
        .and_then(|bytes| serde_json::from_slice::<Vec<String>>(&bytes).ok())
        .unwrap_or_default()
}

/// Remembers `file` (just written) as outgoing. Best effort: a share that reached the disk
/// is not undone because this note could not be written; the file is then only offered.
pub fn remember(vault: &Vault, file: &Path) {
    let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let mut all = load(vault);
    all.retain(|p| Path::new(p) != path);
    all.push(path.display().to_string());
    let from = all.len().saturating_sub(KEEP);
    if let Ok(bytes) = serde_json::to_vec(&all[from..]) {
        let _ = vault.put_meta(NAME, Some(&bytes));
    }
}

/// The outgoing files remembered, as absolute paths.
pub fn files(vault: &Vault) -> Vec<PathBuf> {
    load(vault).into_iter().map(PathBuf::from).collect()
}
