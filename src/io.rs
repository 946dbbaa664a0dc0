//! Everything that touches files and the terminal: turning `FILE|DIR|-…` into files to read,
//! reading them with a size limit, printing (a closed pipe is a normal end), and writing
//! outputs atomically.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The name standing for standard input (or output).
pub const STDIO: &str = "-";

/// Whether a path is `-`, standard input or output.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

/// Expands files and directories, keeping the order given; a directory means its `kind` files
/// with extension `ext` (not its subdirectories), sorted by name so that the order of a comparison
/// never depends on the file system. `-` stays as it is (standard input).
pub fn expand(inputs: &[PathBuf], ext: &str, kind: &str) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for input in inputs {
        if is_stdio(input) {
            out.push(input.clone());
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| Error::Read {
            path: input.clone(),
            reason: describe_io_error(&e),
        })?;
        if meta.is_dir() {
            let found = files_in(input, ext)?;
            if found.is_empty() {
                return Err(Error::Read {
                    path: input.clone(),
                    reason: format!(
                        "the directory holds no *.{ext} {kind} files; create a scenario with `tunecalc new NAME`"
                    ),
                });
            }
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn files_in(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, Error> {
    let read_error = |e: io::Error| Error::Read {
        path: dir.to_path_buf(),
        reason: describe_io_error(&e),
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == ext) {
            // The entry's type is known without another stat, except for symbolic links.
            let is_file = match entry.file_type() {
                Ok(t) if t.is_symlink() => path.is_file(),
                Ok(t) => t.is_file(),
                Err(_) => false,
            };
            if is_file {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Reads a whole text file (or standard input for `-`), refusing files over `limit` bytes and
/// text that is not UTF-8. `what` names the file's role in errors ("a scenario").
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, Error> {
    let fail = |reason: String| Error::Read {
        path: path.to_path_buf(),
        reason,
    };
    let mut bytes = Vec::new();
    let read = if is_stdio(path) {
        io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(path).map_err(|e| fail(describe_io_error(&e)))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(fail(format!(
                "is a directory; give {what} file, or the directory to read all of its files"
            )));
        }
        file.take(limit + 1).read_to_end(&mut bytes)
    };
    read.map_err(|e| fail(describe_io_error(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!(
            "{what} file may be at most {} bytes ({} MiB); this one is larger",
            limit,
            limit / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "the file is not valid UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A short, actionable description of an I/O error.
pub fn describe_io_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::InvalidData => "the file is not valid UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// Prints to standard output. A reader that went away (`tunecalc run … | head`) is not an
/// error: the program simply has nothing more to say.
pub fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

/// [`print`] for bytes (an SVG written to `-`).
pub fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Stdout(e)),
        _ => Ok(()),
    }
}

/// Prints to standard error, ignoring a closed stream (warnings must never fail a run).
pub fn eprint(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
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
            if e.error.kind() == io::ErrorKind::AlreadyExists {
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
