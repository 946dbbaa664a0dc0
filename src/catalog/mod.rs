//! The price catalog: what providers charge to tune and serve models, their rules, and the
//! dates their tuned models stop. Built in from `catalog/*.toml` (one file per provider);
//! users add or replace entries with `--catalog FILE` or `TUNECALC_CATALOG` (paths separated by
//! `:`); an entry with the same id replaces the built-in one.

pub mod entry;
pub mod epochs;
pub mod status;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use entry::{Entry, Evidence, PriceField};
pub use epochs::EpochsRule;
pub use status::{is_stale, Status};

use crate::error::Error;

/// The built-in catalog files, in the order entries are listed.
const BUILTIN: &[(&str, &str)] = &[
    ("openai.toml", include_str!("../../catalog/openai.toml")),
    ("azure.toml", include_str!("../../catalog/azure.toml")),
    ("google.toml", include_str!("../../catalog/google.toml")),
    ("bedrock.toml", include_str!("../../catalog/bedrock.toml")),
    (
        "anthropic.toml",
        include_str!("../../catalog/anthropic.toml"),
    ),
    (
        "open-models.toml",
        include_str!("../../catalog/open-models.toml"),
    ),
    (
        "discontinued.toml",
        include_str!("../../catalog/discontinued.toml"),
    ),
];

/// The largest catalog file read, in bytes.
const MAX_CATALOG_BYTES: u64 = 4 * 1024 * 1024;

/// Every entry, in file order; later files replace entries with the same id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
}

impl Catalog {
    /// The catalog built into the binary, parsed once.
    pub fn builtin() -> &'static Catalog {
        static BUILT: OnceLock<Catalog> = OnceLock::new();
        BUILT.get_or_init(Catalog::parse_builtin)
    }

    /// Parses the built-in files afresh (what [`Catalog::builtin`] does once).
    pub fn parse_builtin() -> Catalog {
        let mut c = Catalog::default();
        for (name, text) in BUILTIN {
            // The built-in files are checked by a unit test; a bad one is a build defect.
            if let Ok(entries) = entry::parse(
                Path::new(&format!("catalog/{name}")),
                text,
                &format!("built-in catalog/{name}"),
            ) {
                c.add(entries);
            }
        }
        c
    }

    /// The built-in catalog with the user's files added: those in `TUNECALC_CATALOG` (a value
    /// given as `env`), then each `--catalog` file, in order.
    pub fn with_files(env: Option<&str>, files: &[PathBuf]) -> Result<Catalog, Error> {
        let mut c = Catalog::builtin().clone();
        let from_env = env
            .into_iter()
            .flat_map(|v| v.split(':'))
            .filter(|p| !p.trim().is_empty())
            .map(|p| (PathBuf::from(p), "TUNECALC_CATALOG"));
        let from_flags = files.iter().map(|p| (p.clone(), "--catalog"));
        for (path, given_by) in from_env.chain(from_flags) {
            let text = crate::io::read_text(&path, MAX_CATALOG_BYTES, "a catalog").map_err(
                |e| match e {
                    Error::Read { path, reason } => Error::Read {
                        path,
                        reason: format!("{reason} (a catalog file given by {given_by})"),
                    },
                    other => other,
                },
            )?;
            let entries =
                entry::parse(&path, &text, &path.display().to_string()).map_err(Error::Input)?;
            if entries.is_empty() {
                return Err(Error::Input(Box::new(crate::error::InputError {
                    file: path.clone(),
                    position: None,
                    field: None,
                    message: "no [[model]] entries: a catalog file holds one or more".into(),
                    help: Some(format!(
                        "see an entry's fields with `tunecalc models ID --format json`; it was given by {given_by}"
                    )),
                })));
            }
            c.add(entries);
        }
        Ok(c)
    }

    /// Adds entries; one with an id already present replaces it where it stood.
    pub fn add(&mut self, entries: Vec<Entry>) {
        for e in entries {
            match self.entries.iter_mut().find(|x| x.id == e.id) {
                Some(slot) => *slot = e,
                None => self.entries.push(e),
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id.trim())
    }

    /// The entry with this id, or a help text suggesting the closest ids.
    pub fn lookup(&self, id: &str) -> Result<&Entry, String> {
        if let Some(e) = self.get(id) {
            return Ok(e);
        }
        let id = id.trim().to_ascii_lowercase();
        let mut near: Vec<(f64, &str)> = self
            .entries
            .iter()
            .map(|e| {
                let name = e.id.to_ascii_lowercase();
                let tail = name.rsplit('/').next().unwrap_or(&name).to_string();
                let score = strsim::jaro_winkler(&id, &name)
                    .max(strsim::jaro_winkler(&id, &tail))
                    .max(if name.contains(&id) { 0.95 } else { 0.0 });
                (score, e.id.as_str())
            })
            .filter(|(score, _)| *score >= 0.8)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        match near.as_slice() {
            [] => Err(
                "list the catalog with `tunecalc models`, or add an entry with --catalog FILE"
                    .into(),
            ),
            some => Err(format!(
                "did you mean {}? (`tunecalc models` lists them all)",
                some.iter()
                    .take(3)
                    .map(|(_, id)| format!("\"{id}\""))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_parses_and_ids_are_unique() {
        let mut total = 0;
        for (name, text) in BUILTIN {
            let entries = entry::parse(Path::new(name), text, name)
                .unwrap_or_else(|e| panic!("catalog/{name}: {e}"));
            total += entries.len();
        }
        let c = Catalog::builtin();
        assert_eq!(
            c.entries().len(),
            total,
            "an id appears in two built-in files"
        );
        assert!(total >= 30, "{total} entries");
    }

    #[test]
    fn a_near_miss_id_gets_a_suggestion() {
        let c = Catalog::builtin();
        let help = c
            .lookup("openai/gpt-4.1-mini")
            .expect_err("not an exact id");
        assert!(help.contains("openai/gpt-4.1-mini-2025-04-14"), "{help}");
    }
}
