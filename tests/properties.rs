//! Properties that hold for every scenario in range, checked on generated inputs.

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::Path;
use tunecalc::engine::evaluate;
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
         [usage]\ncalls_per_month = {calls}\nmonthly_growth = \"{}\"\n\
         [prompting]\nprice_per_1k_calls = \"{}\"\n\
         [tuned]\nprice_per_1k_calls = \"{}\"\nhosting_per_month = \"{hosting}\"\n",
        Decimal::new(upfront_cents as i64, 2),
        Decimal::new(growth_pct, 2),
        Decimal::new(prompting_milli as i64, 3),
        Decimal::new(tuned_milli as i64, 3),
    )
}

fn payback(text: &str) -> Option<Decimal> {
    let s = parse(Path::new("p.toml"), text).expect("valid");
    evaluate(&s).expect("evaluates").payback_months
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
    fn no_input_in_range_makes_the_engine_panic(
        upfront in 0u64..u64::MAX / 2, calls in 1u64..u64::MAX / 2,
        prompting in 0u64..u64::MAX / 2, tuned in 0u64..u64::MAX / 2,
        growth in -100i64..1_000, hosting in 0u64..u64::MAX / 2,
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
