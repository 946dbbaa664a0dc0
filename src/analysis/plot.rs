//! The analysis behind each kind of chart: one function that, given what to draw, computes
//! the finished curves the chart lays out.

use rust_decimal::Decimal;

use super::montecarlo::fan::{fan, Fan};
use super::montecarlo::histogram::{payback_histogram, PaybackHistogram};
use super::montecarlo::summary::Measured;
use super::montecarlo::Driver;
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
    /// With ranges: how the samples' paybacks spread, the target and the chance written on it.
    Payback,
    /// With ranges: cumulative net savings month by month, median and 50 % / 90 % bands.
    Fan,
    /// The decision map: where tuning pays back over two inputs (`--x`, `--y`), the line
    /// where it pays back exactly within the window, and the scenario's point.
    Map,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Cumulative => "cumulative",
            Kind::Volume => "volume",
            Kind::Sensitivity => "sensitivity",
            Kind::Compare => "compare",
            Kind::Payback => "payback",
            Kind::Fan => "fan",
            Kind::Map => "map",
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
    Payback(PaybackHistogram),
    Fan(Fan),
    /// With ranges, the sensitivity is each input's share of the variance.
    Shares(Vec<Driver>, Measured),
    Map(super::map::DecisionMap),
}

/// Computes what a chart of `kind` shows for `cases` (the first case, except for compare).
/// `swing` is the tornado's variation as a fraction.
pub fn plot(kind: Kind, cases: &[Case], swing: Decimal) -> Result<Plot, Error> {
    let first = cases
        .first()
        .ok_or_else(|| Error::Usage("no scenario to draw".into()))?;
    let ranges = || {
        first.uncertainty.as_ref().ok_or_else(|| {
            Error::Usage(format!(
                "--kind {} needs a scenario with ranges, and {} has none: write an uncertain input as a range, e.g. calls_per_month = \"20000 to 80000\"",
                kind.name(),
                crate::present::text::safe(&first.scenario.file.display().to_string())
            ))
        })
    };
    Ok(match kind {
        Kind::Cumulative => Plot::Cumulative(cumulative::curve(first)?),
        Kind::Volume => Plot::Volume(volume::curve(first)),
        Kind::Sensitivity => match first.uncertainty.as_ref() {
            Some(u) if u.sensitivity.is_some() => {
                Plot::Shares(u.sensitivity.clone().unwrap_or_default(), u.measured)
            }
            _ => Plot::Sensitivity(whatif::tornado(first, swing)),
        },
        Kind::Compare => Plot::Compare,
        Kind::Payback => Plot::Payback(payback_histogram(ranges()?)),
        Kind::Fan => Plot::Fan(fan(first, ranges()?)),
        Kind::Map => map_plot(first, None, None)?,
    })
}

/// The decision map of `case` over the inputs asked for (default axes for those not given).
pub fn map_plot(
    case: &Case,
    x: Option<crate::scenario::Key>,
    y: Option<crate::scenario::Key>,
) -> Result<Plot, Error> {
    let (x, y) = super::map::axes(case, x, y)?;
    Ok(Plot::Map(super::map::map(case, x, y)?))
}
