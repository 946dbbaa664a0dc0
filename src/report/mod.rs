//! Stakeholder reports: one self-contained HTML page, or Markdown with SVG charts beside it.
//!
//! Everything is rendered in memory first (charts included); files are then written
//! atomically, the report last, so an error never leaves a half report and an existing report
//! is replaced only by a complete new one.

pub mod html;
pub mod markdown;

use std::path::{Path, PathBuf};

use crate::analysis::{plot, Kind};
use crate::chart;
pub use crate::date::Date;
use crate::engine::Case;
use crate::error::Error;
use crate::io::{write_atomic, Existing};

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
    /// Per scenario: (cumulative cost, payback by volume, the decision map).
    pub per_scenario: Vec<(String, String, String)>,
    /// Per scenario with ranges: (spread of payback, fan of net savings).
    pub uncertainty: Vec<Option<(String, String)>>,
}

/// Size of a scenario's charts in a report, in pixels; SVG scales to the page. Their text is
/// drawn at the size of a 1000-pixel chart, so it stays readable on paper and on a phone.
const CHART_SIZE: (u32, u32) = (760, 480);

/// Text at the size of a 1000 × 600 chart.
const LOOK: chart::Look = chart::Look { k: 1.0 };

/// The comparison chart grows with the number of bars it shows (up to its limit).
fn compare_size(scenarios: usize) -> (u32, u32) {
    let bars = scenarios.min(chart::compare::MAX_BARS + 1) as u32;
    (760, (200 + 30 * bars).max(320))
}

/// Draws every chart the report shows.
pub fn charts(cases: &[Case]) -> Result<Charts, Error> {
    let swing = rust_decimal::Decimal::new(2, 1);
    let compare = if cases.len() > 1 {
        let p = plot(Kind::Compare, cases, swing)?;
        Some(chart::render_svg_with(
            &p,
            cases,
            compare_size(cases.len()),
            LOOK,
        )?)
    } else {
        None
    };
    let per_scenario = cases
        .iter()
        .map(|c| {
            let one = std::slice::from_ref(c);
            let draw = |kind| -> Result<String, Error> {
                chart::render_svg_with(&plot(kind, one, swing)?, one, CHART_SIZE, LOOK)
            };
            Ok((
                draw(Kind::Cumulative)?,
                draw(Kind::Volume)?,
                draw(Kind::Map)?,
            ))
        })
        .collect::<Result<_, Error>>()?;
    let uncertainty = cases
        .iter()
        .map(|c| {
            if c.uncertainty.is_none() {
                return Ok(None);
            }
            let one = std::slice::from_ref(c);
            let draw = |kind| -> Result<String, Error> {
                chart::render_svg_with(&plot(kind, one, swing)?, one, CHART_SIZE, LOOK)
            };
            Ok(Some((draw(Kind::Payback)?, draw(Kind::Fan)?)))
        })
        .collect::<Result<_, Error>>()?;
    Ok(Charts {
        compare,
        per_scenario,
        uncertainty,
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

/// Files inside a folder: (file name, bytes).
pub type Named = Vec<(String, Vec<u8>)>;

/// The files a report is made of: the document and, for Markdown, the folder of chart files
/// beside it (`report.charts/`).
pub struct Files {
    pub document: (PathBuf, Vec<u8>),
    /// The folder and the files in it.
    pub charts: Option<(PathBuf, Named)>,
}

impl Files {
    /// Every path the report writes: the document, and the folder and files of its charts.
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut out = vec![self.document.0.clone()];
        if let Some((folder, files)) = &self.charts {
            out.push(folder.clone());
            out.extend(files.iter().map(|(name, _)| folder.join(name)));
        }
        out
    }
}

/// The folder of a Markdown report's charts: `report.md` → `report.charts`.
pub fn charts_folder(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or("report".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}.charts"))
}

/// Renders the whole report in memory.
pub fn render(cases: &[Case], path: &Path, date: Date) -> Result<Files, Error> {
    render_with(cases, path, date, false)
}

/// [`render`]; `appendix`: the worked arithmetic printed too (on screen it is collapsed).
pub fn render_with(
    cases: &[Case],
    path: &Path,
    date: Date,
    appendix: bool,
) -> Result<Files, Error> {
    let format = ReportFormat::from_path(path)?;
    let charts = charts(cases)?;
    Ok(match format {
        ReportFormat::Html => Files {
            document: (
                path.to_path_buf(),
                html::render(cases, &charts, date, appendix).into_bytes(),
            ),
            charts: None,
        },
        ReportFormat::Markdown => {
            let folder = charts_folder(path);
            let (text, files) = markdown::render(cases, &charts, date, &folder);
            Files {
                document: (path.to_path_buf(), text.into_bytes()),
                charts: Some((folder, files)),
            }
        }
    })
}

/// Writes the report: HTML atomically; Markdown and its chart folder as one unit, so a
/// failure leaves the previous report and charts whole and nothing new.
pub fn write(files: &Files) -> Result<(), Error> {
    let (path, bytes) = &files.document;
    match &files.charts {
        None => write_atomic(path, bytes, Existing::Replace),
        Some((folder, charts)) => crate::io::write_bundle(path, bytes, folder, charts),
    }
}

/// The version line of every footer.
pub fn generator() -> String {
    format!("tunecalc {}", env!("CARGO_PKG_VERSION"))
}
