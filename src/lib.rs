//! tunecalc tells a team whether fine-tuning an LLM beats prompt engineering for a repeated
//! task, and when tuning pays back.
//!
//! Data flows one way (see DESIGN.md):
//!
//! ```text
//! scenario.toml ─parse─▶ scenario::raw ─validate─▶ scenario::Scenario
//!               ─evaluate─▶ engine::Evaluation ─render─▶ table | markdown | json | csv | explain
//! ```
//!
//! - [`scenario`]: the file format, validation and errors that point at the offending text.
//! - [`engine`]: exact decimal maths: costs, monthly cash flows, payback, verdict.
//! - [`render`]: every text format; rounding happens only there (via [`money`]).
//! - [`chart`]: plotters charts, SVG and PNG; [`report`]: HTML and Markdown reports.
//! - [`cli`]: the command line; [`output`]: printing and atomic file writes.

pub mod chart;
pub mod cli;
pub mod engine;
pub mod error;
pub mod money;
pub mod output;
pub mod render;
pub mod report;
pub mod scenario;
pub mod starter;

pub use error::{Error, Result};
