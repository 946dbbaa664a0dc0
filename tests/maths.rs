//! The maths of DESIGN.md, each figure worked out by hand in the test.

mod common;

use common::{d, eval, EXERCISE};
use tunecalc::engine::{Reason, Verdict};

#[test]
fn exercise_saves_30_cents_a_month_and_pays_back_in_67_months() {
    let e = eval(EXERCISE);
    // 0.05 / 1000 and 0.02 / 1000 per call.
    assert_eq!(e.prompting_cost_per_call, d("0.00005"));
    assert_eq!(e.tuned_cost_per_call, d("0.00002"));
    // (0.05 − 0.02) × (10,000 / 1000) = 0.30
    assert_eq!(e.savings_per_month, d("0.30"));
    // 20 / 0.30 = 66.666… → 66.67, rounded up 67.
    let payback = e.payback_months.expect("pays back");
    assert_eq!(payback.round_dp(2), d("66.67"));
    assert!(
        (payback - d("66.666666666666666666666666667")).abs() < d("0.000000000000000000000001")
    );
    assert_eq!(e.payback_months_rounded_up, Some(67));
    // 20 / 0.00003 = 666,666.67 calls → 666,667.
    assert_eq!(e.break_even_calls, Some(666_667));
    // (20 / 12) / 0.00003 = 55,555.6 → 55,556 calls a month.
    assert_eq!(e.calls_per_month_for_target, Some(55_556));
    // 36 × 0.30 − 20 = −9.20
    assert_eq!(e.net_savings_at_horizon, d("-9.20"));
    assert_eq!(e.verdict, Verdict::StayWithPrompting);
}

#[test]
fn exercise_with_consistency_needed_recommends_tuning_for_consistency() {
    let e = eval(&format!("{EXERCISE}[decision]\nneeds_consistency = true\n"));
    assert_eq!(e.cost_verdict, Verdict::StayWithPrompting);
    assert_eq!(e.verdict, Verdict::TuneForConsistency);
    assert!(e.reasons.contains(&Reason::ConsistencyWorthPaying));
}

#[test]
fn per_token_prices_on_gpt41_mini_pay_back_in_two_and_a_half_months() {
    let e = eval(
        r#"
name = "triage"
[training]
examples = 1000
price_per_1m_tokens = "5.00"
tokens_per_example = 400
epochs = 3
setup_cost = "500"
[usage]
calls_per_month = 200000
[prompting]
input_tokens = 3000
output_tokens = 50
input_price_per_1m_tokens = "0.40"
output_price_per_1m_tokens = "1.60"
[tuned]
input_tokens = 150
input_price_per_1m_tokens = "0.80"
output_price_per_1m_tokens = "3.20"
"#,
    );
    // 1000 × 400 × 3 = 1.2M tokens × $5 / 1M = $6; + $500 setup = $506.
    assert_eq!(e.training_cost, d("6"));
    assert_eq!(e.upfront_cost, d("506"));
    // (3000 × 0.40 + 50 × 1.60) / 1M = 0.00128; tuned inherits 50 output tokens:
    // (150 × 0.80 + 50 × 3.20) / 1M = 0.00028.
    assert_eq!(e.prompting_cost_per_call, d("0.00128"));
    assert_eq!(e.tuned_cost_per_call, d("0.00028"));
    assert_eq!(e.tokens_saved_per_call, Some(d("2850"))); // 3,050 − 200
                                                          // 0.001 × 200,000 = $200 a month; 506 / 200 = 2.53 months.
    assert_eq!(e.savings_per_month, d("200"));
    assert_eq!(e.payback_months, Some(d("2.53")));
    assert_eq!(e.payback_months_rounded_up, Some(3));
    assert_eq!(e.verdict, Verdict::Tune);
}

#[test]
fn output_heavy_calls_cost_more_after_tuning_and_never_pay_back() {
    let e = eval(
        r#"
name = "long answers"
[training]
examples = 500
cost = "10"
[usage]
calls_per_month = 50000
[prompting]
input_tokens = 800
output_tokens = 400
input_price_per_1m_tokens = "0.40"
output_price_per_1m_tokens = "1.60"
[tuned]
input_tokens = 200
input_price_per_1m_tokens = "0.80"
output_price_per_1m_tokens = "3.20"
"#,
    );
    // (800 × 0.40 + 400 × 1.60) / 1M = 0.00096; (200 × 0.80 + 400 × 3.20) / 1M = 0.00144.
    assert_eq!(e.prompting_cost_per_call, d("0.00096"));
    assert_eq!(e.tuned_cost_per_call, d("0.00144"));
    assert_eq!(e.payback_months, None);
    assert_eq!(e.break_even_calls, None);
    assert_eq!(e.calls_per_month_for_target, None);
    assert!(matches!(e.reasons[0], Reason::TunedCallDearer { .. }));
    assert_eq!(e.verdict, Verdict::StayWithPrompting);
}

#[test]
fn growth_compounds_monthly_and_payback_interpolates_inside_the_month() {
    // $250 up front; $0.0004 saved per call; 20,000 calls growing 20 % a month.
    let e = eval(
        r#"
name = "growing"
[training]
examples = 300
cost = "150"
setup_cost = "100"
[usage]
calls_per_month = 20000
monthly_growth = "0.2"
[prompting]
price_per_1k_calls = "0.60"
[tuned]
price_per_1k_calls = "0.20"
"#,
    );
    // Month 2: 24,000 calls save 9.60; month 3: 28,800 calls save 11.52.
    assert_eq!(e.flows.volume_in(2), Ok(d("24000")));
    assert_eq!(e.flows.volume_in(3), Ok(d("28800")));
    // Months 1–3 save 8 + 9.60 + 11.52 = 29.12.
    assert_eq!(e.flows.totals(d("3")).map(|t| t.savings), Ok(d("29.12")));
    // After 10 months: 8 × (1.2^10 − 1) / 0.2 = 207.6698…; month 11 saves 8 × 1.2^10 = 49.5339…
    // Payback = 10 + (250 − 207.6698) / 49.5339 = 10.8546 months.
    let p = e.payback_months.expect("pays back");
    assert!((p - d("10.8546")).abs() < d("0.0001"), "{p}");
    assert_eq!(e.payback_months_rounded_up, Some(11));
    // Without hosting, break-even calls are upfront / savings per call: 250 / 0.0004.
    assert_eq!(e.break_even_calls, Some(625_000));
    assert_eq!(e.verdict, Verdict::Tune);
}

#[test]
fn hourly_hosting_is_billed_730_hours_and_can_eat_all_savings() {
    let e = eval(&EXERCISE.replace(
        "price_per_1k_calls = \"0.02\"",
        "price_per_1k_calls = \"0.02\"\nhosting_per_hour = \"1.70\"",
    ));
    // 1.70 × 730 = 1,241 a month; 0.30 − 1,241 = −1,240.70.
    assert_eq!(e.hosting_per_month, d("1241"));
    assert_eq!(e.savings_per_month, d("-1240.70"));
    assert_eq!(e.payback_months, None);
    // (20 / 12 + 1,241) / 0.00003 = 41,422,222.2 → 41,422,223 calls a month.
    assert_eq!(e.calls_per_month_for_target, Some(41_422_223));
    assert!(matches!(
        e.reasons[0],
        Reason::FixedCostsExceedSavings { .. }
    ));
}

#[test]
fn monthly_hosting_fee_slows_payback() {
    // 0.30 × 10 = $3 a month from 100,000 calls; minus $1 hosting = $2; 20 / 2 = 10 months.
    let e = eval(
        &EXERCISE
            .replace("calls_per_month = 10000", "calls_per_month = 100000")
            .replace(
                "price_per_1k_calls = \"0.02\"",
                "price_per_1k_calls = \"0.02\"\nhosting_per_month = \"1\"",
            ),
    );
    assert_eq!(e.savings_per_month, d("2"));
    assert_eq!(e.payback_months, Some(d("10")));
    // Calls served in 10 months: 1,000,000 (hosting makes it more than 20 / 0.00003).
    assert_eq!(e.break_even_calls, Some(1_000_000));
}

#[test]
fn retraining_jobs_are_paid_again_and_each_must_pay_for_itself() {
    // $20 a job every 12 months; 100,000 calls save $3 a month → payback 6.67 months.
    let toml = EXERCISE
        .replace("calls_per_month = 10000", "calls_per_month = 100000")
        .replace("cost = \"20\"", "cost = \"20\"\nretrain_every_months = 12");
    let e = eval(&toml);
    assert_eq!(e.payback_months.map(|p| p.round_dp(2)), Some(d("6.67")));
    // Over 36 months: 36 × 3 = 108 − 20 up front − 2 retrains (months 12, 24) × 20 = 48.
    assert_eq!(e.retrains_in_horizon, 2);
    assert_eq!(e.net_savings_at_horizon, d("48"));
    assert_eq!(e.verdict, Verdict::Tune);

    // Retraining every 6 months: 6.67 > 6, so the job never pays for itself.
    let e = eval(&toml.replace("retrain_every_months = 12", "retrain_every_months = 6"));
    assert_eq!(e.payback_months, None);
    assert!(matches!(
        e.reasons[0],
        Reason::PaybackBeyondRetrain { every: 6, .. }
    ));
    // The window is the 6-month interval: 20 / 6 / 0.00003 = 111,111.1 → 111,112 calls.
    assert_eq!(e.window.months, d("6"));
    assert_eq!(e.calls_per_month_for_target, Some(111_112));
}

#[test]
fn minimum_charge_applies_when_the_job_is_cheaper() {
    // 30 examples × $0.10 = $3.00 < $4 minimum → $4.
    let e = eval(
        &EXERCISE.replace("examples = 200", "examples = 30").replace(
            "cost = \"20\"",
            "cost_per_example = \"0.10\"\nminimum_charge = \"4\"",
        ),
    );
    assert_eq!(e.training_cost_before_minimum, d("3"));
    assert_eq!(e.training_cost, d("4"));
    // 4 / 0.30 = 13.33 months; and 30 < 50 examples blocks tuning anyway.
    assert_eq!(e.payback_months.map(|p| p.round_dp(2)), Some(d("13.33")));
    assert!(e.reasons.contains(&Reason::TooFewExamples {
        examples: d("30"),
        min: 50
    }));
    assert_eq!(e.verdict, Verdict::StayWithPrompting);
}

#[test]
fn default_epochs_follow_the_automatic_rule_when_left_out() {
    // 20 examples: 3 × 20 = 60 < 100 → min(25, 100 / 20) = 5 epochs;
    // 20 × 1,000 tokens × 5 = 100,000 tokens × $3 / 1M = $0.30.
    let e = eval(
        &EXERCISE.replace("examples = 200", "examples = 20").replace(
            "cost = \"20\"",
            "price_per_1m_tokens = \"3\"\ntokens_per_example = 1000",
        ),
    );
    assert_eq!(e.training_tokens, Some(d("100000")));
    assert_eq!(e.training_cost, d("0.3"));
}

#[test]
fn an_unstable_task_keeps_prompting_even_when_tuning_pays() {
    let e = eval(
        &(EXERCISE.replace("calls_per_month = 10000", "calls_per_month = 1000000")
            + "[decision]\ntask_is_stable = false\nneeds_consistency = true\n"),
    );
    // 0.00003 × 1,000,000 = $30 a month → 0.67 months: cost says tune.
    assert_eq!(e.cost_verdict, Verdict::Tune);
    assert_eq!(e.verdict, Verdict::StayWithPrompting);
    assert!(e.reasons.contains(&Reason::TaskNotStable));
    assert!(e.reasons.contains(&Reason::ConsistencyBlocked));
}

#[test]
fn growing_volume_that_never_pays_back_does_not_overflow() {
    // Tuned calls cost more; volume grows 50 % a month: no payback, and no overflow
    // even though 1.5^1200 is far beyond a decimal.
    let e = eval(
        &EXERCISE
            .replace(
                "price_per_1k_calls = \"0.02\"",
                "price_per_1k_calls = \"0.06\"",
            )
            .replace(
                "calls_per_month = 10000",
                "calls_per_month = 10000\nmonthly_growth = \"0.5\"",
            ),
    );
    assert_eq!(e.payback_months, None);
}

#[test]
fn absurd_volume_is_an_error_naming_the_figure_not_a_panic() {
    let scenario = tunecalc::scenario::parse(
        std::path::Path::new("huge.toml"),
        &EXERCISE.replace(
            "calls_per_month = 10000",
            "calls_per_month = \"70000000000000000000000000000\"",
        ),
    )
    .expect("valid input");
    let err = tunecalc::engine::evaluate(&scenario).expect_err("overflows");
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("huge.toml"), "{err}");
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn growth_stops_at_the_cap_and_payback_follows_month_by_month() {
    // 10,000 calls growing 10 % a month, capped at 15,000; $0.00003 saved per call.
    // Months 1–5: 10,000, 11,000, 12,100, 13,310, 14,641 calls save
    // 0.30 + 0.33 + 0.363 + 0.3993 + 0.43923 = 1.83153; from month 6 every month saves 0.45.
    // After 45 months: 1.83153 + 40 × 0.45 = 19.83153; month 46 covers the last 0.16847:
    // payback = 45 + 0.16847 / 0.45 = 45.37437…
    let e = eval(&EXERCISE.replace(
        "calls_per_month = 10000",
        "calls_per_month = 10000\nmonthly_growth = \"10%\"\nmax_calls_per_month = 15000",
    ));
    assert_eq!(e.flows.volume_in(5), Ok(d("14641")));
    assert_eq!(e.flows.volume_in(6), Ok(d("15000")));
    let p = e.payback_months.expect("pays back");
    assert_eq!(p.round_dp(5), d("45.37438"));
    assert_eq!(e.payback_months_rounded_up, Some(46));
}

#[test]
fn a_cap_below_the_first_month_applies_from_month_1() {
    // 10,000 calls capped at 5,000: 5,000 × 0.00003 = 0.15 a month; 20 / 0.15 = 133.33.
    let e = eval(&EXERCISE.replace(
        "calls_per_month = 10000",
        "calls_per_month = 10000\nmax_calls_per_month = 5000",
    ));
    assert_eq!(e.calls_in_month_1, d("5000"));
    assert_eq!(e.savings_per_month, d("0.15"));
    assert_eq!(e.payback_months.map(|p| p.round_dp(2)), Some(d("133.33")));
}

#[test]
fn no_volume_pays_back_in_time_when_even_the_cap_is_not_enough() {
    // The exercise needs 55,556 calls a month for 12 months; a cap of 50,000 makes that
    // impossible, a cap of 60,000 does not.
    let at_cap = |cap: &str| {
        eval(&EXERCISE.replace(
            "calls_per_month = 10000",
            &format!("calls_per_month = 10000\nmax_calls_per_month = {cap}"),
        ))
        .calls_per_month_for_target
    };
    assert_eq!(at_cap("50000"), None);
    assert_eq!(at_cap("60000"), Some(55_556));
}

#[test]
fn the_volume_target_with_growth_and_a_fee_is_found_by_bisection() {
    // 1.3 % growth, $1 a month of hosting: no closed form once the volume shrinks (−5 %),
    // so the least volume is found by bisection. Check it by its definition: payback at
    // that volume is within 12 months, one call fewer is not.
    let base = EXERCISE.replace(
        "price_per_1k_calls = \"0.02\"",
        "price_per_1k_calls = \"0.02\"\nhosting_per_month = \"1\"",
    );
    for growth in ["1.3%", "-5%"] {
        let text = base.replace(
            "calls_per_month = 10000",
            &format!("calls_per_month = 10000\nmonthly_growth = \"{growth}\""),
        );
        let n = eval(&text)
            .calls_per_month_for_target
            .expect("some volume pays back");
        let at = |c: u128| {
            eval(&text.replace("calls_per_month = 10000", &format!("calls_per_month = {c}")))
                .payback_months
        };
        assert!(at(n).is_some_and(|p| p <= d("12")), "{growth}: {n}");
        assert!(at(n - 1).is_none_or(|p| p > d("12")), "{growth}: {}", n - 1);
    }
}

#[test]
fn hourly_hosting_is_billed_the_hours_the_scenario_gives() {
    // Microsoft's own example bills 720 hours: 1.70 × 720 = 1,224.
    let e = eval(&EXERCISE.replace(
        "price_per_1k_calls = \"0.02\"",
        "price_per_1k_calls = \"0.02\"\nhosting_per_hour = \"1.70\"\nhosting_hours_per_month = 720",
    ));
    assert_eq!(e.hosting_per_month, d("1224"));
}

#[test]
fn several_runs_are_all_paid_up_front() {
    // 3 experiment jobs of $20 and $100 of setup: 3 × 20 + 100 = 160 up front.
    let e = eval(&EXERCISE.replace(
        "cost = \"20\"",
        "cost = \"20\"\nruns = 3\nsetup_cost = \"100\"",
    ));
    assert_eq!(e.training_cost, d("20"));
    assert_eq!(e.upfront_cost, d("160"));
    // 160 / 0.30 = 533.33 months.
    assert_eq!(e.payback_months.map(|p| p.round_dp(2)), Some(d("533.33")));
}

#[test]
fn token_counts_may_be_decimal_averages() {
    // (402.3 × 0.40 + 51.5 × 1.60) / 1M = (160.92 + 82.4) / 1M = 0.00024332 a call.
    let e = eval(
        r#"
name = "averages"
[training]
examples = 100
cost = "5"
[usage]
calls_per_month = 100000
[prompting]
input_tokens = "402.3"
output_tokens = "51.5"
input_price_per_1m_tokens = "0.40"
output_price_per_1m_tokens = "1.60"
[tuned]
input_tokens = "80.2"
"#,
    );
    assert_eq!(e.prompting_cost_per_call, d("0.00024332"));
    // Tuned: (80.2 × 0.40 + 51.5 × 1.60) / 1M = (32.08 + 82.4) / 1M = 0.00011448.
    assert_eq!(e.tuned_cost_per_call, d("0.00011448"));
    // 453.8 − 131.7 = 322.1 tokens saved.
    assert_eq!(e.tokens_saved_per_call, Some(d("322.1")));
}

#[test]
fn equal_call_prices_say_there_is_nothing_to_save() {
    let e = eval(&EXERCISE.replace(
        "price_per_1k_calls = \"0.02\"",
        "price_per_1k_calls = \"0.05\"",
    ));
    assert_eq!(
        e.reasons[0],
        Reason::TunedCallSamePrice { cost: d("0.00005") }
    );
}

#[test]
fn low_latency_adds_a_reason_from_the_tokens_saved_and_changes_no_figure() {
    let triage = r#"
name = "triage"
[training]
examples = 1000
cost = "6"
[usage]
calls_per_month = 200000
[prompting]
input_tokens = 3000
output_tokens = 50
input_price_per_1m_tokens = "0.40"
output_price_per_1m_tokens = "1.60"
[tuned]
input_tokens = 150
"#;
    let plain = eval(triage);
    let fast = eval(&format!("{triage}[decision]\nneeds_low_latency = true\n"));
    // 3,050 − 200 = 2,850 tokens fewer per call.
    assert!(fast
        .reasons
        .contains(&Reason::ShorterPromptIsFaster { tokens: d("2850") }));
    assert_eq!(fast.payback_months, plain.payback_months);
    assert_eq!(fast.verdict, plain.verdict);
}

#[test]
fn a_payback_that_relies_on_years_of_growth_is_warned_about() {
    // 1,000 calls growing 5 % a month; $0.00003 saved per call, $20 up front.
    // Cumulative savings after n months: 0.03 × (1.05^n − 1) / 0.05 = 0.6 × (1.05^n − 1),
    // which reaches 20 at 1.05^n = 34.33, n ≈ 72.5 months: growth must last six years.
    let e = eval(&EXERCISE.replace(
        "calls_per_month = 10000",
        "calls_per_month = 1000\nmonthly_growth = \"5%\"",
    ));
    let p = e.payback_months.expect("pays back");
    assert!(p > d("72") && p < d("73"), "{p}");
    assert!(matches!(
        e.warnings.as_slice(),
        [tunecalc::engine::Warning::ReliesOnGrowth { months: 72, .. }]
    ));
    // With a cap reached in month 10, growth no longer carries the payback that long.
    let capped = eval(&EXERCISE.replace(
        "calls_per_month = 10000",
        "calls_per_month = 1000\nmonthly_growth = \"5%\"\nmax_calls_per_month = 1500",
    ));
    assert!(capped.warnings.is_empty());
}
