//! Uncertain inputs, as a user writes them: ranges read with their medians, the chance of
//! paying back in time checked against closed forms, reproducible samples, correlations, and
//! the figures' fast path held to the engine.

mod common;

use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use tunecalc::analysis::montecarlo::{self, Model, Settings};

/// A per-1000-call scenario with the given extras (amounts in cents and tenths of a cent).
#[allow(clippy::too_many_arguments)]
fn point(
    cost_cents: u64,
    calls: u64,
    prompting_milli: u64,
    tuned_milli: u64,
    growth_pct: i64,
    hosting: u64,
    retrain: Option<u32>,
    horizon: u32,
) -> String {
    let retrain = retrain.map_or(String::new(), |r| format!("retrain_every_months = {r}\n"));
    format!(
        "name = \"p\"\n[training]\nexamples = 100\ncost = \"{}\"\n{retrain}\
         [usage]\ncalls_per_month = {calls}\nmonthly_growth = \"{growth_pct}%\"\n\
         [prompting]\nprice_per_1k_calls = \"{}\"\n\
         [tuned]\nprice_per_1k_calls = \"{}\"\nhosting_per_month = \"{hosting}\"\n\
         [decision]\nhorizon_months = {horizon}\n",
        Decimal::new(cost_cents as i64, 2),
        Decimal::new(prompting_milli as i64, 3),
        Decimal::new(tuned_milli as i64, 3),
    )
}

fn close(a: f64, b: f64) -> bool {
    (a.is_infinite() && b.is_infinite() && a.signum() == b.signum())
        || (a - b).abs() <= 1e-7 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Samples of the commonest model take closed forms instead of the engine's general
    /// search; both must give the same payback, net savings, break-even calls and month-1
    /// savings.
    #[test]
    fn the_fast_path_gives_the_engines_figures(
        cost in 1u64..10_000_000,
        calls in 1u64..5_000_000,
        prompting in 1u64..2000,
        tuned in 0u64..2000,
        growth in -30i64..40,
        hosting in 0u64..3000,
        retrain in proptest::option::of(1u32..24),
        horizon in 1u32..120,
    ) {
        let case = common::case(&point(cost, calls, prompting, tuned, growth, hosting, retrain, horizon));
        let model = Model::new(&case);
        let inputs = case.scenario.inputs.map(|d| d.to_f64().unwrap_or(f64::NAN));
        let fast = model.figures(&[]);
        let engine = model.engine_figures(&inputs);
        for (i, (a, b)) in fast.iter().zip(&engine).enumerate() {
            prop_assert!(close(*a, *b), "figure {i}: fast {a} vs engine {b}");
        }
    }
}

fn run(case: &tunecalc::engine::Case, samples: u32, seed: u64) -> montecarlo::Uncertainty {
    let settings = Settings {
        samples,
        seed,
        sensitivity: true,
        keep_inputs: true,
    };
    montecarlo::assess(case, &settings, None).expect("the scenario has ranges")
}

/// Payback with a lognormal training cost over a lognormal volume, everything else fixed:
/// $0.03 saved per call, no fees, constant volume, so payback = cost / (calls × 0.03), and the
/// log of payback is normal with μ = μ_cost − μ_calls − ln 0.03 and σ² = σ_cost² + σ_calls².
const LOGNORMAL_PAYBACK: &str = r#"
name = "Lognormal payback"
[training]
examples = 200
cost = "10 to 40"
[usage]
calls_per_month = "5000 to 20000"
[prompting]
price_per_1k_calls = "0.05"
[tuned]
price_per_1k_calls = "0.02"
[decision]
target_payback_months = 12
horizon_months = 36
needs_consistency = false
"#;

#[test]
fn a_lognormal_cost_over_a_lognormal_volume_gives_the_closed_form_chance() {
    // "10 to 40": ln 10 ± 1.645σ = ln 40 ⇒ μ = ln 20, σ = ln 4 / 3.29. Same for the calls
    // (μ = ln 10,000, σ = ln 4 / 3.29). Payback's median: 20 / (10,000 × 0.00003) = 66.67
    // months (the point figure, from the medians). ln payback ~ N(ln 66.67, σ√2).
    let case = common::case(LOGNORMAL_PAYBACK);
    assert_eq!(
        case.eval.payback_months.map(|p| p.round_dp(2)),
        Some(Decimal::new(6667, 2))
    );
    let u = run(&case, 200_000, 1);
    let z95 = 1.644_853_626_951_472_2_f64;
    let sigma = 4f64.ln() / (2.0 * z95) * 2f64.sqrt();
    let median: f64 = 20.0 / (10_000.0 * 0.00003);
    // P(payback ≤ 12) = Φ((ln 12 − ln 66.67) / σ).
    let z = (12f64.ln() - median.ln()) / sigma;
    let expected = tunecalc::stats::normal_cdf(z);
    let se = (expected * (1.0 - expected) / 200_000.0).sqrt();
    assert!(
        (u.p_payback_within_target - expected).abs() < 4.0 * se,
        "chance {} vs {expected} (z = {z})",
        u.p_payback_within_target
    );
    // Percentiles: median · exp(±1.645σ) for P5/P95, the median itself for P50.
    let p50 = u.payback_months.p50.expect("pays back");
    let p95 = u.payback_months.p95.expect("pays back");
    let p5 = u.payback_months.p5.expect("pays back");
    assert!((p50 / median - 1.0).abs() < 0.01, "P50 {p50} vs {median}");
    assert!(
        (p95 / (median * (z95 * sigma).exp()) - 1.0).abs() < 0.015,
        "P95 {p95}"
    );
    assert!(
        (p5 / (median * (-z95 * sigma).exp()) - 1.0).abs() < 0.015,
        "P5 {p5}"
    );
    assert_eq!(u.p_never, 0.0);
    // Cost and volume move payback equally (same σ, opposite signs): half the variance each.
    let drivers = u.sensitivity.as_ref().expect("computed");
    assert_eq!(drivers.len(), 2);
    for d in drivers {
        assert!((d.share_of_variance - 0.5).abs() < 0.02, "{d:?}");
    }
}

#[test]
fn the_same_seed_gives_the_same_figures_on_any_number_of_threads() {
    let case = common::case(LOGNORMAL_PAYBACK);
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| run(&case, 50_000, 7))
    };
    let (one, four) = (on(1), on(4));
    assert_eq!(one.data, four.data, "every sample identical");
    assert_eq!(one.p_payback_within_target, four.p_payback_within_target);
    // Another seed gives other draws, and nearly the same answer.
    let other = run(&case, 50_000, 8);
    assert_ne!(other.data.payback_months, one.data.payback_months);
    assert!((other.p_payback_within_target - one.p_payback_within_target).abs() < 0.01);
}

#[test]
fn correlated_inputs_keep_their_own_distributions_and_move_together() {
    let text = LOGNORMAL_PAYBACK.to_string()
        + "[correlations]\n\"usage.calls_per_month ~ training.cost\" = 0.7\n";
    let case = common::case(&text);
    let u = run(&case, 100_000, 3);
    let d = &u.data;
    let (cost, calls) = (&d.inputs[0], &d.inputs[1]);
    let rho = tunecalc::stats::correlation(
        &tunecalc::stats::ranks(cost),
        &tunecalc::stats::ranks(calls),
    );
    assert!((rho - 0.7).abs() < 0.01, "rank correlation {rho}");
    // Cost and volume rising together: a dearer job comes with more calls to pay it back,
    // so payback varies less than when they are independent.
    let independent = run(&common::case(LOGNORMAL_PAYBACK), 100_000, 3);
    let width = |s: &montecarlo::Spread| s.p95.unwrap_or(0.0) / s.p5.unwrap_or(1.0);
    assert!(width(&u.payback_months) < width(&independent.payback_months));
    // Each input still has its median: √(10 × 40) = 20.
    let mut sorted = cost.clone();
    sorted.sort_by(f64::total_cmp);
    let median = tunecalc::stats::quantile_of_sorted(&sorted, 0.5);
    assert!((median / 20.0 - 1.0).abs() < 0.01, "{median}");
}

#[test]
fn the_verdict_follows_the_chance_against_the_confidence() {
    // Target 120 months: the median pays back in 66.67, and most samples do in time.
    let generous =
        LOGNORMAL_PAYBACK.replace("target_payback_months = 12", "target_payback_months = 120");
    let mut case = common::case(&generous);
    let u = run(&case, 20_000, 1);
    tunecalc::engine::decide_with_chance(&case.scenario, &mut case.eval, u.p_payback_within_target);
    assert!(u.p_payback_within_target > 0.8);
    assert_eq!(case.eval.verdict, tunecalc::engine::Verdict::Tune);
    // Asking for 99 % turns it down, with the chance in the first reason.
    let strict = generous.replace(
        "needs_consistency = false",
        "needs_consistency = false\nconfidence = \"99%\"",
    );
    let mut case = common::case(&strict);
    let u = run(&case, 20_000, 1);
    tunecalc::engine::decide_with_chance(&case.scenario, &mut case.eval, u.p_payback_within_target);
    assert_eq!(
        case.eval.verdict,
        tunecalc::engine::Verdict::StayWithPrompting
    );
    assert!(matches!(
        case.eval.reasons[0],
        tunecalc::engine::Reason::ChanceWithinWindow { .. }
    ));
}
