//! `tunecalc data check` output: each problem like a compiler's (`file:line:col: error: …`,
//! the line with a caret), then what the file holds and what training on it costs; or JSON.

use serde::Serialize;

use crate::dataset::tokens::Counting;
use crate::dataset::FileReport;
use crate::present::number::{count, money, plural};
use crate::present::text::safe;

fn counting_name(c: Counting) -> String {
    match c {
        Counting::Exact(e) => format!("exact, {}", e.name()),
        Counting::Estimate => "estimated: characters / 4".into(),
    }
}

/// The human report of several files.
pub fn text(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let name = r.file.display().to_string();
        let file = safe(&name);
        for b in &r.bad_lines {
            out.push_str(&format!(
                "{file}:{}:{}: error: {}\n",
                b.line,
                b.column,
                safe(&b.message)
            ));
            if let Some((line, caret)) = &b.excerpt {
                let number = b.line.to_string();
                let pad = " ".repeat(number.len());
                let shown = safe(line);
                // The caret sits under the same character in the escaped line.
                let before: String = line.chars().take(*caret).collect();
                let offset = crate::present::text::width(&safe(&before));
                out.push_str(&format!(
                    "{pad} |\n{number} | {shown}\n{pad} | {}^\n",
                    " ".repeat(offset)
                ));
            }
        }
        if r.bad_total > r.bad_lines.len() as u64 {
            out.push_str(&format!(
                "{file}: … and {} more bad lines (--max-errors shows more)\n",
                count(u128::from(r.bad_total - r.bad_lines.len() as u64))
            ));
        }
        for w in &r.warnings {
            out.push_str(&format!(
                "{file}:{}: warning: {}\n",
                w.line,
                safe(&w.message)
            ));
        }
        if r.warnings_total > r.warnings.len() as u64 {
            out.push_str(&format!(
                "{file}: … and {} more warnings\n",
                count(u128::from(r.warnings_total - r.warnings.len() as u64))
            ));
        }
        for e in r.file_errors.iter().chain(&r.model_errors) {
            out.push_str(&format!("{file}: error: {}\n", safe(e)));
        }
        if !r.read {
            continue;
        }
        // The summary.
        let format = r.dialect.map_or("unknown format", |d| d.name());
        out.push_str(&format!(
            "{file}: {format}, {}, {}, {}\n",
            plural(u128::from(r.examples), "valid example", "valid examples"),
            plural(u128::from(r.bad_total), "bad line", "bad lines"),
            plural(u128::from(r.warnings_total), "warning", "warnings"),
        ));
        if r.examples > 0 {
            let t = &r.tokens;
            out.push_str(&format!(
                "  tokens per example ({}): min {}, median {}, P95 {}, max {}; mean {}; total {}\n",
                counting_name(r.counting),
                count(u128::from(t.min)),
                count(u128::from(t.median)),
                count(u128::from(t.p95)),
                count(u128::from(t.max)),
                crate::present::number::quantity(t.mean),
                count(u128::from(t.total)),
            ));
        }
        match (r.epochs, r.billed_training_tokens) {
            _ if r.examples == 0 => {}
            (Some((e, why)), Some(billed)) => {
                let mut line = format!(
                    "  {} ({why}) → {} billed training tokens",
                    plural(u128::from(e), "epoch", "epochs"),
                    count(u128::from(billed))
                );
                if let (Some(cost), Some(model)) = (r.training_cost, &r.model) {
                    line.push_str(&format!(" → {} a job on {model}", money(cost, "USD")));
                }
                out.push_str(&line);
                out.push('\n');
            }
            _ if r.model.is_some() => out.push_str(
                "  epochs: the provider picks them by an unpublished rule; give --epochs to price the job\n",
            ),
            _ if r.examples > 0 => {
                out.push_str("  give --model ID (tunecalc models) to price a job on this file\n")
            }
            _ => {}
        }
        for n in &r.notes {
            out.push_str(&format!("{file}: note: {}\n", safe(n)));
        }
    }
    out
}

#[derive(Serialize)]
struct Doc<'a> {
    files: Vec<FileRecord<'a>>,
}

#[derive(Serialize)]
struct FileRecord<'a> {
    file: String,
    dialect: Option<&'static str>,
    examples: u64,
    bad_lines: Vec<BadRecord<'a>>,
    warnings: Vec<WarningRecord<'a>>,
    tokens: TokensRecord,
    billed_training_tokens: Option<u64>,
    epochs: Option<u32>,
    training_cost: Option<String>,
    // Extensions.
    bad_lines_total: u64,
    warnings_total: u64,
    file_errors: Vec<&'a str>,
    notes: &'a [String],
    epochs_from: Option<&'static str>,
    model: Option<&'a str>,
    encoding: Option<&'static str>,
}

#[derive(Serialize)]
struct BadRecord<'a> {
    line: u64,
    column: u64,
    message: &'a str,
}

#[derive(Serialize)]
struct WarningRecord<'a> {
    line: u64,
    message: &'a str,
}

#[derive(Serialize)]
struct TokensRecord {
    total: u64,
    min: u64,
    median: u64,
    p95: u64,
    max: u64,
    exact: bool,
    mean: String,
}

/// `{"files": [ … ]}`, DESIGN.md's contract.
pub fn json(reports: &[FileReport]) -> String {
    let doc = Doc {
        files: reports
            .iter()
            .map(|r| FileRecord {
                file: r.file.display().to_string(),
                dialect: r.dialect.map(|d| d.name()),
                examples: r.examples,
                bad_lines: r
                    .bad_lines
                    .iter()
                    .map(|b| BadRecord {
                        line: b.line,
                        column: b.column,
                        message: &b.message,
                    })
                    .collect(),
                warnings: r
                    .warnings
                    .iter()
                    .map(|w| WarningRecord {
                        line: w.line,
                        message: &w.message,
                    })
                    .collect(),
                tokens: TokensRecord {
                    total: r.tokens.total,
                    min: r.tokens.min,
                    median: r.tokens.median,
                    p95: r.tokens.p95,
                    max: r.tokens.max,
                    exact: r.counting.is_exact(),
                    mean: r.tokens.mean.normalize().to_string(),
                },
                billed_training_tokens: r.billed_training_tokens,
                epochs: r.epochs.map(|e| e.0),
                training_cost: r.training_cost.map(|c| c.normalize().to_string()),
                bad_lines_total: r.bad_total,
                warnings_total: r.warnings_total,
                file_errors: r
                    .file_errors
                    .iter()
                    .chain(&r.model_errors)
                    .map(String::as_str)
                    .collect(),
                notes: &r.notes,
                epochs_from: r.epochs.map(|e| e.1),
                model: r.model.as_deref(),
                encoding: match r.counting {
                    Counting::Exact(e) => Some(e.name()),
                    Counting::Estimate => None,
                },
            })
            .collect(),
    };
    let mut text =
        crate::present::text::json_escape(&serde_json::to_string_pretty(&doc).unwrap_or_default())
            .into_owned();
    text.push('\n');
    text
}
