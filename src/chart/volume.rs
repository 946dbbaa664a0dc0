//! `--kind volume`: how payback depends on monthly call volume.
//!
//! Both axes are logarithmic: at constant volume payback is `upfront / (calls × savings per
//! call − hosting)`, so without hosting the curve is a straight line. The volume spans 100×
//! below to 100× above the scenario's own; each point is an evaluation by the engine.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use super::annotate::{self, Spot};
use super::drawing;
use super::style::{self, calls_exact, calls_label, f};
use crate::engine::whatif::{at_volume, volume_for_payback};
use crate::engine::Evaluation;
use crate::error::Error;
use crate::money::{fixed, plain};

/// Room the legend takes in the upper right corner, in pixels.
const LEGEND_SIZE: (i32, i32) = (240, 64);

/// Points per curve, log-spaced.
const SAMPLES: u32 = 161;
/// How far below and above the scenario's volume the curve reaches.
const SPAN: f64 = 100.0;

/// Payback (months) at each sampled volume; `None` where it never pays back. `extra`
/// volumes (the target crossing) are sampled too, so a steep cliff still reaches them.
pub fn curve(e: &Evaluation, extra: &[Decimal]) -> Result<Vec<(f64, Option<f64>)>, Error> {
    let base = f(e.scenario.usage.calls_per_month);
    let (lo, hi) = ((base / SPAN).ln(), (base * SPAN).ln());
    let mut volumes: Vec<Decimal> = (0..SAMPLES)
        .filter_map(|i| {
            Decimal::from_f64((lo + (hi - lo) * f64::from(i) / f64::from(SAMPLES - 1)).exp())
        })
        .map(|d| d.round_dp(6))
        .chain(extra.iter().copied())
        .collect();
    volumes.sort();
    volumes.dedup();
    let mut out = Vec::with_capacity(volumes.len());
    for calls in volumes {
        let payback = at_volume(&e.scenario, calls)?.payback_months.map(f);
        out.push((f(calls), payback));
    }
    Ok(out)
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Evaluation) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = &e.scenario;
    let base = f(s.usage.calls_per_month);
    let target = f(e.target_window_months);
    let crossing = volume_for_payback(e, e.target_window_months)?;
    let points = curve(e, crossing.as_slice())?;
    let paybacks: Vec<f64> = points
        .iter()
        .filter_map(|p| p.1)
        .filter(|p| *p > 0.0)
        .collect();
    // Payback below a hundredth of a month (about seven hours) is not worth a decade of axis.
    let (y_lo, y_hi) = if paybacks.is_empty() {
        (target / 10.0, target * 10.0)
    } else {
        let lo = paybacks.iter().copied().fold(target, f64::min).max(0.01) * 0.7;
        (
            lo,
            paybacks
                .iter()
                .copied()
                .fold(target, f64::max)
                .max(lo * 10.0)
                * 1.4,
        )
    };
    let (x_lo, x_hi) = (base / SPAN, base * SPAN);

    let title = format!("{}: payback by monthly volume", s.name);
    let mut chart = ChartBuilder::on(root)
        .caption(title, style::text(style::TITLE_SIZE))
        .margin(style::MARGIN)
        .x_label_area_size(48)
        .y_label_area_size(80)
        .build_cartesian_2d((x_lo..x_hi).log_scale(), (y_lo..y_hi).log_scale())
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_desc("Calls per month in month 1 (log scale)")
        .y_desc("Payback (months, log scale)")
        .axis_desc_style(style::text(style::AXIS_DESC_SIZE))
        .label_style(style::text(style::TICK_SIZE))
        .bold_line_style(style::line(style::GRID, 1))
        .light_line_style(style::line(style::BACKGROUND, 0))
        .x_label_formatter(&|v| calls_label(*v))
        .y_label_formatter(&|v| months_tick(*v))
        .draw()
        .map_err(drawing)?;

    // Target line across the whole chart.
    chart
        .draw_series(DashedLineSeries::new(
            vec![(x_lo, target), (x_hi, target)],
            8,
            6,
            style::line(style::TARGET, 2),
        ))
        .map_err(drawing)?
        .label(format!("Target: {} months", plain(e.target_window_months)))
        .legend(|(x, y)| {
            PathElement::new(vec![(x, y), (x + 24, y)], style::line(style::TARGET, 2))
        });

    // The curve, broken where payback does not exist.
    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (calls, p) in &points {
        match p {
            Some(p) if *p >= y_lo && *p <= y_hi => {
                segments.last_mut().map_or((), |seg| seg.push((*calls, *p)))
            }
            _ => {
                if segments.last().is_some_and(|seg| !seg.is_empty()) {
                    segments.push(Vec::new());
                }
            }
        }
    }
    let mut obstacles = annotate::Obstacles::within(chart.plotting_area().get_pixel_range());
    for seg in &segments {
        obstacles.add_line(seg.iter().map(|p| chart.backend_coord(p)).collect());
    }
    obstacles.add_line(vec![
        chart.backend_coord(&(x_lo, target)),
        chart.backend_coord(&(x_hi, target)),
    ]);
    // The legend sits in the upper right corner.
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    obstacles.add_box((
        xs.end - LEGEND_SIZE.0,
        ys.start,
        xs.end,
        ys.start + LEGEND_SIZE.1,
    ));
    let mut labelled = false;
    for seg in segments.into_iter().filter(|seg| !seg.is_empty()) {
        let series = chart
            .draw_series(LineSeries::new(seg, style::line(style::TUNING, 3)))
            .map_err(drawing)?;
        if !labelled {
            series.label("Payback at that volume").legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 24, y)], style::line(style::TUNING, 3))
            });
            labelled = true;
        }
    }

    // Today's volume.
    chart
        .draw_series(DashedLineSeries::new(
            vec![(base, y_lo), (base, y_hi)],
            4,
            5,
            style::line(style::MUTED, 1),
        ))
        .map_err(drawing)?;
    let today = match e.payback_months {
        Some(p) => {
            let y = f(p).clamp(y_lo, y_hi);
            chart
                .draw_series(std::iter::once(Circle::new(
                    (base, y),
                    7,
                    style::fill(style::PROMPTING),
                )))
                .map_err(drawing)?;
            format!(
                "today: {} calls/month, {} months",
                calls_exact(s.usage.calls_per_month),
                fixed(p, 2)
            )
        }
        None => format!(
            "today: {} calls/month, never pays back",
            calls_exact(s.usage.calls_per_month)
        ),
    };
    // Payback falls as volume rises, so the lower left of the chart is always empty.
    let (px, py) = chart.backend_coord(&(base, y_lo));
    let (_, top) = chart.backend_coord(&(base, y_hi));
    annotate::label(
        root,
        &[
            Spot::new((px - 6, py - 6), HPos::Right, VPos::Bottom),
            Spot::new((px + 6, py - 6), HPos::Left, VPos::Bottom),
            Spot::new((px + 6, top + 6), HPos::Left, VPos::Top),
            Spot::new((px - 6, top + 6), HPos::Right, VPos::Top),
        ],
        &today,
        &style::text(style::NOTE_SIZE),
        &mut obstacles,
        None,
    )?;

    // Where the curve crosses the target.
    match crossing {
        Some(v) if f(v) > x_lo && f(v) < x_hi => {
            let x = f(v);
            annotate::mark(
                root,
                chart.backend_coord(&(x, target)),
                &format!(
                    "{} calls/month pays back in {} months",
                    calls_exact(v),
                    plain(e.target_window_months)
                ),
                &style::text(style::NOTE_SIZE).color(&style::GOOD),
                style::GOOD,
                &mut obstacles,
            )?;
        }
        _ => {
            let why = if e.savings_per_call <= Decimal::ZERO {
                "No volume pays back: a tuned call costs more than a prompted one"
            } else {
                "No volume in this range pays back within the target"
            };
            annotate::label(
                root,
                &annotate::spread(chart.plotting_area().get_pixel_range()),
                why,
                &style::text(style::NOTE_SIZE + 2.0).color(&style::BAD),
                &mut obstacles,
                None,
            )?;
        }
    }

    style::legend(&mut chart, SeriesLabelPosition::UpperRight)
}

/// Months on a log axis: 0.5, 3, 12, 120.
fn months_tick(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        let t = format!("{v:.1}");
        t.strip_suffix(".0").map(str::to_string).unwrap_or(t)
    } else {
        format!("{v:.2}")
    }
}
