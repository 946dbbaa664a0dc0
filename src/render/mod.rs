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

use std::io::Write;

use crate::engine::Case;
use crate::error::Error;

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

/// A run's figures written as they are ready, scenario by scenario in order: the table a block
/// at a time, JSON and CSV a record at a time; Markdown (one table across every scenario) at
/// the end. A write that meets a closed pipe stops the work ([`Error::Closed`]).
pub struct Stream<'w> {
    out: &'w mut dyn Write,
    state: State,
}

enum State {
    Table(table::Blocks),
    Markdown(Vec<Case>),
    Json { records: usize },
    Csv { ranges: bool, header: bool },
}

impl<'w> Stream<'w> {
    /// Starts the output for the evaluated `cases` to come (Markdown names them in its first
    /// line, so a reader that wants only that is served at once); whether any has ranges
    /// decides the rows and columns every scenario gets.
    pub fn begin(
        format: Format,
        cases: &[Case],
        width: Option<usize>,
        paint: table::Paint,
        out: &'w mut dyn Write,
    ) -> Result<Stream<'w>, Error> {
        let ranges = cases.iter().any(|c| !c.scenario.uncertain.is_empty());
        let state = match format {
            Format::Table => State::Table(table::Blocks::new(width, paint, ranges)),
            Format::Markdown => State::Markdown(Vec::new()),
            Format::Json => State::Json { records: 0 },
            Format::Csv => State::Csv {
                ranges,
                header: false,
            },
        };
        let mut stream = Stream { out, state };
        if format == Format::Markdown {
            stream.write(&markdown::head(
                cases.iter().map(|c| c.scenario.name.as_str()),
            ))?;
        }
        Ok(stream)
    }

    fn write(&mut self, text: &str) -> Result<(), Error> {
        self.out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush())
            .map_err(crate::io::stdout::from_io)
    }

    /// Adds one finished scenario (Monte Carlo done); its samples may be dropped after.
    pub fn push(&mut self, case: Case) -> Result<(), Error> {
        let text = match &mut self.state {
            State::Table(blocks) => blocks.push(&case),
            State::Markdown(all) => {
                all.push(case);
                None
            }
            State::Json { records } => {
                let sep = if *records == 0 { json::OPEN } else { ",\n" };
                *records += 1;
                Some(format!("{sep}{}", json::record_text(&case)))
            }
            State::Csv { ranges, header } => {
                let head = if *header {
                    String::new()
                } else {
                    *header = true;
                    csv::header(&case, *ranges)
                };
                Some(head + &csv::row(&case, *ranges))
            }
        };
        match text {
            Some(t) => self.write(&t),
            None => Ok(()),
        }
    }

    /// Ends the output.
    pub fn finish(mut self) -> Result<(), Error> {
        let state = std::mem::replace(&mut self.state, State::Json { records: 1 });
        let text = match state {
            State::Table(blocks) => blocks.finish(),
            State::Markdown(all) => markdown::body(&all),
            State::Json { records: 0 } => "{\n  \"scenarios\": []\n}\n".to_string(),
            State::Json { .. } => json::CLOSE.to_string(),
            State::Csv { .. } => String::new(),
        };
        self.write(&text)
    }
}
