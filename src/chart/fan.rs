//! `--kind fan`: what tuning has gained so far, month by month, across the samples: the median
//! as a line, half the samples inside the dark band (25th to 75th percentile), nine in ten
//! inside the light one (5th to 95th), and the zero line where tuning has paid for itself.
//!
//! The bands come from [`crate::analysis::montecarlo::fan`].

use plotters::coord::Shift;
use plotters::prelude::*;

use super::drawing;
use super::frame::{self, Entry, Look, Swatch};
use super::style::{self, money_tick, RGBColor};
use crate::analysis::montecarlo::fan::Fan;
use crate::engine::Case;
use crate::error::Error;
use crate::present::number::count;
use crate::present::words::uncertainty_sentence;

/// The bands' fills: the tuning blue, light and lighter.
const WIDE: RGBColor = RGBColor(205, 220, 243);
const NARROW: RGBColor = RGBColor(143, 176, 227);

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    case: &Case,
    fan: &Fan,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = &case.scenario;
    let cur = s.currency.as_str();
    let legend = [
        Entry {
            label: "median".into(),
            color: style::TUNING,
            swatch: Swatch::Line,
        },
        Entry {
            label: "half the samples".into(),
            color: NARROW,
            swatch: Swatch::Box,
        },
        Entry {
            label: "nine in ten".into(),
            color: WIDE,
            swatch: Swatch::Box,
        },
        Entry {
            label: "break-even (0)".into(),
            color: style::INK,
            swatch: Swatch::Line,
        },
        Entry {
            label: crate::present::words::window_legend(&case.eval.window),
            color: style::TARGET,
            swatch: Swatch::Dashed,
        },
    ];
    let title = format!("Net savings of tuning, month by month — {}", s.name);
    let mut subtitle = uncertainty_sentence(case).unwrap_or_default();
    if let Some(u) = &case.uncertainty {
        subtitle.push_str(&format!(
            " ({} samples{})",
            count(u128::from(u.samples)),
            if fan.samples_used < u.data.len() {
                format!(
                    ", bands from every {}th",
                    u.data.len() / fan.samples_used.max(1)
                )
            } else {
                String::new()
            }
        ));
    }
    let area = frame::header(root, look, &title, Some(&subtitle), &legend)?;
    let (w, h) = area.dim_in_pixel();
    let finite = |v: &&f64| v.is_finite();
    let lo = fan.p5.iter().filter(finite).fold(0.0_f64, |a, b| a.min(*b));
    let hi = fan
        .p95
        .iter()
        .filter(finite)
        .fold(0.0_f64, |a, b| a.max(*b));
    let pad = ((hi - lo) * 0.06).max(1e-9);
    let (y0, y1) = (lo - pad, hi + pad);
    let months = f64::from(fan.months.last().copied().unwrap_or(1).max(1));
    let mut chart = ChartBuilder::on(&area)
        .margin(look.margin())
        .x_label_area_size(look.px(48.0))
        .y_label_area_size(look.px(96.0))
        .build_cartesian_2d(frame::axis(0.0, months), frame::axis(y0, y1))
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .x_desc("Months from the decision")
        .y_desc(format!("Net savings so far ({cur})"))
        .axis_desc_style(style::text(look.axis()))
        .label_style(style::text(look.tick()))
        .x_labels(frame::ticks(w as i32, 60.0 * look.k))
        .y_labels(frame::ticks(h as i32, 40.0 * look.k))
        .bold_line_style(style::line(style::GRID, 1))
        .max_light_lines(0)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| money_tick(*v, cur, y1 - y0))
        .draw()
        .map_err(drawing)?;
    let clamp = |v: f64| if v.is_finite() { v.clamp(y0, y1) } else { y0 };
    let band = |low: &[f64], high: &[f64]| -> Vec<(f64, f64)> {
        let xs = fan.months.iter().map(|m| f64::from(*m));
        xs.clone()
            .zip(high.iter().map(|v| clamp(*v)))
            .chain(xs.rev().zip(low.iter().rev().map(|v| clamp(*v))))
            .collect()
    };
    chart
        .draw_series(std::iter::once(Polygon::new(
            band(&fan.p5, &fan.p95),
            style::fill(WIDE),
        )))
        .map_err(drawing)?;
    chart
        .draw_series(std::iter::once(Polygon::new(
            band(&fan.p25, &fan.p75),
            style::fill(NARROW),
        )))
        .map_err(drawing)?;
    chart
        .draw_series(LineSeries::new(
            vec![(0.0, 0.0), (months, 0.0)],
            style::line(style::INK, 1),
        ))
        .map_err(drawing)?;
    // The window tuning must pay back within.
    let window = style::f(case.eval.window.months);
    if window > 0.0 && window <= months {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(window, y0), (window, y1)],
                12,
                8,
                style::line(style::TARGET, 2),
            ))
            .map_err(drawing)?;
    }
    let stroke = look.px(3.0).max(2) as u32;
    chart
        .draw_series(LineSeries::new(
            fan.months
                .iter()
                .zip(&fan.p50)
                .map(|(m, v)| (f64::from(*m), clamp(*v))),
            style::line(style::TUNING, stroke),
        ))
        .map_err(drawing)?;
    Ok(())
}
