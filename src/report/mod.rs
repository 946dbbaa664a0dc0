//! Stakeholder reports: one self-contained HTML page, or Markdown with SVG charts beside it.
//!
//! Everything is rendered in memory first (charts included); files are then written
//! atomically, the report last, so an error never leaves a half report and an existing report
//! is replaced only by a complete new one.

pub mod date;
pub mod html;
pub mod markdown;

use std::path::{Path, PathBuf};

use crate::analysis::{plot, Kind};
use crate::chart;
use crate::engine::Case;
use crate::error::Error;
use crate::io::{write_atomic, Existing};
pub use date::Date;

/// The document formats, from the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
}

impl ReportFormat {
    pub fn from_path(path: &Path) -> Result<ReportFormat, Error> {
        match path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).as_deref() {
            Some("html" | "htm") => Ok(ReportFormat::Html),
            Some("md" | "markdown") => Ok(ReportFormat::Markdown),
            _ => Err(Error::Usage(format!(
                "cannot tell the report format of {}: name it .html (one self-contained page) or .md (Markdown with SVG charts beside it)",
                path.display()
            ))),
        }
    }
}

/// The charts of a report, as SVG text.
pub struct Charts {
    /// Net savings of every scenario side by side (only with two or more).
    pub compare: Option<String>,
    /// Per scenario: (cumulative cost, payback by volume).
    pub per_scenario: Vec<(String, String)>,
}

/// Size of the charts in a report, in pixels; SVG scales to the page.
const CHART_SIZE: (u32, u32) = (1000, 600);

/// Draws every chart the report shows.
pub fn charts(cases: &[Case]) -> Result<Charts, Error> {
    let swing = rust_decimal::Decimal::new(2, 1);
    let compare = if cases.len() > 1 {
        let p = plot(Kind::Compare, cases, swing)?;
        Some(chart::render_svg(&p, cases, CHART_SIZE)?)
    } else {
        None
    };
    let per_scenario = cases
        .iter()
        .map(|c| {
            let one = std::slice::from_ref(c);
            let draw = |kind| -> Result<String, Error> {
                chart::render_svg(&plot(kind, one, swing)?, one, CHART_SIZE)
            };
            Ok((draw(Kind::Cumulative)?, draw(Kind::Volume)?))
        })
        .collect::<Result<_, Error>>()?;
    Ok(Charts {
        compare,
        per_scenario,
    })
}

/// The report's title: the scenario's name for one, a count for several.
pub fn title(cases: &[Case]) -> String {
    match cases {
        [one] => format!("Fine-tune or keep prompting? {}", one.scenario.name),
        many => format!(
            "Fine-tune or keep prompting? {} scenarios compared",
            many.len()
        ),
    }
}

/// The files a report is made of: the document and, for Markdown, its chart files.
pub struct Files {
    pub document: (PathBuf, Vec<u8>),
    pub assets: Vec<(PathBuf, Vec<u8>)>,
}

/// Renders the whole report in memory.
pub fn render(cases: &[Case], path: &Path, date: Date) -> Result<Files, Error> {
    let format = ReportFormat::from_path(path)?;
    let charts = charts(cases)?;
    Ok(match format {
        ReportFormat::Html => Files {
            document: (
                path.to_path_buf(),
                html::render(cases, &charts, date).into_bytes(),
            ),
            assets: Vec::new(),
        },
        ReportFormat::Markdown => {
            let (text, assets) = markdown::render(cases, &charts, date, path);
            Files {
                document: (path.to_path_buf(), text.into_bytes()),
                assets,
            }
        }
    })
}

/// Writes the chart files first, then the document, each atomically.
pub fn write(files: &Files) -> Result<(), Error> {
    for (path, bytes) in &files.assets {
        write_atomic(path, bytes, Existing::Replace)?;
    }
    write_atomic(&files.document.0, &files.document.1, Existing::Replace)
}

/// The version line of every footer.
pub fn generator() -> String {
    format!("tunecalc {}", env!("CARGO_PKG_VERSION"))
}
