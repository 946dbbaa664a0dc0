//! Writing outputs so that nothing is lost or replaced by mistake.
//!
//! - An output is written to a temporary file beside it and renamed into place only once
//!   complete: a failure or a kill never leaves half a file, and an existing file is replaced
//!   only by a whole new one.
//! - No output replaces a file this process read ([`super::refuse_read_input`]): a scenario,
//!   a catalog, a dataset, a usage log.
//! - A symbolic link is followed and its target replaced (the link stays a link). A device, a
//!   pipe or a socket is written through, never renamed over: `-o /dev/null` leaves
//!   `/dev/null` a device.
//! - Temporaries are named `.tunecalc-PID-XXXXXX`: removed when tunecalc is interrupted
//!   (SIGINT, SIGTERM, SIGHUP; [`clean_up_on_signals`]), and those whose process is gone (a
//!   kill no handler sees) are swept from a folder the next time tunecalc writes there.
//! - A report's chart folder replaces an older one only when every file in it is one tunecalc
//!   wrote there (listed in its [`MANIFEST`]).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{describe_io_error, refuse_read_input};
use crate::error::Error;

/// Whether an existing file at the destination may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Refuse,
}

/// The file in a chart folder that lists what tunecalc wrote there, one name a line.
pub const MANIFEST: &str = ".written-by-tunecalc";

/// What every temporary's name starts with.
const TEMP_PREFIX: &str = ".tunecalc-";

/// Legacy temporaries (without a process id) older than this are swept too.
const LEGACY_AGE: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// The signal that is ending the process, 0 while none is.
static ENDING: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// The signal ending the process, if one is: its temporaries are being removed, and any
/// error the work meets now (a file gone from under it) is that signal's doing, not the
/// work's. `main` waits for the handler's exit instead of reporting it.
pub fn ending_signal() -> Option<i32> {
    match ENDING.load(std::sync::atomic::Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Temporaries of this process still in place, removed if a signal ends it.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary's path noted for removal on a signal until this guard drops.
struct Noted(PathBuf);

impl Noted {
    fn new(path: &Path) -> Noted {
        if let Ok(mut t) = TEMPORARIES.lock() {
            t.push(path.to_path_buf());
        }
        Noted(path.to_path_buf())
    }
}

impl Drop for Noted {
    fn drop(&mut self) {
        if let Ok(mut t) = TEMPORARIES.lock() {
            t.retain(|p| p != &self.0);
        }
    }
}

/// Removes this process's temporaries when SIGINT, SIGTERM or SIGHUP ends it, then exits
/// with 128 + the signal (130 for Ctrl-C), as a shell expects. `main` calls this once.
pub fn clean_up_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                ENDING.store(signal, std::sync::atomic::Ordering::SeqCst);
                remove_temporaries();
                std::process::exit(128 + signal);
            }
        });
    }
}

/// Removes every temporary this process still has in place.
fn remove_temporaries() {
    let paths = match TEMPORARIES.lock() {
        Ok(t) => t.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    // The work may still be adding a file to a temporary folder as it goes: try again until
    // each is gone (the work stops adding once it sees the signal), a bounded number of times.
    for _ in 0..100 {
        let mut left = false;
        for p in &paths {
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(p)
            } else {
                std::fs::remove_file(p)
            };
            left |= std::fs::symlink_metadata(p).is_ok();
        }
        if !left {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// The prefix of this process's temporaries: `.tunecalc-PID-`.
fn prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// Removes temporaries a killed tunecalc left in `dir`: those named with a process id that no
/// longer runs (where /proc tells), and legacy ones without an id older than a day. Anything
/// else, including a live process's temporaries, is left alone; failures are ignored.
pub fn sweep_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let proc_known = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let stale = match rest.split_once('-') {
            Some((pid, _)) if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) => {
                proc_known
                    && pid != std::process::id().to_string()
                    && !Path::new("/proc").join(pid).exists()
            }
            // tempfile's own names: six random characters, `.tmp` for a file.
            _ => {
                let random = rest.strip_suffix(".tmp").unwrap_or(rest);
                random.len() == 6
                    && random.bytes().all(|b| b.is_ascii_alphanumeric())
                    && entry
                        .metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > LEGACY_AGE)
            }
        };
        if stale {
            let path = entry.path();
            let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }
}

/// The folder an output goes into, which must exist; an error names `named` (the output as
/// the user gave it, not a link's target).
fn folder_of<'a>(path: &'a Path, named: &Path) -> Result<&'a Path, Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(Error::Write {
            path: named.to_path_buf(),
            reason: format!(
                "the directory {} does not exist",
                crate::present::text::safe(&dir.display().to_string())
            ),
        })
    }
}

/// Where a write to `path` really lands: a symbolic link's final target (relative targets
/// resolved against the link's folder), or `path` itself.
fn resolve_links(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // Bounded: a loop of links is left to the write to report.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&at) {
                Ok(target) if target.is_absolute() => at = target,
                Ok(target) => {
                    at = at
                        .parent()
                        .map_or_else(|| target.clone(), |p| p.join(&target));
                }
                Err(_) => return at,
            },
            _ => return at,
        }
    }
    at
}

/// Writes `bytes` to `path`: atomically for a regular file (or a new one), through for a
/// device, pipe or socket; never over a file this process read; `existing` says whether a
/// file already there may be replaced.
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Error> {
    refuse_read_input(path)?;
    let target = resolve_links(path);
    let fail = |reason: String| Error::Write {
        path: path.to_path_buf(),
        reason,
    };
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => return Err(fail("is a directory".into())),
        Ok(m) if !m.is_file() => {
            if existing == Existing::Refuse {
                return Err(already_exists(path));
            }
            return write_through(&target, bytes).map_err(|e| fail(describe_io_error(&e)));
        }
        Ok(_) if existing == Existing::Refuse => return Err(already_exists(path)),
        _ => {}
    }
    let dir = folder_of(&target, path)?;
    sweep_stale(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix())
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(describe_io_error(&e)))?;
    let _noted = Noted::new(tmp.path());
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail(describe_io_error(&e)))?;
    // Temporary files are private (0600); a report or chart is meant to be shared. Keep the
    // permissions of the file being replaced, or use the usual 0644 for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| fail(describe_io_error(&e)))?;
    }
    match existing {
        Existing::Replace => tmp
            .persist(&target)
            .map(drop)
            .map_err(|e| fail(describe_io_error(&e.error))),
        Existing::Refuse => tmp.persist_noclobber(&target).map(drop).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                already_exists(path)
            } else {
                fail(describe_io_error(&e.error))
            }
        }),
    }
}

fn already_exists(path: &Path) -> Error {
    Error::Usage(format!(
        "{} already exists; tunecalc will not overwrite it. Choose another name or remove the file",
        crate::present::text::safe(&path.display().to_string())
    ))
}

/// Writes into something that is not a regular file (`/dev/null`, a pipe): opened for
/// writing as it is, never created, truncated or replaced.
fn write_through(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).open(target)?;
    f.write_all(bytes)?;
    f.flush()
}

/// Refuses to replace `folder` unless it is absent, or a folder whose every file tunecalc
/// wrote there (named in its [`MANIFEST`]) or is about to write again (`names`).
fn check_replaceable(folder: &Path, names: &[&str]) -> Result<(), Error> {
    let shown = || crate::present::text::safe(&folder.display().to_string()).into_owned();
    let meta = match std::fs::symlink_metadata(folder) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::Write {
                path: folder.to_path_buf(),
                reason: describe_io_error(&e),
            })
        }
        Ok(m) => m,
    };
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{} is there and is not a folder of tunecalc's charts; tunecalc will not replace it. Move it, or name the report otherwise",
            shown()
        )));
    }
    let listed: Vec<String> = std::fs::read_to_string(folder.join(MANIFEST))
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let entries = std::fs::read_dir(folder).map_err(|e| Error::Write {
        path: folder.to_path_buf(),
        reason: describe_io_error(&e),
    })?;
    let mut foreign = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::Write {
            path: folder.to_path_buf(),
            reason: describe_io_error(&e),
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name == MANIFEST
            || ((listed.contains(&name) || names.contains(&name.as_str()))
                && entry.file_type().is_ok_and(|t| t.is_file()));
        if !ours {
            foreign.push(name);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let more = foreign.len().saturating_sub(3);
    let named: Vec<String> = foreign
        .iter()
        .take(3)
        .map(|n| crate::present::text::safe(n).into_owned())
        .collect();
    Err(Error::Usage(format!(
        "{} holds files tunecalc did not write there ({}{}); tunecalc will not replace it. Move them, or name the report otherwise",
        shown(),
        named.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )))
}

/// Writes a document and a folder of files beside it as one unit: everything is written into
/// a hidden temporary folder first, then the folder and the document are renamed into place
/// (an existing folder, which must hold only files tunecalc wrote, is moved aside and removed
/// only once the new one is in place). A failure leaves the previous document and folder as
/// they were and nothing new; an interrupted run removes its temporary folder, and a killed
/// one's is swept by the next write.
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
    refuse_read_input(document)?;
    for (name, _) in files {
        refuse_read_input(&folder.join(name))?;
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    check_replaceable(folder, &names)?;
    if std::fs::metadata(document).is_ok_and(|m| !m.is_file()) {
        return Err(Error::Usage(format!(
            "{} is not a regular file; a Markdown report is written with its charts beside it as ordinary files",
            crate::present::text::safe(&document.display().to_string())
        )));
    }
    let dir = folder_of(document, document)?;
    sweep_stale(dir);
    let staging = tempfile::Builder::new()
        .prefix(&prefix())
        .tempdir_in(dir)
        .map_err(|e| fail(document, &e))?;
    let _noted = Noted::new(staging.path());
    let new_folder = staging.path().join("charts");
    std::fs::create_dir(&new_folder).map_err(|e| fail(folder, &e))?;
    for (name, data) in files {
        if ending_signal().is_some() {
            return Err(fail(folder, &io::Error::from(io::ErrorKind::Interrupted)));
        }
        let path = new_folder.join(name);
        std::fs::write(&path, data)
            .and_then(|()| set_shared(&path))
            .map_err(|e| fail(&folder.join(name), &e))?;
    }
    let manifest: String = names.iter().map(|n| format!("{n}\n")).collect();
    std::fs::write(new_folder.join(MANIFEST), manifest).map_err(|e| fail(folder, &e))?;
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
