//! The HTML report: one file, no network, no JavaScript; charts inline as SVG, CSS inline.
//!
//! Laid out for three readers: a desktop browser; a phone, where the comparison table turns
//! into one card per scenario (the verdict always visible) and charts keep readable text by
//! scrolling sideways instead of shrinking; and paper, where each scenario starts a page and
//! takes at most three (figures beside nothing wasteful, blocks kept whole, no near-empty
//! pages). Large reports drop the sentence-per-scenario summary for counts and a contents table.

use std::fmt::Write;

use super::{generator, title, Charts, Date};
use crate::engine::{Case, Verdict};
use crate::present::figures::{rows, summary_rows, SUMMARY_HEADERS};
use crate::present::inputs;
use crate::present::words::{
    reasons, summary_parts, summary_sentence, uncertainty_details, uncertainty_sentence,
    verdict_counts, warnings, CONSISTENCY,
};
use crate::render::explain;

/// Above this many scenarios the summary counts verdicts instead of listing a sentence each.
pub const SENTENCES_UP_TO: usize = 20;

/// Escapes text for HTML content and attribute values. Control characters (which validation
/// already refuses in scenario text) are written as character references' visible escapes, so
/// the page stays well-formed whatever reaches it.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if crate::present::text::is_unsafe(c) => {
                out.push_str(&c.escape_unicode().to_string());
            }
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
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 2px solid var(--line); overflow-wrap: anywhere; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .4rem; }
.sub, .desc, figcaption, footer, .counts { color: var(--muted); }
.verdicts { list-style: none; padding: 0; }
.verdicts li, .banner { border-left: 6px solid var(--muted); padding: .5rem .75rem; margin: .5rem 0; background: #f8f9fa; overflow-wrap: anywhere; }
.tune { border-color: var(--tune) !important; }
.stay_with_prompting { border-color: var(--stay) !important; }
.tune_for_consistency { border-color: var(--cons) !important; }
td.v-tune { color: var(--tune); } td.v-stay_with_prompting { color: var(--stay); }
td.v-tune_for_consistency { color: var(--cons); } td.verdict { font-weight: 600; }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
dl { margin: .5rem 0; }
dl.pairs { display: grid; grid-template-columns: 1fr 1fr; column-gap: 2rem; }
dl.pairs div { display: flex; justify-content: space-between; gap: 1rem; border-bottom: 1px solid var(--line); padding: .2rem 0; break-inside: avoid; }
dl.pairs dt { margin: 0; } dl.pairs dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
dl.inputs div { display: block; } dl.inputs dd { text-align: left; color: var(--muted); }
figure { margin: 1rem 0; }
figure.chart { overflow-x: auto; }
figure.chart svg { width: 100%; min-width: 34rem; height: auto; display: block; border: 1px solid var(--line); }
pre { background: #f8f9fa; border: 1px solid var(--line); padding: .75rem; font-size: .8rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
nav.toc ol { columns: 2; }
.solve p.alone { color: var(--muted); }
@media (min-width: 72rem) { .pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1rem; } .pair figure.chart svg { min-width: 0; } }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: .9rem; overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  main { padding: 1rem .75rem 2rem; }
  dl.pairs { grid-template-columns: 1fr; }
  nav.toc ol { columns: 1; }
  table.compare thead { display: none; }
  table.compare, table.compare tbody, table.compare tr, table.compare th, table.compare td { display: block; width: 100%; }
  table.compare tr { border: 1px solid var(--line); border-radius: .4rem; margin: .6rem 0; padding: .3rem .6rem; }
  table.compare th { border: none; font-size: 1.05rem; }
  table.compare td { display: flex; justify-content: space-between; gap: 1rem; border: none; text-align: right; white-space: normal; }
  table.compare td::before { content: attr(data-label); color: var(--muted); text-align: left; }
}
details.arithmetic > summary { font-weight: 600; font-size: 1.05rem; cursor: pointer; margin: 1rem 0 .5rem; }
@media print {
  @page { margin: 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { border-top: none; margin-top: 0; }
  section.scenario { break-before: page; page-break-before: always; }
  figure, .banner, dl.pairs div, .why, table.compare tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure.chart { overflow: visible; }
  figure.chart svg { min-width: 0; max-height: 3.9in; }
  .pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: .6rem; }
  .pair figure { margin: .3rem 0; }
  .pair figcaption { font-size: 7.5pt; }
  /* On paper the side-by-side table carries the comparison; its chart would strand itself
     on a page of its own. */
  .summary figure.chart { display: none; }
  h1 { font-size: 16pt; }
  .summary h2 { margin-bottom: .2rem; }
  .verdicts { columns: 2; column-gap: 1.5rem; font-size: 8.5pt; margin: .3rem 0; }
  .verdicts li { padding: .15rem .4rem; margin: 0 0 .3rem; line-height: 1.3; break-inside: avoid; page-break-inside: avoid; }
  table.compare { font-size: 7.5pt; }
  table.compare th, table.compare td { padding: .05rem .3rem; }
  pre { font-size: 7pt; line-height: 1.15; padding: .5rem; }
  details.arithmetic:not([open]) { display: none; }
  dl.inputs { grid-template-columns: 1fr 1fr 1fr; font-size: 7.5pt; }
  dl.solve { font-size: 8pt; }
  dl.solve div { padding: .05rem 0; }
  .solve p { margin: .2rem 0; font-size: 8.5pt; }
  .why ul { margin: .2rem 0; }
  /* The two uncertainty charts side by side, so a scenario with ranges keeps to its pages. */
  .uncertainty { display: grid; grid-template-columns: 1fr 1fr; column-gap: .8rem; }
  .uncertainty h3, .uncertainty p { grid-column: 1 / -1; margin: .2rem 0; }
  .uncertainty figure { margin: 0; }
  .uncertainty figcaption { font-size: 7.5pt; }
}
"#;

/// The page; `appendix`: the worked arithmetic open (and so printed) instead of collapsed.
pub fn render(cases: &[Case], charts: &Charts, date: Date, appendix: bool) -> String {
    let mut o = String::new();
    // Writing to a String cannot fail.
    let _ = write_page(&mut o, cases, charts, date, appendix);
    o
}

/// Label and value pairs, two columns wide on a page and one on a phone.
fn pairs(o: &mut String, class: &str, rows: &[(String, String)]) -> std::fmt::Result {
    writeln!(o, "<dl class=\"pairs {class}\">")?;
    for (label, value) in rows {
        writeln!(
            o,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(label),
            esc(value)
        )?;
    }
    writeln!(o, "</dl>")
}

fn write_page(
    o: &mut String,
    cases: &[Case],
    charts: &Charts,
    date: Date,
    appendix: bool,
) -> std::fmt::Result {
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

    writeln!(o, "<section class=\"summary\">\n<h2>Summary</h2>")?;
    if cases.len() > 1 {
        writeln!(
            o,
            "<p class=\"counts\">{}.</p>",
            esc(&verdict_counts(cases))
        )?;
    }
    if cases.len() <= SENTENCES_UP_TO {
        writeln!(o, "<ul class=\"verdicts\">")?;
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
    }
    if cases.len() > 1 {
        let heading = if cases.len() > SENTENCES_UP_TO {
            "Contents"
        } else {
            "Side by side"
        };
        writeln!(
            o,
            "<h3>{heading}</h3>\n<table class=\"compare\">\n<thead><tr>"
        )?;
        for h in SUMMARY_HEADERS {
            write!(o, "<th>{h}</th>")?;
        }
        writeln!(o, "</tr></thead>\n<tbody>")?;
        for (i, (row, c)) in summary_rows(cases).iter().zip(cases).enumerate() {
            write!(
                o,
                "<tr><th scope=\"row\"><a href=\"#scenario-{}\">{}</a></th>",
                i + 1,
                esc(&row[0])
            )?;
            for (h, cell) in SUMMARY_HEADERS[1..5].iter().zip(&row[1..5]) {
                write!(o, "<td class=\"num\" data-label=\"{h}\">{}</td>", esc(cell))?;
            }
            writeln!(
                o,
                "<td class=\"verdict v-{}\" data-label=\"{}\">{}</td></tr>",
                c.eval.verdict.code(),
                SUMMARY_HEADERS[5],
                esc(&row[5])
            )?;
        }
        writeln!(o, "</tbody></table>")?;
        if let Some(svg) = &charts.compare {
            writeln!(o, "<figure class=\"chart\">{svg}<figcaption>Net savings of tuning at each scenario's horizon, coloured by verdict (negative: tuning costs more).</figcaption></figure>")?;
        }
    }
    writeln!(o, "</section>")?;

    for (i, (c, (cumulative, volume, map))) in cases.iter().zip(&charts.per_scenario).enumerate() {
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
        let figures: Vec<(String, String)> = rows(std::slice::from_ref(c), c.uncertainty.is_some())
            .into_iter()
            .map(|r| {
                (
                    r.label.to_string(),
                    r.values.into_iter().next().unwrap_or_default(),
                )
            })
            .collect();
        pairs(o, "figures", &figures)?;
        writeln!(o, "<div class=\"pair\">")?;
        writeln!(o, "<figure class=\"chart\">{cumulative}<figcaption>What each option has cost so far, month by month; where the lines cross, tuning has paid back.</figcaption></figure>")?;
        writeln!(o, "<figure class=\"chart\">{map}<figcaption>Where tuning pays back: green within the window, amber within the horizon; the dark line is payback exactly at the window, the dot is this scenario.</figcaption></figure>")?;
        writeln!(o, "</div>")?;
        writeln!(o, "<figure class=\"chart\">{volume}<figcaption>How payback depends on monthly call volume (both axes logarithmic).</figcaption></figure>")?;
        if let (Some(Some((payback, fan))), Some(sentence)) =
            (charts.uncertainty.get(i), uncertainty_sentence(c))
        {
            writeln!(o, "<div class=\"uncertainty\"><h3>How sure is it?</h3>")?;
            writeln!(
                o,
                "<p>{}. {}</p>",
                esc(&sentence),
                esc(&uncertainty_details(c).unwrap_or_default())
            )?;
            writeln!(o, "<figure class=\"chart\">{payback}<figcaption>How the samples' paybacks spread; the dashed line is the window tuning must pay back within.</figcaption></figure>")?;
            writeln!(o, "<figure class=\"chart\">{fan}<figcaption>Net savings of tuning so far, month by month: the median, half the samples in the dark band, nine in ten in the light one.</figcaption></figure>")?;
            writeln!(o, "</div>")?;
        }
        writeln!(o, "<div class=\"why\"><h3>Why</h3>\n<ul>")?;
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
        writeln!(o, "</div>")?;
        if let Some(said) = crate::present::solve::said(c) {
            writeln!(
                o,
                "<div class=\"solve\"><h3>What would have to change</h3>\n<p>{}:</p>",
                esc(&said.heading)
            )?;
            pairs(o, "solve", &said.holds)?;
            for sentence in said.alone_sentence().into_iter().chain(said.any_sentence()) {
                writeln!(o, "<p class=\"alone\">{}</p>", esc(&sentence))?;
            }
            writeln!(o, "</div>")?;
        }
        // The worked arithmetic is an appendix: collapsed on screen, printed only when asked
        // for (`--appendix` opens it).
        writeln!(
            o,
            "<div class=\"work\"><details class=\"arithmetic\"{}><summary>The arithmetic, step by step</summary>\n<pre>{}</pre></details>",
            if appendix { " open" } else { "" },
            esc(explain::arithmetic(c).trim_end())
        )?;
        writeln!(o, "<h3>Inputs</h3>")?;
        let inputs: Vec<(String, String)> = inputs::rows(s)
            .into_iter()
            .map(|(l, v)| (l.to_string(), v))
            .collect();
        pairs(o, "inputs", &inputs)?;
        writeln!(o, "</div>\n</section>")?;
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
