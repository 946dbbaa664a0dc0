//! `--kind sensitivity`: a tornado of how payback moves when each input varies by ±swing.
//!
//! When the scenario never pays back, the tornado shows net savings at the horizon instead.
//! The variations come from [`crate::analysis::whatif::tornado`].

use plotters::coord::Shift;
use plotters::prelude::*;
use rust_decimal::Decimal;

use super::bars::{self, Bar, Frame, Row};
use super::frame::{self, Entry, Look, Swatch};
use super::style::{self, f, money_label};
use crate::analysis::whatif::{Metric, Tornado};
use crate::engine::Case;
use crate::error::Error;
use crate::present::number::{fixed, plain};
use crate::present::words::{key_label, NEVER};

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    case: &Case,
    t: &Tornado,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let cur = case.scenario.currency.clone();
    let base = f(t.base);
    let pct = plain(t.swing * Decimal::ONE_HUNDRED);
    let finite = t.bars.iter().flat_map(|b| [b.low, b.high]).flatten().map(f);
    let (lo, hi) = finite.fold((base, base), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // "Never pays back" runs a little past the largest finite payback.
    let never_at = hi + ((hi - lo).abs() * 0.15).max(base.abs() * 0.1).max(1e-6);
    let any_never = t.bars.iter().any(|b| b.low.is_none() || b.high.is_none());
    let data = (lo, if any_never { never_at } else { hi });
    let describe = |v: Option<Decimal>| match (v, t.metric) {
        (None, _) => NEVER.to_string(),
        (Some(v), Metric::PaybackMonths) => format!("{} mo", fixed(v, 2)),
        (Some(v), Metric::NetSavingsAtHorizon) => money_label(f(v), &cur, hi - lo),
    };
    let name = &case.scenario.name;
    let title = match t.metric {
        Metric::PaybackMonths => format!("What moves payback (±{pct} %) — {name}"),
        Metric::NetSavingsAtHorizon => format!("What moves net savings (±{pct} %) — {name}"),
    };
    let legend = [
        Entry {
            label: format!("input −{pct} %"),
            color: style::PROMPTING,
            swatch: Swatch::Box,
        },
        Entry {
            label: format!("input +{pct} %"),
            color: style::TUNING,
            swatch: Swatch::Box,
        },
    ];
    // The biggest effects first; as many as the height shows, and a count of the rest.
    let area = frame::header(root, look, &title, None, &legend)?;
    let fit = bars::rows_that_fit(look, area.dim_in_pixel().1);
    let shown = if t.bars.len() > fit {
        fit.saturating_sub(1).max(1)
    } else {
        t.bars.len()
    };
    let hidden = t.bars.len() - shown;
    let mut rows: Vec<Row> = t
        .bars
        .iter()
        .take(shown)
        .map(|b| {
            let end = |v: Option<Decimal>, color| Bar {
                from: base,
                to: v.map_or(never_at, f),
                color,
                note: describe(v),
            };
            Row {
                label: key_label(b.key),
                bars: vec![end(b.low, style::PROMPTING), end(b.high, style::TUNING)],
            }
        })
        .collect();
    if hidden > 0 {
        rows.push(Row {
            label: format!("… {hidden} more move it less"),
            bars: Vec::new(),
        });
    }
    let x_desc = match t.metric {
        Metric::PaybackMonths => {
            format!("Payback in months (base case {} months)", fixed(t.base, 2))
        }
        Metric::NetSavingsAtHorizon => format!(
            "Net savings at {} months, {} (base case {})",
            case.eval.horizon_months,
            cur,
            money_label(base, &cur, hi - lo)
        ),
    };
    let fmt_money = |v: f64| money_label(v, &cur, data.1 - data.0);
    // Enough decimals that neighbouring ticks differ.
    let span = data.1 - data.0;
    let places = if span >= 20.0 {
        0
    } else if span >= 2.0 {
        1
    } else {
        2
    };
    let fmt_months = |v: f64| format!("{v:.places$}");
    let frame = Frame {
        x_desc,
        data,
        floor: (t.metric == Metric::PaybackMonths).then_some(0.0),
        reference: base,
        x_format: match t.metric {
            Metric::PaybackMonths => &fmt_months,
            Metric::NetSavingsAtHorizon => &fmt_money,
        },
        empty: format!("No input moves the result when varied by ±{pct} %"),
    };
    bars::draw(root, &area, look, &frame, &rows)
}

/// With ranges: each uncertain input's share of the variance of payback (or of net savings,
/// when no sample pays back), from the Monte Carlo samples' rank correlations.
pub fn draw_shares<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    case: &Case,
    drivers: &[crate::analysis::montecarlo::Driver],
    measured: crate::analysis::montecarlo::summary::Measured,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    use crate::analysis::montecarlo::summary::Measured;
    let of_payback = measured == Measured::PaybackMonths;
    let name = &case.scenario.name;
    let title = if of_payback {
        format!("What drives the uncertainty of payback — {name}")
    } else {
        format!("What drives the uncertainty of net savings — {name}")
    };
    let legend = [
        Entry {
            label: if of_payback {
                "higher input, sooner payback".into()
            } else {
                "higher input, more net savings".into()
            },
            color: style::GOOD,
            swatch: Swatch::Box,
        },
        Entry {
            label: if of_payback {
                "higher input, later payback".into()
            } else {
                "higher input, less net savings".into()
            },
            color: style::BAD,
            swatch: Swatch::Box,
        },
    ];
    let area = frame::header(root, look, &title, None, &legend)?;
    let fit = bars::rows_that_fit(look, area.dim_in_pixel().1);
    let shown = if drivers.len() > fit {
        fit.saturating_sub(1).max(1)
    } else {
        drivers.len()
    };
    let mut rows: Vec<Row> = drivers
        .iter()
        .take(shown)
        .map(|d| {
            let helps = (d.rank_correlation < 0.0) == of_payback;
            Row {
                label: key_label(d.key),
                bars: vec![Bar {
                    from: 0.0,
                    to: d.share_of_variance * 100.0,
                    color: if helps { style::GOOD } else { style::BAD },
                    note: crate::present::number::share(d.share_of_variance),
                }],
            }
        })
        .collect();
    if drivers.len() > shown {
        rows.push(Row {
            label: format!("… {} more matter less", drivers.len() - shown),
            bars: Vec::new(),
        });
    }
    let fmt = |v: f64| format!("{v:.0} %");
    let frame = Frame {
        x_desc: "Share of the variance (rank correlation squared), %".into(),
        data: (0.0, 100.0),
        floor: Some(0.0),
        reference: 0.0,
        x_format: &fmt,
        empty: "No input is uncertain".into(),
    };
    bars::draw(root, &area, look, &frame, &rows)
}
