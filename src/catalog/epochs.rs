//! How many epochs a provider runs when the job leaves it to the provider.

use std::fmt;

/// A provider's rule for the default number of epochs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpochsRule {
    /// OpenAI's documented "auto": 3, raised to `min(25, 100 / n)` when `3n < 100`, lowered to
    /// `max(1, 25000 / n)` when `3n > 25000` (integer division; n = examples).
    OpenAiAuto,
    /// A fixed default, such as Bedrock Nova's 2.
    Fixed(u32),
}

impl EpochsRule {
    /// The epochs this rule picks for `examples` labelled examples (at least 1).
    pub fn epochs_for(self, examples: u64) -> u32 {
        match self {
            EpochsRule::Fixed(n) => n,
            EpochsRule::OpenAiAuto => {
                let n = examples.max(1);
                let epochs = if n.saturating_mul(3) < 100 {
                    (100 / n).min(25)
                } else if n.saturating_mul(3) > 25_000 {
                    (25_000 / n).max(1)
                } else {
                    3
                };
                // Always between 1 and 25.
                u32::try_from(epochs).unwrap_or(3)
            }
        }
    }
}

impl fmt::Display for EpochsRule {
    /// The rule as a catalog writes it: `openai_auto`, `fixed:2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EpochsRule::OpenAiAuto => f.write_str("openai_auto"),
            EpochsRule::Fixed(n) => write!(f, "fixed:{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_auto_follows_the_documented_rule() {
        let auto = EpochsRule::OpenAiAuto;
        assert_eq!(auto.epochs_for(200), 3);
        assert_eq!(auto.epochs_for(20), 5); // 60 < 100 → min(25, 100 / 20)
        assert_eq!(auto.epochs_for(2), 25); // min(25, 50)
        assert_eq!(auto.epochs_for(10_000), 2); // 30000 > 25000 → max(1, 25000 / 10000)
        assert_eq!(auto.epochs_for(40_000), 1);
        assert_eq!(EpochsRule::Fixed(2).epochs_for(5_000), 2);
    }
}
