//! The stage between reading a file and validating it: fills in what the scenario leaves to
//! someone else. Today that is the provider rule that picks the number of epochs when
//! `[training] epochs` is left out (OpenAI's automatic rule, the documented default).

use super::raw::RawScenario;
use crate::catalog::epochs::EpochsRule;

/// A raw scenario with everything resolved that comes from outside the file.
#[derive(Debug)]
pub struct Resolved {
    pub raw: RawScenario,
    /// The rule that chooses epochs when the file does not give them.
    pub epochs_rule: EpochsRule,
}

/// Resolves defaults that depend on the provider.
pub fn resolve(raw: RawScenario) -> Resolved {
    Resolved {
        raw,
        epochs_rule: EpochsRule::OpenAiAuto,
    }
}
