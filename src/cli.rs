//! Command-line definitions and dispatch.
// clap turns these doc comments into --help text, where "[default: …]" is not a link.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::analysis::montecarlo;
use crate::analysis::{self, Kind};
use crate::chart::{self, ImageFormat};
use crate::engine::{self, Case};
use crate::error::Error;
use crate::io::{self, eprint, print, print_bytes, write_atomic, Existing};
use crate::present::text::safe;
use crate::present::words::warnings;
use crate::render::table::{Paint, DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH};
use crate::render::{self, Format};
use crate::{report, scenario, starter};

const AFTER_HELP: &str = "\
Examples:
  tunecalc run scenarios/exercise.toml         the classic exercise: $0.30 a month, 67 months
  tunecalc run scenarios/                      every bundled scenario, side by side
  tunecalc run a.toml b.toml --format json     exact figures for other tools
  tunecalc explain scenarios/exercise.toml     the worked arithmetic, step by step
  tunecalc chart scenarios/exercise.toml -o exercise.png   when tuning pays back, drawn
  tunecalc report scenarios/ -o report.html    a page to send to the people who decide
  tunecalc new ticket-triage                   write a commented starter scenario

`-` as a scenario reads standard input. Exit codes: 0 ok, 1 the work failed (an output could
not be written), 2 bad usage or bad input.";

const SCHEMA_HELP: &str = "\
Examples:
  tunecalc schema -o scenarios/tunecalc.schema.json     beside your scenarios

Then name it on the first line of a scenario in that folder (taplo and Even Better TOML read
this):
  #:schema ./tunecalc.schema.json
or give it to every scenario in the folder, in .taplo.toml at the project's root:
  [[rule]]
  include = [\"scenarios/*.toml\"]
  schema.path = \"./scenarios/tunecalc.schema.json\"

`tunecalc new` writes the #:schema line, and the schema beside the starter when none is there.
Model ids are those of the catalog in use (--catalog adds yours).";

/// Should we fine-tune an LLM or keep prompting? Exact payback figures from TOML scenarios.
#[derive(Debug, Parser)]
#[command(name = "tunecalc", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub shared: Shared,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Shared {
    /// Colour in terminal output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The evaluation date, YYYY-MM-DD: month 1 starts here unless a scenario says
    /// `[usage] start`, and catalog dates are judged against it [default: TUNECALC_DATE, or
    /// today (UTC)].
    #[arg(long, global = true, value_parser = crate::date::parse, value_name = "DATE")]
    pub date: Option<crate::date::Date>,
    /// A catalog file whose entries add to or replace the built-in ones (repeatable; also
    /// TUNECALC_CATALOG, paths separated by `:`).
    #[arg(long = "catalog", global = true, value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,
    /// Catalog prices checked more than this many days before the evaluation date get a
    /// warning.
    #[arg(long, global = true, value_name = "DAYS", default_value_t = scenario::DEFAULT_STALE_DAYS)]
    pub stale_days: u32,
}

/// How scenarios with ranges are sampled: for the commands that sample.
#[derive(Debug, Clone, Copy, Args)]
pub struct Sampling {
    /// Monte Carlo samples for scenarios with ranges (1 to 10,000,000).
    #[arg(long, global = true, value_name = "N", default_value_t = montecarlo::DEFAULT_SAMPLES,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(montecarlo::MAX_SAMPLES)))]
    pub samples: u32,
    /// The seed of the samples: the same file, samples and seed give the same figures on any
    /// machine and any number of threads.
    #[arg(long, global = true, value_name = "SEED", default_value_t = montecarlo::DEFAULT_SEED)]
    pub seed: u64,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            samples: montecarlo::DEFAULT_SAMPLES,
            seed: montecarlo::DEFAULT_SEED,
        }
    }
}

/// What every command works with: the catalog, the date, the colours.
pub struct Env {
    pub catalog: crate::catalog::Catalog,
    pub date: crate::date::Date,
    pub stale_days: u32,
    pub paint: Paint,
    pub samples: u32,
    pub seed: u64,
    /// The `--catalog` files given, to repeat in a command tunecalc suggests.
    pub catalog_files: Vec<PathBuf>,
}

impl Env {
    fn from(shared: &Shared, sampling: Sampling) -> Result<Env, Error> {
        let env = std::env::var("TUNECALC_CATALOG").ok();
        let date = match (shared.date, std::env::var("TUNECALC_DATE")) {
            (Some(d), _) => d,
            (None, Ok(text)) => crate::date::parse(&text)
                .map_err(|m| Error::Usage(format!("TUNECALC_DATE: {m}")))?,
            (None, Err(_)) => crate::date::today(),
        };
        Ok(Env {
            catalog: crate::catalog::Catalog::with_files(env.as_deref(), &shared.catalogs)?,
            date,
            stale_days: shared.stale_days,
            paint: shared.color.paint(),
            samples: sampling.samples,
            seed: sampling.seed,
            catalog_files: shared.catalogs.clone(),
        })
    }

    fn context(&self) -> scenario::Context<'_> {
        scenario::Context {
            catalog: &self.catalog,
            date: self.date,
            stale_days: self.stale_days,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output.
    fn paint(self) -> Paint {
        Paint(match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate scenarios and print their figures side by side.
    #[command(
        after_help = "Examples:\n  tunecalc run scenarios/exercise.toml\n  tunecalc run scenarios/ --format markdown\n  tunecalc run a.toml b.toml --format csv > compare.csv\n  tunecalc run scenarios/ --width 80      (in blocks of columns that fit 80 characters)\n  tunecalc run scenarios/uncertain-support-bot.toml --samples 1000000 --seed 7\n  tunecalc run scenarios/uncertain-support-bot.toml --samples-out samples.csv"
    )]
    Run {
        /// Scenario files, or directories (meaning their *.toml files, sorted by name); `-`
        /// reads standard input.
        #[arg(required = true, value_name = "FILE|DIR")]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Widest the table may be, in characters, from 60 to 1000 (0: no limit)
        /// [default: the terminal's width, or 120 when not a terminal].
        #[arg(long, value_parser = parse_width, value_name = "CHARS")]
        width: Option<usize>,
        /// Write every Monte Carlo sample of the scenario with ranges to this CSV file: its
        /// uncertain inputs and the figures they gave.
        #[arg(long, value_name = "FILE.csv")]
        samples_out: Option<PathBuf>,
        #[command(flatten)]
        sampling: Sampling,
    },
    /// Show the worked arithmetic of scenarios, step by step, and why each verdict is what it is.
    #[command(
        after_help = "Examples:\n  tunecalc explain scenarios/exercise.toml\n  tunecalc explain scenarios/      (every scenario, one after another)"
    )]
    Explain {
        /// Scenario files, or directories (meaning their *.toml files, sorted by name); `-`
        /// reads standard input.
        #[arg(required = true, value_name = "FILE|DIR")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        sampling: Sampling,
    },
    /// Draw a chart (SVG or PNG, from the output's extension) of one scenario, or compare several.
    #[command(after_help = CHART_HELP)]
    Chart {
        /// The scenario file; `--kind compare` takes two or more files or directories.
        #[arg(required = true, value_name = "FILE|DIR")]
        inputs: Vec<PathBuf>,
        /// What to draw.
        #[arg(short, long, value_enum, default_value_t = Kind::Cumulative)]
        kind: Kind,
        /// Output file: .svg or .png; `-` writes SVG to standard output.
        /// [default: <scenario>-<kind>.svg]
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Image size in pixels, WIDTHxHEIGHT, at least 480x320.
        #[arg(long, default_value = "1000x600", value_parser = parse_size, value_name = "WxH")]
        size: (u32, u32),
        /// How far each input is varied for `--kind sensitivity`, in percent [default: 20].
        #[arg(long, value_parser = parse_swing, value_name = "PERCENT")]
        swing: Option<Decimal>,
        /// `--kind map`: the input across [default: usage.calls_per_month].
        #[arg(long, value_name = "KEY")]
        x: Option<String>,
        /// `--kind map`: the input up [default: tokens saved per call when both sides are
        /// priced by tokens, else the prompting price per 1,000 calls].
        #[arg(long, value_name = "KEY")]
        y: Option<String>,
        #[command(flatten)]
        sampling: Sampling,
    },
    /// Write a stakeholder report: one self-contained HTML page, or Markdown with SVG charts.
    #[command(
        after_help = "Examples:\n  tunecalc report scenarios/ -o report.html\n  tunecalc report scenarios/exercise.toml -o exercise.md      (charts in exercise.charts/ beside it)\n  tunecalc report scenarios/ -o report.html --date 2026-11-24   (a reproducible report)\n  tunecalc report scenarios/ -o - > report.html                 (HTML to standard output)"
    )]
    Report {
        /// Scenario files, or directories (meaning their *.toml files, sorted by name).
        #[arg(required = true, value_name = "FILE|DIR")]
        inputs: Vec<PathBuf>,
        /// The report: .html or .md; `-` writes HTML to standard output.
        #[arg(short, long, value_name = "OUT", default_value = "report.html")]
        output: PathBuf,
        /// Print each scenario's worked arithmetic too (on screen it is collapsed under the
        /// scenario, and left off paper unless asked for).
        #[arg(long)]
        appendix: bool,
        #[command(flatten)]
        sampling: Sampling,
    },
    /// List the price catalog: models, their status on the date, prices and checked dates.
    #[command(
        after_help = "Examples:\n  tunecalc models                    every model that still serves\n  tunecalc models gemini             those whose id, provider or name holds \"gemini\"\n  tunecalc models --all              retired ones too\n  tunecalc models --format json      every field, sources and uncertain values included\n  tunecalc models --date 2027-02-01  as things will stand on that day"
    )]
    Models {
        /// Part of an id, provider or name (any case).
        #[arg(value_name = "QUERY")]
        query: Option<String>,
        /// Include retired models.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Widest the table may be, in characters (0: no limit) [default: the terminal's
        /// width, or 120].
        #[arg(long, value_parser = parse_width, value_name = "CHARS")]
        width: Option<usize>,
    },
    /// Print the JSON Schema of the scenario format, for editors that check TOML (taplo, Even
    /// Better TOML): key completion, descriptions with units, typos flagged as you type.
    #[command(after_help = SCHEMA_HELP)]
    Schema {
        /// Write the schema to this file instead of standard output (replaced only by a
        /// complete new one).
        #[arg(short, long, value_name = "FILE.json")]
        output: Option<PathBuf>,
    },
    /// Print shell completions for tunecalc (install them as the README says).
    #[command(
        after_help = "Examples:\n  tunecalc completions bash > ~/.local/share/bash-completion/completions/tunecalc\n  tunecalc completions zsh > ~/.zfunc/_tunecalc      (with fpath+=~/.zfunc in ~/.zshrc)\n  tunecalc completions fish > ~/.config/fish/completions/tunecalc.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output, or write one page per command to a folder.
    #[command(
        after_help = "Examples:\n  tunecalc man | man -l -\n  tunecalc man --dir ~/.local/share/man/man1 && man tunecalc-solve"
    )]
    Man {
        /// Write tunecalc.1 and a page per command (tunecalc-solve.1, …) into this folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Write a commented starter scenario to NAME.toml (never overwrites).
    #[command(
        after_help = "Examples:\n  tunecalc new ticket-triage      writes ticket-triage.toml\n  tunecalc new triage --model openai/gpt-4.1-mini-2025-04-14   priced from the catalog"
    )]
    New {
        /// The scenario's name; the file is NAME.toml.
        #[arg(value_name = "NAME")]
        name: String,
        /// A catalog model to price the scenario with (see `tunecalc models`).
        #[arg(long, value_name = "ID")]
        model: Option<String>,
    },
    /// What would have to be true: each input's value at which tuning pays back exactly within
    /// the target window, the others as written.
    #[command(after_help = SOLVE_HELP)]
    Solve {
        /// Scenario files, or directories (meaning their *.toml files, sorted by name); `-`
        /// reads standard input.
        #[arg(required = true, value_name = "FILE|DIR")]
        inputs: Vec<PathBuf>,
        /// Only these inputs, by dotted key (`usage.calls_per_month`) or by the key alone
        /// when it is unambiguous (`calls_per_month`); repeatable [default: every input].
        #[arg(long = "for", value_name = "KEY")]
        keys: Vec<String>,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = SolveFormat::Table)]
        format: SolveFormat,
        /// The table's width in characters, 60 to 1000, or 0 for no limit [default: the
        /// terminal's width, or 120].
        #[arg(long, value_parser = parse_width, value_name = "CHARS")]
        width: Option<usize>,
        #[command(flatten)]
        sampling: Sampling,
    },
    /// The figures over a grid of one or two inputs: payback, net savings and the verdict at
    /// every point, each an exact evaluation.
    #[command(after_help = SWEEP_HELP)]
    Sweep {
        /// One scenario file (`-` reads standard input).
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// KEY=LOW..HIGH[:STEPS][:log]: an input and the values to give it (STEPS values from
        /// LOW to HIGH, 11 unless given, evenly or on a log scale); once or twice.
        #[arg(long, required = true, value_name = "KEY=LOW..HIGH[:STEPS][:log]")]
        vary: Vec<String>,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = SweepFormat::Table)]
        format: SweepFormat,
        /// The table's width in characters, 60 to 1000, or 0 for no limit [default: the
        /// terminal's width, or 120].
        #[arg(long, value_parser = parse_width, value_name = "CHARS")]
        width: Option<usize>,
        #[command(flatten)]
        sampling: Sampling,
    },
    /// Training data files: check them before upload, and measure them.
    #[command(subcommand)]
    Data(DataCommand),
}

impl Command {
    /// The sampling options of a command that samples; the defaults for the others.
    pub fn sampling(&self) -> Sampling {
        match self {
            Command::Run { sampling, .. }
            | Command::Explain { sampling, .. }
            | Command::Chart { sampling, .. }
            | Command::Report { sampling, .. }
            | Command::Solve { sampling, .. }
            | Command::Sweep { sampling, .. } => *sampling,
            _ => Sampling::default(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Check tuning datasets (JSONL, or .jsonl.gz) line by line before a job fails on them, and
    /// count what training on them costs.
    #[command(after_help = DATA_HELP)]
    Check {
        /// Training files (JSONL, one example per line; gzip is read through); `-` reads
        /// standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The format: auto decides from the first valid line.
        #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
        dialect: DialectChoice,
        /// The catalog model the data is for: its minimum examples, longest example, epochs
        /// rule, tokenizer and training price (see `tunecalc models`).
        #[arg(long, value_name = "ID")]
        model: Option<String>,
        /// The encoding for exact OpenAI counts [default: the model's, else o200k_base].
        #[arg(long, value_enum)]
        encoding: Option<crate::dataset::tokens::Encoding>,
        /// Epochs to bill [default: the model's rule].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
        epochs: Option<u32>,
        /// The batch size the job will use (more than the examples fails the job).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        batch_size: Option<u64>,
        /// Bad lines and warnings shown in full, per file (the rest are counted).
        #[arg(long, value_name = "N", default_value_t = 50)]
        max_errors: usize,
        /// Fail (exit 2) on warnings too: blank lines and duplicate examples.
        #[arg(long)]
        strict: bool,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },
}

/// Formats of `tunecalc solve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolveFormat {
    /// One grid per scenario: each input, its value now, and what it must be.
    Table,
    /// `{"solutions": [{file, input, current, break_even_value, direction, …}]}`.
    Json,
}

/// Formats of `tunecalc sweep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    /// A list (one input) or a matrix of payback months (two inputs).
    Table,
    Markdown,
    /// Exact values; with two inputs, the matrix of payback months (the second input across).
    Csv,
    /// `{"sweep": {file, vary, points: [{values, payback_months, net_savings_at_horizon, verdict}]}}`.
    Json,
}

const SWEEP_HELP: &str = "\
Keys are named as in the scenario file (`tunecalc solve FILE` lists them); percentages may be
written with % (usage.monthly_growth=0%..20%). A log scale needs LOW above 0. At most two
inputs, 1,000 values each and 250,000 points.

Examples:
  tunecalc sweep scenarios/exercise.toml --vary usage.calls_per_month=1000..1000000:25:log
  tunecalc sweep scenarios/exercise.toml --vary calls_per_month=5000..100000:20 \\
      --vary prompting.price_per_1k_calls=0.03..0.3:10 --format csv > grid.csv
  tunecalc sweep scenarios/growing-volume.toml --vary monthly_growth=0%..30%:7";

const SOLVE_HELP: &str = "\
Each input is solved alone, every other input as written, for payback equal to the target
window (the target, or shorter when retraining or the model's retirement says so). A value
no input alone can reach is said as such: \"it would have to be below 0\".

Examples:
  tunecalc solve scenarios/exercise.toml
      calls at least 55,556 a month, or training at most $3.60, or prompting at least $0.1867
  tunecalc solve scenarios/exercise.toml --for usage.calls_per_month --for training.cost
  tunecalc solve scenarios/ --format json";

/// `--dialect`: a training file's format, or auto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectChoice {
    /// Decided from the first line that parses and names its format.
    Auto,
    /// `{"text_input": …, "output": …}`: the Gemini API's tuning format.
    Gemini,
    /// `{"contents": [{"role", "parts"}]}`: Vertex AI / Agent Platform.
    Vertex,
    /// `{"messages": [{"role", "content"}]}`: OpenAI and Azure OpenAI chat.
    Openai,
    /// `{"schemaVersion": "bedrock-conversation-2024", "messages": …}`: Bedrock Nova.
    Nova,
}

impl DialectChoice {
    fn dialect(self) -> Option<crate::dataset::dialect::Dialect> {
        use crate::dataset::dialect::Dialect;
        match self {
            DialectChoice::Auto => None,
            DialectChoice::Gemini => Some(Dialect::Gemini),
            DialectChoice::Vertex => Some(Dialect::Vertex),
            DialectChoice::Openai => Some(Dialect::Openai),
            DialectChoice::Nova => Some(Dialect::Nova),
        }
    }
}

/// Formats of `tunecalc data check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// Problems like a compiler's, then a summary per file.
    Text,
    /// `{"files": [{file, dialect, examples, bad_lines, warnings, tokens, …}]}`.
    Json,
}

const DATA_HELP: &str = "\
Formats (--dialect) and how their tokens are counted:
  openai   {\"messages\": [{\"role\": \"system\"|\"user\"|\"assistant\", \"content\": …}]}
           exactly (o200k_base, or cl100k_base for gpt-3.5 and gpt-4)
  vertex   {\"contents\": [{\"role\": \"user\"|\"model\", \"parts\": [{\"text\": …}]}]}
           estimated (4 characters a token)
  gemini   {\"text_input\": …, \"output\": …}   estimated
  nova     {\"schemaVersion\": \"bedrock-conversation-2024\", \"messages\": …}   estimated
Columns count characters (not bytes) from 1.

Exit codes: 0 every line is good, 2 a bad line or a file problem (--strict: warnings too).

Examples:
  tunecalc data check scenarios/data/broken.jsonl                          every problem, one pass
  tunecalc data check train.jsonl
  tunecalc data check train.jsonl --model openai/gpt-4.1-mini-2025-04-14   with its cost
  tunecalc data check data/*.jsonl.gz --format json
  tunecalc data check train.jsonl --dialect nova --batch-size 16";

/// Formats of `tunecalc models`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

const CHART_HELP: &str = "\
Kinds:
  cumulative   cumulative cost of prompting vs tuning, with the break-even month (default)
  volume       payback months against monthly call volume, with the target
  sensitivity  which inputs move payback most when varied by ±swing (a tornado); with
               ranges, each input's share of the variance from the samples
  compare      net savings at the horizon of several scenarios
  payback      with ranges: how the samples' paybacks spread, and the chance within the target
  fan          with ranges: net savings month by month, the median and 50 % / 90 % bands

Examples:
  tunecalc chart scenarios/exercise.toml -o exercise.svg
  tunecalc chart scenarios/exercise.toml --kind volume -o volume.png --size 1600x900
  tunecalc chart scenarios/nova-micro.toml --kind sensitivity --swing 30
  tunecalc chart scenarios/ --kind compare -o compare.svg
  tunecalc chart scenarios/uncertain-support-bot.toml --kind payback   (with ranges)
  tunecalc chart scenarios/uncertain-support-bot.toml --kind fan -o fan.png
  tunecalc chart scenarios/exercise.toml -o - > exercise.svg";

/// The smallest chart drawn: below it titles, legends and ticks cannot all be read.
pub const MIN_CHART: (u32, u32) = (480, 320);
/// The largest chart drawn.
pub const MAX_CHART: u32 = 8000;

/// `WIDTHxHEIGHT`, from 480x320 to 8000x8000 pixels.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("expected WIDTHxHEIGHT in pixels, such as 1000x600, found \"{text}\"");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    let (min_w, min_h) = MIN_CHART;
    if w < min_w || h < min_h || w > MAX_CHART || h > MAX_CHART {
        return Err(format!(
            "a chart must be from {min_w}x{min_h} to {MAX_CHART}x{MAX_CHART} pixels (smaller ones cannot be read), found {w}x{h}"
        ));
    }
    Ok((w, h))
}

/// A table width: 0 (no limit) or 60 to 1000 characters.
fn parse_width(text: &str) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("expected a number of characters such as 120, found \"{text}\""))?;
    if n == 0 || (MIN_WIDTH..=MAX_WIDTH).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "a table needs from {MIN_WIDTH} to {MAX_WIDTH} characters (0 for no limit), found {n}"
        ))
    }
}

/// A percentage above 0 and below 100, as a fraction: "20" → 0.2.
fn parse_swing(text: &str) -> Result<Decimal, String> {
    let pct = Decimal::from_str(text.trim().trim_end_matches('%'))
        .map_err(|_| format!("expected a percentage such as 20, found \"{text}\""))?;
    if pct <= Decimal::ZERO || pct >= Decimal::ONE_HUNDRED {
        return Err(format!(
            "the swing must be above 0 and below 100 percent, found {pct}"
        ));
    }
    Ok(pct / Decimal::ONE_HUNDRED)
}

/// The tornado's default swing, ±20 %.
fn default_swing() -> Decimal {
    Decimal::new(2, 1)
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let env = Env::from(&cli.shared, cli.command.sampling())?;
    match cli.command {
        Command::Run {
            inputs,
            format,
            width,
            samples_out,
            ..
        } => {
            // Every scenario is read and evaluated (exactly) before anything is printed: a
            // bad one is an error with no half-written output.
            let cases = engine::evaluate_all(scenario::load_all(&inputs, &env.context())?)?;
            if format == Format::Table {
                warn(&cases);
            }
            run_streaming(
                cases,
                &env,
                format,
                table_width(width),
                samples_out.as_deref(),
            )
        }
        Command::Explain { inputs, .. } => {
            print(&render::explain::render_all(&load(&inputs, &env)?))
        }
        Command::Chart {
            inputs,
            kind,
            output,
            size,
            swing,
            x,
            y,
            ..
        } => chart_command(&env, &inputs, kind, output, size, swing, (x, y)),
        Command::Report {
            inputs,
            output,
            appendix,
            ..
        } => report_command(&env, &inputs, &output, appendix),
        Command::Models {
            query,
            all,
            format,
            width,
        } => {
            use crate::render::models;
            let selected = models::select(env.catalog.entries(), query.as_deref(), all, env.date);
            if selected.is_empty() {
                return Err(Error::Usage(format!(
                    "no model{} in the catalog{}",
                    query
                        .as_ref()
                        .map_or(String::new(), |q| format!(" matches \"{}\"", safe(q))),
                    if all {
                        ""
                    } else {
                        " (add --all to include retired ones)"
                    }
                )));
            }
            print(&match format {
                ListFormat::Table => {
                    let width = table_width(width);
                    match selected.as_slice() {
                        [one] => models::detail(
                            one,
                            env.date,
                            width.unwrap_or(usize::MAX),
                            env.stale_days,
                        ),
                        many => models::table(many, env.date, width, env.stale_days),
                    }
                }
                ListFormat::Json => models::json(&selected, env.date),
                ListFormat::Csv => models::csv(&selected, env.date),
            })
        }
        Command::Solve {
            inputs,
            keys,
            format,
            width,
            ..
        } => {
            let mut only: Vec<crate::scenario::Key> = Vec::new();
            for k in &keys {
                let key = solve_key(k)?;
                if !only.contains(&key) {
                    only.push(key);
                }
            }
            let mut cases = load_with(&inputs, &env, false, false)?;
            // A key no scenario uses is a mistake; one some scenarios use is solved there.
            for key in &only {
                if cases.iter().all(|c| c.scenario.inputs.get(*key).is_none()) {
                    let file = cases.first().map(|c| c.scenario.file.clone());
                    return Err(Error::Usage(crate::present::words::unused_input(
                        &file.unwrap_or_default(),
                        *key,
                    )));
                }
            }
            // Every input when none was named.
            for case in &mut cases {
                case.solutions = crate::analysis::solve::solve(case, &only);
            }
            let width = table_width(width);
            print(&match format {
                SolveFormat::Table => render::solve::text(&cases, width),
                SolveFormat::Json => render::solve::json(&cases),
            })
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "tunecalc", &mut out);
            print_bytes(&out)
        }
        Command::Schema { output } => {
            let text = scenario::schema::text(&env.catalog);
            match output {
                None => print(&text),
                Some(path) => {
                    write_atomic(&path, text.as_bytes(), Existing::Replace)?;
                    wrote(&path);
                    Ok(())
                }
            }
        }
        Command::Man { dir } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command().disable_help_subcommand(true);
            cmd.build();
            let pages = man_pages(&cmd)?;
            match dir {
                None => print_bytes(&pages.first().map(|(_, p)| p.clone()).unwrap_or_default()),
                Some(dir) => {
                    if !dir.is_dir() {
                        return Err(Error::Usage(format!(
                            "{} is not a folder: create it first (mkdir -p {})",
                            safe(&dir.display().to_string()),
                            safe(&dir.display().to_string())
                        )));
                    }
                    for (name, page) in &pages {
                        let path = dir.join(format!("{name}.1"));
                        write_atomic(&path, page, Existing::Replace)?;
                        wrote(&path);
                    }
                    Ok(())
                }
            }
        }
        Command::Sweep {
            input,
            vary,
            format,
            width,
            ..
        } => {
            let cases = load_with(std::slice::from_ref(&input), &env, false, false)?;
            let [case] = cases.as_slice() else {
                return Err(Error::Usage(
                    "sweep takes one scenario file (a directory holds several)".into(),
                ));
            };
            if vary.len() > 2 {
                return Err(Error::Usage(
                    "--vary at most two inputs (a line or a grid)".into(),
                ));
            }
            let specs = vary
                .iter()
                .map(|v| parse_vary(v, case))
                .collect::<Result<Vec<_>, _>>()?;
            if let [a, b] = specs.as_slice() {
                if a.key == b.key {
                    return Err(Error::Usage(format!(
                        "{} is varied twice: a grid needs two different inputs",
                        a.key.name()
                    )));
                }
            }
            let points: usize = specs.iter().map(|s| s.steps as usize).product();
            if points > crate::analysis::sweep::MAX_POINTS {
                return Err(Error::Usage(format!(
                    "{} points are too many (at most {}): use fewer steps",
                    crate::present::number::count(points as u128),
                    crate::present::number::count(crate::analysis::sweep::MAX_POINTS as u128)
                )));
            }
            let s = crate::analysis::sweep::sweep(case, &specs).map_err(|f| match f.error {
                // The values asked for are to blame, not the file's line.
                Error::Overflow(e) => Error::Usage(crate::present::words::sweep_too_large(
                    &vary, &f.values, &e.message,
                )),
                other => other,
            })?;
            let width = table_width(width);
            print(&match format {
                SweepFormat::Table => render::sweep::table(case, &s, width),
                SweepFormat::Markdown => render::sweep::markdown(case, &s),
                SweepFormat::Csv => render::sweep::csv(&s),
                SweepFormat::Json => render::sweep::json(case, &s),
            })
        }
        Command::Data(DataCommand::Check {
            files,
            dialect,
            model,
            encoding,
            epochs,
            batch_size,
            max_errors,
            strict,
            format,
        }) => {
            let model = match &model {
                Some(id) => Some(
                    env.catalog
                        .lookup(id)
                        .map_err(|help| {
                            Error::Usage(format!(
                                "no model \"{}\" in the catalog; {help}",
                                safe(id)
                            ))
                        })?
                        .clone(),
                ),
                None => None,
            };
            let opts = crate::dataset::Options {
                dialect: dialect.dialect(),
                encoding,
                model,
                epochs,
                batch_size,
                max_errors,
                date: Some(env.date),
                stale_days: Some(env.stale_days),
            };
            let mut reports = Vec::with_capacity(files.len());
            for f in &files {
                let size = std::fs::metadata(f).map_or(0, |m| m.len() as usize);
                let progress = crate::io::Progress::start_bytes(
                    format!("checking {}", safe(&f.display().to_string())),
                    size.max(1),
                );
                let report = crate::dataset::check(f, &opts, Some(progress.counter()));
                progress.finish();
                // A file that cannot be read is that file's error; the others are still checked.
                reports.push(report.unwrap_or_else(|e| {
                    let reason = match e {
                        Error::Read { reason, .. } => format!("cannot read it: {reason}"),
                        other => other.to_string(),
                    };
                    crate::dataset::FileReport::unreadable(f, reason)
                }));
            }
            print(&match format {
                DataFormat::Text => crate::render::dataset::text(&reports),
                DataFormat::Json => crate::render::dataset::json(&reports),
            })?;
            let failed = reports
                .iter()
                .any(|r| r.failed() || (strict && r.warnings_total > 0));
            if failed {
                return Err(Error::Failed);
            }
            Ok(())
        }
        Command::New { name, model } => {
            let entry = match &model {
                Some(id) => Some(env.catalog.lookup(id).map_err(|help| {
                    Error::Usage(format!("no model \"{}\" in the catalog; {help}", safe(id)))
                })?),
                None => None,
            };
            if let Some(e) = entry {
                use crate::catalog::Status;
                match Status::of(e, env.date) {
                    Status::NotTunable => {
                        return Err(Error::Usage(format!(
                            "{} cannot be tuned (it is a prompting baseline): start from a tunable model with `--model`, then set `model = \"{}\"` under [prompting]",
                            e.id, e.id
                        )))
                    }
                    status @ (Status::Retired(_) | Status::TrainingClosed { .. }) => eprint(
                        &format!(
                            "warning: {}: {}; the starter is written so old figures can be checked, but a new job cannot be run\n",
                            e.id,
                            crate::present::words::status_text(status, env.date)
                        ),
                    ),
                    _ => {}
                }
            }
            let schema = scenario::schema::text(&env.catalog);
            let written = starter::write_new(&name, entry, &schema)?;
            let path = crate::present::text::shell_quote(&written.path.display().to_string());
            let schema_path =
                crate::present::text::shell_quote(&written.schema_path.display().to_string());
            let also = match written.schema {
                starter::SchemaFile::Wrote => format!(
                    " and {schema_path} (the schema its first line names: editors that read TOML schemas complete and check it)"
                ),
                _ => String::new(),
            };
            // The catalog files given, so a suggested command sees the same models.
            let catalogs: String = env
                .catalog_files
                .iter()
                .map(|p| {
                    format!(
                        " --catalog {}",
                        crate::present::text::shell_quote(&p.display().to_string())
                    )
                })
                .collect();
            if written.schema == starter::SchemaFile::Differs {
                eprint(&format!(
                    "note: {schema_path} is not this version's schema, or lists another catalog's models; refresh it with `tunecalc schema{catalogs} -o {schema_path}`\n"
                ));
            }
            print(&format!(
                "Wrote {path}{also}. Edit its numbers, then run `tunecalc explain{catalogs} {path}`.\n"
            ))
        }
    }
}

/// `KEY=LOW..HIGH[:STEPS][:log]`, checked against the scenario: the key is one it uses, the
/// values are numbers in the input's range, LOW below HIGH, a sane number of steps, and a log
/// scale above 0.
fn parse_vary(text: &str, case: &Case) -> Result<crate::analysis::sweep::Vary, Error> {
    use crate::analysis::sweep::{Vary, MAX_STEPS};
    use rust_decimal::Decimal;
    let form =
        "write --vary KEY=LOW..HIGH[:STEPS][:log], e.g. usage.calls_per_month=1000..1000000:25:log";
    let bad = |why: String| Error::Usage(format!("--vary {}: {why}", safe(text)));
    let (name, rest) = text
        .split_once('=')
        .ok_or_else(|| bad(format!("no `=`; {form}")))?;
    let key = solve_key(name)?;
    if case.scenario.inputs.get(key).is_none() {
        return Err(bad(crate::present::words::unused_input(
            &case.scenario.file,
            key,
        )));
    }
    let mut parts = rest.split(':');
    let range = parts.next().unwrap_or("");
    let (mut steps, mut log) = (11u32, false);
    for part in parts {
        let part = part.trim();
        if part.eq_ignore_ascii_case("log") {
            log = true;
        } else {
            steps = part.parse().map_err(|_| {
                bad(format!(
                    "\"{}\" is neither a number of steps nor `log`; {form}",
                    safe(part)
                ))
            })?;
        }
    }
    if !(2..=MAX_STEPS).contains(&steps) {
        return Err(bad(format!("{steps} steps: give 2 to {MAX_STEPS}")));
    }
    let (lo, hi) = range
        .split_once("..")
        .ok_or_else(|| bad(format!("no `..` between LOW and HIGH; {form}")))?;
    let number = |t: &str| -> Result<Decimal, Error> {
        let t = t.trim().replace('_', "");
        let (digits, percent) = match t.strip_suffix('%') {
            Some(d) => (d.trim().to_string(), true),
            None => (t.clone(), false),
        };
        let v = Decimal::from_str_exact(&digits)
            .or_else(|_| Decimal::from_scientific(&digits))
            .map_err(|_| bad(format!("\"{}\" is not a number", safe(&t))))?;
        if percent {
            if !key.is_fraction() {
                return Err(bad(format!("{} is not a percentage", key.name())));
            }
            return Ok(v / Decimal::ONE_HUNDRED);
        }
        if key.is_fraction() && v.abs() > Decimal::ONE {
            return Err(bad(format!(
                "{} is a fraction: write {}% or {}",
                key.name(),
                v.normalize(),
                (v / Decimal::ONE_HUNDRED).normalize()
            )));
        }
        Ok(v)
    };
    let (low, high) = (number(lo)?, number(hi)?);
    if low == high {
        return Err(bad(
            "LOW and HIGH are the same: give a range, e.g. 1000..100000".into(),
        ));
    }
    if low > high {
        return Err(bad(format!(
            "LOW must be below HIGH (did you mean {}..{}?)",
            hi.trim(),
            lo.trim()
        )));
    }
    if log && low <= Decimal::ZERO {
        return Err(bad(
            "a log scale cannot reach 0 or below: start LOW above 0".into(),
        ));
    }
    let (min, max) = crate::analysis::solve::range(&case.scenario.inputs, key);
    let below = if key.is_fraction() {
        low <= min
    } else {
        low < min
    };
    if below {
        return Err(bad(format!(
            "{} cannot be {}",
            key.name(),
            if key.is_fraction() {
                "-100 % or less"
            } else {
                "negative"
            }
        )));
    }
    if let Some(max) = max.filter(|m| high > *m) {
        return Err(bad(format!(
            "{} cannot be more than {}",
            key.name(),
            max.normalize()
        )));
    }
    Ok(Vary {
        key,
        low,
        high,
        steps,
        log,
    })
}

/// The man page of a built `cmd` and of every subcommand under it, rendered in memory, each
/// with its name (`tunecalc-data-check`, from clap's display names).
fn man_pages(cmd: &clap::Command) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut out = Vec::new();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut page)
        .map_err(|e| Error::Usage(format!("cannot render the man page: {e}")))?;
    let name = cmd.get_display_name().unwrap_or(cmd.get_name()).to_string();
    out.push((name, page));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.extend(man_pages(sub)?);
    }
    Ok(out)
}

/// An input named on the command line: a dotted key, or a key alone when only one table has
/// it; an unknown name gets the closest known one.
pub fn solve_key(name: &str) -> Result<crate::scenario::Key, Error> {
    use crate::scenario::Key;
    let name = name.trim();
    if let Some(k) = Key::from_name(name) {
        return Ok(k);
    }
    let matching: Vec<Key> = Key::all()
        .into_iter()
        .filter(|k| k.field() == name)
        .collect();
    match matching.as_slice() {
        [one] => return Ok(*one),
        [] => {}
        many => {
            return Err(Error::Usage(format!(
                "\"{}\" is in several tables: say which, {}",
                safe(name),
                many.iter()
                    .map(|k| format!("`{}`", k.name()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )))
        }
    }
    let names: Vec<String> = Key::all().into_iter().map(Key::name).collect();
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = crate::scenario::raw::closest_key(name, &known)
        .map_or_else(String::new, |k| format!("; did you mean `{k}`?"));
    Err(Error::Usage(format!(
        "no input \"{}\"{hint} (inputs are named as in the scenario file: `usage.calls_per_month`, `training.cost`, `tuned.input_tokens`, …)",
        safe(name)
    )))
}

/// The width a table may take: `--width 0` is no limit, a given width is that, and none is
/// the terminal's (or [`DEFAULT_WIDTH`] when not a terminal).
fn table_width(given: Option<usize>) -> Option<usize> {
    match given {
        Some(0) => None,
        Some(n) => Some(n),
        None => Some(terminal_width().unwrap_or(DEFAULT_WIDTH)),
    }
}

/// The terminal's width when standard output is one.
fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .map(|w| w.clamp(MIN_WIDTH, MAX_WIDTH))
}

/// Loads and evaluates every scenario named on the command line, with what each input would
/// have to be (explain and reports show it).
fn load(inputs: &[PathBuf], env: &Env) -> Result<Vec<Case>, Error> {
    let mut cases = load_with(inputs, env, true, false)?;
    for case in &mut cases {
        case.solutions = crate::analysis::solve::solve(case, &[]);
    }
    Ok(cases)
}

/// Loads and evaluates the scenarios, then runs the Monte Carlo samples of those with ranges
/// (`sensitivity`: also rank the inputs by their effect, which outputs that show it need).
fn load_with(
    inputs: &[PathBuf],
    env: &Env,
    sensitivity: bool,
    keep_draws: bool,
) -> Result<Vec<Case>, Error> {
    let cases = engine::evaluate_all(scenario::load_all(inputs, &env.context())?)?;
    Ok(assess_all(cases, env, sensitivity, keep_draws))
}

/// Runs the Monte Carlo samples of the cases with ranges and decides them by their chance.
fn assess_all(mut cases: Vec<Case>, env: &Env, sensitivity: bool, keep_draws: bool) -> Vec<Case> {
    let settings = montecarlo::Settings {
        samples: env.samples,
        seed: env.seed,
        sensitivity,
        keep_inputs: sensitivity || keep_draws,
    };
    let total = cases
        .iter()
        .filter(|c| !c.scenario.uncertain.is_empty())
        .count()
        * env.samples as usize;
    if total == 0 {
        return cases;
    }
    let progress = crate::io::Progress::start("sampling", total);
    for case in &mut cases {
        assess_one(case, &settings, progress.counter());
    }
    progress.finish();
    cases
}

/// Prints each scenario's warnings to standard error (the table keeps standard output clean).
fn warn(cases: &[Case]) {
    for c in cases {
        for w in warnings(c) {
            eprint(&format!(
                "warning: {}: {w}\n",
                safe(&c.scenario.file.display().to_string())
            ));
        }
    }
}

/// `tunecalc run` after evaluation: each scenario with ranges is sampled, printed and its
/// samples dropped before the next, so output starts at once, memory stays that of one
/// scenario's samples, and a reader that goes away (`| head`) stops the work.
fn run_streaming(
    cases: Vec<Case>,
    env: &Env,
    format: Format,
    width: Option<usize>,
    samples_out: Option<&Path>,
) -> Result<(), Error> {
    let ranged = cases
        .iter()
        .filter(|c| !c.scenario.uncertain.is_empty())
        .count();
    if samples_out.is_some() {
        match ranged {
            1 => {}
            0 => return Err(Error::Usage(
                "--samples-out needs a scenario with ranges (an input written as \"3 to 8\"); none was given"
                    .into(),
            )),
            n => return Err(Error::Usage(format!(
                "--samples-out writes one scenario's samples, but {n} have ranges; run it on one file"
            ))),
        }
    }
    if io::stdout::stdout_was_closed() {
        return print("");
    }
    // The sensitivity is shown only in JSON (and explain, reports, charts); the draws are
    // kept for it and for --samples-out.
    let sensitivity = format == Format::Json;
    let settings = montecarlo::Settings {
        samples: env.samples,
        seed: env.seed,
        sensitivity,
        keep_inputs: sensitivity || samples_out.is_some(),
    };
    let progress = crate::io::Progress::start("sampling", ranged * env.samples as usize);
    let mut stdout = std::io::stdout().lock();
    let mut stream = render::Stream::begin(format, &cases, width, env.paint, &mut stdout)?;
    let result = (|| {
        for mut case in cases {
            if !case.scenario.uncertain.is_empty() {
                io::stdout::stop_if_reader_gone()?;
                assess_one(&mut case, &settings, progress.counter());
                if let Some(out) = samples_out {
                    write_samples(&case, out)?;
                }
                // Summarised: the samples themselves are not needed any more.
                if let Some(u) = case.uncertainty.as_mut() {
                    u.data = Default::default();
                }
            }
            stream.push(case)?;
        }
        stream.finish()
    })();
    progress.finish();
    result
}

/// Samples one case with ranges and decides it by its chance.
fn assess_one(
    case: &mut Case,
    settings: &montecarlo::Settings,
    progress: &std::sync::atomic::AtomicUsize,
) {
    if let Some(u) = montecarlo::assess(case, settings, Some(progress)) {
        engine::decide_with_chance(
            &case.scenario,
            &mut case.eval,
            u.p_payback_within_target,
            u.samples,
        );
        case.uncertainty = Some(u);
    }
}

/// `--samples-out`: every sample of the scenario with ranges, written atomically.
fn write_samples(case: &Case, out: &Path) -> Result<(), Error> {
    let text = render::samples::render(case);
    write_atomic(out, text.as_bytes(), Existing::Replace)?;
    wrote(out);
    Ok(())
}

/// "Wrote PATH" on standard error.
fn wrote(path: &Path) {
    eprint(&format!("Wrote {}\n", safe(&path.display().to_string())));
}

/// `tunecalc chart`: checks the request, draws in memory, then writes the file atomically.
fn chart_command(
    env: &Env,
    inputs: &[PathBuf],
    kind: Kind,
    output: Option<PathBuf>,
    size: (u32, u32),
    swing: Option<Decimal>,
    (x, y): (Option<String>, Option<String>),
) -> Result<(), Error> {
    if (x.is_some() || y.is_some()) && kind != Kind::Map {
        return Err(Error::Usage(format!(
            "--x and --y choose the axes of `--kind map`; remove them, or draw the map with --kind map (this is --kind {})",
            kind.name()
        )));
    }
    let x = x.as_deref().map(solve_key).transpose()?;
    let y = y.as_deref().map(solve_key).transpose()?;
    if swing.is_some() && kind != Kind::Sensitivity {
        return Err(Error::Usage(format!(
            "--swing only changes `--kind sensitivity`; remove it, or draw the tornado with --kind sensitivity (this is --kind {})",
            kind.name()
        )));
    }
    let scenarios = scenario::load_all(inputs, &env.context())?;
    match (kind, scenarios.len()) {
        (Kind::Compare, 0 | 1) => {
            return Err(Error::Usage(
                "--kind compare needs two or more scenarios, e.g. `tunecalc chart a.toml b.toml --kind compare` or a directory"
                    .into(),
            ))
        }
        (Kind::Compare, _) | (_, 1) => {}
        (_, n) => {
            return Err(Error::Usage(format!(
                "--kind {} draws one scenario, but {n} were given; use --kind compare for several",
                kind.name()
            )))
        }
    }
    let output = output.unwrap_or_else(|| {
        let stem = match scenarios.first() {
            Some(s) if kind != Kind::Compare && !io::is_stdio(&s.file) => s
                .file
                .file_stem()
                .map_or("chart".into(), |s| s.to_string_lossy().into_owned()),
            _ if kind == Kind::Compare => "compare".to_string(),
            _ => "chart".to_string(),
        };
        PathBuf::from(format!("{stem}-{}.svg", kind.name()))
    });
    let to_stdout = io::is_stdio(&output);
    let format = if to_stdout {
        ImageFormat::Svg
    } else {
        image_format(&output)?
    };
    let cases = engine::evaluate_all(scenarios)?;
    // The samples only for the charts that show them (sensitivity shows their shares).
    let cases = match kind {
        Kind::Payback | Kind::Fan | Kind::Sensitivity => assess_all(cases, env, true, true),
        _ => cases,
    };
    let plot = match (kind, cases.as_slice()) {
        (Kind::Map, [case]) => {
            let mut case = case.clone();
            case.solutions = crate::analysis::solve::solve(&case, &[]);
            analysis::plot::map_plot(&case, x, y)?
        }
        _ => analysis::plot(kind, &cases, swing.unwrap_or_else(default_swing))?,
    };
    let bytes = chart::render(&plot, &cases, size, format)?;
    if to_stdout {
        return print_bytes(&bytes);
    }
    write_atomic(&output, &bytes, Existing::Replace)?;
    wrote(&output);
    Ok(())
}

/// `tunecalc report`: renders everything in memory, then writes the report and its charts as
/// one unit.
fn report_command(
    env: &Env,
    inputs: &[PathBuf],
    output: &Path,
    appendix: bool,
) -> Result<(), Error> {
    let to_stdout = io::is_stdio(output);
    if !to_stdout {
        report::ReportFormat::from_path(output)?;
    }
    let cases = load(inputs, env)?;
    let date = env.date;
    if to_stdout {
        let files = report::render_with(&cases, Path::new("report.html"), date, appendix)?;
        return print_bytes(&files.document.1);
    }
    let files = report::render_with(&cases, output, date, appendix)?;
    report::write(&files)?;
    wrote(output);
    Ok(())
}

/// The image format from the output's extension.
fn image_format(path: &Path) -> Result<ImageFormat, Error> {
    match path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("svg") => Ok(ImageFormat::Svg),
        Some("png") => Ok(ImageFormat::Png),
        other => Err(Error::Usage(format!(
            "cannot tell the image format of {}{}: name the output .svg or .png",
            safe(&path.display().to_string()),
            other.map_or(String::new(), |e| format!(" (unknown extension .{e})"))
        ))),
    }
}
