//! `tunecalc explain`: the worked arithmetic, step by step, with the real numbers in it.
//!
//! Every figure printed here comes from the [`Evaluation`]; the formulas only show how it
//! was reached, so a reader can redo each step on paper.

use rust_decimal::Decimal;
use std::fmt::Write;

use super::reasons::{reasons, verdict_label};
use crate::engine::{Evaluation, Payback, Verdict};
use crate::money::{count, figure, fixed, money, plain};
use crate::scenario::{default_epochs, CallPrice, Hosting, TrainingPrice, HOURS_PER_MONTH};

/// "1,000,000" and friends, for formulas.
fn int(n: u64) -> String {
    count(u128::from(n))
}

fn pct(fraction: Decimal) -> String {
    format!("{} %", plain(fraction * Decimal::ONE_HUNDRED))
}

pub fn render(e: &Evaluation) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, e);
    out
}

fn write_all(o: &mut String, e: &Evaluation) -> std::fmt::Result {
    let s = &e.scenario;
    let cur = s.currency.as_str();
    let m = |d: Decimal| money(d, cur);
    writeln!(o, "{}", s.name)?;
    writeln!(o, "{}", "=".repeat(s.name.chars().count()))?;
    writeln!(o, "File: {}", s.file.display())?;
    if let Some(d) = &s.description {
        writeln!(o, "{d}")?;
    }

    // 1. Up-front cost.
    writeln!(o, "\n1. What tuning costs up front")?;
    let t = &s.training;
    match &t.price {
        TrainingPrice::Total(c) => writeln!(o, "   One tuning job is priced at {}.", m(*c))?,
        TrainingPrice::PerExample(per) => writeln!(
            o,
            "   {} examples × {} per example = {}",
            int(t.examples),
            figure(*per),
            m(e.training_cost_before_minimum)
        )?,
        TrainingPrice::PerToken {
            price_per_1m_tokens,
            tokens_per_example,
            epochs,
            epochs_given,
        } => {
            let why = if *epochs_given {
                String::new()
            } else {
                format!(
                    " (epochs not given: {} is the usual automatic choice for {} examples)",
                    default_epochs(t.examples),
                    int(t.examples)
                )
            };
            let tokens = e.training_tokens.unwrap_or_default();
            writeln!(
                o,
                "   {} examples × {} tokens × {} epochs = {} training tokens{why}",
                int(t.examples),
                int(*tokens_per_example),
                epochs,
                count(tokens)
            )?;
            writeln!(
                o,
                "   {} / 1,000,000 × {} per 1M tokens = {}",
                count(tokens),
                figure(*price_per_1m_tokens),
                m(e.training_cost_before_minimum)
            )?;
        }
    }
    if let Some(min) = t.minimum_charge {
        writeln!(
            o,
            "   The provider's minimum charge is {}: max({}, {}) = {} a job",
            m(min),
            figure(e.training_cost_before_minimum),
            figure(min),
            m(e.training_cost)
        )?;
    }
    if t.setup_cost.is_zero() {
        writeln!(
            o,
            "   No setup cost, so the up-front cost is {}.",
            m(e.upfront_cost)
        )?;
    } else {
        writeln!(
            o,
            "   Up-front = training {} + setup {} = {}",
            figure(e.training_cost),
            figure(t.setup_cost),
            m(e.upfront_cost)
        )?;
    }
    if let Some(r) = t.retrain_every_months {
        writeln!(
            o,
            "   The model is retrained every {r} months, paying {} again each time.",
            m(e.training_cost)
        )?;
    }

    // 2. Per call.
    writeln!(o, "\n2. What one call costs")?;
    call_line(o, "Prompting", &s.prompting, e.prompting_cost_per_call, cur)?;
    call_line(o, "Tuned", &s.tuned, e.tuned_cost_per_call, cur)?;
    if let (CallPrice::Tokens(p), CallPrice::Tokens(tu), Some(saved)) =
        (&s.prompting, &s.tuned, e.tokens_saved_per_call)
    {
        writeln!(
            o,
            "   Tokens saved per call: {} − {} = {}",
            int(p.total_tokens()),
            int(tu.total_tokens()),
            if saved < 0 {
                format!("-{}", count(saved.unsigned_abs()))
            } else {
                count(saved.unsigned_abs())
            }
        )?;
    }
    writeln!(
        o,
        "   Savings per call: {} − {} = {}",
        figure(e.prompting_cost_per_call),
        figure(e.tuned_cost_per_call),
        m(e.savings_per_call)
    )?;

    // 3. Per month.
    writeln!(o, "\n3. What a month saves")?;
    let calls = s.usage.calls_per_month;
    let hosting_note = match s.hosting {
        Hosting::PerHour(h) => {
            writeln!(
                o,
                "   Hosting the tuned model: {} an hour × {HOURS_PER_MONTH} hours = {} a month",
                figure(h),
                m(e.hosting_per_month)
            )?;
            true
        }
        Hosting::PerMonth(h) => {
            writeln!(o, "   Hosting the tuned model: {} a month", m(h))?;
            true
        }
        Hosting::None => false,
    };
    let before_hosting = e.savings_per_month + e.hosting_per_month;
    match (&s.prompting, &s.tuned) {
        (CallPrice::Per1kCalls(p), CallPrice::Per1kCalls(tu)) => writeln!(
            o,
            "   ({} − {}) × ({} / 1000) = {} a month{}",
            figure(*p),
            figure(*tu),
            plain(calls),
            m(before_hosting),
            if hosting_note {
                " from cheaper calls"
            } else {
                ""
            }
        )?,
        _ => writeln!(
            o,
            "   ({} − {}) × {} calls = {} a month{}",
            figure(e.prompting_cost_per_call),
            figure(e.tuned_cost_per_call),
            plain(calls),
            m(before_hosting),
            if hosting_note {
                " from cheaper calls"
            } else {
                ""
            }
        )?,
    }
    if hosting_note {
        writeln!(
            o,
            "   {} − {} hosting = {} a month",
            figure(before_hosting),
            figure(e.hosting_per_month),
            m(e.savings_per_month)
        )?;
    }
    writeln!(
        o,
        "   (Prompting costs {} a month, the tuned model {}.)",
        m(e.prompting_cost_per_month),
        m(e.tuned_cost_per_month)
    )?;
    let growing = !s.usage.monthly_growth.is_zero();
    if growing {
        writeln!(
            o,
            "   Volume changes {} a month, compounding: month m has {} × {}^(m − 1) calls.",
            pct(s.usage.monthly_growth),
            plain(calls),
            plain(Decimal::ONE + s.usage.monthly_growth)
        )?;
    }

    // 4. Payback.
    writeln!(o, "\n4. When tuning pays back")?;
    match &e.payback {
        Payback::At { months, calls: served, saved_before: before, month_savings: in_month, .. } => {
            let up = months.ceil();
            if e.upfront_cost.is_zero() {
                writeln!(o, "   Nothing is paid up front, so tuning pays back at once.")?;
            } else if !growing {
                writeln!(
                    o,
                    "   {} / {} = {} → {} months",
                    figure(e.upfront_cost),
                    figure(e.savings_per_month),
                    fixed(*months, 2),
                    plain(up)
                )?;
            } else {
                let whole = up - Decimal::ONE;
                writeln!(
                    o,
                    "   Savings so far reach {} during month {}: after {} months they are {}, and month {} saves {}.",
                    m(e.upfront_cost),
                    plain(up),
                    plain(whole),
                    m(*before),
                    plain(up),
                    m(*in_month)
                )?;
                writeln!(
                    o,
                    "   {} + ({} − {}) / {} = {} → {} months",
                    plain(whole),
                    figure(e.upfront_cost),
                    figure(*before),
                    figure(*in_month),
                    fixed(*months, 2),
                    plain(up)
                )?;
            }
            let served_up = crate::money::ceil_count(*served).unwrap_or_default();
            if !growing && e.hosting_per_month.is_zero() && e.savings_per_call > Decimal::ZERO {
                writeln!(
                    o,
                    "   Break-even volume: {} / {} saved per call = {} calls",
                    figure(e.upfront_cost),
                    figure(e.savings_per_call),
                    count(served_up)
                )?;
            } else {
                writeln!(o, "   Calls served until then: {}", count(served_up))?;
            }
            if let (Some(r), None) = (s.training.retrain_every_months, e.payback_months) {
                writeln!(
                    o,
                    "   But the model is retrained every {r} months, so each job must pay back within {r}: it does not."
                )?;
            }
        }
        Payback::TunedNotCheaper => writeln!(
            o,
            "   A tuned call is not cheaper ({} vs {}), so monthly savings never turn positive: no payback.",
            m(e.tuned_cost_per_call),
            m(e.prompting_cost_per_call)
        )?,
        Payback::NotWithinSearch => writeln!(
            o,
            "   Cumulative savings never reach {} within {} months: no payback.",
            m(e.upfront_cost),
            count(u128::from(crate::scenario::MAX_MONTHS))
        )?,
    }

    // 5. Volume for the target.
    let window = e.target_window_months;
    writeln!(
        o,
        "\n5. Volume needed to pay back within {} months",
        plain(window)
    )?;
    if window != s.decision.target_payback_months {
        writeln!(
            o,
            "   (the {}-month retraining interval is shorter than the {}-month target)",
            plain(window),
            plain(s.decision.target_payback_months)
        )?;
    }
    match e.calls_per_month_for_target {
        Some(n) if e.hosting_per_month.is_zero() => writeln!(
            o,
            "   {} / {} / {} per call = {} calls a month",
            figure(e.upfront_cost),
            plain(window),
            figure(e.savings_per_call),
            count(n)
        )?,
        Some(n) => writeln!(
            o,
            "   ({} / {} + {} hosting) / {} per call = {} calls a month",
            figure(e.upfront_cost),
            plain(window),
            figure(e.hosting_per_month),
            figure(e.savings_per_call),
            count(n)
        )?,
        None => writeln!(
            o,
            "   No volume is enough: each tuned call costs at least as much as a prompted one."
        )?,
    }
    writeln!(
        o,
        "   The scenario has {} calls a month (month 1).",
        plain(calls)
    )?;

    // 6. Horizon.
    let h = e.horizon_months;
    writeln!(o, "\n6. Over the {h}-month horizon")?;
    let total_savings = e
        .months
        .last()
        .map_or(Decimal::ZERO, |x| x.cumulative_savings);
    if !growing {
        writeln!(
            o,
            "   Savings: {h} months × {} = {}",
            figure(e.savings_per_month),
            m(total_savings)
        )?;
    } else {
        writeln!(
            o,
            "   Savings, month by month, add up to {}",
            m(total_savings)
        )?;
    }
    if e.retrains_in_horizon > 0 {
        writeln!(
            o,
            "   {} − {} up front − {} retraining job{} × {} = {}",
            figure(total_savings),
            figure(e.upfront_cost),
            e.retrains_in_horizon,
            if e.retrains_in_horizon == 1 { "" } else { "s" },
            figure(e.training_cost),
            m(e.net_savings_at_horizon)
        )?;
    } else {
        writeln!(
            o,
            "   {} − {} up front = {}",
            figure(total_savings),
            figure(e.upfront_cost),
            m(e.net_savings_at_horizon)
        )?;
    }

    // 7. Verdict.
    writeln!(o, "\n7. Verdict: {}", verdict_label(e.verdict))?;
    if e.cost_verdict != e.verdict {
        writeln!(o, "   On cost alone: {}", verdict_label(e.cost_verdict))?;
    }
    for r in reasons(e) {
        writeln!(o, "   • {r}")?;
    }
    if e.verdict == Verdict::TuneForConsistency {
        writeln!(
            o,
            "\n   The hidden advantage: a tuned model has the task built in, so it answers the same\n   \
             ambiguous input the same way month after month. For risk-averse work (compliance,\n   \
             security tagging, anything audited) that steadiness can justify tuning even when the\n   \
             money alone says wait."
        )?;
    } else if e.cost_verdict == Verdict::StayWithPrompting && !s.decision.needs_consistency {
        writeln!(
            o,
            "\n   If consistent answers matter more than cost here (compliance, security tagging),\n   \
             set `needs_consistency = true` under [decision]: a tuned model drifts less than a prompt."
        )?;
    }
    Ok(())
}

fn call_line(
    o: &mut String,
    side: &str,
    price: &CallPrice,
    per_call: Decimal,
    cur: &str,
) -> std::fmt::Result {
    match price {
        CallPrice::Per1kCalls(p) => writeln!(
            o,
            "   {side}: {} / 1000 = {} a call",
            figure(*p),
            money(per_call, cur)
        ),
        CallPrice::Tokens(t) => {
            writeln!(
                o,
                "   {side}: ({} × {} + {} × {}) / 1,000,000 = {} a call",
                int(t.input_tokens),
                figure(t.input_price_per_1m_tokens),
                int(t.output_tokens),
                figure(t.output_price_per_1m_tokens),
                money(per_call, cur)
            )?;
            if !t.inherited.is_empty() {
                writeln!(
                    o,
                    "      ({} taken from [prompting])",
                    t.inherited.join(", ")
                )?;
            }
            Ok(())
        }
    }
}
