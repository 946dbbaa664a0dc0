//! The decision table: tune, stay with prompting, or tune for consistency, and why; the
//! target window and why it is what it is; warnings that do not change the verdict.
//!
//! Reasons and warnings are data with the figures they rest on; the words live in
//! `present::words`, so every output says the same thing the same way.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::date::Date;
use crate::scenario::Decision;

/// What tunecalc recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Pays back within the target window and nothing blocks it.
    Tune,
    /// Keep the long prompt.
    StayWithPrompting,
    /// Does not pay on cost, but consistent answers are worth paying for.
    TuneForConsistency,
}

impl Verdict {
    /// The name used in JSON and CSV.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Tune => "tune",
            Verdict::StayWithPrompting => "stay_with_prompting",
            Verdict::TuneForConsistency => "tune_for_consistency",
        }
    }
}

/// The months within which tuning must pay back, and what set them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Months (may be fractional).
    pub months: Decimal,
    /// The scenario's `target_payback_months`.
    pub target: Decimal,
    pub limit: WindowLimit,
}

/// What set the target window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowLimit {
    /// The scenario's target.
    Target,
    /// The retraining interval, shorter than the target: each job must pay for itself.
    Retraining { every: u32 },
    /// The tuned model retires on `date`, before the target ends.
    Retirement { date: Date },
    /// The provider takes no new tuning jobs after `date`, before month 1: no time at all.
    TrainingClosed { date: Date },
}

impl Window {
    /// The window for a target, an optional retraining interval, and the tuned model's
    /// retirement (its date and the months left from the start): the shortest of them.
    pub fn new(
        target: Decimal,
        retrain_every_months: Option<u32>,
        retirement: Option<(Date, Decimal)>,
        training_closed: Option<Date>,
    ) -> Window {
        if let Some(date) = training_closed {
            return Window {
                months: Decimal::ZERO,
                target,
                limit: WindowLimit::TrainingClosed { date },
            };
        }
        let mut w = Window {
            months: target,
            target,
            limit: WindowLimit::Target,
        };
        if let Some(r) = retrain_every_months.filter(|r| Decimal::from(*r) < w.months) {
            w.months = Decimal::from(r);
            w.limit = WindowLimit::Retraining { every: r };
        }
        if let Some((date, left)) = retirement.filter(|(_, left)| *left < w.months) {
            w.months = left.max(Decimal::ZERO);
            w.limit = WindowLimit::Retirement { date };
        }
        w
    }
}

/// One reason behind a verdict, with the figures it rests on (currency units and months).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// With ranges: `chance` (0 to 1) of the samples pay back within the window; tuning needs
    /// `confidence`.
    ChanceWithinWindow {
        chance: f64,
        confidence: Decimal,
        window: Window,
    },
    /// Pays back in `months`, within the window.
    PaysBackWithinWindow { months: Decimal, window: Window },
    /// Pays back in `months`, beyond the window.
    PaysBackAfterWindow { months: Decimal, window: Window },
    /// A tuned call costs `tuned` > `prompting` per call.
    TunedCallDearer { prompting: Decimal, tuned: Decimal },
    /// The prompt is read from a cache, and the cached prompted call (`prompting`) is no dearer
    /// than the tuned call (`tuned`).
    CachedPromptCheaper { prompting: Decimal, tuned: Decimal },
    /// Savings would cover the up-front cost after `payback_months`, but the tuned model stops
    /// on `date`, `months_left` months in.
    RetiresBeforePayback {
        payback_months: Decimal,
        date: Date,
        months_left: Decimal,
    },
    /// The tuned model was already retired (or retires) on `date`, before month 1 begins.
    RetiredBeforeStart { date: Date },
    /// No new tuning jobs after `date`, before the scenario starts.
    TrainingClosed { date: Date },
    /// `examples` is below the provider's own minimum `min` for `entry`.
    BelowProviderMinimum {
        examples: Decimal,
        min: u64,
        entry: String,
    },
    /// A tuned call costs exactly what a prompted one does.
    TunedCallSamePrice { cost: Decimal },
    /// Fixed monthly fees (`fixed`) eat the call savings (`call_savings` in month 1).
    FixedCostsExceedSavings {
        call_savings: Decimal,
        fixed: Decimal,
    },
    /// Not paid back within the search limit (months).
    NeverPaysBack { searched_months: u32 },
    /// Pays back in `months`, after the model must be retrained every `every` months.
    PaybackBeyondRetrain { months: Decimal, every: u32 },
    /// `examples` < `min` labelled examples.
    TooFewExamples { examples: Decimal, min: u64 },
    /// The task is still being changed.
    TaskNotStable,
    /// Consistency is worth paying for, so tuning is recommended despite the cost case.
    ConsistencyWorthPaying,
    /// Consistency was asked for but a blocking rule stands.
    ConsistencyBlocked,
    /// Latency matters and the tuned prompt is `tokens` tokens shorter per call.
    ShorterPromptIsFaster { tokens: Decimal },
    /// Latency matters but the tuned call is not shorter (or its length is unknown).
    NoLatencyGain { tokens: Option<Decimal> },
    /// Net savings (negative: net cost) of tuning over the horizon.
    /// `serving`: the months the tuned model serves, when it retires inside the horizon
    /// (the net covers only those).
    NetAtHorizon {
        months: u32,
        net: Decimal,
        serving: Option<Decimal>,
    },
}

/// Something the reader should know that does not change the verdict.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Payback in `payback_months` relies on `growth` a month continuing for `months` months.
    ReliesOnGrowth {
        payback_months: Decimal,
        growth: Decimal,
        months: u32,
    },
    /// The entry's prices were checked `days` days before the evaluation date.
    StalePrices {
        entry: String,
        checked: Date,
        days: i64,
    },
    /// Prices the scenario takes from `entry` rest on a weak source (dotted input names).
    UncertainPrices { entry: String, fields: Vec<String> },
    /// The tuned model is already retired on the evaluation date.
    RetiredModel { entry: String, date: Date },
    /// The tuned model retires `months` into the horizon of `horizon` months: savings stop
    /// then, whatever the figures over the horizon suggest.
    RetiresWithinHorizon {
        entry: String,
        date: Date,
        months: Decimal,
        horizon: u32,
    },
    /// Tuning closed for new customers on `closes`, before the start, but a customer who
    /// already used the model may train until `until`.
    ExistingCustomersMayTrain {
        entry: String,
        closes: Date,
        until: Date,
    },
    /// An input is a stand-in (`placeholders`), not a real figure: its value and name.
    Placeholder {
        input: crate::scenario::Key,
        value: Decimal,
    },
    /// The first round's `runs` jobs exceed the provider's limit of `limit` jobs at a time, so
    /// they run in `waves` rounds, one after another (the cost is the same; the wait is not).
    RunsQueue {
        entry: String,
        runs: u32,
        limit: u32,
        waves: u32,
    },
    /// A range of examples puts `share` (0 to 1) of its draws below the `min` needed to tune.
    ExamplesBelowMinimum { share: f64, min: u64 },
    /// So few Monte Carlo samples that the chance is unreliable.
    FewSamples { samples: u32 },
    /// The chance is within two standard errors of the confidence needed: another seed could
    /// turn the verdict.
    ChanceNearConfidence {
        chance: f64,
        confidence: Decimal,
        samples: u32,
    },
    /// `jobs` retraining jobs (the first on `first_job`) fall after the provider stops taking
    /// tuning jobs; they are still counted in the costs.
    RetrainAfterTrainingCloses {
        entry: String,
        closes: Date,
        first_job: Date,
        jobs: u32,
    },
}

/// Payback that relies on growth for longer than this many months gets a warning.
pub const GROWTH_WARNING_MONTHS: u32 = 24;

/// The facts the decision table reads.
pub struct Facts<'a> {
    pub payback_months: Option<Decimal>,
    /// Payback ignoring the retraining rule, to explain why it was refused.
    pub payback_before_retrain_rule: Option<Decimal>,
    pub window: Window,
    /// The tuned model's retirement: its date and the months left from the start.
    pub retirement: Option<(Date, Decimal)>,
    /// The day tuning closed, when that is before the scenario starts.
    pub training_closed: Option<Date>,
    /// The provider's minimum examples and the entry that sets it.
    pub provider_minimum: Option<(u64, String)>,
    /// Whether the prompting side reads its prompt from a cache.
    pub prompting_caches: bool,
    pub prompting_cost_per_call: Decimal,
    pub tuned_cost_per_call: Decimal,
    pub call_savings_month_1: Decimal,
    /// Fixed monthly costs tuning adds (hosting).
    pub extra_fixed_per_month: Decimal,
    /// Labelled examples; a rule compares their rounded value.
    pub examples: Decimal,
    pub tokens_saved_per_call: Option<Decimal>,
    pub retrain_every_months: Option<u32>,
    pub horizon_months: u32,
    pub net_at_horizon: Decimal,
    pub decision: &'a Decision,
    pub searched_months: u32,
    /// With ranges: the share of samples paying back within the window (0 to 1).
    pub chance: Option<f64>,
}

/// The verdict on cost alone, the final verdict, and the reasons for both.
pub fn decide(f: &Facts) -> (Verdict, Verdict, Vec<Reason>) {
    let d = f.decision;
    let mut reasons = Vec::new();
    // Nothing else matters if the provider no longer takes the job: say so first.
    if let Some(date) = f.training_closed {
        reasons.push(Reason::TrainingClosed { date });
    }
    // With ranges the chance decides; the medians' payback is given as context.
    if let (Some(chance), None) = (f.chance, f.training_closed) {
        reasons.push(Reason::ChanceWithinWindow {
            chance,
            confidence: d.confidence,
            window: f.window,
        });
    }
    let chance_ok = f
        .chance
        .map(|p| Decimal::from_f64_retain(p).is_some_and(|p| p >= d.confidence));
    let cost_ok = match f.payback_months {
        // No job can be run: no payback to speak of.
        _ if f.training_closed.is_some() => false,
        Some(months) if chance_ok.is_some() => {
            reasons.push(if months <= f.window.months {
                Reason::PaysBackWithinWindow {
                    months,
                    window: f.window,
                }
            } else {
                Reason::PaysBackAfterWindow {
                    months,
                    window: f.window,
                }
            });
            chance_ok.unwrap_or(false)
        }
        None if chance_ok.is_some() => {
            reasons.push(why_never(f));
            chance_ok.unwrap_or(false)
        }
        Some(months) if months <= f.window.months => {
            reasons.push(Reason::PaysBackWithinWindow {
                months,
                window: f.window,
            });
            true
        }
        Some(months) => {
            reasons.push(Reason::PaysBackAfterWindow {
                months,
                window: f.window,
            });
            false
        }
        None => {
            reasons.push(why_never(f));
            false
        }
    };
    let examples = f.examples.round();
    let below_provider = f
        .provider_minimum
        .as_ref()
        .filter(|(min, _)| examples < Decimal::from(*min));
    if let Some((min, entry)) = below_provider {
        reasons.push(Reason::BelowProviderMinimum {
            examples,
            min: *min,
            entry: entry.clone(),
        });
    }
    let too_few = examples < Decimal::from(d.min_examples);
    if too_few && below_provider.is_none() {
        reasons.push(Reason::TooFewExamples {
            examples,
            min: d.min_examples,
        });
    }
    if !d.task_is_stable {
        reasons.push(Reason::TaskNotStable);
    }
    let blocked =
        too_few || !d.task_is_stable || f.training_closed.is_some() || below_provider.is_some();
    let cost_verdict = if cost_ok {
        Verdict::Tune
    } else {
        Verdict::StayWithPrompting
    };
    let verdict = if cost_ok && !blocked {
        Verdict::Tune
    } else if d.needs_consistency && !blocked {
        reasons.push(Reason::ConsistencyWorthPaying);
        Verdict::TuneForConsistency
    } else {
        if d.needs_consistency {
            reasons.push(Reason::ConsistencyBlocked);
        }
        Verdict::StayWithPrompting
    };
    if d.needs_low_latency {
        reasons.push(match f.tokens_saved_per_call {
            Some(tokens) if tokens > Decimal::ZERO => Reason::ShorterPromptIsFaster { tokens },
            tokens => Reason::NoLatencyGain { tokens },
        });
    }
    reasons.push(Reason::NetAtHorizon {
        months: f.horizon_months,
        net: f.net_at_horizon,
        serving: f
            .retirement
            .map(|(_, left)| left)
            .filter(|left| *left > Decimal::ZERO && *left < Decimal::from(f.horizon_months)),
    });
    (cost_verdict, verdict, reasons)
}

/// Why there is no payback at all.
fn why_never(f: &Facts) -> Reason {
    if let Some((date, left)) = f.retirement {
        if left <= Decimal::ZERO {
            return Reason::RetiredBeforeStart { date };
        }
        if let Some(months) = f.payback_before_retrain_rule.filter(|m| *m > left) {
            return Reason::RetiresBeforePayback {
                payback_months: months,
                date,
                months_left: left,
            };
        }
    }
    match (f.payback_before_retrain_rule, f.retrain_every_months) {
        (Some(months), Some(every)) => Reason::PaybackBeyondRetrain { months, every },
        _ if f.prompting_caches && f.tuned_cost_per_call >= f.prompting_cost_per_call => {
            Reason::CachedPromptCheaper {
                prompting: f.prompting_cost_per_call,
                tuned: f.tuned_cost_per_call,
            }
        }
        _ if f.tuned_cost_per_call == f.prompting_cost_per_call => Reason::TunedCallSamePrice {
            cost: f.tuned_cost_per_call,
        },
        _ if f.tuned_cost_per_call > f.prompting_cost_per_call => Reason::TunedCallDearer {
            prompting: f.prompting_cost_per_call,
            tuned: f.tuned_cost_per_call,
        },
        _ if f.extra_fixed_per_month > Decimal::ZERO
            && f.call_savings_month_1 <= f.extra_fixed_per_month =>
        {
            Reason::FixedCostsExceedSavings {
                call_savings: f.call_savings_month_1,
                fixed: f.extra_fixed_per_month,
            }
        }
        _ => Reason::NeverPaysBack {
            searched_months: f.searched_months,
        },
    }
}
