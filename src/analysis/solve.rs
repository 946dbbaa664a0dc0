//! "What would have to be true": for one input at a time, the value at which payback equals
//! the target window with every other input as written (DESIGN.md, Analysis).
//!
//! Most inputs move cumulative net savings at the window's end linearly (prices, tokens, fees,
//! the training bill), so two exact evaluations give the answer by a straight line, which is
//! then checked: payback at that value is the window, to the last digits of a decimal. Inputs
//! that bend the curve (growth, a cap, a minimum charge that starts to bind) fall back to a
//! bisection on decimals between a value that pays back in time and one that does not, to 24
//! significant digits. The month-1 volume is the evaluation's own `calls_per_month_for_target`
//! (whole calls), so the same figure never comes from two computations.

use rust_decimal::Decimal;

use crate::engine::outcome::outcome;
use crate::engine::Case;
use crate::scenario::{Inputs, Key};

/// Which side of the value the input must be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    AtLeast,
    AtMost,
}

impl Direction {
    /// The JSON code: `at_least` or `at_most`.
    pub fn code(self) -> &'static str {
        match self {
            Direction::AtLeast => "at_least",
            Direction::AtMost => "at_most",
        }
    }
}

/// Why no value of an input alone makes tuning pay back in time.
#[derive(Debug, Clone, PartialEq)]
pub enum NoValue {
    /// The input does not change payback at all.
    NoEffect,
    /// The value would have to leave the input's range: below 0 (a price, a count), at or
    /// below −100 % (growth), more hours than a month has. Carries the value it would need
    /// when there is one (a straight line crosses the window there).
    OutOfRange {
        needed: Option<Decimal>,
        bound: Bound,
    },
    /// Even at the far end of its range the input is not enough (growth cannot help a volume
    /// the cap holds, savings that never reach the up-front cost).
    NotEnough,
    /// Tuning pays back in time whatever the input's value (within its range).
    Always,
    /// Tuning saves nothing over the window (a tuned call or its fees cost at least what
    /// prompting does), so no up-front cost, however small, is paid back.
    SavesNothing,
}

/// The edge of an input's range that a needed value crosses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Prices, counts and fees cannot be negative.
    Zero,
    /// Growth cannot be −100 % or less.
    MinusOneHundredPercent,
    /// A month has at most 744 hours.
    HoursInAMonth,
    /// Cached tokens cannot exceed the prompt's input tokens.
    InputTokens,
}

/// What one input would have to be.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub key: Key,
    /// The input as the scenario has it.
    pub current: Decimal,
    /// The value at which payback equals the window, and which side of it pays back in time.
    pub answer: Result<(Decimal, Direction), NoValue>,
    /// Whether the scenario's own value already satisfies it.
    pub holds_now: bool,
}

/// Every input's solution (or those in `only`, in that order), against the target window.
pub fn solve(case: &Case, only: &[Key]) -> Vec<Solution> {
    let inputs = &case.scenario.inputs;
    let keys: Vec<Key> = if only.is_empty() {
        inputs.keys()
    } else {
        only.iter()
            .copied()
            .filter(|k| inputs.get(*k).is_some())
            .collect()
    };
    keys.into_iter()
        .filter_map(|key| solve_one(case, key))
        .collect()
}

/// Relative closeness to the window at which a straight-line answer counts as exact.
fn tolerance() -> Decimal {
    Decimal::new(1, 18)
}

/// Bisection steps: each halves the interval; 90 take any bracket to 24 significant digits.
const BISECTIONS: u32 = 90;

fn solve_one(case: &Case, key: Key) -> Option<Solution> {
    let inputs = &case.scenario.inputs;
    let current = *inputs.get(key)?;
    let window = case.eval.window.months;
    let horizon = case.scenario.decision.horizon_months;
    let schedule = &case.scenario.schedule;
    let at = |v: Decimal| -> Option<Inputs<Decimal>> {
        let mut varied = inputs.clone();
        *varied.get_mut(key)? = v;
        Some(varied)
    };
    // One outcome at `v`: what the rest asks of it.
    let evaluate = |v: Decimal| -> Option<Point> {
        let mut moved = schedule.clone();
        moved.follow(key, current, v);
        let o = outcome(&at(v)?, &moved, horizon).ok()?;
        let saved = o.flows.totals(window).ok().map(|t| t.savings);
        Some(Point {
            payback: o.payback_months,
            saved,
            net: saved.and_then(|s| s.checked_sub(o.costs.upfront)),
        })
    };
    let pays = |v: Decimal| -> Option<bool> { Some(evaluate(v)?.pays_within(window)) };
    // A break-even found by a line or a bisection can sit a hair off the true one
    // (4956.2499…99 for 4956.25): the value rounded to 20 places, when it pays back in time.
    let tidy = |v: Decimal| -> Decimal {
        let rounded = v.round_dp(20);
        if rounded != v && pays(rounded) == Some(true) {
            rounded
        } else {
            v
        }
    };
    let now = evaluate(current)?;
    let holds_now = now.pays_within(window);
    let solution = |answer| {
        Some(Solution {
            key,
            current,
            answer,
            holds_now,
        })
    };
    // The volume target is the least volume that pays back; when each tuned call costs more
    // and the fixed costs tuning removes pay on their own (a prompt cache's storage), fewer
    // calls are better, and the answer is the most calls that still pay back: solved below.
    let fewer_is_better = case.eval.savings_per_call < Decimal::ZERO
        && case.eval.calls_per_month_for_target.is_some();
    if key == Key::CallsPerMonth && !fewer_is_better {
        return solution(match case.eval.calls_per_month_for_target {
            Some(c) => Ok((Decimal::from(c), Direction::AtLeast)),
            None if case.eval.savings_per_call <= Decimal::ZERO
                && case.eval.flows.n_changes == 0 =>
            {
                Err(NoValue::SavesNothing)
            }
            None => Err(NoValue::NotEnough),
        });
    }
    // An up-front cost cannot be paid back by savings that are not there: say so, rather
    // than the negative cost a straight line would give.
    let upfront_only = key.table() == "training";
    if upfront_only && !holds_now && now.saved.is_some_and(|s| s <= Decimal::ZERO) {
        return solution(Err(NoValue::SavesNothing));
    }
    let (low, high) = range(inputs, key);
    // Two points for the line and the direction: the value, and one well away from it.
    let other = if current.is_zero() {
        Decimal::ONE
    } else {
        current.checked_mul(Decimal::TWO)?
    };
    let other = high.map_or(other, |h| {
        if other > h {
            current / Decimal::TWO + h / Decimal::TWO
        } else {
            other
        }
    });
    let then = evaluate(other)?;
    let (g0, g1) = (now.net?, then.net?);
    if g0 == g1 && now.payback == then.payback {
        return solution(Err(if holds_now {
            NoValue::Always
        } else {
            NoValue::NoEffect
        }));
    }
    let rising = (g1 > g0) == (other > current);
    let direction = if rising {
        Direction::AtLeast
    } else {
        Direction::AtMost
    };
    // The straight line through the two points, where it crosses zero.
    let line = g1
        .checked_sub(g0)
        .filter(|d| !d.is_zero())
        .and_then(|d| g0.checked_mul(other - current)?.checked_div(d))
        .and_then(|step| current.checked_sub(step));
    if let Some(v) = line {
        // Out of range along the line: so it is, unless the line is not straight and the edge
        // of the range pays back (then the bisection below finds the value).
        let edge = if v < low || (key == Key::MonthlyGrowth && v <= low) {
            let edge = if key == Key::MonthlyGrowth {
                low + Decimal::new(1, 6)
            } else {
                low
            };
            Some((edge, bound_of(key)))
        } else {
            high.filter(|h| v > *h).map(|h| (h, upper_bound_of(key)))
        };
        if let Some((edge, bound)) = edge {
            if !pays(edge)? {
                return solution(Err(NoValue::OutOfRange {
                    needed: Some(v),
                    bound,
                }));
            }
        } else if let Some(p) = evaluate(v).and_then(|at_v| at_v.payback) {
            if (p - window).abs() <= window.abs() * tolerance() {
                return solution(Ok((tidy(whole(key, v, direction)), direction)));
            }
        }
    }
    // Not a straight line: bisect between a value that pays back in time and one that does not.
    // Step k moves away from the current value: up by (2^k − 1) × |value| (at most to the top
    // of the range), or down by halving the distance to the bottom.
    let step = |k: u32, up: bool| -> Option<Decimal> {
        let scale = Decimal::from(2u64.checked_pow(k)?);
        if up {
            let span = if current.is_zero() {
                Decimal::ONE
            } else {
                current.abs()
            };
            let v = current.checked_add(span.checked_mul(scale - Decimal::ONE)?)?;
            Some(high.map_or(v, |h| v.min(h)))
        } else {
            low.checked_add(current.checked_sub(low)?.checked_div(scale)?)
        }
    };
    let helps_up = direction == Direction::AtLeast;
    // Already paying back: look the other way for a value that does not; else this way for one
    // that does.
    let up = if holds_now { !helps_up } else { helps_up };
    let mut found = None;
    for k in 1..=60 {
        let v = step(k, up)?;
        if pays(v)? != holds_now {
            found = Some(v);
            break;
        }
    }
    let (mut good, mut bad) = match (found, holds_now) {
        (Some(v), true) => (current, v),
        (Some(v), false) => (v, current),
        // Pays back in time whatever the value: nothing has to be true of this input.
        (None, true) => return solution(Err(NoValue::Always)),
        (None, false) => return solution(Err(NoValue::NotEnough)),
    };
    for _ in 0..BISECTIONS {
        // Halves first: two values near a decimal's limit must not overflow their sum.
        let mid = good / Decimal::TWO + bad / Decimal::TWO;
        if mid == good || mid == bad {
            break;
        }
        if pays(mid)? {
            good = mid;
        } else {
            bad = mid;
        }
    }
    solution(Ok((
        tidy(whole(key, good, direction)).normalize(),
        direction,
    )))
}

/// Examples come whole: the largest whole number at most the value, or the smallest at least
/// it (after dropping the last digits' noise of a division). Other inputs as they are.
fn whole(key: Key, v: Decimal, direction: Direction) -> Decimal {
    if key != Key::TrainingExamples {
        return v;
    }
    let v = v.round_dp(12);
    match direction {
        Direction::AtMost => v.floor(),
        Direction::AtLeast => v.ceil(),
    }
}

/// What one value of the input gives.
struct Point {
    /// Payback in months (`None`: never, or not in time for the retraining rule or the
    /// model's end).
    payback: Option<Decimal>,
    /// Savings over the window, up-front cost not counted.
    saved: Option<Decimal>,
    /// Savings over the window less the up-front cost: what the straight line is drawn
    /// through.
    net: Option<Decimal>,
}

impl Point {
    fn pays_within(&self, window: Decimal) -> bool {
        self.payback.is_some_and(|p| p <= window)
    }
}

/// The range an input may take: (lowest, highest if any).
pub fn range(inputs: &Inputs<Decimal>, key: Key) -> (Decimal, Option<Decimal>) {
    use crate::scenario::inputs::Side;
    match key {
        Key::MonthlyGrowth => (Decimal::NEGATIVE_ONE, None),
        Key::HostingHoursPerMonth | Key::CacheHours(_) => (Decimal::ZERO, Some(Decimal::from(744))),
        Key::CachedInputTokens(side) => {
            let input = inputs
                .get(Key::InputTokens(side))
                .or_else(|| inputs.get(Key::InputTokens(Side::Prompting)))
                .copied();
            (Decimal::ZERO, input)
        }
        _ => (Decimal::ZERO, None),
    }
}

fn bound_of(key: Key) -> Bound {
    match key {
        Key::MonthlyGrowth => Bound::MinusOneHundredPercent,
        _ => Bound::Zero,
    }
}

fn upper_bound_of(key: Key) -> Bound {
    match key {
        Key::CachedInputTokens(_) => Bound::InputTokens,
        _ => Bound::HoursInAMonth,
    }
}
