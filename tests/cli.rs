//! End to end: the `tunecalc` binary as a new user runs it.

mod common;

use common::tunecalc;

use predicates::prelude::*;
use std::path::Path;

#[test]
fn run_on_the_exercise_shows_the_textbook_answer() {
    tunecalc()
        .args(["run", "scenarios/exercise.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("$0.30"))
        .stdout(predicate::str::contains("66.67"))
        .stdout(predicate::str::contains("67 months"))
        .stdout(predicate::str::contains("666,667"))
        .stdout(predicate::str::contains("Stay with prompting"))
        .stdout(predicate::str::contains("Tune for consistency"));
}

#[test]
fn run_on_a_directory_compares_every_scenario_in_name_order() {
    let out = tunecalc()
        .args(["run", "scenarios/", "--width", "0"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let header = text.lines().nth(1).expect("header line");
    // exercise.toml sorts before growing-volume.toml, which sorts before too-few-examples.toml;
    // the header's first line holds the first words of each name.
    let a = header.find("Check").expect("exercise column");
    let b = header.find("Invoice").expect("growing column");
    let c = header.find("Escalation").expect("too-few column");
    assert!(a < b && b < c, "{header}");
}

#[test]
fn run_with_two_files_puts_them_side_by_side() {
    tunecalc()
        .args(["run", "scenarios/exercise.toml", "scenarios/output-heavy.toml", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "| Figure | Check your understanding: 200 reviews | Product descriptions (output-heavy) |",
        ));
}

#[test]
fn json_holds_every_contract_field_with_exact_values() {
    let out = tunecalc()
        .args(["run", "scenarios/exercise.toml", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let s = &doc["scenarios"][0];
    for field in [
        "name",
        "file",
        "training_cost",
        "upfront_cost",
        "prompting_cost_per_call",
        "tuned_cost_per_call",
        "savings_per_call",
        "tokens_saved_per_call",
        "prompting_cost_per_month",
        "tuned_cost_per_month",
        "savings_per_month",
        "payback_months",
        "payback_months_rounded_up",
        "break_even_calls",
        "calls_per_month_for_target",
        "horizon_months",
        "net_savings_at_horizon",
        "verdict",
        "reasons",
    ] {
        assert!(s.get(field).is_some(), "missing {field}");
    }
    // Decimals are unrounded strings; counts are integers; absent is null.
    assert_eq!(s["savings_per_month"], "0.3");
    assert_eq!(s["payback_months"], "66.666666666666666666666666667");
    assert_eq!(s["payback_months_rounded_up"], 67);
    assert_eq!(s["break_even_calls"], 666_667);
    assert_eq!(s["tokens_saved_per_call"], serde_json::Value::Null);
    assert_eq!(s["net_savings_at_horizon"], "-9.2");
    assert_eq!(s["verdict"], "tune_for_consistency");
    assert_eq!(s["file"], "scenarios/exercise.toml");
}

#[test]
fn csv_has_a_header_and_one_row_per_scenario() {
    let out = tunecalc()
        .args(["run", "scenarios/", "--format", "csv"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("name,file,training_cost,upfront_cost,"));
    let bundled = common::bundled().len();
    assert_eq!(lines.len(), 1 + bundled);
    // Files in name order: the exercise's row holds the textbook's $20 and $0.00005 a call.
    assert!(
        lines.iter().any(|l| l.starts_with(
            "Check your understanding: 200 reviews,scenarios/exercise.toml,20,20,0.00005,"
        )),
        "{text}"
    );
    assert!(lines[1].contains(",scenarios/azure-hourly-hosting.toml,"));
}

#[test]
fn explain_shows_the_worked_arithmetic_of_the_exercise() {
    tunecalc()
        .args(["explain", "scenarios/exercise.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(0.05 − 0.02) × (10,000 / 1000) = $0.30 a month",
        ))
        .stdout(predicate::str::contains("20 / 0.30 = 66.67 → 67 months"))
        .stdout(predicate::str::contains(
            "20 / 0.00003 saved per call = 666,667 calls",
        ))
        .stdout(predicate::str::contains("Verdict: Tune for consistency"))
        .stdout(predicate::str::contains(
            "On cost alone: Stay with prompting",
        ))
        .stdout(predicate::str::contains("The hidden advantage"));
}

#[test]
fn explain_shows_hosting_and_growth_steps() {
    // Azure bills $1.70 an hour; the scenario bills Microsoft's 720 hours.
    tunecalc()
        .args(["explain", "scenarios/azure-hourly-hosting.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "$1.70 an hour × 720 hours = $1,224.00 a month",
        ));
    tunecalc()
        .args(["explain", "scenarios/growing-volume.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "month m has 20,000 × 1.2^(m − 1) calls",
        ))
        // 207.67 and 49.53 are rounded for display, so the formula says "≈".
        .stdout(predicate::str::contains(
            "10 + (250 − 207.67) / 49.53 ≈ 10.85 → 11 months",
        ));
    // Every operand shown exactly: "=".
    tunecalc()
        .args(["explain", "scenarios/exercise.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("20 / 0.30 = 66.67 → 67 months"));
}

#[test]
fn new_writes_a_starter_that_evaluates_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = common::tunecalc();
    cmd.current_dir(dir.path())
        .args(["new", "ticket-triage"])
        .assert()
        .success();
    let path = dir.path().join("ticket-triage.toml");
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(written.contains("name = \"ticket triage\""));

    let mut cmd = common::tunecalc();
    cmd.current_dir(dir.path())
        .args(["run", "ticket-triage.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("66.67"));

    std::fs::write(&path, "mine").expect("edit");
    let mut cmd = common::tunecalc();
    cmd.current_dir(dir.path())
        .args(["new", "ticket-triage"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "mine");
}

#[test]
fn help_has_examples() {
    tunecalc()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "tunecalc run scenarios/exercise.toml",
        ));
    tunecalc()
        .args(["run", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--format"));
}

#[test]
fn bad_usage_exits_2() {
    tunecalc().args(["run"]).assert().code(2);
    tunecalc()
        .args(["run", "scenarios/", "--format", "xml"])
        .assert()
        .code(2);
    tunecalc().args(["frobnicate"]).assert().code(2);
}

/// Writes `text` as a scenario in a temp dir and runs `tunecalc run` on it.
fn run_bad(file_name: &str, text: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(file_name), text).expect("write");
    let mut cmd = common::tunecalc();
    let out = cmd
        .current_dir(dir.path())
        .args(["run", file_name])
        .output()
        .expect("runs");
    assert!(out.stdout.is_empty(), "no partial output");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stderr)
}

const GOOD: &str = common::EXERCISE;

#[test]
fn missing_file_names_the_path() {
    let out = tunecalc().args(["run", "no-such.toml"]).assert().code(2);
    out.stderr("error: cannot read no-such.toml: no such file or directory\n");
}

#[test]
fn a_file_that_is_not_text_is_refused() {
    let (code, err) = run_bad("binary.toml", &[0xff, 0xfe, 0x00, 0x41]);
    assert_eq!(code, 2);
    assert!(
        err.contains("binary.toml: the file is not valid UTF-8 text"),
        "{err}"
    );
}

#[test]
fn an_empty_directory_says_how_to_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = common::tunecalc();
    cmd.arg("run")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no *.toml scenario files"))
        .stderr(predicate::str::contains("tunecalc new"));
}

#[test]
fn toml_syntax_error_points_at_line_and_column() {
    let (code, err) = run_bad("s.toml", b"name = \"x\"\n[training\nexamples = 2\n");
    assert_eq!(code, 2);
    assert!(err.starts_with("error: s.toml:2:10: "), "{err}");
    assert!(err.contains("2 | [training"), "{err}");
}

#[test]
fn wrong_type_names_the_field() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace("examples = 200", "examples = \"lots\"")
            .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:4:12: training.examples: expected a number"),
        "{err}"
    );
}

#[test]
fn unknown_key_suggests_the_near_miss() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace("calls_per_month", "calls_per_mont").as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:7:1: usage.calls_per_mont: unknown field `calls_per_mont`"),
        "{err}"
    );
    assert!(
        err.contains("help: did you mean `calls_per_month`?"),
        "{err}"
    );
}

#[test]
fn two_training_price_forms_are_refused() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace("cost = \"20\"", "cost = \"20\"\ncost_per_example = \"0.1\"")
            .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:6:20: training.cost_per_example: the job is priced twice"),
        "{err}"
    );
}

#[test]
fn cache_hours_are_refused_where_nothing_would_use_them() {
    // With a price per 1,000 calls, cache hours would be a second way of pricing the call.
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace(
            "price_per_1k_calls = \"0.05\"",
            "price_per_1k_calls = \"0.05\"\ncache_hours_per_month = 100",
        )
        .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("prompting.cache_hours_per_month: a call is priced twice"),
        "{err}"
    );
    // By tokens without a cache storage price, the hours multiply nothing.
    let by_tokens = GOOD.replace(
        "price_per_1k_calls = \"0.05\"",
        "input_tokens = 2000\ninput_price_per_1m_tokens = \"0.40\"\ncache_hours_per_month = 100",
    );
    let (code, err) = run_bad("s.toml", by_tokens.as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "prompting.cache_hours_per_month: only used with an explicit cache's storage price"
        ),
        "{err}"
    );
}

#[test]
fn no_training_price_is_refused_at_the_table() {
    let (code, err) = run_bad("s.toml", GOOD.replace("cost = \"20\"\n", "").as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:3:1: training: missing the price of the tuning job"),
        "{err}"
    );
}

#[test]
fn zero_or_negative_values_are_refused_where_they_make_no_sense() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace("calls_per_month = 10000", "calls_per_month = 0")
            .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:7:19: usage.calls_per_month: must be greater than 0, found 0"),
        "{err}"
    );

    let (code, err) = run_bad("s.toml", GOOD.replace("\"0.02\"", "\"-0.02\"").as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("tuned.price_per_1k_calls: must not be negative, found -0.02"),
        "{err}"
    );

    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace("examples = 200", "examples = 0").as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("training.examples: must be a whole number of at least 1, found 0"),
        "{err}"
    );
}

#[test]
fn growth_of_minus_100_percent_or_less_is_refused() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace(
            "calls_per_month = 10000",
            "calls_per_month = 10000\nmonthly_growth = \"-150%\"",
        )
        .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:8:18: usage.monthly_growth: a change of -100 % or less would leave no calls, found -150 %"),
        "{err}"
    );
}

#[test]
fn growth_written_as_a_bare_5_suggests_the_percent_form() {
    // 5 as a fraction is +500 % a month: almost certainly "5%" without its sign.
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace(
            "calls_per_month = 10000",
            "calls_per_month = 10000\nmonthly_growth = 5",
        )
        .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "s.toml:8:18: usage.monthly_growth: 5 is a fraction: it reads as 500 % a month"
        ),
        "{err}"
    );
    assert!(err.contains("help: did you mean \"5%\"?"), "{err}");
}

#[test]
fn growth_as_a_percent_string_is_the_same_as_the_fraction() {
    let with = |growth: &str| {
        let out = common::tunecalc()
            .args(["run", "-", "--format", "json"])
            .write_stdin(GOOD.replace(
                "calls_per_month = 10000",
                &format!("calls_per_month = 10000\nmonthly_growth = {growth}"),
            ))
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        doc["scenarios"][0]["payback_months"].clone()
    };
    assert_eq!(with("\"5%\""), with("\"0.05\""));
    assert_eq!(with("\"5%\""), with("0.05"));
}

#[test]
fn a_number_too_large_for_a_decimal_is_refused() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace(
            "cost = \"20\"",
            "cost = \"100000000000000000000000000000000\"",
        )
        .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:5:8: training.cost: number too large for an exact decimal"),
        "{err}"
    );
}

#[test]
fn a_missing_name_says_what_to_add() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace("name = \"exercise\"\n", "").as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("s.toml: name: missing"), "{err}");
    assert!(err.contains("help: add a line such as `name = "), "{err}");
}

#[test]
fn every_bad_file_in_a_run_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.toml"),
        GOOD.replace("examples = 200", "examples = -1"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.toml"),
        GOOD.replace("calls_per_month", "calls"),
    )
    .expect("write");
    let mut cmd = common::tunecalc();
    let out = cmd.arg("run").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains(&format!(
            "{}:",
            Path::new(&dir.path().join("a.toml")).display()
        )),
        "{err}"
    );
    assert!(
        err.contains("b.toml:7:1: usage.calls: unknown field"),
        "{err}"
    );
}

#[test]
fn an_overflow_names_the_input_that_drove_it_with_its_line_and_the_fix() {
    // 10^25 calls growing 50 % a month cannot be totalled over 36 months in a decimal.
    let (code, err) = run_bad(
        "big.toml",
        GOOD.replace(
            "calls_per_month = 10000",
            "calls_per_month = \"1e25\"\nmonthly_growth = \"50%\"",
        )
        .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("big.toml:7:19: usage.calls_per_month:"),
        "{err}"
    );
    assert!(err.contains("too large to compute exactly"), "{err}");
    assert!(err.contains("usage.monthly_growth"), "{err}");
    assert!(
        err.contains("help: set max_calls_per_month (growth stops there) or shorten the horizon"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn a_known_key_in_the_wrong_table_names_the_right_one() {
    let (code, err) = run_bad(
        "s.toml",
        GOOD.replace(
            "price_per_1k_calls = \"0.05\"",
            "price_per_1k_calls = \"0.05\"\nhosting_per_hour = \"1.70\"",
        )
        .as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("prompting.hosting_per_hour"), "{err}");
    assert!(
        err.contains("help: `hosting_per_hour` belongs in the [tuned] table"),
        "{err}"
    );
}

#[test]
fn warnings_go_to_stderr_for_tables_and_into_json() {
    // 1,000 calls growing 5 % a month pay back only after about 72 months of growth.
    let slow = GOOD.replace(
        "calls_per_month = 10000",
        "calls_per_month = 1000\nmonthly_growth = \"5%\"",
    );
    let out = tunecalc()
        .args(["run", "-"])
        .write_stdin(slow.clone())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    let table = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        err.contains("warning: -: payback in 72.") && err.contains("relies on 5 % monthly growth"),
        "{err}"
    );
    assert!(!table.contains("warning"));
    let out = tunecalc()
        .args(["run", "-", "--format", "json"])
        .write_stdin(slow)
        .output()
        .expect("runs");
    assert!(
        out.stderr.is_empty(),
        "JSON keeps warnings inside the document"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let warnings = doc["scenarios"][0]["warnings"].as_array().expect("a list");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0]
        .as_str()
        .is_some_and(|w| w.contains("set max_calls_per_month")));
}

#[test]
fn explain_takes_several_files_and_directories() {
    let out = tunecalc()
        .args(["explain", "scenarios/exercise.toml", "scenarios/"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // The exercise twice (by name and from the directory), and every other bundled scenario.
    assert_eq!(text.matches("File: scenarios/exercise.toml").count(), 2);
    assert_eq!(
        text.matches("File: scenarios/").count(),
        1 + common::bundled().len()
    );
}

#[test]
fn the_retraining_window_reads_the_same_in_every_output() {
    // Retraining every 3 months with a 6-month target: the window is 3 months everywhere.
    let file = "scenarios/retraining-nova-micro.toml";
    let why = "3-month retraining cycle (shorter than the 6-month target)";
    let table = tunecalc().args(["run", file]).output().expect("runs");
    let table = String::from_utf8(table.stdout).expect("utf-8");
    assert!(table.contains(why), "{table}");
    assert!(!table.contains("within the 6-month target"));
    let json = tunecalc()
        .args(["run", file, "--format", "json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(doc["scenarios"][0]["target_window_months"], "3");
    assert_eq!(
        doc["scenarios"][0]["target_window_reason"],
        "the 3-month retraining cycle is shorter than the 6-month target"
    );
    let explain = tunecalc().args(["explain", file]).output().expect("runs");
    let explain = String::from_utf8(explain.stdout).expect("utf-8");
    assert!(explain.contains("Volume needed to pay back within 3 months"));
    assert!(explain.contains("(the 3-month retraining cycle is shorter than the 6-month target)"));
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = tunecalc()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        for command in ["solve", "sweep", "data", "report"] {
            assert!(text.contains(command), "{shell} completions lack {command}");
        }
    }
    // The bash script parses.
    let out = tunecalc()
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    let dir = tempfile::tempdir().expect("dir");
    let script = dir.path().join("tunecalc.bash");
    std::fs::write(&script, &out.stdout).expect("write");
    let mut bash = std::process::Command::new("bash");
    bash.arg("-n").arg(&script);
    common::limited(bash).assert().success();
    tunecalc()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let out = tunecalc().arg("man").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains(".TH tunecalc 1"));
    for command in [
        "run", "explain", "chart", "report", "solve", "sweep", "models", "data", "new",
    ] {
        assert!(
            text.contains(&format!("tunecalc\\-{command}(1)")),
            "the man page lacks {command}"
        );
    }
    // --dir writes every page it points to.
    let dir = tempfile::tempdir().expect("dir");
    tunecalc()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    for page in [
        "tunecalc.1",
        "tunecalc-solve.1",
        "tunecalc-sweep.1",
        "tunecalc-data-check.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).expect(page);
        assert!(text.contains(".TH"), "{page}");
    }
}
