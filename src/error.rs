//! The one error type the binary prints, and the exit code each kind of error means.
//!
//! Exit codes (DESIGN.md): 0 ok, 1 the work failed (could not write an output, a chart failed
//! to draw), 2 bad usage or bad input (a scenario that does not parse or validate, a missing
//! file, a number that overflows). `main` prints the error once and exits with [`Error::exit_code`].

use std::fmt;
use std::path::PathBuf;

/// Where in a scenario file something is wrong, and what to do about it.
///
/// Displayed like a compiler diagnostic:
///
/// ```text
/// error: scenarios/bad.toml:7:1: usage.calls_per_mont: unknown field `calls_per_mont`
///   |
/// 7 | calls_per_mont = 10000
///   | ^^^^^^^^^^^^^^
///   = help: did you mean `calls_per_month`?
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: PathBuf,
    /// 1-based line and column (in characters) of the offending text, when there is one.
    pub position: Option<Position>,
    /// The dotted field path, e.g. `training.cost`, when the problem belongs to one field.
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

/// A place in a source file, with the line's text for the snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// The whole source line, without its newline.
    pub line_text: String,
    /// How many characters to underline, at least 1.
    pub width: usize,
}

impl Position {
    /// Finds the line and column of a byte range in `source`.
    pub fn from_span(source: &str, span: std::ops::Range<usize>) -> Position {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let line_text = source[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let width = source[start..end.min(line_end)].chars().count().max(1);
        Position {
            line,
            column,
            line_text,
            width,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// So a library user can pass it on with `?` like any other error.
impl std::error::Error for InputError {}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(pos) = &self.position {
            write!(f, ":{}:{}", pos.line, pos.column)?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(pos) = &self.position {
            // The line as a terminal may show it: anything unsafe written as an escape, and
            // the caret moved along by the same amount.
            let gutter = " ".repeat(pos.line.to_string().len());
            let shown = crate::present::text::safe(&pos.line_text);
            write!(f, "\n{gutter} |\n{} | {shown}\n", pos.line)?;
            let pad: String = pos
                .line_text
                .chars()
                .take(pos.column - 1)
                .map(|c| match c {
                    '\t' => "\t".to_string(),
                    c if crate::present::text::is_unsafe(c) => {
                        " ".repeat(c.escape_unicode().to_string().len())
                    }
                    c => " ".repeat(crate::present::text::width(&c.to_string())),
                })
                .collect();
            write!(f, "{gutter} | {pad}{}", "^".repeat(pos.width))?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in tunecalc.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A scenario file that does not parse or validate.
    #[error("{0}")]
    Input(Box<InputError>),

    /// Several scenario files were bad; each is reported.
    #[error("{}", join_errors(.0))]
    Inputs(Vec<InputError>),

    /// An input file or directory that cannot be read.
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },

    /// Wrong command-line usage that clap cannot catch, with the fix.
    #[error("{0}")]
    Usage(String),

    /// The arithmetic left the range of a decimal (about ±7.9 × 10^28); the error points at
    /// the input that drove it.
    #[error("{0}")]
    Overflow(Box<InputError>),

    /// An output could not be written; nothing partial is left behind.
    #[error("cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },

    /// A chart could not be drawn or encoded.
    #[error("{0}")]
    Chart(String),

    /// Output to the terminal failed for a reason other than a closed pipe.
    #[error("cannot write output: {0}")]
    Stdout(#[source] std::io::Error),

    /// The reader of standard output went away (`tunecalc run … | head`): stop the work and
    /// exit 0 with nothing more to say.
    #[error("")]
    Closed,

    /// The input was found bad and said so in the output already (`data check`): exit 2 with
    /// nothing more to print.
    #[error("")]
    Failed,
}

fn join_errors(errors: &[InputError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n\nerror: ")
}

impl Error {
    /// 2 for bad usage or bad input, 1 when the work itself failed.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_)
            | Error::Inputs(_)
            | Error::Read { .. }
            | Error::Usage(_)
            | Error::Overflow(_)
            | Error::Failed => 2,
            Error::Write { .. } | Error::Chart(_) | Error::Stdout(_) => 1,
            Error::Closed => 0,
        }
    }
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(Box::new(e))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_columns_from_one() {
        let src = "name = \"x\"\n[usage]\ncalls_per_mont = 5\n";
        let at = src.find("calls_per_mont").expect("present");
        let pos = Position::from_span(src, at..at + "calls_per_mont".len());
        assert_eq!((pos.line, pos.column, pos.width), (3, 1, 14));
        assert_eq!(pos.line_text, "calls_per_mont = 5");
    }

    #[test]
    fn diagnostic_shows_the_line_and_a_caret() {
        let src = "[usage]\ncalls_per_month = -5\n";
        let at = src.find("-5").expect("present");
        let err = InputError {
            file: PathBuf::from("s.toml"),
            position: Some(Position::from_span(src, at..at + 2)),
            field: Some("usage.calls_per_month".into()),
            message: "must be greater than 0, found -5".into(),
            help: None,
        };
        assert_eq!(
            err.to_string(),
            "s.toml:2:19: usage.calls_per_month: must be greater than 0, found -5\n  |\n2 | calls_per_month = -5\n  |                   ^^"
        );
    }
}
