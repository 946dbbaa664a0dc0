//! Scenarios: what a team pays to tune, what each call costs both ways, and how it decides.
//!
//! A scenario file goes `parse` ([`raw`]) → `validate` ([`validate`]) → [`Scenario`]. The typed
//! [`Scenario`] cannot hold an invalid value, so the engine never re-checks its input.
//! [`files`] turns the command line's `FILE|DIR…` into the list of files to read.

pub mod files;
pub mod raw;
pub mod validate;

use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

use crate::error::{Error, InputError};

/// Hours in a month of hosting: 365 × 24 / 12, the figure providers quote.
pub const HOURS_PER_MONTH: u32 = 730;

/// A validated scenario, version 1 of the format in DESIGN.md.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The file it came from, as given on the command line.
    pub file: PathBuf,
    pub name: String,
    pub description: Option<String>,
    /// ISO code such as `USD`; display only.
    pub currency: String,
    pub training: Training,
    pub usage: Usage,
    pub prompting: CallPrice,
    pub tuned: CallPrice,
    pub hosting: Hosting,
    pub decision: Decision,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    /// Labelled examples, at least 1.
    pub examples: u64,
    pub price: TrainingPrice,
    /// The provider's minimum per job, in currency units.
    pub minimum_charge: Option<Decimal>,
    /// One-off extras paid once (labelling, engineering, evals), in currency units.
    pub setup_cost: Decimal,
    /// The tuning job is paid again every this many months.
    pub retrain_every_months: Option<u32>,
}

/// The three ways a provider prices one tuning job.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainingPrice {
    /// The total price of one job, in currency units.
    Total(Decimal),
    /// Currency units per labelled example.
    PerExample(Decimal),
    /// Currency units per million training tokens; tokens = examples × tokens × epochs.
    PerToken {
        price_per_1m_tokens: Decimal,
        tokens_per_example: u64,
        epochs: u32,
        /// Whether `epochs` was written in the file or chosen by [`default_epochs`].
        epochs_given: bool,
    },
}

/// The number of epochs a provider picks when told "auto" (OpenAI's documented rule):
/// 3, raised to `min(25, 100 / n)` when `3n < 100`, lowered to `max(1, 25000 / n)` when
/// `3n > 25000`, with integer division.
pub fn default_epochs(examples: u64) -> u32 {
    let n = examples.max(1);
    let epochs = if n * 3 < 100 {
        (100 / n).min(25)
    } else if n * 3 > 25_000 {
        (25_000 / n).max(1)
    } else {
        3
    };
    // Always between 1 and 25, so the conversion cannot fail.
    u32::try_from(epochs).unwrap_or(3)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    /// Calls in the first month, greater than 0.
    pub calls_per_month: Decimal,
    /// Compound growth per month as a fraction (0.05 = 5 %), greater than −1.
    pub monthly_growth: Decimal,
}

/// What one call costs on one side.
#[derive(Debug, Clone, PartialEq)]
pub enum CallPrice {
    /// Currency units per 1000 calls.
    Per1kCalls(Decimal),
    /// Priced by tokens; prices in currency units per million tokens.
    Tokens(TokenPrice),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TokenPrice {
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub input_price_per_1m_tokens: Decimal,
    pub output_price_per_1m_tokens: Decimal,
    /// Names of the fields the tuned side took from `[prompting]` because it left them out.
    pub inherited: Vec<&'static str>,
}

impl TokenPrice {
    pub fn total_tokens(&self) -> u64 {
        self.input_tokens.saturating_add(self.output_tokens)
    }
}

/// A fixed fee for keeping the tuned model deployed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hosting {
    None,
    /// Currency units per month.
    PerMonth(Decimal),
    /// Currency units per hour, billed for [`HOURS_PER_MONTH`] hours a month.
    PerHour(Decimal),
}

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
}

/// Defaults for `[decision]`, as documented in DESIGN.md and the starter scenario.
pub const DEFAULT_TARGET_PAYBACK_MONTHS: u32 = 12;
pub const DEFAULT_HORIZON_MONTHS: u32 = 36;
pub const DEFAULT_MIN_EXAMPLES: u64 = 50;
/// Payback is searched for up to this many months; the horizon may not exceed it.
pub const MAX_MONTHS: u32 = 1200;

/// Reads and validates one scenario file.
pub fn load(path: &Path) -> Result<Scenario, Error> {
    let source = std::fs::read_to_string(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        reason: files::describe_io_error(&e),
    })?;
    parse(path, &source).map_err(Error::Input)
}

/// Parses and validates scenario text; `path` is used only to name the file in errors.
pub fn parse(path: &Path, source: &str) -> Result<Scenario, Box<InputError>> {
    validate::validate(path, source)
}

/// Reads every scenario named on the command line (directories mean their `*.toml`, sorted).
/// All files are checked before failing, so one run reports every bad file.
pub fn load_all(inputs: &[PathBuf]) -> Result<Vec<Scenario>, Error> {
    let paths = files::expand(inputs)?;
    let mut scenarios = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for path in &paths {
        match load(path) {
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
