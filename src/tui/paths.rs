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
