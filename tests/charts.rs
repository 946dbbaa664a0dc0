//! Charts: every kind for every bundled scenario, SVG content checked by assertion, PNG
//! decoded, and bad requests refused without touching the output.

mod common;

use common::tunecalc;

use predicates::prelude::*;
use rust_decimal::Decimal;
use std::path::Path;
use tunecalc::analysis::{plot, Kind};
use tunecalc::chart::{render_png, render_svg};
use tunecalc::engine::Case;

const SIZE: (u32, u32) = (1000, 600);

fn draw(kind: Kind, cases: &[Case]) -> String {
    let p = plot(kind, cases, Decimal::new(2, 1)).expect("analyses");
    render_svg(&p, cases, SIZE).expect("draws")
}

fn svg(kind: Kind, file: &str) -> String {
    draw(kind, &[common::bundled_case(file)])
}

#[test]
fn every_kind_renders_for_every_bundled_scenario_in_both_formats() {
    let cases = common::bundled();
    for c in &cases {
        for kind in [Kind::Cumulative, Kind::Volume, Kind::Sensitivity] {
            let one = std::slice::from_ref(c);
            let text = draw(kind, one);
            assert!(text.starts_with("<svg"), "{kind:?} {}", c.scenario.name);
            // A long name wraps onto a second title line: every word is there.
            for word in c.scenario.name.split_whitespace() {
                assert!(text.contains(word), "title names {}", c.scenario.name);
            }
            assert!(
                !text.contains('…'),
                "{kind:?} title of {} whole",
                c.scenario.name
            );
            let p = plot(kind, one, Decimal::new(2, 1)).expect("analyses");
            let png = render_png(&p, one, SIZE).expect("png draws");
            let decoder = png::Decoder::new(std::io::Cursor::new(png));
            let reader = decoder.read_info().expect("a valid PNG");
            assert_eq!((reader.info().width, reader.info().height), SIZE);
        }
    }
    let text = draw(Kind::Compare, &cases);
    for c in &cases {
        let shown: String = c.scenario.name.chars().take(39).collect();
        assert!(text.contains(&shown), "compare shows {}", c.scenario.name);
    }
}

#[test]
fn cumulative_chart_of_the_exercise_marks_month_67_and_the_target() {
    let text = svg(Kind::Cumulative, "exercise.toml");
    // Payback 66.67 months lies beyond the 36-month horizon, so the chart is extended.
    assert!(
        text.contains("pays back in month 67"),
        "break-even annotation"
    );
    assert!(text.contains("target: 12 months"));
    assert!(text.contains("Cumulative cost (USD)"));
    assert!(text.contains("Months from the decision"));
    assert!(text.contains("Prompting: long prompt on the base model"));
    assert!(text.contains("Tuning: training, tuned calls and hosting"));
    // The lines cross where prompting's 66.67 months × $0.50 = $33.33 meets tuning's
    // $20 + 66.67 × $0.20 = $33.33.
    assert!(text.contains("($33.33)"));
}

#[test]
fn a_scenario_that_never_pays_back_says_so_in_the_evaluations_words() {
    // The subtitle is the verdict and its reason, as every other output words them.
    let text = svg(Kind::Cumulative, "output-heavy.toml");
    assert!(text.contains("Tuning never pays back — Product descriptions"));
    assert!(text.contains(
        "Stay with prompting: tuning never pays back; a tuned call costs $0.000975 but a"
    ));
    let text = svg(Kind::Cumulative, "azure-hourly-hosting.toml");
    assert!(text.contains("hosting costs $1,224.00 a month"));
    // Money ticks carry thousands separators.
    assert!(text.contains("$10,000"), "money axis");
}

#[test]
fn retraining_steps_show_in_the_legend() {
    let text = svg(Kind::Cumulative, "retraining-nova-micro.toml");
    assert!(text.contains("Tuning: training, retraining, tuned calls and hosting"));
    assert!(
        text.contains("retraining every 3 months"),
        "the retraining interval is the window"
    );
}

#[test]
fn volume_chart_labels_today_and_the_target_crossing() {
    let text = svg(Kind::Volume, "exercise.toml");
    assert!(text.contains("today: 10,000 calls/month, 66.67 months"));
    // (20 / 12) / 0.00003 = 55,555.6 → 55,556 calls a month.
    assert!(text.contains("55,556 calls/month pays back in 12 months"));
    assert!(text.contains("target: 12 months"));
    assert!(text.contains("log scale"));
    // When the model retires first, the line is the retirement, and says so.
    let text = svg(Kind::Volume, "openai-shutdown.toml");
    assert!(text.contains("tuned model retires: 2027-01-14 (1.42 months)"));
    let text = svg(Kind::Volume, "output-heavy.toml");
    assert!(
        text.contains("No volume pays back: a tuned call costs at least as much as a prompted one")
    );
}

#[test]
fn the_growing_scenario_shows_one_volume_target_everywhere() {
    // 20 % growth: the constant-volume formula would say 250 / 12 / 0.0004 = 52,084; with
    // growth, month 1 needs only c with 0.0004 × c × (1.2^12 − 1) / 0.2 ≥ 250, i.e.
    // c ≥ 250 × 0.2 / (0.0004 × 7.9161…) = 15,790.3… → 15,791 calls.
    let c = common::bundled_case("growing-volume.toml");
    assert_eq!(c.eval.calls_per_month_for_target, Some(15_791));
    let text = svg(Kind::Volume, "growing-volume.toml");
    assert!(
        text.contains("15,791 calls/month pays back in 12 months"),
        "chart"
    );
    let table = tunecalc::render::render(
        tunecalc::render::Format::Table,
        std::slice::from_ref(&c),
        None,
        tunecalc::render::table::Paint(false),
    );
    assert!(
        table.contains("15,791") && !table.contains("52,084"),
        "table"
    );
    let explain = tunecalc::render::explain::render(&c);
    assert!(explain.contains("15,791 calls a month"), "explain");
}

#[test]
fn the_volume_chart_reaches_a_volume_far_above_the_need() {
    // 10,000,000 calls a month pays back the exercise in 20 / 300 = 0.07 months; the chart
    // must show the need (55,556) and today's volume, not claim nothing pays back.
    let c = common::case(
        &common::EXERCISE.replace("calls_per_month = 10000", "calls_per_month = 10000000"),
    );
    let text = draw(Kind::Volume, &[c]);
    assert!(
        text.contains("today: 10,000,000 calls/month, 0.07 months"),
        "today"
    );
    assert!(
        text.contains("55,556 calls/month pays back in 12 months"),
        "need"
    );
    assert!(!text.contains("No volume"));
}

#[test]
fn sensitivity_of_the_exercise_ranks_the_prompting_price_first() {
    // Worked by hand, payback = 20 / ((p − t) × 10):
    //   prompting 0.04 / 0.06 → 100 / 50 months (spread 50)
    //   calls 8,000 / 12,000 → 83.33 / 55.56 (27.78)
    //   training 16 / 24 → 53.33 / 80 (26.67)
    //   tuned 0.016 / 0.024 → 58.82 / 76.92 (18.10)
    let c = common::bundled_case("exercise.toml");
    let t = tunecalc::analysis::whatif::tornado(&c, Decimal::new(2, 1));
    let order: Vec<String> = t
        .bars
        .iter()
        .map(|b| tunecalc::present::words::key_label(b.key))
        .collect();
    assert_eq!(
        order,
        [
            "prompting price per 1k calls",
            "calls per month",
            "training cost per job",
            "tuned price per 1k calls"
        ]
    );
    assert_eq!(t.bars[0].low, Some(Decimal::from(100)));
    assert_eq!(t.bars[0].high, Some(Decimal::from(50)));
    let text = svg(Kind::Sensitivity, "exercise.toml");
    for label in [
        "100.00 mo",
        "50.00 mo",
        "83.33 mo",
        "55.56 mo",
        "53.33 mo",
        "80.00 mo",
        "58.82 mo",
        "76.92 mo",
    ] {
        assert!(text.contains(label), "{label}");
    }
    assert!(text.contains("What moves payback (±20 %) — Check your understanding"));
}

#[test]
fn sensitivity_without_payback_measures_net_savings() {
    let text = svg(Kind::Sensitivity, "output-heavy.toml");
    assert!(text.contains("What moves net savings"));
    // Tuned $0.000975 vs prompted $0.0008 a call: −$8.75 a month on 50,000 calls, saved only
    // until vertex/gemini-3.1-flash-lite retires (5.19 months), less $4.05 training:
    // −8.75 × 5.193 − 4.05 = −$49.49.
    assert!(text.contains("Net savings at 36 months, USD (base case -$49.49)"));
}

#[test]
fn the_same_scenario_gives_a_byte_identical_svg() {
    for kind in [Kind::Cumulative, Kind::Volume, Kind::Sensitivity] {
        assert_eq!(
            svg(kind, "growing-volume.toml"),
            svg(kind, "growing-volume.toml")
        );
    }
}

#[test]
fn chart_command_writes_svg_and_png_by_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg_path = dir.path().join("out.svg");
    let png_path = dir.path().join("out.png");
    tunecalc()
        .args(["chart", "scenarios/exercise.toml", "-o"])
        .arg(&svg_path)
        .assert()
        .success();
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--kind",
            "volume",
            "--size",
            "800x400",
            "-o",
        ])
        .arg(&png_path)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg_path)
        .expect("svg")
        .contains("pays back in month 67"));
    let png = std::fs::read(&png_path).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("valid");
    assert_eq!((reader.info().width, reader.info().height), (800, 400));
}

#[test]
fn chart_to_stdout_is_svg() {
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--kind",
            "sensitivity",
            "--swing",
            "30",
            "-o",
            "-",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<svg"))
        .stdout(predicate::str::contains("±30 %"));
}

#[test]
fn compare_draws_several_and_refuses_one() {
    tunecalc()
        .args(["chart", "scenarios/", "--kind", "compare", "-o", "-"])
        .assert()
        .success()
        // 36 × 0.30 − 20 = −9.20 → "-$9" on a chart whose amounts span thousands.
        .stdout(predicate::str::contains("-$9 over 36 mo"));
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "--kind",
            "compare",
            "-o",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--kind compare needs two or more scenarios",
        ));
    tunecalc()
        .args([
            "chart",
            "scenarios/exercise.toml",
            "scenarios/output-heavy.toml",
            "-o",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--kind cumulative draws one scenario, but 2 were given",
        ));
}

#[test]
fn bad_chart_requests_exit_2_and_leave_no_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    tunecalc()
        .args(["chart", "scenarios/exercise.toml", "--kind", "pie"])
        .assert()
        .code(2);
    let gif = dir.path().join("out.gif");
    tunecalc()
        .args(["chart", "scenarios/exercise.toml", "-o"])
        .arg(&gif)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name the output .svg or .png"));
    assert!(!gif.exists());
    let nowhere = dir.path().join("missing-dir").join("out.svg");
    // Bad usage exits 2; an output that cannot be written is work that failed: 1.
    tunecalc()
        .args(["chart", "scenarios/exercise.toml", "-o"])
        .arg(&nowhere)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
    tunecalc()
        .args(["chart", "scenarios/exercise.toml", "--size", "10x10"])
        .assert()
        .code(2);
    tunecalc()
        .args(["chart", "scenarios/exercise.toml", "--swing", "150"])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_failed_chart_keeps_the_previous_file_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("chart.svg");
    std::fs::write(&out, "previous chart").expect("write");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\n[training]\nexamples = \"many\"\n").expect("write");
    tunecalc()
        .arg("chart")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&out).expect("kept"),
        "previous chart"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left behind: {names:?}");
    assert!(Path::new(&out).exists());
}
