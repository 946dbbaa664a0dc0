//! The key figures as rows of display text, shared by the terminal table, Markdown and the
//! HTML report.

use super::number::{
    amount_of, chance, count, estimate, fixed, money, money_estimate, months_phrase, plural,
    quantity,
};
use super::words::{verdict_label, ABSENT, NEVER};
use crate::analysis::montecarlo::Spread;
use crate::engine::Case;

/// What a row of the figures table shows, so a table can colour verdicts by the kind of row
/// and never by its label's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Figure,
    /// The verdict.
    Verdict,
    /// The verdict on cost alone.
    CostVerdict,
}

/// One row of the figures table: a label, its kind and one display value per scenario.
pub struct FigureRow {
    pub label: &'static str,
    pub kind: RowKind,
    pub values: Vec<String>,
}

/// Rows in the order a reader checks them: what tuning costs, what a call costs, what a
/// month saves, when it pays back, and the verdict. With `ranges` (some scenario of the run
/// has ranges, whether or not `cases` holds it), the rows of what the samples say come before
/// the verdicts.
pub fn rows(cases: &[Case], ranges: bool) -> Vec<FigureRow> {
    let row = |label: &'static str, f: &dyn Fn(&Case) -> String| FigureRow {
        label,
        kind: RowKind::Figure,
        values: cases.iter().map(f).collect(),
    };
    let m = |v: rust_decimal::Decimal, c: &Case| money(v, &c.scenario.currency);
    let mut rows = vec![
        row("Training cost (one job)", &|c| m(c.eval.training_cost, c)),
        row("Up-front cost (training + setup)", &|c| {
            m(c.eval.upfront_cost, c)
        }),
        row("Prompting cost per call", &|c| {
            m(c.eval.prompting_cost_per_call, c)
        }),
        row("Tuned cost per call", &|c| m(c.eval.tuned_cost_per_call, c)),
        row("Savings per call", &|c| m(c.eval.savings_per_call, c)),
        row("Tokens saved per call", &|c| {
            c.eval
                .tokens_saved_per_call
                .map_or(ABSENT.to_string(), quantity)
        }),
        row("Calls per month (month 1)", &|c| {
            amount_of(c.eval.calls_in_month_1)
        }),
        row("Prompting cost per month", &|c| {
            m(c.eval.prompting_cost_per_month, c)
        }),
        row("Tuned cost per month", &|c| {
            m(c.eval.tuned_cost_per_month, c)
        }),
        row("Savings per month", &|c| m(c.eval.savings_per_month, c)),
        row("Payback (months)", &|c| {
            c.eval
                .payback_months
                .map_or(NEVER.to_string(), |p| fixed(p, 2))
        }),
        row("Payback, rounded up", &|c| {
            c.eval
                .payback_months_rounded_up
                .map_or(NEVER.to_string(), |n| plural(n, "month", "months"))
        }),
        row("Break-even calls", &|c| {
            c.eval.break_even_calls.map_or(ABSENT.to_string(), count)
        }),
        row("Pay back within", &|c| months_phrase(c.eval.window.months)),
        row("Calls/month to pay back in time", &|c| {
            c.eval
                .calls_per_month_for_target
                .map_or("no volume is enough".to_string(), count)
        }),
        // "1.42 of 36 months" when the tuned model retires inside the horizon: the net below
        // covers only the months it serves.
        row("Horizon", &horizon_covered),
        row("Net savings at horizon", &|c| {
            m(c.eval.net_savings_at_horizon, c)
        }),
        FigureRow {
            kind: RowKind::CostVerdict,
            ..row("Verdict on cost alone", &|c| {
                verdict_label(c.eval.cost_verdict).to_string()
            })
        },
        FigureRow {
            kind: RowKind::Verdict,
            ..row("Verdict", &|c| verdict_label(c.eval.verdict).to_string())
        },
    ];
    // Scenarios with ranges: what the samples say, after the point figures of the medians.
    if ranges {
        let at = rows.len() - 2;
        let extra = vec![
            row("Chance to pay back in time", &|c| {
                c.uncertainty
                    .as_ref()
                    .map_or(ABSENT.to_string(), |u| chance(u.p_payback_within_target))
            }),
            row("Payback, 90 % range", &|c| {
                c.uncertainty
                    .as_ref()
                    .map_or(ABSENT.to_string(), |u| months_range(&u.payback_months))
            }),
            row("Net at horizon, 90 % range", &|c| {
                c.uncertainty.as_ref().map_or(ABSENT.to_string(), |u| {
                    money_range(&u.net_savings_at_horizon, &c.scenario.currency)
                })
            }),
        ];
        rows.splice(at..at, extra);
    }
    rows
}

/// P5 to P95 of payback: "2.1 to 9.8 months", "4.2 months to never", "never".
pub fn months_range(s: &Spread) -> String {
    match (s.p5, s.p95) {
        (Some(a), Some(b)) => format!("{} to {} months", estimate(a), estimate(b)),
        (Some(a), None) => format!("{} months to {NEVER}", estimate(a)),
        _ => NEVER.to_string(),
    }
}

/// P5 to P95 of an amount: "-$120 to $4,500".
pub fn money_range(s: &Spread, currency: &str) -> String {
    match (s.p5, s.p95) {
        (Some(a), Some(b)) => format!(
            "{} to {}",
            money_estimate(a, currency),
            money_estimate(b, currency)
        ),
        _ => ABSENT.to_string(),
    }
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
pub fn summary_rows(cases: &[Case]) -> Vec<[String; 6]> {
    cases
        .iter()
        .map(|c| {
            let e = &c.eval;
            let cur = &c.scenario.currency;
            [
                c.scenario.name.clone(),
                money(e.upfront_cost, cur),
                money(e.savings_per_month, cur),
                e.payback_months.map_or(NEVER.to_string(), months_phrase),
                format!(
                    "{} ({})",
                    money(e.net_savings_at_horizon, cur),
                    horizon_covered(c)
                ),
                verdict_label(e.verdict).to_string(),
            ]
        })
        .collect()
}

/// The months a net at the horizon covers: "36 months", or "1.42 of 36 months" when the
/// tuned model retires inside the horizon (savings stop then).
pub fn horizon_covered(c: &Case) -> String {
    let e = &c.eval;
    let horizon = plural(e.horizon_months.into(), "month", "months");
    let h = rust_decimal::Decimal::from(e.horizon_months);
    if e.months_saving > rust_decimal::Decimal::ZERO && e.months_saving < h {
        format!("{} of {horizon}", fixed(e.months_saving, 2))
    } else {
        horizon
    }
}
