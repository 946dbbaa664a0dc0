//! What the engine was computing when a number left the range of a decimal, which inputs
//! drove it, and what to change: an overflow becomes an error that names the input field and
//! its line, never a panic.

use crate::error::{Error, InputError};
use crate::scenario::{Key, Scenario, Side};

/// A figure being computed; the error for an overflow is built from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// One tuning job from its price form.
    TrainingCost,
    /// Jobs × runs + setup.
    UpfrontCost,
    /// The cost of one call on a side.
    CallCost(Side),
    /// Hosting per hour × hours.
    Hosting,
    /// Calls in a month, grown by the monthly change.
    MonthlyVolume,
    /// A month's cost or savings: calls × price.
    MonthlyCost,
    /// Totals over many months (cumulative costs, savings, calls).
    Cumulative,
    /// The payback month and the calls served until then.
    Payback,
    /// The month-1 volume that pays back within the window.
    VolumeTarget,
}

impl Figure {
    /// What was being computed, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Figure::TrainingCost => "the cost of one tuning job",
            Figure::UpfrontCost => "the up-front cost (training jobs × runs + setup)",
            Figure::CallCost(Side::Prompting) => "the cost of one prompted call",
            Figure::CallCost(Side::Tuned) => "the cost of one tuned call",
            Figure::Hosting => "the monthly hosting fee (hosting_per_hour × hours)",
            Figure::MonthlyVolume => {
                "the monthly call volume (calls_per_month grown by monthly_growth)"
            }
            Figure::MonthlyCost => "a month's cost (calls × price per call)",
            Figure::Cumulative => "the total of calls, costs and savings over the horizon",
            Figure::Payback => "the payback month",
            Figure::VolumeTarget => "the monthly volume needed for the target",
        }
    }

    /// The inputs that drive the figure, the first one most directly.
    pub fn inputs(self) -> Vec<Key> {
        match self {
            Figure::TrainingCost => vec![
                Key::TrainingExamples,
                Key::TrainingCost,
                Key::TrainingCostPerExample,
                Key::TrainingPricePer1mTokens,
                Key::TrainingTokensPerExample,
            ],
            Figure::UpfrontCost => vec![Key::TrainingSetupCost, Key::TrainingCost],
            Figure::CallCost(side) => vec![
                Key::PricePer1kCalls(side),
                Key::InputTokens(side),
                Key::InputPrice(side),
                Key::OutputTokens(side),
                Key::OutputPrice(side),
            ],
            Figure::Hosting => vec![Key::HostingPerHour, Key::HostingHoursPerMonth],
            Figure::MonthlyVolume | Figure::Cumulative | Figure::Payback => {
                vec![Key::CallsPerMonth, Key::MonthlyGrowth]
            }
            Figure::MonthlyCost | Figure::VolumeTarget => vec![Key::CallsPerMonth],
        }
    }

    /// How to bring the figure back into range.
    pub fn hint(self) -> &'static str {
        match self {
            Figure::MonthlyVolume | Figure::Cumulative | Figure::Payback => {
                "set max_calls_per_month (growth stops there) or shorten the horizon"
            }
            _ => "use smaller prices, counts or volumes (exact decimals stop at about 7.9 × 10^28)",
        }
    }

    /// The error for an overflow of this figure in `scenario`: it points at the first driving
    /// input the scenario wrote, and names the others.
    pub fn overflow(self, scenario: &Scenario) -> Error {
        let written: Vec<String> = self
            .inputs()
            .into_iter()
            .map(|k| k.name())
            .filter(|name| scenario.locations.contains(name))
            .collect();
        let first = written.first();
        let also = match written.get(1..) {
            Some(rest) if !rest.is_empty() => format!(" (with {})", rest.join(", ")),
            _ => String::new(),
        };
        Error::Overflow(Box::new(InputError {
            file: scenario.file.clone(),
            position: first.and_then(|f| scenario.locations.get(f)),
            field: first.cloned(),
            message: format!("{} is too large to compute exactly{also}", self.describe()),
            help: Some(self.hint().to_string()),
        }))
    }
}

/// Checked arithmetic that names the figure: `op(a.checked_mul(b), Figure::MonthlyCost)?`.
pub fn op<S>(result: Option<S>, figure: Figure) -> Result<S, Figure> {
    result.ok_or(figure)
}
