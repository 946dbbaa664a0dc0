//! Sweep: the figures over a grid of one or two inputs, every point an exact evaluation of the
//! scenario with those inputs set (DESIGN.md, Analysis).
//!
//! Grid values are decimals: evenly spaced (`LOW..HIGH:STEPS`) or evenly spaced on a log scale
//! (`:log`, computed in `f64` and rounded to four significant digits, so each value shown is the
//! value evaluated). Points are evaluated on every core and kept in grid order (the first
//! input's values outermost), so the output does not depend on the number of threads.

use rayon::prelude::*;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use crate::engine::{evaluate, Case, Verdict};
use crate::error::Error;
use crate::scenario::Key;

/// At most this many values along one input.
pub const MAX_STEPS: u32 = 1000;
/// At most this many points in a sweep.
pub const MAX_POINTS: usize = 250_000;

/// One input to vary: from `low` to `high` in `steps` values, evenly or on a log scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vary {
    pub key: Key,
    pub low: Decimal,
    pub high: Decimal,
    pub steps: u32,
    pub log: bool,
}

impl Vary {
    /// The grid values, `low` and `high` included.
    pub fn values(&self) -> Vec<Decimal> {
        let n = self.steps.max(2);
        let last = Decimal::from(n - 1);
        (0..n)
            .map(|i| {
                if i == 0 {
                    return self.low;
                }
                if i == n - 1 {
                    return self.high;
                }
                if self.log {
                    let (lo, hi) = (
                        self.low.to_f64().unwrap_or(1.0),
                        self.high.to_f64().unwrap_or(1.0),
                    );
                    let v = lo * (hi / lo).powf(f64::from(i) / f64::from(n - 1));
                    Decimal::from_f64(v)
                        .map_or(self.low, |d| round_significant(d, 4))
                        .clamp(self.low, self.high)
                } else {
                    let step = (self.high - self.low) / last;
                    let v = round_significant(self.low + step * Decimal::from(i), 12);
                    // Calls and examples come whole.
                    if matches!(self.key, Key::CallsPerMonth | Key::TrainingExamples) {
                        v.round()
                    } else {
                        v
                    }
                }
            })
            .collect()
    }
}

/// `value` to `digits` significant digits (half away from zero).
fn round_significant(value: Decimal, digits: u32) -> Decimal {
    if value.is_zero() {
        return value;
    }
    let magnitude = value.abs().to_f64().map_or(0, |v| v.log10().floor() as i64);
    let places = (i64::from(digits) - 1 - magnitude).clamp(0, 28) as u32;
    value
        .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The figures at one point of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The varied inputs' values, in the order of [`Sweep::vary`].
    pub values: Vec<Decimal>,
    /// `None`: never pays back (in time for retraining or before the model retires).
    pub payback_months: Option<Decimal>,
    pub net_savings_at_horizon: Decimal,
    pub verdict: Verdict,
}

/// A finished sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub vary: Vec<Vary>,
    /// Each varied input's grid values, in the order of `vary`.
    pub axes: Vec<Vec<Decimal>>,
    /// Row-major: the first input's values outermost.
    pub points: Vec<Point>,
    /// The window payback is judged against, in months (the scenario's).
    pub window_months: Decimal,
}

/// A point of the grid that could not be evaluated: the values given there (in the order of
/// `vary`) and why, so the error can blame the values asked for, not the file's line.
#[derive(Debug)]
pub struct Failure {
    pub values: Vec<Decimal>,
    pub error: Error,
}

/// Evaluates `case`'s scenario at every point of the grid of `vary` (one or two inputs).
pub fn sweep(case: &Case, vary: &[Vary]) -> Result<Sweep, Failure> {
    let axes: Vec<Vec<Decimal>> = vary.iter().map(Vary::values).collect();
    let grid: Vec<Vec<Decimal>> = match axes.as_slice() {
        [a] => a.iter().map(|v| vec![*v]).collect(),
        [a, b] => a
            .iter()
            .flat_map(|x| b.iter().map(move |y| vec![*x, *y]))
            .collect::<Vec<_>>(),
        _ => {
            return Err(Failure {
                values: Vec::new(),
                error: Error::Usage("vary one or two inputs".into()),
            })
        }
    };
    let points = grid
        .into_par_iter()
        .map(|values| {
            let mut scenario = case.scenario.clone();
            for (v, value) in vary.iter().zip(&values) {
                if let Some(slot) = scenario.inputs.get_mut(v.key) {
                    scenario.schedule.follow(v.key, *slot, *value);
                    *slot = *value;
                }
            }
            let e = match evaluate(&scenario) {
                Ok(e) => e,
                Err(error) => return Err(Failure { values, error }),
            };
            Ok(Point {
                values,
                payback_months: e.payback_months,
                net_savings_at_horizon: e.net_savings_at_horizon,
                verdict: e.verdict,
            })
        })
        .collect::<Result<Vec<Point>, Failure>>()?;
    Ok(Sweep {
        vary: vary.to_vec(),
        axes,
        points,
        window_months: case.eval.window.months,
    })
}
