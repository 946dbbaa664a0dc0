//! Monte Carlo: what a scenario's uncertain inputs mean for its answer.
//!
//! Each sample draws every uncertain input (reordered by rank when `[correlations]` asks for
//! it), puts the draws into the scenario's inputs in `f64`, and runs the engine's own formulas
//! ([`outcome`]: closed forms, a root-finder where fees need one, never a month-by-month scan):
//! payback, net savings at the horizon, break-even calls, savings in month 1. The exact point
//! figures stay with the evaluation; these are estimates, shown to three significant digits.
//!
//! Samples are split into fixed chunks, each with its own seeded stream ([`draw::Stream`]), and
//! evaluated in parallel; results are combined in chunk order, so the same file, sample count
//! and seed give the same numbers on any machine and any number of threads.

pub mod correlate;
pub mod draw;
pub mod fan;
pub mod fast;
pub mod histogram;
pub mod summary;

use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::engine::outcome::{model, outcome, Schedule};
use crate::engine::Case;
use crate::scenario::uncertain::UncertainInput;
use crate::scenario::{CallPrice, Inputs, Key};
use draw::{Sampler, Stream};

pub use summary::{Driver, Spread, Uncertainty};

/// Samples when `--samples` is not given.
pub const DEFAULT_SAMPLES: u32 = 100_000;
/// The seed when `--seed` is not given.
pub const DEFAULT_SEED: u64 = 1;
/// The most samples accepted (memory grows with them: about 50 bytes each).
pub const MAX_SAMPLES: u32 = 10_000_000;
/// Samples per chunk: each chunk has its own stream.
const CHUNK: usize = 2048;

/// How many samples, from which seed, whether to rank the inputs by their effect (the
/// sensitivity needs every sample sorted once per input; a table does not show it), and
/// whether to keep the draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub samples: u32,
    pub seed: u64,
    pub sensitivity: bool,
    /// Keep every sample's draws (for the sensitivity, the fan chart, `--samples-out`).
    pub keep_inputs: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
            sensitivity: true,
            keep_inputs: true,
        }
    }
}

/// Every sample: the uncertain inputs' draws and the figures they gave.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Samples {
    /// The uncertain inputs, in the scenario's order; `inputs[i]` holds input i's draws.
    pub keys: Vec<Key>,
    pub inputs: Vec<Vec<f64>>,
    /// Months; +∞ when the sample never pays back.
    pub payback_months: Vec<f64>,
    /// Currency units.
    pub net_savings_at_horizon: Vec<f64>,
    /// Calls served until payback; +∞ when never.
    pub break_even_calls: Vec<f64>,
    /// Savings in month 1 (fixed costs included), currency units.
    pub savings_per_month: Vec<f64>,
}

impl Samples {
    pub fn len(&self) -> usize {
        self.payback_months.len()
    }

    pub fn is_empty(&self) -> bool {
        self.payback_months.is_empty()
    }
}

/// The scenario in `f64`, ready to take one sample's draws.
pub struct Model<'a> {
    base: Inputs<f64>,
    schedule: Schedule<f64>,
    horizon: u32,
    uncertain: &'a [UncertainInput],
}

fn f(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

impl<'a> Model<'a> {
    pub fn new(case: &'a Case) -> Model<'a> {
        let s = &case.scenario;
        Model {
            base: s.inputs.map(f),
            schedule: s.schedule.map(|v| f(*v)),
            horizon: s.decision.horizon_months,
            uncertain: &s.uncertain,
        }
    }

    /// The inputs of one sample: the base with each uncertain input replaced by its draw.
    pub fn inputs(&self, draws: &[f64]) -> Inputs<f64> {
        let mut i = self.base.clone();
        for (u, v) in self.uncertain.iter().zip(draws) {
            if let Some(slot) = i.get_mut(u.key) {
                *slot = *v;
            }
        }
        // Cached tokens are part of the input tokens: a draw of more is held to them.
        for side in [&mut i.prompting, &mut i.tuned] {
            if let CallPrice::Tokens(t) = side {
                if let Some(c) = t.cached_input_tokens.as_mut() {
                    *c = c.min(t.input_tokens);
                }
            }
        }
        i
    }

    /// The schedule of price changes and the tuned model's end, in `f64`.
    pub fn schedule(&self) -> &Schedule<f64> {
        &self.schedule
    }

    /// One sample's figures: (payback, net at the horizon, break-even calls, month-1 savings):
    /// by the closed forms of [`fast`] when the model allows, else by the engine.
    pub fn figures(&self, draws: &[f64]) -> [f64; 4] {
        let inputs = self.inputs(draws);
        if let Ok((costs, flows)) = model(&inputs, &self.schedule) {
            let retrain = inputs.training.retrain_every_months;
            if let Some(x) = fast::figures(&costs, &flows, self.horizon, retrain) {
                return x;
            }
        }
        self.engine_figures(&inputs)
    }

    /// The same figures by the engine's general path.
    pub fn engine_figures(&self, inputs: &Inputs<f64>) -> [f64; 4] {
        match outcome(inputs, &self.schedule, self.horizon) {
            Ok(o) => {
                let payback = o.payback_months.unwrap_or(f64::INFINITY);
                let calls = match (o.payback_months, o.crossing) {
                    (Some(_), Some(x)) => x.calls,
                    _ => f64::INFINITY,
                };
                let month_1 = o.flows.totals(1.0).map_or(f64::NAN, |t| t.savings);
                [payback, o.net_at_horizon, calls, month_1]
            }
            // Only a draw beyond any sensible size reaches here: it pays back never.
            Err(_) => [f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NAN],
        }
    }
}

/// An input's sampler and the bounds its draws are held to, in `f64`.
struct Drawer {
    sampler: Sampler,
    floor: f64,
    ceiling: f64,
}

impl Drawer {
    fn of(u: &UncertainInput) -> Drawer {
        Drawer {
            sampler: Sampler::of(&u.dist),
            floor: u.floor.map_or(f64::NEG_INFINITY, f),
            ceiling: u.ceiling.map_or(f64::INFINITY, f),
        }
    }

    fn draw(&self, s: &mut Stream) -> f64 {
        self.sampler.draw(s).clamp(self.floor, self.ceiling)
    }
}

/// Draws every sample's uncertain inputs (one column per input), reordered to the scenario's
/// correlations.
pub fn draw_inputs(case: &Case, settings: &Settings) -> Vec<Vec<f64>> {
    let uncertain = &case.scenario.uncertain;
    let drawers: Vec<Drawer> = uncertain.iter().map(Drawer::of).collect();
    let n = settings.samples as usize;
    let k = drawers.len();
    // Each chunk draws its samples in order (sample j's inputs in the scenario's order) straight
    // into its slice of every column.
    let mut columns: Vec<Vec<f64>> = (0..k).map(|_| vec![0.0; n]).collect();
    let mut parts: Vec<Vec<&mut [f64]>> = (0..n.div_ceil(CHUNK)).map(|_| Vec::new()).collect();
    for col in &mut columns {
        for (part, slice) in parts.iter_mut().zip(col.chunks_mut(CHUNK)) {
            part.push(slice);
        }
    }
    parts
        .into_par_iter()
        .enumerate()
        .for_each(|(c, mut slices)| {
            let mut s = Stream::new(settings.seed, 0, c as u64);
            let len = slices.first().map_or(0, |x| x.len());
            for i in 0..len {
                for (d, slice) in drawers.iter().zip(slices.iter_mut()) {
                    slice[i] = d.draw(&mut s);
                }
            }
        });
    let correlations = &case.scenario.correlations;
    if !correlations.is_empty() {
        let keys: Vec<Key> = uncertain.iter().map(|u| u.key).collect();
        let mut target = vec![0.0; k * k];
        for i in 0..k {
            target[i * k + i] = 1.0;
        }
        for c in correlations {
            if let (Some(i), Some(j)) = (
                keys.iter().position(|x| *x == c.a),
                keys.iter().position(|x| *x == c.b),
            ) {
                let r = f(c.rank_correlation);
                target[i * k + j] = r;
                target[j * k + i] = r;
            }
        }
        // Validation checked that the matrix is possible.
        let _ = correlate::reorder(&mut columns, &target, settings.seed);
    }
    columns
}

/// Runs the samples. `progress`, when given, counts samples done (for a progress bar).
///
/// Without correlations each chunk draws its inputs and evaluates them at once, and keeps the
/// draws only when `settings.keep_inputs` asks (memory then holds just the four figures per
/// sample); with correlations every draw is made first, reordered by rank, then evaluated.
pub fn simulate(case: &Case, settings: &Settings, progress: Option<&AtomicUsize>) -> Samples {
    let model = Model::new(case);
    let n = settings.samples as usize;
    let uncertain = &case.scenario.uncertain;
    let k = uncertain.len();
    let drawn_first = !case.scenario.correlations.is_empty();
    let drawn: Vec<Vec<f64>> = if drawn_first {
        draw_inputs(case, settings)
    } else {
        Vec::new()
    };
    let mut kept: Vec<Vec<f64>> = if !drawn_first && settings.keep_inputs {
        (0..k).map(|_| vec![0.0; n]).collect()
    } else {
        Vec::new()
    };
    let drawers: Vec<Drawer> = uncertain.iter().map(Drawer::of).collect();
    let mut samples = Samples {
        keys: uncertain.iter().map(|u| u.key).collect(),
        inputs: Vec::new(),
        payback_months: vec![0.0; n],
        net_savings_at_horizon: vec![0.0; n],
        break_even_calls: vec![0.0; n],
        savings_per_month: vec![0.0; n],
    };
    // Where each chunk keeps its draws (when drawing as it goes and keeping them).
    let mut keep: Vec<Vec<&mut [f64]>> = (0..n.div_ceil(CHUNK)).map(|_| Vec::new()).collect();
    for col in &mut kept {
        for (part, slice) in keep.iter_mut().zip(col.chunks_mut(CHUNK)) {
            part.push(slice);
        }
    }
    samples
        .payback_months
        .par_chunks_mut(CHUNK)
        .zip(samples.net_savings_at_horizon.par_chunks_mut(CHUNK))
        .zip(samples.break_even_calls.par_chunks_mut(CHUNK))
        .zip(samples.savings_per_month.par_chunks_mut(CHUNK))
        .zip(keep.into_par_iter())
        .enumerate()
        .for_each(|(c, ((((payback, net), calls), month), mut slices))| {
            let start = c * CHUNK;
            let mut stream = Stream::new(settings.seed, 0, c as u64);
            let mut draws = vec![0.0; k];
            for i in 0..payback.len() {
                if drawn_first {
                    for (d, col) in draws.iter_mut().zip(&drawn) {
                        *d = col[start + i];
                    }
                } else {
                    // The same order as `draw_inputs`: sample by sample, inputs in file order.
                    for (d, drawer) in draws.iter_mut().zip(&drawers) {
                        *d = drawer.draw(&mut stream);
                    }
                    for (slice, d) in slices.iter_mut().zip(&draws) {
                        slice[i] = *d;
                    }
                }
                let [p, n, b, m] = model.figures(&draws);
                payback[i] = p;
                net[i] = n;
                calls[i] = b;
                month[i] = m;
            }
            if let Some(p) = progress {
                p.fetch_add(payback.len(), Ordering::Relaxed);
            }
        });
    samples.inputs = if drawn_first { drawn } else { kept };
    samples
}

/// Simulates an uncertain case and summarises it; `None` for a case without ranges.
pub fn assess(
    case: &Case,
    settings: &Settings,
    progress: Option<&AtomicUsize>,
) -> Option<Uncertainty> {
    if case.scenario.uncertain.is_empty() {
        return None;
    }
    let samples = Arc::new(simulate(case, settings, progress));
    Some(summary::summarise(case, settings, samples))
}
