//! Typing and picking file paths in the dialogs: `~/` as home, and moving through the files
//! offered.

use std::path::{Path, PathBuf};

/// The next of `len` offered files when moving up or down from `pick` (the first or last
/// when nothing was picked yet); `None` when there are none.
pub fn next_pick(pick: Option<usize>, len: usize, down: bool) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match (pick, down) {
        (None, true) => 0,
        (None, false) => last,
        (Some(i), true) => (i + 1).min(last),
        (Some(i), false) => i.saturating_sub(1),
    })
}

/// `~/x` as the user's home: people type it, and a file named `~` is never what they meant.
pub fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(h)) => h.join(rest),
        _ if typed == "~" => home.map_or_else(|| PathBuf::from(typed), Path::to_path_buf),
        _ => PathBuf::from(typed),
    }
}

/// A key file rather than a file to import: the vault's own `keys.age`, an identity or a
/// recipients file by its name, or an age file locked with a passphrase (key files and
/// back-ups are; shared cases and advice never are). Reads at most the file's first 512
/// bytes, never more of it.
pub fn is_key_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let by_name = ["key", "sleutel", "identity", "identiteit", "recipient", "ontvanger", "secret"]
        .iter()
        .any(|w| name.contains(w));
    by_name || passphrase_locked(p)
}

fn passphrase_locked(p: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let Ok(n) = std::fs::File::open(p).and_then(|f| f.take(512).read(&mut head)) else { return false };
    let head = &head[..n];
    head.starts_with(b"age-encryption.org/v1\n") && head.windows(10).any(|w| w == b"\n-> scrypt")
}

/// Whether `p` is one of `files` (paths compared after resolving links and `..`).
pub fn listed(p: &Path, files: &[PathBuf]) -> bool {
    let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    files.contains(&p)
}
