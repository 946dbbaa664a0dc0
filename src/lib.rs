//! tunecalc tells a team whether fine-tuning an LLM beats prompt engineering for a repeated
//! task, and when tuning pays back.
//!
//! Data flows one way (see DESIGN.md):
//!
//! ```text
//! scenario.toml ─parse─▶ raw ─resolve─▶ provider rules ─validate─▶ scenario::Scenario
//!   ─evaluate─▶ engine::Evaluation ─analyse─▶ curves, tornado
//!   ─present─▶ table | markdown | json | csv | explain | charts | reports
//! ```
//!
//! - [`scenario`]: the file format, loaded in stages, with errors that point at the text.
//! - [`catalog`]: provider rules (the default number of epochs).
//! - [`engine`]: exact decimal maths, generic over the number type: costs, closed-form cash
//!   flows, payback, the volume target, the verdict. [`analysis`]: what-if and curves built on
//!   it. Only these two compute.
//! - [`present`]: every word and number format. [`render`]: the text formats;
//!   [`chart`]: plotters charts, SVG and PNG; [`report`]: HTML and Markdown reports.
//! - [`cli`]: the command line; [`io`]: files, printing and atomic writes.

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

pub use error::{Error, Result};
