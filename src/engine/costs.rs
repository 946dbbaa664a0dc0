//! What tuning costs up front and what one call and one month cost on each side, from the
//! inputs. Generic over the number type: the same formulas give the exact figures and the
//! Monte Carlo samples.

use super::figure::{op, Figure};
use super::scalar::Scalar;
use crate::scenario::{CallPrice, Hosting, Inputs, Side, TokenPrice, TrainingPrice};

/// Everything the monthly cash flows are built from, in currency units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Costs<S> {
    /// One job as the price form works it out, before the minimum charge.
    pub training_before_minimum: S,
    /// One job as billed: `max(price form, minimum_charge)`. A retraining pays this again.
    pub training: S,
    /// Billed training tokens of one job (examples × tokens × epochs), when priced by tokens.
    pub training_tokens: Option<S>,
    /// `training × runs + setup_cost`, paid at month 0.
    pub upfront: S,
    /// Currency units per call.
    pub prompting_per_call: S,
    /// Currency units per call.
    pub tuned_per_call: S,
    /// Tokens per call on each side, when both sides are priced by tokens.
    pub tokens: Option<(S, S)>,
    /// Hosting the tuned model, currency units per month.
    pub hosting_per_month: S,
}

const MILLION: u64 = 1_000_000;

/// Works out the costs of one scenario.
pub fn costs<S: Scalar>(i: &Inputs<S>) -> Result<Costs<S>, Figure> {
    let t = &i.training;
    let f = Figure::TrainingCost;
    let (before_minimum, training_tokens) = match &t.price {
        TrainingPrice::Total(cost) => (*cost, None),
        TrainingPrice::PerExample(per) => (op(per.checked_mul(t.examples), f)?, None),
        TrainingPrice::PerToken {
            price_per_1m_tokens,
            tokens_per_example,
            epochs,
        } => {
            let tokens = op(t.examples.checked_mul(*tokens_per_example), f)?;
            let tokens = op(tokens.checked_mul(S::from_u64(u64::from(epochs.count))), f)?;
            let cost = op(tokens.checked_mul(*price_per_1m_tokens), f)?;
            (op(cost.checked_div(S::from_u64(MILLION)), f)?, Some(tokens))
        }
    };
    let training = match t.minimum_charge {
        Some(min) => before_minimum.max(min),
        None => before_minimum,
    };
    let u = Figure::UpfrontCost;
    let jobs = op(training.checked_mul(S::from_u64(u64::from(t.runs))), u)?;
    let upfront = op(jobs.checked_add(t.setup_cost), u)?;
    let prompting_per_call = per_call(&i.prompting, None, Side::Prompting)?;
    let parent = match &i.prompting {
        CallPrice::Tokens(p) => Some(p),
        CallPrice::Per1kCalls(_) => None,
    };
    let tuned_per_call = per_call(&i.tuned, parent, Side::Tuned)?;
    let tokens = match (&i.prompting, &i.tuned) {
        (CallPrice::Tokens(p), CallPrice::Tokens(tu)) => Some((
            op(
                p.input_tokens
                    .checked_add(p.output_tokens.unwrap_or(S::ZERO)),
                Figure::CallCost(Side::Prompting),
            )?,
            op(
                tu.input_tokens.checked_add(output_tokens(tu, parent)),
                Figure::CallCost(Side::Tuned),
            )?,
        )),
        _ => None,
    };
    let hosting_per_month = match &i.hosting {
        Hosting::None => S::ZERO,
        Hosting::PerMonth(m) => *m,
        Hosting::PerHour {
            per_hour,
            hours_per_month,
        } => op(per_hour.checked_mul(*hours_per_month), Figure::Hosting)?,
    };
    Ok(Costs {
        training_before_minimum: before_minimum,
        training,
        training_tokens,
        upfront,
        prompting_per_call,
        tuned_per_call,
        tokens,
        hosting_per_month,
    })
}

/// Output tokens of a call, taken from the prompting side when the tuned side leaves them out.
pub fn output_tokens<S: Scalar>(t: &TokenPrice<S>, parent: Option<&TokenPrice<S>>) -> S {
    t.output_tokens
        .or_else(|| parent.and_then(|p| p.output_tokens))
        .unwrap_or(S::ZERO)
}

/// Currency units for one call: `price_per_1k_calls / 1000`, or
/// `(input_tokens × input_price + output_tokens × output_price) / 1,000,000`, with prices the
/// tuned side leaves out taken from `parent` (the prompting side).
fn per_call<S: Scalar>(
    price: &CallPrice<S>,
    parent: Option<&TokenPrice<S>>,
    side: Side,
) -> Result<S, Figure> {
    let f = Figure::CallCost(side);
    match price {
        CallPrice::Per1kCalls(p) => op(p.checked_div(S::from_u64(1000)), f),
        CallPrice::Tokens(t) => {
            let inherit = |own: Option<S>, from: fn(&TokenPrice<S>) -> Option<S>| {
                own.or_else(|| parent.and_then(from)).unwrap_or(S::ZERO)
            };
            let input_price = inherit(t.input_price_per_1m_tokens, |p| p.input_price_per_1m_tokens);
            let output_price = inherit(t.output_price_per_1m_tokens, |p| {
                p.output_price_per_1m_tokens
            });
            let input = op(t.input_tokens.checked_mul(input_price), f)?;
            let output = op(output_tokens(t, parent).checked_mul(output_price), f)?;
            let total = op(input.checked_add(output), f)?;
            op(total.checked_div(S::from_u64(MILLION)), f)
        }
    }
}

/// The resolved prices of one call on a side, for showing the arithmetic: input tokens, output
/// tokens, input price, output price (inherited values filled in).
pub fn token_terms<S: Scalar>(i: &Inputs<S>, side: Side) -> Option<[S; 4]> {
    let parent = match &i.prompting {
        CallPrice::Tokens(p) => Some(p),
        CallPrice::Per1kCalls(_) => None,
    };
    let parent = if side == Side::Tuned { parent } else { None };
    match i.side(side) {
        CallPrice::Tokens(t) => Some([
            t.input_tokens,
            output_tokens(t, parent),
            t.input_price_per_1m_tokens
                .or_else(|| parent.and_then(|p| p.input_price_per_1m_tokens))
                .unwrap_or(S::ZERO),
            t.output_price_per_1m_tokens
                .or_else(|| parent.and_then(|p| p.output_price_per_1m_tokens))
                .unwrap_or(S::ZERO),
        ]),
        CallPrice::Per1kCalls(_) => None,
    }
}
