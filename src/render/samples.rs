//! `--samples-out`: one CSV row per Monte Carlo sample, for checking or plotting elsewhere.
//!
//! Columns: the sample's number, each uncertain input's draw (named by its dotted key), then
//! payback in months ("never" when it does not pay back), net savings at the horizon,
//! break-even calls ("never") and savings in month 1. Numbers are written in full: the
//! shortest text that reads back as the same `f64`.

use crate::engine::Case;

fn number(x: f64) -> String {
    if x.is_infinite() && x > 0.0 {
        "never".to_string()
    } else {
        x.to_string()
    }
}

pub fn render(case: &Case) -> String {
    let Some(u) = &case.uncertainty else {
        return String::new();
    };
    let d = &u.data;
    let mut out = String::with_capacity(d.len() * 16 * (d.keys.len() + 5));
    let mut header = vec!["sample".to_string()];
    header.extend(d.keys.iter().map(|k| k.name()));
    header.extend(
        [
            "payback_months",
            "net_savings_at_horizon",
            "break_even_calls",
            "savings_per_month",
        ]
        .map(str::to_string),
    );
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for i in 0..d.len() {
        out.push_str(&(i + 1).to_string());
        for col in &d.inputs {
            out.push(',');
            out.push_str(&number(col[i]));
        }
        for v in [
            d.payback_months[i],
            d.net_savings_at_horizon[i],
            d.break_even_calls[i],
            d.savings_per_month[i],
        ] {
            out.push(',');
            out.push_str(&number(v));
        }
        out.push_str("\r\n");
    }
    out
}
