//! When cumulative savings first cover the up-front cost.
//!
//! Payback is the first moment cumulative savings reach the up-front cost, interpolated
//! linearly inside the month: `(m − 1) + (upfront − S_{m−1}) / savings_m` (DESIGN.md). Over a
//! piece of months monthly savings are monotone (a geometric volume times a fixed margin, less
//! a fixed fee), so cumulative savings can only rise through a run of months with positive
//! savings; the crossing is found inside that run by bisection on exact closed-form totals,
//! starting from a logarithmic estimate. No month loop.
//!
//! Growth can push a volume past what a decimal holds long before month 1200; totals whose
//! sign is known are then treated as "beyond any amount" instead of failing, so a payback in
//! month 11 is found even when month 1200's volume could not be written down.

use super::figure::{op, Figure};
use super::flows::{first_index, Flows, Piece};
use super::scalar::Scalar;

/// Where cumulative savings cover the up-front cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossing<S> {
    /// Fractional months from month 0.
    pub months: S,
    /// Calls served until then (fractional; shown rounded up).
    pub calls: S,
    /// The month of the crossing (1-based; 0 when nothing had to be paid back).
    pub month: u32,
    /// Cumulative savings at the end of the month before.
    pub saved_before: S,
    /// What the crossing month saves.
    pub month_savings: S,
    /// Every month up to the crossing saved the same (one constant-volume stretch at one set
    /// of prices), so payback is simply `upfront / month_savings`.
    pub steady: bool,
}

/// A total that may be too large to write down, but whose sign is known.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Big<S> {
    Finite(S),
    /// Beyond any decimal, positive (`true`) or negative.
    Huge(bool),
}

impl<S: Scalar> Big<S> {
    fn at_least(self, level: S) -> bool {
        match self {
            Big::Finite(v) => v >= level,
            Big::Huge(positive) => positive,
        }
    }

    fn plus(self, other: Big<S>) -> Big<S> {
        match (self, other) {
            (Big::Finite(a), Big::Finite(b)) => match a.checked_add(b) {
                Some(v) => Big::Finite(v),
                None => Big::Huge(a.is_positive()),
            },
            (Big::Huge(p), _) | (_, Big::Huge(p)) => Big::Huge(p),
        }
    }
}

/// Savings over the piece's first `k` months, or their sign when too large.
fn savings_sum<S: Scalar>(piece: &Piece<S>, k: u32) -> Result<Big<S>, Figure> {
    let s = piece.prices.savings_per_call()?;
    let fixed = op(
        piece
            .prices
            .extra_fixed()?
            .checked_mul(S::from_u64(u64::from(k))),
        Figure::Cumulative,
    )?;
    if s == S::ZERO {
        return Ok(Big::Finite(op(
            S::ZERO.checked_sub(fixed),
            Figure::Cumulative,
        )?));
    }
    let volume = match piece.volume_sum(k) {
        Ok(v) => v,
        Err(_) if piece.ratio > S::ONE => return Ok(Big::Huge(s.is_positive())),
        Err(e) => return Err(e),
    };
    let Some(v) = volume.checked_mul(s) else {
        return Ok(Big::Huge(s.is_positive()));
    };
    Ok(match v.checked_sub(fixed) {
        Some(x) => Big::Finite(x),
        None => Big::Huge(v.is_positive()),
    })
}

/// Whether the piece's month `i` saves money (its sign, even when too large to compute).
fn saves<S: Scalar>(piece: &Piece<S>, i: u32) -> Result<bool, Figure> {
    match piece.savings_at(i) {
        Ok(v) => Ok(v.is_positive()),
        Err(_) if piece.ratio > S::ONE => Ok(piece.prices.savings_per_call()?.is_positive()),
        Err(e) => Err(e),
    }
}

/// The months (0-based within the piece) whose savings are positive: one contiguous run,
/// since savings are monotone over a piece.
fn positive_run<S: Scalar>(piece: &Piece<S>) -> Result<Option<(u32, u32)>, Figure> {
    let last = piece.months() - 1;
    let s = piece.prices.savings_per_call()?;
    if piece.ratio == S::ONE || s == S::ZERO {
        return Ok(saves(piece, 0)?.then_some((0, last)));
    }
    let rising = s.is_positive() == (piece.ratio > S::ONE);
    // Where s × calls crosses the fixed fee: first × r^i = fee / s.
    let guess = {
        let fee = piece.prices.extra_fixed()?.to_f64();
        let i = (fee / (s.to_f64() * piece.first.to_f64())).ln() / piece.ratio.to_f64().ln();
        (i.is_finite() && i >= 0.0 && i < f64::from(last) + 1.0).then(|| i.floor() as u32)
    };
    if rising {
        if !saves(piece, last)? {
            return Ok(None);
        }
        let lo = first_index(0, last, |i| saves(piece, i), guess.map(|g| g + 1))?;
        Ok(Some((lo, last)))
    } else {
        if !saves(piece, 0)? {
            return Ok(None);
        }
        if saves(piece, last)? {
            return Ok(Some((0, last)));
        }
        let stop = first_index(0, last, |i| Ok(!saves(piece, i)?), guess.map(|g| g + 1))?;
        Ok(Some((0, stop - 1)))
    }
}

/// An estimate of the month index (within the piece) in which savings reach `needed`: in
/// closed form without a fixed fee, by Newton's method with one; checked exactly by the
/// caller.
fn crossing_guess<S: Scalar>(piece: &Piece<S>, needed: S) -> Option<u32> {
    let s = piece.prices.savings_per_call().ok()?.to_f64();
    let fee = piece.prices.extra_fixed().ok()?.to_f64();
    let (first, r, need) = (piece.first.to_f64(), piece.ratio.to_f64(), needed.to_f64());
    let months = if r == 1.0 {
        need / (s * first - fee)
    } else if fee == 0.0 {
        (1.0 + need * (r - 1.0) / (s * first)).ln() / r.ln()
    } else {
        // Savings over k months: a·(r^k − 1) − fee·k with a = s·first / (r − 1). Newton's
        // method from the fee-free answer; the caller checks the result exactly.
        let a = s * first / (r - 1.0);
        let ln_r = r.ln();
        let mut k = (1.0 + need / a).ln() / ln_r;
        if !k.is_finite() {
            k = need / (s * first - fee).abs().max(f64::MIN_POSITIVE);
        }
        for _ in 0..12 {
            let rk = (k * ln_r).exp();
            let g = a * (rk - 1.0) - fee * k - need;
            let slope = a * rk * ln_r - fee;
            if !g.is_finite() || !slope.is_finite() || slope == 0.0 {
                return None;
            }
            let next = k - g / slope;
            if (next - k).abs() < 1e-9 {
                k = next;
                break;
            }
            k = next.max(0.0);
        }
        k
    };
    (months.is_finite() && months > 0.0).then(|| (months.ceil() as u32).saturating_sub(1))
}

/// The first moment cumulative savings reach the up-front cost within [`MAX_MONTHS`], or
/// `None`. With nothing to pay back, payback is immediate unless month 1 loses money (then it
/// comes when the losses are recovered).
///
/// [`MAX_MONTHS`]: crate::scenario::MAX_MONTHS
pub fn payback<S: Scalar>(f: &Flows<S>) -> Result<Option<Crossing<S>>, Figure> {
    let target = f.upfront;
    let pieces = f.pieces()?;
    let immediate = match pieces.first() {
        Some(first) => !target.is_positive() && first.savings_at(0)? >= S::ZERO,
        None => true,
    };
    if immediate {
        return Ok(Some(Crossing {
            months: S::ZERO,
            calls: S::ZERO,
            month: 0,
            saved_before: S::ZERO,
            month_savings: S::ZERO,
            steady: true,
        }));
    }
    let p = Figure::Payback;
    let mut saved = Big::Finite(S::ZERO);
    let mut calls = Big::Finite(S::ZERO);
    for piece in &pieces {
        let Big::Finite(saved_now) = saved else {
            // Losses beyond any amount cannot be recovered; gains beyond it crossed already.
            return Ok(None);
        };
        if let Some((lo, hi)) = positive_run(piece)? {
            let reached = |j: u32| -> Result<bool, Figure> {
                Ok(Big::Finite(saved_now)
                    .plus(savings_sum(piece, j + 1)?)
                    .at_least(target))
            };
            if reached(hi)? {
                let needed = op(target.checked_sub(saved_now), p)?;
                let j = first_index(lo, hi, reached, crossing_guess(piece, needed))?;
                let before = match savings_sum(piece, j)? {
                    Big::Finite(v) => op(saved_now.checked_add(v), p)?,
                    Big::Huge(_) => return Err(p),
                };
                let in_month = piece.savings_at(j)?;
                let fraction = op(op(target.checked_sub(before), p)?.checked_div(in_month), p)?;
                let Big::Finite(calls_now) = calls else {
                    return Err(p);
                };
                let served = op(
                    op(calls_now.checked_add(piece.volume_sum(j)?), p)?
                        .checked_add(op(fraction.checked_mul(piece.volume_at(j)?), p)?),
                    p,
                )?;
                let whole = S::from_u64(u64::from(piece.start - 1 + j));
                return Ok(Some(Crossing {
                    months: op(whole.checked_add(fraction), p)?,
                    calls: served,
                    month: piece.start + j,
                    saved_before: before,
                    month_savings: in_month,
                    steady: piece.start == 1 && piece.ratio == S::ONE,
                }));
            }
        }
        saved = saved.plus(savings_sum(piece, piece.months())?);
        calls = calls.plus(match piece.volume_sum(piece.months()) {
            Ok(v) => Big::Finite(v),
            Err(_) if piece.ratio > S::ONE => Big::Huge(true),
            Err(e) => return Err(e),
        });
    }
    Ok(None)
}
