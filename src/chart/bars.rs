//! Labelled horizontal bars, shared by the tornado and the comparison charts. The caller
//! draws the title and legend ([`super::frame::header`]) and hands over the area left; the
//! value axis is widened so that every bar's note fits beside it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::drawing;
use super::frame::{self, Look};
use super::style::{self, RGBColor};
use crate::error::Error;

/// One bar, drawn from `from` to `to` on the value axis.
pub struct Bar {
    pub from: f64,
    pub to: f64,
    pub color: RGBColor,
    /// Written just past the bar's far end.
    pub note: String,
}

/// One row: a label on the left and one or more bars.
pub struct Row {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// The value axis and a reference line (the base case, or zero).
pub struct Frame<'a> {
    pub x_desc: String,
    /// The values the axis must show (bars' ends and the reference).
    pub data: (f64, f64),
    /// Values never shown below this (payback months cannot be negative).
    pub floor: Option<f64>,
    pub reference: f64,
    pub x_format: &'a dyn Fn(f64) -> String,
    /// Said in the middle of the chart when there are no rows.
    pub empty: String,
}

/// Rows a plot of `pixels` height can show with labels that stay readable.
pub fn rows_that_fit(look: Look, pixels: u32) -> usize {
    let row = (look.tick() * 1.7).max(12.0);
    ((f64::from(pixels) - f64::from(look.px(64.0))) / row)
        .floor()
        .max(1.0) as usize
}

/// Draws rows top to bottom in the order given, in `area` (part of `root`, on which labels and
/// notes are placed in absolute pixels).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    look: Look,
    frame: &Frame,
    rows: &[Row],
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let n = rows.len().max(1);
    let (w, _) = area.dim_in_pixel();
    let font = style::text(look.tick());
    // Row labels take at most two fifths of the width; longer ones are shortened.
    let room = w * 2 / 5;
    let mut labels = Vec::with_capacity(rows.len());
    let mut widest = 0;
    for r in rows {
        let l = frame::fit(area, &r.label, &font, room)?;
        widest = widest.max(area.estimate_text_size(&l, &font).map_err(drawing)?.0);
        labels.push(l);
    }
    let label_area = widest + look.px(16.0) as u32;
    // Widen the axis so the widest note on each side fits past its bar's end.
    let plot_w = f64::from(w.saturating_sub(label_area + 2 * look.margin()).max(40));
    let mut right = 0.0_f64;
    let mut left = 0.0_f64;
    for bar in rows.iter().flat_map(|r| &r.bars) {
        let px = f64::from(
            area.estimate_text_size(&bar.note, &font)
                .map_err(drawing)?
                .0,
        ) + 12.0;
        if bar.to >= bar.from {
            right = right.max(px / plot_w);
        } else {
            left = left.max(px / plot_w);
        }
    }
    let (lo, hi) = frame.data;
    let span = (hi - lo).abs().max(1e-9);
    let (left, right) = (left.min(0.45), right.min(0.45));
    // x0 and x1 such that the notes take their fraction of the whole axis.
    let whole = span / (1.0 - left - right);
    let mut x0 = lo - whole * left;
    let x1 = hi + whole * right;
    if let Some(floor) = frame.floor {
        x0 = x0.max(floor);
    }
    let x1 = if x1 > x0 { x1 } else { x0 + 1.0 };
    let mut chart = ChartBuilder::on(area)
        .margin(look.margin())
        .x_label_area_size(look.px(48.0))
        .y_label_area_size(label_area)
        .build_cartesian_2d(frame::axis(x0, x1), frame::axis(0.0, n as f64))
        .map_err(drawing)?;
    let (plot_px, _) = chart.plotting_area().dim_in_pixel();
    chart
        .configure_mesh()
        .x_desc(frame.x_desc.as_str())
        .axis_desc_style(style::text(look.axis()))
        .label_style(style::text(look.tick()))
        .disable_y_mesh()
        .y_labels(2)
        .y_label_formatter(&|_| String::new())
        .x_labels(frame::ticks(plot_px as i32, 110.0 * look.k))
        .x_label_formatter(&|v| (frame.x_format)(*v))
        .bold_line_style(style::line(style::GRID, 1))
        .max_light_lines(0)
        .draw()
        .map_err(drawing)?;

    // Row i sits between y = n − i − 1 and n − i (row 0 at the top).
    let centre = |i: usize| (n - i) as f64 - 0.5;
    let label_font = font.pos(Pos::new(HPos::Right, VPos::Center));
    for (i, label) in labels.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(x0, centre(i)));
        root.draw(&Text::new(
            label.clone(),
            (px - look.px(8.0), py),
            label_font.clone(),
        ))
        .map_err(drawing)?;
    }
    let gap = (x1 - x0) * 0.008;
    for (i, row) in rows.iter().enumerate() {
        let y = centre(i);
        for bar in &row.bars {
            let (a, b) = (bar.from.min(bar.to), bar.from.max(bar.to));
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(a, y - 0.32), (b, y + 0.32)],
                    style::fill(bar.color),
                )))
                .map_err(drawing)?;
            if !bar.note.is_empty() {
                let (x, anchor) = if bar.to >= bar.from {
                    (b + gap, HPos::Left)
                } else {
                    (a - gap, HPos::Right)
                };
                chart
                    .draw_series(std::iter::once(Text::new(
                        bar.note.clone(),
                        (x, y),
                        style::text(look.tick()).pos(Pos::new(anchor, VPos::Center)),
                    )))
                    .map_err(drawing)?;
            }
        }
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(frame.reference, 0.0), (frame.reference, n as f64)],
            style::line(style::INK, 2),
        )))
        .map_err(drawing)?;
    if rows.is_empty() {
        let mut obstacles =
            super::annotate::Obstacles::within(chart.plotting_area().get_pixel_range());
        return super::annotate::label(
            root,
            &super::annotate::spread(chart.plotting_area().get_pixel_range()),
            &frame.empty,
            &style::text(look.note()),
            &mut obstacles,
            None,
        );
    }
    Ok(())
}
