//! Every output format pinned on the bundled scenarios. Review changes with `cargo insta review`.

mod common;

fn output(args: &[&str]) -> String {
    let out = common::tunecalc().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn table_of_the_exercise() {
    insta::assert_snapshot!(output(&["run", "scenarios/exercise.toml"]));
}

#[test]
fn table_of_all_bundled_scenarios() {
    insta::assert_snapshot!(output(&["run", "scenarios/"]));
}

#[test]
fn markdown_of_all_bundled_scenarios() {
    insta::assert_snapshot!(output(&["run", "scenarios/", "--format", "markdown"]));
}

#[test]
fn json_of_all_bundled_scenarios() {
    insta::assert_snapshot!(output(&["run", "scenarios/", "--format", "json"]));
}

#[test]
fn csv_of_all_bundled_scenarios() {
    insta::assert_snapshot!(output(&["run", "scenarios/", "--format", "csv"]));
}

#[test]
fn explain_of_every_bundled_scenario() {
    let mut names: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
            .expect("scenarios dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
    names.sort();
    for name in names {
        let stem = name.trim_end_matches(".toml").to_string();
        let text = output(&["explain", &format!("scenarios/{name}")]);
        insta::assert_snapshot!(format!("explain_{stem}"), text);
    }
}

#[test]
fn output_is_byte_identical_between_runs() {
    for format in ["table", "markdown", "json", "csv"] {
        let a = output(&["run", "scenarios/", "--format", format]);
        let b = output(&["run", "scenarios/", "--format", format]);
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn models_table_of_the_catalog() {
    insta::assert_snapshot!(output(&["models", "--width", "0"]));
}

#[test]
fn models_cards_on_a_narrow_terminal() {
    insta::assert_snapshot!(output(&["models", "--all", "--width", "80"]));
}

#[test]
fn models_json_of_every_entry() {
    insta::assert_snapshot!(output(&["models", "--all", "--format", "json"]));
}

#[test]
fn models_csv_of_every_entry() {
    insta::assert_snapshot!(output(&["models", "--all", "--format", "csv"]));
}

#[test]
fn models_detail_of_one_entry() {
    insta::assert_snapshot!(output(&[
        "models",
        "vertex/gemini-3.1-flash-lite",
        "--width",
        "100"
    ]));
}
