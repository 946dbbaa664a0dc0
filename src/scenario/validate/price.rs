//! `[prompting]` and `[tuned]`: what one call costs on each side, and the tuned model's
//! hosting fee.

use rust_decimal::Decimal;
use std::ops::Range;
use toml::Spanned;

use super::Ctx;
use crate::error::InputError;
use crate::scenario::raw::{Field, Num, RawSide, RawTuned};
use crate::scenario::{
    CallPrice, Hosting, Side, TokenPrice, DEFAULT_HOSTING_HOURS, MAX_HOURS_PER_MONTH,
};

impl Ctx<'_> {
    /// Prices one call on one side. The tuned side (`parent` = the prompting price) may leave
    /// out its output tokens and token prices when the prompting side is priced by tokens;
    /// they are then taken from `[prompting]`.
    pub(super) fn call_price(
        &self,
        raw: &RawSide,
        span: &Range<usize>,
        side: Side,
        parent: Option<&CallPrice<Decimal>>,
    ) -> Result<CallPrice<Decimal>, Box<InputError>> {
        let table = side.table();
        let token_fields = [
            ("input_tokens", &raw.input_tokens),
            ("output_tokens", &raw.output_tokens),
            ("input_price_per_1m_tokens", &raw.input_price_per_1m_tokens),
            (
                "output_price_per_1m_tokens",
                &raw.output_price_per_1m_tokens,
            ),
            ("cached_input_tokens", &raw.cached_input_tokens),
            (
                "cached_input_price_per_1m_tokens",
                &raw.cached_input_price_per_1m_tokens,
            ),
            (
                "cache_storage_per_1m_tokens_per_hour",
                &raw.cache_storage_per_1m_tokens_per_hour,
            ),
            ("cache_hours_per_month", &raw.cache_hours_per_month),
        ];
        if let Some(per_1k) = &raw.price_per_1k_calls {
            if let Some((name, f)) = token_fields
                .iter()
                .find_map(|(n, f)| f.as_ref().map(|f| (n, f)))
            {
                return Err(self.error_with_help(
                    Some(f.span()),
                    &format!("{table}.{name}"),
                    "a call is priced twice: `price_per_1k_calls` and token fields are both given",
                    "keep `price_per_1k_calls`, or remove it and price the call by tokens",
                ));
            }
            return Ok(CallPrice::Per1kCalls(
                self.non_negative(per_1k, &format!("{table}.price_per_1k_calls"))?,
            ));
        }
        let Some(input) = &raw.input_tokens else {
            return Err(self.error_with_help(
                Some(span.clone()),
                table,
                "missing the price of a call",
                if parent.is_some() {
                    "give `price_per_1k_calls`, or `input_tokens` for the short prompt (output tokens \
                     and prices left out are taken from [prompting])"
                } else {
                    "give `price_per_1k_calls`, or `input_tokens` with `input_price_per_1m_tokens` \
                     (and `output_tokens` with `output_price_per_1m_tokens`)"
                },
            ));
        };
        let inherited = match parent {
            Some(CallPrice::Tokens(p)) => Some(p),
            _ => None,
        };
        let input_tokens = self.non_negative(input, &format!("{table}.input_tokens"))?;
        let output_tokens = raw
            .output_tokens
            .as_ref()
            .map(|v| self.non_negative(v, &format!("{table}.output_tokens")))
            .transpose()?;
        let effective_output = output_tokens
            .or_else(|| inherited.and_then(|p| p.output_tokens))
            .unwrap_or_default();
        let price = |name: &str,
                     field: &Field<Num>,
                     from_parent: Option<Decimal>,
                     tokens: Decimal|
         -> Result<Option<Decimal>, Box<InputError>> {
            match field {
                Some(v) => Ok(Some(self.non_negative(v, &format!("{table}.{name}"))?)),
                // Taken from [prompting] at evaluation time; nothing to store here.
                None if from_parent.is_some() => Ok(None),
                None if tokens.is_zero() => Ok(None),
                None => Err(self.error_with_help(
                    Some(input.span()),
                    &format!("{table}.{name}"),
                    "missing: a call priced by tokens needs the price per million tokens",
                    format!("add `{name} = \"0.40\"` (currency per 1M tokens) to [{table}]"),
                )),
            }
        };
        let input_price_per_1m_tokens = price(
            "input_price_per_1m_tokens",
            &raw.input_price_per_1m_tokens,
            inherited.and_then(|p| p.input_price_per_1m_tokens),
            input_tokens,
        )?;
        let output_price_per_1m_tokens = price(
            "output_price_per_1m_tokens",
            &raw.output_price_per_1m_tokens,
            inherited.and_then(|p| p.output_price_per_1m_tokens),
            effective_output,
        )?;
        let (cached_input_tokens, cached_input_price_per_1m_tokens, cache_storage, cache_hours) =
            self.cache(raw, table, input_tokens, inherited)?;
        Ok(CallPrice::Tokens(TokenPrice {
            input_tokens,
            output_tokens,
            input_price_per_1m_tokens,
            output_price_per_1m_tokens,
            cached_input_tokens,
            cached_input_price_per_1m_tokens,
            cache_storage_per_1m_tokens_per_hour: cache_storage,
            cache_hours_per_month: cache_hours,
        }))
    }

    /// Prompt caching on one side: cached tokens (part of the input tokens, never more), their
    /// price (needed when there are any; the tuned side may take it from [prompting]), and an
    /// explicit cache's storage price per 1M tokens per hour and hours a month.
    #[allow(clippy::type_complexity)]
    fn cache(
        &self,
        raw: &RawSide,
        table: &str,
        input_tokens: Decimal,
        inherited: Option<&TokenPrice<Decimal>>,
    ) -> Result<
        (
            Option<Decimal>,
            Option<Decimal>,
            Option<Decimal>,
            Option<Decimal>,
        ),
        Box<InputError>,
    > {
        let cached = match &raw.cached_input_tokens {
            None => None,
            Some(v) => {
                let c = self.non_negative(v, &format!("{table}.cached_input_tokens"))?;
                if c > input_tokens {
                    return Err(self.error_with_help(
                        Some(v.span()),
                        &format!("{table}.cached_input_tokens"),
                        format!(
                            "{c} cached tokens is more than the {input_tokens} input tokens they are part of"
                        ),
                        "cached tokens count inside input_tokens: input_tokens is the whole prompt, cached_input_tokens the part read from the cache",
                    ));
                }
                Some(c)
            }
        };
        let price = raw
            .cached_input_price_per_1m_tokens
            .as_ref()
            .map(|v| self.non_negative(v, &format!("{table}.cached_input_price_per_1m_tokens")))
            .transpose()?;
        let has_cached = cached.is_some_and(|c| c > Decimal::ZERO);
        let from_parent = inherited.and_then(|p| p.cached_input_price_per_1m_tokens);
        if has_cached && price.is_none() && from_parent.is_none() {
            let span = raw.cached_input_tokens.as_ref().map(Spanned::span);
            return Err(self.error_with_help(
                span,
                &format!("{table}.cached_input_price_per_1m_tokens"),
                "missing: cached tokens need the cached input price per million tokens",
                format!("add `cached_input_price_per_1m_tokens = \"0.10\"` to [{table}]"),
            ));
        }
        let storage = raw
            .cache_storage_per_1m_tokens_per_hour
            .as_ref()
            .map(|v| self.non_negative(v, &format!("{table}.cache_storage_per_1m_tokens_per_hour")))
            .transpose()?;
        let hours = match &raw.cache_hours_per_month {
            None => None,
            // Hours only multiply a storage price; alone they would be silently ignored.
            Some(v) if storage.is_none() => {
                return Err(self.error_with_help(
                    Some(v.span()),
                    &format!("{table}.cache_hours_per_month"),
                    "only used with an explicit cache's storage price",
                    "add `cache_storage_per_1m_tokens_per_hour` (and cached tokens), or remove `cache_hours_per_month`",
                ))
            }
            Some(v) => {
                let name = format!("{table}.cache_hours_per_month");
                let h = self.non_negative(v, &name)?;
                self.ceiling(v, Decimal::from(MAX_HOURS_PER_MONTH));
                if h > Decimal::from(MAX_HOURS_PER_MONTH) {
                    return Err(self.error(
                        Some(v.span()),
                        &name,
                        format!(
                            "a month has at most {MAX_HOURS_PER_MONTH} hours (31 × 24), found {h}"
                        ),
                    ));
                }
                Some(h)
            }
        };
        Ok((cached, price, storage, hours))
    }

    pub(super) fn hosting(&self, tuned: &RawTuned) -> Result<Hosting<Decimal>, Box<InputError>> {
        let hours = tuned
            .hosting_hours_per_month
            .as_ref()
            .map(|v| {
                let h = self.positive(v, "tuned.hosting_hours_per_month")?;
                self.ceiling(v, Decimal::from(MAX_HOURS_PER_MONTH));
                if h > Decimal::from(MAX_HOURS_PER_MONTH) {
                    Err(self.error(
                        Some(v.span()),
                        "tuned.hosting_hours_per_month",
                        format!(
                            "a month has at most {MAX_HOURS_PER_MONTH} hours (31 × 24), found {h}"
                        ),
                    ))
                } else {
                    Ok((h, v.span()))
                }
            })
            .transpose()?;
        match (&tuned.hosting_per_month, &tuned.hosting_per_hour, hours) {
            (Some(_), Some(hour), _) => Err(self.error_with_help(
                Some(hour.span()),
                "tuned.hosting_per_hour",
                "hosting is priced twice: `hosting_per_month` and `hosting_per_hour` are both given",
                "keep one; an hourly fee is billed `hosting_hours_per_month` hours (default 730)",
            )),
            (_, None, Some((_, span))) => Err(self.error_with_help(
                Some(span),
                "tuned.hosting_hours_per_month",
                "only used with an hourly fee",
                "add `hosting_per_hour`, or remove `hosting_hours_per_month`",
            )),
            (Some(m), None, None) => Ok(Hosting::PerMonth(
                self.non_negative(m, "tuned.hosting_per_month")?,
            )),
            (None, Some(h), hours) => Ok(Hosting::PerHour {
                per_hour: self.non_negative(h, "tuned.hosting_per_hour")?,
                hours_per_month: hours.map_or(Decimal::from(DEFAULT_HOSTING_HOURS), |(h, _)| h),
            }),
            (None, None, None) => Ok(Hosting::None),
        }
    }
}
