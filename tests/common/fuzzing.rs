//! What the fuzz tests share: values that have broken calculators before, keys that reach
//! every table, structure-aware mutations of TOML-like text, and a harness that runs cases
//! with a time limit each (a hang fails the test, naming the case).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;

use rand_chacha::rand_core::Rng;
use rand_chacha::ChaCha8Rng;

/// Cases per kind of input in a normal test run.
pub const DEFAULT_CASES: u64 = 400;

pub fn cases() -> u64 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// The longest one in-process case may take (a debug build, on a busy two-core machine).
pub const CASE_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Values that have broken calculators before: zero, negatives, the ends of a decimal's
/// range, tiny and huge numbers, ranges and distributions at their edges, bad types.
pub const VALUES: &[&str] = &[
    "0",
    "-1",
    "1",
    "\"0\"",
    "\"-0.0000001\"",
    "79228162514264337593543950335",
    "\"79228162514264337593543950335\"",
    "\"0.0000000000000000000000000001\"",
    "1e30",
    "1e-30",
    "nan",
    "inf",
    "\"5%\"",
    "\"100%\"",
    "\"-100%\"",
    "\"1 to 1e27\"",
    "\"1e-9 to 1\"",
    "\"3 to 3\"",
    "\"8 to 3\"",
    "\"normal(0, 1e20)\"",
    "\"uniform(0, 0)\"",
    "\"pert(1, 1, 1)\"",
    "\"triangular(5, 1, 2)\"",
    "\"lognormal(1, 2)\"",
    "\"normal(6e28, 5e28)\"",
    "\"6e28 +- 5e28\"",
    "\"7.9e28%\"",
    "\"pert(-7.9e28, 0, 7.9e28)\"",
    "true",
    "[1, 2]",
    "{ a = 1 }",
    "\"\"",
    "\"\\u001b[2J\\u202e\"",
    "2027-01-01",
    "\"2026-13\"",
    "4294967296",
    "1200",
    "1201",
    "744",
    "0.5",
];

/// Keys to add, so mutations reach every table.
pub const KEYS: &[&str] = &[
    "examples",
    "cost",
    "cost_per_example",
    "price_per_1m_tokens",
    "tokens_per_example",
    "epochs",
    "runs",
    "retrain_every_months",
    "minimum_charge",
    "setup_cost",
    "calls_per_month",
    "monthly_growth",
    "max_calls_per_month",
    "start",
    "price_per_1k_calls",
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "input_price_per_1m_tokens",
    "hosting_per_hour",
    "hosting_hours_per_month",
    "storage_per_month",
    "model",
    "target_payback_months",
    "horizon_months",
    "confidence",
    "dataset",
    "\"usage.calls_per_month ~ usage.monthly_growth\"",
];

pub fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[(rng.next_u64() % items.len() as u64) as usize]
}

/// One mutation of TOML-like text: structure-aware (values, keys, lines) or raw bytes.
pub fn mutate(text: &str, rng: &mut ChaCha8Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len().max(1);
    let at = (rng.next_u64() % n as u64) as usize;
    match rng.next_u64() % 8 {
        // A value replaced.
        0..=2 => {
            if let Some(line) = lines.get_mut(at) {
                if let Some((k, _)) = line.split_once('=') {
                    *line = format!("{k}= {}", pick(rng, VALUES));
                }
            }
        }
        // A key added under some table.
        3 => lines.insert(at, format!("{} = {}", pick(rng, KEYS), pick(rng, VALUES))),
        // A line removed, duplicated or swapped.
        4 => {
            if at < lines.len() {
                lines.remove(at);
            }
        }
        5 => {
            if let Some(line) = lines.get(at).cloned() {
                lines.insert(at, line);
            }
        }
        6 => {
            let other = (rng.next_u64() % n as u64) as usize;
            if at < lines.len() && other < lines.len() {
                lines.swap(at, other);
            }
        }
        // Raw bytes: one changed, inserted or a slice cut.
        _ => {
            let mut bytes = lines.join("\n").into_bytes();
            if !bytes.is_empty() {
                let i = (rng.next_u64() % bytes.len() as u64) as usize;
                match rng.next_u64() % 3 {
                    0 => bytes[i] = (rng.next_u64() & 0xff) as u8,
                    1 => bytes.insert(i, (rng.next_u64() & 0xff) as u8),
                    _ => {
                        let end = (i + (rng.next_u64() % 40) as usize).min(bytes.len());
                        bytes.drain(i..end);
                    }
                }
            }
            return String::from_utf8_lossy(&bytes).into_owned();
        }
    }
    lines.join("\n")
}

pub fn bundled_texts() -> Vec<(PathBuf, String)> {
    let dir = super::scenarios_dir();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("scenario");
            (p, text)
        })
        .collect()
}

/// Runs cases `0..cases()` of `one` on a worker thread, each under [`CASE_LIMIT`]: a panic
/// is counted (and its input printed by `one`), a case that runs past the limit fails the
/// test at once, naming it (the hung worker is left behind; the test process ends anyway).
/// `counted` is read for the closing line ("… scenarios evaluated").
pub fn run_cases(
    what: &str,
    counted: &'static std::sync::atomic::AtomicU64,
    one: impl Fn(u64) + Send + 'static,
) {
    run_cases_within(what, counted, cases(), CASE_LIMIT, one);
}

/// [`run_cases`] with `n` cases and a limit of `limit` each.
pub fn run_cases_within(
    what: &str,
    counted: &'static std::sync::atomic::AtomicU64,
    n: u64,
    limit: std::time::Duration,
    one: impl Fn(u64) + Send + 'static,
) {
    let (tx, rx) = mpsc::channel::<(u64, bool)>();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    std::thread::spawn(move || {
        for case in 0..n {
            let ok = catch_unwind(AssertUnwindSafe(|| one(case))).is_ok();
            if tx.send((case, ok)).is_err() {
                return;
            }
        }
    });
    let mut failures = Vec::new();
    let mut done = 0;
    while done < n {
        match rx.recv_timeout(limit) {
            Ok((case, ok)) => {
                done += 1;
                if !ok {
                    failures.push(case);
                }
            }
            Err(_) => {
                std::panic::set_hook(hook);
                panic!(
                    "{what}: case {done} ran past {limit:?} (a hang); rerun it with its seed to see the input"
                );
            }
        }
    }
    std::panic::set_hook(hook);
    eprintln!(
        "fuzz {what}: {n} cases, {} panics, 0 hangs ({} evaluated so far)",
        failures.len(),
        counted.load(std::sync::atomic::Ordering::Relaxed)
    );
    assert!(
        failures.is_empty(),
        "{what}: cases {failures:?} panicked; rerun one with its seed to see the input"
    );
}
