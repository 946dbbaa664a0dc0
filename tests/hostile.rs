//! What trying to break tunecalc found, each a defect a user could hit, kept fixed: no command
//! hangs or crashes on a scenario `run` accepts, no input or file tunecalc did not write is
//! replaced or deleted, and lost output is an error.

mod common;

use common::{tunecalc_in, EXERCISE};
use predicates::prelude::*;

/// A starter for a catalog model retired on 2026-10-23, before the tests' today (2026-11-27):
/// no tuning job can run, so no volume pays back and the window is 0 months.
fn retired_starter(dir: &std::path::Path) {
    tunecalc_in(dir)
        .args(["new", "X", "--model", "openai/gpt-4.1-nano-2025-04-14"])
        .assert()
        .success();
}

#[test]
fn a_model_retired_before_month_1_charts_and_reports_at_once() {
    // The volume chart laid out a log axis from 0 months, which never ends: `run` answered in
    // milliseconds and the chart and report spun at 100 % CPU.
    let dir = tempfile::tempdir().expect("dir");
    retired_starter(dir.path());
    tunecalc_in(dir.path())
        .args(["run", "X.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no volume is enough"));
    for kind in ["volume", "cumulative", "sensitivity", "map"] {
        tunecalc_in(dir.path())
            .args([
                "chart",
                "X.toml",
                "--kind",
                kind,
                "-o",
                &format!("{kind}.svg"),
            ])
            .assert()
            .success();
    }
    let svg = std::fs::read_to_string(dir.path().join("volume.svg")).expect("drawn");
    // No target line to draw, and the reason it never pays back said in words.
    assert!(svg.contains("no new tuning jobs after 2026-10-23"), "{svg}");
    tunecalc_in(dir.path())
        .args(["report", "X.toml", "-o", "r.html"])
        .assert()
        .success();
    tunecalc_in(dir.path())
        .args(["report", "X.toml", "-o", "r.md"])
        .assert()
        .success();
}

#[test]
fn a_start_far_past_any_retirement_or_a_late_date_charts_too() {
    let dir = tempfile::tempdir().expect("dir");
    let live = EXERCISE.replace("[usage]", "[usage]\nstart = \"9999-12\"");
    // The exercise priced from a catalog model whose tuned models stop on 2027-01-14.
    let live = live.replace(
        "[tuned]\nprice_per_1k_calls = \"0.02\"",
        "[tuned]\nprice_per_1k_calls = \"0.02\"\nmodel = \"openai/gpt-4.1-mini-2025-04-14\"",
    );
    std::fs::write(dir.path().join("late.toml"), &live).expect("write");
    std::fs::write(
        dir.path().join("now.toml"),
        EXERCISE.replace(
            "[tuned]\nprice_per_1k_calls = \"0.02\"",
            "[tuned]\nprice_per_1k_calls = \"0.02\"\nmodel = \"openai/gpt-4.1-mini-2025-04-14\"",
        ),
    )
    .expect("write");
    for (file, date) in [("late.toml", "2026-11-27"), ("now.toml", "2030-01-01")] {
        tunecalc_in(dir.path())
            .args([
                "chart", file, "--kind", "volume", "-o", "v.svg", "--date", date,
            ])
            .assert()
            .success();
        tunecalc_in(dir.path())
            .args(["report", file, "-o", "r.html", "--date", date])
            .assert()
            .success();
    }
}

#[test]
fn a_payback_chart_of_a_vanishing_window_has_few_bars() {
    // A window of 1e-28 months beside paybacks of months asked for 10^29 bars ("capacity
    // overflow"); 1e-7 took 8.9 GB.
    let dir = tempfile::tempdir().expect("dir");
    for window in ["0.0000000000000000000000000001", "0.0000001", "0.00000001"] {
        let text = EXERCISE.replace(
            "calls_per_month = 10000",
            "calls_per_month = \"5000 to 20000\"",
        ) + &format!("[decision]\ntarget_payback_months = \"{window}\"\n");
        std::fs::write(dir.path().join("tiny.toml"), &text).expect("write");
        tunecalc_in(dir.path())
            .args([
                "chart",
                "tiny.toml",
                "--kind",
                "payback",
                "-o",
                "p.svg",
                "--samples",
                "2000",
            ])
            .assert()
            .success();
        let svg = std::fs::read_to_string(dir.path().join("p.svg")).expect("drawn");
        let bars = svg.matches("<rect").count();
        assert!(bars < 400, "{bars} rectangles for a window of {window}");
    }
}
