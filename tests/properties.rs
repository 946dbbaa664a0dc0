//! Properties that hold for every scenario in range, checked on generated inputs.

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::Path;
use tunecalc::analysis::{plot, Kind};
use tunecalc::engine::{evaluate, Case};
use tunecalc::scenario::parse;

/// A scenario with per-1000-call prices (in tenths of a cent) and optional extras.
fn scenario(
    upfront_cents: u64,
    calls: u64,
    prompting_milli: u64,
    tuned_milli: u64,
    growth_pct: i64,
    hosting: u64,
    retrain: Option<u32>,
) -> String {
    let retrain = retrain.map_or(String::new(), |r| format!("retrain_every_months = {r}\n"));
    format!(
        "name = \"p\"\n[training]\nexamples = 100\ncost = \"{}\"\n{retrain}\
         [usage]\ncalls_per_month = {calls}\nmonthly_growth = \"{}%\"\n\
         [prompting]\nprice_per_1k_calls = \"{}\"\n\
         [tuned]\nprice_per_1k_calls = \"{}\"\nhosting_per_month = \"{hosting}\"\n",
        Decimal::new(upfront_cents as i64, 2),
        growth_pct,
        Decimal::new(prompting_milli as i64, 3),
        Decimal::new(tuned_milli as i64, 3),
    )
}

fn payback(text: &str) -> Option<Decimal> {
    let s = parse(Path::new("p.toml"), text).expect("valid");
    evaluate(&s).expect("evaluates").payback_months
}

/// Any scenario the format allows, from everyday to absurd: tokens or per-call prices,
/// growth with or without a cap, hourly or monthly hosting, retraining, several runs, tiny and
/// huge numbers (up to a decimal's range), short and long horizons and targets.
fn any_scenario() -> impl Strategy<Value = String> {
    let magnitude = prop_oneof![
        Just("0".to_string()),
        (1u64..1000).prop_map(|n| format!("0.{n:03}")),
        (1u64..1_000_000).prop_map(|n| n.to_string()),
        (1u32..29).prop_map(|e| format!("1e{e}")),
        (1u32..20).prop_map(|e| format!("7.9e{e}")),
    ];
    let positive = prop_oneof![
        (1u64..1000).prop_map(|n| format!("0.{n:03}")),
        (1u64..10_000_000).prop_map(|n| n.to_string()),
        (1u32..29).prop_map(|e| format!("3e{e}")),
    ];
    let growth = prop_oneof![
        Just("0".to_string()),
        (-99i64..500).prop_map(|p| format!("{p}%")),
        (1u32..28).prop_map(|e| format!("1e{e}%")),
    ];
    (
        (positive.clone(), magnitude.clone(), magnitude.clone(), magnitude.clone()),
        (growth, proptest::option::of(positive.clone()), any::<bool>()),
        (
            proptest::option::of(magnitude.clone()),
            proptest::option::of(1u32..1200),
            1u32..5,
        ),
        (1u32..1200, 1u32..1200, any::<bool>(), any::<bool>()),
        (1u64..100_000, positive),
    )
        .prop_map(
            |(
                (calls, cost, p_price, t_price),
                (growth, cap, tokens),
                (hosting, retrain, runs),
                (horizon, target, hourly, consistency),
                (examples, tokens_per_call),
            )| {
                let mut t = format!(
                    "name = \"p\"\n[training]\nexamples = {examples}\ncost = \"{cost}\"\nruns = {runs}\n"
                );
                if let Some(r) = retrain {
                    t.push_str(&format!("retrain_every_months = {r}\n"));
                }
                t.push_str(&format!(
                    "[usage]\ncalls_per_month = \"{calls}\"\nmonthly_growth = \"{growth}\"\n"
                ));
                if let Some(c) = cap {
                    t.push_str(&format!("max_calls_per_month = \"{c}\"\n"));
                }
                if tokens {
                    t.push_str(&format!(
                        "[prompting]\ninput_tokens = \"{tokens_per_call}\"\noutput_tokens = 10\n\
                         input_price_per_1m_tokens = \"{p_price}\"\noutput_price_per_1m_tokens = \"{p_price}\"\n\
                         [tuned]\ninput_tokens = 5\ninput_price_per_1m_tokens = \"{t_price}\"\n"
                    ));
                } else {
                    t.push_str(&format!(
                        "[prompting]\nprice_per_1k_calls = \"{p_price}\"\n[tuned]\nprice_per_1k_calls = \"{t_price}\"\n"
                    ));
                }
                if let Some(h) = hosting {
                    if hourly {
                        t.push_str(&format!("hosting_per_hour = \"{h}\"\nhosting_hours_per_month = 720\n"));
                    } else {
                        t.push_str(&format!("hosting_per_month = \"{h}\"\n"));
                    }
                }
                t.push_str(&format!(
                    "[decision]\nhorizon_months = {horizon}\ntarget_payback_months = {target}\nneeds_consistency = {consistency}\n"
                ));
                t
            },
        )
}

/// Everything a user can ask for, for one case: every text format, explain, every chart
/// kind in SVG, and both reports. Returns the first failure.
fn everything(case: &Case) -> Result<(), String> {
    use tunecalc::render::{self, Format};
    let one = std::slice::from_ref(case);
    for format in [Format::Table, Format::Markdown, Format::Json, Format::Csv] {
        let _ = render::render(format, one, Some(120), render::table::Paint(true));
    }
    let _ = render::explain::render(case);
    for kind in [Kind::Cumulative, Kind::Volume, Kind::Sensitivity] {
        let p = plot(kind, one, Decimal::new(2, 1)).map_err(|e| format!("{kind:?}: {e}"))?;
        tunecalc::chart::render_svg(&p, one, (1000, 600)).map_err(|e| format!("{kind:?}: {e}"))?;
    }
    let two = [case.clone(), case.clone()];
    let p = plot(Kind::Compare, &two, Decimal::new(2, 1)).map_err(|e| e.to_string())?;
    tunecalc::chart::render_svg(&p, &two, (1000, 600)).map_err(|e| format!("compare: {e}"))?;
    let date = tunecalc::date::parse("2026-11-27").map_err(|e| e.to_string())?;
    for out in ["r.html", "r.md"] {
        tunecalc::report::render(one, Path::new(out), date).map_err(|e| format!("{out}: {e}"))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn payback_falls_as_volume_grows(
        upfront in 1u64..1_000_000, calls in 1u64..1_000_000, extra in 1u64..1_000_000,
        tuned in 0u64..500, gap in 1u64..500,
    ) {
        let a = payback(&scenario(upfront, calls, tuned + gap, tuned, 0, 0, None));
        let b = payback(&scenario(upfront, calls + extra, tuned + gap, tuned, 0, 0, None));
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert!(b < a, "more calls must pay back sooner: {a} then {b}");
        } else {
            // Out of the 1200-month search at the lower volume only.
            prop_assert!(b.is_some() || a.is_none());
        }
    }

    #[test]
    fn payback_falls_as_the_price_gap_grows(
        upfront in 1u64..1_000_000, calls in 1u64..10_000_000,
        tuned in 0u64..500, gap in 1u64..500, wider in 1u64..500,
    ) {
        let a = payback(&scenario(upfront, calls, tuned + gap, tuned, 0, 0, None));
        let b = payback(&scenario(upfront, calls, tuned + gap + wider, tuned, 0, 0, None));
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert!(b < a, "a wider gap must pay back sooner: {a} then {b}");
        } else {
            prop_assert!(b.is_some() || a.is_none());
        }
    }

    #[test]
    fn payback_times_monthly_savings_is_the_upfront_cost_at_constant_volume(
        upfront in 1u64..100_000_000, calls in 1u64..100_000_000,
        tuned in 0u64..5_000, gap in 1u64..5_000, hosting in 0u64..100,
    ) {
        let text = scenario(upfront, calls, tuned + gap, tuned, 0, hosting, None);
        let s = parse(Path::new("p.toml"), &text).expect("valid");
        let e = evaluate(&s).expect("evaluates");
        if let Some(p) = e.payback_months {
            let product = p * e.savings_per_month;
            let tolerance = e.upfront_cost * Decimal::new(1, 20) + Decimal::new(1, 20);
            prop_assert!((product - e.upfront_cost).abs() <= tolerance,
                "{p} × {} = {product}, expected {}", e.savings_per_month, e.upfront_cost);
        } else {
            // No payback only when a month saves nothing, or it takes beyond 1200 months.
            prop_assert!(e.savings_per_month <= Decimal::ZERO
                || e.upfront_cost / e.savings_per_month > Decimal::from(1200));
        }
    }

    #[test]
    fn the_volume_target_is_the_least_volume_that_pays_back_in_time(
        upfront in 1u64..10_000_000, calls in 1u64..1_000_000,
        tuned in 0u64..500, gap in 1u64..500, growth in -20i64..40,
        hosting in 0u64..500, cap in proptest::option::of(1u64..5_000_000),
    ) {
        // At the target volume payback is within the window; one call fewer is not.
        let mut text = scenario(upfront, calls, tuned + gap, tuned, growth, hosting, None);
        if let Some(cap) = cap {
            text = text.replace("[prompting]", &format!("max_calls_per_month = {cap}\n[prompting]"));
        }
        let s = parse(Path::new("p.toml"), &text).expect("valid");
        let e = evaluate(&s).expect("evaluates");
        let window = e.window.months;
        let payback_at = |c: u128| {
            let t = text.replace(&format!("calls_per_month = {calls}\n"), &format!("calls_per_month = {c}\n"));
            payback(&t)
        };
        match e.calls_per_month_for_target {
            Some(0) => {}
            Some(n) => {
                prop_assert!(payback_at(n).is_some_and(|p| p <= window), "{n} must pay back in {window}");
                if n > 1 {
                    prop_assert!(payback_at(n - 1).is_none_or(|p| p > window), "{} must not", n - 1);
                }
            }
            None => {
                // Nothing up to the cap (or 10^9 calls without one) pays back in time.
                let most = cap.map_or(1_000_000_000, u128::from);
                prop_assert!(payback_at(most).is_none_or(|p| p > window));
            }
        }
    }

    #[test]
    fn no_input_in_range_makes_the_engine_panic(
        upfront in 0u64..u64::MAX / 2, calls in 1u64..u64::MAX / 2,
        prompting in 0u64..u64::MAX / 2, tuned in 0u64..u64::MAX / 2,
        growth in -99i64..1_000, hosting in 0u64..u64::MAX / 2,
        retrain in proptest::option::of(1u32..1200),
    ) {
        let text = scenario(upfront, calls, prompting, tuned, growth, hosting, retrain);
        let s = parse(Path::new("p.toml"), &text).expect("valid");
        // Either figures or an overflow error naming the file: never a panic.
        if let Err(e) = evaluate(&s) {
            prop_assert_eq!(e.exit_code(), 2);
            prop_assert!(e.to_string().contains("p.toml"));
        }
    }

    #[test]
    fn any_text_is_parsed_or_refused_without_panicking(text in "\\PC{0,200}") {
        let _ = parse(Path::new("fuzz.toml"), &text);
    }
}

proptest! {
    // Each case draws nine charts and two reports: fewer cases, same breadth.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn what_run_accepts_explains_charts_and_reports(text in any_scenario()) {
        // Validation may refuse (a cap below 1 call…); evaluation may overflow with an error.
        // Whatever evaluates must render everywhere, never fail and never panic.
        let Ok(s) = parse(Path::new("p.toml"), &text) else { return Ok(()); };
        match evaluate(&s) {
            Ok(eval) => {
                let case = Case::new(s, eval);
                if let Err(e) = everything(&case) {
                    prop_assert!(false, "{e}\n{text}");
                }
            }
            Err(e) => {
                prop_assert_eq!(e.exit_code(), 2);
                let msg = e.to_string();
                prop_assert!(msg.contains("p.toml") && msg.contains("too large"), "{msg}");
            }
        }
    }

}

#[test]
fn the_explain_panic_case_now_explains() {
    // cost 0, growth 1e27, horizon 1: once an unchecked multiply in the renderer.
    let text = "name = \"p\"\n[training]\nexamples = 100\ncost = \"0\"\n[usage]\n\
                calls_per_month = 1000\nmonthly_growth = \"1e27%\"\n[prompting]\n\
                price_per_1k_calls = \"0.05\"\n[tuned]\nprice_per_1k_calls = \"0.02\"\n\
                [decision]\nhorizon_months = 1\n";
    let s = parse(Path::new("p.toml"), text).expect("valid");
    let eval = evaluate(&s).expect("evaluates");
    everything(&Case::new(s, eval)).expect("renders everywhere");
}

#[test]
fn huge_volumes_and_long_horizons_chart_and_report() {
    // 3 × 10^25 calls a month; and 1,200 months of 5 % growth: both evaluate, so both must
    // chart (every kind) and report.
    for (calls, growth, horizon) in [("3e25", "0", 12), ("10", "5%", 1200)] {
        let text = format!(
            "name = \"p\"\n[training]\nexamples = 100\ncost = \"20\"\n[usage]\n\
             calls_per_month = \"{calls}\"\nmonthly_growth = \"{growth}\"\n[prompting]\n\
             price_per_1k_calls = \"0.05\"\n[tuned]\nprice_per_1k_calls = \"0.02\"\n\
             [decision]\nhorizon_months = {horizon}\n"
        );
        let s = parse(Path::new("p.toml"), &text).expect("valid");
        let eval = evaluate(&s).expect("evaluates");
        everything(&Case::new(s, eval)).expect("renders everywhere");
    }
}
