//! Which files the import and address-book dialogs offer.

use std::path::PathBuf;

/// Files to offer for import: at most this many, newest first.
const INCOMING_SHOWN: usize = 30;

pub(super) fn is_age_file(p: &std::path::Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("age"))
}

/// What a contact card is usually called: `*.card`, or a text file named like one.
pub(super) fn is_card_file(p: &std::path::Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    name.ends_with(".card")
        || name.ends_with(".txt") && ["kaart", "card", "contact"].iter().any(|w| name.contains(w))
}

/// Files directly in `dirs` that `wanted` accepts, newest first. Names and times are read,
/// and at most an age file's header (to tell a key file), never what it holds.
pub(super) fn incoming_files(dirs: &[PathBuf], wanted: &dyn Fn(&std::path::Path) -> bool) -> Vec<PathBuf> {
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| wanted(&e.path()))
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
            Some((meta.modified().unwrap_or(std::time::UNIX_EPOCH), e.path()))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.into_iter().take(INCOMING_SHOWN).map(|(_, p)| p).collect()
}
