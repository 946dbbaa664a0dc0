//! The machine-readable record of one evaluation: the JSON contract of DESIGN.md, also the
//! CSV columns. Decimals are strings holding the unrounded value, counts are integers,
//! absent values are null. Names are a contract: extend, never rename.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::Case;
use crate::present::words::{reasons, warnings, window_why};

/// A count: an integer when it fits 64 bits and is whole; otherwise (a decimal average of
/// tokens, or a count only absurd inputs reach) the exact value as a string.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Count {
    Whole(u64),
    Exact(String),
}

fn count(n: u128) -> Count {
    u64::try_from(n).map_or_else(|_| Count::Exact(n.to_string()), Count::Whole)
}

fn quantity(d: Decimal) -> Count {
    match (d.fract().is_zero(), d.to_u64()) {
        (true, Some(n)) => Count::Whole(n),
        _ => Count::Exact(dec(d)),
    }
}

/// An exact decimal as a string, trailing zeros dropped (the value is unchanged).
fn dec(d: Decimal) -> String {
    d.normalize().to_string()
}

/// One scenario's figures: the contract's fields first, in DESIGN.md's order, then extensions.
#[derive(Debug, Clone, Serialize)]
pub struct Record<'a> {
    pub name: &'a str,
    pub file: String,
    pub training_cost: String,
    pub upfront_cost: String,
    pub prompting_cost_per_call: String,
    pub tuned_cost_per_call: String,
    pub savings_per_call: String,
    /// Tokens; whole counts are integers, decimal averages exact strings.
    pub tokens_saved_per_call: Option<Count>,
    pub prompting_cost_per_month: String,
    pub tuned_cost_per_month: String,
    pub savings_per_month: String,
    pub payback_months: Option<String>,
    pub payback_months_rounded_up: Option<Count>,
    pub break_even_calls: Option<Count>,
    pub calls_per_month_for_target: Option<Count>,
    pub horizon_months: u32,
    pub net_savings_at_horizon: String,
    pub verdict: &'static str,
    pub reasons: Vec<String>,
    pub target_window_months: String,
    pub warnings: Vec<String>,
    /// Where each price the scenario uses came from.
    pub sources: Vec<SourceRecord>,
    /// What the scenario's ranges mean (Monte Carlo); null without ranges.
    pub uncertainty: Option<UncertaintyRecord>,
    // Extensions.
    /// Why the window is shorter than the target, when it is.
    pub target_window_reason: Option<String>,
    pub description: Option<&'a str>,
    pub currency: &'a str,
    pub cost_verdict: &'static str,
    pub examples: Count,
    pub training_cost_before_minimum: String,
    pub training_tokens: Option<Count>,
    pub runs: u32,
    pub setup_cost: String,
    pub retrain_every_months: Option<u32>,
    pub retrains_in_horizon: u32,
    pub calls_per_month: String,
    pub monthly_growth: String,
    pub start: String,
    pub tuned_model: Option<&'a str>,
    pub prompting_model: Option<&'a str>,
    pub max_calls_per_month: Option<String>,
    pub hosting_per_month: String,
    pub savings_over_horizon: String,
    pub target_payback_months: String,
    /// `[training] dataset` as written, when examples and tokens were measured from a file.
    pub dataset: Option<String>,
    /// How its tokens were counted: the encoding (`o200k_base`, exact) or `estimate`.
    pub dataset_token_counting: Option<&'static str>,
    /// Tokens per example (exact; the dataset's mean when measured), when priced by tokens.
    pub tokens_per_example: Option<String>,
}

/// Monte Carlo estimates: JSON numbers to three significant digits (DESIGN.md).
#[derive(Debug, Clone, Serialize)]
pub struct UncertaintyRecord {
    pub samples: u32,
    pub seed: u64,
    pub payback_months: SpreadRecord,
    pub net_savings_at_horizon: SpreadRecord,
    pub break_even_calls: SpreadRecord,
    pub savings_per_month: SpreadRecord,
    pub p_payback_within_target: f64,
    pub p_never: f64,
    pub p_net_positive: f64,
    /// Inputs by their share of the variance, largest first.
    pub sensitivity: Vec<DriverRecord>,
    // Extensions.
    /// The window the chance is measured against, in months.
    pub target_window_months: f64,
    /// The chance of paying back in time needed to tune.
    pub confidence: f64,
    /// What the sensitivity correlates the inputs with: `payback_months`, or
    /// `net_savings_at_horizon` when no sample pays back.
    pub sensitivity_of: &'static str,
    /// Each range as written and read.
    pub ranges: Vec<RangeRecord>,
    /// The rank correlations asked for.
    pub correlations: Vec<CorrelationRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpreadRecord {
    pub p5: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub p95: Option<f64>,
    pub mean: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DriverRecord {
    pub input: String,
    pub rank_correlation: f64,
    pub share_of_variance: f64,
    pub rank_correlation_net_savings: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RangeRecord {
    pub input: String,
    /// `lognormal` (a 90 % range), `uniform`, `normal`, `triangular` or `pert`.
    pub distribution: &'static str,
    /// As written, exact: low and high; mean and standard deviation; low, mode and high.
    pub parameters: Vec<String>,
    /// The value the point figures use.
    pub median: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrelationRecord {
    pub inputs: [String; 2],
    pub rank_correlation: String,
}

/// An estimate to three significant digits, as a JSON number.
pub fn sig3(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 2 - x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits);
    // Through the decimal text, so 0.0143 stays 0.0143 and not 0.014300000000000002.
    format!("{:.*e}", 2, x)
        .parse::<f64>()
        .unwrap_or((x * scale).round() / scale)
}

fn spread(s: &crate::analysis::montecarlo::Spread) -> SpreadRecord {
    let f = |v: Option<f64>| v.map(sig3);
    SpreadRecord {
        p5: f(s.p5),
        p25: f(s.p25),
        p50: f(s.p50),
        p75: f(s.p75),
        p95: f(s.p95),
        mean: f(s.mean),
    }
}

fn uncertainty(case: &Case) -> Option<UncertaintyRecord> {
    use crate::analysis::montecarlo::summary::Measured;
    let u = case.uncertainty.as_ref()?;
    let s = &case.scenario;
    Some(UncertaintyRecord {
        samples: u.samples,
        seed: u.seed,
        payback_months: spread(&u.payback_months),
        net_savings_at_horizon: spread(&u.net_savings_at_horizon),
        break_even_calls: spread(&u.break_even_calls),
        savings_per_month: spread(&u.savings_per_month),
        p_payback_within_target: sig3(u.p_payback_within_target),
        p_never: sig3(u.p_never),
        p_net_positive: sig3(u.p_net_positive),
        sensitivity: u
            .sensitivity
            .iter()
            .flatten()
            .map(|d| DriverRecord {
                input: d.key.name(),
                rank_correlation: sig3(d.rank_correlation),
                share_of_variance: sig3(d.share_of_variance),
                rank_correlation_net_savings: sig3(d.rank_correlation_net),
            })
            .collect(),
        target_window_months: sig3(u.window_months),
        confidence: s.decision.confidence.to_f64().unwrap_or(0.0),
        sensitivity_of: match u.measured {
            Measured::PaybackMonths => "payback_months",
            Measured::NetSavings => "net_savings_at_horizon",
        },
        ranges: s
            .uncertain
            .iter()
            .map(|r| RangeRecord {
                input: r.key.name(),
                distribution: r.dist.family(),
                parameters: r.dist.parameters().into_iter().map(dec).collect(),
                median: dec(r.dist.median()),
            })
            .collect(),
        correlations: s
            .correlations
            .iter()
            .map(|c| CorrelationRecord {
                inputs: [c.a.name(), c.b.name()],
                rank_correlation: dec(c.rank_correlation),
            })
            .collect(),
    })
}

/// Where one price came from: the scenario file, or a catalog entry.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRecord {
    /// The input, as a dotted name.
    pub input: String,
    /// `"scenario"` or `"catalog"`.
    pub from: &'static str,
    /// The catalog entry's id, for a catalog price.
    pub entry: Option<String>,
    /// The entry's field.
    pub entry_field: Option<&'static str>,
    /// The day the entry was checked.
    pub checked: Option<String>,
    /// Whether the entry marks the value as resting on a weak source.
    pub uncertain: bool,
}

fn sources(case: &Case) -> Vec<SourceRecord> {
    let s = &case.scenario;
    let mut keys: Vec<String> = s
        .inputs
        .keys()
        .into_iter()
        .filter(|k| k.is_price())
        .map(|k| k.name())
        .collect();
    // Inherited tuned prices are the prompting side's: listed under their own name there.
    keys.extend(
        s.sources
            .keys()
            .filter(|k| !keys.contains(k))
            .cloned()
            .collect::<Vec<_>>(),
    );
    keys.sort();
    keys.into_iter()
        .map(|input| match s.sources.get(&input) {
            Some(src) => SourceRecord {
                input,
                from: "catalog",
                entry: Some(src.entry.clone()),
                entry_field: Some(src.field),
                checked: Some(src.checked.to_string()),
                uncertain: src.uncertain,
            },
            None => SourceRecord {
                input,
                from: "scenario",
                entry: None,
                entry_field: None,
                checked: None,
                uncertain: false,
            },
        })
        .collect()
}

/// The record of one case.
pub fn record(case: &Case) -> Record<'_> {
    let s = &case.scenario;
    let e = &case.eval;
    let i = &s.inputs;
    Record {
        name: &s.name,
        file: s.file.display().to_string(),
        training_cost: dec(e.training_cost),
        upfront_cost: dec(e.upfront_cost),
        prompting_cost_per_call: dec(e.prompting_cost_per_call),
        tuned_cost_per_call: dec(e.tuned_cost_per_call),
        savings_per_call: dec(e.savings_per_call),
        tokens_saved_per_call: e.tokens_saved_per_call.map(quantity),
        prompting_cost_per_month: dec(e.prompting_cost_per_month),
        tuned_cost_per_month: dec(e.tuned_cost_per_month),
        savings_per_month: dec(e.savings_per_month),
        payback_months: e.payback_months.map(dec),
        payback_months_rounded_up: e.payback_months_rounded_up.map(count),
        break_even_calls: e.break_even_calls.map(count),
        calls_per_month_for_target: e.calls_per_month_for_target.map(count),
        horizon_months: e.horizon_months,
        net_savings_at_horizon: dec(e.net_savings_at_horizon),
        verdict: e.verdict.code(),
        reasons: reasons(case),
        target_window_months: dec(e.window.months),
        warnings: warnings(case),
        sources: sources(case),
        uncertainty: uncertainty(case),
        target_window_reason: window_why(&e.window),
        description: s.description.as_deref(),
        currency: &s.currency,
        cost_verdict: e.cost_verdict.code(),
        examples: quantity(i.training.examples),
        training_cost_before_minimum: dec(e.training_cost_before_minimum),
        training_tokens: e.training_tokens.map(quantity),
        runs: i.training.runs,
        setup_cost: dec(i.training.setup_cost),
        retrain_every_months: i.training.retrain_every_months,
        retrains_in_horizon: e.retrains_in_horizon,
        calls_per_month: dec(i.usage.calls_per_month),
        monthly_growth: dec(i.usage.monthly_growth),
        start: s.start.to_string(),
        tuned_model: s.models.tuned.as_ref().map(|e| e.id.as_str()),
        prompting_model: s.models.prompting.as_ref().map(|e| e.id.as_str()),
        max_calls_per_month: i.usage.max_calls_per_month.map(dec),
        hosting_per_month: dec(e.hosting_per_month),
        savings_over_horizon: dec(e.savings_over_horizon),
        target_payback_months: dec(s.decision.target_payback_months),
        dataset: s.dataset.as_ref().map(|d| d.path.clone()),
        dataset_token_counting: s.dataset.as_ref().map(|d| d.encoding.unwrap_or("estimate")),
        tokens_per_example: i
            .get(crate::scenario::Key::TrainingTokensPerExample)
            .map(|t| dec(*t)),
    }
}
