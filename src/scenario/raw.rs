//! The scenario file exactly as written: serde types that keep every value's byte span.
//!
//! Nothing here is checked beyond TOML syntax, types and key names (unknown keys are errors:
//! a typo must never be silently ignored, and a known key in the wrong table names the right
//! one). [`super::validate`] turns these into a [`super::Scenario`], using the spans to point
//! at the offending text.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use toml::Spanned;

use crate::error::{InputError, Position};

/// A date field's text. Written as a string (`"2026-12"`, `"2026-12-01"`) or as a bare TOML
/// date (`2026-12-01`); either way the text is kept and parsed later, so a bad date gets the
/// same message however it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as \"2026-12-01\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            // toml hands a bare date over as a map of one entry holding its text.
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<DateText, A::Error> {
                match map.next_entry::<String, String>()? {
                    Some((_, text)) => Ok(DateText(text)),
                    None => Err(de::Error::custom("expected a date such as \"2026-12-01\"")),
                }
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

/// A number from the file: a string such as `"0.05"` (exact, preferred) or `"5%"`, a TOML
/// integer, or a TOML float. Floats are read through their shortest round-trip text, so `0.05`
/// is exactly 0.05 and not 0.05000000000000000277.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num {
    /// The value; for a percent string, already divided by 100 (`"5%"` → 0.05). For a range
    /// or distribution, its median.
    pub value: Decimal,
    /// Written as a percent string.
    pub percent: bool,
    /// Written as a range or distribution (`"3 to 8"`, `"normal(5, 1)"`).
    pub dist: Option<super::uncertain::Dist>,
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumVisitor)
    }
}

struct NumVisitor;

/// Separates a message from its help inside a serde error's text.
pub const HELP_MARK: &str = "\u{1f}help: ";

const TOO_LARGE: &str =
    "number too large for an exact decimal (the limit is about 79,228,162,514,264,337,593,543,950,335)";

const TOO_SMALL: &str =
    "number too small for an exact decimal (the smallest above 0 is 0.0000000000000000000000000001); write 0 if you mean none";

/// `10000` for `10,000` (or `1,234.5` → `1234.5`): digits grouped in threes by commas, as a
/// person writes a large number, which TOML and tunecalc do not read.
fn thousands_separated(text: &str) -> Option<String> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    grouped.then(|| {
        let mut plain = format!("{sign}{}", groups.concat());
        if let Some(f) = fraction {
            plain.push('.');
            plain.push_str(f);
        }
        plain
    })
}

/// `10_000` for `10,000`.
fn plain_with_underscores(text: &str) -> String {
    text.replace(',', "_")
}

/// "3-8", "3 – 8": a range written with a dash, as its two ends.
fn dashed_range(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    // A dash after the first character (a leading one is a minus sign).
    let at = t
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, '-' | '–' | '—'))
        .map(|(i, _)| i)?;
    let dash = t[at..].chars().next()?;
    let (a, b) = (t[..at].trim(), t[at + dash.len_utf8()..].trim());
    let numeric = |s: &str| !s.is_empty() && s.trim_end_matches('%').parse::<f64>().is_ok();
    (numeric(a) && numeric(b)).then_some((a, b))
}

/// Parses a decimal as people write it: `0.05`, `1_000`, `2.5e-3`, `5%`.
pub fn parse_number(text: &str) -> Result<Num, String> {
    let trimmed = text.trim();
    let (digits, percent) = match trimmed.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (trimmed, false),
    };
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    let parsed = if cleaned.contains(['e', 'E']) {
        Decimal::from_scientific(&cleaned)
    } else {
        Decimal::from_str(&cleaned)
    };
    let value = parsed.map_err(|e| {
        let digits = cleaned.chars().filter(char::is_ascii_digit).count();
        // `2.5e-31` and `1e40` both exceed a decimal's scale; the exponent's sign says which end.
        if let rust_decimal::Error::ScaleExceedsMaximumPrecision(_) = e {
            return if cleaned.contains("e-") || cleaned.contains("E-") {
                TOO_SMALL.to_string()
            } else {
                TOO_LARGE.to_string()
            };
        }
        if digits > 28 || e.to_string().contains("overflow") || e.to_string().contains("large") {
            TOO_LARGE.to_string()
        } else if let Some((a, b)) = dashed_range(text) {
            format!(
                "expected a number, found \"{text}\"{HELP_MARK}for a range write \"{a} to {b}\""
            )
        } else if let Some(plain) = thousands_separated(&cleaned) {
            format!(
                "expected a number, found \"{text}\"{HELP_MARK}write it without separators: {plain} (or {} with TOML's underscores)",
                plain_with_underscores(&cleaned)
            )
        } else {
            format!("expected a number such as \"0.05\", found \"{text}\"")
        }
    })?;
    // A number too small for 28 decimal places would silently become 0: refuse it instead.
    if value.is_zero()
        && cleaned
            .split(['e', 'E'])
            .next()
            .is_some_and(|m| m.contains(|c: char| ('1'..='9').contains(&c)))
    {
        return Err(TOO_SMALL.to_string());
    }
    let value = if percent {
        value
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| TOO_LARGE.to_string())?
    } else {
        value
    };
    Ok(Num {
        value,
        percent,
        dist: None,
    })
}

impl Visitor<'_> for NumVisitor {
    type Value = Num;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, written as a string such as \"0.05\" or as a plain number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
        if super::uncertain::looks_uncertain(v) {
            return match super::uncertain::parse(v) {
                Ok((dist, percent)) => Ok(Num {
                    value: dist.median(),
                    percent,
                    dist: Some(dist),
                }),
                // The help rides along after a marker; `parse` splits it off again.
                Err(e) => Err(E::custom(format!("{}{HELP_MARK}{}", e.message, e.help))),
            };
        }
        parse_number(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
        Ok(Num {
            value: Decimal::from(v),
            percent: false,
            dist: None,
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
        Ok(Num {
            value: Decimal::from(v),
            percent: false,
            dist: None,
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
        if !v.is_finite() {
            return Err(E::custom(format!("expected a finite number, found {v}")));
        }
        // Rust prints the shortest text that reads back as the same f64, never in exponent form.
        parse_number(&v.to_string()).map_err(E::custom)
    }
}

/// Spans are byte ranges into the file; every optional value keeps one for error messages.
pub type Field<T> = Option<Spanned<T>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: Field<String>,
    pub description: Field<String>,
    pub currency: Field<String>,
    /// Inputs whose values are stand-ins to replace (`tunecalc new` marks what the catalog
    /// could not give), by dotted name.
    pub placeholders: Option<Spanned<Vec<Spanned<String>>>>,
    pub training: Option<Spanned<RawTraining>>,
    pub usage: Option<Spanned<RawUsage>>,
    pub prompting: Option<Spanned<RawSide>>,
    pub tuned: Option<Spanned<RawTuned>>,
    pub decision: Option<Spanned<RawDecision>>,
    /// `"usage.calls_per_month ~ training.cost" = 0.5`: rank correlations between uncertain
    /// inputs.
    pub correlations: Option<Spanned<std::collections::BTreeMap<String, Spanned<Num>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTraining {
    /// A training file whose examples and tokens per example the scenario uses.
    pub dataset: Field<String>,
    pub examples: Field<Num>,
    pub cost: Field<Num>,
    pub cost_per_example: Field<Num>,
    pub price_per_1m_tokens: Field<Num>,
    pub tokens_per_example: Field<Num>,
    pub epochs: Field<Num>,
    pub minimum_charge: Field<Num>,
    pub setup_cost: Field<Num>,
    pub runs: Field<Num>,
    pub retrain_every_months: Field<Num>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUsage {
    pub calls_per_month: Field<Num>,
    pub monthly_growth: Field<Num>,
    pub max_calls_per_month: Field<Num>,
    pub start: Field<DateText>,
}

/// The fields that price one call, shared by both sides.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSide {
    pub model: Field<String>,
    pub price_per_1k_calls: Field<Num>,
    pub input_tokens: Field<Num>,
    pub output_tokens: Field<Num>,
    pub input_price_per_1m_tokens: Field<Num>,
    pub output_price_per_1m_tokens: Field<Num>,
    pub cached_input_tokens: Field<Num>,
    pub cached_input_price_per_1m_tokens: Field<Num>,
    pub cache_storage_per_1m_tokens_per_hour: Field<Num>,
    pub cache_hours_per_month: Field<Num>,
}

/// The tuned side also pays for hosting and storage (serde cannot flatten with
/// `deny_unknown_fields`, so the call-price fields are repeated here and copied into a
/// [`RawSide`] by [`RawTuned::side`]).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTuned {
    pub model: Field<String>,
    pub price_per_1k_calls: Field<Num>,
    pub input_tokens: Field<Num>,
    pub output_tokens: Field<Num>,
    pub input_price_per_1m_tokens: Field<Num>,
    pub output_price_per_1m_tokens: Field<Num>,
    pub cached_input_tokens: Field<Num>,
    pub cached_input_price_per_1m_tokens: Field<Num>,
    pub cache_storage_per_1m_tokens_per_hour: Field<Num>,
    pub cache_hours_per_month: Field<Num>,
    pub hosting_per_month: Field<Num>,
    pub hosting_per_hour: Field<Num>,
    pub hosting_hours_per_month: Field<Num>,
    pub storage_per_month: Field<Num>,
}

impl RawTuned {
    /// The call-price fields, in the shape both sides share.
    pub fn side(&self) -> RawSide {
        RawSide {
            model: self.model.clone(),
            price_per_1k_calls: self.price_per_1k_calls.clone(),
            input_tokens: self.input_tokens.clone(),
            output_tokens: self.output_tokens.clone(),
            input_price_per_1m_tokens: self.input_price_per_1m_tokens.clone(),
            output_price_per_1m_tokens: self.output_price_per_1m_tokens.clone(),
            cached_input_tokens: self.cached_input_tokens.clone(),
            cached_input_price_per_1m_tokens: self.cached_input_price_per_1m_tokens.clone(),
            cache_storage_per_1m_tokens_per_hour: self.cache_storage_per_1m_tokens_per_hour.clone(),
            cache_hours_per_month: self.cache_hours_per_month.clone(),
        }
    }

    /// Writes the call-price fields back (after the catalog filled some in).
    pub fn set_side(&mut self, side: RawSide) {
        self.model = side.model;
        self.price_per_1k_calls = side.price_per_1k_calls;
        self.input_tokens = side.input_tokens;
        self.output_tokens = side.output_tokens;
        self.input_price_per_1m_tokens = side.input_price_per_1m_tokens;
        self.output_price_per_1m_tokens = side.output_price_per_1m_tokens;
        self.cached_input_tokens = side.cached_input_tokens;
        self.cached_input_price_per_1m_tokens = side.cached_input_price_per_1m_tokens;
        self.cache_storage_per_1m_tokens_per_hour = side.cache_storage_per_1m_tokens_per_hour;
        self.cache_hours_per_month = side.cache_hours_per_month;
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    pub target_payback_months: Field<Num>,
    pub horizon_months: Field<Num>,
    pub min_examples: Field<Num>,
    pub needs_consistency: Field<bool>,
    pub task_is_stable: Field<bool>,
    pub needs_low_latency: Field<bool>,
    pub confidence: Field<Num>,
}

/// The keys of each table, to tell a user who put a known key in the wrong table where it
/// belongs. Kept beside the structs above; a unit test checks they agree.
pub const TABLE_KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "name",
            "description",
            "currency",
            "placeholders",
            "training",
            "usage",
            "prompting",
            "tuned",
            "decision",
            "correlations",
        ],
    ),
    (
        "training",
        &[
            "dataset",
            "examples",
            "cost",
            "cost_per_example",
            "price_per_1m_tokens",
            "tokens_per_example",
            "epochs",
            "minimum_charge",
            "setup_cost",
            "runs",
            "retrain_every_months",
        ],
    ),
    (
        "usage",
        &[
            "calls_per_month",
            "monthly_growth",
            "max_calls_per_month",
            "start",
        ],
    ),
    (
        "prompting",
        &[
            "price_per_1k_calls",
            "input_tokens",
            "output_tokens",
            "input_price_per_1m_tokens",
            "output_price_per_1m_tokens",
            "model",
            "cached_input_tokens",
            "cached_input_price_per_1m_tokens",
            "cache_storage_per_1m_tokens_per_hour",
            "cache_hours_per_month",
        ],
    ),
    (
        "tuned",
        &[
            "price_per_1k_calls",
            "input_tokens",
            "output_tokens",
            "input_price_per_1m_tokens",
            "output_price_per_1m_tokens",
            "hosting_per_month",
            "hosting_per_hour",
            "hosting_hours_per_month",
            "model",
            "cached_input_tokens",
            "cached_input_price_per_1m_tokens",
            "cache_storage_per_1m_tokens_per_hour",
            "cache_hours_per_month",
            "storage_per_month",
        ],
    ),
    (
        "decision",
        &[
            "target_payback_months",
            "horizon_months",
            "min_examples",
            "needs_consistency",
            "task_is_stable",
            "needs_low_latency",
            "confidence",
        ],
    ),
];

/// Parses TOML text into the raw scenario, or an error that names the file, line, column and
/// field, and suggests the fix for a near-miss or misplaced key.
pub fn parse(path: &Path, source: &str) -> Result<RawScenario, Box<InputError>> {
    toml::from_str(source).map_err(|e| {
        if let Some(at) = crate::toml_input::too_deep(source) {
            return Box::new(InputError {
                file: path.to_path_buf(),
                position: Some(Position::from_span(source, at)),
                field: None,
                message: format!(
                    "nested more than {} levels deep (dots in a key, or brackets in a value)",
                    crate::toml_input::TOO_DEEP
                ),
                help: Some(
                    "a scenario's keys sit in one table, such as `calls_per_month` under `[usage]`; `tunecalc new NAME` writes a starter to compare with".into(),
                ),
            });
        }
        let message = e.message().trim().to_string();
        let field = e
            .span()
            .and_then(|s| field_at(source, s.start))
            .unwrap_or_default();
        let table = field.rsplit_once('.').map_or("", |(t, _)| t).to_string();
        let (message, help) = match message.split_once(HELP_MARK) {
            Some((m, h)) => (m.to_string(), Some(h.to_string())),
            None => {
                let help = did_you_mean(&message, &table);
                (message, help)
            }
        };
        Box::new(InputError {
            file: path.to_path_buf(),
            position: e.span().map(|s| Position::from_span(source, s)),
            help,
            field: (!field.is_empty()).then_some(field),
            message,
        })
    })
}

/// The dotted name of the key whose line holds byte `offset`, e.g. `usage.calls_per_month`,
/// found from the text: the key before `=` on that line and the last `[table]` header above.
pub fn field_at(source: &str, offset: usize) -> Option<String> {
    let offset = offset.min(source.len());
    let before = source.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    let line = &source[line_start..line_end];
    let key = line.split_once('=').map(|(k, _)| k).unwrap_or(line).trim();
    let key = key.trim_matches('"');
    if key.is_empty() || key.starts_with('[') || key.starts_with('#') {
        return None;
    }
    let table = source[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .map(|l| {
            l.trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        });
    Some(match table {
        Some(t) if !t.is_empty() => format!("{t}.{key}"),
        _ => key.to_string(),
    })
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", says which table `x` belongs
/// in when it is a key of another table, or suggests the closest key of this one.
fn did_you_mean(message: &str, table: &str) -> Option<String> {
    let (unknown, known) = unknown_field(message)?;
    let elsewhere = TABLE_KEYS
        .iter()
        .find(|(t, keys)| *t != table && keys.contains(&unknown));
    if let Some((t, _)) = elsewhere {
        return Some(if t.is_empty() {
            format!("`{unknown}` belongs at the top of the file, before any [table]")
        } else {
            format!("`{unknown}` belongs in the [{t}] table")
        });
    }
    match closest_key(unknown, &known) {
        Some(k) => Some(format!("did you mean `{k}`?")),
        None if !known.is_empty() => Some(format!(
            "the keys allowed here are {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => None,
    }
}

/// The known key most like `unknown` (a typo, a missing `s`), if any is close.
pub fn closest_key<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Serde's "unknown field `x`, expected one of `a`, `b`, …" split into the unknown key and the
/// keys it expected.
pub fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    Some((unknown, expected.split('`').skip(1).step_by(2).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(toml_value: &str) -> Result<Num, String> {
        #[derive(Deserialize)]
        struct One {
            v: Num,
        }
        toml::from_str::<One>(&format!("v = {toml_value}"))
            .map(|o| o.v)
            .map_err(|e| e.message().to_string())
    }

    fn value(toml_value: &str) -> Result<String, String> {
        num(toml_value).map(|n| n.value.to_string())
    }

    #[test]
    fn strings_integers_floats_and_percents_are_exact() {
        assert_eq!(value("\"0.05\""), Ok("0.05".into()));
        assert_eq!(value("0.05"), Ok("0.05".into()));
        assert_eq!(value("10000"), Ok("10000".into()));
        assert_eq!(value("\"1_000\""), Ok("1000".into()));
        assert_eq!(value("\"2.5e-3\""), Ok("0.0025".into()));
        // "5%" is the fraction 0.05, and remembers that it was written as a percent.
        assert_eq!(value("\"5%\""), Ok("0.05".into()));
        assert_eq!(num("\"5%\"").map(|n| n.percent), Ok(true));
        assert_eq!(value("\"12.5 %\""), Ok("0.125".into()));
    }

    #[test]
    fn numbers_beyond_a_decimal_are_refused_with_the_limit() {
        let err = num("\"100000000000000000000000000000000\"").expect_err("too large");
        assert!(err.contains("too large"), "{err}");
        let err = num("1e40").expect_err("too large");
        assert!(err.contains("too large"), "{err}");
        let err = num("\"1e40\"").expect_err("too large");
        assert!(err.contains("too large"), "{err}");
    }

    #[test]
    fn numbers_below_a_decimals_precision_are_refused_not_read_as_zero() {
        // 28 decimal places is the limit: 1e-28 is kept, 1e-30 would silently become 0.
        assert_eq!(
            value("\"1e-28\""),
            Ok("0.0000000000000000000000000001".into())
        );
        for tiny in [
            "1e-30",
            "\"1e-30\"",
            "\"2.5e-31\"",
            "\"0.000000000000000000000000000001\"",
        ] {
            let err = num(tiny).expect_err("too small");
            assert!(err.contains("too small"), "{tiny}: {err}");
        }
        // Zero written with many places is still zero, not "too small".
        assert_eq!(
            num("\"0.0000000000000000000000000000000\"").map(|n| n.value.is_zero()),
            Ok(true)
        );
    }

    #[test]
    fn text_that_is_not_a_number_says_what_was_found() {
        let err = num("\"twenty\"").expect_err("not a number");
        assert!(err.contains("found \"twenty\""), "{err}");
        let err = num("true").expect_err("not a number");
        assert!(err.contains("a number"), "{err}");
    }

    #[test]
    fn field_at_names_table_and_key() {
        let src = "name = \"x\"\n[usage]\ncalls_per_month = \"abc\"\n";
        let at = src.find("\"abc\"").expect("present");
        assert_eq!(field_at(src, at).as_deref(), Some("usage.calls_per_month"));
        assert_eq!(field_at(src, 2).as_deref(), Some("name"));
    }

    #[test]
    fn near_miss_keys_get_a_suggestion_and_misplaced_keys_their_table() {
        let msg = "unknown field `calls_per_mont`, expected `calls_per_month` or `monthly_growth`";
        assert_eq!(
            did_you_mean(msg, "usage").as_deref(),
            Some("did you mean `calls_per_month`?")
        );
        let msg = "unknown field `zzz`, expected `calls_per_month` or `monthly_growth`";
        assert_eq!(
            did_you_mean(msg, "usage").as_deref(),
            Some("the keys allowed here are `calls_per_month`, `monthly_growth`")
        );
        let msg = "unknown field `hosting_per_hour`, expected `price_per_1k_calls`";
        assert_eq!(
            did_you_mean(msg, "prompting").as_deref(),
            Some("`hosting_per_hour` belongs in the [tuned] table")
        );
    }

    #[test]
    fn the_table_key_list_matches_what_serde_accepts() {
        // Every listed key parses in its table; an unlisted one is refused.
        for (table, keys) in TABLE_KEYS.iter().filter(|(t, _)| !t.is_empty()) {
            for key in *keys {
                let value = if key.starts_with("needs_") || *key == "task_is_stable" {
                    "true"
                } else if ["model", "start", "dataset"].contains(key) {
                    "\"x\""
                } else {
                    "1"
                };
                let text = format!("[{table}]\n{key} = {value}\n");
                let parsed: Result<RawScenario, _> = toml::from_str(&text);
                assert!(parsed.is_ok(), "{table}.{key}: {parsed:?}");
            }
            let parsed: Result<RawScenario, _> = toml::from_str(&format!("[{table}]\nnope = 1\n"));
            assert!(parsed.is_err());
        }
    }
}
