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

/// Whether two paths name the same file: the same path once resolved, or (on Unix) the same
/// device and inode, so a hard link or another spelling of an input is caught too.
fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (a.canonicalize(), b.canonicalize()) {
        if x == y {
            return true;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Refuses to write any of `outputs` over a file that `inputs` (files or directories, as on
/// the command line) would read: a report or chart must never replace its own scenario.
pub fn refuse_inputs(inputs: &[PathBuf], outputs: &[PathBuf]) -> Result<(), Error> {
    let read: Vec<PathBuf> = inputs
        .iter()
        .flat_map(|i| {
            if i.is_dir() {
                std::fs::read_dir(i)
                    .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                    .unwrap_or_default()
            } else {
                vec![i.clone()]
            }
        })
        .filter(|p| !is_stdio(p))
        .collect();
    for out in outputs {
        if let Some(input) = read.iter().find(|i| same_file(i, out)) {
            return Err(Error::Usage(format!(
                "{} is one of the inputs ({}); tunecalc will not write over it. Choose another output name",
                crate::present::text::safe(&out.display().to_string()),
                crate::present::text::safe(&input.display().to_string())
            )));
        }
    }
    Ok(())
}

/// Writes a document and a folder of files beside it as one unit: everything is written into
/// a hidden temporary folder first, then the folder and the document are renamed into place
/// (an existing folder is moved aside and removed only once the new one is in place). A
/// failure leaves the previous document and folder as they were and nothing new; a process
/// killed mid-way leaves at most the hidden temporary folder.
pub fn write_bundle(
    document: &Path,
    bytes: &[u8],
    folder: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<(), Error> {
    let fail = |path: &Path, e: &io::Error| Error::Write {
        path: path.to_path_buf(),
        reason: describe_io_error(e),
    };
    let dir = match document.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::Write {
            path: document.to_path_buf(),
            reason: format!("the directory {} does not exist", dir.display()),
        });
    }
    let staging = tempfile::Builder::new()
        .prefix(".tunecalc-")
        .tempdir_in(dir)
        .map_err(|e| fail(document, &e))?;
    let new_folder = staging.path().join("charts");
    std::fs::create_dir(&new_folder).map_err(|e| fail(folder, &e))?;
    for (name, data) in files {
        let path = new_folder.join(name);
        std::fs::write(&path, data)
            .and_then(|()| set_shared(&path))
            .map_err(|e| fail(&folder.join(name), &e))?;
    }
    set_shared(&new_folder).map_err(|e| fail(folder, &e))?;
    let new_document = staging.path().join("document");
    std::fs::write(&new_document, bytes)
        .and_then(|()| set_shared(&new_document))
        .map_err(|e| fail(document, &e))?;
    // Move an existing folder aside, put the new one in place, then the document.
    let aside = staging.path().join("previous");
    let had_folder = folder.exists();
    if had_folder {
        std::fs::rename(folder, &aside).map_err(|e| fail(folder, &e))?;
    }
    let restore = || {
        let _ = std::fs::remove_dir_all(folder);
        if had_folder {
            let _ = std::fs::rename(&aside, folder);
        }
    };
    if let Err(e) = std::fs::rename(&new_folder, folder) {
        restore();
        return Err(fail(folder, &e));
    }
    if let Err(e) = std::fs::rename(&new_document, document) {
        restore();
        return Err(fail(document, &e));
    }
    // The staging folder (and the previous charts in it) goes when `staging` drops.
    Ok(())
}

/// Shared outputs get the usual permissions (0644 files, 0755 folders), not a temporary
/// file's private 0600.
fn set_shared(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Prints to standard output. A reader that went away (`tunecalc run … | head`) is not an
/// error: the program simply has nothing more to say.
pub fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

/// `print` for bytes (an SVG written to `-`).
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
        .map_err(|e| fail(describe_io_error(&e)))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail(describe_io_error(&e)))?;
    // Temporary files are private (0600); a report or chart is meant to be shared. Keep the
    // permissions of the file being replaced, or use the usual 0644 for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| fail(describe_io_error(&e)))?;
    }
    match existing {
        Existing::Replace => tmp
            .persist(path)
            .map(drop)
            .map_err(|e| fail(describe_io_error(&e.error))),
        Existing::Refuse => tmp.persist_noclobber(path).map(drop).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "{} already exists; tunecalc will not overwrite it",
                    path.display()
                ))
            } else {
                fail(describe_io_error(&e.error))
            }
        }),
    }
}

/// A progress line on standard error for long work: shown only on a terminal, only once the
/// work has run for a second, redrawn a few times a second, and cleared when done. Pipes and
/// CI logs never see it.
pub struct Progress {
    done: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    painter: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts watching `total` units of work called `what`.
    pub fn start(what: &'static str, total: usize) -> Progress {
        Progress::watch(what.to_string(), total, false)
    }

    /// Starts watching `total` bytes of a file being read, shown in megabytes.
    pub fn start_bytes(what: String, total: usize) -> Progress {
        Progress::watch(what, total, true)
    }

    fn watch(what: String, total: usize, bytes: bool) -> Progress {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        use std::io::IsTerminal;
        let painter = std::io::stderr().is_terminal().then(|| {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            std::thread::spawn(move || {
                let begun = std::time::Instant::now();
                let mut shown = false;
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    if begun.elapsed() < std::time::Duration::from_secs(1) {
                        continue;
                    }
                    let n = done.load(Ordering::Relaxed).min(total);
                    let scale = |v: usize| if bytes { v / 1_000_000 } else { v };
                    let _ = write!(
                        io::stderr(),
                        "\r{what}: {:>3} % ({} of {}{})",
                        n * 100 / total.max(1),
                        crate::present::number::count(scale(n) as u128),
                        crate::present::number::count(scale(total) as u128),
                        if bytes { " MB" } else { "" }
                    );
                    shown = true;
                }
                if shown {
                    let _ = write!(io::stderr(), "\r\x1b[2K");
                }
            })
        });
        Progress {
            done,
            stop,
            painter,
        }
    }

    /// The counter the work adds to.
    pub fn counter(&self) -> &std::sync::atomic::AtomicUsize {
        &self.done
    }

    /// Stops and clears the line.
    pub fn finish(mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(p) = self.painter.take() {
            let _ = p.join();
        }
    }
}
