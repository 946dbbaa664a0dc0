//! Text labels on a white box, placed in pixels where they cover no line and no other label.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::drawing;
use super::style;
use crate::error::Error;

/// Padding around the text inside its box, in pixels.
const PAD: i32 = 4;

/// A place to try: the pixel and which edges of the box touch it.
#[derive(Clone, Copy)]
pub struct Spot {
    pub at: (i32, i32),
    pub h: HPos,
    pub v: VPos,
}

impl Spot {
    pub fn new(at: (i32, i32), h: HPos, v: VPos) -> Spot {
        Spot { at, h, v }
    }
}

/// Pixel shapes a label must not cover: polylines (drawn series, earlier labels' outlines).
#[derive(Debug)]
pub struct Obstacles {
    lines: Vec<Vec<(i32, i32)>>,
    /// Labels must stay inside this pixel box (the plotting area): left, top, right, bottom.
    bounds: (i32, i32, i32, i32),
}

impl Obstacles {
    /// Obstacles for a plotting area given as plotters' pixel ranges.
    pub fn within((xs, ys): (std::ops::Range<i32>, std::ops::Range<i32>)) -> Obstacles {
        Obstacles {
            lines: Vec::new(),
            bounds: (xs.start, ys.start, xs.end, ys.end),
        }
    }

    /// Marks a rectangle (left, top, right, bottom) as taken, e.g. the legend.
    pub fn add_box(&mut self, (l, t, r, b): (i32, i32, i32, i32)) {
        self.add_line(vec![(l, t), (r, t), (r, b), (l, b), (l, t), (r, b)]);
        self.add_line(vec![(r, t), (l, b)]);
    }

    fn fits(&self, (l, t, r, b): (i32, i32, i32, i32)) -> bool {
        let (bl, bt, br, bb) = self.bounds;
        l >= bl && t >= bt && r <= br && b <= bb && !self.hits((l, t, r, b))
    }

    pub fn add_line(&mut self, pixels: Vec<(i32, i32)>) {
        self.lines.push(pixels);
    }

    /// Whether any obstacle passes through the box (sampled every few pixels along segments).
    fn hits(&self, (l, t, r, b): (i32, i32, i32, i32)) -> bool {
        let inside = |(x, y): (f64, f64)| {
            x >= f64::from(l) && x <= f64::from(r) && y >= f64::from(t) && y <= f64::from(b)
        };
        self.lines.iter().any(|line| {
            line.windows(2).any(|w| {
                let (a, c) = (
                    (f64::from(w[0].0), f64::from(w[0].1)),
                    (f64::from(w[1].0), f64::from(w[1].1)),
                );
                let steps = ((c.0 - a.0).abs().max((c.1 - a.1).abs()) / 3.0)
                    .ceil()
                    .max(1.0) as i32;
                (0..=steps).any(|i| {
                    let t = f64::from(i) / f64::from(steps);
                    inside((a.0 + (c.0 - a.0) * t, a.1 + (c.1 - a.1) * t))
                })
            }) || (line.len() == 1 && inside((f64::from(line[0].0), f64::from(line[0].1))))
        })
    }
}

/// Draws `text` at the first spot whose box stays inside the plotting area and covers no obstacle
/// (or the first spot, if none is free), and adds its box to the obstacles.
///
/// With `point` set, a thin leader line joins a label placed away from it to the point.
pub fn label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spots: &[Spot],
    text: &str,
    font: &TextStyle,
    obstacles: &mut Obstacles,
    point: Option<(i32, i32)>,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    // One or more lines: the box is as wide as the widest and as tall as all of them.
    let lines: Vec<&str> = text.lines().collect();
    let mut w = 0;
    let mut line_height = 0;
    for line in &lines {
        let (lw, lh) = root.estimate_text_size(line, font).map_err(drawing)?;
        w = w.max(lw);
        line_height = line_height.max(lh);
    }
    let line_height = (f64::from(line_height) * 1.2).ceil() as i32;
    let (w, ht) = (
        w as i32 + 2 * PAD,
        line_height * lines.len().max(1) as i32 + 2 * PAD,
    );
    let (img_w, img_h) = root.dim_in_pixel();
    let place = |s: &Spot| {
        let left = match s.h {
            HPos::Left => s.at.0,
            HPos::Center => s.at.0 - w / 2,
            HPos::Right => s.at.0 - w,
        };
        let top = match s.v {
            VPos::Top => s.at.1,
            VPos::Center => s.at.1 - ht / 2,
            VPos::Bottom => s.at.1 - ht,
        };
        let left = left.clamp(0, (img_w as i32 - w).max(0));
        let top = top.clamp(0, (img_h as i32 - ht).max(0));
        (left, top, left + w, top + ht)
    };
    let chosen = spots
        .iter()
        .map(place)
        .find(|b| obstacles.fits(*b))
        .or_else(|| spots.first().map(place))
        .unwrap_or((0, 0, w, ht));
    let (l, t, r, b) = chosen;
    if let Some((px, py)) = point {
        let nearest = (px.clamp(l, r), py.clamp(t, b));
        let far = (nearest.0 - px).abs().max((nearest.1 - py).abs()) > 24;
        if far {
            root.draw(&PathElement::new(
                vec![(px, py), nearest],
                style::line(style::MUTED, 1),
            ))
            .map_err(drawing)?;
        }
    }
    root.draw(&Rectangle::new(
        [(l, t), (r, b)],
        style::fill(style::BACKGROUND),
    ))
    .map_err(drawing)?;
    for (i, line) in lines.iter().enumerate() {
        root.draw(&Text::new(
            line.to_string(),
            (l + PAD, t + PAD + line_height * i as i32),
            font.clone().pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(drawing)?;
    }
    obstacles.add_box(chosen);
    Ok(())
}

/// Marks the point at pixel `at` with a dot and labels it close by (joined by a leader line
/// when the label has to sit further away).
pub fn mark<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    text: &str,
    font: &TextStyle,
    color: style::RGBColor,
    obstacles: &mut Obstacles,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    root.draw(&Circle::new(at, 7, style::fill(color)))
        .map_err(drawing)?;
    label(root, &around(at), text, font, obstacles, Some(at))
}

/// The usual candidates around a point: above right, above left, below right, below left,
/// then the same further out (a leader line then joins label and point).
pub fn around(at: (i32, i32)) -> Vec<Spot> {
    let mut spots = Vec::new();
    for d in [12, 48, 96, 160, 240, 320] {
        spots.push(Spot::new((at.0 + d, at.1 - d), HPos::Left, VPos::Bottom));
        spots.push(Spot::new((at.0 - d, at.1 - d), HPos::Right, VPos::Bottom));
        spots.push(Spot::new((at.0 + d, at.1 + d), HPos::Left, VPos::Top));
        spots.push(Spot::new((at.0 - d, at.1 + d), HPos::Right, VPos::Top));
    }
    spots
}

/// Candidates spread over a plotting area, centre first, for a note that belongs to no point.
pub fn spread((xs, ys): (std::ops::Range<i32>, std::ops::Range<i32>)) -> Vec<Spot> {
    let at = |fx: f64, fy: f64| {
        let x = xs.start + (f64::from(xs.end - xs.start) * fx) as i32;
        let y = ys.start + (f64::from(ys.end - ys.start) * fy) as i32;
        Spot::new((x, y), HPos::Center, VPos::Center)
    };
    let mut spots = Vec::new();
    for fy in [0.5, 0.25, 0.12, 0.75] {
        for fx in [0.5, 0.35, 0.65] {
            spots.push(at(fx, fy));
        }
    }
    spots
}
