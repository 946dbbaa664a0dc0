//! GitHub-flavoured Markdown: the figures table, then each scenario's reasons.

use crate::engine::Case;
use crate::present::figures::rows;
use crate::present::words::reasons;

/// Escapes text for a Markdown table cell or list item: pipes, HTML and emphasis characters.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// The head of the figures table: a column per scenario, named.
pub fn head<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("| Figure |");
    let mut n = 0;
    for name in names {
        out.push_str(&format!(" {} |", escape(name)));
        n += 1;
    }
    out.push_str("\n|:---|");
    out.push_str(&"---:|".repeat(n));
    out.push('\n');
    out
}

/// The figures table's rows.
fn figure_rows(cases: &[Case]) -> String {
    let mut out = String::new();
    let ranges = cases.iter().any(|c| c.uncertainty.is_some());
    for row in rows(cases, ranges) {
        out.push_str(&format!("| {} |", row.label));
        for v in row.values {
            out.push_str(&format!(" {} |", escape(&v)));
        }
        out.push('\n');
    }
    out
}

/// The figures as a GFM table (labels left, values right-aligned).
pub fn figures_table(cases: &[Case]) -> String {
    head(cases.iter().map(|c| c.scenario.name.as_str())) + &figure_rows(cases)
}

/// The figures table's rows, then each scenario's reasons.
pub fn body(cases: &[Case]) -> String {
    figure_rows(cases) + &body_reasons(cases)
}

/// Each scenario's reasons.
fn body_reasons(cases: &[Case]) -> String {
    let mut out = String::new();
    for c in cases {
        out.push_str(&format!("\n**Why, for {}:**\n\n", escape(&c.scenario.name)));
        for r in reasons(c) {
            out.push_str(&format!("- {}\n", escape(&r)));
        }
    }
    out
}

/// The figures as a GFM table, then the reasons.
pub fn render(cases: &[Case]) -> String {
    figures_table(cases) + &body_reasons(cases)
}
