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

/// The figures as a GFM table (labels left, values right-aligned).
pub fn figures_table(cases: &[Case]) -> String {
    let mut out = String::from("| Figure |");
    for c in cases {
        out.push_str(&format!(" {} |", escape(&c.scenario.name)));
    }
    out.push_str("\n|:---|");
    out.push_str(&"---:|".repeat(cases.len()));
    out.push('\n');
    for row in rows(cases) {
        out.push_str(&format!("| {} |", row.label));
        for v in row.values {
            out.push_str(&format!(" {} |", escape(&v)));
        }
        out.push('\n');
    }
    out
}

pub fn render(cases: &[Case]) -> String {
    let mut out = figures_table(cases);
    for c in cases {
        out.push_str(&format!("\n**Why, for {}:**\n\n", escape(&c.scenario.name)));
        for r in reasons(c) {
            out.push_str(&format!("- {}\n", escape(&r)));
        }
    }
    out
}
