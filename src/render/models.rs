//! `tunecalc models`: the price catalog as a table, JSON (every field) or CSV.

use serde::Serialize;
use std::collections::BTreeMap;

use super::grid::{self, Column};
use crate::catalog::{is_stale, Entry, PriceField, Status};
use crate::date::Date;
use crate::present::inputs::exact;
use crate::present::words::{status_text, ABSENT};
use rust_decimal::Decimal;

/// The entries to list: those whose id, provider or name holds `query` (any case); retired
/// ones only with `all`.
pub fn select<'a>(
    entries: &'a [Entry],
    query: Option<&str>,
    all: bool,
    on: Date,
) -> Vec<&'a Entry> {
    let q = query.map(|q| q.trim().to_ascii_lowercase());
    // A whole id names one entry, retired or not.
    if let Some(exact) = q
        .as_ref()
        .and_then(|q| entries.iter().find(|e| e.id.to_ascii_lowercase() == *q))
    {
        return vec![exact];
    }
    entries
        .iter()
        .filter(|e| all || !Status::of(e, on).is_retired())
        .filter(|e| {
            q.as_ref().is_none_or(|q| {
                [Some(&e.id), Some(&e.provider), e.name.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|t| t.to_ascii_lowercase().contains(q.as_str()))
            })
        })
        .collect()
}

fn price(e: &Entry, field: PriceField, on: Date, unit: &str) -> String {
    e.price(field, on)
        .map_or(ABSENT.to_string(), |p| format!("{}{unit}", exact(p, "USD")))
}

fn pair(e: &Entry, a: PriceField, b: PriceField, on: Date) -> String {
    match (e.price(a, on), e.price(b, on)) {
        (None, None) => ABSENT.to_string(),
        (x, y) => format!(
            "{} / {}",
            x.map_or(ABSENT.to_string(), |p| exact(p, "USD")),
            y.map_or(ABSENT.to_string(), |p| exact(p, "USD"))
        ),
    }
}

fn training(e: &Entry, on: Date) -> String {
    if e.price(PriceField::TrainingPer1mTokens, on).is_some() {
        price(e, PriceField::TrainingPer1mTokens, on, "/1M")
    } else if e.price(PriceField::TrainingPerHour, on).is_some() {
        price(e, PriceField::TrainingPerHour, on, "/h")
    } else if e.price(PriceField::TrainingPerJob, on).is_some() {
        price(e, PriceField::TrainingPerJob, on, "/job")
    } else {
        ABSENT.to_string()
    }
}

/// The table: one row per entry, prices as of `on`.
pub fn table(entries: &[&Entry], on: Date, width: Option<usize>, stale_days: u32) -> String {
    let columns = [
        Column {
            heading: "Model",
            wraps: false,
            right: false,
        },
        Column {
            heading: "Status",
            wraps: true,
            right: false,
        },
        Column {
            heading: "Training",
            wraps: false,
            right: true,
        },
        Column {
            heading: "Tuned in / out per 1M",
            wraps: true,
            right: true,
        },
        Column {
            heading: "Base in / out per 1M",
            wraps: true,
            right: true,
        },
        Column {
            heading: "Hosting",
            wraps: false,
            right: true,
        },
        Column {
            heading: "Checked",
            wraps: false,
            right: false,
        },
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let uncertain = if e.uncertain.is_empty() { "" } else { " *" };
            vec![
                format!("{}{uncertain}", e.id),
                status_text(Status::of(e, on), on),
                training(e, on),
                pair(e, PriceField::TunedInput, PriceField::TunedOutput, on),
                pair(e, PriceField::BaseInput, PriceField::BaseOutput, on),
                price(e, PriceField::HostingPerHour, on, "/h"),
                format!(
                    "{} ({}{})",
                    e.checked,
                    e.evidence.name(),
                    if is_stale(e, on, stale_days) {
                        ", stale"
                    } else {
                        ""
                    }
                ),
            ]
        })
        .collect();
    let grid = grid::render(&columns, &rows, width);
    let fits = grid
        .lines()
        .all(|l| width.is_none_or(|w| crate::present::text::width(l) <= w));
    // Too wide for the terminal: one short paragraph per model instead.
    let mut out = if fits {
        grid
    } else {
        cards(&rows, width.unwrap_or(120))
    };
    out.push('\n');
    out.push_str(&crate::present::text::hanging(
        "",
        &crate::present::words::models_footer(entries.len(), on),
        width.unwrap_or(usize::MAX),
    ));
    out
}

/// Everything the catalog knows about one entry, as labelled lines: prices as of `on` and
/// their dated changes, the rules, the dates, the source and how sure it is.
pub fn detail(e: &Entry, on: Date, width: usize, stale_days: u32) -> String {
    use crate::present::text::{hanging, safe};
    use crate::present::words::epochs_rule_text;
    let usd = |p: Decimal| exact(p, "USD");
    let get = |f: PriceField| e.price(f, on).map(usd);
    let mark = |field: PriceField| {
        if e.is_uncertain(field.name()) {
            " (uncertain)"
        } else {
            ""
        }
    };
    let side = |input: PriceField, cached: PriceField, output: PriceField| -> Option<String> {
        let parts: Vec<String> = [(input, "in"), (cached, "cached in"), (output, "out")]
            .into_iter()
            .filter_map(|(f, label)| get(f).map(|p| format!("{p} {label}{}", mark(f))))
            .collect();
        (!parts.is_empty()).then(|| format!("{} per 1M tokens", parts.join(" · ")))
    };
    let training = [
        (PriceField::TrainingPer1mTokens, "per 1M training tokens"),
        (PriceField::TrainingPerHour, "an hour"),
        (PriceField::TrainingPerJob, "a job"),
    ]
    .into_iter()
    .find_map(|(f, unit)| get(f).map(|p| format!("{p} {unit}{}", mark(f))));
    let mut rows: Vec<(&str, String)> = Vec::new();
    rows.push(("Status", status_text(Status::of(e, on), on)));
    let mut provider = e.provider.clone();
    if let (Some(m), Some(b)) = (&e.method, &e.base_model) {
        provider.push_str(&format!(" ({m} on {b})"));
    }
    rows.push(("Provider", provider));
    if e.tunable {
        let mut t = training.unwrap_or_else(|| format!("{ABSENT} (not published)"));
        t.push_str(&format!("; epochs: {}", epochs_rule_text(e.default_epochs)));
        if let Some(n) = e.min_examples {
            t.push_str(&format!("; at least {n} examples"));
        }
        rows.push(("Training", t));
    }
    if let Some(t) = side(
        PriceField::TunedInput,
        PriceField::TunedCachedInput,
        PriceField::TunedOutput,
    ) {
        rows.push(("Tuned calls", t));
    }
    if let Some(t) = side(
        PriceField::BaseInput,
        PriceField::BaseCachedInput,
        PriceField::BaseOutput,
    ) {
        rows.push(("Base calls", t));
    }
    if let (Some(over), Some(t)) = (
        e.long_context_above_tokens,
        side(
            PriceField::BaseInputLong,
            PriceField::BaseCachedInputLong,
            PriceField::BaseOutputLong,
        ),
    ) {
        rows.push((
            "Long prompts",
            format!(
                "over {} input tokens, the whole call: {t}",
                crate::present::number::count(u128::from(over))
            ),
        ));
    }
    if let (Some(closes), Some(until)) = (e.training_closes, e.training_closes_existing_customers) {
        rows.push((
            "Who may train",
            format!("new customers until {closes}; customers who already used it until {until}"),
        ));
    }
    for (field, label, unit) in [
        (
            PriceField::CacheStoragePer1mPerHour,
            "Cache storage",
            " per 1M tokens an hour",
        ),
        (PriceField::HostingPerHour, "Hosting", " an hour"),
        (PriceField::StoragePerMonth, "Storage", " a month"),
        (PriceField::MinimumCharge, "Minimum charge", " a job"),
    ] {
        if let Some(p) = get(field) {
            rows.push((label, format!("{p}{unit}{}", mark(field))));
        }
    }
    for c in &e.price_changes {
        let what: Vec<String> = c
            .prices
            .iter()
            .map(|(f, p)| format!("{} {}", f.name(), usd(*p)))
            .collect();
        rows.push((
            "Price change",
            format!("from {}: {}", c.from, what.join(", ")),
        ));
    }
    if let Some(n) = e.max_concurrent_jobs {
        rows.push(("Jobs at once", n.to_string()));
    }
    if let Some(n) = e.max_tokens_per_example {
        rows.push((
            "Tokens/example",
            format!("at most {}", crate::present::number::count(u128::from(n))),
        ));
    }
    let mut source = format!("{} ({}", e.source, e.evidence.name());
    if let Some(asof) = &e.source_as_of {
        source.push_str(&format!(", as of {asof}"));
    }
    source.push_str(&format!("; checked {}", e.checked));
    if is_stale(e, on, stale_days) {
        source.push_str(&format!(
            ", {} days before {on}: check it again",
            e.checked.days_until(on)
        ));
    }
    source.push(')');
    rows.push(("Source", source));
    if !e.uncertain.is_empty() {
        rows.push(("Uncertain", e.uncertain.join(", ")));
    }
    if let Some(n) = &e.notes {
        rows.push(("Notes", n.clone()));
    }
    rows.push(("Read from", e.origin.clone()));

    let mut out = String::new();
    let title = match &e.name {
        Some(n) => format!("{} — {}", e.id, n),
        None => e.id.clone(),
    };
    out.push_str(&hanging("", &safe(&title), width));
    let label_width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0) + 2;
    for (label, text) in rows {
        let first = format!("  {label:<label_width$}");
        out.push_str(&hanging(&first, &safe(&text), width));
    }
    out
}

/// The table's rows as paragraphs: the model and its status, then its prices, wrapped.
fn cards(rows: &[Vec<String>], width: usize) -> String {
    use crate::present::text::{hanging, safe};
    let mut out = String::new();
    for r in rows {
        out.push_str(&hanging("", &safe(&r[0]), width));
        out.push_str(&hanging("    ", &safe(&r[1]), width));
        let prices = format!(
            "training {} · tuned {} · base {} per 1M · hosting {} · checked {}",
            r[2], r[3], r[4], r[5], r[6]
        );
        out.push_str(&hanging("    ", &prices, width));
    }
    out
}

/// Every field of an entry, for JSON and CSV.
#[derive(Debug, Serialize)]
pub struct ModelRecord<'a> {
    pub id: &'a str,
    pub provider: &'a str,
    pub name: Option<&'a str>,
    pub base_model: Option<&'a str>,
    pub method: Option<&'a str>,
    pub tunable: bool,
    pub status: &'static str,
    pub status_text: String,
    /// Every price field, `null` where the catalog does not know it (never zero).
    #[serde(flatten)]
    pub prices: BTreeMap<&'static str, Option<String>>,
    pub price_changes: Vec<BTreeMap<&'static str, String>>,
    pub default_epochs: String,
    pub min_examples: Option<u64>,
    pub max_concurrent_jobs: Option<u32>,
    pub max_tokens_per_example: Option<u64>,
    pub training_closes: Option<String>,
    pub training_closes_existing_customers: Option<String>,
    pub long_context_above_tokens: Option<u64>,
    pub retirement_date: Option<String>,
    pub source: &'a str,
    pub evidence: &'static str,
    pub source_as_of: Option<&'a str>,
    pub checked: String,
    pub uncertain: &'a [String],
    pub notes: Option<&'a str>,
    pub origin: &'a str,
}

pub fn record(e: &Entry, on: Date) -> ModelRecord<'_> {
    let status = Status::of(e, on);
    ModelRecord {
        id: &e.id,
        provider: &e.provider,
        name: e.name.as_deref(),
        base_model: e.base_model.as_deref(),
        method: e.method.as_deref(),
        tunable: e.tunable,
        status: status.code(),
        status_text: status_text(status, on),
        prices: PriceField::ALL
            .iter()
            .map(|f| (f.name(), e.prices.get(f).map(|p| p.normalize().to_string())))
            .collect(),
        price_changes: e
            .price_changes
            .iter()
            .map(|c| {
                std::iter::once(("from", c.from.to_string()))
                    .chain(
                        c.prices
                            .iter()
                            .map(|(f, p)| (f.name(), p.normalize().to_string())),
                    )
                    .collect()
            })
            .collect(),
        default_epochs: e
            .default_epochs
            .map_or("unpublished".to_string(), |r| r.to_string()),
        min_examples: e.min_examples,
        max_concurrent_jobs: e.max_concurrent_jobs,
        max_tokens_per_example: e.max_tokens_per_example,
        training_closes: e.training_closes.map(|d| d.to_string()),
        training_closes_existing_customers: e
            .training_closes_existing_customers
            .map(|d| d.to_string()),
        long_context_above_tokens: e.long_context_above_tokens,
        retirement_date: e.retirement_date.map(|d| d.to_string()),
        source: &e.source,
        evidence: e.evidence.name(),
        source_as_of: e.source_as_of.as_deref(),
        checked: e.checked.to_string(),
        uncertain: &e.uncertain,
        notes: e.notes.as_deref(),
        origin: &e.origin,
    }
}

/// `{"models": [ … ]}`.
pub fn json(entries: &[&Entry], on: Date) -> String {
    let records: Vec<ModelRecord> = entries.iter().map(|e| record(e, on)).collect();
    let text =
        serde_json::to_string_pretty(&serde_json::json!({ "models": records })).unwrap_or_default();
    let mut text = crate::present::text::json_escape(&text).into_owned();
    text.push('\n');
    text
}

/// One row per entry; the price columns are every price any entry has.
pub fn csv(entries: &[&Entry], on: Date) -> String {
    let mut header: Vec<&str> = vec!["id", "provider", "name", "tunable", "status", "status_text"];
    header.extend(PriceField::ALL.iter().map(|f| f.name()));
    header.extend([
        "default_epochs",
        "min_examples",
        "max_concurrent_jobs",
        "training_closes",
        "retirement_date",
        "checked",
        "evidence",
        "uncertain",
        "price_changes",
        "source",
    ]);
    let mut out = header.join(",");
    out.push_str("\r\n");
    for e in entries {
        let r = record(e, on);
        let mut cells: Vec<String> = vec![
            r.id.to_string(),
            r.provider.to_string(),
            r.name.unwrap_or_default().to_string(),
            r.tunable.to_string(),
            r.status.to_string(),
            r.status_text.clone(),
        ];
        cells.extend(PriceField::ALL.iter().map(|f| {
            r.prices
                .get(f.name())
                .cloned()
                .flatten()
                .unwrap_or_default()
        }));
        cells.extend([
            r.default_epochs.clone(),
            r.min_examples.map(|n| n.to_string()).unwrap_or_default(),
            r.max_concurrent_jobs
                .map(|n| n.to_string())
                .unwrap_or_default(),
            r.training_closes.clone().unwrap_or_default(),
            r.retirement_date.clone().unwrap_or_default(),
            r.checked.clone(),
            r.evidence.to_string(),
            r.uncertain.join("; "),
            // "2027-01-01: base_input_per_1m=1.5 base_output_per_1m=7.5; …"
            r.price_changes
                .iter()
                .map(|c| {
                    let from = c.get("from").cloned().unwrap_or_default();
                    let prices: Vec<String> = c
                        .iter()
                        .filter(|(k, _)| **k != "from")
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect();
                    format!("{from}: {}", prices.join(" "))
                })
                .collect::<Vec<_>>()
                .join("; "),
            r.source.to_string(),
        ]);
        out.push_str(
            &cells
                .iter()
                .map(|c| super::csv::field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}
