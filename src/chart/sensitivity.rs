//! `--kind sensitivity`: a tornado of how payback moves when each input varies by ±swing.
//!
//! When the scenario never pays back, the tornado shows net savings at the horizon instead.
//! The variations are evaluated by the engine ([`crate::engine::whatif::sensitivity`]).

use plotters::coord::Shift;
use plotters::prelude::*;
use rust_decimal::Decimal;

use super::bars::{self, Bar, Frame, Row};
use super::style::{self, f, money_label};
use crate::engine::whatif::{sensitivity, Metric};
use crate::engine::Evaluation;
use crate::error::Error;
use crate::money::{fixed, plain};

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    e: &Evaluation,
    swing: Decimal,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let cur = e.scenario.currency.clone();
    let t = sensitivity(e, swing)?;
    let base = f(t.base);
    let pct = plain(swing * Decimal::ONE_HUNDRED);
    let finite = t
        .swings
        .iter()
        .flat_map(|s| [s.low, s.high])
        .flatten()
        .map(f);
    let (lo, hi) = finite.fold((base, base), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo).abs() * 0.25).max(base.abs() * 0.1).max(1e-6);
    let (x0, x1) = match t.metric {
        Metric::PaybackMonths => ((lo - pad).max(0.0), hi + pad),
        Metric::NetSavingsAtHorizon => (lo - pad, hi + pad),
    };
    let describe = |v: Option<Decimal>| match (v, t.metric) {
        (None, _) => "never".to_string(),
        (Some(v), Metric::PaybackMonths) => format!("{} mo", fixed(v, 2)),
        (Some(v), Metric::NetSavingsAtHorizon) => money_label(f(v), &cur, hi - lo),
    };
    let rows: Vec<Row> = t
        .swings
        .iter()
        .map(|s| {
            let end = |v: Option<Decimal>, color| Bar {
                from: base,
                // "Never pays back" runs off the chart's edge.
                to: v.map_or(x1, f),
                color,
                note: describe(v),
            };
            Row {
                label: s.input.label().to_string(),
                bars: vec![end(s.low, style::PROMPTING), end(s.high, style::TUNING)],
            }
        })
        .collect();
    let (title, x_desc) = match t.metric {
        Metric::PaybackMonths => (
            format!("{}: what moves payback (±{pct} %)", e.scenario.name),
            format!("Payback in months (base case {} months)", fixed(t.base, 2)),
        ),
        Metric::NetSavingsAtHorizon => (
            format!("{}: what moves net savings (±{pct} %)", e.scenario.name),
            format!(
                "Net savings at {} months, {} (base case {})",
                e.horizon_months,
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
    };
    bars::draw(root, &frame, &rows)
}
