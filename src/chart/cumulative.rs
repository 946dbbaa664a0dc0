//! `--kind cumulative`: what each option has cost so far, month by month.
//!
//! Prompting starts at zero; tuning starts at the up-front cost and steps up at each
//! retraining. Where the lines cross, tuning has paid back. The horizon is extended when
//! payback falls just beyond it, so the crossing is on the chart.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::annotate::{self, Spot};
use super::drawing;
use super::style::{self, f, money_label};
use crate::engine::{Evaluation, Month};
use crate::error::Error;
use crate::scenario::MAX_MONTHS;

/// Room the legend takes in the lower right corner, in pixels (two lines of note text).
const LEGEND_SIZE: (i32, i32) = (400, 64);

/// How many months to show: the horizon and the target, extended to show a payback that
/// falls within three horizons (10 % past it, so the crossing is not on the edge).
pub fn months_shown(e: &Evaluation) -> u32 {
    let h = e.horizon_months;
    let target = f(e.scenario.decision.target_payback_months).ceil() as u32;
    let mut n = h.max(target);
    if let Some(p) = e.payback_months {
        let p = f(p);
        if p > f64::from(n) * 0.95 && p <= f64::from(h) * 3.0 {
            n = (p * 1.1).ceil() as u32;
        }
    }
    n.clamp(1, MAX_MONTHS)
}

/// The tuning line's points, with a vertical step at each retraining job.
fn tuning_points(e: &Evaluation, months: &[Month]) -> Vec<(f64, f64)> {
    let mut pts = vec![(0.0, f(e.upfront_cost))];
    let mut retrains = 0;
    for m in months {
        if m.retrains > retrains {
            retrains = m.retrains;
            let before_month = m.cumulative_tuned - m.tuned_cost;
            let job_start = f64::from(m.month - 1);
            pts.push((job_start, f(before_month - e.training_cost)));
            pts.push((job_start, f(before_month)));
        }
        pts.push((f64::from(m.month), f(m.cumulative_tuned)));
    }
    pts
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Evaluation) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = &e.scenario;
    let cur = s.currency.as_str();
    let n = months_shown(e);
    let months = e.series(n)?;
    let prompting: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
        .chain(
            months
                .iter()
                .map(|m| (f64::from(m.month), f(m.cumulative_prompting))),
        )
        .collect();
    let tuning = tuning_points(e, &months);
    let y_max = prompting
        .iter()
        .chain(&tuning)
        .map(|p| p.1)
        .fold(0.0_f64, f64::max)
        .max(1e-9)
        * 1.08;

    let title = match e.payback_months {
        Some(_) => format!("{}: cumulative cost", s.name),
        None => format!("{}: tuning never pays back", s.name),
    };
    let mut chart = ChartBuilder::on(root)
        .caption(title, style::text(style::TITLE_SIZE))
        .margin(style::MARGIN)
        .x_label_area_size(48)
        .y_label_area_size(96)
        .build_cartesian_2d(0.0..f64::from(n), 0.0..y_max)
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_desc("Months from the decision")
        .y_desc(format!("Cumulative cost ({cur})"))
        .axis_desc_style(style::text(style::AXIS_DESC_SIZE))
        .label_style(style::text(style::TICK_SIZE))
        .bold_line_style(style::line(style::GRID, 1))
        .light_line_style(style::line(style::BACKGROUND, 0))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| money_label(*v, cur, y_max))
        .draw()
        .map_err(drawing)?;

    let mut obstacles = annotate::Obstacles::within(chart.plotting_area().get_pixel_range());
    obstacles.add_line(prompting.iter().map(|p| chart.backend_coord(p)).collect());
    obstacles.add_line(tuning.iter().map(|p| chart.backend_coord(p)).collect());
    chart
        .draw_series(LineSeries::new(prompting, style::line(style::PROMPTING, 3)))
        .map_err(drawing)?
        .label("Prompting: long prompt on the base model")
        .legend(|(x, y)| {
            PathElement::new(vec![(x, y), (x + 24, y)], style::line(style::PROMPTING, 3))
        });
    let tuning_label = if s.training.retrain_every_months.is_some() {
        "Tuning: training, retraining, tuned calls and hosting"
    } else {
        "Tuning: training, tuned calls and hosting"
    };
    chart
        .draw_series(LineSeries::new(tuning, style::line(style::TUNING, 3)))
        .map_err(drawing)?
        .label(tuning_label)
        .legend(|(x, y)| {
            PathElement::new(vec![(x, y), (x + 24, y)], style::line(style::TUNING, 3))
        });

    // The legend sits in the lower right corner; keep labels off it.
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    obstacles.add_box((
        xs.end - LEGEND_SIZE.0,
        ys.end - LEGEND_SIZE.1,
        xs.end,
        ys.end,
    ));

    // The target, as a dashed vertical line labelled at the top.
    let target = f(e.target_window_months);
    if target <= f64::from(n) {
        obstacles.add_line(vec![
            chart.backend_coord(&(target, 0.0)),
            chart.backend_coord(&(target, y_max)),
        ]);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(target, 0.0), (target, y_max)],
                8,
                6,
                style::line(style::TARGET, 2),
            ))
            .map_err(drawing)?;
        let (px, py) = chart.backend_coord(&(target, y_max));
        annotate::label(
            root,
            &[
                Spot::new((px + 4, py + 2), HPos::Left, VPos::Top),
                Spot::new((px - 4, py + 2), HPos::Right, VPos::Top),
            ],
            &format!(
                "target: {} months",
                crate::money::plain(e.target_window_months)
            ),
            &style::text(style::NOTE_SIZE).color(&style::TARGET),
            &mut obstacles,
            None,
        )?;
    }

    // The break-even point.
    if let Some(p) = e.payback_months {
        let x = f(p);
        if x <= f64::from(n) {
            let y = cost_at(&months, x, f(e.upfront_cost));
            let up = p.ceil();
            let label = if up.is_zero() {
                "pays back at once".to_string()
            } else {
                format!("pays back in month {}", crate::money::plain(up))
            };
            annotate::mark(
                root,
                chart.backend_coord(&(x, y)),
                &format!("{label} ({})", money_label(y, cur, y_max)),
                &style::text(style::NOTE_SIZE + 1.0).color(&style::GOOD),
                style::GOOD,
                &mut obstacles,
            )?;
        }
    } else {
        let why = if e.savings_per_call <= Decimal::ZERO {
            "a tuned call costs more than a prompted one"
        } else if e.hosting_per_month > Decimal::ZERO && e.savings_per_month <= Decimal::ZERO {
            "hosting costs more than the calls save"
        } else {
            "savings never cover the up-front cost in time"
        };
        annotate::label(
            root,
            &annotate::spread(chart.plotting_area().get_pixel_range()),
            &format!("No break-even: {why}"),
            &style::text(style::NOTE_SIZE + 2.0).color(&style::BAD),
            &mut obstacles,
            None,
        )?;
    }

    style::legend(&mut chart, SeriesLabelPosition::LowerRight)
}

/// Cumulative prompting cost at a fractional month, interpolated linearly inside the month
/// (the same interpolation the engine's payback uses): where the two lines meet.
fn cost_at(months: &[Month], x: f64, at_zero: f64) -> f64 {
    let whole = x.floor() as usize;
    let before = if whole == 0 {
        0.0
    } else {
        months
            .get(whole - 1)
            .map_or(at_zero, |m| f(m.cumulative_prompting))
    };
    let after = months
        .get(whole)
        .map_or(before, |m| f(m.cumulative_prompting));
    before + (after - before) * (x - x.floor())
}
