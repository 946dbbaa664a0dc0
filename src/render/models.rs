//! `tunecalc models`: the price catalog as a table, JSON (every field) or CSV.

use serde::Serialize;
use std::collections::BTreeMap;

use super::grid::{self, Column};
use crate::catalog::{Entry, PriceField, Status};
use crate::date::Date;
use crate::present::inputs::exact;
use crate::present::words::{status_text, ABSENT};

/// The entries to list: those whose id, provider or name holds `query` (any case); retired
/// ones only with `all`.
pub fn select<'a>(
    entries: &'a [Entry],
    query: Option<&str>,
    all: bool,
    on: Date,
) -> Vec<&'a Entry> {
    let q = query.map(|q| q.trim().to_ascii_lowercase());
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
pub fn table(entries: &[&Entry], on: Date, width: Option<usize>) -> String {
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
                format!("{} ({})", e.checked, e.evidence.name()),
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
    out.push_str(&format!(
        "\n{} entries, prices as of {on}. US dollars. * some values rest on a weak source (see --format json: uncertain). \
         `tunecalc models --all` includes retired models.\n",
        entries.len()
    ));
    out
}

/// The table's rows as paragraphs: the model and its status, then its prices, wrapped.
fn cards(rows: &[Vec<String>], width: usize) -> String {
    use crate::present::text::{hanging, safe};
    let mut out = String::new();
    for r in rows {
        out.push_str(&hanging(
            "",
            &format!("{} — {}", safe(&r[0]), safe(&r[1])),
            width,
        ));
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
    #[serde(flatten)]
    pub prices: BTreeMap<&'static str, String>,
    pub price_changes: Vec<BTreeMap<&'static str, String>>,
    pub default_epochs: String,
    pub min_examples: Option<u64>,
    pub max_concurrent_jobs: Option<u32>,
    pub max_tokens_per_example: Option<u64>,
    pub training_closes: Option<String>,
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
            .filter_map(|f| {
                e.prices
                    .get(f)
                    .map(|p| (f.name(), p.normalize().to_string()))
            })
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
    let mut text =
        serde_json::to_string_pretty(&serde_json::json!({ "models": records })).unwrap_or_default();
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
        cells.extend(
            PriceField::ALL
                .iter()
                .map(|f| r.prices.get(f.name()).cloned().unwrap_or_default()),
        );
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
