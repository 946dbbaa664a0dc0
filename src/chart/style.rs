//! Every chart's look in one place: the embedded font, sizes, colours and number formats.
//!
//! The font is DejaVu Sans, embedded in the binary (licence in `assets/fonts/`), so charts
//! draw the same on a machine with no fonts and no fontconfig at all.

pub use plotters::style::RGBColor;
use plotters::style::{FontStyle, ShapeStyle, TextStyle};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use std::sync::OnceLock;

use crate::error::Error;
use crate::present::number::{count, money};

/// The family every text element asks for; the embedded font is registered under it. SVG
/// writes it as it is, so a browser uses DejaVu Sans when it has it, like the PNG, and a sans
/// serif font otherwise.
pub const FONT: &str = "DejaVu Sans, sans-serif";
const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

pub const TITLE_SIZE: f64 = 24.0;
pub const AXIS_DESC_SIZE: f64 = 17.0;
pub const TICK_SIZE: f64 = 14.0;
pub const NOTE_SIZE: f64 = 15.0;
pub const MARGIN: u32 = 24;

pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
pub const INK: RGBColor = RGBColor(33, 37, 41);
pub const MUTED: RGBColor = RGBColor(108, 117, 125);
pub const GRID: RGBColor = RGBColor(233, 236, 239);
/// Prompting: warm orange. Tuning: deep blue. Colour-blind safe as a pair.
pub const PROMPTING: RGBColor = RGBColor(230, 126, 34);
pub const TUNING: RGBColor = RGBColor(31, 97, 199);
pub const TARGET: RGBColor = RGBColor(192, 57, 43);
pub const GOOD: RGBColor = RGBColor(39, 145, 84);
pub const BAD: RGBColor = RGBColor(192, 57, 43);
/// The background of volumes that never pay back.
pub const NEVER_FILL: RGBColor = RGBColor(250, 236, 234);

/// Default image size in pixels: prints well on A4 and reads on a laptop screen.
pub const DEFAULT_SIZE: (u32, u32) = (1000, 600);

/// Registers the embedded font once per process.
pub fn register_font() -> Result<(), Error> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            // `InvalidFont` has no Debug or Display; say what failed instead.
            plotters::style::register_font(FONT, FontStyle::Normal, DEJAVU_SANS)
                .map_err(|_| "the embedded DejaVu Sans font could not be loaded".to_string())
        })
        .clone()
        .map_err(Error::Chart)
}

pub fn text(size: f64) -> TextStyle<'static> {
    TextStyle::from((FONT, size)).color(&INK)
}

pub fn muted_text(size: f64) -> TextStyle<'static> {
    TextStyle::from((FONT, size)).color(&MUTED)
}

pub fn line(color: RGBColor, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: color.into(),
        filled: false,
        stroke_width: width,
    }
}

pub fn fill(color: RGBColor) -> ShapeStyle {
    ShapeStyle {
        color: color.into(),
        filled: true,
        stroke_width: 1,
    }
}

/// A money tick or label: whole units once amounts pass 100, cents below.
pub fn money_label(value: f64, currency: &str, span: f64) -> String {
    let Some(d) = Decimal::from_f64(value) else {
        return String::new();
    };
    if span.abs() >= 100.0 {
        let whole = crate::present::number::round_half_away(d, 0);
        let text = money(whole, currency);
        text.strip_suffix(".00").map(str::to_string).unwrap_or(text)
    } else {
        money(d, currency)
    }
}

/// A money tick that stays short on an axis: `$1,500` below a million, `$2.5M`, `$1.2B` past.
pub fn money_tick(value: f64, currency: &str, span: f64) -> String {
    let top = value.abs().max(span.abs());
    if top < 1e6 {
        return money_label(value, currency, span);
    }
    let (unit, suffix) = if top >= 1e12 {
        (1e12, "T")
    } else if top >= 1e9 {
        (1e9, "B")
    } else {
        (1e6, "M")
    };
    let digits = format!("{:.1}{suffix}", value.abs() / unit);
    let sign = if value < 0.0 { "-" } else { "" };
    match crate::present::number::currency_symbol(currency) {
        Some(sym) => format!("{sign}{sym}{digits}"),
        None => format!("{sign}{digits} {currency}"),
    }
}

/// A call volume, compact for axes: 950, 10k, 2.5M.
pub fn calls_label(value: f64) -> String {
    let v = value.abs();
    let (scaled, unit) = if v >= 1e9 {
        (value / 1e9, "B")
    } else if v >= 1e6 {
        (value / 1e6, "M")
    } else if v >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let text = format!("{scaled:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text}{unit}")
}

/// A whole count with separators, for annotations: 55,556.
pub fn calls_exact(value: Decimal) -> String {
    crate::present::number::ceil_count(value).map_or_else(|| value.to_string(), count)
}

/// Decimal to the plotting boundary's f64.
pub fn f(value: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    value.to_f64().unwrap_or(0.0)
}
