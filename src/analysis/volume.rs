//! Payback against monthly volume: the curve of the volume chart.
//!
//! The range always holds today's volume and the volume the target needs (the evaluation's
//! `calls_per_month_for_target`), a decade either side, at least three decades wide, and
//! never beyond what a decimal can hold. Points are log-spaced and evaluated in `f64` with the
//! engine's formulas, under the scenario's own growth, cap, fees, retraining rule and retirement.

use rust_decimal::prelude::ToPrimitive;

use super::approximate;
use crate::engine::payback::payback;
use crate::engine::Case;

/// Points per curve, log-spaced.
const SAMPLES: u32 = 97;
/// The largest volume drawn: what a decimal can hold.
pub const MAX_VOLUME: f64 = 7.9e28;
/// The smallest volume drawn.
const MIN_VOLUME: f64 = 1e-3;

/// Payback at one month-1 volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Calls in month 1 (before the cap).
    pub calls: f64,
    /// Months; `None`: never pays back at this volume.
    pub payback: Option<f64>,
}

/// The volume chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeCurve {
    /// In order of volume.
    pub points: Vec<Point>,
    /// The volumes the axis spans.
    pub range: (f64, f64),
    /// Volume ranges where tuning never pays back, in order.
    pub never: Vec<(f64, f64)>,
}

/// The curve for one scenario.
pub fn curve(case: &Case) -> VolumeCurve {
    let e = &case.eval;
    let flows = approximate(&e.flows);
    let retrain = case
        .scenario
        .inputs
        .training
        .retrain_every_months
        .map(f64::from);
    let today = flows.calls;
    let needed = e
        .calls_per_month_for_target
        .and_then(|n| n.to_f64())
        .filter(|n| *n > 0.0);
    let (lo, hi) = range(today, needed);
    let mut volumes: Vec<f64> = (0..SAMPLES)
        .map(|i| (lo.ln() + (hi.ln() - lo.ln()) * f64::from(i) / f64::from(SAMPLES - 1)).exp())
        .chain([today])
        // Just below and at the needed volume, so a steep edge is drawn where it is.
        .chain(needed.into_iter().flat_map(|n| [n - 1.0, n]))
        .filter(|v| *v >= lo && *v <= hi)
        .collect();
    volumes.sort_by(f64::total_cmp);
    volumes.dedup();
    let points: Vec<Point> = volumes
        .into_iter()
        .map(|calls| Point {
            calls,
            payback: payback(&flows.at_volume(calls))
                .ok()
                .flatten()
                .map(|x| x.months)
                .filter(|p| retrain.is_none_or(|r| *p <= r))
                // After the tuned model stops serving, a payback is none (as in the engine).
                .filter(|p| flows.end.is_none_or(|end| *p <= end)),
        })
        .collect();
    let mut never = Vec::new();
    let mut start: Option<f64> = None;
    for (i, p) in points.iter().enumerate() {
        match (p.payback, start) {
            (None, None) => start = Some(p.calls),
            (Some(_), Some(s)) => {
                never.push((s, points[i - 1].calls));
                start = None;
            }
            _ => {}
        }
    }
    if let (Some(s), Some(last)) = (start, points.last()) {
        never.push((s, last.calls));
    }
    VolumeCurve {
        points,
        range: (lo, hi),
        never,
    }
}

/// A log range holding today's volume and the needed one, a decade either side, at least
/// three decades wide, within [`MIN_VOLUME`, `MAX_VOLUME`].
fn range(today: f64, needed: Option<f64>) -> (f64, f64) {
    let lo_anchor = needed.map_or(today, |n| n.min(today));
    let hi_anchor = needed.map_or(today, |n| n.max(today));
    let (mut lo, mut hi) = (lo_anchor / 10.0, hi_anchor * 10.0);
    if hi / lo < 1000.0 {
        let centre = (lo * hi).sqrt();
        lo = centre / 1000f64.sqrt();
        hi = centre * 1000f64.sqrt();
    }
    let hi = hi.min(MAX_VOLUME);
    (lo.max(MIN_VOLUME).min(hi / 10.0), hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_holds_both_volumes_with_room_either_side() {
        let (lo, hi) = range(10_000.0, Some(55_556.0));
        assert!(lo <= 1_000.0 && hi >= 555_560.0, "{lo}..{hi}");
        let (lo, hi) = range(1e7, Some(10.0));
        assert!(lo <= 1.0 && hi >= 1e8, "{lo}..{hi}");
        // Three decades at least, around today's volume.
        let (lo, hi) = range(500.0, None);
        assert!((hi / lo - 1000.0).abs() < 1e-6 && lo < 500.0 && hi > 500.0);
        // Never past a decimal's range.
        let (lo, hi) = range(3e28, None);
        assert_eq!(hi, MAX_VOLUME);
        assert!(lo < 3e28);
    }
}
