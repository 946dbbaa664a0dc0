//! `--kind payback`: how the samples' paybacks spread, the window as a line with the chance
//! of paying back within it written on it, and the samples that never pay back as a bar of
//! their own.
//!
//! The bars come from [`crate::analysis::montecarlo::histogram`]; the chance is the one every
//! other output gives.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::drawing;
use super::frame::{self, Entry, Look, Swatch};
use super::style;
use crate::analysis::montecarlo::histogram::PaybackHistogram;
use crate::engine::Case;
use crate::error::Error;
use crate::present::number::{chance, count, estimate};
use crate::present::words::{uncertainty_sentence, window_name};

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    case: &Case,
    h: &PaybackHistogram,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = &case.scenario;
    let samples = case.uncertainty.as_ref().map_or(0, |u| u.samples);
    let mut legend = vec![
        Entry {
            label: "pays back in time".into(),
            color: style::GOOD,
            swatch: Swatch::Box,
        },
        Entry {
            label: "pays back later".into(),
            color: style::TUNING,
            swatch: Swatch::Box,
        },
    ];
    if h.never > 0.0 {
        legend.push(Entry {
            label: "never pays back".into(),
            color: style::BAD,
            swatch: Swatch::Box,
        });
    }
    let title = format!("Chance of paying back — {}", s.name);
    let subtitle = format!(
        "{} ({} samples)",
        uncertainty_sentence(case).unwrap_or_default(),
        count(u128::from(samples))
    );
    let area = frame::header(root, look, &title, Some(&subtitle), &legend)?;
    let (w, hgt) = area.dim_in_pixel();
    let width = h.bins.first().map_or(1.0, |b| b.1 - b.0);
    let last = h.bins.last().map_or(1.0, |b| b.1);
    // Beyond the months: a gap, then "later" and "never" bars, two bin widths each.
    let extra = [(h.beyond.map_or(0.0, |b| b.1), "later"), (h.never, "never")];
    let shown_extra: Vec<(f64, &str)> = extra.iter().copied().filter(|(v, _)| *v > 0.0).collect();
    let x_max = last + width * (1.0 + 3.0 * shown_extra.len() as f64);
    let y_max = h
        .bins
        .iter()
        .map(|b| b.2)
        .chain(shown_extra.iter().map(|e| e.0))
        .fold(0.0_f64, f64::max)
        .max(1e-9)
        * 100.0
        * 1.15;
    let mut chart = ChartBuilder::on(&area)
        .margin(look.margin())
        .x_label_area_size(look.px(48.0))
        .y_label_area_size(look.px(72.0))
        .build_cartesian_2d(frame::axis(0.0, x_max), frame::axis(0.0, y_max))
        .map_err(drawing)?;
    let ticks_up_to = last;
    chart
        .configure_mesh()
        .x_desc("Payback, months")
        .y_desc("Share of samples, %")
        .axis_desc_style(style::text(look.axis()))
        .label_style(style::text(look.tick()))
        .x_labels(frame::ticks(w as i32, 60.0 * look.k))
        .y_labels(frame::ticks(hgt as i32, 40.0 * look.k))
        .bold_line_style(style::line(style::GRID, 1))
        .max_light_lines(0)
        .x_label_formatter(&|v| {
            if *v <= ticks_up_to + 1e-9 {
                estimate(*v)
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| format!("{v:.1}"))
        .draw()
        .map_err(drawing)?;
    let gap = (width * 0.08).min(width * 0.5);
    chart
        .draw_series(h.bins.iter().filter(|b| b.2 > 0.0).map(|b| {
            let color = if b.1 <= h.window + 1e-9 {
                style::GOOD
            } else {
                style::TUNING
            };
            Rectangle::new(
                [(b.0 + gap, 0.0), (b.1 - gap, b.2 * 100.0)],
                style::fill(color),
            )
        }))
        .map_err(drawing)?;
    // "later" and "never", labelled under their bars.
    let font = style::text(look.tick()).pos(Pos::new(HPos::Center, VPos::Top));
    for (i, (share, label)) in shown_extra.iter().enumerate() {
        let from = last + width * (1.0 + 3.0 * i as f64);
        let to = from + 2.0 * width;
        let color = if *label == "never" {
            style::BAD
        } else {
            style::TUNING
        };
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(from, 0.0), (to, share * 100.0)],
                style::fill(color),
            )))
            .map_err(drawing)?;
        let (x, y) = chart.backend_coord(&((from + to) / 2.0, 0.0));
        let text = if *label == "never" {
            "never".to_string()
        } else {
            format!("> {}", estimate(last))
        };
        root.draw(&Text::new(text, (x, y + look.px(6.0)), font.clone()))
            .map_err(drawing)?;
        let (x, y) = chart.backend_coord(&((from + to) / 2.0, share * 100.0));
        root.draw(&Text::new(
            chance(*share),
            (x, y - look.px(20.0)),
            font.clone(),
        ))
        .map_err(drawing)?;
    }
    // The window, with the chance of paying back within it.
    if h.window <= last {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(h.window, 0.0), (h.window, y_max)],
                12,
                8,
                style::line(style::TARGET, 2),
            ))
            .map_err(drawing)?;
        let (x, y) = chart.backend_coord(&(h.window, y_max));
        let note = format!(
            "{}: {} pay back within it",
            window_name(&case.eval.window),
            chance(h.p_within)
        );
        let right_half = x > (w as i32) / 2;
        let anchor = if right_half { HPos::Right } else { HPos::Left };
        let dx = if right_half {
            -look.px(8.0)
        } else {
            look.px(8.0)
        };
        root.draw(&Text::new(
            note,
            (x + dx, y + look.px(6.0)),
            style::text(look.note())
                .color(&style::TARGET)
                .pos(Pos::new(anchor, VPos::Top)),
        ))
        .map_err(drawing)?;
    }
    Ok(())
}
