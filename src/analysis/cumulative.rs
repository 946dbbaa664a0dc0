//! What each option has cost so far, month by month: the cumulative chart's lines.
//!
//! Prompting starts at zero; tuning starts at the up-front cost and steps up at each
//! retraining job. The months shown cover the horizon and the target, extended when payback
//! falls a little beyond them so that the crossing is on the chart.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::approximate;
use crate::engine::outcome::retrains_in;
use crate::engine::Case;
use crate::error::Error;
use crate::scenario::MAX_MONTHS;

/// Where the lines meet: the exact payback and the cumulative prompting cost at that moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreakEven {
    pub months: Decimal,
    pub cost: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CumulativeCurve {
    /// Months on the axis.
    pub months: u32,
    /// (month, cumulative prompting cost), month 0 included.
    pub prompting: Vec<(f64, f64)>,
    /// (month, cumulative tuning cost), with a vertical step at each retraining job.
    pub tuning: Vec<(f64, f64)>,
    /// `None` when tuning never pays back, or pays back beyond the months shown.
    pub break_even: Option<BreakEven>,
}

/// How many months to show: the horizon and the target window, extended to show a payback
/// that falls within three horizons (10 % past it, so the crossing is not on the edge).
pub fn months_shown(case: &Case) -> u32 {
    let e = &case.eval;
    let h = e.horizon_months;
    let window = e.window.months.ceil().to_u32().unwrap_or(MAX_MONTHS);
    let mut n = h.max(window);
    if let Some(p) = e.payback_months.and_then(|p| p.to_f64()) {
        if p > f64::from(n) * 0.95 && p <= f64::from(h) * 3.0 {
            n = (p * 1.1).ceil() as u32;
        }
    }
    n.clamp(1, MAX_MONTHS)
}

/// The lines for one scenario. Fails only when the break-even figure overflows a decimal,
/// which a scenario that evaluates cannot do (it is bounded by the horizon's totals).
pub fn curve(case: &Case) -> Result<CumulativeCurve, Error> {
    let e = &case.eval;
    let n = months_shown(case);
    let flows = approximate(&e.flows);
    let upfront = flows.upfront;
    let job = e.training_cost.to_f64().unwrap_or(0.0);
    let retrain = case.scenario.inputs.training.retrain_every_months;
    let end = case.scenario.schedule.end.and_then(|e| e.to_f64());
    let mut prompting = vec![(0.0, 0.0)];
    let mut tuning = vec![(0.0, upfront)];
    let mut jobs = 0;
    // Long horizons are drawn every few months (and at every retraining job): a line of more
    // than about 240 points looks no different and makes the chart heavier.
    let step = n.div_ceil(240).max(1);
    for m in 1..=n {
        let job_due = retrains_in(m, retrain, end) > jobs;
        let job_next = retrains_in(m + 1, retrain, end) > retrains_in(m, retrain, end);
        if m % step != 0 && m != n && !job_due && !job_next {
            continue;
        }
        // Months past what f64 can total (astronomical growth) end the lines there.
        let Ok(t) = flows.totals(f64::from(m)) else {
            break;
        };
        let paid_jobs = retrains_in(m, retrain, end);
        if job_due {
            // A job is paid at the end of month m − 1: a vertical step there.
            let x = f64::from(m - 1);
            let before = tuning.last().map_or(upfront, |p| p.1);
            tuning.push((x, before + job * f64::from(paid_jobs - jobs)));
            jobs = paid_jobs;
        }
        prompting.push((f64::from(m), t.prompting));
        tuning.push((f64::from(m), upfront + t.tuned + job * f64::from(jobs)));
    }
    let break_even = match e.payback_months {
        Some(p) if p <= Decimal::from(n) => Some(BreakEven {
            months: p,
            cost: e
                .flows
                .totals(p)
                .map_err(|f| f.overflow(&case.scenario))?
                .prompting,
        }),
        _ => None,
    };
    Ok(CumulativeCurve {
        months: n,
        prompting,
        tuning,
        break_even,
    })
}
