//! The few figures every what-if needs, for any inputs and any number type: the cash-flow
//! model, payback (with the retraining rule) and net savings at the horizon. The evaluation,
//! the tornado, solve, sweep, curves and Monte Carlo samples all go through here, so a figure
//! is computed one way only.

use super::costs::{costs, Costs};
use super::figure::{op, Figure};
use super::flows::{Flows, Prices};
use super::payback::{payback, Crossing};
use super::scalar::Scalar;
use crate::scenario::Inputs;

/// The cash-flow model of some inputs, with the costs it was built from.
pub fn model<S: Scalar>(i: &Inputs<S>) -> Result<(Costs<S>, Flows<S>), Figure> {
    let c = costs(i)?;
    let flows = Flows {
        calls: i.usage.calls_per_month,
        growth: i.usage.monthly_growth,
        cap: i.usage.max_calls_per_month,
        prices: Prices {
            prompting_per_call: c.prompting_per_call,
            tuned_per_call: c.tuned_per_call,
            prompting_fixed: S::ZERO,
            tuned_fixed: c.hosting_per_month,
        },
        upfront: c.upfront,
    };
    Ok((c, flows))
}

/// Payback and net savings at the horizon, with the costs and flows they came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome<S> {
    pub costs: Costs<S>,
    pub flows: Flows<S>,
    /// Where savings cover the up-front cost, before the retraining rule.
    pub crossing: Option<Crossing<S>>,
    /// Months to payback, `None` when never or longer than the retraining interval.
    pub payback_months: Option<S>,
    /// Σ monthly savings over the horizon (jobs not included).
    pub savings_over_horizon: S,
    /// Σ savings over the horizon − up-front cost − retraining jobs.
    pub net_at_horizon: S,
}

/// The outcome of a model over `horizon_months`.
pub fn outcome<S: Scalar>(i: &Inputs<S>, horizon_months: u32) -> Result<Outcome<S>, Figure> {
    let (c, flows) = model(i)?;
    let crossing = payback(&flows)?;
    let retrain = i.training.retrain_every_months;
    let payback_months = crossing
        .map(|x| x.months)
        .filter(|p| retrain.is_none_or(|r| *p <= S::from_u64(u64::from(r))));
    let horizon = flows.totals(S::from_u64(u64::from(horizon_months)))?;
    let h = Figure::Cumulative;
    let jobs_again = op(
        c.training
            .checked_mul(S::from_u64(u64::from(retrains_in(horizon_months, retrain)))),
        h,
    )?;
    let net_at_horizon = op(
        op(horizon.savings.checked_sub(c.upfront), h)?.checked_sub(jobs_again),
        h,
    )?;
    Ok(Outcome {
        costs: c,
        flows,
        crossing,
        payback_months,
        savings_over_horizon: horizon.savings,
        net_at_horizon,
    })
}

/// Retraining jobs paid before the horizon: at months R, 2R, … below `horizon_months`.
pub fn retrains_in(horizon_months: u32, retrain_every_months: Option<u32>) -> u32 {
    retrain_every_months.map_or(0, |r| horizon_months.saturating_sub(1) / r)
}
