//! What tuning costs up front and what one call and one month cost on each side, from the
//! inputs. Generic over the number type: the same formulas give the exact figures and the
//! Monte Carlo samples.

use super::figure::{op, Figure};
use super::scalar::Scalar;
use crate::scenario::{
    CallPrice, Hosting, Inputs, Side, TokenPrice, Training, TrainingPrice, DEFAULT_HOSTING_HOURS,
};

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
    /// Storing the tuned model, currency units per month.
    pub storage_per_month: S,
    /// Keeping an explicit prompt cache, currency units per month: (prompting, tuned).
    pub cache_storage_per_month: (S, S),
    /// Whether each side reads part of its prompt from a cache: (prompting, tuned).
    pub cached_tokens: (bool, bool),
}

impl<S: Scalar> Costs<S> {
    /// Fixed monthly costs of prompting: its cache storage.
    pub fn prompting_fixed(&self) -> S {
        self.cache_storage_per_month.0
    }

    /// Fixed monthly costs of the tuned model: hosting, storage and its cache storage.
    pub fn tuned_fixed(&self) -> Result<S, Figure> {
        let f = Figure::Hosting;
        op(
            op(
                self.hosting_per_month.checked_add(self.storage_per_month),
                f,
            )?
            .checked_add(self.cache_storage_per_month.1),
            f,
        )
    }
}

const MILLION: u64 = 1_000_000;

/// The terms of one call priced by tokens, with what the tuned side leaves out taken from the
/// prompting side: tokens (input, of which cached; output), prices per million (input, cached
/// input, output), explicit cache storage per million per hour, and cache hours a month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenTerms<S> {
    pub input_tokens: S,
    pub cached_input_tokens: S,
    /// `input_tokens − cached_input_tokens` (validation keeps it 0 or more).
    pub uncached_input_tokens: S,
    pub output_tokens: S,
    pub input_price: S,
    pub cached_input_price: S,
    pub output_price: S,
    pub cache_storage_price: S,
    pub cache_hours: S,
}

/// The resolved terms of one side's call when it is priced by tokens.
pub fn token_terms<S: Scalar>(i: &Inputs<S>, side: Side) -> Option<TokenTerms<S>> {
    let parent = match (&i.prompting, side) {
        (CallPrice::Tokens(p), Side::Tuned) => Some(p),
        _ => None,
    };
    let own = match i.side(side) {
        CallPrice::Tokens(t) => t,
        CallPrice::Per1kCalls(_) => return None,
    };
    let inherit = |mine: Option<S>, from: fn(&TokenPrice<S>) -> Option<S>| {
        mine.or_else(|| parent.and_then(from)).unwrap_or(S::ZERO)
    };
    let cached = own.cached_input_tokens.unwrap_or(S::ZERO);
    Some(TokenTerms {
        input_tokens: own.input_tokens,
        cached_input_tokens: cached,
        uncached_input_tokens: own.input_tokens.checked_sub(cached).unwrap_or(S::ZERO),
        output_tokens: inherit(own.output_tokens, |p| p.output_tokens),
        input_price: inherit(own.input_price_per_1m_tokens, |p| {
            p.input_price_per_1m_tokens
        }),
        cached_input_price: inherit(own.cached_input_price_per_1m_tokens, |p| {
            p.cached_input_price_per_1m_tokens
        }),
        output_price: inherit(own.output_price_per_1m_tokens, |p| {
            p.output_price_per_1m_tokens
        }),
        cache_storage_price: inherit(own.cache_storage_per_1m_tokens_per_hour, |p| {
            p.cache_storage_per_1m_tokens_per_hour
        }),
        cache_hours: own
            .cache_hours_per_month
            .unwrap_or(S::from_u64(u64::from(DEFAULT_HOSTING_HOURS))),
    })
}

impl<S: Scalar> TokenTerms<S> {
    /// Currency units for one call:
    /// `((input − cached) × input price + cached × cached price + output × output price) / 1M`.
    pub fn per_call(&self, side: Side) -> Result<S, Figure> {
        let f = Figure::CallCost(side);
        let input = op(self.uncached_input_tokens.checked_mul(self.input_price), f)?;
        let cached = op(
            self.cached_input_tokens
                .checked_mul(self.cached_input_price),
            f,
        )?;
        let output = op(self.output_tokens.checked_mul(self.output_price), f)?;
        let total = op(op(input.checked_add(cached), f)?.checked_add(output), f)?;
        op(total.checked_div(S::from_u64(MILLION)), f)
    }

    /// Currency units per month for an explicit cache: cached tokens / 1M × price × hours.
    pub fn cache_storage_per_month(&self, side: Side) -> Result<S, Figure> {
        let f = Figure::CallCost(side);
        let millions = op(
            self.cached_input_tokens.checked_div(S::from_u64(MILLION)),
            f,
        )?;
        op(
            op(millions.checked_mul(self.cache_storage_price), f)?.checked_mul(self.cache_hours),
            f,
        )
    }

    /// Tokens in one call.
    pub fn tokens(&self, side: Side) -> Result<S, Figure> {
        op(
            self.input_tokens.checked_add(self.output_tokens),
            Figure::CallCost(side),
        )
    }
}

/// Works out the costs of one scenario.
/// One tuning job: (its price before the minimum charge, billed training tokens when priced
/// by tokens, the price as billed). Also what `data check` prices a measured file with.
pub fn training_job<S: Scalar>(t: &Training<S>) -> Result<(S, Option<S>, S), Figure> {
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
    Ok((before_minimum, training_tokens, training))
}

pub fn costs<S: Scalar>(i: &Inputs<S>) -> Result<Costs<S>, Figure> {
    let t = &i.training;
    let (before_minimum, training_tokens, training) = training_job(t)?;
    let u = Figure::UpfrontCost;
    let jobs = op(training.checked_mul(S::from_u64(u64::from(t.runs))), u)?;
    let upfront = op(jobs.checked_add(t.setup_cost), u)?;
    let side = |side: Side| -> Result<(S, Option<S>, S, bool), Figure> {
        match (i.side(side), token_terms(i, side)) {
            (CallPrice::Per1kCalls(p), _) => Ok((
                op(p.checked_div(S::from_u64(1000)), Figure::CallCost(side))?,
                None,
                S::ZERO,
                false,
            )),
            (CallPrice::Tokens(_), Some(terms)) => Ok((
                terms.per_call(side)?,
                Some(terms.tokens(side)?),
                terms.cache_storage_per_month(side)?,
                terms.cached_input_tokens.is_positive(),
            )),
            (CallPrice::Tokens(_), None) => Err(Figure::CallCost(side)),
        }
    };
    let (prompting_per_call, prompting_tokens, prompting_cache, prompting_cached) =
        side(Side::Prompting)?;
    let (tuned_per_call, tuned_tokens, tuned_cache, tuned_cached) = side(Side::Tuned)?;
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
        tokens: prompting_tokens.zip(tuned_tokens),
        hosting_per_month,
        storage_per_month: i.storage_per_month.unwrap_or(S::ZERO),
        cache_storage_per_month: (prompting_cache, tuned_cache),
        cached_tokens: (prompting_cached, tuned_cached),
    })
}
