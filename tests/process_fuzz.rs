//! Fuzzing the binary itself, process by process: mutated scenarios, catalogs and training
//! files through every command and chart kind, each run killed after a time limit. A hang, a
//! panic, an abort or a signal fails the test and names the case; so does an exit code other
//! than 0, 1 and 2, and an output file left behind by a run that failed. (tests/fuzz.rs fuzzes
//! in-process, faster, but cannot see an abort or a hang inside a library call it cannot
//! interrupt.)
//!
//! Deterministic: case `n` is generated from a ChaCha8 stream seeded with `n`. Each CI run
//! takes [`DEFAULT_CASES`]; a long run:
//!
//! ```sh
//! FUZZ_PROCESS_CASES=20000 cargo test --release --test process_fuzz -- --nocapture
//! ```

mod common;

use std::path::Path;
use std::time::Duration;

use common::fuzzing::{bundled_texts, mutate};
use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Cases in a normal test run: twenty for each of the sixteen commands below.
const DEFAULT_CASES: u64 = 320;

/// The longest one run may take (a debug build on a busy two-core machine; the slowest
/// command here takes about a second).
const RUN_LIMIT: Duration = Duration::from_secs(40);

/// What a case runs: the arguments after the scenario files, and the output it writes.
const COMMANDS: &[(&str, &[&str], Option<&str>)] = &[
    ("run", &["run", "--format", "table"], None),
    ("run json", &["run", "--format", "json"], None),
    ("run csv", &["run", "--format", "csv"], None),
    ("run markdown", &["run", "--format", "markdown"], None),
    ("explain", &["explain"], None),
    ("solve", &["solve"], None),
    (
        "sweep",
        &["sweep", "--vary", "calls_per_month=1000..1000000:7:log"],
        None,
    ),
    (
        "chart cumulative",
        &["chart", "--kind", "cumulative"],
        Some("c.svg"),
    ),
    (
        "chart volume",
        &["chart", "--kind", "volume"],
        Some("v.png"),
    ),
    (
        "chart sensitivity",
        &["chart", "--kind", "sensitivity"],
        Some("s.svg"),
    ),
    (
        "chart payback",
        &["chart", "--kind", "payback"],
        Some("p.svg"),
    ),
    ("chart fan", &["chart", "--kind", "fan"], Some("f.png")),
    ("chart map", &["chart", "--kind", "map"], Some("m.svg")),
    (
        "chart compare",
        &["chart", "--kind", "compare"],
        Some("k.svg"),
    ),
    ("report html", &["report"], Some("r.html")),
    ("report md", &["report"], Some("r.md")),
];

fn cases() -> u64 {
    std::env::var("FUZZ_PROCESS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// How a run ended, when that is a defect.
fn defect(out: &std::process::Output, dir: &Path, output: Option<&str>) -> Option<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("panicked") {
        return Some(format!("panicked: {stderr}"));
    }
    match out.status.code() {
        Some(0) => None,
        Some(1 | 2) => output
            .filter(|o| dir.join(o).exists())
            .map(|o| format!("failed but left {o} behind: {stderr}")),
        Some(code) => Some(format!("exit {code}: {stderr}")),
        // A run past its limit is killed: a hang (or an abort).
        None => Some(format!(
            "ended by a signal, a hang past {RUN_LIMIT:?} or an abort ({:?}): {stderr}",
            out.status
        )),
    }
}

/// Runs case `n` in `dir`: `Ok(true)` when the command succeeded, `Ok(false)` when it refused
/// the input as it should; `Err` says what went wrong.
fn one(n: u64, texts: &[(std::path::PathBuf, String)], dir: &Path) -> Result<bool, String> {
    let mut rng = ChaCha8Rng::seed_from_u64(n);
    let (name, args, output) = COMMANDS[(n % COMMANDS.len() as u64) as usize];
    let mut scenario = |file: &str| -> String {
        let (_, base) = &texts[(rng.next_u64() % texts.len() as u64) as usize];
        // One or two mutations: most inputs stay readable and reach the command's work.
        let mut text = base.clone();
        for _ in 0..=(rng.next_u64() % 2) {
            text = mutate(&text, &mut rng);
        }
        std::fs::write(dir.join(file), &text).expect("write");
        text
    };
    let mut files = vec!["a.toml"];
    let mut text = scenario("a.toml");
    if name == "chart compare" {
        text.push_str("\n---\n");
        text.push_str(&scenario("b.toml"));
        files.push("b.toml");
    }
    // The bundled dataset scenario names data/…: give it the bundled data beside it.
    let data = dir.join("data");
    if !data.exists() {
        std::fs::create_dir(&data).expect("dir");
        for f in std::fs::read_dir(common::scenarios_dir().join("data")).expect("data") {
            let f = f.expect("entry").path();
            std::fs::copy(&f, data.join(f.file_name().expect("name"))).expect("copy");
        }
    }
    if let Some(o) = output {
        let _ = std::fs::remove_file(dir.join(o));
        let _ = std::fs::remove_dir_all(dir.join("r.charts"));
    }
    let mut cmd = common::tunecalc_in(dir);
    cmd.timeout(RUN_LIMIT)
        .arg(args[0])
        .args(&files)
        .args(&args[1..])
        .args(["--samples", "300"]);
    if let Some(o) = output {
        cmd.args(["-o", o]);
    }
    let out = cmd.output().map_err(|e| format!("{name}: {e}"))?;
    match defect(&out, dir, output) {
        None => Ok(out.status.success()),
        Some(why) => Err(format!("case {n} ({name}) {why}\n--- input:\n{text}\n---")),
    }
}

#[test]
fn every_command_survives_mutated_inputs_in_a_process_of_its_own() {
    let texts = bundled_texts();
    let n = cases();
    // Two workers, each on its own folder, cases split by parity (deterministic per case).
    let (failures, succeeded): (Vec<String>, u64) = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2u64)
            .map(|w| {
                let texts = &texts;
                s.spawn(move || {
                    let dir = tempfile::tempdir().expect("dir");
                    let (mut failed, mut succeeded) = (Vec::new(), 0u64);
                    for case in (w..n).step_by(2) {
                        match one(case, texts, dir.path()) {
                            Ok(ok) => succeeded += u64::from(ok),
                            Err(why) => failed.push(why),
                        }
                    }
                    (failed, succeeded)
                })
            })
            .collect();
        workers
            .into_iter()
            .fold((Vec::new(), 0), |(mut all, ok), w| {
                let (failed, succeeded) = w
                    .join()
                    .unwrap_or_else(|_| (vec!["a worker panicked".into()], 0));
                all.extend(failed);
                (all, ok + succeeded)
            })
    });
    eprintln!(
        "process fuzz: {n} cases over {} commands, {succeeded} ran to the end, {} failed (panics, hangs, aborts, outputs left behind)",
        COMMANDS.len(),
        failures.len()
    );
    // Mutations leave most inputs readable: a harness whose every case is refused at the
    // door would test only the parser.
    assert!(
        succeeded * 4 >= n,
        "only {succeeded} of {n} cases got past the input checks"
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(3)].join("\n\n")
    );
}

#[test]
fn mutated_catalogs_and_training_files_survive_models_schema_and_data_check() {
    let catalog =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/google.toml"))
            .expect("catalog");
    let training =
        std::fs::read_to_string(common::scenarios_dir().join("data/ticket-triage.jsonl"))
            .expect("dataset");
    let training: String = training.lines().take(8).collect::<Vec<_>>().join("\n");
    let dir = tempfile::tempdir().expect("dir");
    let mut failures = Vec::new();
    let n = cases() / 4;
    for case in 0..n {
        let mut rng = ChaCha8Rng::seed_from_u64(case);
        let (args, base, file): (&[&str], &str, &str) = match case % 3 {
            0 => (
                &["models", "--all", "--catalog", "c.toml"],
                &catalog,
                "c.toml",
            ),
            1 => (&["schema", "--catalog", "c.toml"], &catalog, "c.toml"),
            _ => (&["data", "check", "t.jsonl"], &training, "t.jsonl"),
        };
        let mut text = base.to_string();
        for _ in 0..=(rng.next_u64() % 5) {
            text = mutate(&text, &mut rng);
        }
        std::fs::write(dir.path().join(file), &text).expect("write");
        let out = common::tunecalc_in(dir.path())
            .timeout(RUN_LIMIT)
            .args(args)
            .output()
            .expect("runs");
        if let Some(why) = defect(&out, dir.path(), None) {
            failures.push(format!(
                "case {case} ({args:?}) {why}\n--- input:\n{text}\n---"
            ));
        }
    }
    eprintln!(
        "process fuzz: {n} catalog and training cases, {} failed",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(3)].join("\n\n")
    );
}
