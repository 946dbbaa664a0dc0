//! Evaluation: from a validated [`Scenario`] to every figure and the verdict. Nothing here
//! formats text; nothing outside `engine` and `analysis` computes a figure.
//!
//! The formulas are written once, generic over [`Scalar`]: exact decimals give the figures a
//! user reads; `f64` gives samples and chart curves. Every total is a closed form over a few
//! pieces of months ([`flows`]); payback and the volume target search those closed forms
//! ([`payback`], [`target`]). All amounts are in the scenario's currency; rounding happens
//! only when a figure is displayed.

pub mod costs;
pub mod figure;
pub mod flows;
pub mod outcome;
pub mod payback;
pub mod scalar;
pub mod target;
pub mod verdict;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub use costs::TokenTerms;
pub use figure::Figure;
pub use flows::{Flows, Prices, Totals};
pub use payback::Crossing;
pub use scalar::Scalar;
pub use verdict::{Reason, Verdict, Warning, Window, WindowLimit};

use crate::error::Error;
use crate::scenario::{Scenario, MAX_MONTHS};
use figure::op;

/// A scenario and its evaluation, as every output receives them.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub scenario: Scenario,
    pub eval: Evaluation,
    /// What the scenario's ranges mean for the answer (Monte Carlo); `None` for a scenario
    /// without ranges, or before it is assessed.
    pub uncertainty: Option<crate::analysis::montecarlo::Uncertainty>,
    /// What each input would have to be for tuning to pay back within the window (explain
    /// and reports show them); empty until solved.
    pub solutions: Vec<crate::analysis::solve::Solution>,
}

impl Case {
    /// An evaluated scenario not yet assessed for uncertainty.
    pub fn new(scenario: Scenario, eval: Evaluation) -> Case {
        Case {
            scenario,
            eval,
            uncertainty: None,
            solutions: Vec::new(),
        }
    }
}

/// Every figure tunecalc reports for one scenario (currency units unless noted).
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The cash-flow model the figures come from (analysis builds curves on it).
    pub flows: Flows<Decimal>,
    /// One tuning job as worked out from its price form, before the minimum charge.
    pub training_cost_before_minimum: Decimal,
    /// One tuning job as billed: `max(price form, minimum_charge)`.
    pub training_cost: Decimal,
    /// Billed training tokens of one job (examples × tokens × epochs), when priced by tokens.
    pub training_tokens: Option<Decimal>,
    /// `training_cost × runs + setup`, paid at month 0.
    pub upfront_cost: Decimal,
    /// Per call.
    pub prompting_cost_per_call: Decimal,
    /// Per call.
    pub tuned_cost_per_call: Decimal,
    /// `prompting_cost_per_call − tuned_cost_per_call`; negative when tuning costs more.
    pub savings_per_call: Decimal,
    /// Tokens per call on each side, when both are priced by tokens.
    pub tokens_per_call: Option<(Decimal, Decimal)>,
    /// The terms of each side's call price when priced by tokens, inherited values filled in
    /// (prompting, tuned).
    pub token_terms: (Option<TokenTerms<Decimal>>, Option<TokenTerms<Decimal>>),
    /// Prompting tokens − tuned tokens per call, when both sides are priced by tokens.
    pub tokens_saved_per_call: Option<Decimal>,
    /// Per month (hourly fees × hours).
    pub hosting_per_month: Decimal,
    /// Per month: the provider's storage fee for the tuned model.
    pub storage_per_month: Decimal,
    /// Per month: explicit prompt-cache storage (prompting, tuned).
    pub cache_storage_per_month: (Decimal, Decimal),
    /// Per month: fixed costs tuning adds (tuned fixed − prompting fixed), month 1.
    pub extra_fixed_per_month: Decimal,
    /// Calls in month 1, after the cap.
    pub calls_in_month_1: Decimal,
    /// Month 1: calls × savings per call, before fixed fees.
    pub call_savings_per_month: Decimal,
    /// Month 1, with that side's fixed costs.
    pub prompting_cost_per_month: Decimal,
    /// Month 1, with hosting.
    pub tuned_cost_per_month: Decimal,
    /// Month 1 served in full: call savings − the fixed costs tuning adds. The same as
    /// `savings_per_month` unless the tuned model serves only part of month 1 (it retires) or
    /// none of it (no job can be run); explain's month sum shows this one.
    pub savings_per_full_month: Decimal,
    /// Month 1: prompting − tuned.
    pub savings_per_month: Decimal,
    /// Where cumulative savings first cover the up-front cost, before the retraining rule.
    pub crossing: Option<Crossing<Decimal>>,
    /// Months until cumulative savings cover the up-front cost; `None` if never, or longer
    /// than the retraining interval (each job must pay for itself).
    pub payback_months: Option<Decimal>,
    /// Ceiling of `payback_months`.
    pub payback_months_rounded_up: Option<u128>,
    /// Calls served until payback, rounded up to a whole call.
    pub break_even_calls: Option<u128>,
    /// The months tuning must pay back within, and why.
    pub window: Window,
    /// The smallest month-1 volume that pays back within the window, rounded up.
    pub calls_per_month_for_target: Option<u128>,
    pub horizon_months: u32,
    /// Months of the horizon in which tuning saves: all of them, or until the tuned model
    /// retires.
    pub months_saving: Decimal,
    /// Tuning jobs paid after the first round, before the horizon (at months R, 2R, …).
    pub retrains_in_horizon: u32,
    /// Σ monthly savings over the horizon (jobs not included).
    pub savings_over_horizon: Decimal,
    /// `savings_over_horizon − upfront − training_cost × retrains`.
    pub net_savings_at_horizon: Decimal,
    /// What cost alone says (tune or stay with prompting).
    pub cost_verdict: Verdict,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub warnings: Vec<Warning>,
}

/// Rounds a non-negative figure up to a whole count.
fn ceil_count(v: Decimal) -> Option<u128> {
    v.ceil().to_u128()
}

/// Calls served until payback, rounded up to a whole call. The figure is first rounded to
/// twelve decimal places: a division in the 28th significant digit must not turn exactly
/// 37,000,000 calls into 37,000,001.
fn whole_calls(calls: Decimal) -> Option<u128> {
    ceil_count(
        calls.round_dp_with_strategy(12, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
    )
}

/// Computes every figure for one scenario. Fails only when a figure leaves the range of an
/// exact decimal; the error names the input that drove it, with its line, and the fix.
pub fn evaluate(scenario: &Scenario) -> Result<Evaluation, Error> {
    figures(scenario).map_err(|figure| figure.overflow(scenario))
}

/// Evaluates every scenario, in order, on every core.
pub fn evaluate_all(scenarios: Vec<Scenario>) -> Result<Vec<Case>, Error> {
    use rayon::prelude::*;
    scenarios
        .into_par_iter()
        .map(|scenario| {
            let eval = evaluate(&scenario)?;
            Ok(Case::new(scenario, eval))
        })
        .collect()
}

fn figures(s: &Scenario) -> Result<Evaluation, Figure> {
    let i = &s.inputs;
    let horizon_months = s.decision.horizon_months;
    let outcome = outcome::outcome(i, &s.schedule, horizon_months)?;
    let (c, flows) = (outcome.costs, outcome.flows);
    let m = Figure::MonthlyCost;
    let savings_per_call = flows.prices.savings_per_call()?;
    let month_1 = flows.totals(Decimal::ONE)?;
    let call_savings_per_month = op(month_1.calls.checked_mul(savings_per_call), m)?;
    let extra_fixed = flows.prices.extra_fixed()?;

    let crossing = outcome.crossing;
    let payback_months = outcome.payback_months;
    let break_even_calls = crossing
        .filter(|_| payback_months.is_some())
        .and_then(|x| whole_calls(x.calls));
    let retrain = i.training.retrain_every_months;
    let training_closed = s
        .models
        .tuned
        .as_ref()
        .and_then(|e| e.training_closes)
        .filter(|closes| s.start > *closes);
    // With no job possible there is no tuned model to retire.
    let retirement = s
        .models
        .tuned
        .as_ref()
        .and_then(|e| e.retirement_date)
        .zip(s.schedule.end)
        .filter(|_| training_closed.is_none());
    let window = Window::new(
        s.decision.target_payback_months,
        retrain,
        retirement,
        training_closed,
    );
    // A job the provider no longer takes cannot pay back at any volume.
    let calls_per_month_for_target = match training_closed {
        Some(_) => None,
        None => target::calls_for_window(&flows, window.months)?.and_then(ceil_count),
    };

    let end = s.schedule.end.map(Scalar::to_f64);
    let retrains_in_horizon = outcome::retrains_in(horizon_months, retrain, end);
    let net_savings_at_horizon = outcome.net_at_horizon;
    let tokens_saved_per_call = match c.tokens {
        Some((p, t)) => Some(op(p.checked_sub(t), m)?),
        None => None,
    };

    let mut warnings = warnings(&flows, payback_months, crossing)?;
    warnings.extend(catalog_warnings(s));
    warnings.extend(range_warnings(s));

    let e = Evaluation {
        flows,
        training_cost_before_minimum: c.training_before_minimum,
        training_cost: c.training,
        training_tokens: c.training_tokens,
        upfront_cost: c.upfront,
        prompting_cost_per_call: c.prompting_per_call,
        tuned_cost_per_call: c.tuned_per_call,
        savings_per_call,
        tokens_per_call: c.tokens,
        token_terms: (
            costs::token_terms(i, crate::scenario::Side::Prompting),
            costs::token_terms(i, crate::scenario::Side::Tuned),
        ),
        tokens_saved_per_call,
        hosting_per_month: c.hosting_per_month,
        storage_per_month: c.storage_per_month,
        cache_storage_per_month: c.cache_storage_per_month,
        extra_fixed_per_month: extra_fixed,
        savings_per_full_month: op(call_savings_per_month.checked_sub(extra_fixed), m)?,
        calls_in_month_1: month_1.calls,
        call_savings_per_month,
        prompting_cost_per_month: month_1.prompting,
        tuned_cost_per_month: month_1.tuned,
        savings_per_month: month_1.savings,
        crossing,
        payback_months,
        payback_months_rounded_up: payback_months.and_then(ceil_count),
        break_even_calls,
        window,
        calls_per_month_for_target,
        horizon_months,
        months_saving: s.schedule.end.map_or(Decimal::from(horizon_months), |end| {
            end.min(Decimal::from(horizon_months)).max(Decimal::ZERO)
        }),
        retrains_in_horizon,
        savings_over_horizon: outcome.savings_over_horizon,
        net_savings_at_horizon,
        cost_verdict: Verdict::StayWithPrompting,
        verdict: Verdict::StayWithPrompting,
        reasons: Vec::new(),
        warnings,
    };
    let (cost_verdict, verdict, reasons) = verdict::decide(&facts(s, &e, None));
    Ok(Evaluation {
        cost_verdict,
        verdict,
        reasons,
        ..e
    })
}

/// What the decision table reads, from a scenario and its figures; `chance` is the share of
/// Monte Carlo samples paying back within the window, for a scenario with ranges.
fn facts<'a>(s: &'a Scenario, e: &Evaluation, chance: Option<f64>) -> verdict::Facts<'a> {
    let tuned_entry = s.models.tuned.as_ref();
    let training_closed = match e.window.limit {
        verdict::WindowLimit::TrainingClosed { date } => Some(date),
        _ => None,
    };
    verdict::Facts {
        payback_months: e.payback_months,
        payback_before_retrain_rule: e.crossing.map(|x| x.months),
        window: e.window,
        retirement: tuned_entry
            .and_then(|t| t.retirement_date)
            .zip(s.schedule.end)
            .filter(|_| training_closed.is_none()),
        training_closed,
        provider_minimum: tuned_entry.and_then(|t| t.min_examples.map(|m| (m, t.id.clone()))),
        prompting_caches: e
            .token_terms
            .0
            .is_some_and(|t| t.cached_input_tokens > Decimal::ZERO),
        prompting_cost_per_call: e.prompting_cost_per_call,
        tuned_cost_per_call: e.tuned_cost_per_call,
        call_savings_month_1: e.call_savings_per_month,
        extra_fixed_per_month: e.extra_fixed_per_month,
        examples: s.inputs.training.examples,
        tokens_saved_per_call: e.tokens_saved_per_call,
        retrain_every_months: s.inputs.training.retrain_every_months,
        horizon_months: e.horizon_months,
        net_at_horizon: e.net_savings_at_horizon,
        decision: &s.decision,
        searched_months: MAX_MONTHS,
        chance,
    }
}

/// Decides again with the chance of paying back within the window that the Monte Carlo
/// samples gave (`chance`, 0 to 1): for a scenario with ranges, tuning needs that chance to
/// reach the scenario's `confidence`. The figures stay those of the medians.
pub fn decide_with_chance(s: &Scenario, e: &mut Evaluation, chance: f64, samples: u32) {
    let (cost_verdict, verdict, reasons) = verdict::decide(&facts(s, e, Some(chance)));
    e.cost_verdict = cost_verdict;
    e.verdict = verdict;
    e.reasons = reasons;
    /// Below this many samples the chance moves by whole percents from one seed to the next.
    const FEW_SAMPLES: u32 = 1000;
    if samples < FEW_SAMPLES {
        e.warnings.push(Warning::FewSamples { samples });
    }
    let confidence = Scalar::to_f64(s.decision.confidence);
    let standard_error = (chance * (1.0 - chance) / f64::from(samples.max(1))).sqrt();
    if (chance - confidence).abs() < 2.0 * standard_error {
        e.warnings.push(Warning::ChanceNearConfidence {
            chance,
            confidence: s.decision.confidence,
            samples,
        });
    }
}

/// Warnings about the ranges themselves: examples drawn below the minimum to tune.
fn range_warnings(s: &Scenario) -> Vec<Warning> {
    s.uncertain
        .iter()
        .filter(|u| u.key == crate::scenario::Key::TrainingExamples)
        .filter_map(|u| {
            let min = s.decision.min_examples;
            let share = u.dist.share_below(Decimal::from(min));
            (share > 0.001).then_some(Warning::ExamplesBelowMinimum { share, min })
        })
        .collect()
}

/// Warnings about the catalog entries a scenario uses: a retired model, prices checked long
/// before the evaluation date, fields whose source is weak, retraining after tuning closes.
fn catalog_warnings(s: &Scenario) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut entries: Vec<&crate::catalog::Entry> = s
        .models
        .tuned
        .iter()
        .chain(s.models.prompting.iter())
        .collect();
    entries.dedup_by(|a, b| a.id == b.id);
    for e in &entries {
        let age = e.checked.days_until(s.date);
        if age > i64::from(s.stale_days) {
            out.push(Warning::StalePrices {
                entry: e.id.clone(),
                checked: e.checked,
                days: age,
            });
        }
    }
    if let Some(e) = &s.models.tuned {
        if let Some(retired) = e.retirement_date.filter(|r| *r <= s.date) {
            out.push(Warning::RetiredModel {
                entry: e.id.clone(),
                date: retired,
            });
        }
        if let (Some(closes), Some(until)) =
            (e.training_closes, e.training_closes_existing_customers)
        {
            if s.start > closes && s.start <= until {
                out.push(Warning::ExistingCustomersMayTrain {
                    entry: e.id.clone(),
                    closes,
                    until,
                });
            }
        }
        let horizon = s.decision.horizon_months;
        if let (Some(date), Some(end)) = (e.retirement_date, s.schedule.end) {
            if end > Decimal::ZERO && end < Decimal::from(horizon) {
                out.push(Warning::RetiresWithinHorizon {
                    entry: e.id.clone(),
                    date,
                    months: end,
                    horizon,
                });
            }
        }
        if let Some(limit) = e.max_concurrent_jobs.filter(|l| *l > 0) {
            let runs = s.inputs.training.runs;
            if runs > limit {
                out.push(Warning::RunsQueue {
                    entry: e.id.clone(),
                    runs,
                    limit,
                    waves: runs.div_ceil(limit),
                });
            }
        }
        if let (Some(closes), Some(every)) =
            (e.training_closes, s.inputs.training.retrain_every_months)
        {
            // Retraining jobs fall at the start of months R + 1, 2R + 1, …: those the horizon
            // counts (before the tuned model stops) and the provider would refuse.
            let end = s.schedule.end;
            let refused: Vec<crate::date::Date> = (1..)
                .map(|k: u32| k.saturating_mul(every))
                .take_while(|m| *m < s.decision.horizon_months)
                .take_while(|m| end.is_none_or(|end| Decimal::from(*m) < end))
                .map(|m| s.start.add_months(i64::from(m)))
                .filter(|job| *job > closes)
                .collect();
            if let (Some(first_job), true) = (refused.first(), s.start <= closes) {
                out.push(Warning::RetrainAfterTrainingCloses {
                    entry: e.id.clone(),
                    closes,
                    first_job: *first_job,
                    jobs: u32::try_from(refused.len()).unwrap_or(u32::MAX),
                });
            }
        }
    }
    for key in &s.placeholders {
        if let Some(value) = s.inputs.get(*key) {
            out.push(Warning::Placeholder {
                input: *key,
                value: *value,
            });
        }
    }
    for e in &entries {
        let fields: Vec<String> = s
            .sources
            .iter()
            .filter(|(_, src)| src.uncertain && src.entry == e.id)
            .map(|(field, _)| field.clone())
            .collect();
        if !fields.is_empty() {
            out.push(Warning::UncertainPrices {
                entry: e.id.clone(),
                fields,
            });
        }
    }
    out
}

/// Warnings that do not change the verdict: a payback that relies on compound growth
/// continuing for more than [`verdict::GROWTH_WARNING_MONTHS`] months.
fn warnings(
    flows: &Flows<Decimal>,
    payback_months: Option<Decimal>,
    crossing: Option<Crossing<Decimal>>,
) -> Result<Vec<Warning>, Figure> {
    let mut out = Vec::new();
    if let (Some(p), Some(x)) = (payback_months, crossing) {
        if flows.growth > Decimal::ZERO {
            // Growth lasts until the payback month, or until the cap stops it.
            let pieces = flows.pieces()?;
            let growing_until = pieces
                .iter()
                .find(|piece| piece.ratio > Decimal::ONE)
                .map_or(0, |piece| piece.end);
            let months = growing_until.min(x.month).saturating_sub(1);
            if months > verdict::GROWTH_WARNING_MONTHS {
                out.push(Warning::ReliesOnGrowth {
                    payback_months: p,
                    growth: flows.growth,
                    months,
                });
            }
        }
    }
    Ok(out)
}
