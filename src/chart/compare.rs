//! `--kind compare`: net savings at the horizon of several scenarios, one bar each, coloured
//! by verdict. Amounts in different currencies are never put on one axis: each currency gets
//! its own panel. When horizons differ the chart says so, and each bar names its own. When
//! there are more scenarios than the height shows, the biggest amounts are drawn and the rest
//! are counted.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Bar, Frame, Row};
use super::frame::{self, Entry, Look, Swatch};
use super::style::{self, f, money_label, RGBColor};
use crate::engine::{Case, Verdict};
use crate::error::Error;
use crate::present::words::verdict_label;

/// The most bars one chart draws, whatever its height.
pub const MAX_BARS: usize = 30;

/// The colour of a verdict, the same in every chart and report.
pub fn verdict_color(v: Verdict) -> RGBColor {
    match v {
        Verdict::Tune => style::GOOD,
        Verdict::StayWithPrompting => style::BAD,
        Verdict::TuneForConsistency => style::TUNING,
    }
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    cases: &[Case],
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let mut verdicts: Vec<Verdict> = Vec::new();
    for c in cases {
        if !verdicts.contains(&c.eval.verdict) {
            verdicts.push(c.eval.verdict);
        }
    }
    let legend: Vec<Entry> = verdicts
        .iter()
        .map(|v| Entry {
            label: verdict_label(*v).to_string(),
            color: verdict_color(*v),
            swatch: Swatch::Box,
        })
        .collect();
    let mut horizons: Vec<u32> = cases.iter().map(|c| c.eval.horizon_months).collect();
    horizons.sort_unstable();
    horizons.dedup();
    let subtitle = match horizons.as_slice() {
        [one] => format!("Net savings of tuning over {one} months (negative: tuning costs more)"),
        many => format!(
            "Horizons differ ({} months): each bar is net savings over its own horizon",
            many.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut currencies: Vec<&str> = cases.iter().map(|c| c.scenario.currency.as_str()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    let title = format!("Tuning compared: {} scenarios", cases.len());
    let area = frame::header(root, look, &title, Some(&subtitle), &legend)?;
    // One panel per currency, each as tall as its share of the bars.
    let groups: Vec<Vec<&Case>> = currencies
        .iter()
        .map(|cur| {
            cases
                .iter()
                .filter(|c| c.scenario.currency == *cur)
                .collect()
        })
        .collect();
    let (_, height) = area.dim_in_pixel();
    let total_rows: usize = groups.iter().map(Vec::len).sum::<usize>().max(1);
    let mut rest = area;
    for (i, (cur, group)) in currencies.iter().zip(&groups).enumerate() {
        let panel = if i + 1 == groups.len() {
            rest.clone()
        } else {
            let share = (f64::from(height) * group.len() as f64 / total_rows as f64) as u32;
            let (top, bottom) = rest.split_vertically(share.max(look.px(120.0) as u32));
            rest = bottom;
            top
        };
        panel_draw(root, &panel, look, cur, group, horizons.len() > 1)?;
    }
    Ok(())
}

/// One currency's bars.
fn panel_draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    look: Look,
    currency: &str,
    cases: &[&Case],
    mixed_horizons: bool,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let fit = bars::rows_that_fit(look, area.dim_in_pixel().1).min(MAX_BARS);
    // Biggest amounts first when not all fit; otherwise the order given.
    let mut order: Vec<&Case> = cases.to_vec();
    let hidden = if order.len() > fit {
        order.sort_by(|a, b| {
            f(b.eval.net_savings_at_horizon.abs())
                .total_cmp(&f(a.eval.net_savings_at_horizon.abs()))
        });
        let keep = fit.saturating_sub(1).max(1);
        let hidden = order.len() - keep;
        order.truncate(keep);
        hidden
    } else {
        0
    };
    let values: Vec<f64> = order
        .iter()
        .map(|c| f(c.eval.net_savings_at_horizon))
        .collect();
    let (lo, hi) = values
        .iter()
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let span = (hi - lo).max(1.0);
    let mut rows: Vec<Row> = order
        .iter()
        .zip(&values)
        .map(|(c, v)| Row {
            label: c.scenario.name.clone(),
            bars: vec![Bar {
                from: 0.0,
                to: *v,
                color: verdict_color(c.eval.verdict),
                note: if mixed_horizons {
                    format!(
                        "{} over {} mo",
                        money_label(*v, currency, span),
                        c.eval.horizon_months
                    )
                } else {
                    money_label(*v, currency, span)
                },
            }],
        })
        .collect();
    if hidden > 0 {
        rows.push(Row {
            label: format!("… and {hidden} more with smaller amounts"),
            bars: Vec::new(),
        });
    }
    let fmt = |v: f64| money_label(v, currency, span);
    let frame = Frame {
        x_desc: format!("Net savings of tuning ({currency})"),
        data: (lo, hi.max(lo + span * 0.05)),
        floor: None,
        reference: 0.0,
        x_format: &fmt,
        empty: String::new(),
    };
    bars::draw(root, area, look, &frame, &rows)
}
