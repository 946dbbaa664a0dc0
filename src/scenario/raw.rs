//! The scenario file exactly as written: serde types that keep every value's byte span.
//!
//! Nothing here is checked beyond TOML syntax, types and key names (unknown keys are errors:
//! a typo must never be silently ignored). [`super::validate`] turns these into a
//! [`super::Scenario`] that cannot hold an invalid value, using the spans to point at the
//! offending text.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;
use std::str::FromStr;
use toml::Spanned;

/// A number from the file: a string such as `"0.05"` (exact, preferred), a TOML integer, or a
/// TOML float. Floats are read through their shortest round-trip text, so `0.05` is exactly
/// 0.05 and not 0.05000000000000000277.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num(pub Decimal);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumVisitor)
    }
}

struct NumVisitor;

const TOO_LARGE: &str =
    "number too large for an exact decimal (the limit is about 79,228,162,514,264,337,593,543,950,335)";

fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let cleaned: String = text.trim().chars().filter(|c| *c != '_').collect();
    let parsed = if cleaned.contains(['e', 'E']) {
        Decimal::from_scientific(&cleaned)
    } else {
        Decimal::from_str(&cleaned)
    };
    parsed.map_err(|e| {
        let digits = cleaned.chars().filter(char::is_ascii_digit).count();
        if digits > 28 || e.to_string().contains("overflow") || e.to_string().contains("large") {
            TOO_LARGE.to_string()
        } else {
            format!("expected a number such as \"0.05\", found \"{text}\"")
        }
    })
}

impl Visitor<'_> for NumVisitor {
    type Value = Num;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, written as a string such as \"0.05\" or as a plain number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
        parse_decimal(v).map(Num).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
        Ok(Num(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
        Ok(Num(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
        if !v.is_finite() {
            return Err(E::custom(format!("expected a finite number, found {v}")));
        }
        // Rust prints the shortest text that reads back as the same f64, never in exponent form.
        parse_decimal(&v.to_string()).map(Num).map_err(E::custom)
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
    pub training: Option<Spanned<RawTraining>>,
    pub usage: Option<Spanned<RawUsage>>,
    pub prompting: Option<Spanned<RawPrompting>>,
    pub tuned: Option<Spanned<RawTuned>>,
    pub decision: Option<Spanned<RawDecision>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTraining {
    pub examples: Field<Num>,
    pub cost: Field<Num>,
    pub cost_per_example: Field<Num>,
    pub price_per_1m_tokens: Field<Num>,
    pub tokens_per_example: Field<Num>,
    pub epochs: Field<Num>,
    pub minimum_charge: Field<Num>,
    pub setup_cost: Field<Num>,
    pub retrain_every_months: Field<Num>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUsage {
    pub calls_per_month: Field<Num>,
    pub monthly_growth: Field<Num>,
}

/// The fields that price one call, shared by both sides.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrompting {
    pub price_per_1k_calls: Field<Num>,
    pub input_tokens: Field<Num>,
    pub output_tokens: Field<Num>,
    pub input_price_per_1m_tokens: Field<Num>,
    pub output_price_per_1m_tokens: Field<Num>,
}

/// The tuned side also pays for hosting (serde cannot flatten with `deny_unknown_fields`, so
/// the call-price fields are repeated here rather than shared).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTuned {
    pub price_per_1k_calls: Field<Num>,
    pub input_tokens: Field<Num>,
    pub output_tokens: Field<Num>,
    pub input_price_per_1m_tokens: Field<Num>,
    pub output_price_per_1m_tokens: Field<Num>,
    pub hosting_per_month: Field<Num>,
    pub hosting_per_hour: Field<Num>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    pub target_payback_months: Field<Num>,
    pub horizon_months: Field<Num>,
    pub min_examples: Field<Num>,
    pub needs_consistency: Field<bool>,
    pub task_is_stable: Field<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(toml_value: &str) -> Result<Decimal, String> {
        #[derive(Deserialize)]
        struct One {
            v: Num,
        }
        toml::from_str::<One>(&format!("v = {toml_value}"))
            .map(|o| o.v.0)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn strings_integers_and_floats_are_exact() {
        assert_eq!(num("\"0.05\"").map(|d| d.to_string()), Ok("0.05".into()));
        assert_eq!(num("0.05").map(|d| d.to_string()), Ok("0.05".into()));
        assert_eq!(num("10000").map(|d| d.to_string()), Ok("10000".into()));
        assert_eq!(num("\"1_000\"").map(|d| d.to_string()), Ok("1000".into()));
        assert_eq!(
            num("\"2.5e-3\"").map(|d| d.to_string()),
            Ok("0.0025".into())
        );
    }

    #[test]
    fn numbers_beyond_a_decimal_are_refused_with_the_limit() {
        let err = num("\"100000000000000000000000000000000\"").expect_err("too large");
        assert!(err.contains("too large"), "{err}");
        let err = num("1e40").expect_err("too large");
        assert!(err.contains("too large"), "{err}");
    }

    #[test]
    fn text_that_is_not_a_number_says_what_was_found() {
        let err = num("\"twenty\"").expect_err("not a number");
        assert!(err.contains("found \"twenty\""), "{err}");
        let err = num("true").expect_err("not a number");
        assert!(err.contains("a number"), "{err}");
    }
}
