//! `--format csv`: one row per scenario, the JSON contract's fields as columns, exact values
//! (for spreadsheets that do their own rounding). Reasons are joined with "; ".

use serde_json::Value;

use super::record::record;
use crate::engine::Case;

/// Quotes a field when it holds a comma, quote or line break (RFC 4180), and neutralises text
/// a spreadsheet would run as a formula: a cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe, unless it is a number (`-9.2` stays a number).
pub fn field(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && rust_decimal::Decimal::from_str_exact(text).is_err();
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => field(s),
        Value::Array(items) => field(
            &items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => field(&other.to_string()),
    }
}

pub fn render(cases: &[Case]) -> String {
    // One record at a time as a JSON value: its keys are the header, its values the row.
    let records: Vec<Value> = cases
        .iter()
        .map(|c| serde_json::to_value(record(c)).unwrap_or(Value::Null))
        .collect();
    let mut out = String::new();
    let Some(Value::Object(first)) = records.first() else {
        return out;
    };
    out.push_str(&first.keys().map(|k| field(k)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for r in &records {
        if let Value::Object(map) = r {
            out.push_str(&map.values().map(cell).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out
}
