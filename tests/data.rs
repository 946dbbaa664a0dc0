//! `tunecalc data check`, as a team runs it on a training file before uploading it: every bad
//! line found in one pass with its line and column, tokens counted as OpenAI counts them, and a
//! scenario that takes its training figures from the file.
//!
//! Token counts in these tests were worked by hand from OpenAI's chat framing (3 tokens per
//! message + the role + the content, +1 and the name for a name, +3 per example) and the
//! per-text counts that Python's `tiktoken` gives (noted next to each figure).

mod common;

use common::tunecalc;
use predicates::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file in a fresh temporary directory.
fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// `data check` on a file, as JSON: the one file's object.
fn json(path: &Path, extra: &[&str]) -> serde_json::Value {
    let out = tunecalc()
        .args(["data", "check", "--format", "json"])
        .arg(path)
        .args(extra)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["files"][0].clone()
}

/// System "You route tickets." (o200k: 4), user "My order is late" (4), assistant "shipping"
/// (1): (3+1+4) + (3+1+4) + (3+1+1) + 3 = 24 tokens.
const ROUTE: &str = r#"{"messages": [{"role": "system", "content": "You route tickets."}, {"role": "user", "content": "My order is late"}, {"role": "assistant", "content": "shipping"}]}"#;
/// User "Refund please" (o200k: 2, cl100k: 3), assistant "billing" (1):
/// o200k (3+1+2) + (3+1+1) + 3 = 14; cl100k 15.
const REFUND: &str = r#"{"messages": [{"role": "user", "content": "Refund please"}, {"role": "assistant", "content": "billing"}]}"#;
/// User "Where is my parcel? It was due on Monday." (11) named "agent_7" (3), assistant
/// "shipping" (1): (3+1+11 + 1+3) + (3+1+1) + 3 = 27.
const NAMED: &str = r#"{"messages": [{"role": "user", "content": "Where is my parcel? It was due on Monday.", "name": "agent_7"}, {"role": "assistant", "content": "shipping"}]}"#;

/// A file broken the ways real ones are: a missing comma, a blank line, a misspelt role, a
/// conversation without an answer, an empty message, a list, a copy of line 1, a line in
/// Vertex's format, an unknown key.
const BROKEN: &str = concat!(
    r#"{"messages": [{"role": "system", "content": "You route tickets."}, {"role": "user", "content": "My order is late"}, {"role": "assistant", "content": "shipping"}]}"#,
    "\n",
    r#"{"messages": [{"role": "user", "content": "Refund please"} {"role": "assistant", "content": "billing"}]}"#,
    "\n\n",
    r#"{"messages": [{"role": "user", "content": "Refund please"}, {"role": "asistant", "content": "billing"}]}"#,
    "\n",
    r#"{"messages": [{"role": "user", "content": "Where is it?"}]}"#,
    "\n",
    r#"{"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": "x"}]}"#,
    "\n[1, 2]\n",
    r#"{"messages": [{"role": "system", "content": "You route tickets."}, {"role": "user", "content": "My order is late"}, {"role": "assistant", "content": "shipping"}]}"#,
    "\n",
    r#"{"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}"#,
    "\n",
    r#"{"messages": [{"role": "user", "content": "hi", "extra": 1}, {"role": "assistant", "content": "x"}]}"#,
    "\n",
);

#[test]
fn every_bad_line_of_a_broken_file_is_found_with_its_line_and_column() {
    let dir = tempfile::tempdir().expect("dir");
    let path = file(&dir, "train.jsonl", BROKEN.as_bytes());
    let out = tunecalc()
        .args(["data", "check"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "bad lines fail the check");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let p = path.display();
    // Columns counted by hand: line 2's second message starts after
    // `{"messages": [` (14) + the first message (44) + a space: column 60. Line 4's misspelt
    // role value starts at 70; line 5's only message at 15; line 6's empty content at 43.
    for expected in [
        format!("{p}:2:60: error: not valid JSON: expected `,` or `]`"),
        format!("{p}:4:70: error: messages[1].role: unknown role \"asistant\": OpenAI messages are \"system\", \"user\" or \"assistant\" (did you mean \"assistant\"?)"),
        format!("{p}:5:15: error: messages[0]: the conversation must end with the assistant's message"),
        format!("{p}:6:43: error: messages[0].content: empty text"),
        format!("{p}:7:1: error: not an object: expected an object, found a list"),
        format!("{p}:9:1: error: this line is in the vertex format, but the file is openai"),
        format!("{p}:10:49: error: messages[0].extra: unknown key `extra`"),
        format!("{p}:3: warning: blank line"),
        format!("{p}:8: warning: the same example as line 1"),
        format!("{p}: openai, 2 valid examples, 7 bad lines, 2 warnings"),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
    }
    // The caret sits under the column: under the `{` that lacks a comma before it.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("2 | "))
        .expect("line 2 quoted");
    let caret = lines[at + 1]
        .chars()
        .position(|c| c == '^')
        .expect("a caret");
    let under: String = lines[at].chars().skip(caret).take(8).collect();
    assert_eq!(under, "{\"role\":");
}

#[test]
fn max_errors_shows_the_first_ones_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("dir");
    let path = file(&dir, "train.jsonl", BROKEN.as_bytes());
    let v = json(&path, &["--max-errors", "2"]);
    let bad = v["bad_lines"].as_array().expect("bad lines");
    assert_eq!(bad.len(), 2);
    assert_eq!(
        (bad[0]["line"].as_u64(), bad[0]["column"].as_u64()),
        (Some(2), Some(60))
    );
    assert_eq!(
        (bad[1]["line"].as_u64(), bad[1]["column"].as_u64()),
        (Some(4), Some(70))
    );
    assert_eq!(v["bad_lines_total"], 7);
    tunecalc()
        .args(["data", "check", "--max-errors", "2"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "… and 5 more bad lines (--max-errors shows more)",
        ));
}

#[test]
fn openai_tokens_are_counted_exactly_with_chat_framing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = file(
        &dir,
        "train.jsonl",
        format!("{ROUTE}\n{REFUND}\n{NAMED}\n").as_bytes(),
    );
    let v = json(&path, &[]);
    assert_eq!(v["dialect"], "openai");
    assert_eq!(v["examples"], 3);
    // 24 + 14 + 27 = 65; sorted 14, 24, 27.
    let t = &v["tokens"];
    assert_eq!(
        (t["total"].as_u64(), t["min"].as_u64(), t["median"].as_u64()),
        (Some(65), Some(14), Some(24))
    );
    assert_eq!((t["p95"].as_u64(), t["max"].as_u64()), (Some(27), Some(27)));
    assert_eq!(t["exact"], true);
    assert_eq!(v["encoding"], "o200k_base");
    // cl100k splits "Refund please" into 3: one more.
    let v = json(&path, &["--encoding", "cl100k_base"]);
    assert_eq!(v["tokens"]["total"], 66);
}

#[test]
fn the_bundled_dataset_counts_what_tiktoken_counts() {
    // Python: scripts/data_reference.py with tiktoken's o200k_base gives 240 examples and
    // 35,518 tokens (min 139, median 148, P95 155, max 158).
    let v = json(Path::new("scenarios/data/ticket-triage.jsonl"), &[]);
    assert_eq!(v["examples"], 240);
    let t = &v["tokens"];
    assert_eq!(t["total"], 35_518);
    assert_eq!(
        [&t["min"], &t["median"], &t["p95"], &t["max"]].map(|x| x.as_u64()),
        [Some(139), Some(148), Some(155), Some(158)]
    );
}

#[test]
fn a_model_prices_the_job_with_its_epochs_rule() {
    // OpenAI's automatic rule gives 240 examples 3 epochs: 35,518 × 3 = 106,554 billed tokens,
    // × $5.00 per 1M = $0.53277.
    let v = json(
        Path::new("scenarios/data/ticket-triage.jsonl"),
        &["--model", "openai/gpt-4.1-mini-2025-04-14"],
    );
    assert_eq!(v["epochs"], 3);
    assert_eq!(v["billed_training_tokens"], 106_554);
    assert_eq!(v["training_cost"], "0.53277");
    tunecalc()
        .args([
            "data",
            "check",
            "scenarios/data/ticket-triage.jsonl",
            "--model",
        ])
        .arg("openai/gpt-4.1-mini-2025-04-14")
        .assert()
        .success()
        .stdout(predicate::str::contains("106,554"))
        .stdout(predicate::str::contains("$0.53"));
}

#[test]
fn gemini_vertex_and_nova_files_are_read_and_their_tokens_estimated() {
    let dir = tempfile::tempdir().expect("dir");
    // Estimates are characters / 4, rounded up per text.
    // Gemini: "Is this spam? WIN A PRIZE" (25 → 7) + "spam" (4 → 1) = 8 per line.
    let gemini = file(
        &dir,
        "gemini.jsonl",
        br#"{"text_input": "Is this spam? WIN A PRIZE", "output": "spam"}
{"input": "Is this spam? WIN A PRIZE", "output": "spam"}
"#,
    );
    // Vertex and Nova: "Tag it." (7 → 2) + "Great phone" (11 → 3) + "positive" (8 → 2) = 7.
    let vertex = file(
        &dir,
        "vertex.jsonl",
        br#"{"systemInstruction": {"parts": [{"text": "Tag it."}]}, "contents": [{"role": "user", "parts": [{"text": "Great phone"}]}, {"role": "model", "parts": [{"text": "positive"}]}]}
"#,
    );
    let nova = file(
        &dir,
        "nova.jsonl",
        br#"{"schemaVersion": "bedrock-conversation-2024", "system": [{"text": "Tag it."}], "messages": [{"role": "user", "content": [{"text": "Great phone"}]}, {"role": "assistant", "content": [{"text": "positive"}]}]}
"#,
    );
    for (path, dialect, examples, total) in [
        (&gemini, "gemini", 2, 16),
        (&vertex, "vertex", 1, 7),
        (&nova, "nova", 1, 7),
    ] {
        let v = json(path, &[]);
        assert_eq!(v["dialect"], dialect, "{}", path.display());
        assert_eq!(v["examples"], examples, "{}", path.display());
        assert_eq!(v["tokens"]["total"], total, "{}", path.display());
        assert_eq!(v["tokens"]["exact"], false, "{}", path.display());
        assert_eq!(v["bad_lines"].as_array().map(Vec::len), Some(0));
    }
    tunecalc()
        .args(["data", "check"])
        .arg(&nova)
        .assert()
        .success()
        .stdout(predicate::str::contains("estimated"));
    // Given as what it is not, every line is wrong.
    tunecalc()
        .args(["data", "check", "--dialect", "openai"])
        .arg(&vertex)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(":1:"));
}

#[test]
fn nova_refuses_its_reserved_words_in_prompts_and_wrong_turns() {
    let dir = tempfile::tempdir().expect("dir");
    let path = file(
        &dir,
        "nova.jsonl",
        br#"{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "User: where is my order?"}]}, {"role": "assistant", "content": [{"text": "shipping"}]}]}
{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "hi [EOS]"}]}, {"role": "assistant", "content": [{"text": "done"}]}]}
{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "assistant", "content": [{"text": "hi"}]}]}
"#,
    );
    let v = json(&path, &[]);
    let messages: Vec<String> = v["bad_lines"]
        .as_array()
        .expect("bad lines")
        .iter()
        .map(|b| format!("{}: {}", b["line"], b["message"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("1: messages[0].content: contains \"User:\""));
    assert!(messages[1].starts_with("2: messages[0].content: contains \"[EOS]\""));
    assert!(messages[2].contains("should be \"user\""), "{messages:?}");
}

#[test]
fn provider_rules_minimum_examples_batch_size_and_longest_example() {
    let dir = tempfile::tempdir().expect("dir");
    let path = file(
        &dir,
        "train.jsonl",
        format!("{ROUTE}\n{REFUND}\n").as_bytes(),
    );
    // OpenAI refuses fewer than 10 examples; a batch of 4 from 2 examples fails the job.
    tunecalc()
        .args([
            "data",
            "check",
            "--model",
            "openai/gpt-4.1-mini-2025-04-14",
            "--batch-size",
            "4",
        ])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "2 valid examples; openai/gpt-4.1-mini-2025-04-14 needs at least 10",
        ))
        .stdout(predicate::str::contains(
            "batch size 4 is more than the 2 examples",
        ));
    // Gemini on Vertex takes at most 131,072 tokens per example: 600,000 characters are
    // about 150,000.
    let long = format!(
        "{{\"text_input\": \"{}\", \"output\": \"ok\"}}\n",
        "a".repeat(600_000)
    );
    let path = file(&dir, "long.jsonl", long.as_bytes());
    let v = json(&path, &["--model", "vertex/gemini-3.1-flash-lite"]);
    let message = v["bad_lines"][0]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        message.contains(
            "150,001 tokens (estimated): more than the 131,072 a training example may hold"
        ),
        "{message}"
    );
    // A file in OpenAI's format is not what Gemini tunes on.
    let path = file(&dir, "openai.jsonl", format!("{ROUTE}\n").as_bytes());
    tunecalc()
        .args(["data", "check", "--model", "vertex/gemini-3.1-flash-lite"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "vertex/gemini-3.1-flash-lite is tuned on the vertex or gemini format; this file is openai",
        ));
}

#[test]
fn crlf_line_ends_a_bom_and_gzip_read_the_same_as_plain_text() {
    let dir = tempfile::tempdir().expect("dir");
    let plain = format!("{ROUTE}\n{REFUND}\n");
    let windows = format!("\u{feff}{ROUTE}\r\n{REFUND}\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(plain.as_bytes()).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let expected = json(&file(&dir, "plain.jsonl", plain.as_bytes()), &[]);
    assert_eq!(expected["tokens"]["total"], 38); // 24 + 14
    for (name, bytes) in [
        ("windows.jsonl", windows.as_bytes()),
        ("train.jsonl.gz", gz.as_slice()),
    ] {
        let v = json(&file(&dir, name, bytes), &[]);
        assert_eq!(v["tokens"], expected["tokens"], "{name}");
        assert_eq!(v["bad_lines"], expected["bad_lines"], "{name}");
        assert_eq!(v["warnings"], expected["warnings"], "{name}");
    }
}

#[test]
fn invalid_utf8_is_reported_at_its_byte_offset() {
    let dir = tempfile::tempdir().expect("dir");
    // Line 2 is `{"messages": "caf` then byte 0xE9 (Latin-1 é): offset 17 in the line; line 1
    // is ROUTE and its newline, so 17 + ROUTE.len() + 1 in the file; column 18.
    let mut bytes = format!("{ROUTE}\n{{\"messages\": \"caf").into_bytes();
    bytes.extend_from_slice(b"\xe9\"}\n");
    let path = file(&dir, "latin1.jsonl", &bytes);
    let v = json(&path, &[]);
    let bad = &v["bad_lines"][0];
    assert_eq!(
        (bad["line"].as_u64(), bad["column"].as_u64()),
        (Some(2), Some(18))
    );
    let expected = format!(
        "not valid UTF-8: byte 0xE9 at offset 17 of the line ({} of the file)",
        17 + ROUTE.len() + 1
    );
    assert!(
        bad["message"].as_str().unwrap_or("").starts_with(&expected),
        "{bad}"
    );
}

#[test]
fn an_empty_file_a_directory_and_a_missing_file_are_errors_of_their_own() {
    let dir = tempfile::tempdir().expect("dir");
    let empty = file(&dir, "empty.jsonl", b"");
    let blank = file(&dir, "blank.jsonl", b"\n\n\n");
    let good = file(&dir, "good.jsonl", format!("{ROUTE}\n").as_bytes());
    // Every file is reported, the good one too; one bad path does not hide the others.
    let out = tunecalc()
        .args(["data", "check"])
        .arg(&empty)
        .arg(&blank)
        .arg(dir.path())
        .arg(dir.path().join("nope.jsonl"))
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "empty.jsonl: error: the file is empty",
        "blank.jsonl: error: no examples: every line is blank",
        ": error: cannot read it: is a directory",
        "nope.jsonl: error: cannot read it: no such file or directory",
        "good.jsonl: openai, 1 valid example, 0 bad lines, 0 warnings",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    // JSON has every file, the unreadable ones with their reason.
    let out = tunecalc()
        .args(["data", "check", "--format", "json"])
        .arg(dir.path().join("nope.jsonl"))
        .arg(&good)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        v["files"][0]["file_errors"][0],
        "cannot read it: no such file or directory"
    );
    assert_eq!(v["files"][1]["tokens"]["total"], 24);
}

#[test]
fn a_model_that_cannot_take_a_job_fails_the_check() {
    let path = Path::new("scenarios/data/ticket-triage.jsonl");
    // Retired on 2026-10-23; a prompting baseline; closed to new jobs after 2027-01-06 (and
    // retired on 2027-01-14).
    for (model, date, expected) in [
        (
            "openai/gpt-4.1-nano-2025-04-14",
            "2026-11-27",
            "retired on 2026-10-23: no job can run on it",
        ),
        ("openai/gpt-6-luna", "2026-11-27", "cannot be tuned"),
        (
            "openai/gpt-4.1-mini-2025-04-14",
            "2027-01-10",
            "takes no new tuning jobs since 2027-01-06",
        ),
    ] {
        tunecalc()
            .args(["data", "check", "--model", model, "--date", date])
            .arg(path)
            .assert()
            .code(2)
            .stdout(predicate::str::contains(expected));
    }
    // Prices checked long ago are a note, not an error.
    tunecalc()
        .args([
            "data",
            "check",
            "--model",
            "azure/gpt-4.1-mini-2025-04-14",
            "--date",
            "2027-04-01",
        ])
        .arg(path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "prices were checked on 2026-11-27 (125 days before 2027-04-01)",
        ));
}

#[test]
fn an_example_longer_than_openai_trains_on_is_a_bad_line() {
    // 65,536 tokens is the longest training example for the gpt-4o and gpt-4.1 families.
    // "a a a …": each " a" is one token; 70,000 of them are far over.
    let dir = tempfile::tempdir().expect("dir");
    let long = format!(
        "{{\"messages\": [{{\"role\": \"user\", \"content\": \"{}\"}}, {{\"role\": \"assistant\", \"content\": \"ok\"}}]}}\n",
        "a ".repeat(70_000)
    );
    let path = file(&dir, "long.jsonl", long.as_bytes());
    let v = json(&path, &["--model", "openai/gpt-4o-mini-2024-07-18"]);
    let message = v["bad_lines"][0]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        message.contains("more than the 65,536 a training example may hold"),
        "{message}"
    );
}

#[test]
fn json_output_escapes_invisible_characters() {
    // A right-to-left override in a role: the message quotes it, escaped as \u202e.
    let dir = tempfile::tempdir().expect("dir");
    let path = file(
        &dir,
        "bidi.jsonl",
        "{\"messages\": [{\"role\": \"us\u{202e}er\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"y\"}]}\n".as_bytes(),
    );
    let out = tunecalc()
        .args(["data", "check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\u{202e}'));
    assert!(text.contains("\\u202e"), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
    assert!(v["files"][0]["bad_lines"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains('\u{202e}'));
}

#[test]
fn a_50_megabyte_line_is_an_error_not_an_out_of_memory() {
    let dir = tempfile::tempdir().expect("dir");
    let mut bytes = format!("{ROUTE}\n{{\"messages\": \"").into_bytes();
    bytes.resize(bytes.len() + 50_000_000, b'a');
    bytes.extend_from_slice(format!("\"}}\n{REFUND}\n").as_bytes());
    let path = file(&dir, "huge.jsonl", &bytes);
    let v = json(&path, &[]);
    // The line before it is checked and counted (24 tokens); no training file has a line this
    // long, so the file is not read past it.
    assert_eq!(v["examples"], 1);
    assert_eq!(v["tokens"]["total"], 24);
    let bad = &v["bad_lines"][0];
    assert_eq!(bad["line"], 2);
    assert!(
        bad["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("the line is longer than 8 MiB, and the file is not read past it"),
        "{bad}"
    );
}

#[test]
fn a_device_that_never_ends_is_refused_at_once() {
    // `data check /dev/zero` and a scenario's `dataset = "/dev/zero"` read for ever.
    tunecalc()
        .args(["data", "check", "/dev/zero"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "is a device, not a training file (a device may never end)",
        ));
    let dir = tempfile::tempdir().expect("dir");
    let scenario = "name = \"zero\"\n[training]\ndataset = \"/dev/zero\"\ncost = \"20\"\n[usage]\ncalls_per_month = 10000\n[prompting]\nprice_per_1k_calls = \"0.05\"\n[tuned]\nprice_per_1k_calls = \"0.02\"\n";
    std::fs::write(dir.path().join("zero.toml"), scenario).expect("write");
    common::tunecalc_in(dir.path())
        .args(["run", "zero.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/zero"))
        .stderr(predicate::str::contains("is a device"));
    // A stream without line ends through a pipe stops at the first 8 MiB.
    let mut sh = std::process::Command::new("bash");
    sh.args([
        "-c",
        &format!(
            "cat /dev/zero | {} data check -",
            common::binary().display()
        ),
    ]);
    let out = common::limited(sh).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("longer than 8 MiB"));
}

#[test]
fn json_nested_thousands_deep_is_a_bad_line_not_a_crash() {
    let dir = tempfile::tempdir().expect("dir");
    let deep = format!("{}{}\n{ROUTE}\n", "[".repeat(100_000), "]".repeat(100_000));
    let path = file(&dir, "deep.jsonl", deep.as_bytes());
    let v = json(&path, &[]);
    assert_eq!(v["examples"], 1);
    assert!(
        v["bad_lines"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("nested too deeply"),
        "{v}"
    );
}

#[test]
fn warnings_pass_unless_strict() {
    let dir = tempfile::tempdir().expect("dir");
    let path = file(
        &dir,
        "train.jsonl",
        format!("{ROUTE}\n\n{ROUTE}\n").as_bytes(),
    );
    let v = json(&path, &[]);
    let lines: Vec<_> = v["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w["line"].as_u64())
        .collect();
    assert_eq!(lines, [Some(2), Some(3)]);
    tunecalc()
        .args(["data", "check"])
        .arg(&path)
        .assert()
        .success();
    tunecalc()
        .args(["data", "check", "--strict"])
        .arg(&path)
        .assert()
        .code(2);
}

#[test]
fn control_characters_from_the_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("dir");
    // A raw escape sequence inside a string is not valid JSON: the line is quoted, escaped.
    let path = file(
        &dir,
        "evil.jsonl",
        b"{\"messages\": \"\x1b[2J\x1b]0;owned\x07\"}\n",
    );
    let out = tunecalc()
        .args(["data", "check"])
        .arg(&path)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains(":1:"));
}

#[test]
fn the_json_output_follows_the_contract() {
    let dir = tempfile::tempdir().expect("dir");
    let path = file(&dir, "train.jsonl", BROKEN.as_bytes());
    let v = json(&path, &[]);
    for key in [
        "file",
        "dialect",
        "examples",
        "bad_lines",
        "warnings",
        "tokens",
        "billed_training_tokens",
        "epochs",
        "training_cost",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    for key in ["total", "min", "median", "p95", "max", "exact"] {
        assert!(v["tokens"].get(key).is_some(), "missing tokens.{key}");
    }
    assert_eq!(
        v["bad_lines"][0]["message"],
        "not valid JSON: expected `,` or `]`"
    );
    assert_eq!(
        v["warnings"][0],
        serde_json::json!({"line": 3, "message": "blank line (some uploaders reject it)"})
    );
    // Without a model, nothing is billed.
    assert!(v["training_cost"].is_null() && v["epochs"].is_null());
}

#[test]
fn a_file_from_standard_input() {
    tunecalc()
        .args(["data", "check", "-", "--format", "json"])
        .write_stdin(format!("{ROUTE}\n"))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"total\": 24"));
}

/// A scenario next to its training file.
fn scenario_with(dir: &tempfile::TempDir, data: &str, training: &str) -> PathBuf {
    file(dir, "train.jsonl", data.as_bytes());
    file(
        dir,
        "task.toml",
        format!(
            "name = \"Triage\"\n[training]\ndataset = \"train.jsonl\"\n{training}\n[usage]\ncalls_per_month = 10000\n[prompting]\nprice_per_1k_calls = \"0.05\"\n[tuned]\nprice_per_1k_calls = \"0.02\"\n"
        )
        .as_bytes(),
    )
}

#[test]
fn a_scenario_takes_its_examples_and_tokens_from_a_dataset() {
    let dir = tempfile::tempdir().expect("dir");
    let path = scenario_with(
        &dir,
        &format!("{ROUTE}\n{REFUND}\n{NAMED}\n"),
        "price_per_1m_tokens = \"10\"\nepochs = 2",
    );
    // 3 examples, 65 tokens (mean 21.67): 65 × 2 epochs = 130 tokens × $10 / 1M = $0.0013.
    let out = tunecalc()
        .args(["run", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let s = &v["scenarios"][0];
    assert_eq!(s["examples"], 3);
    assert_eq!(s["training_tokens"], 130);
    assert_eq!(s["training_cost"], "0.0013");
    assert_eq!(s["dataset"], "train.jsonl");
    assert_eq!(s["dataset_token_counting"], "o200k_base");
    let out = tunecalc()
        .args(["explain"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success());
    // Explain wraps its lines; read it as one.
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("measured from train.jsonl (openai format): 3 examples, mean 21.67 tokens per example (exact, o200k_base)"),
        "{text}"
    );
    // The bundled scenario: 240 examples, 35,518 tokens.
    let case = common::bundled_case("dataset-ticket-triage.toml");
    assert_eq!(case.eval.training_tokens, Some(common::d("106554")));
    assert_eq!(case.eval.training_cost, common::d("0.53277"));
}

#[test]
fn a_dataset_with_bad_lines_or_given_twice_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = scenario_with(&dir, BROKEN, "price_per_1m_tokens = \"10\"\nepochs = 2");
    tunecalc()
        .args(["run"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("training.dataset"))
        .stderr(predicate::str::contains(
            "train.jsonl has 7 bad lines; the first, line 2 column 60: not valid JSON",
        ))
        .stderr(predicate::str::contains("tunecalc data check"));
    let dir = tempfile::tempdir().expect("dir");
    let path = scenario_with(&dir, ROUTE, "examples = 100\ncost = \"5\"");
    tunecalc()
        .args(["run"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the dataset gives training.examples, and so does the scenario",
        ));
    // A Vertex file for an OpenAI model.
    let dir = tempfile::tempdir().expect("dir");
    file(
        &dir,
        "train.jsonl",
        br#"{"contents": [{"role": "user", "parts": [{"text": "hi"}]}, {"role": "model", "parts": [{"text": "yo"}]}]}
"#,
    );
    file(&dir, "task.toml", b"name = \"x\"\n[training]\ndataset = \"train.jsonl\"\n[usage]\ncalls_per_month = 1000\n[prompting]\ninput_tokens = 500\n[tuned]\nmodel = \"openai/gpt-4.1-mini-2025-04-14\"\ninput_tokens = 50\n");
    tunecalc()
        .args(["run"])
        .arg(dir.path().join("task.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "openai/gpt-4.1-mini-2025-04-14 is tuned on the openai format; this file is vertex",
        ));
    let dir = tempfile::tempdir().expect("dir");
    file(&dir, "task.toml", b"[training]\ndataset = \"missing.jsonl\"\ncost = \"5\"\n[usage]\ncalls_per_month = 1\n[prompting]\nprice_per_1k_calls = \"1\"\n[tuned]\nprice_per_1k_calls = \"0.5\"\n");
    tunecalc()
        .args(["run"])
        .arg(dir.path().join("task.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.jsonl"))
        .stderr(predicate::str::contains("relative to the scenario file"));
}
