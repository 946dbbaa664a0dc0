//! `tunecalc data check`: a tuning dataset checked before upload, and measured.
//!
//! The file is read in batches of lines ([`lines`]); each batch is checked and counted on
//! every core and merged in line order, so memory stays bounded and output does not depend on
//! the number of threads. Each line is parsed as JSON (syntax errors at their column), checked
//! against its format ([`dialect`], problems located at their key or value by [`json_path`]),
//! and its tokens counted ([`tokens`]). Provider rules come from the catalog entry given with
//! `--model`: the minimum number of examples, the longest example, the epochs rule and the
//! training price.

pub mod dialect;
pub mod json_path;
pub mod lines;
pub mod tokens;

use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::catalog::{Entry, EpochsRule, PriceField};
use crate::error::Error;
use dialect::{Dialect, Problem};
use lines::{Line, Lines};
use tokens::{Counter, Counting, Encoding};

/// What to check a file as, and against which model.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The format; `None` decides from the first valid line.
    pub dialect: Option<Dialect>,
    /// The encoding for exact OpenAI counts; `None` from the model, else o200k_base.
    pub encoding: Option<Encoding>,
    /// The catalog entry the data is for: its rules, epochs and price.
    pub model: Option<Entry>,
    /// Epochs to bill, when the model's rule does not decide (or to override it).
    pub epochs: Option<u32>,
    /// A batch size the job will use: more than the examples fails the job.
    pub batch_size: Option<u64>,
    /// Bad lines and warnings kept in full (the rest are counted).
    pub max_errors: usize,
    /// The day the model's training price is read for (the evaluation date); `None`: today.
    pub date: Option<crate::date::Date>,
    /// A model entry checked more than this many days before the date gets a note.
    pub stale_days: Option<u32>,
}

/// One bad line: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: u64,
    /// 1-based, in characters.
    pub column: u64,
    pub message: String,
    /// The line, shortened around the column, for the caret.
    pub excerpt: Option<(String, usize)>,
}

/// A line that is not wrong but should be looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineWarning {
    pub line: u64,
    pub message: String,
}

/// Tokens per example over the valid examples.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TokenStats {
    pub total: u64,
    pub min: u64,
    pub median: u64,
    pub p95: u64,
    pub max: u64,
    /// total / examples, exact.
    pub mean: Decimal,
}

/// What a check found in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub file: PathBuf,
    pub dialect: Option<Dialect>,
    /// Valid examples.
    pub examples: u64,
    /// The first `max_errors` bad lines, and how many there were.
    pub bad_lines: Vec<BadLine>,
    pub bad_total: u64,
    pub warnings: Vec<LineWarning>,
    pub warnings_total: u64,
    /// Problems of the whole file (too few examples, a batch size too large, no lines, a
    /// model that cannot be tuned, a file that cannot be read).
    pub file_errors: Vec<String>,
    /// Why the file's format is not what the model tunes on (also among `file_errors`).
    pub wrong_format: Option<String>,
    /// Whether the file could be opened and read (else `file_errors` says why).
    pub read: bool,
    /// Why no job can run on the model on the date (retired, closed, not tunable).
    pub model_errors: Vec<String>,
    /// Things to know that do not fail the job (a price checked long ago, a cost that tokens
    /// do not decide).
    pub notes: Vec<String>,
    pub tokens: TokenStats,
    pub counting: Counting,
    /// Epochs billed and how they were chosen; `None` when unknown.
    pub epochs: Option<(u32, &'static str)>,
    /// Tokens × epochs.
    pub billed_training_tokens: Option<u64>,
    /// From the model's training price, with its minimum charge.
    pub training_cost: Option<Decimal>,
    pub model: Option<String>,
}

impl FileReport {
    /// A file that could not be read at all: its reason as a file error.
    pub fn unreadable(file: &Path, reason: String) -> FileReport {
        FileReport {
            file: file.to_path_buf(),
            dialect: None,
            examples: 0,
            bad_lines: Vec::new(),
            bad_total: 0,
            warnings: Vec::new(),
            warnings_total: 0,
            file_errors: vec![reason],
            read: false,
            wrong_format: None,
            model_errors: Vec::new(),
            notes: Vec::new(),
            tokens: TokenStats::default(),
            counting: Counting::Estimate,
            epochs: None,
            billed_training_tokens: None,
            training_cost: None,
            model: None,
        }
    }

    /// Whether the file would fail a job (bad lines or file errors).
    pub fn failed(&self) -> bool {
        self.bad_total > 0 || !self.file_errors.is_empty() || !self.model_errors.is_empty()
    }
}

/// What one line turned out to be.
enum Verdict {
    Blank,
    Bad(BadLine),
    Good { tokens: u64, hash: u64 },
}

/// Characters in `text` before byte `at`, plus one.
fn column(text: &str, at: usize) -> u64 {
    let at = at.min(text.len());
    let mut b = at;
    while b > 0 && !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count() as u64 + 1
}

/// The line around `col` (1-based characters), at most about 100 characters, and the caret's
/// position in that excerpt.
fn excerpt(text: &str, col: u64) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = text.chars().collect();
    let at = (col.saturating_sub(1) as usize).min(chars.len());
    let start = at.saturating_sub(WIDTH / 2);
    let end = (start + WIDTH).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    let mut caret = at - start;
    if start > 0 {
        s = format!("…{s}");
        caret += 1;
    }
    if end < chars.len() {
        s.push('…');
    }
    (s, caret)
}

fn bad(n: u64, text: Option<&str>, col: u64, message: String) -> Verdict {
    Verdict::Bad(BadLine {
        line: n,
        column: col,
        message,
        excerpt: text.map(|t| excerpt(t, col)),
    })
}

/// serde's message without its "at line 1 column 37" (we say where ourselves).
fn json_message(e: &serde_json::Error) -> String {
    let m = e.to_string();
    let m = m.split(" at line ").next().unwrap_or(&m).to_string();
    if m.contains("recursion limit") {
        "nested too deeply (128 levels or more)".to_string()
    } else {
        m
    }
}

/// Checks one line. `limit` is the model's most tokens per example.
fn check_line(
    n: u64,
    line: &Line,
    dialect: Dialect,
    counting: Counting,
    limit: Option<u64>,
    counter: &mut Counter,
) -> Verdict {
    let text = match line {
        Line::TooLong => {
            return bad(
                n,
                None,
                1,
                format!(
                    "the line is longer than {} MiB, and the file is not read past it (no provider accepts an example this long: is this the training file?)",
                    lines::MAX_LINE_BYTES / (1024 * 1024)
                ),
            )
        }
        Line::NotUtf8 {
            offset,
            file_offset,
            column,
            byte,
        } => {
            return bad(
                n,
                None,
                *column,
                format!("not valid UTF-8: byte 0x{byte:02X} at offset {offset} of the line ({file_offset} of the file); save the file as UTF-8"),
            )
        }
        Line::Text(t) => t,
    };
    if text.trim().is_empty() {
        return Verdict::Blank;
    }
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // serde counts the column in bytes; report characters.
            let col = column(text, e.column().saturating_sub(1));
            return bad(
                n,
                Some(text),
                col,
                format!("not valid JSON: {}", json_message(&e)),
            );
        }
    };
    match dialect::check(dialect, &value) {
        Err(Problem {
            path,
            at_key,
            message,
        }) => {
            let at = json_path::locate(text, &path, at_key).unwrap_or(0);
            let col = column(text, at);
            let message = if path.0.is_empty() {
                message
            } else {
                format!("{path}: {message}")
            };
            bad(n, Some(text), col, message)
        }
        Ok(example) => {
            let tokens = counter.example(counting, dialect, &example);
            if let Some(limit) = limit.filter(|l| tokens > *l) {
                return bad(
                    n,
                    None,
                    1,
                    format!(
                        "{} tokens{}: more than the {} a training example may hold on this model",
                        crate::present::number::count(u128::from(tokens)),
                        if counting.is_exact() {
                            ""
                        } else {
                            " (estimated)"
                        },
                        crate::present::number::count(u128::from(limit))
                    ),
                );
            }
            let mut h = std::collections::hash_map::DefaultHasher::new();
            text.trim().hash(&mut h);
            Verdict::Good {
                tokens,
                hash: h.finish(),
            }
        }
    }
}

/// The format of the first line that parses as an object, if it says one.
fn detect(batch: &[(u64, Line)]) -> Option<Dialect> {
    batch.iter().find_map(|(_, line)| match line {
        Line::Text(t) if !t.trim().is_empty() => serde_json::from_str::<serde_json::Value>(t)
            .ok()
            .and_then(|v| Dialect::of(&v)),
        _ => None,
    })
}

/// The `q` quantile of the counts (how many examples have each number of tokens): the
/// nearest rank at or above it, as with the counts sorted in a list.
fn rank(histogram: &BTreeMap<u64, u64>, examples: u64, q: f64) -> u64 {
    if examples == 0 {
        return 0;
    }
    let wanted = ((examples as f64 * q).ceil() as u64).clamp(1, examples);
    let mut seen = 0;
    for (tokens, n) in histogram {
        seen += n;
        if seen >= wanted {
            return *tokens;
        }
    }
    0
}

thread_local! {
    /// Each thread's counter, kept from batch to batch (and file to file) so that what it
    /// remembers keeps paying.
    static COUNTER: std::cell::RefCell<Counter> = std::cell::RefCell::default();
}

/// A batch of numbered lines and the bytes of the file read so far, or the read's failure.
type Batch = Result<(Vec<(u64, Line)>, u64), std::io::Error>;

/// Batch after batch of lines, with the bytes of the file read so far, until the file ends,
/// a read fails or the receiver stops listening.
fn read_ahead(mut lines: Lines, sender: &std::sync::mpsc::SyncSender<Batch>) {
    loop {
        let message = match lines.batch() {
            Ok(batch) if batch.is_empty() => return,
            Ok(batch) => Ok((batch, lines.from_file.load(Ordering::Relaxed))),
            Err(e) => Err(e),
        };
        let failed = message.is_err();
        if sender.send(message).is_err() || failed {
            return;
        }
    }
}

/// A `{"prompt", "completion"}` line: the format of OpenAI's retired completion models.
const LEGACY_PROMPT_COMPLETION: &str = "a legacy prompt/completion line: that format was for OpenAI's retired completion models (babbage-002, davinci-002), which can no longer be tuned; today's chat models take {\"messages\": [{\"role\": \"user\", \"content\": PROMPT}, {\"role\": \"assistant\", \"content\": COMPLETION}]}";

/// Checks and measures one file. `progress`, when given, counts bytes read.
pub fn check(
    path: &Path,
    opts: &Options,
    progress: Option<&AtomicUsize>,
) -> Result<FileReport, Error> {
    let lines = Lines::open(path)?;
    let read_error = |e: std::io::Error| Error::Read {
        path: path.to_path_buf(),
        reason: crate::io::describe_io_error(&e),
    };
    // Exact counts need OpenAI's tokenizer: the file alone, or a model OpenAI or Azure serves.
    let openai_model = opts
        .model
        .as_ref()
        .is_none_or(|m| matches!(m.provider.as_str(), "openai" | "azure"));
    let encoding = opts.encoding.unwrap_or_else(|| {
        opts.model
            .as_ref()
            .map_or(Encoding::O200kBase, |m| Encoding::for_model(&m.id))
    });
    let limit = opts.model.as_ref().and_then(|m| m.max_tokens_per_example);
    let mut dialect = opts.dialect;
    let mut tally = Tally::new(opts.max_errors);
    let mut any_line = false;
    // One thread reads the next batch while the others check this one.
    let (sender, batches) = std::sync::mpsc::sync_channel(1);
    let reader = std::thread::spawn(move || read_ahead(lines, &sender));
    for message in batches {
        let (batch, read) = message.map_err(read_error)?;
        any_line = true;
        if dialect.is_none() {
            dialect = detect(&batch);
        }
        let Some(d) = dialect else {
            // No line says its format yet: every line here is bad for the same reason.
            for (n, line) in &batch {
                let v = match line {
                    Line::Text(t) if t.trim().is_empty() => Verdict::Blank,
                    Line::Text(t) => match serde_json::from_str::<serde_json::Value>(t) {
                        Err(e) => bad(*n, Some(t), 1, format!("not valid JSON: {}", json_message(&e))),
                        Ok(v) if v.get("prompt").is_some() && v.get("completion").is_some() => bad(*n, Some(t), 1, LEGACY_PROMPT_COMPLETION.into()),
                        Ok(_) => bad(*n, Some(t), 1, "not a line of any known format: expected `messages` (openai), `contents` (vertex), `text_input` and `output` (gemini), or `schemaVersion` (nova); give --dialect to say which".into()),
                    },
                    other => check_line(*n, other, Dialect::Openai, Counting::Estimate, None, &mut Counter::default()),
                };
                tally.add(v, *n);
            }
            continue;
        };
        let counting = Counting::for_dialect(d, encoding, openai_model);
        let verdicts: Vec<(u64, Verdict)> = batch
            .par_iter()
            .map(|(n, line)| {
                COUNTER.with_borrow_mut(|counter| {
                    (*n, check_line(*n, line, d, counting, limit, counter))
                })
            })
            .collect();
        for (n, v) in verdicts {
            tally.add(v, n);
        }
        if let Some(p) = progress {
            p.store(
                usize::try_from(read).unwrap_or(usize::MAX),
                Ordering::Relaxed,
            );
        }
    }
    // The reader has finished (its channel closed); a panic there is a bug, not bad input.
    let _ = reader.join();
    let counting = dialect.map_or(Counting::Estimate, |d| {
        Counting::for_dialect(d, encoding, openai_model)
    });
    let Tally {
        counts,
        total,
        bad_lines,
        bad_total,
        warnings,
        warnings_total,
        ..
    } = tally;
    let examples: u64 = counts.values().sum();
    let tokens = TokenStats {
        total,
        min: counts.first_key_value().map_or(0, |(t, _)| *t),
        median: rank(&counts, examples, 0.5),
        p95: rank(&counts, examples, 0.95),
        max: counts.last_key_value().map_or(0, |(t, _)| *t),
        mean: if examples > 0 {
            Decimal::from(total) / Decimal::from(examples)
        } else {
            Decimal::ZERO
        },
    };
    let mut file_errors = Vec::new();
    let mut model_errors = Vec::new();
    let mut wrong_format = None;
    let mut notes = Vec::new();
    if !any_line {
        file_errors.push("the file is empty: a training file holds one example per line".into());
    } else if examples == 0 && bad_total == 0 {
        file_errors.push("no examples: every line is blank".into());
    }
    let on = opts.date.unwrap_or_else(crate::date::today);
    if let Some(m) = &opts.model {
        use crate::catalog::Status;
        match Status::of(m, on) {
            Status::NotTunable => model_errors.push(format!(
                "{} cannot be tuned (a prompting baseline): pick a tunable model (tunecalc models)",
                m.id
            )),
            Status::Retired(date) => model_errors.push(format!(
                "{} retired on {date}: no job can run on it; pick an active model (tunecalc models)",
                m.id
            )),
            Status::TrainingClosed { closed, .. } => model_errors.push(format!(
                "{} takes no new tuning jobs since {closed}: pick an active model (tunecalc models)",
                m.id
            )),
            Status::Active | Status::Closing { .. } => {}
        }
        if let Some(days) = opts.stale_days {
            let age = m.checked.days_until(on);
            if age > i64::from(days) {
                notes.push(format!(
                    "{}'s prices were checked on {} ({age} days before {on}): confirm them against {}",
                    m.id, m.checked, m.source
                ));
            }
        }
    }
    if let (Some(m), Some(d)) = (&opts.model, dialect) {
        if let Some(wanted) = Dialect::for_model(&m.provider, &m.id).filter(|w| !w.contains(&d)) {
            let names: Vec<&str> = wanted.iter().map(|w| w.name()).collect();
            let message = format!(
                "{} is tuned on the {} format; this file is {}",
                m.id,
                names.join(" or "),
                d.name()
            );
            file_errors.push(message.clone());
            wrong_format = Some(message);
        }
    }
    if let Some(m) = &opts.model {
        if let Some(min) = m.min_examples.filter(|min| examples < *min && examples > 0) {
            file_errors.push(format!(
                "{examples} valid examples; {} needs at least {min}",
                m.id
            ));
        }
    }
    if let Some(b) = opts.batch_size.filter(|b| *b > examples) {
        file_errors.push(format!(
            "batch size {b} is more than the {examples} examples: the job fails with INVALID_ARGUMENT (use a batch size of at most {examples})"
        ));
    }
    // Epochs: as given, else the model's rule.
    let epochs = match (
        opts.epochs,
        opts.model.as_ref().and_then(|m| m.default_epochs),
    ) {
        (Some(e), _) => Some((e, "as given")),
        (None, Some(rule)) => Some((
            rule.epochs_for(examples),
            match rule {
                EpochsRule::OpenAiAuto => "OpenAI's automatic rule",
                EpochsRule::Fixed(_) => "the provider's default",
            },
        )),
        (None, None) => None,
    };
    let billed = epochs.map(|(e, _)| total.saturating_mul(u64::from(e)));
    let training_cost = match (&opts.model, epochs) {
        (Some(m), Some((e, _))) => price(m, total, e, on),
        _ => None,
    };
    if let (Some(m), Some(_), None) = (&opts.model, epochs, training_cost) {
        notes.push(format!(
            "{} does not price training per token (per hour or per job, see `tunecalc models {}`): the tokens do not give the job's cost",
            m.id, m.id
        ));
    }
    Ok(FileReport {
        file: path.to_path_buf(),
        dialect,
        examples,
        bad_lines,
        bad_total,
        warnings,
        warnings_total,
        file_errors,
        read: true,
        wrong_format,
        model_errors,
        notes,
        tokens,
        counting,
        epochs,
        billed_training_tokens: billed,
        training_cost,
        model: opts.model.as_ref().map(|m| m.id.clone()),
    })
}

/// One job on `tokens` training tokens at the model's price (with its minimum charge), by the
/// engine's formula.
fn price(m: &Entry, tokens: u64, epochs: u32, on: crate::date::Date) -> Option<Decimal> {
    use crate::scenario::{Epochs, Training, TrainingPrice};
    let per_token = m.price(PriceField::TrainingPer1mTokens, on)?;
    let training = Training {
        examples: Decimal::ONE,
        price: TrainingPrice::PerToken {
            price_per_1m_tokens: per_token,
            tokens_per_example: Decimal::from(tokens),
            epochs: Epochs {
                count: epochs,
                rule: None,
            },
        },
        minimum_charge: m.prices.get(&PriceField::MinimumCharge).copied(),
        setup_cost: Decimal::ZERO,
        runs: 1,
        retrain_every_months: None,
    };
    crate::engine::costs::training_job(&training)
        .ok()
        .map(|(_, _, t)| t)
}

/// What the lines of a file add up to, in line order.
struct Tally {
    /// Examples by their number of tokens: memory grows with the distinct counts, not lines.
    counts: BTreeMap<u64, u64>,
    total: u64,
    /// The first `keep` bad lines and warnings, and how many there were.
    bad_lines: Vec<BadLine>,
    bad_total: u64,
    warnings: Vec<LineWarning>,
    warnings_total: u64,
    /// Each distinct example's hash and first line: 16 bytes an example, for duplicates.
    seen: FxHashMap<u64, u64>,
    keep: usize,
}

impl Tally {
    fn new(keep: usize) -> Tally {
        Tally {
            counts: BTreeMap::new(),
            total: 0,
            bad_lines: Vec::new(),
            bad_total: 0,
            warnings: Vec::new(),
            warnings_total: 0,
            seen: FxHashMap::default(),
            keep,
        }
    }

    fn warn(&mut self, w: LineWarning) {
        self.warnings_total += 1;
        if self.warnings.len() < self.keep {
            self.warnings.push(w);
        }
    }

    /// Adds line `n`'s verdict.
    fn add(&mut self, v: Verdict, n: u64) {
        match v {
            Verdict::Blank => self.warn(LineWarning {
                line: n,
                message: "blank line (some uploaders reject it)".into(),
            }),
            Verdict::Bad(b) => {
                self.bad_total += 1;
                if self.bad_lines.len() < self.keep {
                    self.bad_lines.push(b);
                }
            }
            Verdict::Good { tokens, hash } => {
                if let Some(first) = self.seen.get(&hash).copied() {
                    self.warn(LineWarning {
                        line: n,
                        message: format!("the same example as line {first}"),
                    });
                } else {
                    self.seen.insert(hash, n);
                }
                *self.counts.entry(tokens).or_default() += 1;
                self.total += tokens;
            }
        }
    }
}
