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

/// File names in `dir`, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_report_never_replaces_a_chart_folder_holding_what_tunecalc_did_not_write() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    std::fs::write(d.join("exercise.toml"), EXERCISE).expect("write");
    // A folder named like the report's charts, holding the user's notes.
    std::fs::create_dir(d.join("r.charts")).expect("dir");
    std::fs::write(d.join("r.charts/notes.txt"), "mine").expect("write");
    tunecalc_in(d)
        .args(["report", "exercise.toml", "-o", "r.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "r.charts holds files tunecalc did not write there (notes.txt)",
        ));
    assert_eq!(
        std::fs::read_to_string(d.join("r.charts/notes.txt")).expect("kept"),
        "mine"
    );
    assert!(!d.join("r.md").exists());
    // The scenarios being reported on, kept in that folder: `report r.charts/ -o r.md`
    // deleted them with the folder.
    std::fs::write(d.join("r.charts/a.toml"), EXERCISE).expect("write");
    tunecalc_in(d)
        .args(["report", "r.charts/", "-o", "r.md"])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(d.join("r.charts/a.toml")).expect("kept"),
        EXERCISE
    );
    // A regular file where the folder would go.
    std::fs::write(d.join("s.charts"), "a file").expect("write");
    tunecalc_in(d)
        .args(["report", "exercise.toml", "-o", "s.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "s.charts is there and is not a folder",
        ));
    assert_eq!(
        std::fs::read_to_string(d.join("s.charts")).expect("kept"),
        "a file"
    );
    // A folder tunecalc wrote is replaced by the next report, and lists what it holds.
    tunecalc_in(d)
        .args(["report", "exercise.toml", "-o", "t.md"])
        .assert()
        .success();
    tunecalc_in(d)
        .args(["report", "exercise.toml", "-o", "t.md"])
        .assert()
        .success();
    let listed =
        std::fs::read_to_string(d.join("t.charts/.written-by-tunecalc")).expect("manifest");
    assert_eq!(listed, "1-cumulative.svg\n1-volume.svg\n1-map.svg\n");
}

#[test]
fn every_file_read_is_an_input_no_output_replaces() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    // A catalog of one's own, and a ranged scenario measured from a dataset.
    std::fs::write(
        d.join("mine.toml"),
        "[[model]]\nid = \"me/model\"\nprovider = \"me\"\ntunable = true\ntraining_price_per_1m_tokens = \"1\"\ntuned_input_per_1m = \"0.1\"\ntuned_output_per_1m = \"0.2\"\nbase_input_per_1m = \"0.1\"\nbase_output_per_1m = \"0.2\"\nsource = \"me\"\nevidence = \"primary\"\nsource_as_of = \"2026-11-01\"\nchecked = \"2026-11-01\"\n",
    )
    .expect("catalog");
    let line = r#"{"messages": [{"role": "user", "content": "Where is my parcel?"}, {"role": "assistant", "content": "route: shipping"}]}"#;
    std::fs::write(d.join("train.jsonl"), format!("{line}\n").repeat(60)).expect("data");
    std::fs::write(
        d.join("s.toml"),
        "name = \"s\"\n[training]\ndataset = \"train.jsonl\"\nprice_per_1m_tokens = \"5\"\n[usage]\ncalls_per_month = \"5000 to 20000\"\n[prompting]\nprice_per_1k_calls = \"0.05\"\n[tuned]\nprice_per_1k_calls = \"0.02\"\n",
    )
    .expect("scenario");
    let before = |f: &str| std::fs::read(d.join(f)).expect("read");
    let (catalog, data) = (before("mine.toml"), before("train.jsonl"));
    for out in ["mine.toml", "train.jsonl"] {
        tunecalc_in(d)
            .args([
                "run",
                "s.toml",
                "--catalog",
                "mine.toml",
                "--samples",
                "200",
                "--samples-out",
                out,
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "is one of the inputs tunecalc read",
            ));
    }
    tunecalc_in(d)
        .args(["schema", "--catalog", "mine.toml", "-o", "mine.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is one of the inputs tunecalc read",
        ));
    assert_eq!(before("mine.toml"), catalog);
    assert_eq!(before("train.jsonl"), data);
}

#[cfg(unix)]
#[test]
fn a_device_or_a_link_is_written_through_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    // A link to /dev/null: `schema -o` and `--samples-out` once turned the machine's
    // /dev/null into a regular file (as root). The device is written to, the link stays.
    std::os::unix::fs::symlink("/dev/null", d.join("null")).expect("link");
    std::fs::write(
        d.join("u.toml"),
        EXERCISE.replace("10000", "\"5000 to 20000\""),
    )
    .expect("s");
    tunecalc_in(d)
        .args(["schema", "-o", "null"])
        .assert()
        .success();
    tunecalc_in(d)
        .args(["run", "u.toml", "--samples", "100", "--samples-out", "null"])
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(d.join("null"))
        .expect("link")
        .file_type()
        .is_symlink());
    assert!(std::fs::metadata("/dev/null")
        .expect("null")
        .file_type()
        .is_char_device());
    // A link to a regular file: the file gets the new content, the link stays a link.
    std::fs::write(d.join("real.json"), "old").expect("write");
    std::os::unix::fs::symlink("real.json", d.join("schema.json")).expect("link");
    tunecalc_in(d)
        .args(["schema", "-o", "schema.json"])
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(d.join("schema.json"))
        .expect("link")
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(d.join("real.json"))
        .expect("target")
        .contains("\"$schema\""));
    assert_eq!(names(d), ["null", "real.json", "schema.json", "u.toml"]);
}

#[test]
fn temporaries_of_a_killed_run_are_swept_by_the_next_write() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    // A run killed with SIGKILL left these; process 4,000,000,000 does not exist. A live
    // process's temporary (this test's own id), a young one without an id (tunecalc before
    // ids were added), and a user's file that merely starts alike are left alone.
    std::fs::write(d.join(".tunecalc-4000000000-a1b2c3.tmp"), "stale").expect("write");
    std::fs::create_dir(d.join(".tunecalc-4000000000-d4e5f6")).expect("dir");
    std::fs::write(d.join(".tunecalc-4000000000-d4e5f6/charts"), "stale").expect("write");
    let live = format!(".tunecalc-{}-g7h8i9.tmp", std::process::id());
    std::fs::write(d.join(&live), "live").expect("write");
    std::fs::write(d.join(".tunecalc-j1k2l3.tmp"), "young").expect("write");
    std::fs::write(d.join(".tunecalc-notes"), "mine").expect("write");
    std::fs::write(d.join("e.toml"), EXERCISE).expect("write");
    tunecalc_in(d)
        .args(["chart", "e.toml", "-o", "e.svg"])
        .assert()
        .success();
    let mut want = vec![
        ".tunecalc-j1k2l3.tmp",
        ".tunecalc-notes",
        "e.svg",
        "e.toml",
        live.as_str(),
    ];
    want.sort_unstable();
    assert_eq!(names(d), want);
}

#[cfg(unix)]
#[test]
fn an_interrupted_report_leaves_no_temporaries() {
    // SIGTERM while the report is being written: its temporary folder goes with it, and
    // the exit status is the shell's 128 + 15.
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    for i in 0..150 {
        std::fs::write(d.join(format!("s{i:03}.toml")), EXERCISE).expect("write");
    }
    let mut child = std::process::Command::new(common::binary())
        .current_dir(d)
        .env("TUNECALC_DATE", common::TODAY)
        .args(["report", ".", "-o", "r.md"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    // Signal as soon as the temporary folder appears (or after a moment, if it never does).
    let begun = std::time::Instant::now();
    while begun.elapsed() < common::LIMIT {
        let staged = names(d).iter().any(|n| n.starts_with(".tunecalc-"));
        if staged || begun.elapsed() > std::time::Duration::from_secs(20) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let pid = child.id().to_string();
    let mut kill = std::process::Command::new("kill");
    kill.args(["-TERM", &pid]);
    common::limited(kill).assert().success();
    let waited = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if waited.elapsed() > common::LIMIT {
            let _ = child.kill();
            panic!("the report did not end after SIGTERM");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    // Ended by its own handler (or finished before the signal came).
    assert!(status.code() == Some(143) || status.success(), "{status:?}");
    assert!(
        !names(d).iter().any(|n| n.starts_with(".tunecalc-")),
        "{:?}",
        names(d)
    );
}

/// Runs a shell line with the built binary as `$T`, from the project's root.
fn shell(line: &str) -> std::process::Output {
    let mut sh = std::process::Command::new("bash");
    sh.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("T", common::binary())
        .env("TUNECALC_DATE", common::TODAY)
        .args(["-c", line]);
    common::limited(sh).output().expect("bash runs")
}

#[test]
fn output_that_is_lost_is_a_failure() {
    // Standard output closed before tunecalc starts: every command that prints exited 0
    // having written nothing.
    for args in [
        "run scenarios/exercise.toml",
        "run scenarios/exercise.toml --format json",
        "explain scenarios/exercise.toml",
        "solve scenarios/exercise.toml",
        "sweep scenarios/exercise.toml --vary calls_per_month=1000..100000",
        "models",
        "schema",
        "data check scenarios/data/broken.jsonl",
        "chart scenarios/exercise.toml -o -",
        "report scenarios/exercise.toml -o -",
        "completions bash",
        "man",
        "--help",
        "--version",
        "run --help",
    ] {
        let out = shell(&format!("$T {args} >&-"));
        assert_eq!(out.status.code(), Some(1), "{args}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("standard output is closed"),
            "{args}: {out:?}"
        );
    }
    // A full disk: the help cannot be written.
    for args in ["--help", "--version", "run scenarios/exercise.toml"] {
        let out = shell(&format!("$T {args} > /dev/full"));
        assert_eq!(out.status.code(), Some(1), "{args}: {out:?}");
    }
    // A user's own `> /dev/null` is a choice, not a loss.
    let out = shell("$T run scenarios/exercise.toml > /dev/null");
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_closed_pipe_stops_the_work_at_once_and_quietly() {
    // 300 copies of the bundled scenarios, ranged ones sampled 100,000 times each: `head -1`
    // needs the first line only, and the rest is never computed.
    let many = vec!["scenarios/"; 300].join(" ");
    for format in ["table", "json", "csv", "markdown"] {
        let begun = std::time::Instant::now();
        let out = shell(&format!(
            "set -o pipefail; $T run {many} --format {format} | head -1 > /dev/null"
        ));
        let took = begun.elapsed();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        // Warnings (the table's, on stderr) but no error.
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("error") && !err.contains("panicked"),
            "{format}"
        );
        // Generous for a debug build on a busy machine: the whole work takes minutes.
        assert!(
            took < std::time::Duration::from_secs(20),
            "{format}: {took:?}"
        );
    }
}

#[test]
fn a_key_nested_two_hundred_deep_is_pointed_at() {
    // It said "recursion limit", with no line, column or fix.
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("deep.toml"),
        format!("name = \"x\"\na{} = 1\n", ".a".repeat(200)),
    )
    .expect("write");
    tunecalc_in(dir.path())
        .args(["run", "deep.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "deep.toml:2:1: nested more than 32 levels deep",
        ))
        .stderr(predicate::str::contains("= help:"));
}

#[test]
fn a_number_with_thousands_separators_suggests_the_plain_one() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("c.toml"),
        EXERCISE.replace("calls_per_month = 10000", "calls_per_month = \"10,000\""),
    )
    .expect("write");
    tunecalc_in(dir.path())
        .args(["run", "c.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "c.toml:7:19: usage.calls_per_month",
        ))
        .stderr(predicate::str::contains(
            "write it without separators: 10000",
        ));
}

#[test]
fn a_sweep_too_large_to_compute_blames_the_vary_values() {
    // It pointed at the file's `calls_per_month = 10000`, which is fine.
    common::tunecalc()
        .args([
            "sweep",
            "scenarios/exercise.toml",
            "--vary",
            "calls_per_month=1..70000000000000000000000000000",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: --vary calls_per_month=1..70000000000000000000000000000: at ",
        ))
        .stderr(predicate::str::contains("give a smaller range"))
        .stderr(predicate::str::contains("exercise.toml:").not());
    common::tunecalc()
        .args([
            "sweep",
            "scenarios/growing-volume.toml",
            "--vary",
            "monthly_growth=0%..30%:3",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "payback in months as monthly growth varies;",
        ));
}

#[test]
fn new_refuses_a_hostile_name_before_writing_and_quotes_what_it_suggests() {
    let dir = tempfile::tempdir().expect("dir");
    tunecalc_in(dir.path())
        .args(["new", "a\u{1b}[31mred"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("control or invisible character"));
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    tunecalc_in(dir.path())
        .args(["new", "My Task"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "run `tunecalc explain 'My Task.toml'`",
        ));
    // Options `new` has no use for are not in its help.
    let help = tunecalc_in(dir.path())
        .args(["new", "--help"])
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        !help.contains("--samples") && !help.contains("--seed"),
        "{help}"
    );
}

#[test]
fn a_price_the_catalog_lacks_is_a_placeholder_warned_about_by_name() {
    // `new --model` wrote cost = "20" and every output presented $20.00 as the job's price.
    let dir = tempfile::tempdir().expect("dir");
    tunecalc_in(dir.path())
        .args(["new", "flash", "--model", "vertex/gemini-3.5-flash-lite"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("flash.toml")).expect("written");
    assert!(
        text.contains("placeholders = [\"training.cost\"]"),
        "{text}"
    );
    let warned = "training.cost = 20 is a placeholder, not a real figure";
    tunecalc_in(dir.path())
        .args(["run", "flash.toml"])
        .assert()
        .success()
        .stderr(predicate::str::contains(warned));
    tunecalc_in(dir.path())
        .args(["run", "flash.toml", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(warned));
    // Replaced and removed from the list: no warning.
    let fixed = text
        .replace("placeholders = [\"training.cost\"]", "")
        .replace("cost = \"20\"", "cost = \"31\"");
    std::fs::write(dir.path().join("flash.toml"), fixed).expect("write");
    tunecalc_in(dir.path())
        .args(["run", "flash.toml"])
        .assert()
        .success()
        .stderr(predicate::str::contains("placeholder").not());
    // A name that is not an input is refused where it is written.
    std::fs::write(
        dir.path().join("bad.toml"),
        EXERCISE.replace(
            "name = \"exercise\"",
            "name = \"exercise\"\nplaceholders = [\"training.costs\"]",
        ),
    )
    .expect("write");
    tunecalc_in(dir.path())
        .args(["run", "bad.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "placeholders: \"training.costs\" is not an input",
        ))
        .stderr(predicate::str::contains("did you mean \"training.cost\"?"));
}

#[test]
fn a_model_retiring_inside_the_horizon_is_said_with_the_months_it_serves() {
    // gpt-4.1-mini from December 2026: 1.42 of the 24 months (to 2027-01-14: 1 + 13/31).
    let out = common::tunecalc()
        .args(["run", "scenarios/openai-shutdown.toml"])
        .output()
        .expect("runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        stderr.contains("openai/gpt-4.1-mini-2025-04-14 retires on 2027-01-14, 1.42 months into the 24-month horizon: savings stop then; plan a migration or a retune"),
        "{stderr}"
    );
    assert!(stdout.contains("1.42 of 24 months"), "{stdout}");
    assert!(
        stdout.contains("(the tuned model serves 1.42 months of them)"),
        "{stdout}"
    );
    let dir = tempfile::tempdir().expect("dir");
    let page = dir.path().join("r.html");
    common::tunecalc()
        .args(["report", "scenarios/openai-shutdown.toml", "-o"])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("report");
    assert!(html.contains("plan a migration or a retune"));
}

#[test]
fn every_format_character_is_refused_and_file_names_are_escaped_everywhere() {
    let dir = tempfile::tempdir().expect("dir");
    // A soft hyphen, an Arabic letter mark, a tag character, a line separator: each was let
    // through and reached every output.
    for c in ['\u{00AD}', '\u{061C}', '\u{E0041}', '\u{2028}', '\u{FFF9}'] {
        let text = EXERCISE.replace("name = \"exercise\"", &format!("name = \"ex{c}ercise\""));
        std::fs::write(dir.path().join("c.toml"), text).expect("write");
        tunecalc_in(dir.path())
            .args(["run", "c.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "control or invisible formatting character",
            ));
    }
    // A file name holding ESC and BEL, and one holding a right-to-left override.
    let hostile = "r\u{1b}[31m\u{7}\u{202e}.toml";
    std::fs::write(dir.path().join(hostile), EXERCISE).expect("write");
    for format in ["csv", "json", "markdown", "table"] {
        let out = tunecalc_in(dir.path())
            .args(["run", hostile, "--format", format])
            .output()
            .expect("runs");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("utf-8");
        for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!text.contains(raw), "{format} holds {raw:?}: {text}");
        }
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
            assert_eq!(
                v["scenarios"][0]["file"], hostile,
                "the same value, escaped"
            );
        }
    }
    // A Markdown report whose name holds an escape: its chart links are percent-encoded.
    let report = "b\u{1b}.md".to_string();
    tunecalc_in(dir.path())
        .args(["report", hostile, "-o", &report])
        .assert()
        .success();
    let md = std::fs::read_to_string(dir.path().join(&report)).expect("report");
    assert!(!md.contains('\u{1b}'), "raw escape in the Markdown report");
    assert!(md.contains("b%1B.charts/1-cumulative.svg"), "{md}");
}

#[test]
fn a_legacy_prompt_completion_line_is_named_as_such() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("old.jsonl"),
        "{\"prompt\": \"Where is my parcel?\", \"completion\": \"route: shipping\"}\n",
    )
    .expect("write");
    tunecalc_in(dir.path())
        .args(["data", "check", "old.jsonl"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("a legacy prompt/completion line"));
}
