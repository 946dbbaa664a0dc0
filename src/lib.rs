//! tunecalc tells a team whether fine-tuning an LLM beats prompt engineering for a repeated
//! task, and when tuning pays back. The `tunecalc` binary is a thin shell over this library,
//! which other tools can use directly: every figure is an exact decimal.
//!
//! ```
//! use std::path::Path;
//! use rust_decimal::Decimal;
//!
//! // The classic exercise: $20 of training, $0.05 against $0.02 per 1,000 calls, 10,000 calls
//! // a month. Tuning saves (0.05 − 0.02) × 10 = $0.30 a month and pays back in 20 / 0.30 =
//! // 66.67 months.
//! let text = r#"
//! name = "exercise"
//! [training]
//! examples = 200
//! cost = "20"
//! [usage]
//! calls_per_month = 10000
//! [prompting]
//! price_per_1k_calls = "0.05"
//! [tuned]
//! price_per_1k_calls = "0.02"
//! "#;
//! let scenario = tunecalc::scenario::parse(Path::new("exercise.toml"), text)?;
//! let eval = tunecalc::engine::evaluate(&scenario)?;
//! assert_eq!(eval.savings_per_month, Decimal::new(30, 2));
//! assert_eq!(eval.payback_months.map(|m| m.round_dp(2)), Some(Decimal::new(6667, 2)));
//! assert_eq!(eval.payback_months_rounded_up, Some(67));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Data flows one way (see DESIGN.md):
//!
//! ```text
//! scenario.toml ─parse─▶ raw ─resolve─▶ catalog prices, dates, dataset ─validate─▶ scenario::Scenario
//!   ─evaluate─▶ engine::Evaluation ─analyse─▶ solve, sweep, curves, tornado, Monte Carlo
//!   ─present─▶ table | markdown | json | csv | explain | charts | reports
//! ```
//!
//! - [`scenario`]: the file format, loaded in stages with errors that point at the text;
//!   uncertain inputs (ranges and distributions); [`scenario::schema`], the format as a JSON
//!   Schema for editors.
//! - [`catalog`]: providers' dated prices, epochs rules, minimums, hosting and the days tuning
//!   closes and tuned models retire. [`dataset`]: training files checked and their tokens
//!   counted, per provider format.
//! - [`engine`]: exact decimal maths, generic over the number type: costs, closed-form cash
//!   flows, payback, the volume needed in time, the verdict. [`analysis`]: answers built on
//!   it (what would have to be true, sweeps, the decision map, curves, the tornado, Monte Carlo
//!   with rank correlations). Only these two compute.
//! - [`present`]: every word and number format. [`render`]: the text formats;
//!   [`chart`]: plotters charts, SVG and PNG; [`report`]: HTML and Markdown reports.
//! - [`cli`]: the command line; [`io`]: files, printing and atomic writes; [`starter`]: the
//!   commented scenario `tunecalc new` writes; [`date`], [`stats`]: calendar and distribution
//!   helpers.

pub mod analysis;
pub mod catalog;
pub mod chart;
pub mod cli;
pub mod dataset;
pub mod date;
pub mod engine;
pub mod error;
pub mod io;
pub mod present;
pub mod render;
pub mod report;
pub mod scenario;
pub mod starter;
pub mod stats;
pub mod toml_input;

pub use error::{Error, Result};
