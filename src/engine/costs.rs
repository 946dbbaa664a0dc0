//! What tuning costs up front and what one call costs on each side.

use rust_decimal::Decimal;

use super::checked::Checked;
use crate::error::Error;
use crate::scenario::{CallPrice, Hosting, Training, TrainingPrice, HOURS_PER_MONTH};

/// Currency units for one tuning job, before and after the provider's minimum charge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingCost {
    /// The chosen price form, worked out: total, examples × per-example, or
    /// price × examples × tokens × epochs / 1,000,000.
    pub before_minimum: Decimal,
    /// `max(before_minimum, minimum_charge)`: what one job is billed.
    pub billed: Decimal,
}

pub fn training_cost(c: Checked, t: &Training) -> Result<TrainingCost, Error> {
    let examples = Decimal::from(t.examples);
    let before_minimum = match &t.price {
        TrainingPrice::Total(cost) => *cost,
        TrainingPrice::PerExample(per) => c.mul(
            *per,
            examples,
            "the training cost (examples × cost_per_example)",
        )?,
        TrainingPrice::PerToken {
            price_per_1m_tokens,
            tokens_per_example,
            epochs,
            ..
        } => {
            let what =
                "the training cost (examples × tokens_per_example × epochs × price_per_1m_tokens)";
            let tokens = c.mul(examples, Decimal::from(*tokens_per_example), what)?;
            let tokens = c.mul(tokens, Decimal::from(*epochs), what)?;
            let dollars = c.mul(tokens, *price_per_1m_tokens, what)?;
            c.div(dollars, Decimal::from(1_000_000), what)?
        }
    };
    let billed = match t.minimum_charge {
        Some(min) if min > before_minimum => min,
        _ => before_minimum,
    };
    Ok(TrainingCost {
        before_minimum,
        billed,
    })
}

/// Training tokens of one job, when the job is priced by tokens: examples × tokens × epochs.
pub fn training_tokens(t: &Training) -> Option<u128> {
    match &t.price {
        TrainingPrice::PerToken {
            tokens_per_example,
            epochs,
            ..
        } => Some(u128::from(t.examples) * u128::from(*tokens_per_example) * u128::from(*epochs)),
        _ => None,
    }
}

/// Currency units for one call: `price_per_1k_calls / 1000`, or
/// `(input_tokens × input_price + output_tokens × output_price) / 1,000,000`.
pub fn cost_per_call(c: Checked, price: &CallPrice, side: &str) -> Result<Decimal, Error> {
    let what = format!("the cost of one {side} call");
    match price {
        CallPrice::Per1kCalls(p) => c.div(*p, Decimal::ONE_THOUSAND, &what),
        CallPrice::Tokens(t) => {
            let input = c.mul(
                Decimal::from(t.input_tokens),
                t.input_price_per_1m_tokens,
                &what,
            )?;
            let output = c.mul(
                Decimal::from(t.output_tokens),
                t.output_price_per_1m_tokens,
                &what,
            )?;
            let total = c.add(input, output, &what)?;
            c.div(total, Decimal::from(1_000_000), &what)
        }
    }
}

/// Prompting tokens minus tuned tokens per call, when both sides are priced by tokens.
pub fn tokens_saved_per_call(prompting: &CallPrice, tuned: &CallPrice) -> Option<i128> {
    match (prompting, tuned) {
        (CallPrice::Tokens(p), CallPrice::Tokens(t)) => {
            Some(i128::from(p.total_tokens()) - i128::from(t.total_tokens()))
        }
        _ => None,
    }
}

/// Currency units per month for keeping the tuned model deployed (hourly fees × 730 hours).
pub fn hosting_per_month(c: Checked, hosting: Hosting) -> Result<Decimal, Error> {
    match hosting {
        Hosting::None => Ok(Decimal::ZERO),
        Hosting::PerMonth(m) => Ok(m),
        Hosting::PerHour(h) => c.mul(
            h,
            Decimal::from(HOURS_PER_MONTH),
            "the monthly hosting fee (hosting_per_hour × 730)",
        ),
    }
}
