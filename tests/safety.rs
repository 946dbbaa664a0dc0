//! Output that cannot be turned against the person reading it: nothing from a scenario or a
//! file name reaches a terminal as a control sequence, every SVG is well-formed XML, CSV
//! cells are never run as formulas, no output replaces an input, and a report with its charts
//! is written as one unit.

mod common;

use common::{tunecalc, EXERCISE};
use predicates::prelude::*;
use std::path::Path;

fn stderr_of(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = tunecalc()
        .args(args)
        .write_stdin(stdin.to_string())
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn control_characters_in_text_fields_are_refused_and_never_echoed() {
    // A name holding an escape that would set the terminal's title.
    let hostile = EXERCISE.replace("name = \"exercise\"", "name = \"ok\\u001b]0;owned\\u0007\"");
    let (code, out, err) = stderr_of(&["run", "-"], &hostile);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("name: contains a control or invisible formatting character (U+001B)"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}'),
        "raw escape in {err:?}"
    );
    // Bidirectional overrides reorder what a reader sees: refused too.
    let (code, _, err) = stderr_of(
        &["run", "-"],
        &EXERCISE.replace("name = \"exercise\"", "name = \"abc\\u202Edef\""),
    );
    assert_eq!(code, 2);
    assert!(err.contains("U+202E"), "{err}");
}

#[test]
fn an_error_that_quotes_a_line_escapes_what_the_line_holds() {
    // A raw escape byte in a comment is a TOML error; the snippet must not replay it.
    let text = EXERCISE.replace("[usage]", "[usage] # \u{1b}[2J\u{1b}]0;title\u{7}");
    let (code, _, err) = stderr_of(&["run", "-"], &text);
    assert_eq!(code, 2);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}'),
        "raw escape in {err:?}"
    );
    assert!(err.contains("\\u{1b}"), "{err}");
}

#[test]
fn a_file_name_with_an_escape_is_shown_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = dir.path().join("evil\u{1b}[2J.toml");
    std::fs::write(&name, EXERCISE).expect("write");
    let out = tunecalc().arg("run").arg(&name).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(!text.contains('\u{1b}'), "raw escape in the table");
    assert!(text.contains("evil\\u{1b}[2J.toml"));
    let out = tunecalc().arg("explain").arg(&name).output().expect("runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    // And in an error about the file.
    let bad = dir.path().join("bad\u{1b}]0;x\u{7}.toml");
    std::fs::write(&bad, "name = 1").expect("write");
    let out = tunecalc().arg("run").arg(&bad).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

#[test]
fn every_chart_is_well_formed_xml_whatever_the_name() {
    let hostile = EXERCISE.replace(
        "name = \"exercise\"",
        "name = \"<svg onload=alert(1)> & \\\"quotes\\\" 'single' ]]> --> &amp;\"",
    );
    for kind in ["cumulative", "volume", "sensitivity"] {
        let (code, svg, err) = stderr_of(&["chart", "-", "--kind", kind, "-o", "-"], &hostile);
        assert_eq!(code, 0, "{err}");
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(!svg.contains("<svg onload"), "{kind}");
    }
}

#[test]
fn svg_names_the_embedded_font_first_and_titles_have_one_colon() {
    let (_, svg, _) = stderr_of(&["chart", "scenarios/exercise.toml", "-o", "-"], "");
    assert!(svg.starts_with("<svg font-family=\"DejaVu Sans, sans-serif\""));
    assert!(!svg.contains("font-family=\"sans-serif\""));
    // "Check your understanding: 200 reviews" keeps its own colon; the chart adds none.
    assert!(svg.contains("Cumulative cost — Check your understanding: 200 reviews"));
    assert!(!svg.contains("reviews: cumulative"));
}

#[test]
fn csv_cells_are_never_run_as_formulas_but_numbers_stay_numbers() {
    let formula = EXERCISE.replace(
        "name = \"exercise\"",
        "name = \"=HYPERLINK(\\\"http://x\\\",\\\"click\\\")\"\ndescription = \"@SUM(A1)\"",
    );
    let (code, csv, _) = stderr_of(&["run", "-", "--format", "csv"], &formula);
    assert_eq!(code, 0);
    let row = csv.lines().nth(1).expect("a row");
    assert!(
        row.starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\","),
        "{row}"
    );
    assert!(row.contains(",'@SUM(A1),"), "{row}");
    // -9.2 net savings stays a number: no apostrophe before a negative amount.
    assert!(row.contains(",-9.2,"), "{row}");
    assert!(!row.contains("'-9.2"));
}

#[test]
fn no_output_may_replace_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A scenario saved with a chart's or a report's extension.
    for (name, args) in [
        ("in.svg", vec!["chart"]),
        ("in.html", vec!["report"]),
        ("in.md", vec!["report"]),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, EXERCISE).expect("write");
        tunecalc()
            .args(&args)
            .arg(&input)
            .arg("-o")
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is one of the inputs"));
        assert_eq!(std::fs::read_to_string(&input).expect("kept"), EXERCISE);
    }
    // The same file by another name: a hard link into another folder.
    let input = dir.path().join("scenario.html");
    std::fs::write(&input, EXERCISE).expect("write");
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("dir");
    let link = other.join("link.html");
    std::fs::hard_link(&input, &link).expect("hard link");
    tunecalc()
        .arg("report")
        .arg(&input)
        .arg("-o")
        .arg(&link)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is one of the inputs"));
    assert_eq!(std::fs::read_to_string(&input).expect("kept"), EXERCISE);
}

#[test]
fn a_markdown_report_and_its_charts_are_written_as_one_unit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("budget.md");
    let charts = dir.path().join("budget.charts");
    // Last week's report, with a chart that this week's report no longer has (tunecalc listed
    // what it wrote there).
    std::fs::write(&report, "last week").expect("write");
    std::fs::create_dir(&charts).expect("dir");
    std::fs::write(charts.join("old.svg"), "<svg/>").expect("write");
    std::fs::write(charts.join(".written-by-tunecalc"), "old.svg\n").expect("write");
    // A failed run (a bad scenario) leaves both as they were, and nothing new.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, EXERCISE.replace("10000", "-1")).expect("write");
    tunecalc()
        .args(["report"])
        .arg(&bad)
        .arg("-o")
        .arg(&report)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&report).expect("kept"), "last week");
    assert!(charts.join("old.svg").exists());
    let names = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names(dir.path()),
        ["bad.toml", "budget.charts", "budget.md"]
    );
    // A good run replaces the report and the whole folder, and leaves no temporary files.
    tunecalc()
        .args([
            "report",
            "scenarios/exercise.toml",
            "scenarios/growing-volume.toml",
            "-o",
        ])
        .arg(&report)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&report)
        .expect("new")
        .starts_with("# Fine-tune"));
    assert_eq!(
        names(&charts),
        [
            ".written-by-tunecalc",
            "1-cumulative.svg",
            "1-map.svg",
            "1-volume.svg",
            "2-cumulative.svg",
            "2-map.svg",
            "2-volume.svg",
            "compare.svg"
        ]
    );
    assert_eq!(
        names(dir.path()),
        ["bad.toml", "budget.charts", "budget.md"]
    );
}

#[test]
fn a_write_that_fails_exits_1_and_names_the_real_destination() {
    let dir = tempfile::tempdir().expect("temp dir");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("dir");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    }
    // Root may write anywhere; the check only means something for other users.
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!("skipped: this user can write into a read-only folder");
        return;
    }
    let out = locked.join("chart.svg");
    tunecalc()
        .args(["chart", "scenarios/exercise.toml", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "cannot write {}",
            out.display()
        )))
        .stderr(predicate::str::contains(".tunecalc-").not());
}

#[test]
fn report_to_standard_output_is_the_html_page() {
    tunecalc()
        .args([
            "report",
            "scenarios/exercise.toml",
            "-o",
            "-",
            "--date",
            "2026-11-27",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<!DOCTYPE html>"));
}

#[test]
fn swing_is_refused_where_it_changes_nothing() {
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--swing",
            "30",
            "-o",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--swing only changes `--kind sensitivity`",
        ));
}

#[test]
fn charts_too_small_to_read_are_refused() {
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--size",
            "400x300",
            "-o",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a chart must be from 480x320 to 8000x8000 pixels",
        ));
}
