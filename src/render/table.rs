//! The terminal table: one column per scenario, figures as rows, reasons listed below.
//!
//! A figure is never split across lines. Columns are as wide as their widest figure; a
//! scenario's name wraps at word boundaries in its header (shortened with "…" after three
//! lines; the full name heads its reasons). When the scenarios do not fit the width, the table
//! is printed in blocks that each repeat the row labels, as wide data frames do. Row labels
//! wrap only when the width leaves no other choice. Drawing is linear in the size of the text.

use crate::engine::{Case, Verdict};
use crate::present::figures::rows;
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

/// One scenario's column: its header lines, its cells, its width.
struct Column {
    header: Vec<String>,
    cells: Vec<String>,
    width: usize,
}

/// Draws the table no wider than `width` columns (`None`: one block, as wide as it needs).
pub fn render(cases: &[Case], width: Option<usize>, paint: Paint) -> String {
    let rows = rows(cases);
    let labels: Vec<&str> = rows.iter().map(|r| r.label).collect();
    let verdict_rows: Vec<Option<usize>> = rows
        .iter()
        .map(|r| match r.label {
            "Verdict" => Some(0),
            "Verdict on cost alone" => Some(1),
            _ => None,
        })
        .collect();
    let columns: Vec<Column> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells: Vec<String> = rows.iter().map(|r| r.values[i].clone()).collect();
            let widest = cells.iter().map(|v| cols(v)).max().unwrap_or(0);
            let name = safe(&c.scenario.name);
            let width = widest.max(cols(&name).min(NAME_COLUMN));
            Column {
                header: wrap_header(&name, width, NAME_LINES),
                cells,
                width,
            }
        })
        .collect();
    let label_width = labels.iter().map(|l| cols(l)).max().unwrap_or(0);
    let limit = width.unwrap_or(usize::MAX);
    // A block: "│ " label " ┆ " cell … " │" = label + 4 + Σ (cell + 3).
    let widest_column = columns.iter().map(|c| c.width).max().unwrap_or(0);
    let label_width = label_width.min(limit.saturating_sub(7 + widest_column).max(MIN_LABEL));
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut used = label_width + 4;
    for (i, c) in columns.iter().enumerate() {
        match blocks.last_mut() {
            Some(block) if used + c.width + 3 <= limit => block.push(i),
            _ => {
                blocks.push(vec![i]);
                used = label_width + 4;
            }
        }
        used += c.width + 3;
    }
    let mut out = String::new();
    for (b, block) in blocks.iter().enumerate() {
        if b > 0 {
            out.push('\n');
        }
        draw_block(
            &mut out,
            &labels,
            &verdict_rows,
            label_width,
            &columns,
            block,
            cases,
            paint,
        );
    }
    let text_width = width.unwrap_or(DEFAULT_WIDTH);
    for c in cases {
        out.push('\n');
        let title = format!(
            "Why, for {} ({}):",
            safe(&c.scenario.name),
            safe(&c.scenario.file.display().to_string())
        );
        for line in wrap(&title, text_width) {
            out.push_str(&line);
            out.push('\n');
        }
        for r in reasons(c) {
            out.push_str(&hanging("  • ", &r, text_width));
        }
    }
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

#[allow(clippy::too_many_arguments)]
fn draw_block(
    out: &mut String,
    labels: &[&str],
    verdict_rows: &[Option<usize>],
    label_width: usize,
    columns: &[Column],
    block: &[usize],
    cases: &[Case],
    paint: Paint,
) {
    let widths: Vec<usize> = std::iter::once(label_width)
        .chain(block.iter().map(|&i| columns[i].width))
        .collect();
    rule(out, "┌", "─", "┬", "┐", &widths);
    let header_lines = block
        .iter()
        .map(|&i| columns[i].header.len())
        .max()
        .unwrap_or(1);
    for line in 0..header_lines {
        out.push_str(&format!("│ {} ", " ".repeat(label_width)));
        for &i in block {
            let c = &columns[i];
            let text = c.header.get(line).map_or("", String::as_str);
            out.push_str(&format!("┆ {} ", pad(text, c.width, false)));
        }
        out.push_str("│\n");
    }
    rule(out, "╞", "═", "╪", "╡", &widths);
    for (r, label) in labels.iter().enumerate() {
        let label_lines = wrap(label, label_width);
        for (l, label_line) in label_lines.iter().enumerate() {
            out.push_str(&format!("│ {} ", pad(label_line, label_width, false)));
            for &i in block {
                let c = &columns[i];
                let cell = if l == 0 { c.cells[r].as_str() } else { "" };
                let padded = pad(cell, c.width, true);
                let verdict = verdict_rows[r].map(|which| {
                    let e = &cases[i].eval;
                    if which == 0 {
                        e.verdict
                    } else {
                        e.cost_verdict
                    }
                });
                let shown = if l == 0 {
                    paint.verdict(&padded, verdict)
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
