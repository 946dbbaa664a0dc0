//! `--format json`: one document, `{"scenarios": [ … ]}`, per the contract in DESIGN.md.
//!
//! Records are serialized straight from [`super::record::Record`] (no intermediate JSON
//! tree), one scenario at a time, so the document can be written as the figures are ready.

use super::record::record;
use crate::engine::Case;

/// What comes before the first record.
pub const OPEN: &str = "{\n  \"scenarios\": [\n";
/// What comes after the last record (or right after [`OPEN`] when there is none).
pub const CLOSE: &str = "\n  ]\n}\n";

/// One scenario's record, indented to sit inside `"scenarios": [` (strings never hold raw
/// line breaks), without a separator.
pub fn record_text(case: &Case) -> String {
    // A record of strings, numbers and lists always serializes.
    let text = serde_json::to_string_pretty(&record(case)).unwrap_or_default();
    // A file name may hold what a terminal would act on: escaped, the same JSON.
    let text = crate::present::text::json_escape(&text);
    let mut indented = String::with_capacity(text.len() + 64);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            indented.push('\n');
        }
        indented.push_str("    ");
        indented.push_str(line);
    }
    indented
}

pub fn render(cases: &[Case]) -> String {
    if cases.is_empty() {
        return "{\n  \"scenarios\": []\n}\n".to_string();
    }
    let records: Vec<String> = cases.iter().map(record_text).collect();
    format!("{OPEN}{}{CLOSE}", records.join(",\n"))
}
