//! The Markdown report (GitHub-flavoured): charts are SVG files in a folder beside it
//! (`report.charts/`), linked by relative path.

use std::fmt::Write;
use std::path::Path;

use super::{generator, title, Charts, Date};
use crate::engine::{Case, Verdict};
use crate::present::figures::{summary_rows, SUMMARY_HEADERS};
use crate::present::inputs;
use crate::present::words::{
    reasons, summary_parts, summary_sentence, uncertainty_details, uncertainty_sentence, warnings,
    CONSISTENCY,
};
use crate::render::explain;
use crate::render::markdown::{escape, figures_table};

/// A fence longer than any run of backticks in `text`, so scenario text cannot close it.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The report text and the chart files it links to, named inside `folder` (beside the
/// report).
pub fn render(
    cases: &[Case],
    charts: &Charts,
    date: Date,
    folder: &Path,
) -> (String, Vec<(String, Vec<u8>)>) {
    let prefix = folder
        .file_name()
        .map_or("charts".into(), |s| s.to_string_lossy().into_owned());
    let mut assets = Vec::new();
    let mut asset = |name: String, svg: &str| {
        assets.push((name.clone(), svg.as_bytes().to_vec()));
        // A link relative to the report, percent-encoded: spaces and brackets would break
        // Markdown's syntax, and a control character (an escape in the output's name) must
        // not reach a terminal that shows the file.
        format!("{}/{name}", link_encode(&prefix))
    };
    let mut o = String::new();
    let title = title(cases);
    // Writing to a String cannot fail.
    let _ = (|| -> std::fmt::Result {
        writeln!(o, "# {}\n", escape(&title))?;
        writeln!(o, "Should we fine-tune a model for this task, or keep paying for a long prompt? Prepared {date}.\n")?;
        writeln!(o, "## Summary\n")?;
        for c in cases {
            writeln!(
                o,
                "- **{}**: {}.",
                escape(&c.scenario.name),
                escape(&summary_sentence(c))
            )?;
        }
        if cases.len() > 1 {
            writeln!(
                o,
                "\n### Side by side\n\n| {} |",
                SUMMARY_HEADERS.join(" | ")
            )?;
            writeln!(
                o,
                "|:---|{}:---|",
                "---:|".repeat(SUMMARY_HEADERS.len() - 2)
            )?;
            for row in summary_rows(cases) {
                let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
                writeln!(o, "| {} |", cells.join(" | "))?;
            }
            writeln!(o)?;
            if let Some(svg) = &charts.compare {
                let name = asset("compare.svg".to_string(), svg);
                writeln!(
                    o,
                    "![Net savings of tuning at each scenario's horizon]({name})\n"
                )?;
            }
        }
        for (i, (c, (cumulative, volume, map))) in
            cases.iter().zip(&charts.per_scenario).enumerate()
        {
            let s = &c.scenario;
            writeln!(o, "\n## {}\n", escape(&s.name))?;
            if let Some(d) = &s.description {
                writeln!(o, "_{}_\n", escape(d))?;
            }
            let (label, why) = summary_parts(c);
            writeln!(o, "**{label}:** {}.\n", escape(&why))?;
            writeln!(
                o,
                "### Key figures\n\n{}",
                figures_table(std::slice::from_ref(c))
            )?;
            let cum = asset(format!("{}-cumulative.svg", i + 1), cumulative);
            let vol = asset(format!("{}-volume.svg", i + 1), volume);
            let map = asset(format!("{}-map.svg", i + 1), map);
            writeln!(o, "![Cumulative cost of prompting and tuning]({cum})\n")?;
            writeln!(o, "![Where tuning pays back: the decision map]({map})\n")?;
            writeln!(o, "![Payback by monthly call volume]({vol})\n")?;
            if let (Some(Some((payback, fan))), Some(sentence)) =
                (charts.uncertainty.get(i), uncertainty_sentence(c))
            {
                writeln!(
                    o,
                    "### How sure is it?\n\n{}. {}\n",
                    escape(&sentence),
                    escape(&uncertainty_details(c).unwrap_or_default())
                )?;
                let pb = asset(format!("{}-payback.svg", i + 1), payback);
                let fan = asset(format!("{}-fan.svg", i + 1), fan);
                writeln!(o, "![How the samples' paybacks spread]({pb})\n")?;
                writeln!(
                    o,
                    "![Net savings of tuning by month, median and bands]({fan})\n"
                )?;
            }
            writeln!(o, "### Why\n")?;
            for r in reasons(c) {
                writeln!(o, "- {}", escape(&r))?;
            }
            for w in warnings(c) {
                writeln!(o, "- Warning: {}", escape(&w))?;
            }
            if c.eval.verdict == Verdict::TuneForConsistency {
                writeln!(o, "\nThe hidden advantage: {}.", escape(CONSISTENCY))?;
            }
            if let Some(said) = crate::present::solve::said(c) {
                writeln!(
                    o,
                    "\n### What would have to change\n\n{}:\n",
                    escape(&said.heading)
                )?;
                for (input, condition) in &said.holds {
                    writeln!(o, "- {} {}", escape(input), escape(condition))?;
                }
                for sentence in said.alone_sentence().into_iter().chain(said.any_sentence()) {
                    writeln!(o, "\n{}", escape(&sentence))?;
                }
            }
            let work = explain::arithmetic(c);
            let f = fence(&work);
            writeln!(
                o,
                "\n### The arithmetic, step by step\n\n{f}text\n{}\n{f}\n",
                work.trim_end()
            )?;
            writeln!(o, "### Inputs\n\n| Input | Value |\n|:---|:---|")?;
            for (label, value) in inputs::rows(s) {
                writeln!(o, "| {} | {} |", escape(label), escape(&value))?;
            }
        }
        let files: Vec<String> = cases
            .iter()
            .map(|c| {
                format!(
                    "`{}`",
                    crate::present::text::safe(&c.scenario.file.display().to_string())
                        .replace('`', "'")
                )
            })
            .collect();
        writeln!(
            o,
            "\n---\n\nGenerated by {} on {date}. Amounts are exact decimals, rounded only for display (half away from zero). Prices and volumes come from: {}.",
            generator(),
            files.join(", ")
        )
    })();
    (o, assets)
}

/// A path segment for a Markdown link: letters, digits and `-._~` as they are, every other
/// byte of its UTF-8 percent-encoded.
fn link_encode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
