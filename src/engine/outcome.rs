//! The few figures every what-if needs, for any inputs and any number type: the cash-flow
//! model, payback (with the retraining rule and the model's end) and net savings at the
//! horizon. The evaluation, the tornado, solve, sweep, curves and Monte Carlo samples all go
//! through here, so a figure is computed one way only.

use super::costs::{costs, Costs};
use super::figure::{op, Figure};
use super::flows::{Flows, Prices, MAX_CHANGES};
use super::payback::{payback, Crossing};
use super::scalar::Scalar;
use crate::scenario::{Epochs, Inputs, Key, TrainingPrice};

/// When prices change and when the tuned model stops, in months from the scenario's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule<S> {
    /// (month from which it applies, input, new value), in month order.
    pub changes: Vec<(u32, Key, S)>,
    /// Months (fractional) until the tuned model stops serving.
    pub end: Option<S>,
}

impl<S> Schedule<S> {
    /// The same schedule with every value converted (decimals to `f64` for samples and maps).
    pub fn map<U>(&self, f: impl Fn(&S) -> U) -> Schedule<U> {
        Schedule {
            changes: self
                .changes
                .iter()
                .map(|(m, k, v)| (*m, *k, f(v)))
                .collect(),
            end: self.end.as_ref().map(f),
        }
    }
}

impl<S> Default for Schedule<S> {
    fn default() -> Self {
        Schedule {
            changes: Vec::new(),
            end: None,
        }
    }
}

fn prices_of<S: Scalar>(c: &Costs<S>) -> Result<Prices<S>, Figure> {
    Ok(Prices {
        prompting_per_call: c.prompting_per_call,
        tuned_per_call: c.tuned_per_call,
        prompting_fixed: c.prompting_fixed(),
        tuned_fixed: c.tuned_fixed()?,
    })
}

/// The cash-flow model of some inputs, with the costs of month 1 it was built from.
pub fn model<S: Scalar>(
    i: &Inputs<S>,
    schedule: &Schedule<S>,
) -> Result<(Costs<S>, Flows<S>), Figure> {
    let ruled;
    let i = match rederived_epochs(i) {
        Some(r) => {
            ruled = r;
            &ruled
        }
        None => i,
    };
    let c = costs(i)?;
    let mut flows = Flows::new(
        i.usage.calls_per_month,
        i.usage.monthly_growth,
        i.usage.max_calls_per_month,
        prices_of(&c)?,
        c.upfront,
    );
    flows.end = schedule.end;
    // Each month with a change gets the prices of every change up to it.
    let mut months: Vec<u32> = schedule
        .changes
        .iter()
        .map(|(m, _, _)| *m)
        .filter(|m| *m > 1)
        .collect();
    months.dedup();
    if months.len() > MAX_CHANGES {
        return Err(Figure::MonthlyCost);
    }
    for (slot, month) in months.iter().enumerate() {
        let mut changed = i.clone();
        for (from, key, value) in &schedule.changes {
            if from <= month {
                if let Some(v) = changed.get_mut(*key) {
                    *v = *value;
                }
            }
        }
        flows.changes[slot] = (*month, prices_of(&costs(&changed)?)?);
        flows.n_changes = slot + 1;
    }
    Ok((c, flows))
}

/// Payback and net savings at the horizon, with the costs and flows they came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome<S> {
    pub costs: Costs<S>,
    pub flows: Flows<S>,
    /// Where savings cover the up-front cost, before the retraining rule and the model's end.
    pub crossing: Option<Crossing<S>>,
    /// Months to payback, `None` when never, longer than the retraining interval, or after
    /// the tuned model stops.
    pub payback_months: Option<S>,
    /// Σ monthly savings over the horizon (jobs not included; nothing after the model stops).
    pub savings_over_horizon: S,
    /// Σ savings over the horizon − up-front cost − retraining jobs.
    pub net_at_horizon: S,
}

impl<S: Scalar> Schedule<S> {
    /// Moves the dated changes of `key` for a month-1 value of `to` instead of `from`, in
    /// proportion (a price that doubles in January still doubles), so the value as written
    /// gives the scenario itself and a varied value means the month-1 value, later ones
    /// following. From 0 the changes shift by `to` instead.
    pub fn follow(&mut self, key: Key, from: S, to: S) {
        if from == to {
            return;
        }
        for (_, k, v) in &mut self.changes {
            if *k == key {
                let moved = if from == S::ZERO {
                    v.checked_add(to)
                } else {
                    v.checked_mul(to).and_then(|x| x.checked_div(from))
                };
                *v = moved.unwrap_or(*v);
            }
        }
    }
}

/// The provider's epochs rule applied to the examples as they are now. Solve, sweeps, what-if
/// and samples vary the examples, and the number of epochs follows them as the provider's job
/// would (OpenAI's automatic rule: 5 epochs at 20 examples, 3 at 1,000, 2 at 10,000); the rule
/// compares the rounded count. `None` when the scenario wrote its epochs or nothing changes.
fn rederived_epochs<S: Scalar>(i: &Inputs<S>) -> Option<Inputs<S>> {
    let TrainingPrice::PerToken {
        epochs: Epochs {
            count,
            rule: Some(rule),
        },
        ..
    } = &i.training.price
    else {
        return None;
    };
    let n = i.training.examples.to_f64().round().max(1.0);
    let n = if n < 1e18 { n as u64 } else { u64::MAX };
    let wanted = rule.epochs_for(n);
    if wanted == *count {
        return None;
    }
    let mut out = i.clone();
    if let TrainingPrice::PerToken { epochs, .. } = &mut out.training.price {
        epochs.count = wanted;
    }
    Some(out)
}

/// The outcome of a model over `horizon_months`.
pub fn outcome<S: Scalar>(
    i: &Inputs<S>,
    schedule: &Schedule<S>,
    horizon_months: u32,
) -> Result<Outcome<S>, Figure> {
    let (c, flows) = model(i, schedule)?;
    let crossing = payback(&flows)?;
    let retrain = i.training.retrain_every_months;
    let payback_months = crossing
        .map(|x| x.months)
        .filter(|p| retrain.is_none_or(|r| *p <= S::from_u64(u64::from(r))))
        .filter(|p| schedule.end.is_none_or(|end| *p <= end));
    let horizon = flows.totals(S::from_u64(u64::from(horizon_months)))?;
    let h = Figure::Cumulative;
    let jobs = retrains_in(horizon_months, retrain, schedule.end.map(|e| e.to_f64()));
    let jobs_again = op(c.training.checked_mul(S::from_u64(u64::from(jobs))), h)?;
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

/// Retraining jobs paid before the horizon (and before the tuned model stops): at months R,
/// 2R, … below `horizon_months`.
pub fn retrains_in(
    horizon_months: u32,
    retrain_every_months: Option<u32>,
    end: Option<f64>,
) -> u32 {
    let Some(r) = retrain_every_months else {
        return 0;
    };
    let in_horizon = horizon_months.saturating_sub(1) / r;
    match end {
        // Jobs at R, 2R, … strictly before the end.
        Some(end) if end.is_finite() => {
            let before_end = ((end / f64::from(r)).ceil() as i64 - 1).max(0) as u32;
            in_horizon.min(before_end)
        }
        _ => in_horizon,
    }
}
