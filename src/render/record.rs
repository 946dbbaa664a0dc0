//! The machine-readable record of one evaluation: the JSON contract of DESIGN.md, also the
//! CSV columns. Decimals are strings holding the unrounded value, counts are integers,
//! absent values are null. Names are a contract: extend, never rename.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::reasons::reasons;
use crate::engine::Evaluation;

/// An exact decimal as a JSON string, trailing zeros dropped (the value is unchanged).
fn dec(d: Decimal) -> Value {
    Value::String(d.normalize().to_string())
}

/// A count as a JSON integer; a count beyond 64 bits (only absurd inputs get there) is kept
/// exact as a string rather than silently truncated.
fn count(n: impl Into<i128>) -> Value {
    let n: i128 = n.into();
    match (u64::try_from(n), i64::try_from(n)) {
        (Ok(u), _) => Value::from(u),
        (_, Ok(i)) => Value::from(i),
        _ => Value::String(n.to_string()),
    }
}

fn count_u128(n: u128) -> Value {
    i128::try_from(n).map_or_else(|_| Value::String(n.to_string()), count)
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

/// The contract's fields first, in DESIGN.md's order, then extensions.
pub fn record(e: &Evaluation) -> Value {
    let s = &e.scenario;
    json!({
        "name": s.name,
        "file": s.file.display().to_string(),
        "training_cost": dec(e.training_cost),
        "upfront_cost": dec(e.upfront_cost),
        "prompting_cost_per_call": dec(e.prompting_cost_per_call),
        "tuned_cost_per_call": dec(e.tuned_cost_per_call),
        "savings_per_call": dec(e.savings_per_call),
        "tokens_saved_per_call": opt(e.tokens_saved_per_call.map(count)),
        "prompting_cost_per_month": dec(e.prompting_cost_per_month),
        "tuned_cost_per_month": dec(e.tuned_cost_per_month),
        "savings_per_month": dec(e.savings_per_month),
        "payback_months": opt(e.payback_months.map(dec)),
        "payback_months_rounded_up": opt(e.payback_months_rounded_up.map(count_u128)),
        "break_even_calls": opt(e.break_even_calls.map(count_u128)),
        "calls_per_month_for_target": opt(e.calls_per_month_for_target.map(count_u128)),
        "horizon_months": e.horizon_months,
        "net_savings_at_horizon": dec(e.net_savings_at_horizon),
        "verdict": e.verdict.code(),
        "reasons": reasons(e),
        // Extensions.
        "description": opt(s.description.clone()),
        "currency": s.currency,
        "cost_verdict": e.cost_verdict.code(),
        "examples": s.training.examples,
        "training_cost_before_minimum": dec(e.training_cost_before_minimum),
        "training_tokens": opt(e.training_tokens.map(count_u128)),
        "setup_cost": dec(s.training.setup_cost),
        "retrain_every_months": opt(s.training.retrain_every_months),
        "retrains_in_horizon": e.retrains_in_horizon,
        "calls_per_month": dec(s.usage.calls_per_month),
        "monthly_growth": dec(s.usage.monthly_growth),
        "hosting_per_month": dec(e.hosting_per_month),
        "target_payback_months": dec(s.decision.target_payback_months),
        "target_window_months": dec(e.target_window_months),
    })
}
