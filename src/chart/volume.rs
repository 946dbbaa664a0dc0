//! `--kind volume`: how payback depends on monthly call volume.
//!
//! Both axes are logarithmic: at constant volume payback is `upfront / (calls × savings per
//! call − fees)`, so without fees the curve is a straight line. The curve comes from
//! [`crate::analysis::volume`]; today's point and the volume the target needs are the
//! evaluation's exact figures, and volumes that never pay back are said so in words.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::annotate::{self, Spot};
use super::drawing;
use super::frame::{self, Entry, Look, Swatch};
use super::style::{self, calls_exact, calls_label, f};
use crate::analysis::VolumeCurve;
use crate::engine::Case;
use crate::error::Error;
use crate::present::number::{count, fixed, months_phrase};
use crate::present::words::{summary_sentence, NEVER};

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    case: &Case,
    curve: &VolumeCurve,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = &case.scenario;
    let e = &case.eval;
    let today = f(s.inputs.usage.calls_per_month);
    let window = f(e.window.months);
    let paybacks: Vec<f64> = curve
        .points
        .iter()
        .filter_map(|p| p.payback)
        .filter(|p| *p > 0.0)
        .collect();
    // Payback below a hundredth of a month (about seven hours) is not worth a decade of axis.
    // A window of 0 months (the model stopped taking jobs before month 1) has no target line;
    // the axis then spans the paybacks alone, or a decade either side of a month.
    let anchor = if window > 0.0 { window } else { 1.0 };
    let (y_lo, y_hi) = if paybacks.is_empty() {
        (anchor / 10.0, anchor * 10.0)
    } else {
        let lo = paybacks.iter().copied().fold(anchor, f64::min).max(0.01) * 0.7;
        let hi = paybacks
            .iter()
            .copied()
            .fold(anchor, f64::max)
            .max(lo * 10.0)
            * 1.4;
        (lo, hi)
    };
    let (y_lo, y_hi) = frame::log_ends(y_lo, y_hi);
    let (x_lo, x_hi) = frame::log_ends(curve.range.0, curve.range.1);

    let mut legend = vec![Entry {
        label: "Payback at that volume".into(),
        color: style::TUNING,
        swatch: Swatch::Line,
    }];
    if window > 0.0 {
        legend.push(Entry {
            label: crate::present::words::window_legend(&e.window),
            color: style::TARGET,
            swatch: Swatch::Dashed,
        });
    }
    if !curve.never.is_empty() {
        legend.push(Entry {
            label: format!("{NEVER} pays back"),
            color: style::NEVER_FILL,
            swatch: Swatch::Box,
        });
    }
    let title = format!("Payback by monthly volume — {}", s.name);
    let area = frame::header(root, look, &title, Some(&summary_sentence(case)), &legend)?;
    let (w, h) = area.dim_in_pixel();
    let mut chart = ChartBuilder::on(&area)
        .margin(look.margin())
        .x_label_area_size(look.px(48.0))
        .y_label_area_size(look.px(80.0))
        .build_cartesian_2d(frame::log_axis(x_lo, x_hi), frame::log_axis(y_lo, y_hi))
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_desc("Calls per month in month 1 (log scale)")
        .y_desc("Payback (months, log scale)")
        .axis_desc_style(style::text(look.axis()))
        .label_style(style::text(look.tick()))
        .x_labels(frame::ticks(w as i32, 80.0 * look.k))
        .y_labels(frame::ticks(h as i32, 45.0 * look.k))
        .bold_line_style(style::line(style::GRID, 1))
        .max_light_lines(0)
        .x_label_formatter(&|v| calls_label(*v))
        .y_label_formatter(&|v| months_tick(*v))
        .draw()
        .map_err(drawing)?;

    // Volumes that never pay back: shaded, and said in words.
    let mut obstacles = annotate::Obstacles::within(chart.plotting_area().get_pixel_range());
    for (a, b) in &curve.never {
        let (a, b) = (a.max(x_lo), b.min(x_hi));
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(a, y_lo), (b, y_hi)],
                style::fill(style::NEVER_FILL),
            )))
            .map_err(drawing)?;
    }

    // Target line across the whole chart (none when there is no time to pay back in).
    if window > 0.0 {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x_lo, window), (x_hi, window)],
                12,
                8,
                style::line(style::TARGET, 2),
            ))
            .map_err(drawing)?;
    }

    // The curve, broken where payback does not exist.
    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for p in &curve.points {
        match p.payback {
            Some(y) if y >= y_lo && y <= y_hi => {
                if let Some(seg) = segments.last_mut() {
                    seg.push((p.calls, y));
                }
            }
            _ => {
                if segments.last().is_some_and(|seg| !seg.is_empty()) {
                    segments.push(Vec::new());
                }
            }
        }
    }
    for seg in &segments {
        obstacles.add_line(seg.iter().map(|p| chart.backend_coord(p)).collect());
    }
    if window > 0.0 {
        obstacles.add_line(vec![
            chart.backend_coord(&(x_lo, window)),
            chart.backend_coord(&(x_hi, window)),
        ]);
    }
    let stroke = look.px(3.0).max(2) as u32;
    for seg in segments.into_iter().filter(|seg| !seg.is_empty()) {
        chart
            .draw_series(LineSeries::new(seg, style::line(style::TUNING, stroke)))
            .map_err(drawing)?;
    }

    // Today's volume: always on the chart, on the curve, or on the axis when it never pays.
    chart
        .draw_series(DashedLineSeries::new(
            vec![(today, y_lo), (today, y_hi)],
            6,
            6,
            style::line(style::MUTED, 1),
        ))
        .map_err(drawing)?;
    let y_today = e.payback_months.map_or(y_lo, |p| f(p).clamp(y_lo, y_hi));
    let (tx, ty) = chart.backend_coord(&(today, y_today));
    let today_label = match e.payback_months {
        Some(p) => format!(
            "today: {} calls/month, {} months",
            calls_exact(s.inputs.usage.calls_per_month),
            fixed(p, 2)
        ),
        None => format!(
            "today: {} calls/month, {NEVER} pays back",
            calls_exact(s.inputs.usage.calls_per_month)
        ),
    };
    root.draw(&Circle::new(
        (tx, ty),
        look.px(7.0).max(4),
        style::fill(style::PROMPTING),
    ))
    .map_err(drawing)?;
    let (_, bottom) = chart.backend_coord(&(today, y_lo));
    annotate::label(
        root,
        &[
            Spot::new((tx - 10, ty + 10), HPos::Right, VPos::Top),
            Spot::new((tx + 10, ty + 10), HPos::Left, VPos::Top),
            Spot::new((tx - 6, bottom - 6), HPos::Right, VPos::Bottom),
            Spot::new((tx + 6, bottom - 6), HPos::Left, VPos::Bottom),
            Spot::new((tx + 10, ty - 10), HPos::Left, VPos::Bottom),
            Spot::new((tx - 10, ty - 10), HPos::Right, VPos::Bottom),
        ],
        &today_label,
        &style::text(look.note()),
        &mut obstacles,
        Some((tx, ty)),
    )?;

    // The volume the target needs: the evaluation's figure, where the curve meets the target.
    match e.calls_per_month_for_target {
        Some(n) if (n as f64) > x_lo && (n as f64) < x_hi => {
            annotate::mark(
                root,
                chart.backend_coord(&(n as f64, window)),
                &format!(
                    "{} calls/month pays back in {}",
                    count(n),
                    months_phrase(e.window.months)
                ),
                &style::text(look.note()).color(&style::GOOD),
                style::GOOD,
                &mut obstacles,
            )?;
        }
        Some(_) => {}
        None => {
            let first_reason = crate::present::words::reasons(case).into_iter().next();
            let why = if e.savings_per_call <= rust_decimal::Decimal::ZERO {
                "No volume pays back: a tuned call costs at least as much as a prompted one".into()
            } else if window <= 0.0 {
                // No time to pay back in: the evaluation's own reason says why.
                first_reason.unwrap_or_else(|| "No volume pays back within the target".into())
            } else {
                "No volume pays back within the target".to_string()
            };
            annotate::label(
                root,
                &annotate::spread(chart.plotting_area().get_pixel_range()),
                &why,
                &style::text(look.note()).color(&style::BAD),
                &mut obstacles,
                None,
            )?;
        }
    }
    // Name the shaded ranges.
    for (a, b) in &curve.never {
        let (a, b) = (a.max(x_lo), b.min(x_hi));
        if b <= a {
            continue;
        }
        let mid = (a * b).sqrt();
        let (px, _) = chart.backend_coord(&(mid, y_hi));
        let (_, py) = chart.backend_coord(&(mid, (y_lo * y_hi).sqrt()));
        annotate::label(
            root,
            &[
                Spot::new((px, py), HPos::Center, VPos::Center),
                Spot::new((px, py - 40), HPos::Center, VPos::Center),
                Spot::new((px, py + 40), HPos::Center, VPos::Center),
            ],
            &format!("{NEVER} pays back at these volumes"),
            &style::muted_text(look.note()),
            &mut obstacles,
            None,
        )?;
    }

    Ok(())
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
