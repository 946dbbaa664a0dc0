//! What every chart has around its plot, sized to the image: the title (on up to two lines, shortened past that),
//! an optional subtitle, and the legend in a strip of its own under them, so a legend never
//! covers data. Text sizes scale with the image, so every size the CLI accepts reads.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::drawing;
use super::style::{self, RGBColor};
use crate::error::Error;

/// Text sizes and spacing for one image size. Sizes are those of a 1000×600 chart, scaled by
/// the smaller of the two ratios, and never below three quarters of them.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub k: f64,
}

impl Look {
    /// The look of a chart of `(width, height)` pixels.
    pub fn for_size((w, h): (u32, u32)) -> Look {
        let k = (f64::from(w) / 1000.0).min(f64::from(h) / 600.0);
        Look {
            k: k.clamp(0.75, 4.0),
        }
    }

    pub fn title(self) -> f64 {
        style::TITLE_SIZE * self.k
    }
    pub fn axis(self) -> f64 {
        style::AXIS_DESC_SIZE * self.k
    }
    pub fn tick(self) -> f64 {
        style::TICK_SIZE * self.k
    }
    pub fn note(self) -> f64 {
        style::NOTE_SIZE * self.k
    }
    /// A length in pixels at this scale.
    pub fn px(self, at_1000: f64) -> i32 {
        (at_1000 * self.k).round() as i32
    }
    pub fn margin(self) -> u32 {
        self.px(f64::from(style::MARGIN)).max(8) as u32
    }
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub enum Swatch {
    Line,
    Dashed,
    Box,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub label: String,
    pub color: RGBColor,
    pub swatch: Swatch,
}

/// `text` shortened with "…" until it fits `max` pixels in `font`.
pub fn fit<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    max: u32,
) -> Result<String, Error>
where
    DB::ErrorType: 'static,
{
    let fits = |t: &str| -> Result<bool, Error> {
        Ok(root.estimate_text_size(t, font).map_err(drawing)?.0 <= max)
    };
    if fits(text)? {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if fits(&candidate)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…")
}

/// `text` in lines that each fit `max` pixels in `font` (words are kept whole; a word wider
/// than a line is shortened), joined with line breaks, at most `rows` lines.
pub fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    max: u32,
    rows: usize,
) -> Result<String, Error>
where
    DB::ErrorType: 'static,
{
    let width = |t: &str| -> Result<u32, Error> {
        Ok(root.estimate_text_size(t, font).map_err(drawing)?.0)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in crate::present::text::words(text) {
        let word = word.as_str();
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(&candidate)? > max {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > rows {
        let rest = lines[rows - 1..].join(" ");
        lines.truncate(rows - 1);
        lines.push(rest);
    }
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        out.push(fit(root, &l, font, max)?);
    }
    Ok(out.join("\n"))
}

/// Draws the title, the subtitle and the legend across the top of `root`, and returns the
/// area left for the plot.
pub fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    title: &str,
    subtitle: Option<&str>,
    legend: &[Entry],
) -> Result<DrawingArea<DB, Shift>, Error>
where
    DB::ErrorType: 'static,
{
    let (w, _) = root.dim_in_pixel();
    let margin = look.margin() as i32;
    let room = (w as i32 - 2 * margin).max(40) as u32;
    let mut y = look.px(14.0);
    let title_font = style::text(look.title()).pos(Pos::new(HPos::Center, VPos::Top));
    // Estimates run a little short of what is drawn: keep a margin.
    let room = room * 94 / 100;
    // A long scenario name takes a second line rather than losing its end.
    for line in wrap(root, title, &title_font, room, 2)?.lines() {
        root.draw(&Text::new(
            line.to_string(),
            (w as i32 / 2, y),
            title_font.clone(),
        ))
        .map_err(drawing)?;
        y += (look.title() * 1.3) as i32;
    }
    if let Some(sub) = subtitle {
        let font = style::muted_text(look.note()).pos(Pos::new(HPos::Center, VPos::Top));
        for line in wrap(root, sub, &font, room, 2)?.lines() {
            root.draw(&Text::new(
                line.to_string(),
                (w as i32 / 2, y),
                font.clone(),
            ))
            .map_err(drawing)?;
            y += (look.note() * 1.3) as i32;
        }
        y += look.px(2.0);
    }
    if !legend.is_empty() {
        y += look.px(4.0);
        let font = style::text(look.note()).pos(Pos::new(HPos::Left, VPos::Center));
        let swatch = look.px(26.0);
        let gap = look.px(22.0);
        let line_height = (look.note() * 1.5) as i32;
        // Lay the entries out in rows, centred.
        let mut rows: Vec<Vec<(&Entry, String, i32)>> = vec![Vec::new()];
        let mut row_width = 0;
        for e in legend {
            let label = fit(
                root,
                &e.label,
                &font,
                (room as i32 - swatch - 8).max(40) as u32,
            )?;
            let text_w = root.estimate_text_size(&label, &font).map_err(drawing)?.0 as i32;
            let entry_w = swatch + look.px(8.0) + text_w;
            let row = rows.last().map_or(0, Vec::len);
            if row > 0 && row_width + gap + entry_w > room as i32 {
                rows.push(Vec::new());
                row_width = 0;
            }
            if let Some(r) = rows.last_mut() {
                if !r.is_empty() {
                    row_width += gap;
                }
                row_width += entry_w;
                r.push((e, label, entry_w));
            }
        }
        for row in rows {
            let total: i32 =
                row.iter().map(|(_, _, ew)| ew).sum::<i32>() + gap * (row.len() as i32 - 1).max(0);
            let mut x = (w as i32 - total) / 2;
            let cy = y + line_height / 2;
            for (e, label, entry_w) in row {
                draw_swatch(root, look, e, (x, cy), swatch)?;
                root.draw(&Text::new(
                    label,
                    (x + swatch + look.px(8.0), cy),
                    font.clone(),
                ))
                .map_err(drawing)?;
                x += entry_w + gap;
            }
            y += line_height;
        }
    }
    let (_, rest) = root.split_vertically(y + look.px(4.0));
    Ok(rest)
}

fn draw_swatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
    e: &Entry,
    (x, y): (i32, i32),
    width: i32,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let stroke = look.px(3.0).max(2) as u32;
    match e.swatch {
        Swatch::Line => root
            .draw(&PathElement::new(
                vec![(x, y), (x + width, y)],
                style::line(e.color, stroke),
            ))
            .map_err(drawing),
        Swatch::Dashed => {
            let dash = (width / 3).max(2);
            for i in [0, 2] {
                root.draw(&PathElement::new(
                    vec![(x + i * dash, y), (x + (i + 1) * dash, y)],
                    style::line(e.color, stroke),
                ))
                .map_err(drawing)?;
            }
            Ok(())
        }
        Swatch::Box => {
            let half = look.px(7.0);
            root.draw(&Rectangle::new(
                [(x, y - half), (x + width, y + half)],
                style::fill(e.color),
            ))
            .map_err(drawing)
        }
    }
}

/// How many tick labels fit along an axis of `pixels` when each takes about `label` pixels.
pub fn ticks(pixels: i32, label: f64) -> usize {
    ((f64::from(pixels) / label).floor() as usize).clamp(2, 12)
}

/// The widest log axis drawn, in decades: plotters lays out a log axis decade by decade, and
/// a range no real figure spans (or an end at 0, where the first decade never comes) would
/// never finish.
pub const MAX_DECADES: f64 = 60.0;

/// An axis range plotters can always lay out: both ends finite and the low end below the
/// high one (a degenerate range is widened around its value, a range holding NaN or ±∞
/// becomes 0..1). Every linear axis is built through this.
pub fn axis(lo: f64, hi: f64) -> std::ops::Range<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return 0.0..1.0;
    }
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    if hi - lo > f64::EPSILON * hi.abs().max(lo.abs()).max(1.0) {
        return lo..hi;
    }
    let pad = lo.abs().max(1.0);
    lo - pad..hi + pad
}

/// The ends of a log axis plotters can always lay out: both finite and above 0, the low one
/// below the high one, at most [`MAX_DECADES`] apart (the high end kept, the low end raised).
/// A range with nothing positive in it becomes 1..10.
pub fn log_ends(lo: f64, hi: f64) -> (f64, f64) {
    let positive = |v: f64| v.is_finite() && v > 0.0;
    let (lo, hi) = match (positive(lo), positive(hi)) {
        (true, true) => (lo.min(hi), lo.max(hi)),
        (true, false) => (lo, lo * 10.0),
        (false, true) => (hi / 10.0, hi),
        (false, false) => (1.0, 10.0),
    };
    let hi = if hi / lo < 1.0 + 1e-9 { lo * 10.0 } else { hi };
    let hi = if hi.is_finite() { hi } else { f64::MAX };
    let lo = lo.max(hi / 10f64.powf(MAX_DECADES)).max(f64::MIN_POSITIVE);
    (lo, hi)
}

/// A log axis over [`log_ends`]: every log axis is built through this.
pub fn log_axis(lo: f64, hi: f64) -> plotters::coord::combinators::LogCoord<f64> {
    use plotters::coord::combinators::IntoLogRange;
    let (lo, hi) = log_ends(lo, hi);
    (lo..hi).log_scale().into()
}
