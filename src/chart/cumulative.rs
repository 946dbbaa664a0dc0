//! `--kind cumulative`: what each option has cost so far, month by month.
//!
//! The lines come from [`crate::analysis::cumulative`]; the break-even point and its label are
//! the evaluation's exact figures. The subtitle is the verdict in one sentence, in the
//! evaluation's words: a chart whose lines cross early but whose verdict is "stay" says why,
//! and so does a chart without a crossing.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::annotate;
use super::drawing;
use super::frame::{self, Entry, Look, Swatch};
use super::style::{self, f, money_label};
use crate::analysis::CumulativeCurve;
use crate::engine::Case;
use crate::error::Error;
use crate::present::number::{money, months};
use crate::present::words::summary_sentence;

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
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

    let tuning_label = if s.inputs.training.retrain_every_months.is_some() {
        "Tuning: training, retraining, tuned calls and hosting"
    } else {
        "Tuning: training, tuned calls and hosting"
    };
    let legend = [
        Entry {
            label: "Prompting: long prompt on the base model".into(),
            color: style::PROMPTING,
            swatch: Swatch::Line,
        },
        Entry {
            label: tuning_label.into(),
            color: style::TUNING,
            swatch: Swatch::Line,
        },
        Entry {
            label: crate::present::words::window_legend(&e.window),
            color: style::TARGET,
            swatch: Swatch::Dashed,
        },
    ];
    let title = match e.payback_months {
        Some(_) => format!("Cumulative cost — {}", s.name),
        None => format!("Tuning never pays back — {}", s.name),
    };
    let area = frame::header(root, look, &title, Some(&summary_sentence(case)), &legend)?;
    let (w, h) = area.dim_in_pixel();
    let mut chart = ChartBuilder::on(&area)
        .margin(look.margin())
        .x_label_area_size(look.px(48.0))
        .y_label_area_size(look.px(96.0))
        .build_cartesian_2d(frame::axis(0.0, f64::from(n)), frame::axis(0.0, y_max))
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_desc("Months from the decision")
        .y_desc(format!("Cumulative cost ({cur})"))
        .axis_desc_style(style::text(look.axis()))
        .label_style(style::text(look.tick()))
        .x_labels(frame::ticks(w as i32, 60.0 * look.k))
        .y_labels(frame::ticks(h as i32, 40.0 * look.k))
        .bold_line_style(style::line(style::GRID, 1))
        .max_light_lines(0)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| money_label(*v, cur, y_max))
        .draw()
        .map_err(drawing)?;

    let stroke = look.px(3.0).max(2) as u32;
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
            style::line(style::PROMPTING, stroke),
        ))
        .map_err(drawing)?;
    chart
        .draw_series(LineSeries::new(
            curve.tuning.iter().copied(),
            style::line(style::TUNING, stroke),
        ))
        .map_err(drawing)?;

    // The target window, as a dashed vertical line (named in the legend).
    let window = f(e.window.months);
    if window <= f64::from(n) {
        obstacles.add_line(vec![
            chart.backend_coord(&(window, 0.0)),
            chart.backend_coord(&(window, y_max)),
        ]);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(window, 0.0), (window, y_max)],
                12,
                8,
                style::line(style::TARGET, 2),
            ))
            .map_err(drawing)?;
    }

    // The break-even point, at the evaluation's exact figures.
    if let Some(b) = curve.break_even {
        let up = b.months.ceil();
        let mut label = if up.is_zero() {
            "pays back at once".to_string()
        } else {
            format!("pays back in month {}", months(up))
        };
        if !s.uncertain.is_empty() {
            label = format!("at the medians, {label}");
        }
        annotate::mark(
            root,
            chart.backend_coord(&(f(b.months), f(b.cost))),
            &format!("{label} ({})", money(b.cost, cur)),
            &style::text(look.note()).color(&style::GOOD),
            style::GOOD,
            &mut obstacles,
        )?;
    }
    Ok(())
}
