//! The analysis behind each kind of chart: one function that, given what to draw, computes
//! the finished curves the chart lays out.

use rust_decimal::Decimal;

use super::{cumulative, volume, whatif, CumulativeCurve, Tornado, VolumeCurve};
use crate::engine::Case;
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

/// The finished data of one chart.
#[derive(Debug, Clone, PartialEq)]
pub enum Plot {
    Cumulative(CumulativeCurve),
    Volume(VolumeCurve),
    Sensitivity(Tornado),
    /// Compare lays out the evaluations themselves.
    Compare,
}

/// Computes what a chart of `kind` shows for `cases` (the first case, except for compare).
/// `swing` is the tornado's variation as a fraction.
pub fn plot(kind: Kind, cases: &[Case], swing: Decimal) -> Result<Plot, Error> {
    let first = cases
        .first()
        .ok_or_else(|| Error::Usage("no scenario to draw".into()))?;
    Ok(match kind {
        Kind::Cumulative => Plot::Cumulative(cumulative::curve(first)?),
        Kind::Volume => Plot::Volume(volume::curve(first)),
        Kind::Sensitivity => Plot::Sensitivity(whatif::tornado(first, swing)),
        Kind::Compare => Plot::Compare,
    })
}
