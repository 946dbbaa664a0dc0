//! The fan chart's bands: cumulative net savings of tuning, month by month, across samples.
//!
//! Month m's net is what tuning has saved by then less the up-front cost and the retraining
//! jobs paid so far: at the horizon it is each sample's net savings at the horizon. Each month
//! gets the 5th, 25th, 50th, 75th and 95th percentiles over the samples.

use rayon::prelude::*;

use super::{Model, Uncertainty};
use crate::engine::outcome::{model, retrains_in};
use crate::engine::Case;

/// At most this many values are held at once (f32, about 100 MB): past it every k-th sample
/// is used.
const MAX_VALUES: usize = 25_000_000;
/// At most this many months are drawn; longer horizons are thinned evenly.
const MAX_POINTS: u32 = 120;

/// Percentile bands of cumulative net savings, one value per month in `months`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    pub months: Vec<u32>,
    pub p5: Vec<f64>,
    pub p25: Vec<f64>,
    pub p50: Vec<f64>,
    pub p75: Vec<f64>,
    pub p95: Vec<f64>,
    /// Samples the bands were computed from (every sample unless there were very many).
    pub samples_used: usize,
}

/// The bands for an uncertain case.
pub fn fan(case: &Case, u: &Uncertainty) -> Fan {
    let h = case.scenario.decision.horizon_months;
    let step = h.div_ceil(MAX_POINTS).max(1);
    let mut months: Vec<u32> = (0..=h).step_by(step as usize).collect();
    if months.last() != Some(&h) {
        months.push(h);
    }
    let d = &u.data;
    let n = d.len();
    let stride = (n * months.len()).div_ceil(MAX_VALUES).max(1);
    let picked: Vec<usize> = (0..n).step_by(stride).collect();
    let m = Model::new(case);
    let retrain = case.scenario.inputs.training.retrain_every_months;
    let end = m.schedule().end;
    // One row of months per sample, computed in parallel, in sample order.
    let rows: Vec<Vec<f32>> = picked
        .par_iter()
        .map(|&i| {
            let draws: Vec<f64> = d.inputs.iter().map(|col| col[i]).collect();
            let inputs = m.inputs(&draws);
            match model(&inputs, m.schedule()) {
                Ok((costs, flows)) => months
                    .iter()
                    .map(|&month| {
                        let saved = flows
                            .totals(f64::from(month))
                            .map_or(f64::NEG_INFINITY, |t| t.savings);
                        let jobs = f64::from(retrains_in(month, retrain, end));
                        (saved - costs.upfront - costs.training * jobs) as f32
                    })
                    .collect(),
                Err(_) => vec![f32::NEG_INFINITY; months.len()],
            }
        })
        .collect();
    let bands: Vec<[f64; 5]> = (0..months.len())
        .into_par_iter()
        .map(|j| {
            let mut column: Vec<f64> = rows.iter().map(|r| f64::from(r[j])).collect();
            column.sort_unstable_by(f64::total_cmp);
            [0.05, 0.25, 0.5, 0.75, 0.95].map(|q| crate::stats::quantile_of_sorted(&column, q))
        })
        .collect();
    Fan {
        p5: bands.iter().map(|b| b[0]).collect(),
        p25: bands.iter().map(|b| b[1]).collect(),
        p50: bands.iter().map(|b| b[2]).collect(),
        p75: bands.iter().map(|b| b[3]).collect(),
        p95: bands.iter().map(|b| b[4]).collect(),
        months,
        samples_used: picked.len(),
    }
}
