//! The decision map: over two inputs, where tuning pays back within the window, within the
//! horizon, or never; the line where payback equals the window; and the scenario's own point.
//!
//! Default axes: monthly calls (log) across, and up the tokens each call saves when both sides
//! are priced by tokens (moving the long prompt's length), else the prompting price per 1,000
//! calls, else the setup cost. Regions are a grid of cells evaluated in `f64` with the engine's
//! formulas; the line is exact: for each of its x values the scenario is evaluated with that
//! value and the y input solved for payback = window ([`super::solve`]), so at the scenario's
//! own x it passes through the value `tunecalc solve` gives.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use super::solve::{solve, Direction};
use crate::engine::outcome::outcome;
use crate::engine::{evaluate, Case};
use crate::error::Error;
use crate::scenario::inputs::Side;
use crate::scenario::{Inputs, Key};

/// Cells across and up.
const CELLS: (usize, usize) = (96, 64);
/// Points of the exact payback-equals-window line.
const LINE_POINTS: usize = 48;

/// What an axis varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Along {
    /// An input, by key.
    Input(Key),
    /// Tokens saved per call, by lengthening or shortening the long prompt.
    TokensSaved,
}

/// One axis: what it varies, its range, and whether it is logarithmic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub along: Along,
    pub lo: f64,
    pub hi: f64,
    pub log: bool,
}

impl Axis {
    /// The value at fraction `t` (0 to 1) of the axis.
    pub fn at(&self, t: f64) -> f64 {
        if self.log {
            (self.lo.ln() + (self.hi.ln() - self.lo.ln()) * t).exp()
        } else {
            self.lo + (self.hi - self.lo) * t
        }
    }
}

/// What a cell's scenario does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Pays back within the window.
    InWindow,
    /// Pays back after the window, within the horizon.
    InHorizon,
    /// Does not pay back within the horizon (or at all).
    Never,
}

/// The finished map.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionMap {
    pub x: Axis,
    pub y: Axis,
    /// `CELLS.0 × CELLS.1` cells, rows from the bottom (low y) up, each row from low x.
    pub cells: Vec<Region>,
    pub columns: usize,
    pub rows: usize,
    /// Where payback equals the window, in order of x (breaks where no y value works).
    pub line: Vec<Option<(f64, f64)>>,
    /// The scenario itself.
    pub point: (f64, f64),
    /// Which side of the line pays back in time: more of y (`AtLeast`) or less.
    pub better: Option<Direction>,
}

/// The axes a map of `case` uses by default, or those asked for.
pub fn axes(case: &Case, x: Option<Key>, y: Option<Key>) -> Result<(Along, Along), Error> {
    let i = &case.scenario.inputs;
    let used = |k: Key| i.get(k).is_some();
    let x = x.unwrap_or(Key::CallsPerMonth);
    let y = match y {
        Some(k) => Along::Input(k),
        None if case.eval.tokens_saved_per_call.is_some()
            && used(Key::InputTokens(Side::Prompting)) =>
        {
            Along::TokensSaved
        }
        None if used(Key::PricePer1kCalls(Side::Prompting)) => {
            Along::Input(Key::PricePer1kCalls(Side::Prompting))
        }
        None => Along::Input(Key::TrainingSetupCost),
    };
    for along in [Along::Input(x), y] {
        if let Along::Input(k) = along {
            if !used(k) {
                return Err(Error::Usage(crate::present::words::unused_input(
                    &case.scenario.file,
                    k,
                )));
            }
        }
    }
    if Along::Input(x) == y {
        return Err(Error::Usage(format!(
            "--x and --y are both {}: a map needs two different inputs",
            x.name()
        )));
    }
    Ok((Along::Input(x), y))
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

/// The scenario's value along an axis.
fn value_of(case: &Case, along: Along) -> f64 {
    match along {
        Along::Input(k) => case.scenario.inputs.get(k).map_or(0.0, |v| f(*v)),
        Along::TokensSaved => case.eval.tokens_saved_per_call.map_or(0.0, f),
    }
}

/// Inputs with `v` set along an axis (tokens saved moves the long prompt's input tokens).
fn set<T: Copy + std::ops::Add<Output = T> + std::ops::Sub<Output = T>>(
    inputs: &mut Inputs<T>,
    along: Along,
    v: T,
    saved_now: T,
) {
    let key = match along {
        Along::Input(k) => k,
        Along::TokensSaved => Key::InputTokens(Side::Prompting),
    };
    if let Some(slot) = inputs.get_mut(key) {
        *slot = match along {
            Along::Input(_) => v,
            Along::TokensSaved => *slot + (v - saved_now),
        };
    }
}

/// An axis's range: around the scenario's value and the break-even value, a decade either
/// side on a log axis; from 0 to twice the larger on a linear one.
fn range(case: &Case, along: Along, log: bool) -> (f64, f64) {
    let now = value_of(case, along);
    let key = match along {
        Along::Input(k) => k,
        Along::TokensSaved => Key::InputTokens(Side::Prompting),
    };
    let solved = case
        .solutions
        .iter()
        .find(|s| s.key == key)
        .and_then(|s| s.answer.as_ref().ok())
        .map(|(v, _)| f(*v))
        .map(|v| match along {
            // The prompt length that breaks even, as tokens saved.
            Along::TokensSaved => now + (v - value_of(case, Along::Input(key))),
            Along::Input(_) => v,
        })
        .filter(|v| v.is_finite() && *v > 0.0);
    if log {
        let lo = solved.map_or(now, |s| s.min(now)).max(1e-3);
        let hi = solved.map_or(now, |s| s.max(now)).max(lo);
        let (mut lo, mut hi) = (lo / 10.0, hi * 10.0);
        if hi / lo < 1000.0 {
            let c = (lo * hi).sqrt();
            lo = c / 1000f64.sqrt();
            hi = c * 1000f64.sqrt();
        }
        (lo, hi.min(super::volume::MAX_VOLUME))
    } else {
        let top = solved.map_or(now, |s| s.max(now)) * 2.0;
        // Nothing to scale by (a setup cost of 0 that no value fixes): the up-front cost.
        let top = if top > 0.0 {
            top
        } else if key.is_price() {
            (f(case.eval.upfront_cost) * 2.0).max(1.0)
        } else {
            1.0
        };
        let lo = if key == Key::MonthlyGrowth {
            -0.5f64.max(-top)
        } else {
            0.0
        };
        (lo, top)
    }
}

/// The map of `case` over `x` and `y`.
pub fn map(case: &Case, x: Along, y: Along) -> Result<DecisionMap, Error> {
    let s = &case.scenario;
    let log_of = |a: Along| matches!(a, Along::Input(Key::CallsPerMonth | Key::MaxCallsPerMonth));
    let (xl, xh) = range(case, x, log_of(x));
    let (yl, yh) = range(case, y, log_of(y));
    let x_axis = Axis {
        along: x,
        lo: xl,
        hi: xh,
        log: log_of(x),
    };
    let y_axis = Axis {
        along: y,
        lo: yl,
        hi: yh,
        log: log_of(y),
    };
    let window = f(case.eval.window.months);
    let horizon = f64::from(s.decision.horizon_months);
    let base = s.inputs.map(f);
    let schedule = s.schedule.map(|v| f(*v));
    let saved = value_of(case, Along::TokensSaved);
    let (columns, rows) = CELLS;
    let mut cells = Vec::with_capacity(columns * rows);
    for r in 0..rows {
        let yv = y_axis.at((r as f64 + 0.5) / rows as f64);
        for c in 0..columns {
            let xv = x_axis.at((c as f64 + 0.5) / columns as f64);
            let mut i = base.clone();
            let mut schedule = schedule.clone();
            for (along, v) in [(x, xv), (y, yv)] {
                // A price the catalog changes later moves with its change (see solve).
                if let Along::Input(k) = along {
                    if let Some(from) = i.get(k) {
                        schedule.follow(k, *from, v);
                    }
                }
                set(&mut i, along, v, saved);
            }
            let region = match outcome(&i, &schedule, s.decision.horizon_months) {
                Ok(o) => match o.payback_months {
                    Some(p) if p <= window => Region::InWindow,
                    Some(p) if p <= horizon => Region::InHorizon,
                    _ => Region::Never,
                },
                Err(_) => Region::Never,
            };
            cells.push(region);
        }
    }
    // The exact line: at each x, the y value where payback equals the window.
    let y_key = match y {
        Along::Input(k) => k,
        Along::TokensSaved => Key::InputTokens(Side::Prompting),
    };
    let prompt_now = s.inputs.get(Key::InputTokens(Side::Prompting)).copied();
    let mut better = None;
    let mut line = Vec::with_capacity(LINE_POINTS + 1);
    let mut xs: Vec<f64> = (0..=LINE_POINTS)
        .map(|k| x_axis.at(k as f64 / LINE_POINTS as f64))
        .collect();
    xs.push(value_of(case, x));
    xs.sort_by(f64::total_cmp);
    for xv in xs {
        let Some(xd) = Decimal::from_f64(xv) else {
            line.push(None);
            continue;
        };
        let at_x = if (xv - value_of(case, x)).abs() <= f64::EPSILON * xv.abs() {
            case.clone()
        } else {
            let mut scenario = s.clone();
            // The x axis is always an input (tokens saved is only ever the y axis).
            set(&mut scenario.inputs, x, xd, Decimal::ZERO);
            match evaluate(&scenario) {
                Ok(eval) => Case::new(scenario, eval),
                Err(_) => {
                    line.push(None);
                    continue;
                }
            }
        };
        let point = solve(&at_x, &[y_key]).into_iter().next().and_then(|sol| {
            let (v, d) = sol.answer.ok()?;
            better.get_or_insert(d);
            let yv = match (y, prompt_now) {
                (Along::TokensSaved, Some(p)) => saved + f(v - p),
                _ => f(v),
            };
            Some((xv, yv))
        });
        line.push(point);
    }
    Ok(DecisionMap {
        x: x_axis,
        y: y_axis,
        cells,
        columns,
        rows,
        line,
        point: (value_of(case, x), value_of(case, y)),
        better,
    })
}
