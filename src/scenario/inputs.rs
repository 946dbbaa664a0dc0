//! The numeric inputs of a scenario, generic over what each number is.
//!
//! The same shape holds exact decimals (the point figures), `f64` samples (Monte Carlo and
//! curves drawn on charts), and later a fixed-or-uncertain quantity per input. Every input has
//! a [`Key`], its dotted name in the scenario file (`usage.calls_per_month`), which is how
//! errors, what-if analyses, solve, sweep and sensitivity name it.

use serde::Serialize;

use crate::catalog::epochs::EpochsRule;

/// Every numeric input of a scenario, as written or taken from elsewhere in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs<T> {
    pub training: Training<T>,
    pub usage: Usage<T>,
    /// The base model with the long prompt.
    pub prompting: CallPrice<T>,
    /// The tuned model with the short prompt; token fields left out are taken from
    /// `prompting` when it is priced by tokens.
    pub tuned: CallPrice<T>,
    /// Keeping the tuned model deployed.
    pub hosting: Hosting<T>,
    /// Keeping the tuned model stored, per month (a provider's storage fee).
    pub storage_per_month: Option<T>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Training<T> {
    /// Labelled examples (a count; may be a median between whole numbers).
    pub examples: T,
    pub price: TrainingPrice<T>,
    /// The provider's minimum per job, in currency units.
    pub minimum_charge: Option<T>,
    /// One-off extras (labelling, engineering, evals), in currency units, paid once.
    pub setup_cost: T,
    /// Tuning jobs paid up front in the first round, the kept one included (experiments).
    pub runs: u32,
    /// One job is paid again every this many months.
    pub retrain_every_months: Option<u32>,
}

/// The three ways a provider prices one tuning job.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainingPrice<T> {
    /// The total price of one job, in currency units.
    Total(T),
    /// Currency units per labelled example.
    PerExample(T),
    /// Currency units per million training tokens; billed tokens = examples × tokens × epochs.
    PerToken {
        price_per_1m_tokens: T,
        /// Prompt and answer tokens of one example (an average; may be fractional).
        tokens_per_example: T,
        epochs: Epochs,
    },
}

/// Passes over the training data in one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Epochs {
    pub count: u32,
    /// The provider rule that chose `count`; `None` when the scenario wrote it.
    pub rule: Option<EpochsRule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Usage<T> {
    /// Calls in month 1 (before the cap), greater than 0; may be a decimal average.
    pub calls_per_month: T,
    /// Compound change per month as a fraction (0.05 = 5 %), above −1.
    pub monthly_growth: T,
    /// Growth stops at this many calls a month; the cap applies from month 1.
    pub max_calls_per_month: Option<T>,
}

/// What one call costs on one side.
#[derive(Debug, Clone, PartialEq)]
pub enum CallPrice<T> {
    /// Currency units per 1000 calls.
    Per1kCalls(T),
    /// Priced by tokens; prices in currency units per million tokens.
    Tokens(TokenPrice<T>),
}

/// A call priced by tokens. On the tuned side, `None` means "as on the prompting side" for
/// output tokens and every price; on the prompting side it means none (output tokens) or not
/// needed (a price for zero tokens). Cached tokens are never inherited (none when left out).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenPrice<T> {
    pub input_tokens: T,
    pub output_tokens: Option<T>,
    pub input_price_per_1m_tokens: Option<T>,
    pub output_price_per_1m_tokens: Option<T>,
    /// The part of `input_tokens` read from the prompt cache.
    pub cached_input_tokens: Option<T>,
    pub cached_input_price_per_1m_tokens: Option<T>,
    /// Explicit caches: storage per million cached tokens per hour.
    pub cache_storage_per_1m_tokens_per_hour: Option<T>,
    /// Hours a month the cache is kept (default 730).
    pub cache_hours_per_month: Option<T>,
}

/// A fixed fee for keeping the tuned model deployed.
#[derive(Debug, Clone, PartialEq)]
pub enum Hosting<T> {
    None,
    /// Currency units per month.
    PerMonth(T),
    /// Currency units per hour, billed `hours_per_month` hours a month.
    PerHour {
        per_hour: T,
        hours_per_month: T,
    },
}

/// Hours in a month of hosting when the scenario does not say: 365 × 24 / 12.
pub const DEFAULT_HOSTING_HOURS: u32 = 730;

/// Which side of the comparison a call price belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Prompting,
    Tuned,
}

impl Side {
    /// The scenario table: `prompting` or `tuned`.
    pub fn table(self) -> &'static str {
        match self {
            Side::Prompting => "prompting",
            Side::Tuned => "tuned",
        }
    }
}

/// A numeric input, named as in the scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    TrainingExamples,
    TrainingCost,
    TrainingCostPerExample,
    TrainingPricePer1mTokens,
    TrainingTokensPerExample,
    TrainingMinimumCharge,
    TrainingSetupCost,
    CallsPerMonth,
    MonthlyGrowth,
    MaxCallsPerMonth,
    PricePer1kCalls(Side),
    InputTokens(Side),
    OutputTokens(Side),
    InputPrice(Side),
    OutputPrice(Side),
    CachedInputTokens(Side),
    CachedInputPrice(Side),
    CacheStorage(Side),
    CacheHours(Side),
    HostingPerMonth,
    HostingPerHour,
    HostingHoursPerMonth,
    StoragePerMonth,
}

impl Key {
    /// Every key, in the order of the scenario format.
    pub const ALL: [Key; 32] = [
        Key::TrainingExamples,
        Key::TrainingCost,
        Key::TrainingCostPerExample,
        Key::TrainingPricePer1mTokens,
        Key::TrainingTokensPerExample,
        Key::TrainingMinimumCharge,
        Key::TrainingSetupCost,
        Key::CallsPerMonth,
        Key::MonthlyGrowth,
        Key::MaxCallsPerMonth,
        Key::PricePer1kCalls(Side::Prompting),
        Key::InputTokens(Side::Prompting),
        Key::OutputTokens(Side::Prompting),
        Key::InputPrice(Side::Prompting),
        Key::OutputPrice(Side::Prompting),
        Key::CachedInputTokens(Side::Prompting),
        Key::CachedInputPrice(Side::Prompting),
        Key::CacheStorage(Side::Prompting),
        Key::CacheHours(Side::Prompting),
        Key::PricePer1kCalls(Side::Tuned),
        Key::InputTokens(Side::Tuned),
        Key::OutputTokens(Side::Tuned),
        Key::InputPrice(Side::Tuned),
        Key::OutputPrice(Side::Tuned),
        Key::CachedInputTokens(Side::Tuned),
        Key::CachedInputPrice(Side::Tuned),
        Key::CacheStorage(Side::Tuned),
        Key::CacheHours(Side::Tuned),
        Key::HostingPerMonth,
        Key::HostingPerHour,
        Key::HostingHoursPerMonth,
        Key::StoragePerMonth,
    ];

    /// The table the key is written in.
    pub fn table(self) -> &'static str {
        match self {
            Key::TrainingExamples
            | Key::TrainingCost
            | Key::TrainingCostPerExample
            | Key::TrainingPricePer1mTokens
            | Key::TrainingTokensPerExample
            | Key::TrainingMinimumCharge
            | Key::TrainingSetupCost => "training",
            Key::CallsPerMonth | Key::MonthlyGrowth | Key::MaxCallsPerMonth => "usage",
            Key::PricePer1kCalls(s)
            | Key::InputTokens(s)
            | Key::OutputTokens(s)
            | Key::InputPrice(s)
            | Key::OutputPrice(s)
            | Key::CachedInputTokens(s)
            | Key::CachedInputPrice(s)
            | Key::CacheStorage(s)
            | Key::CacheHours(s) => s.table(),
            Key::HostingPerMonth
            | Key::HostingPerHour
            | Key::HostingHoursPerMonth
            | Key::StoragePerMonth => "tuned",
        }
    }

    /// The key inside its table: `calls_per_month`.
    pub fn field(self) -> &'static str {
        match self {
            Key::TrainingExamples => "examples",
            Key::TrainingCost => "cost",
            Key::TrainingCostPerExample => "cost_per_example",
            Key::TrainingPricePer1mTokens => "price_per_1m_tokens",
            Key::TrainingTokensPerExample => "tokens_per_example",
            Key::TrainingMinimumCharge => "minimum_charge",
            Key::TrainingSetupCost => "setup_cost",
            Key::CallsPerMonth => "calls_per_month",
            Key::MonthlyGrowth => "monthly_growth",
            Key::MaxCallsPerMonth => "max_calls_per_month",
            Key::PricePer1kCalls(_) => "price_per_1k_calls",
            Key::InputTokens(_) => "input_tokens",
            Key::OutputTokens(_) => "output_tokens",
            Key::InputPrice(_) => "input_price_per_1m_tokens",
            Key::OutputPrice(_) => "output_price_per_1m_tokens",
            Key::CachedInputTokens(_) => "cached_input_tokens",
            Key::CachedInputPrice(_) => "cached_input_price_per_1m_tokens",
            Key::CacheStorage(_) => "cache_storage_per_1m_tokens_per_hour",
            Key::CacheHours(_) => "cache_hours_per_month",
            Key::HostingPerMonth => "hosting_per_month",
            Key::HostingPerHour => "hosting_per_hour",
            Key::HostingHoursPerMonth => "hosting_hours_per_month",
            Key::StoragePerMonth => "storage_per_month",
        }
    }

    /// The dotted name: `usage.calls_per_month`.
    pub fn name(self) -> String {
        format!("{}.{}", self.table(), self.field())
    }

    /// Parses a dotted name.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::all().into_iter().find(|k| k.name() == name)
    }

    /// Every key once, in the order of the scenario format.
    pub fn all() -> Vec<Key> {
        Key::ALL.to_vec()
    }

    /// Whether the key is a price (currency units per something), as opposed to a count, a
    /// volume or a fraction.
    pub fn is_price(self) -> bool {
        matches!(
            self,
            Key::TrainingCost
                | Key::TrainingCostPerExample
                | Key::TrainingPricePer1mTokens
                | Key::TrainingMinimumCharge
                | Key::TrainingSetupCost
                | Key::PricePer1kCalls(_)
                | Key::InputPrice(_)
                | Key::OutputPrice(_)
                | Key::CachedInputPrice(_)
                | Key::CacheStorage(_)
                | Key::HostingPerMonth
                | Key::HostingPerHour
                | Key::StoragePerMonth
        )
    }

    /// Whether the key is a fraction (written "5%" or "0.05").
    pub fn is_fraction(self) -> bool {
        matches!(self, Key::MonthlyGrowth)
    }
}

impl<T> Inputs<T> {
    /// The value of `key` as the scenario has it; `None` when the scenario does not use it
    /// (another price form, or a tuned token field taken from the prompting side).
    pub fn get(&self, key: Key) -> Option<&T> {
        let t = &self.training;
        match key {
            Key::TrainingExamples => Some(&t.examples),
            Key::TrainingCost => match &t.price {
                TrainingPrice::Total(v) => Some(v),
                _ => None,
            },
            Key::TrainingCostPerExample => match &t.price {
                TrainingPrice::PerExample(v) => Some(v),
                _ => None,
            },
            Key::TrainingPricePer1mTokens => match &t.price {
                TrainingPrice::PerToken {
                    price_per_1m_tokens,
                    ..
                } => Some(price_per_1m_tokens),
                _ => None,
            },
            Key::TrainingTokensPerExample => match &t.price {
                TrainingPrice::PerToken {
                    tokens_per_example, ..
                } => Some(tokens_per_example),
                _ => None,
            },
            Key::TrainingMinimumCharge => t.minimum_charge.as_ref(),
            Key::TrainingSetupCost => Some(&t.setup_cost),
            Key::CallsPerMonth => Some(&self.usage.calls_per_month),
            Key::MonthlyGrowth => Some(&self.usage.monthly_growth),
            Key::MaxCallsPerMonth => self.usage.max_calls_per_month.as_ref(),
            Key::PricePer1kCalls(s) => match self.side(s) {
                CallPrice::Per1kCalls(v) => Some(v),
                CallPrice::Tokens(_) => None,
            },
            Key::InputTokens(s) => self.tokens(s).map(|t| &t.input_tokens),
            Key::OutputTokens(s) => self.tokens(s).and_then(|t| t.output_tokens.as_ref()),
            Key::InputPrice(s) => self
                .tokens(s)
                .and_then(|t| t.input_price_per_1m_tokens.as_ref()),
            Key::OutputPrice(s) => self
                .tokens(s)
                .and_then(|t| t.output_price_per_1m_tokens.as_ref()),
            Key::CachedInputTokens(s) => {
                self.tokens(s).and_then(|t| t.cached_input_tokens.as_ref())
            }
            Key::CachedInputPrice(s) => self
                .tokens(s)
                .and_then(|t| t.cached_input_price_per_1m_tokens.as_ref()),
            Key::CacheStorage(s) => self
                .tokens(s)
                .and_then(|t| t.cache_storage_per_1m_tokens_per_hour.as_ref()),
            Key::CacheHours(s) => self
                .tokens(s)
                .and_then(|t| t.cache_hours_per_month.as_ref()),
            Key::StoragePerMonth => self.storage_per_month.as_ref(),
            Key::HostingPerMonth => match &self.hosting {
                Hosting::PerMonth(v) => Some(v),
                _ => None,
            },
            Key::HostingPerHour => match &self.hosting {
                Hosting::PerHour { per_hour, .. } => Some(per_hour),
                _ => None,
            },
            Key::HostingHoursPerMonth => match &self.hosting {
                Hosting::PerHour {
                    hours_per_month, ..
                } => Some(hours_per_month),
                _ => None,
            },
        }
    }

    /// The value of `key` to change in place; `None` when the scenario does not use it.
    pub fn get_mut(&mut self, key: Key) -> Option<&mut T> {
        match key {
            Key::TrainingExamples => Some(&mut self.training.examples),
            Key::TrainingCost => match &mut self.training.price {
                TrainingPrice::Total(v) => Some(v),
                _ => None,
            },
            Key::TrainingCostPerExample => match &mut self.training.price {
                TrainingPrice::PerExample(v) => Some(v),
                _ => None,
            },
            Key::TrainingPricePer1mTokens => match &mut self.training.price {
                TrainingPrice::PerToken {
                    price_per_1m_tokens,
                    ..
                } => Some(price_per_1m_tokens),
                _ => None,
            },
            Key::TrainingTokensPerExample => match &mut self.training.price {
                TrainingPrice::PerToken {
                    tokens_per_example, ..
                } => Some(tokens_per_example),
                _ => None,
            },
            Key::TrainingMinimumCharge => self.training.minimum_charge.as_mut(),
            Key::TrainingSetupCost => Some(&mut self.training.setup_cost),
            Key::CallsPerMonth => Some(&mut self.usage.calls_per_month),
            Key::MonthlyGrowth => Some(&mut self.usage.monthly_growth),
            Key::MaxCallsPerMonth => self.usage.max_calls_per_month.as_mut(),
            Key::PricePer1kCalls(s) => match self.side_mut(s) {
                CallPrice::Per1kCalls(v) => Some(v),
                CallPrice::Tokens(_) => None,
            },
            Key::InputTokens(s) => self.tokens_mut(s).map(|t| &mut t.input_tokens),
            Key::OutputTokens(s) => self.tokens_mut(s).and_then(|t| t.output_tokens.as_mut()),
            Key::InputPrice(s) => self
                .tokens_mut(s)
                .and_then(|t| t.input_price_per_1m_tokens.as_mut()),
            Key::OutputPrice(s) => self
                .tokens_mut(s)
                .and_then(|t| t.output_price_per_1m_tokens.as_mut()),
            Key::CachedInputTokens(s) => self
                .tokens_mut(s)
                .and_then(|t| t.cached_input_tokens.as_mut()),
            Key::CachedInputPrice(s) => self
                .tokens_mut(s)
                .and_then(|t| t.cached_input_price_per_1m_tokens.as_mut()),
            Key::CacheStorage(s) => self
                .tokens_mut(s)
                .and_then(|t| t.cache_storage_per_1m_tokens_per_hour.as_mut()),
            Key::CacheHours(s) => self
                .tokens_mut(s)
                .and_then(|t| t.cache_hours_per_month.as_mut()),
            Key::StoragePerMonth => self.storage_per_month.as_mut(),
            Key::HostingPerMonth => match &mut self.hosting {
                Hosting::PerMonth(v) => Some(v),
                _ => None,
            },
            Key::HostingPerHour => match &mut self.hosting {
                Hosting::PerHour { per_hour, .. } => Some(per_hour),
                _ => None,
            },
            Key::HostingHoursPerMonth => match &mut self.hosting {
                Hosting::PerHour {
                    hours_per_month, ..
                } => Some(hours_per_month),
                _ => None,
            },
        }
    }

    /// The keys this scenario uses, in the order of the file format.
    pub fn keys(&self) -> Vec<Key> {
        Key::all()
            .into_iter()
            .filter(|k| self.get(*k).is_some())
            .collect()
    }

    pub fn side(&self, side: Side) -> &CallPrice<T> {
        match side {
            Side::Prompting => &self.prompting,
            Side::Tuned => &self.tuned,
        }
    }

    fn side_mut(&mut self, side: Side) -> &mut CallPrice<T> {
        match side {
            Side::Prompting => &mut self.prompting,
            Side::Tuned => &mut self.tuned,
        }
    }

    fn tokens(&self, side: Side) -> Option<&TokenPrice<T>> {
        match self.side(side) {
            CallPrice::Tokens(t) => Some(t),
            CallPrice::Per1kCalls(_) => None,
        }
    }

    fn tokens_mut(&mut self, side: Side) -> Option<&mut TokenPrice<T>> {
        match self.side_mut(side) {
            CallPrice::Tokens(t) => Some(t),
            CallPrice::Per1kCalls(_) => None,
        }
    }
}

impl<T: Copy> Inputs<T> {
    /// The same inputs in another number type (exact decimals to `f64` for Monte Carlo).
    pub fn map<U: Copy>(&self, f: impl Fn(T) -> U) -> Inputs<U> {
        let side = |c: &CallPrice<T>| match c {
            CallPrice::Per1kCalls(v) => CallPrice::Per1kCalls(f(*v)),
            CallPrice::Tokens(t) => CallPrice::Tokens(TokenPrice {
                input_tokens: f(t.input_tokens),
                output_tokens: t.output_tokens.map(&f),
                input_price_per_1m_tokens: t.input_price_per_1m_tokens.map(&f),
                output_price_per_1m_tokens: t.output_price_per_1m_tokens.map(&f),
                cached_input_tokens: t.cached_input_tokens.map(&f),
                cached_input_price_per_1m_tokens: t.cached_input_price_per_1m_tokens.map(&f),
                cache_storage_per_1m_tokens_per_hour: t
                    .cache_storage_per_1m_tokens_per_hour
                    .map(&f),
                cache_hours_per_month: t.cache_hours_per_month.map(&f),
            }),
        };
        let t = &self.training;
        Inputs {
            training: Training {
                examples: f(t.examples),
                price: match &t.price {
                    TrainingPrice::Total(v) => TrainingPrice::Total(f(*v)),
                    TrainingPrice::PerExample(v) => TrainingPrice::PerExample(f(*v)),
                    TrainingPrice::PerToken {
                        price_per_1m_tokens,
                        tokens_per_example,
                        epochs,
                    } => TrainingPrice::PerToken {
                        price_per_1m_tokens: f(*price_per_1m_tokens),
                        tokens_per_example: f(*tokens_per_example),
                        epochs: *epochs,
                    },
                },
                minimum_charge: t.minimum_charge.map(&f),
                setup_cost: f(t.setup_cost),
                runs: t.runs,
                retrain_every_months: t.retrain_every_months,
            },
            usage: Usage {
                calls_per_month: f(self.usage.calls_per_month),
                monthly_growth: f(self.usage.monthly_growth),
                max_calls_per_month: self.usage.max_calls_per_month.map(&f),
            },
            prompting: side(&self.prompting),
            tuned: side(&self.tuned),
            hosting: match &self.hosting {
                Hosting::None => Hosting::None,
                Hosting::PerMonth(v) => Hosting::PerMonth(f(*v)),
                Hosting::PerHour {
                    per_hour,
                    hours_per_month,
                } => Hosting::PerHour {
                    per_hour: f(*per_hour),
                    hours_per_month: f(*hours_per_month),
                },
            },
            storage_per_month: self.storage_per_month.map(&f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_distinct_dotted_name_that_parses_back() {
        let keys = Key::all();
        assert_eq!(keys.len(), 32);
        for k in &keys {
            assert_eq!(Key::from_name(&k.name()), Some(*k), "{}", k.name());
        }
        let mut names: Vec<String> = keys.iter().map(|k| k.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 32);
        assert_eq!(Key::CallsPerMonth.name(), "usage.calls_per_month");
        assert_eq!(
            Key::InputPrice(Side::Tuned).name(),
            "tuned.input_price_per_1m_tokens"
        );
    }
}
