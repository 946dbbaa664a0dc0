//! Month-by-month cash flows in closed form.
//!
//! Month m (1, 2, …) serves `calls_m = min(c × r^(m−1), cap)` calls, r = 1 + growth, and
//! saves `calls_m × (prompting − tuned per call) − (tuned fixed − prompting fixed)`. The months
//! split into a few *pieces* over which the volume is geometric (or constant) and prices are
//! fixed; over a piece every total is a geometric sum, so no figure needs a loop over months.

use super::figure::{op, Figure};
use super::scalar::Scalar;
use crate::scenario::MAX_MONTHS;

/// What each side pays per call and per month, for a stretch of months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prices<S> {
    /// Currency units per call.
    pub prompting_per_call: S,
    /// Currency units per call.
    pub tuned_per_call: S,
    /// Currency units per month paid whatever the volume (e.g. cache storage).
    pub prompting_fixed: S,
    /// Currency units per month paid whatever the volume (hosting).
    pub tuned_fixed: S,
}

impl<S: Scalar> Prices<S> {
    /// Currency units saved per call by tuning (negative when a tuned call costs more).
    pub fn savings_per_call(&self) -> Result<S, Figure> {
        op(
            self.prompting_per_call.checked_sub(self.tuned_per_call),
            Figure::MonthlyCost,
        )
    }

    /// Fixed monthly costs tuning adds (tuned fixed − prompting fixed).
    pub fn extra_fixed(&self) -> Result<S, Figure> {
        op(
            self.tuned_fixed.checked_sub(self.prompting_fixed),
            Figure::MonthlyCost,
        )
    }
}

/// The most dated price changes a model can hold.
pub const MAX_CHANGES: usize = 6;

/// The inputs of the monthly series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flows<S> {
    /// Calls in month 1 before the cap.
    pub calls: S,
    /// Compound change per month as a fraction.
    pub growth: S,
    /// Growth stops at this volume (from month 1).
    pub cap: Option<S>,
    /// Prices from month 1.
    pub prices: Prices<S>,
    /// Prices from later months (month, prices), in order; the first `n_changes` are used.
    pub changes: [(u32, Prices<S>); MAX_CHANGES],
    pub n_changes: usize,
    /// Paid at month 0: training jobs and setup.
    pub upfront: S,
    /// Months (fractional) after which tuning saves nothing: the tuned model is switched off
    /// and calls go back to the long prompt.
    pub end: Option<S>,
}

/// A stretch of months over which prices are fixed and the volume is `first × ratio^i`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece<S> {
    /// First month (1-based).
    pub start: u32,
    /// Last month, inclusive.
    pub end: u32,
    /// Calls in month `start`.
    pub first: S,
    /// 1 for a constant volume.
    pub ratio: S,
    pub prices: Prices<S>,
}

impl<S: Scalar> Piece<S> {
    /// Months in the piece.
    pub fn months(&self) -> u32 {
        self.end - self.start + 1
    }

    /// The same volume every month: no growth, or no calls at all (zero stays zero however
    /// it grows, and must not be computed as 0 × ratio^i, which overflows in late months).
    fn is_constant(&self) -> bool {
        self.ratio == S::ONE || self.first == S::ZERO
    }

    /// Calls in the piece's month `i` (0-based): `first × ratio^i`.
    pub fn volume_at(&self, i: u32) -> Result<S, Figure> {
        if self.is_constant() {
            return Ok(self.first);
        }
        let f = Figure::MonthlyVolume;
        op(
            self.first.checked_mul(op(self.ratio.checked_powi(i), f)?),
            f,
        )
    }

    /// Calls in the piece's first `k` months: `first × (ratio^k − 1) / (ratio − 1)`.
    pub fn volume_sum(&self, k: u32) -> Result<S, Figure> {
        let f = Figure::Cumulative;
        if self.is_constant() {
            return op(self.first.checked_mul(S::from_u64(u64::from(k))), f);
        }
        let grown = op(op(self.ratio.checked_powi(k), f)?.checked_sub(S::ONE), f)?;
        let step = op(self.ratio.checked_sub(S::ONE), f)?;
        op(self.first.checked_mul(op(grown.checked_div(step), f)?), f)
    }

    /// Savings of the piece's month `i`.
    pub fn savings_at(&self, i: u32) -> Result<S, Figure> {
        let f = Figure::MonthlyCost;
        let calls = self.prices.savings_per_call()?;
        let v = op(self.volume_at(i)?.checked_mul(calls), f)?;
        op(v.checked_sub(self.prices.extra_fixed()?), f)
    }

    /// Savings of the piece's first `k` months.
    pub fn savings_sum(&self, k: u32) -> Result<S, Figure> {
        let f = Figure::Cumulative;
        let v = op(
            self.volume_sum(k)?
                .checked_mul(self.prices.savings_per_call()?),
            f,
        )?;
        let fixed = op(
            self.prices
                .extra_fixed()?
                .checked_mul(S::from_u64(u64::from(k))),
            f,
        )?;
        op(v.checked_sub(fixed), f)
    }

    /// What prompting and tuning cost in the piece's first `k` months (tuned calls and fixed
    /// costs; jobs not included).
    pub fn costs_sum(&self, k: u32) -> Result<(S, S), Figure> {
        let f = Figure::Cumulative;
        let v = self.volume_sum(k)?;
        let months = S::from_u64(u64::from(k));
        let p = self.prices;
        let prompting = op(
            op(v.checked_mul(p.prompting_per_call), f)?
                .checked_add(op(p.prompting_fixed.checked_mul(months), f)?),
            f,
        )?;
        let tuned = op(
            op(v.checked_mul(p.tuned_per_call), f)?
                .checked_add(op(p.tuned_fixed.checked_mul(months), f)?),
            f,
        )?;
        Ok((prompting, tuned))
    }
}

impl<S: Copy> Prices<S> {
    fn map<U>(&self, f: &impl Fn(S) -> U) -> Prices<U> {
        Prices {
            prompting_per_call: f(self.prompting_per_call),
            tuned_per_call: f(self.tuned_per_call),
            prompting_fixed: f(self.prompting_fixed),
            tuned_fixed: f(self.tuned_fixed),
        }
    }
}

impl<S: Copy> Flows<S> {
    /// Flows with one set of prices from month 1 and nothing switched off.
    pub fn new(calls: S, growth: S, cap: Option<S>, prices: Prices<S>, upfront: S) -> Flows<S> {
        Flows {
            calls,
            growth,
            cap,
            prices,
            changes: [(u32::MAX, prices); MAX_CHANGES],
            n_changes: 0,
            upfront,
            end: None,
        }
    }

    /// The dated price changes in use.
    pub fn changes(&self) -> &[(u32, Prices<S>)] {
        &self.changes[..self.n_changes.min(MAX_CHANGES)]
    }

    /// The same flows in another number type (exact decimals to `f64` for curves).
    pub fn map<U: Copy>(&self, f: impl Fn(S) -> U) -> Flows<U> {
        let mut changes = [(u32::MAX, self.prices.map(&f)); MAX_CHANGES];
        for (slot, (month, prices)) in changes.iter_mut().zip(self.changes()) {
            *slot = (*month, prices.map(&f));
        }
        Flows {
            calls: f(self.calls),
            growth: f(self.growth),
            cap: self.cap.map(&f),
            prices: self.prices.map(&f),
            changes,
            n_changes: self.n_changes,
            upfront: f(self.upfront),
            end: self.end.map(&f),
        }
    }
}

impl<S: Scalar> Flows<S> {
    /// The same flows at another month-1 volume.
    pub fn at_volume(&self, calls: S) -> Flows<S> {
        Flows { calls, ..*self }
    }

    fn ratio(&self) -> Result<S, Figure> {
        op(S::ONE.checked_add(self.growth), Figure::MonthlyVolume)
    }

    /// Calls in month `m` (1-based).
    pub fn volume_in(&self, m: u32) -> Result<S, Figure> {
        for piece in self.pieces()? {
            if m <= piece.end {
                return piece.volume_at(m - piece.start);
            }
        }
        Err(Figure::MonthlyVolume)
    }

    /// The pieces covering months 1 to [`MAX_MONTHS`], in order: the volume's phases (growth,
    /// then the cap once it binds; or the cap, then decline once volume falls below it), split
    /// where dated prices change.
    pub fn pieces(&self) -> Result<Vec<Piece<S>>, Figure> {
        let phases = self.phases()?;
        if self.n_changes == 0 {
            return Ok(phases);
        }
        let f = Figure::MonthlyVolume;
        let mut out = Vec::with_capacity(phases.len() + self.n_changes);
        for phase in phases {
            let mut start = phase.start;
            let mut first = phase.first;
            let cuts = self
                .changes()
                .iter()
                .map(|(m, _)| *m)
                .filter(|m| *m > phase.start && *m <= phase.end);
            for cut in cuts.chain(std::iter::once(phase.end + 1)) {
                if cut <= start {
                    continue;
                }
                out.push(Piece {
                    start,
                    end: cut - 1,
                    first,
                    ratio: phase.ratio,
                    prices: self.prices_in(start),
                });
                if cut <= phase.end {
                    first = op(
                        first.checked_mul(op(phase.ratio.checked_powi(cut - start), f)?),
                        f,
                    )?;
                }
                start = cut;
            }
        }
        Ok(out)
    }

    /// The prices in force in month `m`.
    pub fn prices_in(&self, m: u32) -> Prices<S> {
        self.changes()
            .iter()
            .filter(|(from, _)| *from <= m)
            .map(|(_, p)| *p)
            .next_back()
            .unwrap_or(self.prices)
    }

    /// The volume's phases over months 1 to [`MAX_MONTHS`], at month-1 prices.
    fn phases(&self) -> Result<Vec<Piece<S>>, Figure> {
        let r = self.ratio()?;
        let piece = |start, end, first, ratio| Piece {
            start,
            end,
            first,
            ratio,
            prices: self.prices,
        };
        let whole = |first, ratio| vec![piece(1, MAX_MONTHS, first, ratio)];
        let Some(cap) = self.cap else {
            return Ok(whole(self.calls, r));
        };
        if r == S::ONE {
            return Ok(whole(self.calls.min(cap), S::ONE));
        }
        let f = Figure::MonthlyVolume;
        if r > S::ONE {
            if self.calls >= cap {
                return Ok(whole(cap, S::ONE));
            }
            // Last month still below the cap: c × r^(k−1) ≤ cap.
            // A volume too large for the number type is far above the cap.
            let k = last_month(
                |m| {
                    Ok(r.checked_powi(m - 1)
                        .and_then(|g| self.calls.checked_mul(g))
                        .is_some_and(|v| v <= cap))
                },
                estimate_months(self.calls, cap, r),
            )?;
            if k >= MAX_MONTHS {
                return Ok(whole(self.calls, r));
            }
            return Ok(vec![
                piece(1, k, self.calls, r),
                piece(k + 1, MAX_MONTHS, cap, S::ONE),
            ]);
        }
        if self.calls <= cap {
            return Ok(whole(self.calls, r));
        }
        // Shrinking from above the cap: capped while c × r^(k−1) ≥ cap.
        let k = last_month(
            |m| Ok(op(self.calls.checked_mul(op(r.checked_powi(m - 1), f)?), f)? >= cap),
            estimate_months(self.calls, cap, r),
        )?;
        if k >= MAX_MONTHS {
            return Ok(whole(cap, S::ONE));
        }
        let first = op(self.calls.checked_mul(op(r.checked_powi(k), f)?), f)?;
        Ok(vec![
            piece(1, k, cap, S::ONE),
            piece(k + 1, MAX_MONTHS, first, r),
        ])
    }

    /// Totals from month 0 to `t` months (fractional: the last month counts in proportion,
    /// as payback interpolates): calls, prompting cost, tuned cost (calls and fixed costs; not
    /// the up-front cost or retraining jobs), savings. After the end (the tuned model switched
    /// off) nothing more is saved: calls go back to the long prompt at its price.
    pub fn totals(&self, t: S) -> Result<Totals<S>, Figure> {
        match self.end {
            Some(end) if t > end => {
                let f = Figure::Cumulative;
                let until_end = self.raw_totals(end.max(S::ZERO))?;
                let all = self.raw_totals(t)?;
                Ok(Totals {
                    calls: all.calls,
                    prompting: all.prompting,
                    tuned: op(all.prompting.checked_sub(until_end.savings), f)?,
                    savings: until_end.savings,
                })
            }
            _ => self.raw_totals(t),
        }
    }

    /// Totals as if the tuned model served for ever.
    fn raw_totals(&self, t: S) -> Result<Totals<S>, Figure> {
        let f = Figure::Cumulative;
        let whole = t.floor();
        let frac = op(t.checked_sub(whole), f)?;
        let n = u32::try_from(whole.to_f64().max(0.0) as u64)
            .unwrap_or(MAX_MONTHS)
            .min(MAX_MONTHS);
        let mut acc = Totals::zero();
        for piece in self.pieces()? {
            if piece.start > n {
                if frac.is_positive() && piece.start == n + 1 {
                    acc = acc.plus_part(&piece, 0, frac)?;
                }
                break;
            }
            let k = n.min(piece.end) - piece.start + 1;
            acc = acc.plus(&piece, k)?;
            if n < piece.end {
                if frac.is_positive() {
                    acc = acc.plus_part(&piece, k, frac)?;
                }
                break;
            }
        }
        Ok(acc)
    }
}

/// Running totals over months (see [`Flows::totals`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals<S> {
    pub calls: S,
    pub prompting: S,
    pub tuned: S,
    pub savings: S,
}

impl<S: Scalar> Totals<S> {
    fn zero() -> Self {
        Totals {
            calls: S::ZERO,
            prompting: S::ZERO,
            tuned: S::ZERO,
            savings: S::ZERO,
        }
    }

    /// Adds the piece's first `k` months.
    fn plus(self, piece: &Piece<S>, k: u32) -> Result<Self, Figure> {
        let f = Figure::Cumulative;
        let (p, t) = piece.costs_sum(k)?;
        Ok(Totals {
            calls: op(self.calls.checked_add(piece.volume_sum(k)?), f)?,
            prompting: op(self.prompting.checked_add(p), f)?,
            tuned: op(self.tuned.checked_add(t), f)?,
            savings: op(self.savings.checked_add(op(p.checked_sub(t), f)?), f)?,
        })
    }

    /// Adds `share` (0 to 1) of the piece's month `i`.
    fn plus_part(self, piece: &Piece<S>, i: u32, share: S) -> Result<Self, Figure> {
        let f = Figure::Cumulative;
        let v = piece.volume_at(i)?;
        let p = piece.prices;
        let part = |x: S| op(x.checked_mul(share), f);
        let prompting = part(op(
            op(v.checked_mul(p.prompting_per_call), f)?.checked_add(p.prompting_fixed),
            f,
        )?)?;
        let tuned = part(op(
            op(v.checked_mul(p.tuned_per_call), f)?.checked_add(p.tuned_fixed),
            f,
        )?)?;
        Ok(Totals {
            calls: op(self.calls.checked_add(part(v)?), f)?,
            prompting: op(self.prompting.checked_add(prompting), f)?,
            tuned: op(self.tuned.checked_add(tuned), f)?,
            savings: op(
                self.savings
                    .checked_add(op(prompting.checked_sub(tuned), f)?),
                f,
            )?,
        })
    }
}

/// A first estimate, from `f64` logarithms, of the month at which `c × r^(m−1)` reaches
/// `level`; checked exactly by the caller.
fn estimate_months<S: Scalar>(c: S, level: S, r: S) -> Option<u32> {
    let m = (level.to_f64() / c.to_f64()).ln() / r.to_f64().ln() + 1.0;
    (m.is_finite() && m >= 1.0 && m <= f64::from(MAX_MONTHS)).then(|| m.floor() as u32)
}

/// The last month m in 1..=MAX_MONTHS for which `holds(m)` (true up to some month, then
/// false), checking the estimate first; 0 when it holds for none.
fn last_month(
    holds: impl Fn(u32) -> Result<bool, Figure>,
    estimate: Option<u32>,
) -> Result<u32, Figure> {
    if let Some(m) = estimate {
        if m >= 1 && holds(m)? && (m == MAX_MONTHS || !holds(m + 1)?) {
            return Ok(m);
        }
    }
    if holds(MAX_MONTHS)? {
        return Ok(MAX_MONTHS);
    }
    // holds(lo) (or lo = 0), !holds(hi).
    let (mut lo, mut hi) = (0, MAX_MONTHS);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if holds(mid)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// The first index in `lo..=hi` for which `holds` (false, then true), given that it holds at
/// `hi`; the guess is checked first.
pub fn first_index(
    lo: u32,
    hi: u32,
    holds: impl Fn(u32) -> Result<bool, Figure>,
    guess: Option<u32>,
) -> Result<u32, Figure> {
    if let Some(g) = guess.filter(|g| (lo..=hi).contains(g)) {
        if holds(g)? && (g == lo || !holds(g - 1)?) {
            return Ok(g);
        }
    }
    if holds(lo)? {
        return Ok(lo);
    }
    let (mut no, mut yes) = (lo, hi);
    while yes - no > 1 {
        let mid = no + (yes - no) / 2;
        if holds(mid)? {
            yes = mid;
        } else {
            no = mid;
        }
    }
    Ok(yes)
}
