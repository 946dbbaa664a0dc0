//! What the samples say: percentiles, the three chances, and which input drives the answer.

use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use std::sync::Arc;

use super::{Samples, Settings};
use crate::engine::Case;
use crate::scenario::Key;
use crate::stats;

/// Percentiles and the mean of one figure over the samples. A percentile that never pays back
/// is `None` ("never"); the mean is `None` when any sample never pays back.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Spread {
    pub p5: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub p95: Option<f64>,
    pub mean: Option<f64>,
}

/// How much one uncertain input moves the answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Driver {
    pub key: Key,
    /// Spearman's rank correlation with payback months ("never" ranks last), or with net
    /// savings when no sample pays back.
    pub rank_correlation: f64,
    /// Spearman's rank correlation with net savings at the horizon.
    pub rank_correlation_net: f64,
    /// `rank_correlation²`, normalised to 1 across the inputs.
    pub share_of_variance: f64,
}

/// The figure the sensitivity ranks inputs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    PaybackMonths,
    /// When no sample pays back.
    NetSavings,
}

/// A scenario's uncertainty: the estimates every output shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    pub samples: u32,
    pub seed: u64,
    pub payback_months: Spread,
    pub net_savings_at_horizon: Spread,
    pub break_even_calls: Spread,
    pub savings_per_month: Spread,
    /// Share of samples paying back within the target window (a payback equal to it counts).
    pub p_payback_within_target: f64,
    /// Share never paying back (within 1200 months, the retraining interval, or before the
    /// tuned model stops).
    pub p_never: f64,
    /// Share with net savings at the horizon above 0.
    pub p_net_positive: f64,
    /// The window the chance is measured against, in months.
    pub window_months: f64,
    /// Inputs by their share of the variance, largest first; `None` when not asked for.
    pub sensitivity: Option<Vec<Driver>>,
    pub measured: Measured,
    /// Every sample, for charts and `--samples-out`.
    pub data: Arc<Samples>,
}

impl Uncertainty {
    /// The input with the largest share of the variance, if the sensitivity was computed.
    pub fn main_driver(&self) -> Option<&Driver> {
        self.sensitivity.as_ref().and_then(|s| s.first())
    }
}

/// The `q` quantiles of `values` (type 7), by selection rather than a full sort.
fn quantiles(values: &[f64], qs: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n == 0 {
        return vec![f64::NAN; qs.len()];
    }
    let mut v = values.to_vec();
    qs.iter()
        .map(|q| {
            let h = (n - 1) as f64 * q;
            let lo = h.floor() as usize;
            let (_, a, rest) = v.select_nth_unstable_by(lo, f64::total_cmp);
            let a = *a;
            let frac = h - lo as f64;
            if frac == 0.0 || rest.is_empty() {
                return a;
            }
            let b = rest.iter().copied().fold(f64::INFINITY, f64::min);
            if !a.is_finite() || !b.is_finite() {
                return b.max(a);
            }
            a + frac * (b - a)
        })
        .collect()
}

fn spread(values: &[f64]) -> Spread {
    let q = quantiles(values, &[0.05, 0.25, 0.5, 0.75, 0.95]);
    let finite = |x: f64| x.is_finite().then_some(x);
    let all_finite = values.iter().all(|x| x.is_finite());
    Spread {
        p5: finite(q[0]),
        p25: finite(q[1]),
        p50: finite(q[2]),
        p75: finite(q[3]),
        p95: finite(q[4]),
        mean: all_finite.then(|| values.iter().sum::<f64>() / values.len().max(1) as f64),
    }
}

fn share(values: &[f64], keep: impl Fn(f64) -> bool + Sync) -> f64 {
    values.iter().filter(|v| keep(**v)).count() as f64 / values.len().max(1) as f64
}

/// Summarises the samples of `case`.
pub fn summarise(case: &Case, settings: &Settings, data: Arc<Samples>) -> Uncertainty {
    let window = case.eval.window.months.to_f64().unwrap_or(0.0);
    let d = &data;
    let spreads: Vec<Spread> = [
        &d.payback_months,
        &d.net_savings_at_horizon,
        &d.break_even_calls,
        &d.savings_per_month,
    ]
    .into_par_iter()
    .map(|v| spread(v))
    .collect();
    let p_never = share(&d.payback_months, |p| p.is_infinite());
    let measured = if p_never >= 1.0 {
        Measured::NetSavings
    } else {
        Measured::PaybackMonths
    };
    let sensitivity = (settings.sensitivity && !d.inputs.is_empty()).then(|| drivers(d, measured));
    Uncertainty {
        samples: settings.samples,
        seed: settings.seed,
        payback_months: spreads[0],
        net_savings_at_horizon: spreads[1],
        break_even_calls: spreads[2],
        savings_per_month: spreads[3],
        p_payback_within_target: share(&d.payback_months, |p| p <= window),
        p_never,
        p_net_positive: share(&d.net_savings_at_horizon, |n| n > 0.0),
        window_months: window,
        sensitivity,
        measured,
        data,
    }
}

/// Spearman's rank correlation of each input with the figures, and its share of variance.
fn drivers(d: &Samples, measured: Measured) -> Vec<Driver> {
    let (payback, net) = rayon::join(
        || stats::ranks(&d.payback_months),
        || stats::ranks(&d.net_savings_at_horizon),
    );
    let mut out: Vec<Driver> = d
        .inputs
        .par_iter()
        .zip(d.keys.par_iter())
        .map(|(col, key)| {
            let r = stats::ranks(col);
            let with_net = stats::correlation(&r, &net);
            let with_payback = stats::correlation(&r, &payback);
            Driver {
                key: *key,
                rank_correlation: match measured {
                    Measured::PaybackMonths => with_payback,
                    Measured::NetSavings => with_net,
                },
                rank_correlation_net: with_net,
                share_of_variance: 0.0,
            }
        })
        .collect();
    let total: f64 = out.iter().map(|x| x.rank_correlation.powi(2)).sum();
    for x in &mut out {
        x.share_of_variance = if total > 0.0 {
            x.rank_correlation.powi(2) / total
        } else {
            0.0
        };
    }
    // Largest share first; ties in file order.
    out.sort_by(|a, b| b.share_of_variance.total_cmp(&a.share_of_variance));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_selection_match_a_sort() {
        let v: Vec<f64> = (0..1001).map(|i| ((i * 7919) % 1001) as f64).collect();
        let mut sorted = v.clone();
        sorted.sort_by(f64::total_cmp);
        for q in [0.05, 0.25, 0.5, 0.75, 0.95, 0.333] {
            assert_eq!(
                quantiles(&v, &[q])[0],
                stats::quantile_of_sorted(&sorted, q)
            );
        }
        let with_never = [1.0, 2.0, f64::INFINITY, f64::INFINITY];
        let s = spread(&with_never);
        assert_eq!(s.p5, Some(1.15));
        assert_eq!(s.p95, None, "a percentile that never pays back");
        assert_eq!(s.mean, None);
    }
}
