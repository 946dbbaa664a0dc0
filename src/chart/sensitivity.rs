//! `--kind sensitivity`: a tornado of how payback moves when each input varies by ±swing.
//!
//! When the scenario never pays back, the tornado shows net savings at the horizon instead.
//! The variations come from [`crate::analysis::whatif::tornado`].

use plotters::coord::Shift;
use plotters::prelude::*;
use rust_decimal::Decimal;

use super::bars::{self, Bar, Frame, Row};
use super::style::{self, f, money_label};
use crate::analysis::whatif::{Metric, Tornado};
use crate::engine::Case;
use crate::error::Error;
use crate::present::number::{fixed, plain};
use crate::present::words::{key_label, NEVER};

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
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
    let pad = ((hi - lo).abs() * 0.25).max(base.abs() * 0.1).max(1e-6);
    let (x0, x1) = match t.metric {
        Metric::PaybackMonths => ((lo - pad).max(0.0), hi + pad),
        Metric::NetSavingsAtHorizon => (lo - pad, hi + pad),
    };
    let describe = |v: Option<Decimal>| match (v, t.metric) {
        (None, _) => NEVER.to_string(),
        (Some(v), Metric::PaybackMonths) => format!("{} mo", fixed(v, 2)),
        (Some(v), Metric::NetSavingsAtHorizon) => money_label(f(v), &cur, hi - lo),
    };
    let rows: Vec<Row> = t
        .bars
        .iter()
        .map(|b| {
            let end = |v: Option<Decimal>, color| Bar {
                from: base,
                // "Never pays back" runs off the chart's edge.
                to: v.map_or(x1, f),
                color,
                note: describe(v),
            };
            Row {
                label: key_label(b.key),
                bars: vec![end(b.low, style::PROMPTING), end(b.high, style::TUNING)],
            }
        })
        .collect();
    let name = &case.scenario.name;
    let (title, x_desc) = match t.metric {
        Metric::PaybackMonths => (
            format!("{name}: what moves payback (±{pct} %)"),
            format!("Payback in months (base case {} months)", fixed(t.base, 2)),
        ),
        Metric::NetSavingsAtHorizon => (
            format!("{name}: what moves net savings (±{pct} %)"),
            format!(
                "Net savings at {} months, {} (base case {})",
                case.eval.horizon_months,
                cur,
                money_label(base, &cur, hi - lo)
            ),
        ),
    };
    let fmt_money = |v: f64| money_label(v, &cur, x1 - x0);
    // Enough decimals that neighbouring ticks differ.
    let span = x1 - x0;
    let places = if span >= 20.0 {
        0
    } else if span >= 2.0 {
        1
    } else {
        2
    };
    let fmt_months = |v: f64| format!("{v:.places$}");
    let frame = Frame {
        title,
        x_desc,
        x_range: (x0, x1),
        reference: base,
        x_format: match t.metric {
            Metric::PaybackMonths => &fmt_months,
            Metric::NetSavingsAtHorizon => &fmt_money,
        },
        legend: vec![
            (format!("input −{pct} %"), style::PROMPTING),
            (format!("input +{pct} %"), style::TUNING),
        ],
        empty: format!("No input moves the result when varied by ±{pct} %"),
    };
    bars::draw(root, &frame, &rows)
}
