//! `--format json`: one document, `{"scenarios": [ … ]}`, per the contract in DESIGN.md.

use super::record::record;
use crate::engine::Evaluation;

pub fn render(evals: &[Evaluation]) -> String {
    let doc = serde_json::json!({ "scenarios": evals.iter().map(record).collect::<Vec<_>>() });
    // A `Value` built from strings, numbers and arrays always serializes.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
