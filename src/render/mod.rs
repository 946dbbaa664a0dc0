//! Rendering: every text format of an evaluation, one file per format. Renderers never
//! compute; they only lay out what [`crate::engine`] worked out, with the words and number
//! formats of [`crate::present`].

pub mod csv;
pub mod dataset;
pub mod explain;
pub mod grid;
pub mod json;
pub mod markdown;
pub mod models;
pub mod record;
pub mod samples;
pub mod solve;
pub mod sweep;
pub mod table;

use crate::engine::Case;

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

/// Renders evaluations in the chosen format; `width` (columns, `None` for no limit) and
/// `paint` (colour) shape the terminal table only.
pub fn render(format: Format, cases: &[Case], width: Option<usize>, paint: table::Paint) -> String {
    match format {
        Format::Table => table::render(cases, width, paint),
        Format::Markdown => markdown::render(cases),
        Format::Json => json::render(cases),
        Format::Csv => csv::render(cases),
    }
}
