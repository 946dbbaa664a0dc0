//! Turns the command line's `FILE|DIR…` into the scenario files to read.
//!
//! A directory means its `*.toml` files (not its subdirectories), sorted by name so the column
//! order of a comparison never depends on the file system.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Expands files and directories, keeping the order given; each directory's files are sorted.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::Read {
            path: input.clone(),
            reason: describe_io_error(&e),
        })?;
        if meta.is_dir() {
            let found = toml_files_in(input)?;
            if found.is_empty() {
                return Err(Error::Read {
                    path: input.clone(),
                    reason: "the directory holds no *.toml scenario files; \
                             create one with `tunecalc new NAME`"
                        .into(),
                });
            }
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn toml_files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let read_error = |e: io::Error| Error::Read {
        path: dir.to_path_buf(),
        reason: describe_io_error(&e),
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.extension().is_some_and(|ext| ext == "toml") && path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
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
