//! "What would have to be true": `tunecalc solve`, `tunecalc sweep` and the decision map, as a
//! budget holder asks them of the classic exercise and of a scenario priced by tokens.

mod common;

use common::{d, tunecalc};
use predicates::prelude::*;
use rust_decimal::Decimal;
use tunecalc::analysis::solve::{solve, Direction, NoValue};
use tunecalc::scenario::Key;

/// The exercise's answers as JSON: input → (break-even value, direction).
fn exercise_solutions() -> serde_json::Value {
    let out = tunecalc()
        .args(["solve", "scenarios/exercise.toml", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn find<'a>(v: &'a serde_json::Value, input: &str) -> &'a serde_json::Value {
    v["solutions"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["input"] == input))
        .unwrap_or_else(|| panic!("no {input} in {v}"))
}

#[test]
fn the_exercise_pays_back_within_a_year_if_any_one_of_these_holds() {
    let v = exercise_solutions();
    // Savings per call 0.00003; 20 / 12 months = 1.6667 a month needed:
    // calls ≥ 1.6667 / 0.00003 = 55,555.6 → 55,556 whole calls.
    let calls = find(&v, "usage.calls_per_month");
    assert_eq!(calls["break_even_value"], "55556");
    assert_eq!(calls["direction"], "at_least");
    // Training ≤ 12 × 0.30 = $3.60.
    let training = find(&v, "training.cost");
    assert_eq!(training["break_even_value"], "3.6");
    assert_eq!(training["direction"], "at_most");
    // Prompting ≥ 0.02 + 1.6667 / 10 = 0.18667 per 1,000 calls.
    let prompting = find(&v, "prompting.price_per_1k_calls");
    assert_eq!(prompting["direction"], "at_least");
    let p = d(prompting["break_even_value"].as_str().expect("a value"));
    assert!(
        (p - d("0.186666666666666666666666667")).abs() < d("1e-20"),
        "{p}"
    );
    // The tuned price would have to be 0.05 − 0.16667 = −0.11667: no tuned price alone.
    let tuned = find(&v, "tuned.price_per_1k_calls");
    assert!(tuned["break_even_value"].is_null());
    assert_eq!(tuned["reason"], "out_of_range");
    assert!(tuned["needed"]
        .as_str()
        .is_some_and(|n| n.starts_with("-0.11666")));
}

#[test]
fn explain_and_the_report_say_what_would_have_to_change() {
    let out = tunecalc()
        .args(["explain", "scenarios/exercise.toml"])
        .output()
        .expect("runs");
    // Explain wraps its lines: read it as one.
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "What would have to change",
        "training cost per job at most $3.60 (now $20)",
        "calls per month at least 55,556 (now 10,000)",
        "prompting price per 1k calls at least $0.1867 (now $0.05)",
        "tuned price per 1k calls (it would have to be -$0.1167)",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    let dir = tempfile::tempdir().expect("dir");
    let page = dir.path().join("r.html");
    tunecalc()
        .args(["report", "scenarios/exercise.toml", "-o"])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("report");
    assert!(html.contains("<h3>What would have to change</h3>"));
    assert!(html.contains("Tuning pays back within the 12-month target if any one of these holds"));
    assert!(html.contains("<dt>calls per month</dt><dd>at least 55,556 (now 10,000)</dd>"));
}

#[test]
fn a_scenario_priced_by_tokens_solves_each_token_and_price() {
    // 1,000 examples × 500 tokens × 3 epochs × $2/1M = $3 of training; 100,000 calls a month.
    // Prompting 2,000 tokens in, tuned 200, both at $1/1M in and no output tokens:
    // savings per call (2,000 − 200) × 1e-6 = $0.0018, $180 a month.
    // Pays back within 12 months while up front ≤ 12 × 180 = $2,160: setup ≤ 2,160 − 3 = $2,157.
    // Tuned tokens: savings must cover 3 / 12 = $0.25 a month = 0.0000025 a call:
    // (2,000 − t) × 1e-6 ≥ 0.0000025 → t ≤ 1,997.5.
    let case = common::case(
        r#"
name = "Tokens"
[training]
examples = 1000
tokens_per_example = 500
epochs = 3
price_per_1m_tokens = "2"
[usage]
calls_per_month = 100000
[prompting]
input_tokens = 2000
input_price_per_1m_tokens = "1"
[tuned]
input_tokens = 200
[decision]
target_payback_months = 12
"#,
    );
    let sol = solve(
        &case,
        &[
            Key::TrainingSetupCost,
            Key::InputTokens(tunecalc::scenario::inputs::Side::Tuned),
        ],
    );
    assert_eq!(sol[0].answer, Ok((d("2157"), Direction::AtMost)));
    assert_eq!(sol[1].answer, Ok((d("1997.5"), Direction::AtMost)));
    assert!(sol.iter().all(|s| s.holds_now));
    // The training price: $2,160 covers 1,500,000 tokens → at most $1,440 per 1M.
    let price = solve(&case, &[Key::TrainingPricePer1mTokens]);
    assert_eq!(price[0].answer, Ok((d("1440"), Direction::AtMost)));
}

#[test]
fn an_input_that_does_not_move_payback_says_so() {
    // The exercise prices its job in total: the number of examples changes nothing.
    let case = common::bundled_case("exercise.toml");
    let sol = solve(&case, &[Key::TrainingExamples]);
    assert_eq!(sol[0].answer, Err(NoValue::NoEffect));
}

#[test]
fn solve_refuses_unknown_and_unused_keys() {
    tunecalc()
        .args([
            "solve",
            "scenarios/exercise.toml",
            "--for",
            "calls_per_mont",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `usage.calls_per_month`?",
        ));
    tunecalc()
        .args(["solve", "scenarios/exercise.toml", "--for", "input_tokens"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`prompting.input_tokens` or `tuned.input_tokens`",
        ));
    tunecalc()
        .args([
            "solve",
            "scenarios/exercise.toml",
            "--for",
            "tuned.input_tokens",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not use tuned.input_tokens"));
}

#[test]
fn payback_falls_as_volume_rises_along_a_sweep() {
    let out = tunecalc()
        .args([
            "sweep",
            "scenarios/exercise.toml",
            "--vary",
            "usage.calls_per_month=1000..1000000:25:log",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let points = v["sweep"]["points"].as_array().expect("points");
    assert_eq!(points.len(), 25);
    let paybacks: Vec<rust_decimal::Decimal> = points
        .iter()
        .map(|p| d(p["payback_months"].as_str().expect("pays back")))
        .collect();
    assert!(paybacks.windows(2).all(|w| w[1] < w[0]), "{paybacks:?}");
    // Each point is exact: at 1,000 calls, 20 / (0.00003 × 1,000) = 666.67 months; at
    // 1,000,000, 0.6667.
    assert_eq!(points[0]["values"]["usage.calls_per_month"], "1000");
    assert!(paybacks[0].round_dp(2) == d("666.67"));
    assert!(paybacks[24].round_dp(4) == d("0.6667"));
    assert_eq!(points[24]["verdict"], "tune");
}

#[test]
fn a_25_by_25_sweep_is_a_csv_matrix_for_a_spreadsheet() {
    let out = tunecalc()
        .args([
            "sweep",
            "scenarios/exercise.toml",
            "--vary",
            "calls_per_month=4000..100000:25",
            "--vary",
            "prompting.price_per_1k_calls=0.026..0.5:25",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 26, "a header and 25 rows");
    assert!(
        rows.iter().all(|r| r.len() == 26),
        "25 columns and the row's value"
    );
    assert_eq!(rows[1][0], "4000");
    assert_eq!(rows[0][1], "0.026");
    // 4,000 calls at 0.026: (0.026 − 0.02) / 1000 × 4,000 = $0.024 a month: 20 / 0.024 = 833.33.
    assert!(rows[1][1].starts_with("833.33"), "{}", rows[1][1]);
}

#[test]
fn sweep_refuses_what_it_cannot_draw() {
    for (vary, expected) in [
        (
            "usage.calls_per_month=5000..1000",
            "LOW must be below HIGH (did you mean 1000..5000?)",
        ),
        (
            "calls_per_month=0..1000:log",
            "a log scale cannot reach 0 or below",
        ),
        ("calls_per_month=1..1000:0", "0 steps: give 2 to 1000"),
        ("calls_per_month=1..1000:5000", "5000 steps: give 2 to 1000"),
        (
            "calls_per_mont=1..2",
            "did you mean `usage.calls_per_month`?",
        ),
        ("training.examples", "no `=`"),
        (
            "prompting.price_per_1k_calls=abc..1",
            "\"abc\" is not a number",
        ),
        ("tuned.price_per_1k_calls=-1..1", "cannot be negative"),
    ] {
        tunecalc()
            .args(["sweep", "scenarios/exercise.toml", "--vary", vary])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    }
    tunecalc()
        .args([
            "sweep",
            "scenarios/exercise.toml",
            "--vary",
            "calls_per_month=1..10",
            "--vary",
            "usage.calls_per_month=1..10",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("varied twice"));
}

#[test]
fn the_map_line_passes_through_the_solved_value() {
    // At the exercise's own 10,000 calls, the line where payback equals 12 months sits at the
    // prompting price solve gives: 0.18667.
    let mut case = common::bundled_case("exercise.toml");
    case.solutions = solve(&case, &[]);
    let tunecalc::analysis::Plot::Map(m) =
        tunecalc::analysis::plot::map_plot(&case, None, None).expect("a map")
    else {
        panic!("not a map");
    };
    let at_today = m
        .line
        .iter()
        .flatten()
        .find(|(x, _)| (*x - 10_000.0).abs() < 1e-6)
        .expect("the line has a point at today's volume");
    assert!((at_today.1 - 0.186_666_666).abs() < 1e-6, "{at_today:?}");
    // The scenario's point is below the line, where it does not pay back within the horizon.
    assert_eq!(m.point, (10_000.0, 0.05));
    assert_eq!(m.better, Some(Direction::AtLeast));
    // Cells far above the line pay back in time; far below, never.
    let top_right = m.cells[m.cells.len() - 1];
    let bottom_left = m.cells[0];
    assert_eq!(top_right, tunecalc::analysis::map::Region::InWindow);
    assert_eq!(bottom_left, tunecalc::analysis::map::Region::Never);
}

#[test]
fn every_bundled_scenario_draws_a_map() {
    let dir = tempfile::tempdir().expect("dir");
    for case in common::bundled() {
        let file = case.scenario.file.clone();
        let out = dir.path().join("map.svg");
        tunecalc()
            .args(["chart", "--kind", "map", "-o"])
            .arg(&out)
            .arg(&file)
            .assert()
            .success();
        let svg = std::fs::read_to_string(&out).expect("svg");
        assert!(svg.contains("Where tuning pays back"), "{}", file.display());
        assert!(svg.contains("this scenario:"), "{}", file.display());
    }
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--kind",
            "map",
            "--y",
            "training.cost",
            "-o",
        ])
        .arg(dir.path().join("m2.svg"))
        .assert()
        .success();
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--kind",
            "cumulative",
            "--x",
            "training.cost",
            "-o",
        ])
        .arg(dir.path().join("m3.svg"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--x and --y choose the axes of `--kind map`",
        ));
}

/// A prompt cache's storage is a fixed cost tuning removes. Here each tuned call costs more,
/// so fewer calls are better: the answer is the most calls that still pay back.
const CACHED_PROMPT: &str = r#"
name = "cached prompt"
[training]
examples = 200
cost = "20"
[usage]
calls_per_month = 100000
[prompting]
input_tokens = 3000
output_tokens = 100
input_price_per_1m_tokens = "0.30"
output_price_per_1m_tokens = "2.50"
cached_input_tokens = 2800
cached_input_price_per_1m_tokens = "0.03"
cache_storage_per_1m_tokens_per_hour = "1.00"
[tuned]
input_tokens = 200
output_tokens = 100
input_price_per_1m_tokens = "0.45"
output_price_per_1m_tokens = "3.75"
"#;

#[test]
fn when_each_tuned_call_costs_more_the_answer_is_the_most_calls_that_pay_back() {
    // Prompting: (200 × 0.30 + 2,800 × 0.03 + 100 × 2.50) / 1M = 0.000394 a call; tuned:
    // (200 × 0.45 + 100 × 3.75) / 1M = 0.000465; each call costs 0.000071 more tuned. The
    // cache tuning removes: 2,800 / 1M × 1.00 × 730 h = 2.044 a month. Paying 20 back in 12
    // months needs 1.6667 a month: 2.044 − 0.000071 c ≥ 1.6667 → c ≤ 5,314.55.
    let case = common::case(CACHED_PROMPT);
    let found = solve(&case, &[Key::CallsPerMonth]);
    let (value, direction) = found[0].answer.clone().expect("a value");
    assert_eq!(direction, Direction::AtMost);
    assert!((value - d("5314.554")).abs() < d("0.001"), "{value}");
}

#[test]
fn explain_shows_every_fixed_cost_so_its_sums_add_up() {
    // The cached prompt: −7.10 from the calls + 2.04 cache storage removed = −5.06 a month.
    let mut cmd = tunecalc();
    cmd.args(["explain", "-"]).write_stdin(CACHED_PROMPT);
    cmd.assert()
        .success()
        .stdout(predicate::str::contains(
            "2,800 cached tokens × 1 per 1M an hour × 730\n     hours / 1,000,000 = $2.04 a month",
        ))
        .stdout(predicate::str::contains(
            "-7.10 + 2.04 prompting cache = -$5.06 a month",
        ))
        .stdout(predicate::str::contains("every call delays the payback"));
    // Nova Micro's storage fee: 199.50 from the calls − 1.95 storage = 197.55 a month, and the
    // volume for 6 months is (500.80 / 6 + 1.95) / 0.00009975 = 856,307.4 → 856,308 calls.
    tunecalc()
        .args(["explain", "scenarios/nova-micro.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Storing the tuned model: $1.95 a month",
        ))
        .stdout(predicate::str::contains(
            "199.50 − 1.95 storage = $197.55 a month",
        ))
        .stdout(predicate::str::contains(
            "(500.80 / 6 + 1.95 fixed costs) / 0.00009975 per call = 856,308 calls a month",
        ));
}

#[test]
fn found_by_proptest_a_bisection_near_a_decimals_limit_is_an_answer_not_a_panic() {
    // 3e11 prompt tokens against a $1e13-an-hour endpoint: the decision map solves the volume
    // at each of its points, and one bisection there summed two values past a decimal's limit
    // ("Addition overflowed").
    let text = "name = \"p\"\n[training]\nexamples = 1\ncost = \"0\"\nruns = 1\n[usage]\ncalls_per_month = \"0.001\"\nmonthly_growth = \"0\"\n[prompting]\ninput_tokens = \"3e11\"\noutput_tokens = 10\ninput_price_per_1m_tokens = \"0.003\"\noutput_price_per_1m_tokens = \"0.003\"\n[tuned]\ninput_tokens = 5\ninput_price_per_1m_tokens = \"0\"\nhosting_per_hour = \"1e13\"\nhosting_hours_per_month = 720\n[decision]\nhorizon_months = 1\ntarget_payback_months = 1\nneeds_consistency = false\n";
    let case = common::case(text);
    let found = solve(&case, &[]);
    assert!(!found.is_empty());
    let mut cmd = tunecalc();
    cmd.args(["explain", "-"]).write_stdin(text);
    cmd.assert().success();
    // The report draws the map for each scenario.
    let date = tunecalc::date::parse(common::TODAY).expect("date");
    let cases = std::slice::from_ref(&case);
    tunecalc::report::render(cases, std::path::Path::new("r.html"), date).expect("a report");
}

#[test]
fn solving_for_examples_follows_the_providers_epochs_rule() {
    // Calls save (0.0038 − 0.0018) × 5,000 = $10 a month, so the job may cost $120 in 12
    // months. A job costs examples × 500 tokens × epochs × $25/1M; OpenAI's automatic rule
    // gives 5 epochs at 20 examples but 3 from 34 examples up to 8,333, so the most examples
    // that still pay back are 120 / (500 × 3 × 25 / 1M) = 3,200 (not 120 / (500 × 5 × 25 /
    // 1M) = 1,920, as if the epochs stayed at 5).
    let text = r#"
name = "automatic epochs"
[training]
examples = 20
tokens_per_example = 500
price_per_1m_tokens = "25"
[usage]
calls_per_month = 5000
[prompting]
input_tokens = 1500
output_tokens = 100
input_price_per_1m_tokens = "2.00"
output_price_per_1m_tokens = "8.00"
[tuned]
input_tokens = 200
input_price_per_1m_tokens = "3.00"
output_price_per_1m_tokens = "12.00"
[decision]
min_examples = 10
"#;
    let case = common::case(text);
    let found = solve(&case, &[Key::TrainingExamples]);
    let (value, direction) = found[0].answer.clone().expect("a value");
    assert_eq!((value, direction), (d("3200"), Direction::AtMost));
}

#[test]
fn break_even_values_are_exact_where_the_arithmetic_is() {
    // openai-shutdown: 200,000 calls and 44/31 months before the model retires, so each call
    // must save 506 × 31 / (200,000 × 44) = 0.0017825, i.e. a prompted call of 0.00028 +
    // 0.0017825 = 0.0020625: (0.0020625 × 1M − 50 × 1.60) / 0.40 = 4,956.25 prompt tokens,
    // or an output price of (2,062.5 − 3,000 × 0.40) / 50 = 17.25. A bisection lands a hair
    // below (4956.2499…9); the answer is the exact value when that pays back in time.
    let case = common::bundled_case("openai-shutdown.toml");
    let found = solve(
        &case,
        &[
            Key::InputTokens(tunecalc::scenario::Side::Prompting),
            Key::OutputPrice(tunecalc::scenario::Side::Prompting),
        ],
    );
    let values: Vec<Decimal> = found
        .iter()
        .map(|s| s.answer.clone().expect("a value").0)
        .collect();
    assert_eq!(values, vec![d("4956.25"), d("17.25")]);
}

#[test]
fn a_price_the_catalog_changes_later_moves_with_its_change() {
    // Gemini 3.6 Flash's prompting prices double from January; tuned gpt-4.1-mini serves until
    // 2027-01-14, 1 + 13/31 months in, and the job costs $6. With a month-1 input price p (so
    // 2p from January): month 1 saves (0.003 p + 0.0001875 − 0.00028) a call, January
    // (0.006 p + 0.000375 − 0.00028), 300,000 calls a month. Paying back $6 in time needs
    // 0.003 p − 0.0000925 + 13/31 × (0.006 p + 0.000095) ≥ 0.00002, so
    // p ≥ (0.0034875 − 0.001235) / 31 / (0.171 / 31) = 0.0022525 / 0.171 = 0.0131725…
    // (It said "any value works": the varied price applied only until the change.)
    let text = r#"
name = "prices that double"
[training]
examples = 1000
tokens_per_example = 400
[usage]
calls_per_month = 300000
start = "2026-12"
[prompting]
model = "google/gemini-3.6-flash"
input_tokens = 3000
output_tokens = 50
[tuned]
model = "openai/gpt-4.1-mini-2025-04-14"
input_tokens = 150
[decision]
target_payback_months = 6
horizon_months = 12
"#;
    let case = common::case(text);
    let found = solve(
        &case,
        &[Key::InputPrice(tunecalc::scenario::Side::Prompting)],
    );
    let (value, direction) = found[0].answer.clone().expect("a value");
    assert_eq!(direction, Direction::AtLeast);
    let exact = d("0.0022525") / d("0.171");
    assert!((value - exact).abs() < d("1e-15"), "{value} vs {exact}");
}
