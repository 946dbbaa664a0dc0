//! The fast path of a sample: payback and totals of the commonest model in closed form.
//!
//! Most sampled scenarios have one stretch of months: no dated price change and no volume cap
//! (or a cap with constant volume), fixed fees that only tuning adds, and something to pay
//! back. Month k then saves `m(k) = c·s·r^(k−1) − f` and the first k months
//! `S(k) = a·(r^k − 1) − f·k` with `a = c·s / (r − 1)` (or `(c·s − f)·k` when r = 1). Savings
//! are monotone, so payback is found by Newton's method on `S(k) = upfront` and checked on the
//! whole months around it: a handful of `exp` calls instead of the engine's general search over
//! pieces. Every other model goes through the engine ([`crate::engine::outcome::outcome`]);
//! a property test holds this path to the engine's figures.

use crate::engine::costs::Costs;
use crate::engine::outcome::retrains_in;
use crate::engine::Flows;
use crate::scenario::MAX_MONTHS;

/// One stretch of months at one set of prices.
struct Stretch {
    /// Calls in month 1.
    c: f64,
    /// Volume ratio from one month to the next.
    r: f64,
    ln_r: f64,
    /// Saved per call.
    s: f64,
    /// Fixed fees tuning adds, per month (≥ 0).
    f: f64,
}

impl Stretch {
    /// r^k.
    fn pow(&self, k: f64) -> f64 {
        if self.r == 1.0 {
            1.0
        } else {
            (k * self.ln_r).exp()
        }
    }

    /// What month k + 1 saves, given `rk` = r^k.
    fn month_after(&self, rk: f64) -> f64 {
        self.c * self.s * rk - self.f
    }

    /// What month k (1-based) saves.
    fn month(&self, k: f64) -> f64 {
        self.month_after(self.pow(k - 1.0))
    }

    /// Calls in the first k months, given `rk` = r^k.
    fn calls_with(&self, k: f64, rk: f64) -> f64 {
        if self.r == 1.0 {
            self.c * k
        } else {
            self.c * (rk - 1.0) / (self.r - 1.0)
        }
    }

    /// Savings of the first k whole months, given `rk` = r^k.
    fn total_with(&self, k: f64, rk: f64) -> f64 {
        self.calls_with(k, rk) * self.s - self.f * k
    }

    /// Savings of the first k whole months.
    fn total(&self, k: f64) -> f64 {
        self.total_with(k, self.pow(k))
    }

    /// Savings until `t` months (fractional: the last month in proportion, as the engine).
    fn total_at(&self, t: f64) -> f64 {
        let whole = t.floor();
        let frac = t - whole;
        let rk = self.pow(whole);
        let mut v = self.total_with(whole, rk);
        if frac > 0.0 {
            v += frac * self.month_after(rk);
        }
        v
    }

    /// The first whole month M ≤ 1200 by whose end savings reach `u` (> 0), among months that
    /// save; `None` when savings never get there.
    fn crossing_month(&self, u: f64) -> Option<u32> {
        let max = f64::from(MAX_MONTHS);
        let (lo, hi) = if self.r == 1.0 {
            if self.month(1.0) <= 0.0 {
                return None;
            }
            (1.0, max)
        } else if self.s > 0.0 && self.r > 1.0 {
            // Savings rise: from the first month that saves.
            let first = if self.c * self.s > self.f {
                1.0
            } else {
                // c·s·r^(k−1) > f from k = 1 + ln(f / (c·s)) / ln r on.
                let k = (1.0 + (self.f / (self.c * self.s)).ln() / self.ln_r).floor();
                if k.is_nan() || k > max {
                    return None;
                }
                let mut k = k.max(1.0);
                while k > 1.0 && self.month(k - 1.0) > 0.0 {
                    k -= 1.0;
                }
                while k <= max && self.month(k) <= 0.0 {
                    k += 1.0;
                }
                if k > max {
                    return None;
                }
                k
            };
            (first, max)
        } else if self.s > 0.0 {
            // Savings fall: up to the last month that saves.
            if self.month(1.0) <= 0.0 {
                return None;
            }
            let last = if self.f <= 0.0 || self.month(max) > 0.0 {
                max
            } else {
                let k = (1.0 + (self.f / (self.c * self.s)).ln() / self.ln_r)
                    .floor()
                    .clamp(1.0, max);
                let mut k = k;
                while k < max && self.month(k + 1.0) > 0.0 {
                    k += 1.0;
                }
                while k > 1.0 && self.month(k) <= 0.0 {
                    k -= 1.0;
                }
                k
            };
            (1.0, last)
        } else {
            return None;
        };
        if self.total(hi) < u {
            return None;
        }
        // Newton's method on S(k) = u from the fee-free answer, then the whole months around.
        let mut k = if self.r == 1.0 {
            u / (self.c * self.s - self.f)
        } else {
            (1.0 + u * (self.r - 1.0) / (self.c * self.s)).ln() / self.ln_r
        };
        if !k.is_finite() {
            k = lo;
        }
        k = k.clamp(lo, hi);
        if self.f > 0.0 && self.r != 1.0 {
            // Newton's method kept inside a bracket [below, above] of the root (bisecting when
            // a step would leave it), until the bracket is narrower than half a month.
            let a = self.c * self.s / (self.r - 1.0);
            let g = |k: f64| -> (f64, f64) {
                let rk = (k * self.ln_r).exp();
                (a * (rk - 1.0) - self.f * k - u, a * rk * self.ln_r - self.f)
            };
            // Two steps of k ← log_r(1 + (u + f·k) / a) from the fee-free answer first: they
            // stay left of the root and bring Newton close enough to converge at once.
            if self.r > 1.0 {
                for _ in 0..2 {
                    let next = (1.0 + (u + self.f * k) / a).ln() / self.ln_r;
                    if next.is_finite() {
                        k = next.clamp(lo, hi);
                    }
                }
            }
            let (mut below, mut above) = (lo - 1.0, hi);
            for _ in 0..60 {
                let (value, slope) = g(k);
                if !value.is_finite() {
                    break;
                }
                if value < 0.0 {
                    below = k;
                } else {
                    above = k;
                }
                if above - below < 0.5 {
                    break;
                }
                let step = k - value / slope;
                if slope > 0.0 && step > below && step < above {
                    let moved = (step - k).abs();
                    k = step;
                    if moved < 1e-3 {
                        break;
                    }
                } else {
                    k = 0.5 * (below + above);
                }
            }
        }
        let mut m = k.ceil().clamp(lo, hi);
        // Exact on whole months: the first month whose total reaches u.
        let mut steps = 0;
        while m > lo && self.total(m - 1.0) >= u && steps < 64 {
            m -= 1.0;
            steps += 1;
        }
        while m < hi && self.total(m) < u && steps < 128 {
            m += 1.0;
            steps += 1;
        }
        if self.total(m) < u || (m > lo && self.total(m - 1.0) >= u) {
            // Newton landed far off (a pathological draw): search the months directly.
            let (mut no, mut yes) = (lo - 1.0, hi);
            while yes - no > 1.0 {
                let mid = ((no + yes) / 2.0).floor();
                if mid >= lo && self.total(mid) >= u {
                    yes = mid;
                } else {
                    no = mid;
                }
            }
            m = yes;
        }
        Some(m as u32)
    }
}

/// One sample's (payback, net at the horizon, break-even calls, month-1 savings) by the closed
/// forms, or `None` when the model is not one stretch (the engine then computes it).
pub fn figures(
    costs: &Costs<f64>,
    flows: &Flows<f64>,
    horizon: u32,
    retrain: Option<u32>,
) -> Option<[f64; 4]> {
    if flows.n_changes > 0 {
        return None;
    }
    let r = 1.0 + flows.growth;
    let c = match flows.cap {
        None => flows.calls,
        Some(cap) if r == 1.0 => flows.calls.min(cap),
        Some(_) => return None,
    };
    let s = flows.prices.prompting_per_call - flows.prices.tuned_per_call;
    let f = flows.prices.tuned_fixed - flows.prices.prompting_fixed;
    let u = flows.upfront;
    // Anything else (nothing to pay back, fees that favour tuning, NaN) goes to the engine.
    let usable = u > 0.0 && f >= 0.0 && c >= 0.0 && r > 0.0 && s.is_finite();
    if !usable {
        return None;
    }
    let stretch = Stretch {
        c,
        r,
        ln_r: r.ln(),
        s,
        f,
    };
    let crossing = stretch.crossing_month(u).map(|m| {
        let m = f64::from(m);
        let rk = stretch.pow(m - 1.0);
        let before = stretch.total_with(m - 1.0, rk);
        let frac = (u - before) / stretch.month_after(rk);
        let months = (m - 1.0) + frac;
        let calls = stretch.calls_with(m - 1.0, rk) + frac * c * rk;
        (months, calls)
    });
    let end = flows.end;
    let payback = crossing
        .map(|x| x.0)
        .filter(|p| retrain.is_none_or(|r| *p <= f64::from(r)))
        .filter(|p| end.is_none_or(|e| *p <= e));
    let h = f64::from(horizon);
    let saved = match end {
        Some(e) if h > e => stretch.total_at(e.max(0.0)),
        _ => stretch.total_at(h),
    };
    let jobs = f64::from(retrains_in(horizon, retrain, end));
    let net = saved - u - costs.training * jobs;
    let month_1 = match end {
        Some(e) if 1.0 > e => stretch.total_at(e.max(0.0)),
        _ => stretch.month_after(1.0),
    };
    Some([
        payback.unwrap_or(f64::INFINITY),
        net,
        match (payback, crossing) {
            (Some(_), Some((_, calls))) => calls,
            _ => f64::INFINITY,
        },
        month_1,
    ])
}
