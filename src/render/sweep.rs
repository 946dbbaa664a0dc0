//! `tunecalc sweep` output: a list (one input) or a matrix of payback months (two inputs) for
//! the terminal and Markdown; CSV a spreadsheet can take (a list, or the matrix with the
//! second input across); JSON as DESIGN.md says (`{"sweep": {file, vary, points: [{values,
//! payback_months, net_savings_at_horizon, verdict}]}}`).

use serde::Serialize;

use super::grid::{render as grid, Column};
use crate::analysis::sweep::Sweep;
use crate::engine::Case;
use crate::present::number::{money, months};
use crate::present::solve::current;
use crate::present::text::safe;
use crate::present::words::{key_label, verdict_label, NEVER};

/// A grid value as the input's unit shows it.
fn shown(case: &Case, key: crate::scenario::Key, v: rust_decimal::Decimal) -> String {
    current(key, v, &case.scenario.currency)
}

fn months_or_never(p: Option<rust_decimal::Decimal>) -> String {
    p.map_or_else(|| NEVER.to_string(), months)
}

/// The heading: what was varied and what payback is judged against.
fn heading(case: &Case, s: &Sweep) -> String {
    let names: Vec<String> = s.vary.iter().map(|v| key_label(v.key)).collect();
    format!(
        "{} ({}): payback in months as {} {}; {}{}\n{}\n",
        safe(&case.scenario.name),
        safe(&case.scenario.file.display().to_string()),
        names.join(" and "),
        if names.len() == 1 { "varies" } else { "vary" },
        crate::present::words::window_legend(&case.eval.window),
        if case.scenario.uncertain.is_empty() {
            ""
        } else {
            "; ranges at their medians (the chance of paying back is not sampled per point)"
        },
        crate::present::words::SWEEP_NEVER
    )
}

/// The terminal table: a list for one input, a matrix for two.
pub fn table(case: &Case, s: &Sweep, width: Option<usize>) -> String {
    let mut out = heading(case, s);
    match s.vary.as_slice() {
        [x] => {
            let columns = [
                Column {
                    heading: "Value",
                    wraps: false,
                    right: true,
                },
                Column {
                    heading: "Payback (months)",
                    wraps: false,
                    right: true,
                },
                Column {
                    heading: "Net at horizon",
                    wraps: false,
                    right: true,
                },
                Column {
                    heading: "Verdict",
                    wraps: true,
                    right: false,
                },
            ];
            let rows: Vec<Vec<String>> = s
                .points
                .iter()
                .map(|p| {
                    vec![
                        shown(case, x.key, p.values[0]),
                        months_or_never(p.payback_months),
                        money(p.net_savings_at_horizon, &case.scenario.currency),
                        verdict_label(p.verdict).to_string(),
                    ]
                })
                .collect();
            out.push_str(&format!("{} ({}):\n", key_label(x.key), x.key.name()));
            out.push_str(&grid(&columns, &rows, width));
        }
        [x, y] => {
            out.push_str(&format!(
                "rows: {} ({}); columns: {} ({})\n",
                key_label(x.key),
                x.key.name(),
                key_label(y.key),
                y.key.name()
            ));
            out.push_str(&matrix(case, s, "  ", " "));
            out.push_str(&format!(
                "  * pays back within {}\n",
                crate::present::words::window_name(&case.eval.window)
            ));
        }
        _ => {}
    }
    out
}

/// The matrix of payback months: the first input down, the second across; cells aligned
/// right and joined by `sep`; `*` marks a payback within the window.
fn matrix(case: &Case, s: &Sweep, indent: &str, sep: &str) -> String {
    let [x, y] = s.vary.as_slice() else {
        return String::new();
    };
    let ys = &s.axes[1];
    let cols = ys.len();
    let mut rows: Vec<Vec<String>> = vec![std::iter::once(String::new())
        .chain(ys.iter().map(|v| shown(case, y.key, *v)))
        .collect()];
    for chunk in s.points.chunks(cols) {
        let mut row = vec![chunk
            .first()
            .map_or_else(String::new, |p| shown(case, x.key, p.values[0]))];
        row.extend(chunk.iter().map(|p| {
            let within = p.payback_months.is_some_and(|m| m <= s.window_months);
            format!(
                "{}{}",
                months_or_never(p.payback_months),
                if within { "*" } else { " " }
            )
        }));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..=cols)
        .map(|i| {
            rows.iter()
                .map(|r| crate::present::text::width(&r[i]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:>w$}", w = *w))
            .collect();
        out.push_str(indent);
        out.push_str(cells.join(sep).trim_end());
        out.push('\n');
    }
    out
}

/// Markdown: a table of the list, or the matrix with the second input across.
pub fn markdown(case: &Case, s: &Sweep) -> String {
    let esc = |t: &str| super::markdown::escape(t);
    let mut out = format!("{}\n", esc(heading(case, s).trim_end()));
    match s.vary.as_slice() {
        [x] => {
            out.push_str(&format!(
                "| {} | Payback (months) | Net at horizon | Verdict |\n|---:|---:|---:|:---|\n",
                esc(&key_label(x.key))
            ));
            for p in &s.points {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    esc(&shown(case, x.key, p.values[0])),
                    months_or_never(p.payback_months),
                    esc(&money(p.net_savings_at_horizon, &case.scenario.currency)),
                    verdict_label(p.verdict)
                ));
            }
        }
        [x, y] => {
            let ys = &s.axes[1];
            out.push_str(&format!(
                "| {} \\\\ {} | {} |\n|---:|{}\n",
                esc(&key_label(x.key)),
                esc(&key_label(y.key)),
                ys.iter()
                    .map(|v| esc(&shown(case, y.key, *v)))
                    .collect::<Vec<_>>()
                    .join(" | "),
                "---:|".repeat(ys.len())
            ));
            for chunk in s.points.chunks(ys.len()) {
                let first = chunk
                    .first()
                    .map_or_else(String::new, |p| shown(case, x.key, p.values[0]));
                out.push_str(&format!(
                    "| {} | {} |\n",
                    esc(&first),
                    chunk
                        .iter()
                        .map(|p| months_or_never(p.payback_months))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
            }
        }
        _ => {}
    }
    out
}

/// CSV with exact values: one row per point for one input; for two, the matrix of payback
/// months (empty where it never pays back) with the second input's values across.
pub fn csv(s: &Sweep) -> String {
    let field = super::csv::field;
    let mut out = String::new();
    match s.vary.as_slice() {
        [x] => {
            out.push_str(&format!(
                "{},payback_months,net_savings_at_horizon,verdict\r\n",
                x.key.name()
            ));
            for p in &s.points {
                out.push_str(&format!(
                    "{},{},{},{}\r\n",
                    p.values[0].normalize(),
                    p.payback_months
                        .map_or_else(String::new, |m| m.normalize().to_string()),
                    p.net_savings_at_horizon.normalize(),
                    p.verdict.code()
                ));
            }
        }
        [x, y] => {
            let ys = &s.axes[1];
            out.push_str(&field(&format!(
                "payback_months: {} down; {} across",
                x.key.name(),
                y.key.name()
            )));
            for v in ys {
                out.push(',');
                out.push_str(&v.normalize().to_string());
            }
            out.push_str("\r\n");
            for chunk in s.points.chunks(ys.len()) {
                if let Some(first) = chunk.first() {
                    out.push_str(&first.values[0].normalize().to_string());
                }
                for p in chunk {
                    out.push(',');
                    if let Some(m) = p.payback_months {
                        out.push_str(&m.normalize().to_string());
                    }
                }
                out.push_str("\r\n");
            }
        }
        _ => {}
    }
    out
}

#[derive(Serialize)]
struct Doc {
    sweep: Body,
}

#[derive(Serialize)]
struct Body {
    file: String,
    vary: Vec<VaryRecord>,
    points: Vec<PointRecord>,
    // Extensions.
    window_months: String,
}

#[derive(Serialize)]
struct VaryRecord {
    key: String,
    low: String,
    high: String,
    steps: u32,
    log: bool,
}

#[derive(Serialize)]
struct PointRecord {
    values: serde_json::Map<String, serde_json::Value>,
    payback_months: Option<String>,
    net_savings_at_horizon: String,
    verdict: &'static str,
}

/// DESIGN.md's `{"sweep": {file, vary, points: [{values: {key: value}, payback_months,
/// net_savings_at_horizon, verdict}]}}`, exact decimals as strings.
pub fn json(case: &Case, s: &Sweep) -> String {
    let doc = Doc {
        sweep: Body {
            file: case.scenario.file.display().to_string(),
            vary: s
                .vary
                .iter()
                .map(|v| VaryRecord {
                    key: v.key.name(),
                    low: v.low.normalize().to_string(),
                    high: v.high.normalize().to_string(),
                    steps: v.steps,
                    log: v.log,
                })
                .collect(),
            points: s
                .points
                .iter()
                .map(|p| PointRecord {
                    values: s
                        .vary
                        .iter()
                        .zip(&p.values)
                        .map(|(v, value)| {
                            (
                                v.key.name(),
                                serde_json::Value::String(value.normalize().to_string()),
                            )
                        })
                        .collect(),
                    payback_months: p.payback_months.map(|m| m.normalize().to_string()),
                    net_savings_at_horizon: p.net_savings_at_horizon.normalize().to_string(),
                    verdict: p.verdict.code(),
                })
                .collect(),
            window_months: s.window_months.normalize().to_string(),
        },
    };
    let mut text =
        crate::present::text::json_escape(&serde_json::to_string_pretty(&doc).unwrap_or_default())
            .into_owned();
    text.push('\n');
    text
}
