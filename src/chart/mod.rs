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
pub mod fan;
pub mod frame;
pub mod map;
pub mod payback;
pub mod sensitivity;
pub mod style;
pub mod volume;

use plotters::coord::Shift;
use plotters::prelude::*;

pub use crate::analysis::{Kind, Plot};
use crate::engine::Case;
use crate::error::Error;
pub use frame::Look;

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

/// Draws on any backend, with text sized by `look`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: Look,
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
        Plot::Cumulative(curve) => cumulative::draw(root, look, first, curve)?,
        Plot::Volume(curve) => volume::draw(root, look, first, curve)?,
        Plot::Sensitivity(tornado) => sensitivity::draw(root, look, first, tornado)?,
        Plot::Compare => compare::draw(root, look, cases)?,
        Plot::Payback(h) => payback::draw(root, look, first, h)?,
        Plot::Fan(f) => fan::draw(root, look, first, f)?,
        Plot::Map(m) => map::draw(root, look, first, m)?,
        Plot::Shares(drivers, measured) => {
            sensitivity::draw_shares(root, look, first, drivers, *measured)?
        }
    }
    root.present().map_err(drawing)
}

/// The chart as SVG text, its text sized for `size`.
pub fn render_svg(plot: &Plot, cases: &[Case], size: (u32, u32)) -> Result<String, Error> {
    render_svg_with(plot, cases, size, Look::for_size(size))
}

/// The chart as SVG text with a chosen look (a report draws larger text, so its charts stay
/// readable when a narrow screen shows them small).
pub fn render_svg_with(
    plot: &Plot,
    cases: &[Case],
    size: (u32, u32),
    look: Look,
) -> Result<String, Error> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, look, plot, cases)?;
    }
    Ok(compact(&svg))
}

/// The SVG without what it repeats: the font family is said once on the root element
/// (inherited by every text), default opacities are dropped, and font sizes keep two decimals.
/// A report holds many charts; this keeps each one small.
fn compact(svg: &str) -> String {
    let family = format!(" font-family=\"{}\"", style::FONT);
    let mut out = String::with_capacity(svg.len());
    for (i, line) in svg.lines().enumerate() {
        let mut line = line.replace(" opacity=\"1\"", "").replace(&family, "");
        if i == 0 {
            line = line.replacen("<svg ", &format!("<svg{family} "), 1);
        }
        if let Some(at) = line.find(" font-size=\"") {
            let start = at + " font-size=\"".len();
            if let Some(len) = line[start..].find('"') {
                let size: f64 = line[start..start + len].parse().unwrap_or(0.0);
                line.replace_range(start..start + len, &format!("{:.2}", size));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The chart as PNG bytes (8-bit RGB).
pub fn render_png(plot: &Plot, cases: &[Case], size: (u32, u32)) -> Result<Vec<u8>, Error> {
    let (w, h) = size;
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        draw(&root, Look::for_size(size), plot, cases)?;
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
