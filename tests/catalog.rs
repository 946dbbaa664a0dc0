//! Scenarios priced from the catalog, as a user runs them: the figures worked by hand from the
//! catalog's prices, the dates that end a payback, and the mistakes a catalog or scenario can
//! hold. Every run is on 2026-11-27 unless the test says otherwise.

mod common;

use common::tunecalc;

use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

/// `tunecalc run … --format json` on `text` (standard input), extra arguments appended; the
/// first scenario's object.
fn json_of(text: &str, args: &[&str]) -> Value {
    let out = tunecalc()
        .args(["run", "-", "--format", "json"])
        .args(args)
        .write_stdin(text.to_string())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    doc["scenarios"][0].clone()
}

fn json_of_file(file: &str, args: &[&str]) -> Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .expect("bundled scenario");
    json_of(&text, args)
}

/// The decimal string of a JSON figure, parsed for comparison to a few places.
fn num(v: &Value) -> f64 {
    v.as_str()
        .map(|s| s.parse::<f64>().expect("a decimal string"))
        .or_else(|| v.as_f64())
        .unwrap_or_else(|| panic!("not a number: {v}"))
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|t| t.as_str().expect("text").to_string())
        .collect()
}

/// Runs `tunecalc run` on `text` expecting bad input: exit 2, nothing on stdout; the message.
fn refused(text: &str, args: &[&str]) -> String {
    let out = tunecalc()
        .args(["run", "-"])
        .args(args)
        .write_stdin(text.to_string())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no partial output");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(!err.contains("panicked"), "{err}");
    err
}

const SHUTDOWN: &str = "scenarios/openai-shutdown.toml";

#[test]
fn gpt_41_mini_from_december_tells_the_truth_about_the_shutdown() {
    // Catalog: training $5 per 1M, tuned $0.80 / $3.20, base $0.40 / $1.60; retires 2027-01-14.
    // Training: 1,000 × 400 tokens × 3 epochs (OpenAI's rule for 1,000 examples) = 1.2M → $6.
    // Per call: prompting (3,000 × 0.40 + 50 × 1.60) / 1M = $0.00128; tuned (150 × 0.80 +
    // 50 × 3.20) / 1M = $0.00028; $0.001 saved × 200,000 calls = $200 a month.
    // Month 1 starts 2026-12-01; the model stops 1 month and 13 of January's 31 days later:
    // 44/31 months. Savings 200 × 44/31 = $283.87; net 283.87 − 506 = −$222.13.
    let s = json_of_file(SHUTDOWN, &[]);
    assert_eq!(s["training_cost"], "6");
    assert_eq!(s["training_tokens"], 1_200_000);
    assert_eq!(s["upfront_cost"], "506");
    assert_eq!(s["prompting_cost_per_call"], "0.00128");
    assert_eq!(s["tuned_cost_per_call"], "0.00028");
    assert_eq!(s["savings_per_month"], "200");
    assert_eq!(
        s["payback_months"],
        Value::Null,
        "no payback before the shutdown"
    );
    assert!((num(&s["target_window_months"]) - 44.0 / 31.0).abs() < 1e-12);
    assert!((num(&s["savings_over_horizon"]) - 8800.0 / 31.0).abs() < 1e-9);
    assert!((num(&s["net_savings_at_horizon"]) - (8800.0 / 31.0 - 506.0)).abs() < 1e-9);
    // 506 / (44/31) / 0.001 = 356,500 calls a month would pay back before the shutdown.
    assert_eq!(s["calls_per_month_for_target"], 356_500);
    assert_eq!(s["verdict"], "stay_with_prompting");
    let reasons = texts(&s["reasons"]);
    assert!(
        reasons[0].contains("after 2.53 months")
            && reasons[0].contains("retires on 2027-01-14, 1.42 months in"),
        "{reasons:?}"
    );
    assert_eq!(s["tuned_model"], "openai/gpt-4.1-mini-2025-04-14");
    assert_eq!(s["start"], "2026-12-01");
}

#[test]
fn explain_says_where_every_price_came_from() {
    let out = tunecalc().args(["explain", SHUTDOWN]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(text.contains(
        "Prices from the catalog: openai/gpt-4.1-mini-2025-04-14 (checked 2026-11-27, primary source:"
    ));
    assert!(text.contains("takes no new tuning jobs after 2027-01-06"));
    assert!(text.contains("stop serving on 2027-01-14"));
    // Long lines fold at spaces: compare the words.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("3 is the provider's automatic choice for 1,000 examples"));
    // JSON lists each price with its entry and the entry's field.
    let s = json_of_file(SHUTDOWN, &[]);
    let sources = s["sources"].as_array().expect("a list");
    let training = sources
        .iter()
        .find(|x| x["input"] == "training.price_per_1m_tokens")
        .expect("the training price's source");
    assert_eq!(training["from"], "catalog");
    assert_eq!(training["entry"], "openai/gpt-4.1-mini-2025-04-14");
    assert_eq!(training["entry_field"], "training_price_per_1m_tokens");
    assert_eq!(training["checked"], "2026-11-27");
    let setup = sources
        .iter()
        .find(|x| x["input"] == "training.setup_cost")
        .expect("the setup cost's source");
    assert_eq!(setup["from"], "scenario");
}

/// A gpt-4.1-mini scenario with `examples` examples of `tokens` tokens and no epochs.
fn openai_auto(examples: u32, tokens: u32) -> String {
    format!(
        "name = \"epochs\"\n[training]\nexamples = {examples}\ntokens_per_example = {tokens}\n\
         [usage]\ncalls_per_month = 1000\nstart = \"2026-12\"\n\
         [prompting]\ninput_tokens = 1000\noutput_tokens = 10\n\
         [tuned]\nmodel = \"openai/gpt-4.1-mini-2025-04-14\"\ninput_tokens = 100\n"
    )
}

#[test]
fn openai_epochs_rule_raises_epochs_for_few_examples_and_lowers_them_for_many() {
    // 20 examples: 3 × 20 = 60 < 100, so min(25, 100 / 20) = 5 epochs.
    // 20 × 1,000 × 5 = 100,000 tokens × $5 / 1M = $0.50.
    let s = json_of(&openai_auto(20, 1000), &[]);
    assert_eq!(s["training_tokens"], 100_000);
    assert_eq!(num(&s["training_cost"]), 0.5);
    // 10,000 examples: 3 × 10,000 = 30,000 > 25,000, so max(1, 25,000 / 10,000) = 2 epochs.
    // 10,000 × 500 × 2 = 10M tokens × $5 / 1M = $50.
    let s = json_of(&openai_auto(10_000, 500), &[]);
    assert_eq!(s["training_tokens"], 10_000_000);
    assert_eq!(num(&s["training_cost"]), 50.0);
    // 1,000 examples: the usual 3. 1,000 × 500 × 3 = 1.5M × $5 = $7.50.
    let s = json_of(&openai_auto(1000, 500), &[]);
    assert_eq!(num(&s["training_cost"]), 7.5);
}

#[test]
fn azure_bills_the_base_price_plus_hosting_for_720_hours() {
    // Catalog: tuned calls at the base price $0.40 / $1.60, $1.70 an hour; the scenario bills
    // 720 hours: 1.70 × 720 = $1,224 a month. Training 1,000 × 400 × 2 epochs = 800,000
    // tokens × $5 = $4, + $500 setup = $504.
    // Per call: (3,000 × 0.40 + 50 × 1.60) / 1M = $0.00128 vs (150 × 0.40 + 50 × 1.60) / 1M
    // = $0.00014; 200,000 calls save $228 on calls; 228 − 1,224 = −$996 a month.
    let s = json_of_file("scenarios/azure-hourly-hosting.toml", &[]);
    assert_eq!(s["hosting_per_month"], "1224");
    assert_eq!(s["training_cost"], "4");
    assert_eq!(s["upfront_cost"], "504");
    assert_eq!(s["tuned_cost_per_call"], "0.00014");
    assert_eq!(s["savings_per_month"], "-996");
    // Within 6 months: (504 / 6 + 1,224) / 0.00114 = 1,147,368.4… → 1,147,369 calls a month.
    assert_eq!(s["calls_per_month_for_target"], 1_147_369);
    // It saves (loses) until the deployment retires on 2027-10-14: 10 + 13/31 = 323/31
    // months of the 24; net −996 × 323/31 − 504.
    let net = -996.0 * 323.0 / 31.0 - 504.0;
    assert!(
        (num(&s["net_savings_at_horizon"]) - net).abs() < 1e-9,
        "{net}"
    );
    assert_eq!(s["verdict"], "stay_with_prompting");
}

#[test]
fn a_cached_prompt_cheaper_than_the_tuned_call_says_what_tuning_would_need() {
    // Cached prompt: (200 × 0.25 + 2,000 × 0.025 + 100 × 1.50) / 1M = $0.00025 a call;
    // tuned Gemini 3.1 Flash-Lite at 1.5× base: (200 × 0.375 + 100 × 2.25) / 1M = $0.0003.
    // Training: 800 × 1,500 × 3 = 3.6M tokens × $3 = $10.80.
    let s = json_of_file("scenarios/gemini-cached-prompt.toml", &[]);
    assert_eq!(s["prompting_cost_per_call"], "0.00025");
    assert_eq!(s["tuned_cost_per_call"], "0.0003");
    assert_eq!(num(&s["training_cost"]), 10.8);
    assert_eq!(s["verdict"], "stay_with_prompting");
    let reasons = texts(&s["reasons"]).join("\n");
    assert!(
        reasons.contains("on this model tuning pays only if it also shortens outputs, removes thinking tokens or enables a smaller model"),
        "{reasons}"
    );
}

/// Prompting priced by Gemini 3.8 Flash, whose introductory price doubles on 2027-01-01;
/// a tuned call at $0.50 per 1,000; a $100 job; 10,000 calls a month.
const PRICE_RISE: &str = r#"
name = "Price rise"
[training]
examples = 500
cost = "100"
[usage]
calls_per_month = 10000
start = "2026-12"
[prompting]
model = "google/gemini-3.8-flash"
input_tokens = 1000
output_tokens = 100
[tuned]
price_per_1k_calls = "0.5"
[decision]
horizon_months = 12
"#;

#[test]
fn a_dated_price_change_applies_from_the_first_month_after_it() {
    // December: (1,000 × 0.75 + 100 × 3.75) / 1M = $0.001125 a prompted call; saves
    // (0.001125 − 0.0005) × 10,000 = $6.25. From month 2 (2027-01-01): (1,000 × 1.50 +
    // 100 × 7.50) / 1M = $0.00225; saves $17.50 a month. Payback: 1 + (100 − 6.25) / 17.50
    // = 6.357142… months; 63,571.4… calls → 63,572. Net over 12: 6.25 + 11 × 17.50 − 100
    // = $98.75.
    let s = json_of(PRICE_RISE, &[]);
    assert_eq!(s["prompting_cost_per_call"], "0.001125");
    assert_eq!(s["savings_per_month"], "6.25");
    assert!((num(&s["payback_months"]) - (1.0 + 93.75 / 17.5)).abs() < 1e-12);
    assert_eq!(s["break_even_calls"], 63_572);
    assert_eq!(num(&s["net_savings_at_horizon"]), 98.75);
    // Least month-1 volume c within 12 months: c × (0.000625 + 11 × 0.00175) ≥ 100,
    // c ≥ 5,031.4… → 5,032.
    assert_eq!(s["calls_per_month_for_target"], 5032);
    // Evaluated from February 2027 the new price holds from month 1: 100 / 17.50 = 5.714…
    let later = PRICE_RISE.replace("start = \"2026-12\"\n", "");
    let s = json_of(&later, &["--date", "2027-02-01"]);
    assert_eq!(s["prompting_cost_per_call"], "0.00225");
    assert!((num(&s["payback_months"]) - 100.0 / 17.5).abs() < 1e-12);
    assert_eq!(s["start"], "2027-02-01");
    // explain shows the change and the month's figures.
    let out = tunecalc()
        .args(["explain", "-"])
        .write_stdin(PRICE_RISE)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(text.contains("From month 2 (2027-01-01) the catalog's prices change:"));
    assert!(text.contains(
        "From month 2: prompting $0.00225 a call, tuned $0.0005 a call, $0.00175 saved a call."
    ));
    assert!(text.contains("6 + (100 − 93.75) / 17.50 = 6.36 → 7 months"));
}

#[test]
fn a_start_after_training_closes_cannot_tune() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHUTDOWN))
        .expect("scenario")
        .replace("start = \"2026-12\"", "start = \"2027-02\"");
    let s = json_of(&text, &[]);
    assert_eq!(s["verdict"], "stay_with_prompting");
    let reasons = texts(&s["reasons"]);
    assert!(
        reasons[0].contains("no new tuning jobs after 2027-01-06")
            && reasons[0].contains("tuning is no longer possible"),
        "the closed door comes first: {reasons:?}"
    );
    assert_eq!(s["calls_per_month_for_target"], Value::Null);
    // The model is off before February: nothing is saved, the $506 is lost.
    assert_eq!(num(&s["net_savings_at_horizon"]), -506.0);
    // Starting on 2027-01-07, a day after tuning closes but a week before the model retires:
    // still no job, so no savings at all (not a week's worth).
    let text = text.replace("start = \"2027-02\"", "start = \"2027-01-07\"");
    let s = json_of(&text, &[]);
    assert_eq!(s["savings_over_horizon"], "0");
    assert_eq!(s["payback_months"], Value::Null);
    assert_eq!(s["cost_verdict"], "stay_with_prompting");
    assert_eq!(s["target_window_months"], "0");
}

#[test]
fn a_retired_model_still_evaluates_with_a_warning() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHUTDOWN))
        .expect("scenario")
        .replace("gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14")
        .replace("start = \"2026-12\"\n", "");
    let out = tunecalc()
        .args(["run", "-"])
        .write_stdin(text.clone())
        .assert()
        .success();
    let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    assert!(
        err.contains("openai/gpt-4.1-nano-2025-04-14 was retired on 2026-10-23"),
        "{err}"
    );
    let s = json_of(&text, &[]);
    assert_eq!(s["verdict"], "stay_with_prompting");
    assert!(texts(&s["warnings"])
        .iter()
        .any(|w| w.contains("was retired on 2026-10-23")));
    // Its tuning closed the same day: no job can be run, so nothing is saved.
    assert!(texts(&s["reasons"])[0].contains("no new tuning jobs after 2026-10-23"));
    assert_eq!(s["payback_months"], Value::Null);
    assert_eq!(s["savings_over_horizon"], "0");
}

#[test]
fn retraining_after_training_closes_is_a_warning() {
    // Azure stops taking jobs on 2027-04-14; retraining every 6 months from 2026-12-01 puts
    // jobs on 2027-06-01 (month 6) and 2027-12-01 (month 12), but the deployment retires on
    // 2027-10-14 (10.42 months in), so only the first is counted, and refused.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/azure-hourly-hosting.toml"),
    )
    .expect("scenario")
    .replace("[training]\n", "[training]\nretrain_every_months = 6\n");
    let s = json_of(&text, &[]);
    assert!(
        texts(&s["warnings"]).iter().any(|w| w.contains(
            "1 retraining job falls after azure/gpt-4.1-mini-2025-04-14 stops taking tuning jobs on 2027-04-14 (the first on 2027-06-01)"
        )),
        "{}",
        s["warnings"]
    );
    assert_eq!(s["retrains_in_horizon"], 1);
    // Every 3 months: jobs at months 3, 6 and 9 (2027-03-01, 06-01, 09-01) before the
    // retirement; the last two are refused.
    let quarterly = text.replace("retrain_every_months = 6", "retrain_every_months = 3");
    let s = json_of(&quarterly, &[]);
    assert_eq!(s["retrains_in_horizon"], 3);
    assert!(s["warnings"]
        .to_string()
        .contains("2 retraining jobs fall after azure/gpt-4.1-mini-2025-04-14 stops taking tuning jobs on 2027-04-14 (the first on 2027-06-01)"));
}

#[test]
fn runs_beyond_the_providers_concurrent_limit_come_in_waves() {
    // Azure runs 3 jobs at a time: 7 runs are 3 waves (3 + 3 + 1). Each run is paid:
    // 7 × $4 + $500 = $528 up front.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/azure-hourly-hosting.toml"),
    )
    .expect("scenario")
    .replace("[training]\n", "[training]\nruns = 7\n");
    let s = json_of(&text, &[]);
    assert_eq!(s["upfront_cost"], "528");
    assert!(
        texts(&s["warnings"])
            .iter()
            .any(|w| w
                .starts_with("7 runs at 3 at a time on azure/gpt-4.1-mini-2025-04-14: 3 waves")),
        "{}",
        s["warnings"]
    );
    // 3 runs fit in one wave: no warning.
    let three = text.replace("runs = 7", "runs = 3");
    assert!(!json_of(&three, &[])["warnings"]
        .to_string()
        .contains("waves"));
}

#[test]
fn prices_checked_long_before_the_evaluation_date_warn() {
    // Nova Micro's prices were checked on 2026-11-27. On 2027-02-25 that is 90 days (3 + 31
    // + 31 + 25): not yet stale. On 2027-02-26, 91 days: stale. On 2027-06-01, 186 days.
    let stale = |date: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--date", date];
        args.extend_from_slice(extra);
        texts(&json_of_file("scenarios/nova-micro.toml", &args)["warnings"])
            .into_iter()
            .filter(|w| w.contains("were checked on"))
            .collect()
    };
    assert!(stale("2027-02-25", &[]).is_empty());
    assert_eq!(
        stale("2027-02-26", &[]),
        ["the prices of bedrock/amazon.nova-micro-v1 were checked on 2026-11-27, 91 days before this evaluation; check them again (tunecalc models bedrock/amazon.nova-micro-v1)"]
    );
    assert!(stale("2027-06-01", &[])[0].contains(", 186 days before"));
    assert!(stale("2027-06-01", &["--stale-days", "200"]).is_empty());
    // TUNECALC_DATE stands in for today.
    let out = tunecalc()
        .env("TUNECALC_DATE", "2027-06-01")
        .args(["run", "scenarios/nova-micro.toml"])
        .assert()
        .success();
    let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    assert!(err.contains("186 days before this evaluation"), "{err}");
}

#[test]
fn needs_low_latency_adds_a_reason_from_the_tokens_saved_and_changes_no_figure() {
    // The tuned prompt is 3,000 + 50 − (150 + 50) = 2,850 tokens shorter.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHUTDOWN))
        .expect("scenario");
    let fast = text.replace("[decision]\n", "[decision]\nneeds_low_latency = true\n");
    let (a, b) = (json_of(&text, &[]), json_of(&fast, &[]));
    let latency: Vec<String> = texts(&b["reasons"])
        .into_iter()
        .filter(|r| !texts(&a["reasons"]).contains(r))
        .collect();
    assert_eq!(latency.len(), 1, "{latency:?}");
    assert!(latency[0].contains("2,850"), "{latency:?}");
    for key in [
        "net_savings_at_horizon",
        "savings_per_month",
        "calls_per_month_for_target",
        "verdict",
    ] {
        assert_eq!(a[key], b[key], "{key}");
    }
}

/// A user catalog file holding `body`, in a temp dir kept alive by the returned handle.
fn catalog_file(body: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("my-prices.toml");
    std::fs::write(&path, body).expect("write");
    (dir, path)
}

/// gpt-4.1-mini as a team's negotiated price: training at $10 instead of $5, no dates.
const NEGOTIATED: &str = r#"
[[model]]
id = "openai/gpt-4.1-mini-2025-04-14"
provider = "openai"
tunable = true
training_price_per_1m_tokens = "10.00"
tuned_input_per_1m = "0.80"
tuned_output_per_1m = "3.20"
base_input_per_1m = "0.40"
base_output_per_1m = "1.60"
default_epochs = "openai_auto"
source = "our contract, 2026-11"
evidence = "primary"
checked = "2026-11-20"
"#;

#[test]
fn a_user_catalog_replaces_the_built_in_entry_by_id() {
    let (_dir, path) = catalog_file(NEGOTIATED);
    // 1.2M training tokens × $10 = $12; with no retirement date the payback stands:
    // (12 + 500) / 200 = 2.56 months.
    let by_flag = json_of_file(SHUTDOWN, &["--catalog", path.to_str().expect("utf-8 path")]);
    assert_eq!(by_flag["training_cost"], "12");
    assert_eq!(by_flag["payback_months"], "2.56");
    assert_eq!(by_flag["verdict"], "tune");
    let training = by_flag["sources"]
        .as_array()
        .expect("list")
        .iter()
        .find(|x| x["input"] == "training.price_per_1m_tokens")
        .cloned()
        .expect("source");
    assert_eq!(training["checked"], "2026-11-20");
    // The same through the environment.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHUTDOWN))
        .expect("scenario");
    let out = tunecalc()
        .env("TUNECALC_CATALOG", &path)
        .args(["run", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["scenarios"][0]["training_cost"], "12");
    // models shows where the entry was read.
    tunecalc()
        .args(["models", "openai/gpt-4.1-mini-2025-04-14", "--catalog"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("our contract, 2026-11"))
        .stdout(predicate::str::contains("my-prices.toml"));
}

#[test]
fn a_scenario_key_overrides_the_catalog() {
    // A negotiated tuned input price of $0.60: tuned (150 × 0.60 + 50 × 3.20) / 1M = $0.00025.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHUTDOWN))
        .expect("scenario")
        .replace(
            "input_tokens = 150\n",
            "input_tokens = 150\ninput_price_per_1m_tokens = \"0.60\"\n",
        );
    let s = json_of(&text, &[]);
    assert_eq!(s["tuned_cost_per_call"], "0.00025");
    let source = s["sources"]
        .as_array()
        .expect("list")
        .iter()
        .find(|x| x["input"] == "tuned.input_price_per_1m_tokens")
        .cloned()
        .expect("source");
    assert_eq!(source["from"], "scenario");
}

#[test]
fn an_unknown_model_suggests_the_nearest_ids() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHUTDOWN))
        .expect("scenario")
        .replace("openai/gpt-4.1-mini-2025-04-14", "openai/gpt-4.1-mini");
    let err = refused(&text, &[]);
    assert!(
        err.starts_with(
            "error: -:30:9: tuned.model: no model \"openai/gpt-4.1-mini\" in the catalog"
        ),
        "{err}"
    );
    assert!(
        err.contains("did you mean \"openai/gpt-4.1-mini-2025-04-14\""),
        "{err}"
    );
}

#[test]
fn a_catalog_file_with_errors_names_file_line_column_and_field() {
    let bad_number = NEGOTIATED.replace("\"10.00\"", "\"ten\"");
    let (_dir, path) = catalog_file(&bad_number);
    let out = tunecalc()
        .args(["models", "--catalog"])
        .arg(&path)
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    assert!(
        err.contains(
            "my-prices.toml:6:32: model[openai/gpt-4.1-mini-2025-04-14].training_price_per_1m_tokens: expected a number"
        ),
        "{err}"
    );
    // A misspelt field gets the near miss.
    let typo = NEGOTIATED.replace("tuned_output_per_1m", "tuned_outptu_per_1m");
    let (_dir, path) = catalog_file(&typo);
    let out = tunecalc()
        .args(["run", SHUTDOWN, "--catalog"])
        .arg(&path)
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    assert!(err.contains("my-prices.toml:8:1: "), "{err}");
    assert!(err.contains("unknown field `tuned_outptu_per_1m`"), "{err}");
    assert!(err.contains("did you mean `tuned_output_per_1m`?"), "{err}");
    // A checked date that is not a day.
    let bad_day = NEGOTIATED.replace("2026-11-20", "2026-11-31");
    let (_dir, path) = catalog_file(&bad_day);
    let out = tunecalc()
        .args(["models", "--catalog"])
        .arg(&path)
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    assert!(
        err.contains(
            "model[openai/gpt-4.1-mini-2025-04-14].checked: 2026-11-31 is not a day of that month"
        ),
        "{err}"
    );
}

#[test]
fn dates_that_do_not_parse_are_refused() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHUTDOWN))
        .expect("scenario");
    let err = refused(&text.replace("\"2026-12\"", "\"2026-13\""), &[]);
    assert!(
        err.contains("usage.start: 2026-13 has no month 13"),
        "{err}"
    );
    let err = refused(&text.replace("\"2026-12\"", "\"next month\""), &[]);
    assert!(err.contains("usage.start"), "{err}");
    let err = refused(&text, &["--date", "2026-02-30"]);
    assert!(
        err.contains("2026-02-30 is not a day of that month"),
        "{err}"
    );
    let out = tunecalc()
        .env("TUNECALC_DATE", "yesterday")
        .args(["run", SHUTDOWN])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    assert!(err.contains("yesterday"), "{err}");
}

#[test]
fn a_price_the_entry_lacks_is_an_error_not_zero() {
    // Vertex does not publish a training price for Gemini 3.5 Flash-Lite.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/ticket-triage-gemini-flash-lite.toml"),
    )
    .expect("scenario")
    .replace(
        "vertex/gemini-3.1-flash-lite",
        "vertex/gemini-3.5-flash-lite",
    );
    let err = refused(&text, &[]);
    assert!(
        err.contains("training.price_per_1m_tokens: the catalog entry vertex/gemini-3.5-flash-lite has no training_price_per_1m_tokens"),
        "{err}"
    );
    assert!(
        err.contains("give [training] cost or price_per_1m_tokens"),
        "{err}"
    );
}

#[test]
fn cached_tokens_above_the_input_tokens_are_refused() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/gemini-cached-prompt.toml"),
    )
    .expect("scenario")
    .replace("cached_input_tokens = 2000", "cached_input_tokens = 2500");
    let err = refused(&text, &[]);
    assert!(
        err.contains(
            "prompting.cached_input_tokens: 2500 cached tokens is more than the 2200 input tokens"
        ),
        "{err}"
    );
}

#[test]
fn new_with_a_model_writes_a_starter_that_evaluates_from_the_catalog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        let mut cmd = tunecalc();
        cmd.current_dir(dir.path()).args(args);
        cmd
    };
    run(&["new", "triage", "--model", "azure/gpt-4.1-mini-2025-04-14"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("triage.toml")).expect("written");
    assert!(text.contains("model = \"azure/gpt-4.1-mini-2025-04-14\""));
    assert!(text.contains("No new tuning jobs after 2027-04-14"));
    assert!(text.contains("hosting_hours_per_month = 730"));
    // Azure's epochs rule is unpublished, so the starter sets epochs.
    assert!(text.contains("\nepochs = 3"));
    // It evaluates: 500 × 500 × 3 = 750,000 tokens × $5 = $3.75; hosting 1.70 × 730 =
    // $1,241.00 a month.
    let out = run(&["run", "triage.toml", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["scenarios"][0]["training_cost"], "3.75");
    assert_eq!(doc["scenarios"][0]["hosting_per_month"], "1241");
    // An unknown id is refused before anything is written.
    run(&["new", "other", "--model", "azure/gpt-4.1-mimi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"));
    assert!(!dir.path().join("other.toml").exists());
}

#[test]
fn models_lists_every_live_entry_with_its_status_and_checked_date() {
    let out = tunecalc()
        .args(["models", "--format", "json"])
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    let models = doc["models"].as_array().expect("a list");
    let ids: Vec<&str> = models.iter().filter_map(|m| m["id"].as_str()).collect();
    assert!(ids.contains(&"openai/gpt-4.1-mini-2025-04-14"));
    assert!(
        !ids.contains(&"openai/gpt-4.1-nano-2025-04-14"),
        "retired: only with --all"
    );
    for m in models {
        assert!(m["checked"].as_str().is_some_and(|c| c.len() == 10), "{m}");
        assert!(m["source"].as_str().is_some_and(|s| !s.is_empty()), "{m}");
    }
    let mini = models
        .iter()
        .find(|m| m["id"] == "openai/gpt-4.1-mini-2025-04-14")
        .expect("entry");
    // 2026-11-27 to 2027-01-14: 4 + 31 + 14 = 48 days.
    assert_eq!(
        mini["status_text"],
        "training closes 2027-01-06; retires 2027-01-14 in 48 days"
    );
    let all = tunecalc()
        .args(["models", "--all", "--format", "json"])
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&all.get_output().stdout).expect("json");
    let nano = doc["models"]
        .as_array()
        .expect("list")
        .iter()
        .find(|m| m["id"] == "openai/gpt-4.1-nano-2025-04-14")
        .cloned()
        .expect("retired entry kept");
    assert_eq!(nano["status"], "retired");
    // A query that matches nothing says how to widen it.
    tunecalc()
        .args(["models", "no-such-model"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no model matches \"no-such-model\"",
        ));
}

#[test]
fn worked_sums_show_catalog_prices_exactly_so_they_add_up() {
    // Nova Micro's $0.035 per 1M must not show as 0.04: 3,000 × 0.035 + 50 × 0.14 = 112,
    // / 1M = $0.000112 (with 0.04 the sum would be $0.000127).
    let out = tunecalc()
        .args(["explain", "scenarios/nova-micro.toml"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(
        text.contains("(3,000 × 0.035 + 50 × 0.14) / 1,000,000 = $0.000112 a call"),
        "{text}"
    );
    // And the 1.5× tuned Gemini price $0.375 stays $0.375.
    let out = tunecalc()
        .args(["explain", "scenarios/ticket-triage-gemini-flash-lite.toml"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(
        text.contains("(150 × 0.375 + 50 × 2.25) / 1,000,000 = $0.00016875 a call"),
        "{text}"
    );
}

#[test]
fn explain_sums_a_full_month_then_cuts_it_at_retirement() {
    // gpt-4.1-mini from 2027-01-01 retires on 2027-01-14: 13 of January's 31 days.
    // Calls: (0.00136 − 0.00048) × 500,000 = 440; less 10 hosting and 2 storage = 428 for a
    // full month; served 13/31 of it: 428 × 13 / 31 = 179.48.
    let text = r#"
name = "partial month"
[training]
examples = 1000
tokens_per_example = 400
[usage]
calls_per_month = 500000
start = "2027-01-01"
[prompting]
input_tokens = 3000
output_tokens = 100
[tuned]
model = "openai/gpt-4.1-mini-2025-04-14"
input_tokens = 200
storage_per_month = "2"
hosting_per_month = "10"
"#;
    let mut cmd = tunecalc();
    cmd.args(["explain", "-"]).write_stdin(text);
    cmd.assert()
        .success()
        .stdout(predicate::str::contains(
            "440 − 10 hosting − 2 storage = $428.00 a month",
        ))
        .stdout(predicate::str::contains("month 1\n     saves $179.48"));
    // After training closes there is no tuned model: no month sum that claims savings.
    let closed = text.replace("2027-01-01", "2027-01-10");
    let mut cmd = tunecalc();
    cmd.args(["explain", "-"]).write_stdin(closed);
    cmd.assert()
        .success()
        .stdout(predicate::str::contains("hosting − 2 storage =").not())
        .stdout(predicate::str::contains("month 1 saves $0.00"));
}

#[test]
fn a_price_change_that_makes_tuning_cheaper_later_still_has_a_volume_target() {
    // Month 1 (December) each tuned call costs 0.0025875 − 0.0024375 = 0.00015 more; from
    // January the prompting price doubles and each call saves 0.0022875. The tuned Gemini 3.5
    // Flash retires on 2027-05-19: 5 + 18/31 months in. At c calls a month the savings by then
    // are c × (−0.00015 + 4 × 0.0022875 + 18/31 × 0.0022875) = c × 0.01032823, and the job
    // (400 × 600 × 2 tokens × $10/1M = $4.80) needs c ≥ 464.75: 465 calls.
    let text = r#"
name = "cheaper from January"
[training]
examples = 400
tokens_per_example = 600
epochs = 2
[usage]
calls_per_month = 200000
start = "2026-12"
[prompting]
model = "google/gemini-3.6-flash"
input_tokens = 2500
output_tokens = 150
[tuned]
model = "vertex/gemini-3.5-flash"
input_tokens = 250
[decision]
target_payback_months = 6
horizon_months = 12
"#;
    let json = |text: &str| -> Value {
        let mut cmd = tunecalc();
        cmd.args(["run", "-", "--format", "json"]).write_stdin(text);
        let out = cmd.output().expect("runs");
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let v = json(text);
    assert_eq!(v["scenarios"][0]["calls_per_month_for_target"], 465);
    // By its definition: 465 calls pay back in time, 464 do not.
    let at = |calls: &str| json(&text.replace("200000", calls))["scenarios"][0]["verdict"].clone();
    assert_eq!(at("465"), "tune");
    assert_ne!(at("464"), "tune");
}

#[test]
fn growth_with_a_dated_price_change_evaluates_instead_of_overflowing() {
    // Gemini 3.6 Flash's prompting price doubles from January. Month 1 saves
    // (0.0024375 − 0.00028) × 300,000 = 647.25, so the $6 job pays back in 6 / 647.25 =
    // 0.00927 months. The volume target searched month-1 volumes down to 0 calls, where
    // 0 × 1.1^i overflowed in late months and was reported as "too large to compute".
    // Target: c × (0.0021575 + 0.004595 × (1.1 + 1.1² + 1.1³ + 1.1⁴ + 1.1⁵)) = c × 0.0330157
    // ≥ 6 → c ≥ 181.73: 182 calls.
    let text = r#"
name = "growth and a price change"
[training]
examples = 1000
cost = "6"
[usage]
calls_per_month = 300000
start = "2026-12"
monthly_growth = "10%"
[prompting]
model = "google/gemini-3.6-flash"
input_tokens = 3000
output_tokens = 50
[tuned]
input_tokens = 150
input_price_per_1m_tokens = "0.80"
output_price_per_1m_tokens = "3.20"
[decision]
target_payback_months = 6
horizon_months = 12
"#;
    let mut cmd = tunecalc();
    cmd.args(["run", "-", "--format", "json"]).write_stdin(text);
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let s = &v["scenarios"][0];
    assert!(s["payback_months"]
        .as_str()
        .is_some_and(|p| p.starts_with("0.00926998841")));
    assert_eq!(s["calls_per_month_for_target"], 182);

    // Calls that never save in the window, with a prompt cache tuning removes: the search for
    // a volume must end with "no volume", not an overflow at 10^27 calls.
    let cached = r#"
name = "cache and a price change"
[training]
examples = 500
cost = "120"
[usage]
calls_per_month = 80000
start = "2026-12"
[prompting]
model = "google/gemini-3.6-flash"
input_tokens = 4000
cached_input_tokens = 3500
output_tokens = 200
cache_storage_per_1m_tokens_per_hour = "0.50"
output_price_per_1m_tokens = "0"
[tuned]
input_tokens = 400
input_price_per_1m_tokens = "1.00"
output_price_per_1m_tokens = "4.00"
[decision]
target_payback_months = 6
"#;
    let mut cmd = tunecalc();
    cmd.args(["explain", "-"]).write_stdin(cached);
    cmd.assert().success().stdout(predicate::str::contains(
        "No volume is enough: at these prices, month by month, no number of calls pays back",
    ));
}

#[test]
fn azure_o4_mini_rft_is_closed_to_a_new_customer_in_december_2026() {
    // Microsoft: training until 2027-04-16 "for existing customers only. Otherwise, training
    // retirement occurs at base model retirement" (o4-mini retired 2026-10-16).
    let text = "name = \"rft\"\n[training]\nexamples = 200\ncost = \"400\"\n[usage]\ncalls_per_month = 100000\nstart = \"2026-12\"\n[prompting]\ninput_tokens = 2000\noutput_tokens = 100\n[tuned]\nmodel = \"azure/o4-mini-2025-04-16-rft\"\ninput_tokens = 200\n";
    let s = json_of(text, &["--date", "2026-12-03"]);
    assert_eq!(s["verdict"], "stay_with_prompting");
    let reasons = texts(&s["reasons"]);
    assert!(
        reasons[0].contains("no new tuning jobs after 2026-10-16"),
        "{reasons:?}"
    );
    let warnings = texts(&s["warnings"]);
    assert!(
        warnings.iter().any(|w| w.contains("a customer who already used the model may train until 2027-04-16")),
        "{warnings:?}"
    );
}

#[test]
fn gpt_6_luna_bills_a_prompt_over_272k_tokens_whole_at_its_long_context_prices() {
    // 272,000 input tokens is the standard rate: (272,000 × $0.10 + 100 × $0.50) / 1M =
    // 0.0272 + 0.00005 = $0.02725 a call. One token more and the whole call is 2× input,
    // 1.5× output: (272,001 × $0.20 + 100 × $0.75) / 1M = 0.0544002 + 0.000075 = $0.0544752.
    let scenario = |tokens: u32| {
        format!("name = \"long\"\n[training]\nexamples = 200\ncost = \"20\"\n[usage]\ncalls_per_month = 1000\n[prompting]\nmodel = \"openai/gpt-6-luna\"\ninput_tokens = {tokens}\noutput_tokens = 100\n[tuned]\ninput_tokens = 200\ninput_price_per_1m_tokens = \"0.5\"\noutput_price_per_1m_tokens = \"1\"\n")
    };
    let s = json_of(&scenario(272_000), &[]);
    assert_eq!(s["prompting_cost_per_call"], "0.02725");
    let s = json_of(&scenario(272_001), &[]);
    assert_eq!(s["prompting_cost_per_call"], "0.0544752");
    let sources = s["sources"].as_array().expect("sources");
    assert!(sources
        .iter()
        .any(|src| src["entry_field"] == "base_input_long_per_1m"));
}
