//! `--format csv`: one row per scenario, the JSON contract's fields as columns, exact values
//! (for spreadsheets that do their own rounding). Reasons are joined with "; ".

use serde_json::Value;

use super::record::record;
use crate::engine::Case;

/// Quotes a field when it holds a comma, quote or line break (RFC 4180), and neutralises text
/// a spreadsheet would run as a formula: a cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe, unless it is a number (`-9.2` stays a number).
pub fn field(text: &str) -> String {
    // What a terminal would act on (a file name may hold an escape) is written visibly.
    let text = &*crate::present::text::safe(text);
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

/// The Monte Carlo estimates as flat columns (when any scenario has ranges).
const UNCERTAIN_COLUMNS: [(&str, &[&str]); 8] = [
    ("samples", &["samples"]),
    ("seed", &["seed"]),
    ("p_payback_within_target", &["p_payback_within_target"]),
    ("p_never", &["p_never"]),
    ("p_net_positive", &["p_net_positive"]),
    ("payback_months_p5", &["payback_months", "p5"]),
    ("payback_months_p50", &["payback_months", "p50"]),
    ("payback_months_p95", &["payback_months", "p95"]),
];
const UNCERTAIN_NET: [(&str, &[&str]); 3] = [
    (
        "net_savings_at_horizon_p5",
        &["net_savings_at_horizon", "p5"],
    ),
    (
        "net_savings_at_horizon_p50",
        &["net_savings_at_horizon", "p50"],
    ),
    (
        "net_savings_at_horizon_p95",
        &["net_savings_at_horizon", "p95"],
    ),
];

/// One scenario's record as flat columns; with `ranges` (some scenario of the run has
/// ranges) the Monte Carlo estimates are columns too, empty for a scenario without ranges.
fn flat(case: &Case, ranges: bool) -> serde_json::Map<String, Value> {
    let mut map = match serde_json::to_value(record(case)) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let u = map.shift_remove("uncertainty").unwrap_or(Value::Null);
    if ranges {
        for (column, path) in UNCERTAIN_COLUMNS.iter().chain(UNCERTAIN_NET.iter()) {
            let value = path
                .iter()
                .try_fold(&u, |at, key| at.get(key))
                .cloned()
                .unwrap_or(Value::Null);
            map.insert((*column).to_string(), value);
        }
    }
    map
}

/// The header line: the columns of any scenario's record (every record has the same keys).
pub fn header(case: &Case, ranges: bool) -> String {
    let mut out = flat(case, ranges)
        .keys()
        .map(|k| field(k))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

/// One scenario's line.
pub fn row(case: &Case, ranges: bool) -> String {
    let mut out = flat(case, ranges)
        .values()
        .map(cell)
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

pub fn render(cases: &[Case]) -> String {
    let ranges = cases.iter().any(|c| c.uncertainty.is_some());
    let Some(first) = cases.first() else {
        return String::new();
    };
    let mut out = header(first, ranges);
    for c in cases {
        out.push_str(&row(c, ranges));
    }
    out
}
