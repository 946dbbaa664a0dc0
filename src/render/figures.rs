//! The key figures as rows of display text, shared by the terminal table and Markdown.

use crate::engine::Evaluation;
use crate::money::{count, fixed, money, plain};
use crate::render::reasons::verdict_label;

/// One row of the figures table: a label and one display value per scenario.
pub struct FigureRow {
    pub label: &'static str,
    pub values: Vec<String>,
}

/// "—" for a figure that does not exist (payback that never comes, tokens on a per-call side).
pub const ABSENT: &str = "—";

/// "1 month", "67 months".
pub fn months_label(n: u128) -> String {
    format!("{} month{}", count(n), if n == 1 { "" } else { "s" })
}

/// Rows in the order a reader checks them: what tuning costs, what a call costs, what a
/// month saves, when it pays back, and the verdict.
pub fn rows(evals: &[Evaluation]) -> Vec<FigureRow> {
    let row = |label: &'static str, f: &dyn Fn(&Evaluation) -> String| FigureRow {
        label,
        values: evals.iter().map(f).collect(),
    };
    let m = |v: rust_decimal::Decimal, e: &Evaluation| money(v, &e.scenario.currency);
    vec![
        row("Training cost (one job)", &|e| m(e.training_cost, e)),
        row("Up-front cost (training + setup)", &|e| {
            m(e.upfront_cost, e)
        }),
        row("Prompting cost per call", &|e| {
            m(e.prompting_cost_per_call, e)
        }),
        row("Tuned cost per call", &|e| m(e.tuned_cost_per_call, e)),
        row("Savings per call", &|e| m(e.savings_per_call, e)),
        row("Tokens saved per call", &|e| {
            e.tokens_saved_per_call.map_or(ABSENT.to_string(), |t| {
                if t < 0 {
                    format!("-{}", count(t.unsigned_abs()))
                } else {
                    count(t.unsigned_abs())
                }
            })
        }),
        row("Calls per month (month 1)", &|e| {
            plain(e.scenario.usage.calls_per_month)
        }),
        row("Prompting cost per month", &|e| {
            m(e.prompting_cost_per_month, e)
        }),
        row("Tuned cost per month", &|e| m(e.tuned_cost_per_month, e)),
        row("Savings per month", &|e| m(e.savings_per_month, e)),
        row("Payback (months)", &|e| {
            e.payback_months
                .map_or("never".to_string(), |p| fixed(p, 2))
        }),
        row("Payback, rounded up", &|e| {
            e.payback_months_rounded_up
                .map_or("never".to_string(), months_label)
        }),
        row("Break-even calls", &|e| {
            e.break_even_calls.map_or(ABSENT.to_string(), count)
        }),
        row("Target payback", &|e| {
            let n = e.target_window_months;
            format!(
                "{} month{}",
                plain(n),
                if n == rust_decimal::Decimal::ONE {
                    ""
                } else {
                    "s"
                }
            )
        }),
        row("Calls/month to pay back in target", &|e| {
            e.calls_per_month_for_target
                .map_or("no volume is enough".to_string(), count)
        }),
        row("Horizon", &|e| months_label(u128::from(e.horizon_months))),
        row("Net savings at horizon", &|e| {
            m(e.net_savings_at_horizon, e)
        }),
        row("Verdict on cost alone", &|e| {
            verdict_label(e.cost_verdict).to_string()
        }),
        row("Verdict", &|e| verdict_label(e.verdict).to_string()),
    ]
}

/// The comparison at a glance: one row per scenario, the figures a decision turns on.
pub const SUMMARY_HEADERS: [&str; 6] = [
    "Scenario",
    "Up-front cost",
    "Savings per month",
    "Payback",
    "Net savings at horizon",
    "Verdict",
];

/// One row per scenario for [`SUMMARY_HEADERS`].
pub fn summary_rows(evals: &[Evaluation]) -> Vec<[String; 6]> {
    evals
        .iter()
        .map(|e| {
            let cur = &e.scenario.currency;
            [
                e.scenario.name.clone(),
                money(e.upfront_cost, cur),
                money(e.savings_per_month, cur),
                e.payback_months
                    .map_or("never".to_string(), |p| format!("{} months", fixed(p, 2))),
                format!(
                    "{} ({} months)",
                    money(e.net_savings_at_horizon, cur),
                    e.horizon_months
                ),
                verdict_label(e.verdict).to_string(),
            ]
        })
        .collect()
}
