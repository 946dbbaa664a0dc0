//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod fuzzing;

use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use tunecalc::engine::{evaluate, Case, Evaluation};

/// The longest any one run of the binary may take in a test: a run that takes longer is
/// killed and the test fails (a hang is a defect, never a slow test).
pub const LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The `tunecalc` binary, run from the project's root (so `scenarios/…` paths work), on
/// [`TODAY`], with no user catalog from the environment, and killed after [`LIMIT`]. Every
/// test runs the binary through this (tests/layering.rs checks it).
pub fn tunecalc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("tunecalc").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("TUNECALC_CATALOG")
        .env("TUNECALC_DATE", TODAY)
        .timeout(LIMIT);
    cmd
}

/// The built binary's path, for a shell line a test runs through [`limited`].
pub fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("tunecalc")
}

/// Any other program a test runs (bash, a browser), under the same [`LIMIT`].
pub fn limited(cmd: std::process::Command) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(LIMIT);
    cmd
}

/// [`tunecalc`] run from `dir`.
pub fn tunecalc_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = tunecalc();
    cmd.current_dir(dir);
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

/// TOML text as the JSON an editor's schema check sees: tables as objects, dates as their
/// text (`2026-12-01`). `None` when the text is not TOML.
pub fn toml_as_json(text: &str) -> Option<serde_json::Value> {
    fn convert(v: &toml::Value) -> serde_json::Value {
        use serde_json::Value as J;
        match v {
            toml::Value::String(s) => J::String(s.clone()),
            toml::Value::Integer(i) => J::from(*i),
            toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            toml::Value::Boolean(b) => J::Bool(*b),
            toml::Value::Datetime(d) => J::String(d.to_string()),
            toml::Value::Array(a) => J::Array(a.iter().map(convert).collect()),
            toml::Value::Table(t) => {
                J::Object(t.iter().map(|(k, v)| (k.clone(), convert(v))).collect())
            }
        }
    }
    let table: toml::Table = toml::from_str(text).ok()?;
    Some(convert(&toml::Value::Table(table)))
}

/// A validator for the scenario schema `tunecalc schema` prints (built-in catalog), compiled
/// once per test binary.
pub fn schema_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema = tunecalc::scenario::schema::schema(tunecalc::catalog::Catalog::builtin());
        jsonschema::draft7::new(&schema).expect("the schema compiles")
    })
}

/// What the schema says about scenario text: `Ok` or the places and messages it flags.
pub fn schema_check(text: &str) -> Result<(), Vec<String>> {
    let json = toml_as_json(text).ok_or_else(|| vec!["not TOML".to_string()])?;
    let errors: Vec<String> = schema_validator()
        .iter_errors(&json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
