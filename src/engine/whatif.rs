//! What-if evaluations: the same scenario at other volumes, or with one input varied.
//!
//! Charts show these (payback against volume, the tornado of sensitivities), but the maths
//! lives here: every point is a full [`evaluate`] of a modified [`Scenario`].

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{evaluate, Evaluation};
use crate::error::Error;
use crate::scenario::{CallPrice, Hosting, Scenario, TrainingPrice};

/// An input that the sensitivity analysis varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The price of one tuning job (total, per example or per token).
    TrainingPrice,
    SetupCost,
    CallsPerMonth,
    MonthlyGrowth,
    /// The prompting side's call price (per 1000 calls, or both token prices).
    PromptingPrice,
    /// The tuned side's call price.
    TunedPrice,
    /// Tokens in the long prompt.
    PromptingInputTokens,
    /// Tokens in the tuned model's short prompt.
    TunedInputTokens,
    Hosting,
}

impl Input {
    /// A short label for charts.
    pub fn label(self) -> &'static str {
        match self {
            Input::TrainingPrice => "training price",
            Input::SetupCost => "setup cost",
            Input::CallsPerMonth => "calls per month",
            Input::MonthlyGrowth => "monthly growth",
            Input::PromptingPrice => "prompting price",
            Input::TunedPrice => "tuned price",
            Input::PromptingInputTokens => "long prompt tokens",
            Input::TunedInputTokens => "short prompt tokens",
            Input::Hosting => "hosting fee",
        }
    }
}

/// The inputs this scenario actually has (a zero setup cost or absent hosting fee cannot move).
pub fn inputs_of(s: &Scenario) -> Vec<Input> {
    let mut out = vec![Input::TrainingPrice];
    if !s.training.setup_cost.is_zero() {
        out.push(Input::SetupCost);
    }
    out.push(Input::CallsPerMonth);
    if !s.usage.monthly_growth.is_zero() {
        out.push(Input::MonthlyGrowth);
    }
    out.extend([Input::PromptingPrice, Input::TunedPrice]);
    if matches!(&s.prompting, CallPrice::Tokens(t) if t.input_tokens > 0) {
        out.push(Input::PromptingInputTokens);
    }
    if matches!(&s.tuned, CallPrice::Tokens(t) if t.input_tokens > 0) {
        out.push(Input::TunedInputTokens);
    }
    if !matches!(s.hosting, Hosting::None) {
        out.push(Input::Hosting);
    }
    out
}

/// `v × factor`; an input so large that scaling it overflows is left as it is (evaluating it
/// reports the overflow by name).
fn times(v: Decimal, factor: Decimal) -> Decimal {
    v.checked_mul(factor).unwrap_or(v)
}

fn scale_price(p: &mut CallPrice, factor: Decimal) {
    match p {
        CallPrice::Per1kCalls(v) => *v = times(*v, factor),
        CallPrice::Tokens(t) => {
            t.input_price_per_1m_tokens = times(t.input_price_per_1m_tokens, factor);
            t.output_price_per_1m_tokens = times(t.output_price_per_1m_tokens, factor);
        }
    }
}

fn scale_tokens(p: &mut CallPrice, factor: Decimal) {
    if let CallPrice::Tokens(t) = p {
        let scaled = times(Decimal::from(t.input_tokens), factor).round();
        t.input_tokens = scaled.to_u64().unwrap_or(t.input_tokens);
    }
}

/// The scenario with one input multiplied by `factor` (0.8 and 1.2 for a ±20 % swing).
/// Factors are between 0 and 2, so no product can overflow an input that validated.
pub fn scaled(s: &Scenario, input: Input, factor: Decimal) -> Scenario {
    let mut s = s.clone();
    match input {
        Input::TrainingPrice => match &mut s.training.price {
            TrainingPrice::Total(v) | TrainingPrice::PerExample(v) => *v = times(*v, factor),
            TrainingPrice::PerToken {
                price_per_1m_tokens,
                ..
            } => *price_per_1m_tokens = times(*price_per_1m_tokens, factor),
        },
        Input::SetupCost => s.training.setup_cost = times(s.training.setup_cost, factor),
        Input::CallsPerMonth => s.usage.calls_per_month = times(s.usage.calls_per_month, factor),
        Input::MonthlyGrowth => s.usage.monthly_growth = times(s.usage.monthly_growth, factor),
        Input::PromptingPrice => scale_price(&mut s.prompting, factor),
        Input::TunedPrice => scale_price(&mut s.tuned, factor),
        Input::PromptingInputTokens => scale_tokens(&mut s.prompting, factor),
        Input::TunedInputTokens => scale_tokens(&mut s.tuned, factor),
        Input::Hosting => {
            s.hosting = match s.hosting {
                Hosting::None => Hosting::None,
                Hosting::PerMonth(v) => Hosting::PerMonth(times(v, factor)),
                Hosting::PerHour(v) => Hosting::PerHour(times(v, factor)),
            }
        }
    }
    s
}

/// The scenario evaluated at another month-1 volume (growth and everything else unchanged).
pub fn at_volume(s: &Scenario, calls_per_month: Decimal) -> Result<Evaluation, Error> {
    let mut s = s.clone();
    s.usage.calls_per_month = calls_per_month;
    evaluate(&s)
}

/// What the sensitivity analysis measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Payback in months (lower is better).
    PaybackMonths,
    /// Net savings at the horizon, in currency units (higher is better); used when the
    /// scenario does not pay back at all.
    NetSavingsAtHorizon,
}

/// The metric's value for one evaluation; `None` when payback never comes.
fn measure(e: &Evaluation, metric: Metric) -> Option<Decimal> {
    match metric {
        Metric::PaybackMonths => e.payback_months,
        Metric::NetSavingsAtHorizon => Some(e.net_savings_at_horizon),
    }
}

/// How the metric moves when one input goes down and up by the swing.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    pub input: Input,
    /// The metric with the input at (1 − swing); `None`: never pays back.
    pub low: Option<Decimal>,
    /// The metric with the input at (1 + swing).
    pub high: Option<Decimal>,
}

impl Swing {
    /// How far apart the two ends are; `None` (infinite) when one end never pays back.
    pub fn spread(&self, base: Decimal) -> Option<Decimal> {
        match (self.low, self.high) {
            (Some(l), Some(h)) => Some((h - l).abs().max((l - base).abs()).max((h - base).abs())),
            _ => None,
        }
    }
}

/// A tornado: the metric at the base scenario and each input's swing, biggest effect first.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    pub metric: Metric,
    pub base: Decimal,
    /// The swing as a fraction: 0.2 for ±20 %.
    pub swing: Decimal,
    pub swings: Vec<Swing>,
}

/// Varies each input by ±`swing` (a fraction between 0 and 1) and measures the effect on
/// payback, or on net savings at the horizon when the scenario never pays back.
pub fn sensitivity(e: &Evaluation, swing: Decimal) -> Result<Sensitivity, Error> {
    let (metric, base) = match e.payback_months {
        Some(p) => (Metric::PaybackMonths, p),
        None => (Metric::NetSavingsAtHorizon, e.net_savings_at_horizon),
    };
    let s = &e.scenario;
    let mut swings = Vec::new();
    for input in inputs_of(s) {
        let low = evaluate(&scaled(s, input, Decimal::ONE - swing))?;
        let high = evaluate(&scaled(s, input, Decimal::ONE + swing))?;
        swings.push(Swing {
            input,
            low: measure(&low, metric),
            high: measure(&high, metric),
        });
    }
    // Biggest effect first; an end that never pays back is the biggest effect of all.
    swings.sort_by(|a, b| match (a.spread(base), b.spread(base)) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    });
    Ok(Sensitivity {
        metric,
        base,
        swing,
        swings,
    })
}

/// The constant month-1 volume at which payback equals `target` months, or `None` when no
/// volume within a factor of 10^6 of the scenario's own reaches it.
///
/// Without growth this is the closed form of [`Evaluation::calls_per_month_for_target`];
/// with growth, payback falls as volume rises, so the volume is found by bisection
/// (60 halvings of the interval: finer than 10^-12 of the scenario's volume).
pub fn volume_for_payback(e: &Evaluation, target: Decimal) -> Result<Option<Decimal>, Error> {
    let s = &e.scenario;
    if s.usage.monthly_growth.is_zero() && target == e.target_window_months {
        return Ok(e.calls_per_month_for_target.map(Decimal::from));
    }
    let pays_within = |calls: Decimal| -> Result<bool, Error> {
        Ok(at_volume(s, calls)?
            .payback_months
            .is_some_and(|p| p <= target))
    };
    let million = Decimal::from(1_000_000);
    let calls = s.usage.calls_per_month;
    let (mut lo, mut hi) = (calls / million, times(calls, million));
    if !pays_within(hi)? {
        return Ok(None);
    }
    if pays_within(lo)? {
        return Ok(Some(lo));
    }
    for _ in 0..60 {
        let mid = lo + (hi - lo) / Decimal::TWO;
        if pays_within(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(Some(hi.ceil()))
}
