//! The terminal table: one column per scenario, figures as rows, reasons listed below.
//!
//! A figure is never split across lines. Columns are as wide as their widest figure; a
//! scenario's name wraps at word boundaries in its header (shortened with "…" after three
//! lines; the full name heads its reasons). When the scenarios do not fit the width, the table
//! is printed in blocks that each repeat the row labels, as wide data frames do. Row labels
//! wrap only when the width leaves no other choice. Drawing is linear in the size of the text.

use crate::engine::{Case, Verdict};
use crate::present::figures::{rows, RowKind};
use crate::present::text::{hanging, safe, width as cols, wrap, wrap_header};
use crate::present::words::reasons;

/// The width used when output is not a terminal and `--width` is not given.
pub const DEFAULT_WIDTH: usize = 120;
/// The narrowest table accepted: a label column and one figure column.
pub const MIN_WIDTH: usize = 60;
/// The widest table accepted.
pub const MAX_WIDTH: usize = 1000;
/// Header lines a scenario's name may take.
const NAME_LINES: usize = 3;
/// A name column is at least this wide when the name is long (or as wide as the name).
const NAME_COLUMN: usize = 16;
/// Row labels wrap to no less than this.
const MIN_LABEL: usize = 16;

/// How verdicts are coloured: ANSI colours on a terminal, none elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint(pub bool);

impl Paint {
    fn verdict(self, text: &str, verdict: Option<Verdict>) -> String {
        let code = match (self.0, verdict) {
            (true, Some(Verdict::Tune)) => "32",
            (true, Some(Verdict::StayWithPrompting)) => "31",
            (true, Some(Verdict::TuneForConsistency)) => "34",
            _ => return text.to_string(),
        };
        format!("\u{1b}[1;{code}m{text}\u{1b}[0m")
    }
}

/// One scenario's column: its header lines, its cells, its width, and its two verdicts (for
/// the rows that show them).
struct Column {
    header: Vec<String>,
    cells: Vec<String>,
    width: usize,
    verdicts: [Verdict; 2],
}

/// The table drawn a block at a time as scenarios arrive: a block is printed as soon as the
/// next scenario would not fit beside it, and the reasons follow the last block. What a block
/// holds never depends on scenarios after it, so `tunecalc run … | head` stops the work early.
pub struct Blocks {
    labels: Vec<&'static str>,
    kinds: Vec<RowKind>,
    /// Whether the rows include what the samples say (any scenario of the run has ranges).
    ranges: bool,
    limit: usize,
    text_width: usize,
    paint: Paint,
    block: Vec<Column>,
    printed: usize,
    why: String,
}

impl Blocks {
    /// A table no wider than `width` columns (`None`: one block, as wide as it needs), with
    /// the rows of samples when `ranges`.
    pub fn new(width: Option<usize>, paint: Paint, ranges: bool) -> Blocks {
        let rows = rows(&[], ranges);
        Blocks {
            labels: rows.iter().map(|r| r.label).collect(),
            kinds: rows.iter().map(|r| r.kind).collect(),
            ranges,
            limit: width.unwrap_or(usize::MAX),
            text_width: width.unwrap_or(DEFAULT_WIDTH),
            paint,
            block: Vec::new(),
            printed: 0,
            why: String::new(),
        }
    }

    /// The row labels' width beside columns as wide as `widest`.
    fn label_width(&self, widest: usize) -> usize {
        let natural = self.labels.iter().map(|l| cols(l)).max().unwrap_or(0);
        natural.min(self.limit.saturating_sub(7 + widest).max(MIN_LABEL))
    }

    /// Whether `block` fits the width: "│ " label " ┆ " cell … " │" = label + 4 + Σ (cell + 3).
    fn fits(&self, block: &[&Column]) -> bool {
        let widest = block.iter().map(|c| c.width).max().unwrap_or(0);
        let used = self.label_width(widest) + 4 + block.iter().map(|c| c.width + 3).sum::<usize>();
        used <= self.limit
    }

    /// Adds a scenario's column; returns a finished block to print when this one starts the
    /// next.
    pub fn push(&mut self, case: &Case) -> Option<String> {
        let cells: Vec<String> = rows(std::slice::from_ref(case), self.ranges)
            .into_iter()
            .map(|mut r| r.values.pop().unwrap_or_default())
            .collect();
        let widest = cells.iter().map(|v| cols(v)).max().unwrap_or(0);
        let name = safe(&case.scenario.name);
        let width = widest.max(cols(&name).min(NAME_COLUMN));
        let column = Column {
            header: wrap_header(&name, width, NAME_LINES),
            cells,
            width,
            verdicts: [case.eval.verdict, case.eval.cost_verdict],
        };
        let title = format!(
            "Why, for {} ({}):",
            safe(&case.scenario.name),
            safe(&case.scenario.file.display().to_string())
        );
        self.why.push('\n');
        for line in wrap(&title, self.text_width) {
            self.why.push_str(&line);
            self.why.push('\n');
        }
        for r in reasons(case) {
            self.why.push_str(&hanging("  • ", &r, self.text_width));
        }
        let fits = {
            let mut with: Vec<&Column> = self.block.iter().collect();
            with.push(&column);
            self.block.is_empty() || self.fits(&with)
        };
        let done = if fits { None } else { Some(self.flush()) };
        self.block.push(column);
        done
    }

    /// The block drawn so far, emptied.
    fn flush(&mut self) -> String {
        let mut out = String::new();
        if self.printed > 0 {
            out.push('\n');
        }
        let widest = self.block.iter().map(|c| c.width).max().unwrap_or(0);
        let label_width = self.label_width(widest);
        draw_block(&mut out, self, label_width);
        self.printed += 1;
        self.block.clear();
        out
    }

    /// The last block and every scenario's reasons.
    pub fn finish(mut self) -> String {
        let mut out = if self.block.is_empty() {
            String::new()
        } else {
            self.flush()
        };
        out.push_str(&self.why);
        out
    }
}

/// Draws the table no wider than `width` columns (`None`: one block, as wide as it needs).
pub fn render(cases: &[Case], width: Option<usize>, paint: Paint) -> String {
    let ranges = cases.iter().any(|c| c.uncertainty.is_some());
    let mut blocks = Blocks::new(width, paint, ranges);
    let mut out = String::new();
    for c in cases {
        if let Some(done) = blocks.push(c) {
            out.push_str(&done);
        }
    }
    out.push_str(&blocks.finish());
    out
}

fn rule(out: &mut String, left: &str, fill: &str, mid: &str, right: &str, widths: &[usize]) {
    out.push_str(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            out.push_str(mid);
        }
        out.push_str(&fill.repeat(w + 2));
    }
    out.push_str(right);
    out.push('\n');
}

/// `text` padded to `width` columns, right-aligned or left.
fn pad(text: &str, width: usize, right: bool) -> String {
    let gap = " ".repeat(width.saturating_sub(cols(text)));
    if right {
        format!("{gap}{text}")
    } else {
        format!("{text}{gap}")
    }
}

fn draw_block(out: &mut String, t: &Blocks, label_width: usize) {
    let block = &t.block;
    let widths: Vec<usize> = std::iter::once(label_width)
        .chain(block.iter().map(|c| c.width))
        .collect();
    rule(out, "┌", "─", "┬", "┐", &widths);
    let header_lines = block.iter().map(|c| c.header.len()).max().unwrap_or(1);
    for line in 0..header_lines {
        out.push_str(&format!("│ {} ", " ".repeat(label_width)));
        for c in block {
            let text = c.header.get(line).map_or("", String::as_str);
            out.push_str(&format!("┆ {} ", pad(text, c.width, false)));
        }
        out.push_str("│\n");
    }
    rule(out, "╞", "═", "╪", "╡", &widths);
    for (r, label) in t.labels.iter().enumerate() {
        let label_lines = wrap(label, label_width);
        for (l, label_line) in label_lines.iter().enumerate() {
            out.push_str(&format!("│ {} ", pad(label_line, label_width, false)));
            for c in block {
                let cell = if l == 0 { c.cells[r].as_str() } else { "" };
                let padded = pad(cell, c.width, true);
                let verdict = match t.kinds[r] {
                    RowKind::Verdict => Some(c.verdicts[0]),
                    RowKind::CostVerdict => Some(c.verdicts[1]),
                    RowKind::Figure => None,
                };
                let shown = if l == 0 {
                    t.paint.verdict(&padded, verdict)
                } else {
                    padded
                };
                out.push_str(&format!("┆ {shown} "));
            }
            out.push_str("│\n");
        }
    }
    rule(out, "└", "─", "┴", "┘", &widths);
}
