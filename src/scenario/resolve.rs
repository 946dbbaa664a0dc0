//! The stage between reading a file and validating it: fills in what the scenario leaves to
//! someone else. The catalog prices the models a scenario names (`[tuned] model`,
//! `[prompting] model`); a key written in the scenario always wins. Dates are settled here:
//! month 1 starts on `[usage] start` (default the evaluation date), dated price changes become
//! changes from a month, and the retirement date becomes the month the tuned model stops.
//!
//! A value taken from the catalog enters the raw scenario like a written one, with an empty
//! span, and its source is recorded; a price the scenario needs but the entry lacks is an
//! error naming the entry and the field (absent is unknown, never zero).

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

use super::raw::{Field, Num, RawScenario, RawSide};
use super::{Context, Key, Models, Side, Source};
use crate::catalog::entry::PriceField;
use crate::catalog::epochs::EpochsRule;
use crate::catalog::Entry;
use crate::date::{self, Date};
use crate::engine::outcome::Schedule;
use crate::error::{InputError, Position};

/// A raw scenario with everything resolved that comes from outside the file.
#[derive(Debug)]
pub struct Resolved {
    pub raw: RawScenario,
    /// The rule that chooses epochs when the file does not give them; `None` when the
    /// provider's rule is not published (the scenario must then give `epochs`).
    pub epochs_rule: Option<EpochsRule>,
    pub models: Models,
    /// Dotted name → where the catalog value came from.
    pub sources: BTreeMap<String, Source>,
    pub date: Date,
    pub start: Date,
    pub schedule: Schedule<Decimal>,
    /// What `[training] dataset` measured, when given.
    pub dataset: Option<Measured>,
}

/// The figures a scenario took from its training file.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// As written in the scenario (relative to it).
    pub path: String,
    pub examples: u64,
    /// Mean tokens per example, exact.
    pub mean_tokens: Decimal,
    /// Tokens of all the examples.
    pub total_tokens: u64,
    /// `Some(encoding)` when counted exactly.
    pub encoding: Option<&'static str>,
    pub dialect: &'static str,
}

/// Reads `[training] dataset`: every line must be good; its examples and mean tokens per
/// example go into the raw scenario (unless written there too, which is refused).
fn measure(
    r: &Resolver,
    raw: &mut RawScenario,
    model: Option<&Entry>,
) -> Result<Option<Measured>, Box<InputError>> {
    let Some(t) = raw.training.as_mut() else {
        return Ok(None);
    };
    let t = t.get_mut();
    let Some(written) = t.dataset.clone() else {
        return Ok(None);
    };
    let span = written.span();
    let name = written.get_ref().trim().to_string();
    if name.is_empty() {
        return Err(r.error(
            Some(span.clone()),
            "training.dataset",
            "the path is empty".into(),
            Some("write the training file's path, relative to the scenario: dataset = \"data/train.jsonl\"".into()),
        ));
    }
    for (field, given) in [
        ("training.examples", t.examples.is_some()),
        (
            "training.tokens_per_example",
            t.tokens_per_example.is_some(),
        ),
    ] {
        if given {
            return Err(r.error(
                Some(span.clone()),
                "training.dataset",
                format!("the dataset gives {field}, and so does the scenario"),
                Some(format!("remove {field}, or the dataset line")),
            ));
        }
    }
    if let Some(c) = name.chars().find(|c| crate::present::text::is_unsafe(*c)) {
        return Err(r.error(
            Some(span.clone()),
            "training.dataset",
            format!(
                "contains a control or invisible formatting character (U+{:04X}); the path is shown in terminals and reports",
                c as u32
            ),
            Some("rename the file, or remove the escape from the path".into()),
        ));
    }
    let base = if crate::io::is_stdio(r.path) {
        std::path::PathBuf::new()
    } else {
        r.path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let file = base.join(&name);
    let opts = crate::dataset::Options {
        model: model.cloned(),
        max_errors: 1,
        date: Some(r.ctx.date),
        ..Default::default()
    };
    let report = crate::dataset::check(&file, &opts, None).map_err(|e| {
        r.error(
            Some(span.clone()),
            "training.dataset",
            e.to_string(),
            Some("the path is relative to the scenario file".into()),
        )
    })?;
    if let Some(first) = report.bad_lines.first() {
        return Err(r.error(
            Some(span.clone()),
            "training.dataset",
            format!(
                "{} has {} bad {}; the first, line {} column {}: {}",
                name,
                report.bad_total,
                if report.bad_total == 1 {
                    "line"
                } else {
                    "lines"
                },
                first.line,
                first.column,
                first.message
            ),
            Some(format!(
                "`tunecalc data check {}` lists them all",
                file.display()
            )),
        ));
    }
    if let Some(wrong) = &report.wrong_format {
        return Err(r.error(
            Some(span.clone()),
            "training.dataset",
            wrong.clone(),
            Some("give a file in the model's format, or name another model".into()),
        ));
    }
    if report.examples == 0 {
        return Err(r.error(
            Some(span.clone()),
            "training.dataset",
            format!("{name} holds no examples"),
            None,
        ));
    }
    let num = |value: Decimal| {
        Some(Spanned::new(
            span.clone(),
            Num {
                value,
                percent: false,
                dist: None,
            },
        ))
    };
    t.examples = num(Decimal::from(report.examples));
    // Tokens matter only to a job priced by tokens.
    if t.cost.is_none() && t.cost_per_example.is_none() {
        t.tokens_per_example = num(report.tokens.mean);
    }
    Ok(Some(Measured {
        path: name,
        examples: report.examples,
        mean_tokens: report.tokens.mean,
        total_tokens: report.tokens.total,
        encoding: match report.counting {
            crate::dataset::tokens::Counting::Exact(e) => Some(e.name()),
            crate::dataset::tokens::Counting::Estimate => None,
        },
        dialect: report.dialect.map_or("unknown", |d| d.name()),
    }))
}

/// Resolves the catalog and the dates.
pub fn resolve(
    path: &Path,
    text: &str,
    mut raw: RawScenario,
    ctx: &Context,
) -> Result<Resolved, Box<InputError>> {
    let r = Resolver { path, text, ctx };
    let start = match raw.usage.as_ref().and_then(|u| u.get_ref().start.as_ref()) {
        Some(v) => date::parse_month_or_day(&v.get_ref().0)
            .map_err(|m| r.error(Some(v.span()), "usage.start", m, None))?,
        None => ctx.date,
    };
    let tuned_entry = match raw.tuned.as_ref().and_then(|t| t.get_ref().model.clone()) {
        Some(id) => Some(r.entry(&id, "tuned.model")?),
        None => None,
    };
    let dataset = measure(&r, &mut raw, tuned_entry.as_ref())?;
    let prompting_named = match raw
        .prompting
        .as_ref()
        .and_then(|p| p.get_ref().model.clone())
    {
        Some(id) => Some(r.entry(&id, "prompting.model")?),
        None => None,
    };
    let mut fill = Fill {
        start,
        sources: BTreeMap::new(),
        changes: Vec::new(),
    };
    let mut epochs_rule = Some(EpochsRule::OpenAiAuto);
    // Output tokens the tuned side takes from [prompting] when it leaves them out.
    let prompting_output = raw
        .prompting
        .as_ref()
        .and_then(|p| p.get_ref().output_tokens.as_ref())
        .is_some_and(|o| o.get_ref().value > Decimal::ZERO);
    if let Some(entry) = &tuned_entry {
        let model_span = raw
            .tuned
            .as_ref()
            .and_then(|t| t.get_ref().model.as_ref())
            .map(Spanned::span);
        if !entry.tunable {
            return Err(r.error(
                model_span,
                "tuned.model",
                format!("{} cannot be tuned; it is a prompting baseline", entry.id),
                Some("name a tunable model here, and this one under [prompting] model".into()),
            ));
        }
        epochs_rule = entry.default_epochs;
        if let Some(t) = raw.training.as_mut() {
            let t = t.get_mut();
            let priced =
                t.cost.is_some() || t.cost_per_example.is_some() || t.price_per_1m_tokens.is_some();
            if !priced {
                if let Some(v) = fill.value(
                    entry,
                    PriceField::TrainingPer1mTokens,
                    "training.price_per_1m_tokens",
                    Key::TrainingPricePer1mTokens,
                ) {
                    t.price_per_1m_tokens = Some(v);
                } else if let Some(v) = fill.value(
                    entry,
                    PriceField::TrainingPerJob,
                    "training.cost",
                    Key::TrainingCost,
                ) {
                    t.cost = Some(v);
                } else if let Some(per_hour) = entry.price(PriceField::TrainingPerHour, start) {
                    return Err(r.error(
                        model_span,
                        "training",
                        format!(
                            "{} bills training by the hour (${} an hour); the catalog cannot know how long your job runs",
                            entry.id, per_hour
                        ),
                        Some("give [training] cost = hours × the hourly price".into()),
                    ));
                } else {
                    return Err(r.missing(
                        model_span,
                        "training.price_per_1m_tokens",
                        entry,
                        "training_price_per_1m_tokens",
                        "[training] cost or price_per_1m_tokens",
                    ));
                }
            }
            if t.minimum_charge.is_none() {
                t.minimum_charge = fill.value(
                    entry,
                    PriceField::MinimumCharge,
                    "training.minimum_charge",
                    Key::TrainingMinimumCharge,
                );
            }
        }
        if let Some(tuned) = raw.tuned.as_mut() {
            let tuned = tuned.get_mut();
            if tuned.hosting_per_month.is_none()
                && tuned.hosting_per_hour.is_none()
                && entry
                    .price(PriceField::HostingPerHour, start)
                    .is_some_and(|h| h > Decimal::ZERO)
            {
                tuned.hosting_per_hour = fill.value(
                    entry,
                    PriceField::HostingPerHour,
                    "tuned.hosting_per_hour",
                    Key::HostingPerHour,
                );
            }
            if tuned.storage_per_month.is_none()
                && entry
                    .price(PriceField::StoragePerMonth, start)
                    .is_some_and(|s| s > Decimal::ZERO)
            {
                tuned.storage_per_month = fill.value(
                    entry,
                    PriceField::StoragePerMonth,
                    "tuned.storage_per_month",
                    Key::StoragePerMonth,
                );
            }
            let mut side = tuned.side();
            r.fill_side(
                &mut fill,
                &mut side,
                entry,
                Side::Tuned,
                model_span.clone(),
                prompting_output,
            )?;
            tuned.set_side(side);
        }
    }
    // The prompting side: its own model, or the tuned entry's base prices when it gives token
    // counts but no prices.
    let prompting_entry = match (&prompting_named, &tuned_entry, raw.prompting.as_ref()) {
        (Some(named), _, _) => Some(named.clone()),
        (None, Some(tuned), Some(p)) => {
            let p = p.get_ref();
            let tokens_without_prices = p.price_per_1k_calls.is_none()
                && p.input_tokens.is_some()
                && p.input_price_per_1m_tokens.is_none();
            tokens_without_prices.then(|| tuned.clone())
        }
        _ => None,
    };
    if let (Some(entry), Some(p)) = (&prompting_entry, raw.prompting.as_mut()) {
        let span = p.get_ref().model.as_ref().map(Spanned::span).or_else(|| {
            raw.tuned
                .as_ref()
                .and_then(|t| t.get_ref().model.as_ref())
                .map(Spanned::span)
        });
        r.fill_side(&mut fill, p.get_mut(), entry, Side::Prompting, span, false)?;
    }
    // Dates of the tuned model: it serves until it retires; if the provider stops taking
    // tuning jobs before month 1, there is no tuned model at all, and nothing is saved.
    let end = tuned_entry.as_ref().and_then(|e| {
        if e.training_closes.is_some_and(|closes| start > closes) {
            Some(Decimal::ZERO)
        } else {
            e.retirement_date.map(|ret| months_until(start, ret))
        }
    });
    fill.changes.sort_by_key(|(m, _, _)| *m);
    Ok(Resolved {
        raw,
        epochs_rule,
        models: Models {
            tuned: tuned_entry,
            prompting: prompting_entry,
        },
        sources: fill.sources,
        date: ctx.date,
        start,
        schedule: Schedule {
            changes: fill.changes,
            end,
        },
        dataset,
    })
}

/// Months (fractional, by days within the month) from `start` to `to`; 0 when `to` is not
/// after `start`. Month m runs from `start + (m − 1) months` to `start + m months`.
pub fn months_until(start: Date, to: Date) -> Decimal {
    if to <= start {
        return Decimal::ZERO;
    }
    let mut whole = 0i64;
    while start.add_months(whole + 1) <= to {
        whole += 1;
    }
    let from = start.add_months(whole);
    let length = from.days_until(start.add_months(whole + 1)).max(1);
    let into = from.days_until(to);
    Decimal::from(whole) + Decimal::from(into) / Decimal::from(length)
}

/// The month (1-based) from which a change dated `from` applies: the first month whose first
/// day is on or after it ("each month uses the prices in force on its first day").
pub fn month_of(start: Date, from: Date) -> u32 {
    let mut m = 1u32;
    while start.add_months(i64::from(m) - 1) < from && m <= crate::scenario::MAX_MONTHS {
        m += 1;
    }
    m
}

/// Catalog values filled in so far, and their dated changes.
struct Fill {
    start: Date,
    sources: BTreeMap<String, Source>,
    changes: Vec<(u32, Key, Decimal)>,
}

impl Fill {
    /// The entry's value of `field` as of month 1, recorded as the source of `dotted`, with
    /// its later changes scheduled; `None` when the entry does not know it.
    fn value(&mut self, entry: &Entry, field: PriceField, dotted: &str, key: Key) -> Field<Num> {
        let value = entry.price(field, self.start)?;
        self.sources.insert(
            dotted.to_string(),
            Source {
                entry: entry.id.clone(),
                field: field.name(),
                checked: entry.checked,
                uncertain: entry.is_uncertain(field.name()),
            },
        );
        for change in entry.price_changes.iter().filter(|c| c.from > self.start) {
            if let Some(v) = change.prices.get(&field) {
                self.changes
                    .push((month_of(self.start, change.from), key, *v));
            }
        }
        Some(Spanned::new(
            0..0,
            Num {
                value,
                percent: false,
                dist: None,
            },
        ))
    }
}

struct Resolver<'a> {
    path: &'a Path,
    text: &'a str,
    ctx: &'a Context<'a>,
}

impl Resolver<'_> {
    fn error(
        &self,
        span: Option<Range<usize>>,
        field: &str,
        message: String,
        help: Option<String>,
    ) -> Box<InputError> {
        Box::new(InputError {
            file: self.path.to_path_buf(),
            position: span
                .filter(|s| s.end > 0)
                .map(|s| Position::from_span(self.text, s)),
            field: Some(field.to_string()),
            message,
            help,
        })
    }

    /// A needed field the entry does not know: `input` is the scenario's dotted input it would
    /// have filled, `field` the entry's field.
    fn missing(
        &self,
        span: Option<Range<usize>>,
        input: &str,
        entry: &Entry,
        field: &str,
        give: &str,
    ) -> Box<InputError> {
        self.error(
            span,
            input,
            format!(
                "the catalog entry {} has no {field}: the price is unknown (absent is never taken as zero)",
                entry.id
            ),
            Some(format!("give {give} in the scenario")),
        )
    }

    fn entry(&self, id: &Spanned<String>, field: &str) -> Result<Entry, Box<InputError>> {
        self.ctx
            .catalog
            .lookup(id.get_ref())
            .cloned()
            .map_err(|help| {
                self.error(
                    Some(id.span()),
                    field,
                    format!("no model \"{}\" in the catalog", id.get_ref().trim()),
                    Some(help),
                )
            })
    }

    /// Prices a call priced by tokens from the entry: the tuned side from its tuned prices,
    /// the prompting side from its base prices. Keys the scenario wrote stay as written.
    fn fill_side(
        &self,
        fill: &mut Fill,
        side: &mut RawSide,
        entry: &Entry,
        which: Side,
        span: Option<Range<usize>>,
        inherited_output: bool,
    ) -> Result<(), Box<InputError>> {
        if side.price_per_1k_calls.is_some() || side.input_tokens.is_none() {
            // Priced per call, or missing its tokens (validation says so).
            return Ok(());
        }
        let table = which.table();
        // A prompt longer than the entry's long-context threshold is billed whole at its
        // long-context prices (gpt-6-luna: over 272,000 input tokens).
        let long = side.input_tokens.as_ref().is_some_and(|t| {
            entry
                .long_context_above_tokens
                .is_some_and(|over| t.get_ref().value > Decimal::from(over))
        });
        let (input, cached, output) = match which {
            Side::Tuned => (
                PriceField::TunedInput,
                PriceField::TunedCachedInput,
                PriceField::TunedOutput,
            ),
            Side::Prompting if long => (
                PriceField::BaseInputLong,
                PriceField::BaseCachedInputLong,
                PriceField::BaseOutputLong,
            ),
            Side::Prompting => (
                PriceField::BaseInput,
                PriceField::BaseCachedInput,
                PriceField::BaseOutput,
            ),
        };
        let has_output = match &side.output_tokens {
            Some(o) => o.get_ref().value > Decimal::ZERO,
            None => inherited_output,
        };
        let has_cached = side
            .cached_input_tokens
            .as_ref()
            .is_some_and(|c| c.get_ref().value > Decimal::ZERO);
        let explicit_cache = side.cache_hours_per_month.is_some();
        let slots: [(&mut Field<Num>, PriceField, &str, Key, bool); 4] = [
            (
                &mut side.input_price_per_1m_tokens,
                input,
                "input_price_per_1m_tokens",
                Key::InputPrice(which),
                true,
            ),
            (
                &mut side.output_price_per_1m_tokens,
                output,
                "output_price_per_1m_tokens",
                Key::OutputPrice(which),
                has_output,
            ),
            (
                &mut side.cached_input_price_per_1m_tokens,
                cached,
                "cached_input_price_per_1m_tokens",
                Key::CachedInputPrice(which),
                has_cached,
            ),
            (
                &mut side.cache_storage_per_1m_tokens_per_hour,
                PriceField::CacheStoragePer1mPerHour,
                "cache_storage_per_1m_tokens_per_hour",
                Key::CacheStorage(which),
                explicit_cache && has_cached,
            ),
        ];
        for (slot, field, name, key, needed) in slots {
            if slot.is_some() || !needed {
                continue;
            }
            let dotted = format!("{table}.{name}");
            match fill.value(entry, field, &dotted, key) {
                Some(v) => *slot = Some(v),
                None => {
                    return Err(self.missing(
                        span,
                        &dotted,
                        entry,
                        field.name(),
                        &format!("[{table}] {name}"),
                    ))
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        date::parse(text).expect("a date")
    }

    #[test]
    fn retirement_falls_in_a_month_by_its_days() {
        // From 2026-12-01, 2027-01-14 is one whole month and 13 of January's 31 days.
        let m = months_until(d("2026-12-01"), d("2027-01-14"));
        assert_eq!(m, Decimal::ONE + Decimal::from(13) / Decimal::from(31));
        assert_eq!(
            months_until(d("2027-02-01"), d("2027-01-14")),
            Decimal::ZERO
        );
    }

    #[test]
    fn a_change_applies_from_the_first_month_that_starts_on_or_after_it() {
        // Month 1 starts 2026-11-27, month 2 2026-12-27, month 3 2027-01-27.
        assert_eq!(month_of(d("2026-11-27"), d("2027-01-01")), 3);
        assert_eq!(month_of(d("2026-12-01"), d("2027-01-01")), 2);
    }
}
