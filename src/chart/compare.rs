//! `--kind compare`: net savings at the horizon of several scenarios, one bar each.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Bar, Frame, Row};
use super::style::{self, f, money_label};
use crate::engine::Case;
use crate::error::Error;

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, cases: &[Case]) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let values: Vec<f64> = cases
        .iter()
        .map(|c| f(c.eval.net_savings_at_horizon))
        .collect();
    let (lo, hi) = values
        .iter()
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let span = (hi - lo).max(1.0);
    // Room for the value written past each bar's end.
    let (x0, x1) = (
        if lo < 0.0 { lo - span * 0.28 } else { 0.0 },
        if hi > 0.0 {
            hi + span * 0.28
        } else {
            span * 0.05
        },
    );
    let currencies: std::collections::BTreeSet<&str> =
        cases.iter().map(|c| c.scenario.currency.as_str()).collect();
    let axis_currency = if currencies.len() == 1 {
        currencies.iter().next().copied().unwrap_or("USD")
    } else {
        ""
    };
    let rows: Vec<Row> = cases
        .iter()
        .zip(&values)
        .map(|(c, v)| Row {
            label: c.scenario.name.clone(),
            bars: vec![Bar {
                from: 0.0,
                to: *v,
                color: if *v >= 0.0 { style::GOOD } else { style::BAD },
                note: format!(
                    "{} over {} mo",
                    money_label(*v, &c.scenario.currency, span),
                    c.eval.horizon_months
                ),
            }],
        })
        .collect();
    let x_desc = if axis_currency.is_empty() {
        "Net savings of tuning at each scenario's horizon (mixed currencies, not converted)"
            .to_string()
    } else {
        format!("Net savings of tuning at each scenario's horizon ({axis_currency})")
    };
    let fmt = |v: f64| {
        if axis_currency.is_empty() {
            rust_decimal::Decimal::from_f64_retain(v.round())
                .map_or_else(String::new, crate::present::number::plain)
        } else {
            money_label(v, axis_currency, span)
        }
    };
    let frame = Frame {
        title: format!("Tuning compared: net savings of {} scenarios", cases.len()),
        x_desc,
        x_range: (x0, x1),
        reference: 0.0,
        x_format: &fmt,
        legend: Vec::new(),
        empty: String::new(),
    };
    bars::draw(root, &frame, &rows)
}
