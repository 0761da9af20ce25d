//! A new folder of output files, written like `share::ops::write_out` writes one file:
//! first under a random hidden name, files 0600 and the folder 0700, created new (never
//! following a link planted at a name); the audit entry is committed before the folder gets
//! its name, and an existing folder or file of that name is never replaced.

use crate::share::ShareError;
use std::path::Path;

/// Writes `files` (name, bytes) into the new folder `out`, calling `commit` before the folder
/// appears under its name; nothing is left behind on failure.
pub fn write_folder(
    out: &Path,
    files: &[(String, Vec<u8>)],
    commit: impl FnOnce() -> Result<(), ShareError>,
) -> Result<(), ShareError> {
    use std::io::Write;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if out.symlink_metadata().is_ok() {
        return Err(ShareError::OutputExists(out.to_path_buf()));
    }
    let werr = |source| ShareError::Write { path: out.to_path_buf(), source };
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = out.with_file_name(format!(".{name}.{}.part", uuid::Uuid::new_v4().simple()));
    std::fs::DirBuilder::new().mode(0o700).create(&tmp).map_err(werr)?;
    let cleanup = |tmp: &Path| {
        let _ = std::fs::remove_dir_all(tmp);
    };
    for (file, bytes) in files {
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(tmp.join(file))
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()));
        if let Err(e) = written {
            cleanup(&tmp);
            return Err(werr(e));
        }
    }
    if let Err(e) = commit() {
        cleanup(&tmp);
        return Err(e);
    }
    let cwd = rustix::fs::CWD;
    let renamed = match rustix::fs::renameat_with(cwd, &tmp, cwd, out, rustix::fs::RenameFlags::NOREPLACE) {
        Ok(()) => Ok(()),
        Err(rustix::io::Errno::EXIST) | Err(rustix::io::Errno::NOTEMPTY) => {
            Err(ShareError::OutputExists(out.to_path_buf()))
        }
        // File systems without RENAME_NOREPLACE: a plain rename after checking again that
        // nothing appeared at the name.
        Err(_) if out.symlink_metadata().is_err() => std::fs::rename(&tmp, out).map_err(werr),
        Err(e) => Err(werr(e.into())),
    };
    if renamed.is_err() {
        cleanup(&tmp);
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_new_private_folder_and_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("tables");
        let files = vec![("a.csv".to_string(), b"x\n".to_vec())];
        write_folder(&out, &files, || Ok(())).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"x\n");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out.join("a.csv")), 0o600);
        assert_eq!(mode(&out), 0o700);
        assert!(matches!(write_folder(&out, &files, || Ok(())), Err(ShareError::OutputExists(_))));
        // A refused commit leaves nothing behind.
        let other = dir.path().join("other");
        let refused = write_folder(&other, &files, || Err(ShareError::OutputExists(other.clone())));
        assert!(refused.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
