//! Command-line definitions and dispatch.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

use crate::error::Error;
use crate::output::print;
use crate::render::{self, Format};
use crate::{engine, scenario, starter};

const AFTER_HELP: &str = "\
Examples:
  tunecalc run scenarios/exercise.toml         the classic exercise: $0.30 a month, 67 months
  tunecalc run scenarios/ --width 200         every bundled scenario, side by side
  tunecalc run a.toml b.toml --format json     exact figures for other tools
  tunecalc explain scenarios/exercise.toml     the worked arithmetic, step by step
  tunecalc new ticket-triage                   write a commented starter scenario

Exit codes: 0 ok, 1 the work failed, 2 bad usage or bad input.";

/// Should we fine-tune an LLM or keep prompting? Exact payback figures from TOML scenarios.
#[derive(Debug, Parser)]
#[command(name = "tunecalc", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate scenarios and print their figures side by side.
    #[command(
        after_help = "Examples:\n  tunecalc run scenarios/exercise.toml\n  tunecalc run scenarios/ --format markdown\n  tunecalc run a.toml b.toml --format csv > compare.csv"
    )]
    Run {
        /// Scenario files, or directories (meaning their *.toml files, sorted by name).
        #[arg(required = true, value_name = "FILE|DIR")]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Widest the table may be, in characters (0: no limit). Fixed rather than read from
        /// the terminal so output is the same everywhere.
        #[arg(long, default_value_t = render::table::DEFAULT_WIDTH, value_name = "CHARS")]
        width: u16,
    },
    /// Show the worked arithmetic of one scenario, step by step, and why the verdict is what it is.
    #[command(after_help = "Example:\n  tunecalc explain scenarios/exercise.toml")]
    Explain {
        /// The scenario file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write a commented starter scenario to NAME.toml (never overwrites).
    #[command(
        after_help = "Example:\n  tunecalc new ticket-triage      writes ticket-triage.toml"
    )]
    New {
        /// The scenario's name; the file is NAME.toml.
        #[arg(value_name = "NAME")]
        name: String,
    },
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Run {
            inputs,
            format,
            width,
        } => {
            let scenarios = scenario::load_all(&inputs)?;
            let evals = engine::evaluate_all(&scenarios)?;
            print(&render::render(format, &evals, width))
        }
        Command::Explain { file } => {
            let s = scenario::load(&file)?;
            let e = engine::evaluate(&s)?;
            print(&render::explain::render(&e))
        }
        Command::New { name } => {
            let path = starter::write_new(&name)?;
            print(&format!(
                "Wrote {}. Edit its numbers, then run `tunecalc explain {}`.\n",
                path.display(),
                path.display()
            ))
        }
    }
}
