//! `tunecalc solve`: for each scenario, what each input would have to be for tuning to pay
//! back within the window, as a grid or as JSON (DESIGN.md: `{"solutions": [{file, input,
//! current, break_even_value, direction}]}`).

use serde::Serialize;

use super::grid::{render as grid, Column};
use crate::analysis::solve::{NoValue, Solution};
use crate::engine::Case;
use crate::present::solve::{condition, current, heading};
use crate::present::text::safe;
use crate::present::words::key_label;

/// The grids of several scenarios, one after another.
pub fn text(cases: &[Case], width: Option<usize>) -> String {
    let mut out = String::new();
    for (i, case) in cases.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let s = &case.scenario;
        out.push_str(&format!(
            "{} ({})\n{}:\n",
            safe(&s.name),
            safe(&s.file.display().to_string()),
            heading(case)
        ));
        let columns = [
            Column {
                heading: "Input",
                wraps: true,
                right: false,
            },
            Column {
                heading: "Key",
                wraps: false,
                right: false,
            },
            Column {
                heading: "Now",
                wraps: false,
                right: true,
            },
            Column {
                heading: "Must be",
                wraps: true,
                right: false,
            },
        ];
        let rows: Vec<Vec<String>> = case
            .solutions
            .iter()
            .map(|sol| {
                vec![
                    key_label(sol.key),
                    sol.key.name(),
                    current(sol.key, sol.current, &s.currency),
                    condition(sol, &s.currency),
                ]
            })
            .collect();
        if rows.is_empty() {
            out.push_str("  (it does not use the inputs asked for)\n");
        } else {
            out.push_str(&grid(&columns, &rows, width));
        }
    }
    out
}

#[derive(Serialize)]
struct Record<'a> {
    file: String,
    input: String,
    /// Exact, as a string.
    current: String,
    /// Exact, as a string; null when no value of this input alone works.
    break_even_value: Option<String>,
    /// `at_least` or `at_most`; null with no value.
    direction: Option<&'static str>,
    // Extensions.
    scenario: &'a str,
    label: String,
    /// Whether the scenario's own value already satisfies it.
    holds_now: bool,
    /// Why no value works: `no_effect`, `always`, `not_enough`, `out_of_range`.
    reason: Option<&'static str>,
    /// With `out_of_range`: the value the input would need, outside its range.
    needed: Option<String>,
    /// The window the payback is solved against, in months.
    window_months: String,
}

fn record<'a>(case: &'a Case, s: &Solution) -> Record<'a> {
    let (value, direction, reason, needed) = match &s.answer {
        Ok((v, d)) => (Some(v.normalize().to_string()), Some(d.code()), None, None),
        Err(why) => (
            None,
            None,
            Some(match why {
                NoValue::NoEffect => "no_effect",
                NoValue::Always => "always",
                NoValue::NotEnough => "not_enough",
                NoValue::SavesNothing => "saves_nothing",
                NoValue::OutOfRange { .. } => "out_of_range",
            }),
            match why {
                NoValue::OutOfRange {
                    needed: Some(v), ..
                } => Some(v.normalize().to_string()),
                _ => None,
            },
        ),
    };
    Record {
        file: case.scenario.file.display().to_string(),
        input: s.key.name(),
        current: s.current.normalize().to_string(),
        break_even_value: value,
        direction,
        scenario: &case.scenario.name,
        label: key_label(s.key),
        holds_now: s.holds_now,
        reason,
        needed,
        window_months: case.eval.window.months.normalize().to_string(),
    }
}

/// `{"solutions": [ … ]}`, every scenario's inputs in one list.
pub fn json(cases: &[Case]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        solutions: Vec<Record<'a>>,
    }
    let doc = Doc {
        solutions: cases
            .iter()
            .flat_map(|c| c.solutions.iter().map(move |s| record(c, s)))
            .collect(),
    };
    let mut text = crate::present::text::json_escape(
        &serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into()),
    )
    .into_owned();
    text.push('\n');
    text
}
