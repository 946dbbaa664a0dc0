//! Labelled horizontal bars, shared by the tornado and the comparison charts.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::drawing;
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

/// The chart's frame: title, value axis, and a reference line (the base case, or zero).
pub struct Frame<'a> {
    pub title: String,
    pub x_desc: String,
    pub x_range: (f64, f64),
    pub reference: f64,
    pub x_format: &'a dyn Fn(f64) -> String,
    /// (label, colour) pairs for the legend, if any.
    pub legend: Vec<(String, RGBColor)>,
    /// Said in the middle of the chart when there are no rows.
    pub empty: String,
}

/// Longest row label drawn, in characters; longer names are shortened with "…".
const LABEL_CHARS: usize = 40;

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// Draws rows top to bottom in the order given.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    frame: &Frame,
    rows: &[Row],
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let n = rows.len().max(1) as u32;
    let labels: Vec<String> = rows.iter().map(|r| shorten(&r.label)).collect();
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u32;
    let (x0, x1) = frame.x_range;
    let mut chart = ChartBuilder::on(root)
        .caption(&frame.title, style::text(style::TITLE_SIZE))
        .margin(style::MARGIN)
        .x_label_area_size(48)
        .y_label_area_size(widest * 8 + 16)
        .build_cartesian_2d(x0..x1, (0u32..n - 1).into_segmented())
        .map_err(drawing)?;
    let label_of = |v: &SegmentValue<u32>| match v {
        // Row 0 is drawn at the top, where y is largest.
        SegmentValue::CenterOf(i) if *i < n => labels
            .get((n - 1 - i) as usize)
            .cloned()
            .unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .x_desc(frame.x_desc.as_str())
        .axis_desc_style(style::text(style::AXIS_DESC_SIZE))
        .label_style(style::text(style::TICK_SIZE))
        .bold_line_style(style::line(style::GRID, 1))
        .light_line_style(style::line(style::BACKGROUND, 0))
        .disable_y_mesh()
        .y_labels(n as usize + 1)
        .y_label_formatter(&label_of)
        .x_label_formatter(&|v| (frame.x_format)(*v))
        .draw()
        .map_err(drawing)?;

    let span = x1 - x0;
    for (i, row) in rows.iter().enumerate() {
        let y = n - 1 - i as u32;
        for bar in &row.bars {
            let (a, b) = (bar.from.min(bar.to), bar.from.max(bar.to));
            let mut rect = Rectangle::new(
                [(a, SegmentValue::Exact(y)), (b, SegmentValue::Exact(y + 1))],
                style::fill(bar.color),
            );
            rect.set_margin(8, 8, 0, 0);
            chart.draw_series(std::iter::once(rect)).map_err(drawing)?;
            if !bar.note.is_empty() {
                // Past the bar's end; inside it, in white, when the bar is long enough that
                // text past it could run into the row labels or off the chart.
                let rightwards = bar.to >= bar.from;
                let inside = (b - a) > span * 0.4;
                let gap = span * 0.008;
                let (x, anchor) = match (rightwards, inside) {
                    (true, false) => (b + gap, HPos::Left),
                    (false, false) => (a - gap, HPos::Right),
                    (true, true) => (b - gap, HPos::Right),
                    (false, true) => (a + gap, HPos::Left),
                };
                let color = if inside {
                    style::BACKGROUND
                } else {
                    style::INK
                };
                chart
                    .draw_series(std::iter::once(Text::new(
                        bar.note.clone(),
                        (x, SegmentValue::CenterOf(y)),
                        style::text(style::TICK_SIZE)
                            .color(&color)
                            .pos(Pos::new(anchor, VPos::Center)),
                    )))
                    .map_err(drawing)?;
            }
        }
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![
                (frame.reference, SegmentValue::Exact(0)),
                (frame.reference, SegmentValue::Exact(n)),
            ],
            style::line(style::INK, 2),
        )))
        .map_err(drawing)?;
    for (label, color) in &frame.legend {
        let color = *color;
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, SegmentValue<u32>)>>())
            .map_err(drawing)?
            .label(label.as_str())
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 6), (x + 18, y + 6)], style::fill(color))
            });
    }
    if rows.is_empty() {
        let mut obstacles =
            super::annotate::Obstacles::within(chart.plotting_area().get_pixel_range());
        return super::annotate::label(
            root,
            &super::annotate::spread(chart.plotting_area().get_pixel_range()),
            &frame.empty,
            &style::text(style::NOTE_SIZE + 2.0),
            &mut obstacles,
            None,
        );
    }
    if !frame.legend.is_empty() {
        style::legend(&mut chart, SeriesLabelPosition::LowerRight)?;
    }
    Ok(())
}
