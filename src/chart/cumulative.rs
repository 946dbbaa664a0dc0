//! `--kind cumulative`: what each option has cost so far, month by month.
//!
//! The lines come from [`crate::analysis::cumulative`]; the break-even point and its label are
//! the evaluation's exact figures; a chart without one says why in the evaluation's words.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::annotate::{self, Spot};
use super::drawing;
use super::style::{self, f, money_label};
use crate::analysis::CumulativeCurve;
use crate::engine::Case;
use crate::error::Error;
use crate::present::number::{money, months, months_phrase};
use crate::present::words::reasons;

/// Room the legend takes in the lower right corner, in pixels (two lines of note text).
const LEGEND_SIZE: (i32, i32) = (400, 64);

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    case: &Case,
    curve: &CumulativeCurve,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = &case.scenario;
    let e = &case.eval;
    let cur = s.currency.as_str();
    let n = curve.months;
    let y_max = curve
        .prompting
        .iter()
        .chain(&curve.tuning)
        .map(|p| p.1)
        .filter(|v| v.is_finite())
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
    obstacles.add_line(
        curve
            .prompting
            .iter()
            .map(|p| chart.backend_coord(p))
            .collect(),
    );
    obstacles.add_line(
        curve
            .tuning
            .iter()
            .map(|p| chart.backend_coord(p))
            .collect(),
    );
    chart
        .draw_series(LineSeries::new(
            curve.prompting.iter().copied(),
            style::line(style::PROMPTING, 3),
        ))
        .map_err(drawing)?
        .label("Prompting: long prompt on the base model")
        .legend(|(x, y)| {
            PathElement::new(vec![(x, y), (x + 24, y)], style::line(style::PROMPTING, 3))
        });
    let tuning_label = if s.inputs.training.retrain_every_months.is_some() {
        "Tuning: training, retraining, tuned calls and hosting"
    } else {
        "Tuning: training, tuned calls and hosting"
    };
    chart
        .draw_series(LineSeries::new(
            curve.tuning.iter().copied(),
            style::line(style::TUNING, 3),
        ))
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

    // The target window, as a dashed vertical line labelled at the top.
    let window = f(e.window.months);
    if window <= f64::from(n) {
        obstacles.add_line(vec![
            chart.backend_coord(&(window, 0.0)),
            chart.backend_coord(&(window, y_max)),
        ]);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(window, 0.0), (window, y_max)],
                8,
                6,
                style::line(style::TARGET, 2),
            ))
            .map_err(drawing)?;
        let (px, py) = chart.backend_coord(&(window, y_max));
        annotate::label(
            root,
            &[
                Spot::new((px + 4, py + 2), HPos::Left, VPos::Top),
                Spot::new((px - 4, py + 2), HPos::Right, VPos::Top),
            ],
            &format!("target: {}", months_phrase(e.window.months)),
            &style::text(style::NOTE_SIZE).color(&style::TARGET),
            &mut obstacles,
            None,
        )?;
    }

    // The break-even point, at the evaluation's exact figures.
    if let Some(b) = curve.break_even {
        let up = b.months.ceil();
        let label = if up.is_zero() {
            "pays back at once".to_string()
        } else {
            format!("pays back in month {}", months(up))
        };
        annotate::mark(
            root,
            chart.backend_coord(&(f(b.months), f(b.cost))),
            &format!("{label} ({})", money(b.cost, cur)),
            &style::text(style::NOTE_SIZE + 1.0).color(&style::GOOD),
            style::GOOD,
            &mut obstacles,
        )?;
    } else if e.payback_months.is_none() {
        // The evaluation's first reason says why.
        let why = reasons(case).into_iter().next().unwrap_or_default();
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
