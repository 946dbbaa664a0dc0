//! Writing results: to the terminal (a closed pipe is a normal end) or to files, atomically.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Prints to standard output. A reader that went away (`tunecalc run … | head`) is not an
/// error: the program simply has nothing more to say.
pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Stdout(e)),
        _ => Ok(()),
    }
}

/// Whether an existing file at the destination may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Refuse,
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into
/// place only once complete: a failure never leaves a half-written file, and an existing
/// file is replaced only by a complete new one.
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Error> {
    let fail = |reason: String| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(fail(format!(
            "the directory {} does not exist",
            dir.display()
        )));
    }
    if existing == Existing::Refuse && path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; tunecalc will not overwrite it. Choose another name or remove the file",
            path.display()
        )));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".tunecalc-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(e.to_string()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail(e.to_string()))?;
    // Temporary files are private (0600); a report or chart is meant to be shared. Keep the
    // permissions of the file being replaced, or use the usual 0644 for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| fail(e.to_string()))?;
    }
    match existing {
        Existing::Replace => tmp
            .persist(path)
            .map(drop)
            .map_err(|e| fail(e.error.to_string())),
        Existing::Refuse => tmp.persist_noclobber(path).map(drop).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "{} already exists; tunecalc will not overwrite it",
                    path.display()
                ))
            } else {
                fail(e.error.to_string())
            }
        }),
    }
}
