//! When cumulative savings first cover the up-front cost, and what volume that takes.

use rust_decimal::Decimal;

use super::cashflow::{months_of, Flows};
use super::checked::Checked;
use crate::error::Error;
use crate::scenario::MAX_MONTHS;

/// Where the payback search ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Payback {
    /// Savings cover the up-front cost after `months` (fractional), having served `calls`
    /// (fractional; display rounds up). The crossing happens in month `month`, when
    /// `saved_before` had been saved and that month saves `month_savings`.
    At {
        months: Decimal,
        calls: Decimal,
        month: u32,
        saved_before: Decimal,
        month_savings: Decimal,
    },
    /// A tuned call costs the same or more than a prompted one: monthly savings never turn
    /// positive.
    TunedNotCheaper,
    /// Not reached within [`MAX_MONTHS`] (hosting eats the savings, or volume shrinks).
    NotWithinSearch,
}

/// Searches month by month, interpolating linearly inside the crossing month:
/// `(m − 1) + (upfront − S_{m−1}) / savings_m`, where `S` is cumulative savings.
/// With constant volume this is exactly `upfront / savings_1`.
pub fn payback(c: Checked, f: &Flows) -> Result<Payback, Error> {
    if f.upfront_cost <= Decimal::ZERO {
        return Ok(Payback::At {
            months: Decimal::ZERO,
            calls: Decimal::ZERO,
            month: 0,
            saved_before: Decimal::ZERO,
            month_savings: Decimal::ZERO,
        });
    }
    if f.prompting_cost_per_call <= f.tuned_cost_per_call {
        // Every month saves at most −hosting ≤ 0, so the up-front cost is never recovered.
        return Ok(Payback::TunedNotCheaper);
    }
    let mut saved_before = Decimal::ZERO;
    let mut calls_before = Decimal::ZERO;
    for month in months_of(c, f).take(MAX_MONTHS as usize) {
        let month = month?;
        if month.cumulative_savings >= f.upfront_cost && month.savings > Decimal::ZERO {
            let what = "the payback month";
            let still_owed = c.sub(f.upfront_cost, saved_before, what)?;
            let fraction = c.div(still_owed, month.savings, what)?;
            let months = c.add(Decimal::from(month.month - 1), fraction, what)?;
            let calls_in_month = c.mul(fraction, month.calls, "the break-even calls")?;
            let calls = c.add(calls_before, calls_in_month, "the break-even calls")?;
            return Ok(Payback::At {
                months,
                calls,
                month: month.month,
                saved_before,
                month_savings: month.savings,
            });
        }
        saved_before = month.cumulative_savings;
        calls_before = month.cumulative_calls;
    }
    Ok(Payback::NotWithinSearch)
}

/// The constant monthly volume that pays back within `window` months:
/// `(upfront / window + hosting) / savings_per_call`, in calls per month (fractional).
/// `None` when a tuned call is not cheaper, so no volume can pay back.
pub fn calls_per_month_for(
    c: Checked,
    f: &Flows,
    window: Decimal,
) -> Result<Option<Decimal>, Error> {
    let per_call = c.sub(
        f.prompting_cost_per_call,
        f.tuned_cost_per_call,
        "the savings per call",
    )?;
    if per_call <= Decimal::ZERO || window <= Decimal::ZERO {
        return Ok(None);
    }
    let what = "the monthly volume needed for the target";
    let per_month = c.div(f.upfront_cost, window, what)?;
    let needed = c.add(per_month, f.hosting_per_month, what)?;
    Ok(Some(c.div(needed, per_call, what)?))
}
