//! `tunecalc schema`: the JSON Schema an editor (taplo, Even Better TOML) checks scenarios
//! with. It must pass every scenario tunecalc reads (an editor that flags a good file is worse
//! than none) and catch what people get wrong: unknown keys, a job priced twice, a missing
//! price or name.

use predicates::prelude::*;
use tunecalc::scenario::raw::TABLE_KEYS;

mod common;
use common::{schema_check, tunecalc};

/// Whether tunecalc itself reads the text (evaluated on the tests' day, files relative to the
/// bundled scenarios).
fn loads(text: &str) -> bool {
    let path = common::scenarios_dir().join("schema-test.toml");
    tunecalc::scenario::parse_with(&path, text, &common::ctx()).is_ok()
}

use common::EXERCISE;

#[test]
fn the_schema_is_valid_draft_7_and_the_bundled_copy_is_current() {
    let schema = tunecalc::scenario::schema::schema(tunecalc::catalog::Catalog::builtin());
    assert!(jsonschema::meta::is_valid(&schema));
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // The copy .taplo.toml points editors at must be what this version prints.
    let printed = tunecalc().arg("schema").output().expect("runs").stdout;
    let committed =
        std::fs::read(common::scenarios_dir().join("tunecalc.schema.json")).expect("committed");
    assert!(
        printed == committed,
        "scenarios/tunecalc.schema.json is stale: run `cargo run -- schema -o scenarios/tunecalc.schema.json`"
    );
    let parsed: serde_json::Value = serde_json::from_slice(&printed).expect("JSON");
    assert_eq!(parsed, schema);
}

#[test]
fn every_bundled_scenario_and_every_starter_passes() {
    let mut checked = 0;
    for entry in std::fs::read_dir(common::scenarios_dir()).expect("scenarios") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).expect("read");
            assert_eq!(schema_check(&text), Ok(()), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} bundled scenarios");
    assert_eq!(
        schema_check(&tunecalc::starter::starter("ticket triage")),
        Ok(())
    );
    // A starter for every catalog model, the retired ones included.
    for entry in tunecalc::catalog::Catalog::builtin()
        .entries()
        .iter()
        .filter(|e| e.tunable)
    {
        let text = tunecalc::starter::starter_for("triage", entry);
        assert_eq!(schema_check(&text), Ok(()), "starter for {}", entry.id);
        // And it evaluates as written: prices the catalog lacks are placeholders in the file.
        assert!(
            loads(&text),
            "tunecalc refuses the starter for {}",
            entry.id
        );
    }
}

/// The schema flags `text` at `place` (a JSON pointer such as `/training/cost_per_example`),
/// and tunecalc refuses it too.
fn flagged(text: &str, place: &str) {
    assert!(!loads(text), "tunecalc reads it:\n{text}");
    let errors = schema_check(text).expect_err("the schema flags it");
    assert!(
        errors.iter().any(|e| e.starts_with(&format!("{place}:"))),
        "expected an error at {place}, got {errors:?}"
    );
}

#[test]
fn the_exercise_passes_and_each_mistake_is_flagged_where_it_is() {
    assert!(loads(EXERCISE));
    assert_eq!(schema_check(EXERCISE), Ok(()));

    // Unknown keys, at the top and in a table, and a key in the wrong table.
    flagged(&format!("bogus = 1\n{EXERCISE}"), "");
    flagged(
        &EXERCISE.replace("calls_per_month", "calls_per_mnth"),
        "/usage",
    );
    flagged(
        &EXERCISE.replace(
            "price_per_1k_calls = \"0.05\"",
            "price_per_1k_calls = \"0.05\"\nhosting_per_hour = \"1.70\"",
        ),
        "/prompting",
    );
    // Two training prices: the second is marked where it is written.
    flagged(
        &EXERCISE.replace(
            "cost = \"20\"",
            "cost = \"20\"\ncost_per_example = \"0.10\"",
        ),
        "/training/cost_per_example",
    );
    // No price for the job, and no catalog model to give one.
    flagged(&EXERCISE.replace("cost = \"20\"\n", ""), "/training");
    // No name.
    flagged(&EXERCISE.replace("name = \"exercise\"\n", ""), "");
    // A call priced both ways; hosting priced both ways.
    flagged(
        &EXERCISE.replace(
            "price_per_1k_calls = \"0.02\"",
            "price_per_1k_calls = \"0.02\"\ninput_tokens = 200",
        ),
        "/tuned/input_tokens",
    );
    flagged(
        &EXERCISE.replace(
            "price_per_1k_calls = \"0.02\"",
            "price_per_1k_calls = \"0.02\"\nhosting_per_month = \"5\"\nhosting_per_hour = \"1\"",
        ),
        "/tuned/hosting_per_hour",
    );
    // Growth of 5 would be 500 % a month; a negative price; a horizon past 1,200 months;
    // a percent where a fraction is not expected; a currency that is not a code.
    flagged(
        &EXERCISE.replace(
            "calls_per_month = 10000",
            "calls_per_month = 10000\nmonthly_growth = 5",
        ),
        "/usage/monthly_growth",
    );
    flagged(
        &EXERCISE.replace("\"0.02\"", "\"-0.02\""),
        "/tuned/price_per_1k_calls",
    );
    flagged(
        &format!("{EXERCISE}[decision]\nhorizon_months = 1201\n"),
        "/decision/horizon_months",
    );
    flagged(
        &EXERCISE.replace("cost = \"20\"", "cost = \"20%\""),
        "/training/cost",
    );
    flagged(&format!("currency = \"dollars\"\n{EXERCISE}"), "/currency");
    // The same mistakes written as strings: "5" is 500 % too, 1.5 months is not whole, and a
    // name may not hide a control character.
    flagged(
        &EXERCISE.replace(
            "calls_per_month = 10000",
            "calls_per_month = 10000\nmonthly_growth = \"5\"",
        ),
        "/usage/monthly_growth",
    );
    flagged(
        &EXERCISE.replace(
            "cost = \"20\"",
            "cost = \"20\"\nretrain_every_months = \"1.5\"",
        ),
        "/training/retrain_every_months",
    );
    flagged(
        &EXERCISE.replace("name = \"exercise\"", "name = \"exer\\u001b[2Jcise\""),
        "/name",
    );
    // A range where a count you choose belongs, and a distribution tunecalc does not know.
    flagged(
        &format!("{EXERCISE}[decision]\nhorizon_months = \"12 to 24\"\n"),
        "/decision/horizon_months",
    );
    flagged(
        &EXERCISE.replace(
            "calls_per_month = 10000",
            "calls_per_month = \"poisson(10000)\"",
        ),
        "/usage/calls_per_month",
    );
}

#[test]
fn a_catalog_model_may_price_the_job_and_the_calls() {
    let text = r#"
name = "priced from the catalog"
[training]
examples = 1000
tokens_per_example = 400
[usage]
calls_per_month = 100000
start = 2026-12-01
[prompting]
input_tokens = 2000
output_tokens = 200
[tuned]
model = "openai/gpt-4.1-mini-2025-04-14"
input_tokens = 200
"#;
    assert!(loads(text));
    assert_eq!(schema_check(text), Ok(()));
    // Without the model, the same file has no price for the job or the tokens.
    let bare = text.replace("model = \"openai/gpt-4.1-mini-2025-04-14\"\n", "");
    assert!(!loads(&bare));
    assert!(schema_check(&bare).is_err());
}

/// Values people write, right and wrong: plain and string numbers, percents, ranges and
/// distributions in any letter case, dates, flags, text.
const VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "0.5",
    "0.05",
    "200",
    "744",
    "745",
    "1200",
    "1e-3",
    "1e30",
    "\"0.05\"",
    "\"1_000\"",
    "\"2.5e-3\"",
    "\"5%\"",
    "\"-5%\"",
    "\"12.5 %\"",
    "\"-0\"",
    "\"+3\"",
    "\".5\"",
    "\"5.\"",
    "\" 7 \"",
    "\"3 to 8\"",
    "\"20% to 40%\"",
    "\"uniform(3, 8)\"",
    "\"Normal(5, 1)\"",
    "\"normal(0.05, 0.01)\"",
    "\"triangular(1, 2, 5)\"",
    "\"PERT(1,2,5)\"",
    "\"uniform(-1%, 3%)\"",
    "\"2026-12\"",
    "2026-12-01",
    "\"2026-12-01\"",
    "true",
    "false",
    "\"USD\"",
    "\"Support bot\"",
    "\"openai/gpt-4.1-mini-2025-04-14\"",
    "\"google/gemini-2.5-flash-lite\"",
    "\"data/ticket-triage.jsonl\"",
    "\"5\"",
    "\"0.8\"",
    "\"80\"",
    "\"1\"",
    "\"2.0\"",
    "\"1.5\"",
    "\"1e2\"",
    "\"5e-2\"",
    "\"-30%\"",
    "\"30 %\"",
    "\"-0.3\"",
    "\"tab\\there\"",
    "\"line\\nbreak\"",
    "\"zero\\u200Bwidth\"",
];

/// Every key of every table set to every value in [`VALUES`] (and removed), in three bundled
/// scenarios priced three ways: whatever tunecalc reads, the schema passes.
#[test]
fn whatever_tunecalc_reads_the_schema_passes() {
    let values: Vec<toml::Value> = VALUES
        .iter()
        .map(|v| {
            let t: toml::Table = toml::from_str(&format!("v = {v}")).expect("a TOML value");
            t["v"].clone()
        })
        .collect();
    let mut read = 0;
    let mut wrongly_flagged = Vec::new();
    for file in [
        "exercise.toml",
        "uncertain-support-bot.toml",
        "openai-shutdown.toml",
        "dataset-ticket-triage.toml",
    ] {
        let text = std::fs::read_to_string(common::scenarios_dir().join(file)).expect("read");
        let base: toml::Table = toml::from_str(&text).expect("TOML");
        for (table, keys) in TABLE_KEYS {
            for key in *keys {
                for value in values.iter().map(Some).chain([None]) {
                    let mut doc = base.clone();
                    let slot = if table.is_empty() {
                        Some(&mut doc)
                    } else {
                        doc.get_mut(*table).and_then(|t| t.as_table_mut())
                    };
                    let Some(slot) = slot else { continue };
                    match value {
                        Some(v) => slot.insert((*key).to_string(), v.clone()),
                        None => slot.remove(*key),
                    };
                    let changed = toml::to_string(&doc).expect("serialises");
                    if loads(&changed) {
                        read += 1;
                        if let Err(e) = schema_check(&changed) {
                            wrongly_flagged
                                .push(format!("{file}: [{table}] {key} = {value:?}: {e:?}"));
                        }
                    }
                }
            }
        }
    }
    assert!(read > 500, "only {read} variants were read by tunecalc");
    assert!(
        wrongly_flagged.is_empty(),
        "{} of {read} files tunecalc reads are flagged by the schema:\n{}",
        wrongly_flagged.len(),
        wrongly_flagged[..wrongly_flagged.len().min(20)].join("\n")
    );
}

/// A rank correlation between two ranges, written every way in [`VALUES`]: whatever tunecalc
/// reads, the schema passes.
#[test]
fn correlations_tunecalc_reads_pass_the_schema() {
    let text = std::fs::read_to_string(common::scenarios_dir().join("uncertain-support-bot.toml"))
        .expect("read");
    let mut read = 0;
    for value in VALUES {
        for pair in [
            "usage.calls_per_month ~ training.cost_per_example",
            " usage.calls_per_month~usage.monthly_growth ",
            "tuned.input_tokens ~ training.setup_cost",
            "usage.calls_per_month ~ usage.calls_per_month",
            "usage.calls_per_month ~ prompting.input_tokens",
        ] {
            let changed = format!("{text}\n[correlations]\n\"{pair}\" = {value}\n");
            if loads(&changed) {
                read += 1;
                assert_eq!(schema_check(&changed), Ok(()), "\"{pair}\" = {value}");
            }
        }
    }
    assert!(read >= 10, "only {read} correlations were read");
}

#[test]
fn new_names_the_schema_on_its_first_line_and_writes_it_beside_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let schema = tunecalc().arg("schema").output().expect("runs").stdout;
    let new = |name: &str| {
        let mut cmd = tunecalc();
        cmd.current_dir(dir.path()).args(["new", name]);
        cmd
    };
    new("triage")
        .assert()
        .success()
        .stdout(predicate::str::contains("and tunecalc.schema.json"));
    let starter = std::fs::read_to_string(dir.path().join("triage.toml")).expect("starter");
    assert_eq!(
        starter.lines().next(),
        Some("#:schema ./tunecalc.schema.json")
    );
    let beside = dir.path().join("tunecalc.schema.json");
    assert_eq!(std::fs::read(&beside).expect("schema written"), schema);

    // A second starter finds the schema there and says nothing of it.
    new("billing")
        .assert()
        .success()
        .stdout(predicate::str::contains("schema").not());
    // A schema from another version is left alone, with a note saying how to refresh it.
    std::fs::write(&beside, "{}").expect("older schema");
    new("support")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "refresh it with `tunecalc schema -o tunecalc.schema.json`",
        ));
    assert_eq!(std::fs::read_to_string(&beside).expect("kept"), "{}");
}

#[test]
fn schema_writes_a_file_whole_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("tunecalc.schema.json");
    tunecalc()
        .args(["schema", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("Wrote"));
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(written["title"], "tunecalc scenario, version 1");
    // Every catalog model is offered where a model is named.
    let ids = written["definitions"]["prompting"]["properties"]["model"]["examples"]
        .as_array()
        .expect("model ids")
        .len();
    assert_eq!(ids, tunecalc::catalog::Catalog::builtin().entries().len());
    // A folder that does not exist: exit 1 naming it, nothing written.
    tunecalc()
        .args(["schema", "-o"])
        .arg(dir.path().join("missing/s.json"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing"));
}
