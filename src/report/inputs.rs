//! Every input a scenario used, in words with units, so a reader can redo the sums.

use rust_decimal::Decimal;

use crate::money::{as_written, count, currency_symbol, plain};
use crate::scenario::{CallPrice, Hosting, Scenario, TrainingPrice, HOURS_PER_MONTH};

/// An amount exactly as the scenario gave it: `$0.125`, `$1.70`, `20 CHF`.
fn exact(value: Decimal, currency: &str) -> String {
    match currency_symbol(currency) {
        Some(sym) if value.is_sign_negative() => format!("-{sym}{}", as_written(value.abs())),
        Some(sym) => format!("{sym}{}", as_written(value)),
        None => format!("{} {currency}", as_written(value)),
    }
}

fn n(value: u64) -> String {
    count(u128::from(value))
}

fn call_price(p: &CallPrice, cur: &str) -> String {
    match p {
        CallPrice::Per1kCalls(v) => format!("{} per 1,000 calls", exact(*v, cur)),
        CallPrice::Tokens(t) => {
            let mut s = format!(
                "{} input tokens at {} per 1M; {} output tokens at {} per 1M",
                n(t.input_tokens),
                exact(t.input_price_per_1m_tokens, cur),
                n(t.output_tokens),
                exact(t.output_price_per_1m_tokens, cur)
            );
            if !t.inherited.is_empty() {
                s.push_str(&format!(
                    " ({} taken from prompting)",
                    t.inherited.join(", ")
                ));
            }
            s
        }
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// (label, value with units) for every input, in the order of the scenario file.
pub fn rows(s: &Scenario) -> Vec<(&'static str, String)> {
    let cur = s.currency.as_str();
    let t = &s.training;
    let mut rows = vec![("Labelled examples", n(t.examples))];
    rows.push((
        "Training price",
        match &t.price {
            TrainingPrice::Total(v) => format!("{} per job", exact(*v, cur)),
            TrainingPrice::PerExample(v) => format!("{} per example", exact(*v, cur)),
            TrainingPrice::PerToken {
                price_per_1m_tokens,
                tokens_per_example,
                epochs,
                epochs_given,
            } => format!(
                "{} per 1M training tokens; {} tokens per example; {} epochs{}",
                exact(*price_per_1m_tokens, cur),
                n(*tokens_per_example),
                epochs,
                if *epochs_given {
                    ""
                } else {
                    " (automatic choice)"
                }
            ),
        },
    ));
    if let Some(min) = t.minimum_charge {
        rows.push(("Minimum charge", format!("{} per job", exact(min, cur))));
    }
    rows.push(("Setup cost", format!("{} once", exact(t.setup_cost, cur))));
    rows.push((
        "Retraining",
        t.retrain_every_months
            .map_or("none".to_string(), |r| format!("every {r} months")),
    ));
    rows.push((
        "Calls per month",
        format!("{} in month 1", plain(s.usage.calls_per_month)),
    ));
    rows.push((
        "Monthly growth",
        format!(
            "{} % a month, compounding",
            plain(s.usage.monthly_growth * Decimal::ONE_HUNDRED)
        ),
    ));
    rows.push(("Prompting (long prompt)", call_price(&s.prompting, cur)));
    rows.push(("Tuned model (short prompt)", call_price(&s.tuned, cur)));
    rows.push((
        "Hosting",
        match s.hosting {
            Hosting::None => "none".to_string(),
            Hosting::PerMonth(v) => format!("{} a month", exact(v, cur)),
            Hosting::PerHour(v) => {
                format!("{} an hour, {HOURS_PER_MONTH} hours a month", exact(v, cur))
            }
        },
    ));
    let d = &s.decision;
    rows.push((
        "Target payback",
        format!("{} months", plain(d.target_payback_months)),
    ));
    rows.push(("Horizon", format!("{} months", d.horizon_months)));
    rows.push(("Minimum examples to tune", n(d.min_examples)));
    rows.push(("Consistency worth paying for", yes(d.needs_consistency)));
    rows.push(("Task is stable", yes(d.task_is_stable)));
    rows.push(("Currency", cur.to_string()));
    rows
}
