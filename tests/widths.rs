//! The terminal table at the widths people have: every figure whole, blocks that repeat the
//! row labels, reasons wrapped, and widths that make no sense refused.

mod common;

use common::tunecalc;
use predicates::prelude::*;
use tunecalc::present::figures::rows;
use tunecalc::present::text::width;

fn table(args: &[&str]) -> String {
    let out = tunecalc().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_bundled_scenarios_read_at_80_120_and_200_columns_with_every_figure_whole() {
    let cases = common::bundled();
    let figures = rows(&cases, false);
    for columns in [80, 120, 200] {
        let text = table(&["run", "scenarios/", "--width", &columns.to_string()]);
        for line in text.lines() {
            assert!(
                width(line) <= columns,
                "a line of {} columns at --width {columns}: {line}",
                width(line)
            );
        }
        // Every figure of every scenario appears whole on one line, in its row.
        for row in &figures {
            for value in &row.values {
                let whole = text
                    .lines()
                    .filter(|l| l.contains(row.label))
                    .any(|l| l.contains(value.as_str()));
                assert!(
                    whole,
                    "{} = {value} is split at --width {columns}",
                    row.label
                );
            }
        }
    }
}

#[test]
fn scenarios_that_do_not_fit_are_printed_in_blocks_that_repeat_the_labels() {
    // Seven scenarios at 80 columns: several blocks, each with all nineteen row labels.
    let text = table(&["run", "scenarios/", "--width", "80"]);
    let blocks = text.matches("┌").count();
    assert!(blocks >= 3, "{blocks} blocks");
    assert_eq!(text.matches("Net savings at horizon").count(), blocks);
    // At 200 columns they need fewer blocks; with no limit, one.
    let wide = table(&["run", "scenarios/", "--width", "200"]);
    assert!(wide.matches("┌").count() < blocks);
    let one = table(&["run", "scenarios/", "--width", "0"]);
    assert_eq!(one.matches("┌").count(), 1);
}

#[test]
fn reasons_are_wrapped_to_the_width() {
    let text = table(&["run", "scenarios/exercise.toml", "--width", "80"]);
    // The consistency reason is longer than 80 columns: it wraps under its bullet.
    assert!(text.contains("  • consistency is worth paying for:"));
    assert!(text.lines().all(|l| width(l) <= 80));
}

#[test]
fn long_names_are_shortened_in_headers_and_whole_in_the_reasons() {
    let long = "A scenario whose name goes on and on about ticket triage for the support team";
    let out = tunecalc()
        .args(["run", "-", "--width", "80"])
        .write_stdin(common::EXERCISE.replace("name = \"exercise\"", &format!("name = \"{long}\"")))
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("…"), "the header is shortened");
    // The reasons' heading wraps at the width but keeps every word of the name.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!("Why, for {long}")), "{text}");
}

#[test]
fn absurd_widths_are_refused_with_the_range() {
    tunecalc()
        .args(["run", "scenarios/", "--width", "5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a table needs from 60 to 1000 characters (0 for no limit), found 5",
        ));
}

#[test]
fn verdicts_are_coloured_only_when_asked_or_on_a_terminal() {
    let coloured = table(&["run", "scenarios/exercise.toml", "--color", "always"]);
    // Tune for consistency in bold blue, stay with prompting in bold red.
    assert!(coloured.contains("\u{1b}[1;34m"), "{coloured}");
    assert!(coloured.contains("\u{1b}[1;31m"));
    // Piped (not a terminal), `auto` means none; so does `never`, and NO_COLOR.
    let plain = table(&["run", "scenarios/exercise.toml"]);
    assert!(!plain.contains('\u{1b}'));
    let never = table(&["run", "scenarios/exercise.toml", "--color", "never"]);
    assert!(!never.contains('\u{1b}'));
    let out = tunecalc()
        .env("NO_COLOR", "1")
        .args(["run", "scenarios/exercise.toml", "--color", "auto"])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}
