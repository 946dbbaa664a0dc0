//! The engine and what is built on it, timed with divan: `cargo bench --bench engine`.
//!
//! `evaluate` on each bundled scenario (closed forms, bisection only where fees and growth
//! need it), the curves a report draws, and a whole HTML report of the bundled scenarios.

use std::path::{Path, PathBuf};

use tunecalc::analysis::{plot, Kind};
use tunecalc::engine::{evaluate, evaluate_all, Case};
use tunecalc::scenario::{load, Scenario};

fn main() {
    divan::main();
}

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

fn ctx() -> tunecalc::scenario::Context<'static> {
    tunecalc::scenario::Context {
        catalog: tunecalc::catalog::Catalog::builtin(),
        date: tunecalc::date::parse("2026-11-27").expect("date"),
        stale_days: 90,
    }
}

fn bundled(name: &str) -> Scenario {
    load(&scenarios_dir().join(format!("{name}.toml")), &ctx()).expect("bundled scenario is valid")
}

fn all_cases() -> Vec<Case> {
    let scenarios = tunecalc::scenario::load_all(&[scenarios_dir()], &ctx()).expect("valid");
    evaluate_all(scenarios).expect("evaluates")
}

const NAMES: &[&str] = &[
    "exercise",
    "growing-volume",
    "azure-hourly-hosting",
    "gemini-cached-prompt",
    "nova-micro",
    "openai-shutdown",
    "output-heavy",
    "retraining-nova-micro",
    "ticket-triage-gemini-flash-lite",
    "too-few-examples",
];

/// Reading a scenario: parse, fill from the catalog, check. The exercise is priced by hand;
/// the shutdown scenario takes six prices, the epochs rule and two dates from the catalog.
#[divan::bench(args = ["exercise", "openai-shutdown"])]
fn load_scenario(bencher: divan::Bencher, name: &str) {
    let path = scenarios_dir().join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).expect("bundled scenario");
    let ctx = ctx();
    bencher.bench(|| {
        tunecalc::scenario::parse_with(&path, divan::black_box(&text), &ctx).expect("valid")
    });
}

/// Parsing every built-in catalog file, as each run does once at start.
#[divan::bench]
fn parse_builtin_catalog() -> usize {
    tunecalc::catalog::Catalog::parse_builtin().entries().len()
}

#[divan::bench(args = NAMES)]
fn evaluate_scenario(bencher: divan::Bencher, name: &str) {
    let s = bundled(name);
    bencher.bench(|| evaluate(divan::black_box(&s)).expect("evaluates"));
}

#[divan::bench(args = [Kind::Cumulative, Kind::Volume, Kind::Sensitivity])]
fn curves_of_the_growing_scenario(bencher: divan::Bencher, kind: Kind) {
    let s = bundled("growing-volume");
    let eval = evaluate(&s).expect("evaluates");
    let case = [Case::new(s, eval)];
    bencher.bench(|| {
        plot(
            kind,
            divan::black_box(&case),
            rust_decimal::Decimal::new(2, 1),
        )
    });
}

#[divan::bench(sample_count = 20)]
fn html_report_of_the_bundled_scenarios(bencher: divan::Bencher) {
    let cases = all_cases();
    let date = tunecalc::date::parse("2026-11-27").expect("date");
    bencher.bench(|| {
        tunecalc::report::render(divan::black_box(&cases), Path::new("r.html"), date)
            .expect("renders")
    });
}

/// One Monte Carlo sample's worth of work through the engine's generic path, in `f64`.
#[divan::bench(args = ["growing-volume", "azure-hourly-hosting", "exercise"])]
fn outcome_in_f64(bencher: divan::Bencher, name: &str) {
    use rust_decimal::prelude::ToPrimitive;
    let s = bundled(name);
    let inputs = s.inputs.map(|d| d.to_f64().unwrap_or(0.0));
    let schedule = tunecalc::engine::outcome::Schedule {
        changes: Vec::new(),
        end: s.schedule.end.map(|d| d.to_f64().unwrap_or(0.0)),
    };
    let h = s.decision.horizon_months;
    bencher.bench(|| tunecalc::engine::outcome::outcome(divan::black_box(&inputs), &schedule, h));
}

/// 100,000 Monte Carlo samples (the default) of the benchmark model: six uncertain inputs,
/// compound growth and an hourly fee. `scripts/bench-montecarlo.sh` compares the whole process
/// with squigglepy.
#[divan::bench(sample_count = 10, args = [false, true])]
fn monte_carlo_100k(bencher: divan::Bencher, sensitivity: bool) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/montecarlo-bench.toml");
    let s = load(&path, &ctx()).expect("valid");
    let eval = evaluate(&s).expect("evaluates");
    let case = Case::new(s, eval);
    let settings = tunecalc::analysis::montecarlo::Settings {
        samples: 100_000,
        seed: 1,
        sensitivity,
        keep_inputs: sensitivity,
    };
    bencher
        .bench(|| tunecalc::analysis::montecarlo::assess(divan::black_box(&case), &settings, None));
}

/// "What would have to be true" for every input of a scenario: straight lines checked by exact
/// evaluations, bisection where the curve bends (growth in growing-volume).
#[divan::bench(args = ["exercise", "growing-volume", "nova-micro"])]
fn solve_every_input(bencher: divan::Bencher, name: &str) {
    let scenario = bundled(name);
    let case = Case::new(scenario.clone(), evaluate(&scenario).expect("evaluates"));
    bencher.bench(|| tunecalc::analysis::solve::solve(divan::black_box(&case), &[]));
}

/// A 25 × 25 sweep of the exercise: 625 exact evaluations on every core.
#[divan::bench]
fn sweep_25_by_25(bencher: divan::Bencher) {
    use rust_decimal::Decimal;
    use tunecalc::analysis::sweep::{sweep, Vary};
    use tunecalc::scenario::{inputs::Side, Key};
    let scenario = bundled("exercise");
    let case = Case::new(scenario.clone(), evaluate(&scenario).expect("evaluates"));
    let vary = [
        Vary {
            key: Key::CallsPerMonth,
            low: Decimal::from(1000),
            high: Decimal::from(1_000_000),
            steps: 25,
            log: true,
        },
        Vary {
            key: Key::PricePer1kCalls(Side::Prompting),
            low: Decimal::new(3, 2),
            high: Decimal::new(3, 1),
            steps: 25,
            log: false,
        },
    ];
    bencher.bench(|| sweep(divan::black_box(&case), &vary).expect("sweeps"));
}

/// The decision map of a scenario priced by tokens: 6,144 cells in f64 and 50 exact solves.
#[divan::bench(sample_count = 10)]
fn decision_map(bencher: divan::Bencher) {
    let scenario = bundled("nova-micro");
    let mut case = Case::new(scenario.clone(), evaluate(&scenario).expect("evaluates"));
    case.solutions = tunecalc::analysis::solve::solve(&case, &[]);
    bencher.bench(|| {
        plot(
            Kind::Map,
            std::slice::from_ref(&case),
            rust_decimal::Decimal::ONE,
        )
    });
}

/// `data check` on the bundled training file (240 examples, exact o200k_base counts), the
/// tokenizer already loaded: the per-file cost a scenario with `dataset = …` pays.
#[divan::bench(sample_count = 20)]
fn data_check_bundled_file(bencher: divan::Bencher) {
    let file = scenarios_dir().join("data/ticket-triage.jsonl");
    let opts = tunecalc::dataset::Options {
        max_errors: 50,
        ..Default::default()
    };
    // Load the encoding once, outside the timing.
    tunecalc::dataset::check(&file, &opts, None).expect("checks");
    bencher
        .bench(|| tunecalc::dataset::check(divan::black_box(&file), &opts, None).expect("checks"));
}
