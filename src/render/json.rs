//! `--format json`: one document, `{"scenarios": [ … ]}`, per the contract in DESIGN.md.
//!
//! Records are serialized straight from [`super::record::Record`] (no intermediate JSON
//! tree), on every core, and joined in input order.

use rayon::prelude::*;

use super::record::record;
use crate::engine::Case;

pub fn render(cases: &[Case]) -> String {
    let records: Vec<String> = cases
        .par_iter()
        .map(|c| {
            // A record of strings, numbers and lists always serializes.
            let text = serde_json::to_string_pretty(&record(c)).unwrap_or_default();
            // Indented to sit inside `"scenarios": [` (strings never hold raw line breaks).
            let mut indented = String::with_capacity(text.len() + 64);
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    indented.push('\n');
                }
                indented.push_str("    ");
                indented.push_str(line);
            }
            indented
        })
        .collect();
    if records.is_empty() {
        return "{\n  \"scenarios\": []\n}\n".to_string();
    }
    let mut out = String::with_capacity(records.iter().map(|r| r.len() + 2).sum::<usize>() + 32);
    out.push_str("{\n  \"scenarios\": [\n");
    out.push_str(&records.join(",\n"));
    out.push_str("\n  ]\n}\n");
    out
}
