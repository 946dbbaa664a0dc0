//! Helpers shared by the integration tests.
#![allow(dead_code)]

use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use tunecalc::engine::{evaluate, Case, Evaluation};

/// The `tunecalc` binary, run from the project's root (so `scenarios/…` paths work), on
/// [`TODAY`] and with no user catalog from the environment.
pub fn tunecalc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("tunecalc").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("TUNECALC_CATALOG")
        .env("TUNECALC_DATE", TODAY);
    cmd
}

/// A decimal from a literal in a test.
pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal literal")
}

/// The day the tests evaluate on (the catalog's dates are judged against it).
pub const TODAY: &str = "2026-11-27";

/// The built-in catalog, evaluated on [`TODAY`].
pub fn ctx() -> tunecalc::scenario::Context<'static> {
    tunecalc::scenario::Context {
        catalog: tunecalc::catalog::Catalog::builtin(),
        date: tunecalc::date::parse(TODAY).expect("a date"),
        stale_days: tunecalc::scenario::DEFAULT_STALE_DAYS,
    }
}

/// Parses scenario text on [`TODAY`].
pub fn scenario(toml: &str) -> tunecalc::scenario::Scenario {
    tunecalc::scenario::parse_with(Path::new("test.toml"), toml, &ctx()).expect("valid scenario")
}

/// Parses and evaluates scenario text.
pub fn eval(toml: &str) -> Evaluation {
    evaluate(&scenario(toml)).expect("evaluates")
}

/// Parses and evaluates scenario text into the case every output receives.
pub fn case(toml: &str) -> Case {
    let scenario = scenario(toml);
    let eval = evaluate(&scenario).expect("evaluates");
    Case::new(scenario, eval)
}

/// One bundled scenario, evaluated.
pub fn bundled_case(file: &str) -> Case {
    let scenario = tunecalc::scenario::load(&scenarios_dir().join(file), &ctx()).expect("valid");
    let eval = evaluate(&scenario).expect("evaluates");
    Case::new(scenario, eval)
}

/// Every bundled scenario, evaluated, in file-name order.
pub fn bundled() -> Vec<Case> {
    let mut names: Vec<String> = std::fs::read_dir(scenarios_dir())
        .expect("scenarios")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names.iter().map(|n| bundled_case(n)).collect()
}

/// The bundled scenarios directory.
pub fn scenarios_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// The classic exercise with extra TOML lines appended to its tables.
pub const EXERCISE: &str = r#"
name = "exercise"
[training]
examples = 200
cost = "20"
[usage]
calls_per_month = 10000
[prompting]
price_per_1k_calls = "0.05"
[tuned]
price_per_1k_calls = "0.02"
"#;
