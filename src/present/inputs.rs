//! Every input a scenario used, in words with units, so a reader can redo the sums.

use rust_decimal::Decimal;

use super::number::{amount_of, as_written, count, currency_symbol, percent, quantity};
use crate::scenario::{CallPrice, Hosting, Scenario, TokenPrice, TrainingPrice};

/// An amount exactly as the scenario gave it: `$0.125`, `$1.70`, `20 CHF`.
pub fn exact(value: Decimal, currency: &str) -> String {
    // A range's median has a decimal's full length: six significant digits say it.
    if value.normalize().scale() > 8 {
        let digits = super::number::significant(value.abs(), 6);
        let sign = if value.is_sign_negative() { "-" } else { "" };
        return match currency_symbol(currency) {
            Some(sym) => format!("{sign}{sym}{digits}"),
            None => format!("{sign}{digits} {currency}"),
        };
    }
    match currency_symbol(currency) {
        Some(sym) if value.is_sign_negative() => format!("-{sym}{}", as_written(value.abs())),
        Some(sym) => format!("{sym}{}", as_written(value)),
        None => format!("{} {currency}", as_written(value)),
    }
}

fn call_price(p: &CallPrice<Decimal>, parent: Option<&TokenPrice<Decimal>>, cur: &str) -> String {
    match p {
        CallPrice::Per1kCalls(v) => format!("{} per 1,000 calls", exact(*v, cur)),
        CallPrice::Tokens(t) => {
            let mut inherited = Vec::new();
            let mut value =
                |own: Option<Decimal>, from: Option<Decimal>, name: &'static str| match (own, from)
                {
                    (Some(v), _) => v,
                    (None, Some(v)) => {
                        inherited.push(name);
                        v
                    }
                    (None, None) => Decimal::ZERO,
                };
            let output = value(
                t.output_tokens,
                parent.and_then(|p| p.output_tokens),
                "output tokens",
            );
            let input_price = value(
                t.input_price_per_1m_tokens,
                parent.and_then(|p| p.input_price_per_1m_tokens),
                "input price",
            );
            let output_price = value(
                t.output_price_per_1m_tokens,
                parent.and_then(|p| p.output_price_per_1m_tokens),
                "output price",
            );
            let mut s = format!(
                "{} input tokens at {} per 1M; {} output tokens at {} per 1M",
                quantity(t.input_tokens),
                exact(input_price, cur),
                quantity(output),
                exact(output_price, cur)
            );
            if let Some(cached) = t.cached_input_tokens.filter(|c| !c.is_zero()) {
                let price = t
                    .cached_input_price_per_1m_tokens
                    .or_else(|| parent.and_then(|p| p.cached_input_price_per_1m_tokens));
                s.push_str(&format!(
                    "; {} of the input tokens read from the cache",
                    quantity(cached)
                ));
                if let Some(p) = price {
                    s.push_str(&format!(" at {} per 1M", exact(p, cur)));
                }
            }
            if let Some(storage) = t.cache_storage_per_1m_tokens_per_hour {
                s.push_str(&format!(
                    "; cache storage {} per 1M tokens an hour, {} hours a month",
                    exact(storage, cur),
                    amount_of(
                        t.cache_hours_per_month
                            .unwrap_or(Decimal::from(crate::scenario::DEFAULT_HOSTING_HOURS))
                    )
                ));
            }
            if !inherited.is_empty() {
                s.push_str(&format!(" ({} taken from prompting)", inherited.join(", ")));
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
    let i = &s.inputs;
    let t = &i.training;
    let mut rows = vec![("Labelled examples", quantity(t.examples))];
    if let Some(m) = &s.dataset {
        rows.push(("Training data", super::words::dataset_measured(m)));
    }
    rows.push((
        "Training price",
        match &t.price {
            TrainingPrice::Total(v) => format!("{} per job", exact(*v, cur)),
            TrainingPrice::PerExample(v) => format!("{} per example", exact(*v, cur)),
            TrainingPrice::PerToken {
                price_per_1m_tokens,
                tokens_per_example,
                epochs,
            } => format!(
                "{} per 1M training tokens; {} tokens per example; {} epochs{}",
                exact(*price_per_1m_tokens, cur),
                quantity(*tokens_per_example),
                epochs.count,
                if epochs.rule.is_some() {
                    " (the provider's automatic choice)"
                } else {
                    ""
                }
            ),
        },
    ));
    if let Some(min) = t.minimum_charge {
        rows.push(("Minimum charge", format!("{} per job", exact(min, cur))));
    }
    rows.push(("Setup cost", format!("{} once", exact(t.setup_cost, cur))));
    if t.runs > 1 {
        rows.push(("Runs in the first round", count(u128::from(t.runs))));
    }
    rows.push((
        "Retraining",
        t.retrain_every_months
            .map_or("none".to_string(), |r| format!("every {r} months")),
    ));
    rows.push((
        "Calls per month",
        format!("{} in month 1", amount_of(i.usage.calls_per_month)),
    ));
    rows.push((
        "Monthly growth",
        format!("{} a month, compounding", percent(i.usage.monthly_growth)),
    ));
    if let Some(cap) = i.usage.max_calls_per_month {
        rows.push(("Volume cap", format!("{} calls a month", amount_of(cap))));
    }
    let parent = match &i.prompting {
        CallPrice::Tokens(p) => Some(p),
        CallPrice::Per1kCalls(_) => None,
    };
    rows.push((
        "Prompting (long prompt)",
        call_price(&i.prompting, None, cur),
    ));
    rows.push((
        "Tuned model (short prompt)",
        call_price(&i.tuned, parent, cur),
    ));
    rows.push((
        "Hosting",
        match &i.hosting {
            Hosting::None => "none".to_string(),
            Hosting::PerMonth(v) => format!("{} a month", exact(*v, cur)),
            Hosting::PerHour {
                per_hour,
                hours_per_month,
            } => format!(
                "{} an hour, {} hours a month",
                exact(*per_hour, cur),
                amount_of(*hours_per_month)
            ),
        },
    ));
    if let Some(storage) = i.storage_per_month {
        rows.push(("Model storage", format!("{} a month", exact(storage, cur))));
    }
    let same = matches!((&s.models.tuned, &s.models.prompting), (Some(a), Some(b)) if a.id == b.id);
    let sides = if same {
        [("tuned and prompting", &s.models.tuned), ("", &None)]
    } else {
        [
            ("tuned", &s.models.tuned),
            ("prompting", &s.models.prompting),
        ]
    };
    let models: Vec<String> = sides
        .into_iter()
        .filter_map(|(side, e)| {
            e.as_ref().map(|e| {
                format!(
                    "{side}: {} (checked {}, {} source)",
                    e.id,
                    e.checked,
                    e.evidence.name()
                )
            })
        })
        .collect();
    if !models.is_empty() {
        rows.push(("Catalog models", models.join("; ")));
        rows.push(("Month 1 starts", s.start.to_string()));
        for (month, key, value) in &s.schedule.changes {
            rows.push((
                "Price change",
                format!(
                    "from month {month} ({}): {} {}",
                    s.start.add_months(i64::from(*month) - 1),
                    key.name(),
                    exact(*value, cur)
                ),
            ));
        }
    }
    // Ranges as written: the values above are their medians.
    for u in &s.uncertain {
        rows.push(("Range (median above)", super::words::range_reading(u)));
    }
    for c in &s.correlations {
        rows.push((
            "Moves with",
            format!(
                "{} and {}: rank correlation {}",
                c.a.name(),
                c.b.name(),
                c.rank_correlation.normalize()
            ),
        ));
    }
    let d = &s.decision;
    rows.push((
        "Target payback",
        format!("{} months", amount_of(d.target_payback_months)),
    ));
    rows.push(("Horizon", format!("{} months", d.horizon_months)));
    rows.push((
        "Minimum examples to tune",
        count(u128::from(d.min_examples)),
    ));
    rows.push(("Consistency worth paying for", yes(d.needs_consistency)));
    rows.push(("Task is stable", yes(d.task_is_stable)));
    if d.needs_low_latency {
        rows.push(("Low latency matters", yes(true)));
    }
    if !s.uncertain.is_empty() {
        rows.push((
            "Confidence needed",
            format!("{} chance of paying back in time", percent(d.confidence)),
        ));
    }
    rows.push(("Currency", cur.to_string()));
    rows
}
