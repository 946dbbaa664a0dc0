//! The HTML report: one file, no network, no JavaScript; charts inline as SVG, CSS inline,
//! readable in a narrow window and printable (one scenario per page).

use std::fmt::Write;

use super::{generator, title, Charts, Date};
use crate::engine::{Case, Verdict};
use crate::present::figures::{rows, summary_rows, SUMMARY_HEADERS};
use crate::present::inputs;
use crate::present::words::{reasons, summary_parts, summary_sentence, warnings, CONSISTENCY};
use crate::render::explain;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --ink:#212529; --muted:#6c757d; --line:#dee2e6; --tune:#279154; --stay:#c0392b; --cons:#1f61c7; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:#fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.sub, .desc, figcaption, footer { color: var(--muted); }
.verdicts { list-style: none; padding: 0; }
.verdicts li, .banner { border-left: 6px solid var(--muted); padding: .5rem .75rem; margin: .5rem 0; background: #f8f9fa; }
.tune { border-color: var(--tune) !important; }
.stay_with_prompting { border-color: var(--stay) !important; }
.tune_for_consistency { border-color: var(--cons) !important; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; vertical-align: top; }
th { text-align: left; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid var(--line); }
pre { background: #f8f9fa; border: 1px solid var(--line); padding: .75rem; font-size: .85rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: .9rem; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section.scenario { break-before: page; page-break-before: always; }
  figure, table, pre, .banner { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 { border-top: none; }
}
"#;

pub fn render(cases: &[Case], charts: &Charts, date: Date) -> String {
    let mut o = String::new();
    // Writing to a String cannot fail.
    let _ = write_page(&mut o, cases, charts, date);
    o
}

/// One scenario's key figures, a label and a value per row.
fn figures_table(o: &mut String, c: &Case) -> std::fmt::Result {
    writeln!(o, "<div class=\"scroll\"><table>\n<tbody>")?;
    for row in rows(std::slice::from_ref(c)) {
        write!(o, "<tr><th>{}</th>", esc(row.label))?;
        for v in &row.values {
            write!(o, "<td class=\"num\">{}</td>", esc(v))?;
        }
        writeln!(o, "</tr>")?;
    }
    writeln!(o, "</tbody></table></div>")
}

fn write_page(o: &mut String, cases: &[Case], charts: &Charts, date: Date) -> std::fmt::Result {
    let title = title(cases);
    writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        o,
        "<meta name=\"generator\" content=\"{}\">",
        esc(&generator())
    )?;
    writeln!(
        o,
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>",
        esc(&title)
    )?;
    writeln!(o, "<header>\n<h1>{}</h1>", esc(&title))?;
    writeln!(
        o,
        "<p class=\"sub\">Should we fine-tune a model for this task, or keep paying for a long prompt? Prepared {date}.</p>\n</header>"
    )?;

    writeln!(
        o,
        "<section class=\"summary\">\n<h2>Summary</h2>\n<ul class=\"verdicts\">"
    )?;
    for c in cases {
        writeln!(
            o,
            "<li class=\"{}\"><strong>{}</strong>: {}.</li>",
            c.eval.verdict.code(),
            esc(&c.scenario.name),
            esc(&summary_sentence(c))
        )?;
    }
    writeln!(o, "</ul>")?;
    if cases.len() > 1 {
        writeln!(
            o,
            "<h3>Side by side</h3>\n<div class=\"scroll\"><table>\n<thead><tr>"
        )?;
        for h in SUMMARY_HEADERS {
            write!(o, "<th>{h}</th>")?;
        }
        writeln!(o, "</tr></thead>\n<tbody>")?;
        for (i, row) in summary_rows(cases).iter().enumerate() {
            write!(
                o,
                "<tr><th><a href=\"#scenario-{}\">{}</a></th>",
                i + 1,
                esc(&row[0])
            )?;
            for cell in &row[1..5] {
                write!(o, "<td class=\"num\">{}</td>", esc(cell))?;
            }
            write!(o, "<td>{}</td>", esc(&row[5]))?;
            writeln!(o, "</tr>")?;
        }
        writeln!(o, "</tbody></table></div>")?;
        if let Some(svg) = &charts.compare {
            writeln!(o, "<figure>{svg}<figcaption>Net savings of tuning at each scenario's horizon (negative: tuning costs more).</figcaption></figure>")?;
        }
    }
    writeln!(o, "</section>")?;

    for (i, (c, (cumulative, volume))) in cases.iter().zip(&charts.per_scenario).enumerate() {
        let s = &c.scenario;
        let e = &c.eval;
        writeln!(o, "<section class=\"scenario\" id=\"scenario-{}\">", i + 1)?;
        writeln!(o, "<h2>{}</h2>", esc(&s.name))?;
        if let Some(d) = &s.description {
            writeln!(o, "<p class=\"desc\">{}</p>", esc(d))?;
        }
        let (label, why) = summary_parts(c);
        writeln!(
            o,
            "<p class=\"banner {}\"><strong>{label}:</strong> {}.</p>",
            e.verdict.code(),
            esc(&why)
        )?;
        writeln!(o, "<h3>Key figures</h3>")?;
        figures_table(o, c)?;
        writeln!(o, "<figure>{cumulative}<figcaption>What each option has cost so far, month by month; where the lines cross, tuning has paid back.</figcaption></figure>")?;
        writeln!(o, "<figure>{volume}<figcaption>How payback depends on monthly call volume (both axes logarithmic).</figcaption></figure>")?;
        writeln!(o, "<h3>Why</h3>\n<ul>")?;
        for r in reasons(c) {
            writeln!(o, "<li>{}</li>", esc(&r))?;
        }
        for w in warnings(c) {
            writeln!(o, "<li class=\"warning\">Warning: {}</li>", esc(&w))?;
        }
        writeln!(o, "</ul>")?;
        if e.verdict == Verdict::TuneForConsistency {
            writeln!(o, "<p>The hidden advantage: {}.</p>", esc(CONSISTENCY))?;
        }
        writeln!(o, "<h3>The arithmetic, step by step</h3>")?;
        writeln!(o, "<pre>{}</pre>", esc(explain::render(c).trim_end()))?;
        writeln!(o, "<h3>Inputs</h3>\n<div class=\"scroll\"><table><tbody>")?;
        for (label, value) in inputs::rows(s) {
            writeln!(
                o,
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(label),
                esc(&value)
            )?;
        }
        writeln!(o, "</tbody></table></div>\n</section>")?;
    }

    writeln!(o, "<footer>")?;
    writeln!(
        o,
        "<p>Generated by {} on {date}. Amounts are exact decimals, rounded only for display (half away from zero).</p>",
        esc(&generator())
    )?;
    write!(o, "<p>Prices and volumes come from: ")?;
    let files: Vec<String> = cases
        .iter()
        .map(|c| {
            format!(
                "<code>{}</code>",
                esc(&c.scenario.file.display().to_string())
            )
        })
        .collect();
    writeln!(
        o,
        "{}.</p>\n</footer>\n</main>\n</body>\n</html>",
        files.join(", ")
    )
}
