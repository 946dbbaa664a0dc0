//! Fuzzing in the repository, on stable Rust: mutated and structure-aware scenarios, catalog
//! files and training-data lines go through loading, evaluation, solve, Monte Carlo, every
//! renderer, the charts and a report; any panic fails the test and prints the input that
//! caused it. Errors are fine (bad input must be refused); panics and hangs are not.
//!
//! Deterministic: case `n` is generated from a ChaCha8 stream seeded with `n`, so a failure
//! names the case to rerun. The default budget is small enough for every CI run; a long run:
//!
//! ```sh
//! FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod common;

use common::fuzzing::{bundled_texts, cases, mutate, run_cases};

/// Cases that got past parsing into the engine (reported, so a harness that only ever feeds
/// the parser is noticed).
static EVALUATED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Everything a scenario goes through; errors are fine, panics are not.
fn exercise_scenario(path: &Path, text: &str, charts: bool) {
    use tunecalc::analysis::{plot, Kind};
    let ctx = common::ctx();
    let Ok(scenario) = tunecalc::scenario::parse_with(path, text, &ctx) else {
        return;
    };
    let Ok(eval) = tunecalc::engine::evaluate(&scenario) else {
        return;
    };
    EVALUATED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut case = tunecalc::engine::Case::new(scenario, eval);
    case.solutions = tunecalc::analysis::solve::solve(&case, &[]);
    let settings = tunecalc::analysis::montecarlo::Settings {
        samples: 200,
        seed: 1,
        sensitivity: true,
        keep_inputs: true,
    };
    case.uncertainty = tunecalc::analysis::montecarlo::assess(&case, &settings, None);
    let cases = std::slice::from_ref(&case);
    use tunecalc::render::{render, table::Paint, Format};
    for format in [Format::Table, Format::Markdown, Format::Json, Format::Csv] {
        let _ = render(format, cases, Some(80), Paint(false));
    }
    let _ = tunecalc::render::explain::render(&case);
    let _ = tunecalc::render::solve::json(cases);
    if charts {
        let swing = rust_decimal::Decimal::new(2, 1);
        for kind in [Kind::Cumulative, Kind::Volume, Kind::Sensitivity, Kind::Map] {
            if let Ok(p) = plot(kind, cases, swing) {
                let _ = tunecalc::chart::render_svg(&p, cases, (640, 400));
            }
        }
        let _ = tunecalc::report::render(
            cases,
            Path::new("r.html"),
            tunecalc::date::parse(common::TODAY).expect("date"),
        );
    }
}

#[test]
fn mutated_scenarios_never_panic() {
    let texts = bundled_texts();
    run_cases("scenarios", &EVALUATED, move |case| {
        let mut rng = ChaCha8Rng::seed_from_u64(case);
        let (path, base) = &texts[(case % texts.len() as u64) as usize];
        let mut text = base.clone();
        for _ in 0..=(rng.next_u64() % 4) {
            text = mutate(&text, &mut rng);
        }
        let result = catch_unwind(AssertUnwindSafe(|| {
            exercise_scenario(path, &text, case % 8 == 0)
        }));
        if result.is_err() {
            eprintln!(
                "--- case {case} ({}) panicked on:\n{text}\n---",
                path.display()
            );
            std::panic::resume_unwind(Box::new("panic"));
        }
    });
}

/// The editor's schema never flags a file tunecalc reads: mutated scenarios that load must
/// pass `tunecalc schema` (tests/schema.rs checks the other direction on purpose-made mistakes).
#[test]
fn mutated_scenarios_tunecalc_reads_pass_the_schema() {
    let texts = bundled_texts();
    let ctx = common::ctx();
    let (mut read, mut flagged) = (0u64, Vec::new());
    for case in 0..cases() {
        let mut rng = ChaCha8Rng::seed_from_u64(case);
        let (path, base) = &texts[(case % texts.len() as u64) as usize];
        let mut text = base.clone();
        for _ in 0..=(rng.next_u64() % 4) {
            text = mutate(&text, &mut rng);
        }
        if tunecalc::scenario::parse_with(path, &text, &ctx).is_ok() {
            read += 1;
            if let Err(errors) = common::schema_check(&text) {
                flagged.push(format!(
                    "case {case} ({}): {errors:?}\n{text}",
                    path.display()
                ));
            }
        }
    }
    eprintln!(
        "schema: {read} mutated scenarios read by tunecalc, {} flagged",
        flagged.len()
    );
    assert!(read > 0);
    assert!(
        flagged.is_empty(),
        "{}",
        flagged[..flagged.len().min(3)].join("\n---\n")
    );
}

#[test]
fn mutated_catalog_files_never_panic() {
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/openai.toml"))
            .expect("catalog");
    let dir = tempfile::tempdir().expect("dir");
    run_cases("catalog files", &EVALUATED, move |case| {
        let mut rng = ChaCha8Rng::seed_from_u64(case);
        let mut text = base.clone();
        for _ in 0..=(rng.next_u64() % 4) {
            text = mutate(&text, &mut rng);
        }
        let path = dir.path().join(format!("c{case}.toml"));
        std::fs::write(&path, &text).expect("write");
        let result = catch_unwind(AssertUnwindSafe(|| {
            if let Ok(catalog) =
                tunecalc::catalog::Catalog::with_files(None, std::slice::from_ref(&path))
            {
                let date = tunecalc::date::parse(common::TODAY).expect("date");
                let entries: Vec<&tunecalc::catalog::Entry> = catalog.entries().iter().collect();
                let _ = tunecalc::render::models::json(&entries, date);
                let _ = tunecalc::render::models::table(&entries, date, Some(100), 90);
            }
        }));
        if result.is_err() {
            eprintln!("--- case {case} panicked on:\n{text}\n---");
            std::panic::resume_unwind(Box::new("panic"));
        }
    });
}

#[test]
fn mutated_training_lines_never_panic() {
    let base = std::fs::read_to_string(common::scenarios_dir().join("data/ticket-triage.jsonl"))
        .expect("dataset");
    let lines: Vec<String> = base.lines().take(8).map(str::to_string).collect();
    let dir = tempfile::tempdir().expect("dir");
    let dialects = [
        None,
        Some(tunecalc::dataset::dialect::Dialect::Openai),
        Some(tunecalc::dataset::dialect::Dialect::Vertex),
        Some(tunecalc::dataset::dialect::Dialect::Nova),
        Some(tunecalc::dataset::dialect::Dialect::Gemini),
    ];
    run_cases("training lines", &EVALUATED, move |case| {
        let mut rng = ChaCha8Rng::seed_from_u64(case);
        let mut text = lines.join("\n");
        for _ in 0..=(rng.next_u64() % 6) {
            text = mutate(&text, &mut rng);
        }
        let path = dir.path().join(format!("t{case}.jsonl"));
        std::fs::write(&path, &text).expect("write");
        let opts = tunecalc::dataset::Options {
            dialect: dialects[(case % dialects.len() as u64) as usize],
            max_errors: 50,
            ..Default::default()
        };
        let result = catch_unwind(AssertUnwindSafe(|| {
            if let Ok(report) = tunecalc::dataset::check(&path, &opts, None) {
                let reports = std::slice::from_ref(&report);
                let _ = tunecalc::render::dataset::text(reports);
                let _ = tunecalc::render::dataset::json(reports);
            }
        }));
        if result.is_err() {
            eprintln!("--- case {case} panicked on:\n{text}\n---");
            std::panic::resume_unwind(Box::new("panic"));
        }
    });
}

/// Inputs the long fuzz runs found panicking, kept as regressions: a growth range near a
/// decimal's limit (its percent did not fit), and ranges whose medians multiplied past it.
#[test]
fn found_by_fuzzing_ranges_at_a_decimals_limit_are_errors_or_figures() {
    for usage in [
        "calls_per_month = 10000\nmonthly_growth = \"1 to 1e27\"",
        "calls_per_month = \"triangular(1, 1e15, 1e16)\"",
        "calls_per_month = \"pert(1, 1e27, 7e28)\"",
        "calls_per_month = \"uniform(7e28, 7.9e28)\"",
        "calls_per_month = \"-7e28 to 7.9e28\"",
        // The suggestion for a normal reaching below 0 doubled its median (found reviewing
        // the overflow above).
        "calls_per_month = \"normal(6e28, 5e28)\"",
        "calls_per_month = \"6e28 +- 5e28\"",
        "calls_per_month = 10000\nmonthly_growth = \"normal(7.9e26%, 5e26%)\"",
    ] {
        let text = common::EXERCISE.replace("calls_per_month = 10000", usage);
        let value = usage;
        let path = Path::new("fuzz-regression.toml");
        let result = catch_unwind(AssertUnwindSafe(|| exercise_scenario(path, &text, true)));
        assert!(result.is_ok(), "{value} panicked");
    }
}

#[test]
#[should_panic(expected = "case 2 ran past")]
fn the_harness_fails_a_case_that_hangs() {
    // The in-process harness once could not see a hang: a case that never ends must fail the
    // test, naming it, within its limit.
    static NONE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    common::fuzzing::run_cases_within(
        "hang",
        &NONE,
        4,
        std::time::Duration::from_millis(200),
        |case| {
            if case == 2 {
                std::thread::sleep(std::time::Duration::from_secs(5));
            }
        },
    );
}
