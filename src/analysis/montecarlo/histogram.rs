//! The payback chart's bars: how the samples' paybacks spread, with "never" apart.

use super::Uncertainty;
use crate::stats;

/// Bars across the months shown.
const BINS: usize = 40;
/// The most bars ever drawn, whatever the window and the spread.
pub const MAX_BINS: usize = 4 * BINS;

/// Shares of samples by payback month.
#[derive(Debug, Clone, PartialEq)]
pub struct PaybackHistogram {
    /// (from month, to month, share of all samples), left to right.
    pub bins: Vec<(f64, f64, f64)>,
    /// Samples paying back after the last bin: (from month, share).
    pub beyond: Option<(f64, f64)>,
    /// Share of samples that never pay back.
    pub never: f64,
    /// The window the chance is measured against, in months.
    pub window: f64,
    pub p_within: f64,
}

/// A round bin width near `raw`: 1, 2 or 5 times a power of ten.
fn nice(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let step = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    step * p
}

/// The histogram of an uncertain case's paybacks: bins up to about the 95th percentile of
/// those that pay back (and past the window), the rest in one bar, "never" in another.
pub fn payback_histogram(u: &Uncertainty) -> PaybackHistogram {
    let all = &u.data.payback_months;
    let n = all.len().max(1) as f64;
    let mut finite: Vec<f64> = all.iter().copied().filter(|p| p.is_finite()).collect();
    finite.sort_unstable_by(f64::total_cmp);
    let reach = stats::quantile_of_sorted(&finite, 0.95)
        .max(u.window_months)
        .max(1e-9)
        * 1.15;
    // Round widths, adjusted so the window falls on a bin's edge: a bar is either within it
    // or not.
    let mut width = nice(reach / BINS as f64);
    if u.window_months > 0.0 {
        let per_window = (u.window_months / width).round().max(1.0);
        let aligned = u.window_months / per_window;
        // Only when that keeps the bars few: a window of 1e-28 months beside paybacks of
        // years would need more bars than memory holds.
        if reach / aligned <= MAX_BINS as f64 {
            width = aligned;
        }
    }
    let count = ((reach / width).ceil() as usize).clamp(1, MAX_BINS);
    let last = width * count as f64;
    let mut shares = vec![0usize; count];
    let mut beyond = 0usize;
    for p in &finite {
        let i = (p / width).floor();
        if i < count as f64 && i >= 0.0 {
            shares[i as usize] += 1;
        } else {
            beyond += 1;
        }
    }
    PaybackHistogram {
        bins: shares
            .iter()
            .enumerate()
            .map(|(i, c)| (i as f64 * width, (i + 1) as f64 * width, *c as f64 / n))
            .collect(),
        beyond: (beyond > 0).then(|| (last, beyond as f64 / n)),
        never: u.p_never,
        window: u.window_months,
        p_within: u.p_payback_within_target,
    }
}
