//! One catalog entry: what a provider charges to tune and serve one model, when its tuned
//! models stop, and where each fact came from. Read from TOML with spans, so a bad catalog file
//! gets an error naming the file, line, column and field.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

use super::epochs::EpochsRule;
use crate::date::{self, Date};
use crate::error::{InputError, Position};
use crate::scenario::raw::{DateText, Field, Num};

/// A price an entry may give, in currency units (USD) per the unit in its name. Absent means
/// unknown, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PriceField {
    TrainingPer1mTokens,
    TrainingPerHour,
    TrainingPerJob,
    TunedInput,
    TunedCachedInput,
    TunedOutput,
    BaseInput,
    BaseCachedInput,
    BaseOutput,
    /// Base prices of a whole request whose input is over [`Entry::long_context_above_tokens`].
    BaseInputLong,
    BaseCachedInputLong,
    BaseOutputLong,
    CacheStoragePer1mPerHour,
    HostingPerHour,
    StoragePerMonth,
    MinimumCharge,
}

impl PriceField {
    pub const ALL: [PriceField; 16] = [
        PriceField::TrainingPer1mTokens,
        PriceField::TrainingPerHour,
        PriceField::TrainingPerJob,
        PriceField::TunedInput,
        PriceField::TunedCachedInput,
        PriceField::TunedOutput,
        PriceField::BaseInput,
        PriceField::BaseCachedInput,
        PriceField::BaseOutput,
        PriceField::BaseInputLong,
        PriceField::BaseCachedInputLong,
        PriceField::BaseOutputLong,
        PriceField::CacheStoragePer1mPerHour,
        PriceField::HostingPerHour,
        PriceField::StoragePerMonth,
        PriceField::MinimumCharge,
    ];

    /// The field's name in a catalog file.
    pub fn name(self) -> &'static str {
        match self {
            PriceField::TrainingPer1mTokens => "training_price_per_1m_tokens",
            PriceField::TrainingPerHour => "training_price_per_hour",
            PriceField::TrainingPerJob => "training_price_per_job",
            PriceField::TunedInput => "tuned_input_per_1m",
            PriceField::TunedCachedInput => "tuned_cached_input_per_1m",
            PriceField::TunedOutput => "tuned_output_per_1m",
            PriceField::BaseInput => "base_input_per_1m",
            PriceField::BaseCachedInput => "base_cached_input_per_1m",
            PriceField::BaseOutput => "base_output_per_1m",
            PriceField::BaseInputLong => "base_input_long_per_1m",
            PriceField::BaseCachedInputLong => "base_cached_input_long_per_1m",
            PriceField::BaseOutputLong => "base_output_long_per_1m",
            PriceField::CacheStoragePer1mPerHour => "cache_storage_per_1m_per_hour",
            PriceField::HostingPerHour => "hosting_per_hour",
            PriceField::StoragePerMonth => "storage_per_month",
            PriceField::MinimumCharge => "minimum_charge",
        }
    }
}

/// How much to trust a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// The provider's own page or documentation.
    Primary,
    /// A third-party copy.
    Secondary,
    /// Arithmetic from published figures.
    Derived,
    /// Not found in any source; remembered.
    Memory,
}

impl Evidence {
    pub fn name(self) -> &'static str {
        match self {
            Evidence::Primary => "primary",
            Evidence::Secondary => "secondary",
            Evidence::Derived => "derived",
            Evidence::Memory => "memory",
        }
    }
}

/// Prices that take effect on a date (introductory prices ending, rises).
#[derive(Debug, Clone, PartialEq)]
pub struct PriceChange {
    pub from: Date,
    pub prices: BTreeMap<PriceField, Decimal>,
}

/// A validated catalog entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `provider/model`, the name a scenario uses.
    pub id: String,
    pub provider: String,
    pub name: Option<String>,
    pub base_model: Option<String>,
    pub method: Option<String>,
    /// Whether the model can be tuned at all (a prompting baseline cannot).
    pub tunable: bool,
    /// Prices from the start; see [`Entry::price`] for a date.
    pub prices: BTreeMap<PriceField, Decimal>,
    pub price_changes: Vec<PriceChange>,
    /// `None`: the provider picks epochs by a rule it does not publish.
    pub default_epochs: Option<EpochsRule>,
    pub min_examples: Option<u64>,
    pub max_concurrent_jobs: Option<u32>,
    pub max_tokens_per_example: Option<u64>,
    /// No new tuning jobs after this day (for a new customer, where the provider treats
    /// existing ones apart).
    pub training_closes: Option<Date>,
    /// Customers who already used the model may train until this later day.
    pub training_closes_existing_customers: Option<Date>,
    /// A prompt of more input tokens than this is billed whole at the `*_long_per_1m` prices.
    pub long_context_above_tokens: Option<u64>,
    /// Tuned models stop serving on this day.
    pub retirement_date: Option<Date>,
    pub source: String,
    pub evidence: Evidence,
    pub source_as_of: Option<String>,
    /// The day the entry was checked against its source.
    pub checked: Date,
    /// Fields whose value rests on a weak source.
    pub uncertain: Vec<String>,
    pub notes: Option<String>,
    /// Where the entry was read: `built-in catalog/openai.toml` or a user file.
    pub origin: String,
}

impl Entry {
    /// A price as of `on` (the last change on or before it, else the entry's own).
    pub fn price(&self, field: PriceField, on: Date) -> Option<Decimal> {
        self.price_changes
            .iter()
            .filter(|c| c.from <= on)
            .filter_map(|c| c.prices.get(&field))
            .next_back()
            .or_else(|| self.prices.get(&field))
            .copied()
    }

    /// Whether the entry marks `field` as resting on a weak source.
    pub fn is_uncertain(&self, field: &str) -> bool {
        self.uncertain.iter().any(|u| u == field)
    }
}

/// A catalog file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalog {
    #[serde(default)]
    pub model: Vec<Spanned<RawEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    pub id: Field<String>,
    pub provider: Field<String>,
    pub name: Field<String>,
    pub base_model: Field<String>,
    pub method: Field<String>,
    pub tunable: Field<bool>,
    pub training_price_per_1m_tokens: Field<Num>,
    pub training_price_per_hour: Field<Num>,
    pub training_price_per_job: Field<Num>,
    pub tuned_input_per_1m: Field<Num>,
    pub tuned_cached_input_per_1m: Field<Num>,
    pub tuned_output_per_1m: Field<Num>,
    pub base_input_per_1m: Field<Num>,
    pub base_cached_input_per_1m: Field<Num>,
    pub base_output_per_1m: Field<Num>,
    pub base_input_long_per_1m: Field<Num>,
    pub base_cached_input_long_per_1m: Field<Num>,
    pub base_output_long_per_1m: Field<Num>,
    pub long_context_above_tokens: Field<Num>,
    pub cache_storage_per_1m_per_hour: Field<Num>,
    pub hosting_per_hour: Field<Num>,
    pub storage_per_month: Field<Num>,
    pub minimum_charge: Field<Num>,
    pub default_epochs: Field<RuleText>,
    pub min_examples: Field<Num>,
    pub max_concurrent_jobs: Field<Num>,
    pub max_tokens_per_example: Field<Num>,
    pub training_closes: Field<DateText>,
    pub training_closes_existing_customers: Field<DateText>,
    pub retirement_date: Field<DateText>,
    pub source: Field<String>,
    pub evidence: Field<String>,
    pub source_as_of: Field<DateText>,
    pub checked: Field<DateText>,
    pub uncertain: Option<Spanned<Vec<String>>>,
    pub notes: Field<String>,
    /// `[[model.price_change]]` (also accepted as `price_changes`, the name JSON uses).
    #[serde(default, alias = "price_changes")]
    pub price_change: Vec<Spanned<RawPriceChange>>,
}

/// An epochs rule as written: `"openai_auto"`, `"fixed:2"`, `"unpublished"`, or a bare number
/// (`2`, the same as `"fixed:2"`).
#[derive(Debug)]
pub struct RuleText(pub String);

impl<'de> Deserialize<'de> for RuleText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RuleVisitor;
        impl serde::de::Visitor<'_> for RuleVisitor {
            type Value = RuleText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"openai_auto\", \"fixed:N\", \"unpublished\" or a number of epochs")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RuleText, E> {
                Ok(RuleText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RuleText, E> {
                Ok(RuleText(format!("fixed:{v}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RuleText, E> {
                Ok(RuleText(format!("fixed:{v}")))
            }
        }
        deserializer.deserialize_any(RuleVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPriceChange {
    pub from: Field<DateText>,
    pub training_price_per_1m_tokens: Field<Num>,
    pub training_price_per_hour: Field<Num>,
    pub training_price_per_job: Field<Num>,
    pub tuned_input_per_1m: Field<Num>,
    pub tuned_cached_input_per_1m: Field<Num>,
    pub tuned_output_per_1m: Field<Num>,
    pub base_input_per_1m: Field<Num>,
    pub base_cached_input_per_1m: Field<Num>,
    pub base_output_per_1m: Field<Num>,
    pub base_input_long_per_1m: Field<Num>,
    pub base_cached_input_long_per_1m: Field<Num>,
    pub base_output_long_per_1m: Field<Num>,
    pub cache_storage_per_1m_per_hour: Field<Num>,
    pub hosting_per_hour: Field<Num>,
    pub storage_per_month: Field<Num>,
    pub minimum_charge: Field<Num>,
}

macro_rules! price_fields {
    ($raw:expr) => {
        [
            (
                PriceField::TrainingPer1mTokens,
                &$raw.training_price_per_1m_tokens,
            ),
            (PriceField::TrainingPerHour, &$raw.training_price_per_hour),
            (PriceField::TrainingPerJob, &$raw.training_price_per_job),
            (PriceField::TunedInput, &$raw.tuned_input_per_1m),
            (
                PriceField::TunedCachedInput,
                &$raw.tuned_cached_input_per_1m,
            ),
            (PriceField::TunedOutput, &$raw.tuned_output_per_1m),
            (PriceField::BaseInput, &$raw.base_input_per_1m),
            (PriceField::BaseCachedInput, &$raw.base_cached_input_per_1m),
            (PriceField::BaseOutput, &$raw.base_output_per_1m),
            (PriceField::BaseInputLong, &$raw.base_input_long_per_1m),
            (
                PriceField::BaseCachedInputLong,
                &$raw.base_cached_input_long_per_1m,
            ),
            (PriceField::BaseOutputLong, &$raw.base_output_long_per_1m),
            (
                PriceField::CacheStoragePer1mPerHour,
                &$raw.cache_storage_per_1m_per_hour,
            ),
            (PriceField::HostingPerHour, &$raw.hosting_per_hour),
            (PriceField::StoragePerMonth, &$raw.storage_per_month),
            (PriceField::MinimumCharge, &$raw.minimum_charge),
        ]
    };
}

/// The field whose line holds byte `offset`, named after its entry when the entry's id can be
/// read above it: `model[acme/small].training_price_per_1m_tokens`.
fn entry_field_at(source: &str, offset: usize) -> Option<String> {
    let key = crate::scenario::raw::field_at(source, offset)?;
    let key = key.rsplit('.').next().unwrap_or(&key).to_string();
    let before = source.get(..offset.min(source.len()))?;
    let block_start = before.rfind("[[model]]")?;
    let block_end = source[block_start + 9..]
        .find("[[model")
        .map_or(source.len(), |i| block_start + 9 + i);
    let id = source[block_start..block_end].lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == "id").then(|| v.trim().trim_matches('"').to_string())
    });
    let in_change = before[block_start..].contains("[[model.price_change]]");
    Some(match id {
        Some(id) if in_change => format!("model[{id}].price_change.{key}"),
        Some(id) => format!("model[{id}].{key}"),
        None => format!("model.{key}"),
    })
}

/// Reads a catalog file's text into entries; `origin` says where it came from in errors and
/// in each entry.
pub fn parse(path: &Path, source: &str, origin: &str) -> Result<Vec<Entry>, Box<InputError>> {
    let error = |span: Option<Range<usize>>, field: &str, message: String| {
        Box::new(InputError {
            file: path.to_path_buf(),
            position: span.map(|s| Position::from_span(source, s)),
            field: (!field.is_empty()).then(|| field.to_string()),
            message,
            help: None,
        })
    };
    let raw: RawCatalog = toml::from_str(source).map_err(|e| {
        if let Some(at) = crate::toml_input::too_deep(source) {
            return error(
                Some(at),
                "",
                format!(
                    "nested more than {} levels deep; a catalog is a list of [[model]] tables",
                    crate::toml_input::TOO_DEEP
                ),
            );
        }
        let field = e
            .span()
            .and_then(|s| entry_field_at(source, s.start))
            .unwrap_or_default();
        let message = e.message().trim().to_string();
        match crate::scenario::raw::unknown_field(&message) {
            // The list of every field an entry may have is long: name the near miss instead.
            Some((unknown, known)) => {
                let help = match crate::scenario::raw::closest_key(unknown, &known) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "DESIGN.md's \"Price catalog\" section lists the fields of an entry"
                        .to_string(),
                };
                let mut err = error(e.span(), &field, format!("unknown field `{unknown}`"));
                err.help = Some(help);
                err
            }
            None => match message.split_once(crate::scenario::raw::HELP_MARK) {
                Some((m, h)) => {
                    let mut err = error(e.span(), &field, m.to_string());
                    err.help = Some(h.to_string());
                    err
                }
                None => error(e.span(), &field, message),
            },
        }
    })?;
    let mut entries = Vec::with_capacity(raw.model.len());
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    for spanned in raw.model {
        let span = spanned.span();
        let r = spanned.into_inner();
        let text = |f: &Field<String>, name: &str| -> Result<Option<String>, Box<InputError>> {
            match f {
                None => Ok(None),
                Some(v) if v.get_ref().chars().any(crate::present::text::is_unsafe) => Err(error(
                    Some(v.span()),
                    name,
                    "contains a control or invisible formatting character".into(),
                )),
                Some(v) => Ok(Some(v.get_ref().trim().to_string())),
            }
        };
        let required = |f: &Field<String>, name: &str| -> Result<String, Box<InputError>> {
            text(f, name)?.filter(|t| !t.is_empty()).ok_or_else(|| {
                error(
                    Some(span.clone()),
                    name,
                    format!("missing: every catalog entry needs `{name}`"),
                )
            })
        };
        let id = required(&r.id, "model.id")?;
        let entry_field = |f: &str| format!("model[{id}].{f}");
        if !id.contains('/') {
            return Err(error(
                r.id.as_ref().map(Spanned::span),
                "model.id",
                format!("expected provider/model, such as \"openai/gpt-4.1-mini-2025-04-14\", found \"{id}\""),
            ));
        }
        if let Some(first) = seen.insert(
            id.clone(),
            r.id.as_ref().map_or(span.clone(), Spanned::span),
        ) {
            let line = Position::from_span(source, first).line;
            return Err(error(
                r.id.as_ref().map(Spanned::span),
                "model.id",
                format!("\"{id}\" is already in this file (line {line}); each id once per file"),
            ));
        }
        let price = |v: &Spanned<Num>, name: &str| -> Result<Decimal, Box<InputError>> {
            let n = v.get_ref();
            if n.dist.is_some() {
                Err(error(
                    Some(v.span()),
                    &entry_field(name),
                    "a catalog price is one number; write a range in the scenario instead".into(),
                ))
            } else if n.percent || n.value < Decimal::ZERO {
                Err(error(
                    Some(v.span()),
                    &entry_field(name),
                    format!("must be a price of 0 or more, found {}", n.value),
                ))
            } else {
                Ok(n.value)
            }
        };
        let mut prices = BTreeMap::new();
        for (field, value) in price_fields!(r) {
            if let Some(v) = value {
                prices.insert(field, price(v, field.name())?);
            }
        }
        let training_forms = [
            PriceField::TrainingPer1mTokens,
            PriceField::TrainingPerHour,
            PriceField::TrainingPerJob,
        ]
        .iter()
        .filter(|f| prices.contains_key(f))
        .count();
        if training_forms > 1 {
            return Err(error(
                Some(span.clone()),
                &entry_field("training_price_per_1m_tokens"),
                "the training price is given in more than one unit; keep one of training_price_per_1m_tokens, training_price_per_hour, training_price_per_job".into(),
            ));
        }
        let date_of = |f: &Field<DateText>, name: &str| -> Result<Option<Date>, Box<InputError>> {
            f.as_ref()
                .map(|v| {
                    date::parse(&v.get_ref().0)
                        .map_err(|m| error(Some(v.span()), &entry_field(name), m))
                })
                .transpose()
        };
        let count = |f: &Field<Num>, name: &str| -> Result<Option<u64>, Box<InputError>> {
            use rust_decimal::prelude::ToPrimitive;
            f.as_ref()
                .map(|v| {
                    let n = v.get_ref().value;
                    n.fract()
                        .is_zero()
                        .then(|| n.to_u64())
                        .flatten()
                        .ok_or_else(|| {
                            error(
                                Some(v.span()),
                                &entry_field(name),
                                format!("must be a whole number of 0 or more, found {n}"),
                            )
                        })
                })
                .transpose()
        };
        let default_epochs = match &r.default_epochs {
            None => None,
            Some(v) => {
                let t = v.get_ref().0.trim();
                match t {
                    "openai_auto" => Some(EpochsRule::OpenAiAuto),
                    "unpublished" => None,
                    _ => match t.strip_prefix("fixed:").and_then(|n| n.parse::<u32>().ok()) {
                        Some(n) if (1..=100).contains(&n) => Some(EpochsRule::Fixed(n)),
                        _ => {
                            return Err(error(
                                Some(v.span()),
                                &entry_field("default_epochs"),
                                format!("expected \"openai_auto\", \"fixed:N\" (1 to 100) or \"unpublished\", found \"{t}\""),
                            ))
                        }
                    },
                }
            }
        };
        let evidence = match r
            .evidence
            .as_ref()
            .map(|v| (v.get_ref().as_str(), v.span()))
        {
            Some(("primary", _)) => Evidence::Primary,
            Some(("secondary", _)) => Evidence::Secondary,
            Some(("derived", _)) => Evidence::Derived,
            Some(("memory", _)) => Evidence::Memory,
            Some((other, s)) => {
                return Err(error(
                    Some(s),
                    &entry_field("evidence"),
                    format!("expected primary, secondary, derived or memory, found \"{other}\""),
                ))
            }
            None => {
                return Err(error(
                    Some(span.clone()),
                    &entry_field("evidence"),
                    "missing: say how sure the source is (primary, secondary, derived or memory)"
                        .into(),
                ))
            }
        };
        let checked = date_of(&r.checked, "checked")?.ok_or_else(|| {
            error(
                Some(span.clone()),
                &entry_field("checked"),
                "missing: the day the entry was checked against its source".into(),
            )
        })?;
        let uncertain: Vec<String> = r.uncertain.map(Spanned::into_inner).unwrap_or_default();
        let mut price_changes = Vec::new();
        for change in r.price_change {
            let cspan = change.span();
            let c = change.into_inner();
            let from = date_of(&c.from, "price_change.from")?.ok_or_else(|| {
                error(
                    Some(cspan.clone()),
                    &entry_field("price_change.from"),
                    "missing: the day the new prices take effect".into(),
                )
            })?;
            let mut changed = BTreeMap::new();
            for (field, value) in price_fields!(c) {
                if let Some(v) = value {
                    changed.insert(field, price(v, field.name())?);
                }
            }
            if changed.is_empty() {
                return Err(error(
                    Some(cspan),
                    &entry_field("price_change"),
                    "a price change must change at least one price".into(),
                ));
            }
            price_changes.push(PriceChange {
                from,
                prices: changed,
            });
        }
        price_changes.sort_by_key(|c| c.from);
        let training_closes = date_of(&r.training_closes, "training_closes")?;
        let retirement_date = date_of(&r.retirement_date, "retirement_date")?;
        let training_closes_existing_customers = date_of(
            &r.training_closes_existing_customers,
            "training_closes_existing_customers",
        )?;
        if let (Some(existing), None) = (training_closes_existing_customers, training_closes) {
            return Err(error(
                r.training_closes_existing_customers.as_ref().map(Spanned::span),
                &entry_field("training_closes_existing_customers"),
                format!("existing customers may train until {existing}, but the entry has no training_closes for new ones: give both"),
            ));
        }
        let long_context_above_tokens =
            count(&r.long_context_above_tokens, "long_context_above_tokens")?;
        let long_prices = [
            PriceField::BaseInputLong,
            PriceField::BaseCachedInputLong,
            PriceField::BaseOutputLong,
        ];
        if long_context_above_tokens.is_some() != prices.contains_key(&PriceField::BaseInputLong)
            || (long_context_above_tokens.is_none()
                && long_prices.iter().any(|f| prices.contains_key(f)))
        {
            return Err(error(
                r.long_context_above_tokens
                    .as_ref()
                    .map(Spanned::span)
                    .or_else(|| r.base_input_long_per_1m.as_ref().map(Spanned::span)),
                &entry_field("long_context_above_tokens"),
                "long-context prices need both long_context_above_tokens and base_input_long_per_1m".into(),
            ));
        }
        if let (Some(closes), Some(retires)) = (training_closes, retirement_date) {
            if closes > retires {
                return Err(error(
                    r.training_closes.as_ref().map(Spanned::span),
                    &entry_field("training_closes"),
                    format!("training closes {closes}, after the model retires on {retires}"),
                ));
            }
        }
        entries.push(Entry {
            provider: required(&r.provider, "model.provider")?,
            name: text(&r.name, "model.name")?,
            base_model: text(&r.base_model, "model.base_model")?,
            method: text(&r.method, "model.method")?,
            tunable: r.tunable.is_none_or(Spanned::into_inner),
            prices,
            price_changes,
            default_epochs,
            min_examples: count(&r.min_examples, "min_examples")?,
            max_concurrent_jobs: count(&r.max_concurrent_jobs, "max_concurrent_jobs")?
                .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            max_tokens_per_example: count(&r.max_tokens_per_example, "max_tokens_per_example")?,
            training_closes,
            training_closes_existing_customers,
            long_context_above_tokens,
            retirement_date,
            source: required(&r.source, "model.source")?,
            evidence,
            source_as_of: text(
                &r.source_as_of
                    .as_ref()
                    .map(|v| Spanned::new(v.span(), v.get_ref().0.clone())),
                "model.source_as_of",
            )?,
            checked,
            uncertain,
            notes: text(&r.notes, "model.notes")?,
            origin: origin.to_string(),
            id,
        });
    }
    Ok(entries)
}
