//! `--kind map`: the decision map. Over two inputs, the cells where tuning pays back within
//! the window, within the horizon, or not at all; the exact line where payback equals the
//! window; and the scenario's own point, labelled. The regions and the line come from
//! [`crate::analysis::map`].

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::annotate::{self, Spot};
use super::drawing;
use super::frame::{self, Entry, Look, Swatch};
use super::style::{self, calls_label, money_tick};
use crate::analysis::map::{Along, Axis, DecisionMap, Region};
use crate::engine::Case;
use crate::error::Error;
use crate::present::solve::map_axis;
use crate::present::words::{summary_sentence, window_name};
use crate::scenario::Key;

/// Soft fills for the regions, dark enough to print.
const IN_WINDOW: RGBColor = RGBColor(205, 235, 214);
const IN_HORIZON: RGBColor = RGBColor(255, 236, 196);
const NEVER: RGBColor = RGBColor(246, 214, 210);
/// The payback-equals-window line.
const EDGE: RGBColor = RGBColor(33, 37, 41);

fn tick(axis: &Axis, v: f64, currency: &str) -> String {
    let span = axis.hi - axis.lo;
    match axis.along {
        Along::Input(Key::CallsPerMonth | Key::MaxCallsPerMonth) => calls_label(v),
        Along::Input(k) if k.is_price() => money_tick(v, currency, span),
        Along::Input(k) if k.is_fraction() => {
            let pct = (v * 100.0).round();
            format!("{} %", if pct == 0.0 { 0.0 } else { pct })
        }
        _ if span >= 10.0 => calls_label(v),
        _ => format!("{v:.2}"),
    }
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    case: &Case,
    m: &DecisionMap,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = &case.scenario;
    let e = &case.eval;
    let cur = &s.currency;
    let legend = vec![
        Entry {
            label: format!("pays back within {}", window_name(&e.window)),
            color: IN_WINDOW,
            swatch: Swatch::Box,
        },
        Entry {
            label: format!("within the {}-month horizon", s.decision.horizon_months),
            color: IN_HORIZON,
            swatch: Swatch::Box,
        },
        Entry {
            label: "not within the horizon".into(),
            color: NEVER,
            swatch: Swatch::Box,
        },
        Entry {
            label: format!(
                "pays back in exactly {}",
                crate::present::number::months_phrase(e.window.months)
            ),
            color: EDGE,
            swatch: Swatch::Line,
        },
    ];
    let title = format!("Where tuning pays back — {}", s.name);
    let mut subtitle = summary_sentence(case);
    if !s.uncertain.is_empty() {
        subtitle.push_str(" (the map is drawn at the ranges' medians)");
    }
    let area = frame::header(root, look, &title, Some(&subtitle), &legend)?;
    let (w, h) = area.dim_in_pixel();
    let (x, y) = (m.x, m.y);
    let mut builder = ChartBuilder::on(&area);
    builder
        .margin(look.margin())
        .x_label_area_size(look.px(48.0))
        .y_label_area_size(look.px(86.0));
    let x_desc = map_axis(x.along, cur, x.log);
    let y_desc = map_axis(y.along, cur, y.log);
    // Cells as rectangles in the axis's own coordinates; the axis types differ by scale, so
    // the drawing is written once over a closure that maps a fraction to a value.
    macro_rules! body {
        ($chart:expr) => {{
            let mut chart = $chart;
            chart
                .configure_mesh()
                .x_desc(x_desc.as_str())
                .y_desc(y_desc.as_str())
                .axis_desc_style(style::text(look.axis()))
                .label_style(style::text(look.tick()))
                .x_labels(frame::ticks(w as i32, 80.0 * look.k))
                .y_labels(frame::ticks(h as i32, 45.0 * look.k))
                .disable_mesh()
                .x_label_formatter(&|v| tick(&x, *v, cur))
                .y_label_formatter(&|v| tick(&y, *v, cur))
                .draw()
                .map_err(drawing)?;
            let at = |axis: &Axis, k: usize, n: usize| axis.at(k as f64 / n as f64);
            let cells = m.cells.iter().enumerate().map(|(i, region)| {
                let (r, c) = (i / m.columns, i % m.columns);
                let color = match region {
                    Region::InWindow => IN_WINDOW,
                    Region::InHorizon => IN_HORIZON,
                    Region::Never => NEVER,
                };
                Rectangle::new(
                    [
                        (at(&x, c, m.columns), at(&y, r, m.rows)),
                        (at(&x, c + 1, m.columns), at(&y, r + 1, m.rows)),
                    ],
                    style::fill(color),
                )
            });
            chart.draw_series(cells).map_err(drawing)?;
            let mut obstacles =
                annotate::Obstacles::within(chart.plotting_area().get_pixel_range());
            // The line, broken where no value works.
            let stroke = look.px(3.0).max(2) as u32;
            let mut segment: Vec<(f64, f64)> = Vec::new();
            let inside =
                |(px, py): (f64, f64)| px >= x.lo && px <= x.hi && py >= y.lo && py <= y.hi;
            for p in m.line.iter().chain(std::iter::once(&None)) {
                match p {
                    Some(pt) if inside(*pt) => segment.push(*pt),
                    _ => {
                        if segment.len() > 1 {
                            obstacles
                                .add_line(segment.iter().map(|q| chart.backend_coord(q)).collect());
                            chart
                                .draw_series(LineSeries::new(
                                    segment.clone(),
                                    style::line(EDGE, stroke),
                                ))
                                .map_err(drawing)?;
                        }
                        segment.clear();
                    }
                }
            }
            // The scenario itself.
            let (px, py) = m.point;
            let (px, py) = (px.clamp(x.lo, x.hi), py.clamp(y.lo, y.hi));
            let (tx, ty) = chart.backend_coord(&(px, py));
            root.draw(&Circle::new(
                (tx, ty),
                look.px(8.0).max(5),
                ShapeStyle::from(&style::PROMPTING).filled(),
            ))
            .map_err(drawing)?;
            root.draw(&Circle::new(
                (tx, ty),
                look.px(8.0).max(5),
                style::line(style::INK, 2),
            ))
            .map_err(drawing)?;
            let label = crate::present::solve::map_point(case, m);
            let mut spots = vec![
                Spot::new((tx + 12, ty - 12), HPos::Left, VPos::Bottom),
                Spot::new((tx - 12, ty - 12), HPos::Right, VPos::Bottom),
                Spot::new((tx + 12, ty + 12), HPos::Left, VPos::Top),
                Spot::new((tx - 12, ty + 12), HPos::Right, VPos::Top),
            ];
            spots.extend(annotate::around((tx, ty)));
            annotate::label(
                root,
                &spots,
                &label,
                &style::text(look.note()),
                &mut obstacles,
                Some((tx, ty)),
            )?;
            Ok::<(), Error>(())
        }};
    }
    match (x.log, y.log) {
        (true, true) => body!(builder
            .build_cartesian_2d(frame::log_axis(x.lo, x.hi), frame::log_axis(y.lo, y.hi))
            .map_err(drawing)?),
        (true, false) => body!(builder
            .build_cartesian_2d(frame::log_axis(x.lo, x.hi), frame::axis(y.lo, y.hi))
            .map_err(drawing)?),
        (false, true) => body!(builder
            .build_cartesian_2d(frame::axis(x.lo, x.hi), frame::log_axis(y.lo, y.hi))
            .map_err(drawing)?),
        (false, false) => body!(builder
            .build_cartesian_2d(frame::axis(x.lo, x.hi), frame::axis(y.lo, y.hi))
            .map_err(drawing)?),
    }
}
