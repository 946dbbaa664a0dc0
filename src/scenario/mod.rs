//! Scenarios: what a team pays to tune, what each call costs both ways, and how it decides.
//!
//! A scenario file is loaded in stages (DESIGN.md, "Data flow"):
//! [`raw`] (TOML as written, with byte spans) → [`resolve`] (defaults that come from provider
//! rules) → [`validate`] (every rule of the format, errors that point at the text) →
//! [`Scenario`], which cannot hold an invalid value, so the engine never re-checks its input.

pub mod inputs;
pub mod raw;
pub mod resolve;
pub mod schema;
pub mod uncertain;
pub mod validate;

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::catalog::{Catalog, Entry};
use crate::date::Date;
use crate::engine::outcome::Schedule;
use crate::error::{Error, InputError, Position};
use crate::io;
pub use inputs::{
    CallPrice, Epochs, Hosting, Inputs, Key, Side, TokenPrice, Training, TrainingPrice, Usage,
    DEFAULT_HOSTING_HOURS,
};

/// A validated scenario, version 1 of the format in DESIGN.md.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The file it came from, as given on the command line (`-` for standard input).
    pub file: PathBuf,
    pub name: String,
    pub description: Option<String>,
    /// ISO code such as `USD`; display only.
    pub currency: String,
    /// Every numeric input, exact.
    pub inputs: Inputs<Decimal>,
    pub decision: Decision,
    /// Where each input was written, so errors and warnings can point at it.
    pub locations: Locations,
    /// The day the scenario was evaluated for (`--date`, default today).
    pub date: Date,
    /// The first day of month 1 (`[usage] start`, default the evaluation date).
    pub start: Date,
    /// Dated price changes and the month the tuned model stops, from the catalog.
    pub schedule: Schedule<Decimal>,
    /// The catalog entries the scenario names.
    pub models: Models,
    /// Where each input came from when the catalog gave it (dotted name → source); inputs
    /// not listed here were written in the scenario file.
    pub sources: BTreeMap<String, Source>,
    /// Catalog prices checked more than this many days before `date` get a warning.
    pub stale_days: u32,
    /// Inputs written as ranges (their medians are in `inputs`), in file order.
    pub uncertain: Vec<uncertain::UncertainInput>,
    /// Rank correlations between uncertain inputs, from `[correlations]`.
    pub correlations: Vec<uncertain::Correlation>,
    /// What `[training] dataset` measured, when the scenario names a training file.
    pub dataset: Option<resolve::Measured>,
    /// Inputs whose values are stand-ins to replace (`placeholders = [...]`), in file order.
    pub placeholders: Vec<Key>,
}

/// The catalog entries a scenario names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Models {
    /// `[tuned] model`: tuned prices, training, hosting, rules, dates.
    pub tuned: Option<Entry>,
    /// `[prompting] model` (or the tuned entry's base prices): the long prompt's prices.
    pub prompting: Option<Entry>,
}

/// A value the catalog gave a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The entry's id.
    pub entry: String,
    /// The entry's field, e.g. `tuned_input_per_1m`.
    pub field: &'static str,
    /// The day the entry was checked.
    pub checked: Date,
    /// The entry marks this field as resting on a weak source.
    pub uncertain: bool,
}

/// What loading a scenario needs besides its text: the catalog, the evaluation date, and how
/// old a checked price may be before it is called stale.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub date: Date,
    pub stale_days: u32,
}

/// Prices checked longer ago than this, in days, are called stale by default.
pub const DEFAULT_STALE_DAYS: u32 = 90;

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Tuning must pay back within this many months (may be fractional). Default 12.
    pub target_payback_months: Decimal,
    /// Months over which net savings are totalled, 1 to 1200. Default 36.
    pub horizon_months: u32,
    /// Below this many examples, don't tune. Default 50.
    pub min_examples: u64,
    /// Consistency of answers is worth paying for. Default false.
    pub needs_consistency: bool,
    /// The task is settled; false means the team is still experimenting. Default true.
    pub task_is_stable: bool,
    /// A shorter prompt's lower latency is a reason to tune. Default false.
    pub needs_low_latency: bool,
    /// With uncertain inputs: the chance of paying back within the window needed to tune, as
    /// a fraction. Default 0.8.
    pub confidence: Decimal,
}

/// Defaults for `[decision]`, as documented in DESIGN.md and the starter scenario.
pub const DEFAULT_TARGET_PAYBACK_MONTHS: u32 = 12;
pub const DEFAULT_HORIZON_MONTHS: u32 = 36;
pub const DEFAULT_MIN_EXAMPLES: u64 = 50;
/// Payback is searched for up to this many months; the horizon may not exceed it.
pub const MAX_MONTHS: u32 = 1200;
/// The largest scenario file read, in bytes (1 MiB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest description accepted, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
/// Most tuning jobs paid up front in the first round (`training.runs`).
pub const MAX_RUNS: u64 = 1000;
/// Most passes over the training data in one job (`training.epochs`).
pub const MAX_EPOCHS: u64 = 100;
/// Hours in the longest month (31 × 24): the most hours of hosting or cache storage a month.
pub const MAX_HOURS_PER_MONTH: u32 = 744;

/// Where each field of a scenario was written: dotted name → byte span in the file's text,
/// turned into a line, column and snippet only when an error or warning needs one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Locations {
    source: std::sync::Arc<str>,
    spans: BTreeMap<String, std::ops::Range<usize>>,
}

impl Locations {
    /// Locations in `source`, the scenario file's text.
    pub fn new(source: &str) -> Locations {
        Locations {
            source: source.into(),
            spans: BTreeMap::new(),
        }
    }

    pub fn insert(&mut self, field: String, span: std::ops::Range<usize>) {
        self.spans.insert(field, span);
    }

    /// Whether `field` (a dotted name) was written in the file.
    pub fn contains(&self, field: &str) -> bool {
        self.spans.contains_key(field)
    }

    /// Where `field` (a dotted name) was written, if it was.
    pub fn get(&self, field: &str) -> Option<Position> {
        self.spans
            .get(field)
            .map(|span| Position::from_span(&self.source, span.clone()))
    }
}

/// Reads and validates one scenario file; `-` reads standard input.
pub fn load(path: &Path, ctx: &Context) -> Result<Scenario, Error> {
    let source = io::read_text(path, MAX_FILE_BYTES, "a scenario")?;
    parse_with(path, &source, ctx).map_err(Error::Input)
}

/// Parses and validates scenario text with the built-in catalog and today's date; `path` is
/// used only to name the file in errors.
pub fn parse(path: &Path, source: &str) -> Result<Scenario, Box<InputError>> {
    let ctx = Context {
        catalog: Catalog::builtin(),
        date: crate::date::today(),
        stale_days: DEFAULT_STALE_DAYS,
    };
    parse_with(path, source, &ctx)
}

/// Parses and validates scenario text against a catalog and an evaluation date.
pub fn parse_with(path: &Path, source: &str, ctx: &Context) -> Result<Scenario, Box<InputError>> {
    let raw = raw::parse(path, source)?;
    let resolved = resolve::resolve(path, source, raw, ctx)?;
    validate::validate(path, source, resolved, ctx.stale_days)
}

/// Reads every scenario named on the command line (directories mean their `*.toml`, sorted).
/// All files are checked before failing, so one run reports every bad file. Files are read
/// and validated on every core; the order is always the order given.
pub fn load_all(inputs: &[PathBuf], ctx: &Context) -> Result<Vec<Scenario>, Error> {
    use rayon::prelude::*;
    let paths = io::expand(inputs, "toml", "scenario")?;
    let loaded: Vec<Result<Scenario, Error>> = paths.par_iter().map(|p| load(p, ctx)).collect();
    let mut scenarios = Vec::with_capacity(loaded.len());
    let mut errors = Vec::new();
    for result in loaded {
        match result {
            Ok(s) => scenarios.push(s),
            Err(Error::Input(e)) => errors.push(*e),
            Err(other) => return Err(other),
        }
    }
    match errors.len() {
        0 => Ok(scenarios),
        1 => Err(Error::Input(Box::new(errors.remove(0)))),
        _ => Err(Error::Inputs(errors)),
    }
}
