//! The decision table: tune, stay with prompting, or tune for consistency, and why.
//!
//! Reasons are data; the words live in `render::reasons` so evaluation never formats.

use rust_decimal::Decimal;
use serde::Serialize;

/// What tunecalc recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Pays back within the target and nothing blocks it.
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

/// One reason behind a verdict, with the figures it rests on (currency units and months).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Pays back in `months`, within the target.
    PaysBackWithinTarget { months: Decimal, target: Decimal },
    /// Pays back in `months`, beyond the target.
    PaysBackAfterTarget { months: Decimal, target: Decimal },
    /// A tuned call costs `tuned` ≥ `prompting` per call.
    TunedCallNotCheaper { prompting: Decimal, tuned: Decimal },
    /// Hosting (`hosting` a month) eats the call savings (`call_savings` a month in month 1).
    HostingExceedsSavings {
        call_savings: Decimal,
        hosting: Decimal,
    },
    /// Not paid back within the search limit (months).
    NeverPaysBack { searched_months: u32 },
    /// Pays back in `months`, after the model must be retrained every `every` months.
    PaybackBeyondRetrain { months: Decimal, every: u32 },
    /// `examples` < `min` labelled examples.
    TooFewExamples { examples: u64, min: u64 },
    /// The task is still being changed.
    TaskNotStable,
    /// Consistency is worth paying for, so tuning is recommended despite the cost case.
    ConsistencyWorthPaying,
    /// Consistency was asked for but a blocking rule stands.
    ConsistencyBlocked,
    /// Net savings (negative: net cost) of tuning over the horizon.
    NetAtHorizon { months: u32, net: Decimal },
}

/// The facts the decision table reads.
pub struct Facts {
    pub payback_months: Option<Decimal>,
    /// Payback ignoring the retraining rule, to explain why it was refused.
    pub payback_before_retrain_rule: Option<Decimal>,
    pub prompting_cost_per_call: Decimal,
    pub tuned_cost_per_call: Decimal,
    pub call_savings_month_1: Decimal,
    pub hosting_per_month: Decimal,
    pub examples: u64,
    pub retrain_every_months: Option<u32>,
    pub horizon_months: u32,
    pub net_at_horizon: Decimal,
    pub decision: crate::scenario::Decision,
    pub searched_months: u32,
}

/// The verdict on cost alone, the final verdict, and the reasons for both.
pub fn decide(f: &Facts) -> (Verdict, Verdict, Vec<Reason>) {
    let d = &f.decision;
    let mut reasons = Vec::new();
    let target = d.target_payback_months;
    let cost_ok = match f.payback_months {
        Some(months) if months <= target => {
            reasons.push(Reason::PaysBackWithinTarget { months, target });
            true
        }
        Some(months) => {
            reasons.push(Reason::PaysBackAfterTarget { months, target });
            false
        }
        None => {
            reasons.push(
                match (f.payback_before_retrain_rule, f.retrain_every_months) {
                    (Some(months), Some(every)) => Reason::PaybackBeyondRetrain { months, every },
                    _ if f.tuned_cost_per_call >= f.prompting_cost_per_call => {
                        Reason::TunedCallNotCheaper {
                            prompting: f.prompting_cost_per_call,
                            tuned: f.tuned_cost_per_call,
                        }
                    }
                    _ if f.hosting_per_month > Decimal::ZERO
                        && f.call_savings_month_1 <= f.hosting_per_month =>
                    {
                        Reason::HostingExceedsSavings {
                            call_savings: f.call_savings_month_1,
                            hosting: f.hosting_per_month,
                        }
                    }
                    _ => Reason::NeverPaysBack {
                        searched_months: f.searched_months,
                    },
                },
            );
            false
        }
    };
    let too_few = f.examples < d.min_examples;
    if too_few {
        reasons.push(Reason::TooFewExamples {
            examples: f.examples,
            min: d.min_examples,
        });
    }
    if !d.task_is_stable {
        reasons.push(Reason::TaskNotStable);
    }
    let blocked = too_few || !d.task_is_stable;
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
    reasons.push(Reason::NetAtHorizon {
        months: f.horizon_months,
        net: f.net_at_horizon,
    });
    (cost_verdict, verdict, reasons)
}
