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
    tunecalc::engine::decide_with_chance(
        &case.scenario,
        &mut case.eval,
        u.p_payback_within_target,
        u.samples,
    );
    assert!(u.p_payback_within_target > 0.8);
    assert_eq!(case.eval.verdict, tunecalc::engine::Verdict::Tune);
    // Asking for 99 % turns it down, with the chance in the first reason.
    let strict = generous.replace(
        "needs_consistency = false",
        "needs_consistency = false\nconfidence = \"99%\"",
    );
    let mut case = common::case(&strict);
    let u = run(&case, 20_000, 1);
    tunecalc::engine::decide_with_chance(
        &case.scenario,
        &mut case.eval,
        u.p_payback_within_target,
        u.samples,
    );
    assert_eq!(
        case.eval.verdict,
        tunecalc::engine::Verdict::StayWithPrompting
    );
    assert!(matches!(
        case.eval.reasons[0],
        tunecalc::engine::Reason::ChanceWithinWindow { .. }
    ));
}

const BOT: &str = "scenarios/uncertain-support-bot.toml";

fn stdout(args: &[&str]) -> String {
    let out = common::tunecalc().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn every_output_gives_the_chance_of_paying_back_in_time() {
    // The same 20,000 samples everywhere: the table, Markdown, explain, JSON and CSV agree.
    fn args(format: &str) -> Vec<&str> {
        vec!["run", BOT, "--samples", "20000", "--format", format]
    }
    let json: serde_json::Value = serde_json::from_str(&stdout(&args("json"))).expect("json");
    let u = &json["scenarios"][0]["uncertainty"];
    let p = u["p_payback_within_target"].as_f64().expect("a number");
    assert!(p > 0.2 && p < 0.4, "{p}");
    assert_eq!(u["samples"], 20_000);
    assert_eq!(u["seed"], 1);
    let shown = tunecalc::present::number::chance(p);
    for text in [stdout(&args("table")), stdout(&args("markdown"))] {
        assert!(text.contains("Chance to pay back in time"), "{text}");
        assert!(text.contains(&shown), "{shown} in {text}");
        assert!(text.contains("Payback, 90 % range"));
    }
    // Prose folds at spaces: compare the words.
    let explain = stdout(&["explain", BOT, "--samples", "20000"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(explain.contains(&format!(
        "Chance to pay back within the 12-month target: {shown} (80 % needed to tune)."
    )));
    assert!(explain.contains("lognormal with 0.06 and 0.16 as its 5th and 95th percentiles"));
    let csv = stdout(&args("csv"));
    let header = csv_fields(csv.lines().next().expect("header"));
    let row = csv_fields(csv.lines().nth(1).expect("row"));
    let at = header
        .iter()
        .position(|h| h == "p_payback_within_target")
        .expect("column");
    assert_eq!(row[at].parse::<f64>().expect("number"), p);
    // The verdict follows the chance: 80 % is needed.
    assert_eq!(json["scenarios"][0]["verdict"], "stay_with_prompting");
    // The sensitivity names the volume first: it drives most of the uncertainty.
    assert_eq!(u["sensitivity"][0]["input"], "usage.calls_per_month");
    let share = u["sensitivity"][0]["share_of_variance"]
        .as_f64()
        .expect("number");
    assert!(share > 0.5, "{share}");
}

#[test]
fn samples_out_writes_every_sample_that_a_hand_check_reproduces() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("samples.csv");
    let scenario = dir.path().join("lognormal.toml");
    std::fs::write(&scenario, LOGNORMAL_PAYBACK).expect("write");
    common::tunecalc()
        .args(["run", "--samples", "500", "--samples-out"])
        .arg(&out)
        .arg(&scenario)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).expect("written");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("sample,training.cost,usage.calls_per_month,payback_months,net_savings_at_horizon,break_even_calls,savings_per_month")
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().expect("a number")).collect())
        .collect();
    assert_eq!(rows.len(), 500);
    for r in &rows {
        // Payback = cost / (calls × 0.00003); net at 36 months = 36 × calls × 0.00003 − cost.
        let (cost, calls) = (r[1], r[2]);
        let monthly = calls * 0.00003;
        assert!((r[3] - cost / monthly).abs() < 1e-9 * r[3].max(1.0));
        assert!((r[4] - (36.0 * monthly - cost)).abs() < 1e-6);
        assert!((r[6] - monthly).abs() < 1e-9 * monthly.max(1.0));
    }
}

#[test]
fn charts_of_a_ranged_scenario_draw_the_chance_and_the_bands() {
    let payback = stdout(&[
        "chart",
        BOT,
        "--kind",
        "payback",
        "--samples",
        "20000",
        "-o",
        "-",
    ]);
    assert!(payback.starts_with("<svg"));
    assert!(payback.contains("pay back within it"));
    assert!(payback.contains("Chance of paying back"));
    let fan = stdout(&[
        "chart",
        BOT,
        "--kind",
        "fan",
        "--samples",
        "20000",
        "-o",
        "-",
    ]);
    assert!(fan.contains("half the samples") && fan.contains("nine in ten"));
    let shares = stdout(&[
        "chart",
        BOT,
        "--kind",
        "sensitivity",
        "--samples",
        "20000",
        "-o",
        "-",
    ]);
    assert!(shares.contains("What drives the uncertainty of payback"));
    // The same samples give a byte-identical chart.
    assert_eq!(
        payback,
        stdout(&[
            "chart",
            BOT,
            "--kind",
            "payback",
            "--samples",
            "20000",
            "-o",
            "-"
        ])
    );
    // A scenario without ranges says what to write.
    common::tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--kind",
            "fan",
            "-o",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a scenario with ranges"));
}

/// `tunecalc run` on a scenario whose training cost is `written`: the error text.
fn refused_cost(written: &str) -> String {
    let text = LOGNORMAL_PAYBACK.replace("\"10 to 40\"", written);
    let out = common::tunecalc()
        .args(["run", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{written}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn bad_ranges_are_refused_with_the_form_that_was_meant() {
    let e = refused_cost("\"8 to 3\"");
    assert!(e.contains("-:5:8: training.cost:"), "{e}");
    assert!(e.contains("did you mean \"3 to 8\"?"), "{e}");
    let e = refused_cost("\"-1 to 5\"");
    assert!(
        e.contains("uniform(-1, 5)") && e.contains("normal(2, 1.824)"),
        "{e}"
    );
    let e = refused_cost("\"3 to\"");
    assert!(e.contains("needs two ends"), "{e}");
    let e = refused_cost("\"normal(5)\"");
    assert!(e.contains("normal takes 2 numbers, found 1"), "{e}");
    let e = refused_cost("\"5 +- 1\"");
    assert!(e.contains("\"normal(5, 1)\""), "{e}");
    let e = refused_cost("\"uniform(-10, 40)\"");
    assert!(e.contains("starts at -10, below 0"), "{e}");
    let e = refused_cost("\"normal(20, 15)\"");
    assert!(e.contains("puts 9.1 % of its draws below 0"), "{e}");
    // A range where a count is chosen, not estimated.
    let text = LOGNORMAL_PAYBACK.replace("horizon_months = 36", "horizon_months = \"24 to 36\"");
    let out = common::tunecalc()
        .args(["run", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let e = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        e.contains("decision.horizon_months: cannot be a range"),
        "{e}"
    );
    // A correlation between inputs that are not ranges, and an impossible set.
    let text = LOGNORMAL_PAYBACK.to_string()
        + "[correlations]\n\"usage.calls_per_month ~ training.examples\" = 0.5\n";
    let out = common::tunecalc()
        .args(["run", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let e = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        e.contains("training.examples is not written as a range"),
        "{e}"
    );
    let text = LOGNORMAL_PAYBACK.to_string()
        + "[correlations]\n\"usage.calls_per_month ~ training.cost\" = 1.5\n";
    let out = common::tunecalc()
        .args(["run", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let e = String::from_utf8(out.stderr).expect("utf-8");
    assert!(e.contains("strictly between -1 and 1"), "{e}");
}

/// The fields of one CSV line (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().expect("a field").push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().expect("a field").push(c),
        }
    }
    out
}

#[test]
fn ranges_written_another_way_get_the_form_tunecalc_reads() {
    let e = refused_cost("\"10-40\"");
    assert!(e.contains("for a range write \"10 to 40\""), "{e}");
    let e = refused_cost("\"20 to 20\"");
    assert!(
        e.contains("for a known value write the number itself: \"20\""),
        "{e}"
    );
    let e = refused_cost("\"uniform(10,40\"");
    assert!(e.contains("close it: \"uniform(10,40)\""), "{e}");
    // Growth is a fraction: a range without % reads as 100 % to 500 % a month.
    let text = LOGNORMAL_PAYBACK.replace("[prompting]", "monthly_growth = \"1 to 5\"\n[prompting]");
    let out = common::tunecalc()
        .args(["run", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let e = String::from_utf8(out.stderr).expect("utf-8");
    assert!(e.contains("did you mean \"1% to 5%\"?"), "{e}");
}

#[test]
fn warnings_say_when_the_samples_cannot_be_trusted() {
    let warnings = |text: &str, samples: &str| -> String {
        let out = common::tunecalc()
            .args(["run", "-", "--format", "json", "--samples", samples])
            .write_stdin(text.to_string())
            .output()
            .expect("runs");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        doc["scenarios"][0]["warnings"].to_string()
    };
    assert!(warnings(LOGNORMAL_PAYBACK, "10").contains("10 Monte Carlo samples are too few"));
    // uniform(30, 80): (50 − 30) / (80 − 30) = 40 % of the examples drawn are below 50.
    let few = LOGNORMAL_PAYBACK.replace("examples = 200", "examples = \"uniform(30, 80)\"");
    assert!(
        warnings(&few, "1000").contains("40 % of the examples drawn are below the 50 needed"),
        "{}",
        warnings(&few, "1000")
    );
    // A confidence equal to the chance itself is within sampling error of it.
    let u = run(&common::case(LOGNORMAL_PAYBACK), 2000, 1);
    let at = format!("{:.4}", u.p_payback_within_target);
    let near = LOGNORMAL_PAYBACK.replace(
        "needs_consistency = false",
        &format!("needs_consistency = false\nconfidence = \"{at}\""),
    );
    assert!(
        warnings(&near, "2000").contains("within sampling error"),
        "{}",
        warnings(&near, "2000")
    );
}
