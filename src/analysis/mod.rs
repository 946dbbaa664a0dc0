//! Answers built on the engine: what-if and the tornado, payback against volume, cumulative
//! costs past the horizon. Charts, reports and renderers receive these finished results and
//! only lay them out; they never call the engine themselves.
//!
//! Exact figures (a labelled point, the volume needed) come from the evaluation; the many
//! points of a curve are evaluated in `f64` with the engine's own formulas.

pub mod cumulative;
pub mod map;
pub mod montecarlo;
pub mod plot;
pub mod solve;
pub mod sweep;
pub mod volume;
pub mod whatif;

pub use cumulative::CumulativeCurve;
pub use plot::{plot, Kind, Plot};
pub use volume::VolumeCurve;
pub use whatif::Tornado;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::engine::Flows;

/// An exact model in `f64`, for the many points of a curve.
pub fn approximate(flows: &Flows<Decimal>) -> Flows<f64> {
    flows.map(|d| d.to_f64().unwrap_or(f64::NAN))
}
