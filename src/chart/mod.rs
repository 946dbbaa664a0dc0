//! Charts drawn with plotters, once, generic over the backend: SVG and PNG share every line.
//!
//! Each kind has one drawing function taking a `DrawingArea` of any backend, the case it
//! shows and the finished analysis ([`Plot`]); labelled figures come from the evaluation,
//! curves from [`crate::analysis`]. Nothing here computes. Output is deterministic: the same
//! scenario gives a byte-identical SVG.

pub mod annotate;
pub mod bars;
pub mod compare;
pub mod cumulative;
pub mod sensitivity;
pub mod style;
pub mod volume;

use plotters::coord::Shift;
use plotters::prelude::*;

pub use crate::analysis::{Kind, Plot};
use crate::engine::Case;
use crate::error::Error;

/// The image format, from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
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
    plot: &Plot,
    cases: &[Case],
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    style::register_font()?;
    root.fill(&style::BACKGROUND).map_err(drawing)?;
    let first = cases
        .first()
        .ok_or_else(|| Error::Usage("no scenario to draw".into()))?;
    match plot {
        Plot::Cumulative(curve) => cumulative::draw(root, first, curve)?,
        Plot::Volume(curve) => volume::draw(root, first, curve)?,
        Plot::Sensitivity(tornado) => sensitivity::draw(root, first, tornado)?,
        Plot::Compare => compare::draw(root, cases)?,
    }
    root.present().map_err(drawing)
}

/// The chart as SVG text.
pub fn render_svg(plot: &Plot, cases: &[Case], size: (u32, u32)) -> Result<String, Error> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, plot, cases)?;
    }
    Ok(svg)
}

/// The chart as PNG bytes (8-bit RGB).
pub fn render_png(plot: &Plot, cases: &[Case], size: (u32, u32)) -> Result<Vec<u8>, Error> {
    let (w, h) = size;
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        draw(&root, plot, cases)?;
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
pub fn render(
    plot: &Plot,
    cases: &[Case],
    size: (u32, u32),
    format: ImageFormat,
) -> Result<Vec<u8>, Error> {
    match format {
        ImageFormat::Svg => render_svg(plot, cases, size).map(String::into_bytes),
        ImageFormat::Png => render_png(plot, cases, size),
    }
}
