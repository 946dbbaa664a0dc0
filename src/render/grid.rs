//! A plain terminal grid: a header row and one row per item, in the box style of the figures
//! table. Columns of figures never wrap; columns of words wrap at word boundaries when the
//! grid would be wider than the terminal.

use crate::present::text::{safe, width as cols, wrap};

/// One column: its heading, and whether its cells are words that may wrap.
pub struct Column {
    pub heading: &'static str,
    pub wraps: bool,
    pub right: bool,
}

/// Draws the grid no wider than `limit` columns where the words allow.
pub fn render(columns: &[Column], rows: &[Vec<String>], limit: Option<usize>) -> String {
    let n = columns.len();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| safe(c).into_owned()).collect())
        .collect();
    let natural: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .map(|r| cols(&r[i]))
                .chain(std::iter::once(cols(columns[i].heading)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut widths = natural.clone();
    // "│ " + cells joined by " ┆ " + " │".
    let total = |w: &[usize]| w.iter().sum::<usize>() + 3 * n + 1;
    if let Some(limit) = limit {
        // Narrow the widest wrapping column, a column at a time, down to its longest word.
        while total(&widths) > limit {
            let longest_word = |i: usize| {
                rows.iter()
                    .flat_map(|r| r[i].split_whitespace().map(cols))
                    .chain(columns[i].heading.split_whitespace().map(cols))
                    .max()
                    .unwrap_or(1)
            };
            let candidate = (0..n)
                .filter(|&i| columns[i].wraps && widths[i] > longest_word(i).max(8))
                .max_by_key(|&i| widths[i]);
            match candidate {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    let mut out = String::new();
    let rule = |out: &mut String, l: &str, f: &str, m: &str, r: &str| {
        out.push_str(l);
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push_str(m);
            }
            out.push_str(&f.repeat(w + 2));
        }
        out.push_str(r);
        out.push('\n');
    };
    let line = |out: &mut String, cells: &[Vec<String>]| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            out.push('│');
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    out.push('┆');
                }
                let text = cell.get(l).map_or("", String::as_str);
                let gap = " ".repeat(widths[i].saturating_sub(cols(text)));
                if columns[i].right {
                    out.push_str(&format!(" {gap}{text} "));
                } else {
                    out.push_str(&format!(" {text}{gap} "));
                }
            }
            out.push_str("│\n");
        }
    };
    let split = |i: usize, text: &str| -> Vec<String> {
        if columns[i].wraps && cols(text) > widths[i] {
            wrap(text, widths[i])
        } else {
            vec![text.to_string()]
        }
    };
    rule(&mut out, "┌", "─", "┬", "┐");
    let header: Vec<Vec<String>> = (0..n).map(|i| split(i, columns[i].heading)).collect();
    line(&mut out, &header);
    rule(&mut out, "╞", "═", "╪", "╡");
    for r in &rows {
        let cells: Vec<Vec<String>> = (0..n).map(|i| split(i, &r[i])).collect();
        line(&mut out, &cells);
    }
    rule(&mut out, "└", "─", "┴", "┘");
    out
}
