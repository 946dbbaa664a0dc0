//! Charts drawn with plotters, once, generic over the backend: SVG and PNG share every line.
//!
//! Each kind has one drawing function taking a `DrawingArea` of any backend and the
//! evaluations; the numbers come from the engine (including its what-if evaluations), never
//! recomputed here. Output is deterministic: the same scenario gives a byte-identical SVG.

pub mod annotate;
pub mod bars;
pub mod compare;
pub mod cumulative;
pub mod sensitivity;
pub mod style;
pub mod volume;

use plotters::coord::Shift;
use plotters::prelude::*;
use rust_decimal::Decimal;

use crate::engine::Evaluation;
use crate::error::Error;

/// What a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Cumulative cost of prompting vs tuning, month by month, with the break-even point.
    Cumulative,
    /// Payback months against monthly call volume (log scales), with the target.
    Volume,
    /// A tornado: how payback moves when each input varies by ±swing.
    Sensitivity,
    /// Net savings at the horizon of several scenarios, side by side.
    Compare,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Cumulative => "cumulative",
            Kind::Volume => "volume",
            Kind::Sensitivity => "sensitivity",
            Kind::Compare => "compare",
        }
    }
}

/// The image format, from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

/// What to draw: the kind, the size in pixels, and the sensitivity swing (a fraction).
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub kind: Kind,
    pub size: (u32, u32),
    pub swing: Decimal,
}

/// Turns a plotters error into ours; drawing errors mean the work failed (exit 1).
pub(crate) fn drawing<E: std::error::Error + Send + Sync>(
    e: plotters::drawing::DrawingAreaErrorKind<E>,
) -> Error {
    Error::Chart(format!("drawing failed: {e}"))
}

/// Draws on any backend.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &Spec,
    evals: &[Evaluation],
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    style::register_font()?;
    root.fill(&style::BACKGROUND).map_err(drawing)?;
    let first = evals
        .first()
        .ok_or_else(|| Error::Usage("no scenario to draw".into()))?;
    match spec.kind {
        Kind::Cumulative => cumulative::draw(root, first)?,
        Kind::Volume => volume::draw(root, first)?,
        Kind::Sensitivity => sensitivity::draw(root, first, spec.swing)?,
        Kind::Compare => compare::draw(root, evals)?,
    }
    root.present().map_err(drawing)
}

/// The chart as SVG text.
pub fn render_svg(spec: &Spec, evals: &[Evaluation]) -> Result<String, Error> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, spec.size).into_drawing_area();
        draw(&root, spec, evals)?;
    }
    Ok(svg)
}

/// The chart as PNG bytes (8-bit RGB).
pub fn render_png(spec: &Spec, evals: &[Evaluation]) -> Result<Vec<u8>, Error> {
    let (w, h) = spec.size;
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        draw(&root, spec, evals)?;
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let fail = |e: png::EncodingError| Error::Chart(format!("PNG encoding failed: {e}"));
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(&pixels).map_err(fail)?;
        writer.finish().map_err(fail)?;
    }
    Ok(out)
}

/// Renders in the given format.
pub fn render(spec: &Spec, evals: &[Evaluation], format: ImageFormat) -> Result<Vec<u8>, Error> {
    match format {
        ImageFormat::Svg => render_svg(spec, evals).map(String::into_bytes),
        ImageFormat::Png => render_png(spec, evals),
    }
}
