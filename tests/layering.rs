//! The data flow of DESIGN.md, checked on the source: only `engine` and `analysis` compute.
//! Charts, reports and renderers receive finished figures and curves; none of them may call
//! into the engine's computations or build a cash-flow model of their own.

use std::path::Path;

/// Calls that compute figures; allowed only under `src/engine` and `src/analysis`.
const COMPUTING: &[&str] = &[
    "evaluate(",
    "evaluate_all(",
    "outcome(",
    "payback(",
    "calls_for_window(",
    "pays_within(",
    ".totals(",
    "costs::costs(",
    "token_terms(",
    "tornado(",
    "curve(",
    "plot(",
    "solve::solve(",
    "sweep::sweep(",
    "map::map(",
];

fn sources_in(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("source dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources_in(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source");
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn charts_reports_and_renderers_never_compute() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["chart", "render", "present"] {
        sources_in(&src.join(layer), &mut files);
    }
    let mut found = Vec::new();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for call in COMPUTING {
                if code.contains(call) && !code.trim_start().starts_with("pub fn") {
                    found.push(format!("{path}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "computation outside engine/analysis:\n{}",
        found.join("\n")
    );
}

#[test]
fn reports_only_call_the_analysis_to_get_their_charts() {
    // The report module orchestrates: it asks the analysis for each chart's plot and hands it
    // to the chart module. It never evaluates or builds flows itself.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report");
    let mut files = Vec::new();
    sources_in(&src, &mut files);
    for (path, text) in &files {
        for call in [
            "evaluate(",
            "outcome(",
            "payback(",
            ".totals(",
            "tornado(",
            "curve(",
        ] {
            assert!(!text.contains(call), "{path} calls {call}");
        }
    }
}

#[test]
fn every_test_runs_a_program_under_a_time_limit() {
    // A hang is a defect: every run of the binary (or of bash, or a browser) goes through
    // tests/common's helpers, which kill it after a limit and fail the test.
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    sources_in(&tests, &mut files);
    let mut found = Vec::new();
    for (path, text) in &files {
        if path.contains("common") || path.ends_with("layering.rs") {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            // A std Command built to be handed to `common::limited` a few lines on is fine.
            let limited = || {
                lines[n..(n + 25).min(lines.len())]
                    .iter()
                    .any(|l| l.contains("common::limited("))
            };
            if code.contains("cargo_bin(") || (code.contains("Command::new(") && !limited()) {
                found.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "programs run without a time limit (use common::tunecalc or common::limited):\n{}",
        found.join("\n")
    );
}

#[test]
fn every_chart_axis_is_built_through_the_checked_ranges() {
    // plotters never finishes laying out a log axis that reaches 0, and NaN ends break any
    // axis: every axis goes through chart::frame's checked ranges.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/chart");
    let mut files = Vec::new();
    sources_in(&src, &mut files);
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if path.ends_with("frame.rs") {
                continue;
            }
            assert!(
                !code.contains("log_scale()"),
                "{path}:{}: a log axis not built by frame::log_axis",
                n + 1
            );
            if let Some(at) = code.find("build_cartesian_2d(") {
                let args = &code[at..];
                assert!(
                    args.contains("frame::axis(") || args.contains("frame::log_axis("),
                    "{path}:{}: an axis not built by frame::axis or frame::log_axis",
                    n + 1
                );
            }
        }
    }
}
