//! Everything that touches files and the terminal: turning `FILE|DIR|-…` into files to read,
//! reading them with a size limit, printing (a closed pipe is a normal end), and writing
//! outputs atomically.

pub mod progress;
pub mod stdout;
pub mod write;

pub use progress::Progress;
pub use stdout::{eprint, print, print_bytes};
pub use write::{write_atomic, write_bundle, Existing};

use std::io::{self, Read};
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

/// Opens an input file for reading: the one place every file tunecalc reads is opened, so
/// each rule holds for all of them. A directory is refused (`what` and `instead` say what to
/// give); so is a device or a socket (`/dev/zero` never ends, a terminal waits for typing): a
/// regular file or a pipe (`<(zcat log.gz)`) is read. The file is remembered as an input, so
/// no output may replace it ([`write_atomic`] checks).
pub fn open_input(path: &Path, what: &str, instead: &str) -> Result<std::fs::File, Error> {
    let fail = |reason: String| Error::Read {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| fail(describe_io_error(&e)))?;
    let meta = file.metadata().map_err(|e| fail(describe_io_error(&e)))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(fail(format!("is a directory; {instead}")));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_block_device() || kind.is_socket() {
            return Err(fail(format!(
                "is a device, not {what} file (a device may never end); give a regular file, or `-` to read standard input"
            )));
        }
    }
    remember_input(path, &meta);
    Ok(file)
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
        let file = open_input(
            path,
            what,
            &format!("give {what} file, or the directory to read all of its files"),
        )?;
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
        io::ErrorKind::StorageFull => "no space left on the device".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => match e.raw_os_error() {
            // The OS's own words, without any path a library may have added.
            Some(code) => io::Error::from_raw_os_error(code).to_string(),
            None => e.kind().to_string(),
        },
    }
}

/// A file this process has read: its device and inode (Unix), and its path as resolved.
#[derive(Debug, Clone)]
struct Identity {
    #[cfg(unix)]
    dev_ino: (u64, u64),
    path: Option<PathBuf>,
}

/// Every file read so far: scenarios, catalogs, datasets, usage logs. An output may replace
/// none of them, whatever the command and whatever the output's role.
static INPUTS: std::sync::Mutex<Vec<Identity>> = std::sync::Mutex::new(Vec::new());

/// Notes `path` (opened, with metadata `meta`) as an input.
fn remember_input(path: &Path, meta: &std::fs::Metadata) {
    let identity = Identity {
        #[cfg(unix)]
        dev_ino: {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        },
        path: path.canonicalize().ok(),
    };
    #[cfg(not(unix))]
    let _ = meta;
    if let Ok(mut inputs) = INPUTS.lock() {
        inputs.push(identity);
    }
}

/// The input `out` would replace, if it is one: the same file by device and inode (a hard
/// link, another spelling), or the same resolved path.
fn read_as_input(out: &Path) -> Option<PathBuf> {
    let inputs = INPUTS.lock().ok()?;
    let resolved = out.canonicalize().ok();
    #[cfg(unix)]
    let dev_ino = std::fs::metadata(out).ok().map(|m| {
        use std::os::unix::fs::MetadataExt;
        (m.dev(), m.ino())
    });
    inputs
        .iter()
        .find(|i| {
            #[cfg(unix)]
            if dev_ino == Some(i.dev_ino) {
                return true;
            }
            resolved.is_some() && i.path == resolved
        })
        .map(|i| i.path.clone().unwrap_or_else(|| out.to_path_buf()))
}

/// Refuses to write `out` when this process read it: every file read is an input.
pub fn refuse_read_input(out: &Path) -> Result<(), Error> {
    match read_as_input(out) {
        Some(input) => Err(Error::Usage(format!(
            "{} is one of the inputs tunecalc read ({}); tunecalc will not write over it. Choose another output name",
            crate::present::text::safe(&out.display().to_string()),
            crate::present::text::safe(&input.display().to_string())
        ))),
        None => Ok(()),
    }
}
