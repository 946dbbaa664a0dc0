//! Rendering: every text format of an evaluation, one file per format. Renderers never
//! compute; they only lay out what [`crate::engine`] worked out, rounding for display.

pub mod csv;
pub mod explain;
pub mod figures;
pub mod json;
pub mod markdown;
pub mod reasons;
pub mod record;
pub mod table;

use crate::engine::Evaluation;

/// The formats of `tunecalc run --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A terminal table, one column per scenario.
    Table,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// One JSON document, exact decimals as strings.
    Json,
    /// One row per scenario, exact values.
    Csv,
}

/// Renders evaluations in the chosen format; `width` limits the terminal table only.
pub fn render(format: Format, evals: &[Evaluation], width: u16) -> String {
    match format {
        Format::Table => table::render(evals, width),
        Format::Markdown => markdown::render(evals),
        Format::Json => json::render(evals),
        Format::Csv => csv::render(evals),
    }
}
