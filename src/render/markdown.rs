//! GitHub-flavoured Markdown: the figures table, then each scenario's reasons.

use super::figures::rows;
use super::reasons::reasons;
use crate::engine::Evaluation;

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

/// The figures as a GFM table (labels left, values right-aligned).
pub fn figures_table(evals: &[Evaluation]) -> String {
    let mut out = String::from("| Figure |");
    for e in evals {
        out.push_str(&format!(" {} |", escape(&e.scenario.name)));
    }
    out.push_str("\n|:---|");
    out.push_str(&"---:|".repeat(evals.len()));
    out.push('\n');
    for row in rows(evals) {
        out.push_str(&format!("| {} |", row.label));
        for v in row.values {
            out.push_str(&format!(" {} |", escape(&v)));
        }
        out.push('\n');
    }
    out
}

pub fn render(evals: &[Evaluation]) -> String {
    let mut out = figures_table(evals);
    for e in evals {
        out.push_str(&format!("\n**Why, for {}:**\n\n", escape(&e.scenario.name)));
        for r in reasons(e) {
            out.push_str(&format!("- {}\n", escape(&r)));
        }
    }
    out
}
