//! Evaluation: from a validated [`Scenario`] to every figure, the monthly series and the
//! verdict. Nothing here formats text; nothing elsewhere redoes these sums.
//!
//! All amounts are exact decimals in the scenario's currency; rounding happens only when a
//! renderer displays them.

pub mod cashflow;
pub mod checked;
pub mod costs;
pub mod payback;
pub mod verdict;
pub mod whatif;

use rust_decimal::Decimal;

pub use cashflow::{Flows, Month};
pub use payback::Payback;
pub use verdict::{Reason, Verdict};

use crate::error::Error;
use crate::money::ceil_count;
use crate::scenario::{Scenario, MAX_MONTHS};
use checked::Checked;

/// Every figure tunecalc reports for one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub scenario: Scenario,
    /// The worked-out inputs of the monthly cash flows.
    pub flows: Flows,
    /// One tuning job as worked out from its price form, before the minimum charge.
    pub training_cost_before_minimum: Decimal,
    /// One tuning job as billed: `max(price form, minimum_charge)`.
    pub training_cost: Decimal,
    /// Training tokens of one job (examples × tokens × epochs), when priced by tokens.
    pub training_tokens: Option<u128>,
    /// Training plus setup, paid at month 0.
    pub upfront_cost: Decimal,
    /// Currency units per call.
    pub prompting_cost_per_call: Decimal,
    /// Currency units per call.
    pub tuned_cost_per_call: Decimal,
    /// `prompting_cost_per_call − tuned_cost_per_call`; negative when tuning costs more.
    pub savings_per_call: Decimal,
    /// Prompting tokens − tuned tokens per call, when both sides are priced by tokens.
    pub tokens_saved_per_call: Option<i128>,
    /// Currency units per month (hourly fees × 730).
    pub hosting_per_month: Decimal,
    /// Month 1: calls × prompting cost per call.
    pub prompting_cost_per_month: Decimal,
    /// Month 1: calls × tuned cost per call + hosting.
    pub tuned_cost_per_month: Decimal,
    /// Month 1: prompting − tuned.
    pub savings_per_month: Decimal,
    /// The raw payback search result, before the retraining rule.
    pub payback: Payback,
    /// Months until cumulative savings cover the up-front cost; `None` if never, or if
    /// longer than the retraining interval (each job must pay for itself).
    pub payback_months: Option<Decimal>,
    /// Ceiling of `payback_months`.
    pub payback_months_rounded_up: Option<u128>,
    /// Calls served until payback, rounded up to a whole call.
    pub break_even_calls: Option<u128>,
    /// Months the target allows: the target, or the retraining interval if shorter.
    pub target_window_months: Decimal,
    /// Constant monthly volume that pays back within the window, rounded up.
    pub calls_per_month_for_target: Option<u128>,
    pub horizon_months: u32,
    /// Tuning jobs paid after the first, before the horizon (at months R, 2R, …).
    pub retrains_in_horizon: u32,
    /// Σ savings over the horizon − upfront − training × retrains.
    pub net_savings_at_horizon: Decimal,
    /// Months 1 to the horizon.
    pub months: Vec<Month>,
    /// What cost alone says (tune or stay with prompting).
    pub cost_verdict: Verdict,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
}

impl Evaluation {
    /// Months 1 to `months` of the cash-flow series (the evaluation holds the horizon's);
    /// charts use it to extend past the horizon.
    pub fn series(&self, months: u32) -> Result<Vec<Month>, Error> {
        if months as usize <= self.months.len() {
            return Ok(self.months[..months as usize].to_vec());
        }
        cashflow::series(
            Checked {
                file: &self.scenario.file,
            },
            &self.flows,
            months,
        )
    }
}

/// Computes every figure for one scenario. Fails only when a figure leaves the range of an
/// exact decimal; the error names the figure and the file.
pub fn evaluate(scenario: &Scenario) -> Result<Evaluation, Error> {
    let c = Checked {
        file: &scenario.file,
    };
    let training = costs::training_cost(c, &scenario.training)?;
    let upfront_cost = c.add(
        training.billed,
        scenario.training.setup_cost,
        "the up-front cost (training + setup_cost)",
    )?;
    let prompting_cost_per_call = costs::cost_per_call(c, &scenario.prompting, "prompting")?;
    let tuned_cost_per_call = costs::cost_per_call(c, &scenario.tuned, "tuned")?;
    let savings_per_call = c.sub(
        prompting_cost_per_call,
        tuned_cost_per_call,
        "the savings per call",
    )?;
    let hosting_per_month = costs::hosting_per_month(c, scenario.hosting)?;
    let flows = Flows {
        calls_per_month: scenario.usage.calls_per_month,
        monthly_growth: scenario.usage.monthly_growth,
        prompting_cost_per_call,
        tuned_cost_per_call,
        hosting_per_month,
        upfront_cost,
        training_cost: training.billed,
        retrain_every_months: scenario.training.retrain_every_months,
    };
    let horizon_months = scenario.decision.horizon_months;
    let months = cashflow::series(c, &flows, horizon_months)?;
    let first = months
        .first()
        .cloned()
        .ok_or_else(|| Error::Usage("the horizon must be at least one month".into()))?;
    let last = months.last().cloned().unwrap_or_else(|| first.clone());

    let payback = payback::payback(c, &flows)?;
    let retrain = scenario.training.retrain_every_months;
    let (payback_months, payback_calls) = match &payback {
        Payback::At { months, calls, .. }
            if retrain.is_none_or(|r| *months <= Decimal::from(r)) =>
        {
            (Some(*months), Some(*calls))
        }
        _ => (None, None),
    };
    let target = scenario.decision.target_payback_months;
    let target_window_months = match retrain {
        Some(r) if Decimal::from(r) < target => Decimal::from(r),
        _ => target,
    };
    let calls_per_month_for_target =
        payback::calls_per_month_for(c, &flows, target_window_months)?.and_then(ceil_count);
    let net_savings_at_horizon = last.net();

    let facts = verdict::Facts {
        payback_months,
        payback_before_retrain_rule: match &payback {
            Payback::At { months, .. } => Some(*months),
            _ => None,
        },
        prompting_cost_per_call,
        tuned_cost_per_call,
        call_savings_month_1: c.mul(first.calls, savings_per_call, "the monthly savings")?,
        hosting_per_month,
        examples: scenario.training.examples,
        retrain_every_months: retrain,
        horizon_months,
        net_at_horizon: net_savings_at_horizon,
        decision: scenario.decision.clone(),
        searched_months: MAX_MONTHS,
    };
    let (cost_verdict, verdict, reasons) = verdict::decide(&facts);

    Ok(Evaluation {
        scenario: scenario.clone(),
        flows,
        training_cost_before_minimum: training.before_minimum,
        training_cost: training.billed,
        training_tokens: costs::training_tokens(&scenario.training),
        upfront_cost,
        prompting_cost_per_call,
        tuned_cost_per_call,
        savings_per_call,
        tokens_saved_per_call: costs::tokens_saved_per_call(&scenario.prompting, &scenario.tuned),
        hosting_per_month,
        prompting_cost_per_month: first.prompting_cost,
        tuned_cost_per_month: first.tuned_cost,
        savings_per_month: first.savings,
        payback,
        payback_months,
        payback_months_rounded_up: payback_months.and_then(ceil_count),
        break_even_calls: payback_calls.and_then(ceil_count),
        target_window_months,
        calls_per_month_for_target,
        horizon_months,
        retrains_in_horizon: last.retrains,
        net_savings_at_horizon,
        months,
        cost_verdict,
        verdict,
        reasons,
    })
}

/// Evaluates every scenario, in order.
pub fn evaluate_all(scenarios: &[Scenario]) -> Result<Vec<Evaluation>, Error> {
    scenarios.iter().map(evaluate).collect()
}
