//! What-if: the scenario with one input moved, and the tornado of how payback (or net
//! savings) responds when each input moves by ±swing with the others fixed.

use rust_decimal::Decimal;

use crate::engine::outcome::outcome;
use crate::engine::Case;
use crate::scenario::{Inputs, Key};

/// What the tornado measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Payback in months (lower is better).
    PaybackMonths,
    /// Net savings at the horizon, in currency units (higher is better); used when the
    /// scenario does not pay back at all.
    NetSavingsAtHorizon,
}

/// One input's effect: the metric with the input at (1 − swing) and at (1 + swing).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub key: Key,
    /// `None`: never pays back.
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
}

impl Bar {
    /// How far the ends lie from the base case; `None` (infinite) when one end never pays back.
    pub fn spread(&self, base: Decimal) -> Option<Decimal> {
        match (self.low, self.high) {
            (Some(l), Some(h)) => Some((l - base).abs().max((h - base).abs())),
            _ => None,
        }
    }
}

/// A tornado: the metric at the base case and each input's swing, biggest effect first.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    pub metric: Metric,
    pub base: Decimal,
    /// The swing as a fraction: 0.2 for ±20 %.
    pub swing: Decimal,
    pub bars: Vec<Bar>,
}

/// The inputs with `key` multiplied by `factor`; `None` when the scenario does not use the
/// key or the product leaves a decimal's range.
pub fn scaled(inputs: &Inputs<Decimal>, key: Key, factor: Decimal) -> Option<Inputs<Decimal>> {
    let mut out = inputs.clone();
    let value = out.get_mut(key)?;
    *value = value.checked_mul(factor)?;
    Some(out)
}

/// Varies each input by ±`swing` (a fraction between 0 and 1) and measures the effect on
/// payback, or on net savings at the horizon when the scenario never pays back. Inputs that
/// move nothing, and variations that leave a decimal's range, are left out.
pub fn tornado(case: &Case, swing: Decimal) -> Tornado {
    let e = &case.eval;
    let (metric, base) = match e.payback_months {
        Some(p) => (Metric::PaybackMonths, p),
        None => (Metric::NetSavingsAtHorizon, e.net_savings_at_horizon),
    };
    let inputs = &case.scenario.inputs;
    let horizon = case.scenario.decision.horizon_months;
    let measure = |key: Key, factor: Decimal| -> Option<Option<Decimal>> {
        let varied = scaled(inputs, key, factor)?;
        let (from, to) = (*inputs.get(key)?, *varied.get(key)?);
        let mut schedule = case.scenario.schedule.clone();
        schedule.follow(key, from, to);
        let o = outcome(&varied, &schedule, horizon).ok()?;
        Some(match metric {
            Metric::PaybackMonths => o.payback_months,
            Metric::NetSavingsAtHorizon => Some(o.net_at_horizon),
        })
    };
    let mut bars: Vec<Bar> = inputs
        .keys()
        .into_iter()
        .filter_map(|key| {
            let low = measure(key, Decimal::ONE - swing)?;
            let high = measure(key, Decimal::ONE + swing)?;
            let moves = low != Some(base) || high != Some(base);
            moves.then_some(Bar { key, low, high })
        })
        .collect();
    // Biggest effect first; an end that never pays back is the biggest effect of all.
    bars.sort_by(|a, b| match (a.spread(base), b.spread(base)) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    });
    Tornado {
        metric,
        base,
        swing,
        bars,
    }
}
