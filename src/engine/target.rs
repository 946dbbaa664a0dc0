//! The smallest month-1 volume that pays back within the target window, under the scenario's
//! own growth, cap, fees and prices (DESIGN.md, `calls_per_month_for_target`).
//!
//! Closed form where one exists: without a cap, cumulative savings at month `W = n + f` are
//! `c × s × (G(n) + f × r^n) − F × W` with `G(n) = (r^n − 1) / (r − 1)`, linear in the volume
//! `c`; when monthly savings never fall (growth ≥ 0, or no fixed fee) the best moment is the
//! end of the window, so `c = (upfront + F × W) / (s × (G(n) + f × r^n))`. Otherwise (a cap,
//! or a shrinking volume that a fee overtakes) a bisection on whole calls, each step an exact
//! payback. Either way the answer is checked: it pays back in time, one call fewer does not.

use super::figure::{op, Figure};
use super::flows::Flows;
use super::payback::payback;
use super::scalar::Scalar;

/// The highest month-1 volume tried when nothing caps the volume.
const MAX_VOLUME: f64 = 1e27;

/// Whether the flows at month-1 volume `calls` pay back within `window` months.
pub fn pays_within<S: Scalar>(f: &Flows<S>, calls: S, window: S) -> Result<bool, Figure> {
    Ok(payback(&f.at_volume(calls))?.is_some_and(|c| c.months <= window))
}

/// The smallest whole month-1 volume that pays back within `window` months, or `None` when no
/// volume does (savings per call ≤ 0 and fixed costs that do not pay back by themselves; or
/// even the cap is not enough).
pub fn calls_for_window<S: Scalar>(f: &Flows<S>, window: S) -> Result<Option<S>, Figure> {
    let v = Figure::VolumeTarget;
    let per_call = f.prices.savings_per_call()?;
    let fee = f.prices.extra_fixed()?;
    // No volume helps only if no month's prices make a call save or a fee shrink: a dated
    // price change can turn a dearer tuned call into a cheaper one from month 2.
    let (mut call_saves, mut fee_shrinks) = (per_call.is_positive(), fee < S::ZERO);
    for (_, later) in f.changes() {
        call_saves |= later.savings_per_call()?.is_positive();
        fee_shrinks |= later.extra_fixed()? < S::ZERO;
    }
    if !call_saves && !fee_shrinks && f.upfront.is_positive() {
        return Ok(None);
    }
    // No time left (the tuned model retires before month 1): no volume pays back.
    if window <= S::ZERO {
        return Ok(None);
    }
    if let Some(c) = closed_form(f, window, per_call, fee)? {
        let fewer = op(c.checked_sub(S::ONE), v)?;
        if pays_within(f, c, window)? && (c <= S::ONE || !pays_within(f, fewer, window)?) {
            return Ok(Some(c));
        }
    }
    if pays_within(f, S::ZERO, window)? {
        return Ok(Some(S::ZERO));
    }
    // When no call ever saves, more calls only cost more: nothing above 0 pays back either.
    if !call_saves {
        return Ok(None);
    }
    // An upper volume that pays back in time, if there is one.
    let hi = match f.cap {
        Some(cap) => {
            // Beyond this month-1 volume the cap binds all through the window.
            let r = op(S::ONE.checked_add(f.growth), v)?;
            let months = u32::try_from(window.ceil().to_f64() as u64).unwrap_or(u32::MAX);
            let hi = if r < S::ONE {
                match r.checked_powi(months).and_then(|g| cap.checked_div(g)) {
                    Some(h) => h,
                    None => S::from_f64(MAX_VOLUME).ok_or(v)?,
                }
            } else {
                cap
            };
            let hi = hi.ceil();
            if !pays_within(f, hi, window)? {
                return Ok(None);
            }
            hi
        }
        None => {
            let mut hi = S::ONE;
            let limit = S::from_f64(MAX_VOLUME).ok_or(v)?;
            loop {
                // A volume whose totals cannot be written down is beyond any real one: no
                // volume the scenario could have pays back.
                match pays_within(f, hi, window) {
                    Ok(true) => break hi,
                    Ok(false) => {}
                    Err(_) => return Ok(None),
                }
                if hi > limit {
                    return Ok(None);
                }
                hi = op(hi.checked_mul(S::from_u64(2)), v)?;
            }
        }
    };
    // Bisection on whole calls: `lo` does not pay back in time, `hi` does.
    let (mut lo, mut hi) = (S::ZERO, hi);
    let two = S::from_u64(2);
    while op(hi.checked_sub(lo), v)? > S::ONE {
        let mid = op(op(lo.checked_add(hi), v)?.checked_div(two), v)?.floor();
        if pays_within(f, mid, window)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(Some(hi))
}

/// The closed form of the module docs, rounded up to a whole call; `None` where it does not
/// apply (a cap, or falling savings with a fixed fee) or cannot be computed.
fn closed_form<S: Scalar>(
    f: &Flows<S>,
    window: S,
    per_call: S,
    fee: S,
) -> Result<Option<S>, Figure> {
    if f.cap.is_some()
        || !f.upfront.is_positive()
        || !per_call.is_positive()
        || (f.growth < S::ZERO && fee.is_positive())
    {
        return Ok(None);
    }
    let r = match S::ONE.checked_add(f.growth) {
        Some(r) => r,
        None => return Ok(None),
    };
    let n = window.floor();
    let Some(frac) = window.checked_sub(n) else {
        return Ok(None);
    };
    let months = u32::try_from(n.to_f64() as u64).unwrap_or(u32::MAX);
    let factor = || -> Option<S> {
        let rn = r.checked_powi(months)?;
        let g = if r == S::ONE {
            n
        } else {
            rn.checked_sub(S::ONE)?
                .checked_div(r.checked_sub(S::ONE)?)?
        };
        g.checked_add(frac.checked_mul(rn)?)?.checked_mul(per_call)
    };
    let needed = || -> Option<S> {
        f.upfront
            .checked_add(fee.checked_mul(window)?)?
            .checked_div(factor()?)
    };
    Ok(needed().map(|c| c.max(S::ZERO).ceil()))
}
