//! Checks a [`RawScenario`] and builds the typed [`Scenario`], or says exactly what is wrong.
//!
//! Every error names the file, the line and column (from the value's span) and the dotted
//! field, and where it can, how to fix it. The first problem found is reported.

use rust_decimal::Decimal;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

use super::raw::{Field, Num, RawPrompting, RawScenario, RawTraining, RawTuned};
use super::{
    default_epochs, CallPrice, Decision, Hosting, Scenario, TokenPrice, Training, TrainingPrice,
    Usage, DEFAULT_HORIZON_MONTHS, DEFAULT_MIN_EXAMPLES, DEFAULT_TARGET_PAYBACK_MONTHS, MAX_MONTHS,
};
use crate::error::{InputError, Position};

/// Parses TOML text and validates it into a [`Scenario`].
pub fn validate(path: &Path, source: &str) -> Result<Scenario, Box<InputError>> {
    let ctx = Ctx { path, source };
    let raw: RawScenario = toml::from_str(source).map_err(|e| ctx.toml_error(&e))?;
    ctx.scenario(raw)
}

/// The file being validated, for building errors that point into it.
struct Ctx<'a> {
    path: &'a Path,
    source: &'a str,
}

impl Ctx<'_> {
    fn error(
        &self,
        span: Option<Range<usize>>,
        field: &str,
        message: impl Into<String>,
    ) -> Box<InputError> {
        Box::new(InputError {
            file: self.path.to_path_buf(),
            position: span.map(|s| Position::from_span(self.source, s)),
            field: (!field.is_empty()).then(|| field.to_string()),
            message: message.into(),
            help: None,
        })
    }

    /// Turns a TOML syntax, type or unknown-key error into one that names the field and, for
    /// a near-miss key, suggests the right one.
    fn toml_error(&self, e: &toml::de::Error) -> Box<InputError> {
        let message = e.message().trim().to_string();
        let field = e
            .span()
            .and_then(|s| field_at(self.source, s.start))
            .unwrap_or_default();
        let mut err = self.error(e.span(), &field, message.clone());
        err.help = did_you_mean(&message);
        err
    }

    fn scenario(&self, raw: RawScenario) -> Result<Scenario, Box<InputError>> {
        let name = match raw.name {
            Some(n) if !n.get_ref().trim().is_empty() => n.into_inner().trim().to_string(),
            Some(n) => return Err(self.error(Some(n.span()), "name", "must not be empty")),
            None => {
                let mut e = self.error(None, "name", "missing: every scenario needs a name");
                e.help =
                    Some("add a line such as `name = \"Support ticket triage\"` at the top".into());
                return Err(e);
            }
        };
        let currency = match raw.currency {
            None => "USD".to_string(),
            Some(c) => {
                let code = c.get_ref().trim();
                if code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
                    code.to_string()
                } else {
                    let mut e = self.error(
                        Some(c.span()),
                        "currency",
                        format!("expected a three-letter code such as \"USD\", found \"{code}\""),
                    );
                    e.help =
                        Some("the currency is for display only; amounts are not converted".into());
                    return Err(e);
                }
            }
        };
        let training =
            self.required_table(raw.training, "training", "examples = 200 and cost = \"20\"")?;
        let training = self.training(training.0, &training.1)?;
        let (usage, usage_span) =
            self.required_table(raw.usage, "usage", "calls_per_month = 10000")?;
        let usage = Usage {
            calls_per_month: self
                .required(&usage.calls_per_month, &usage_span, "usage.calls_per_month")
                .and_then(|v| self.positive(v, "usage.calls_per_month"))?,
            monthly_growth: match &usage.monthly_growth {
                None => Decimal::ZERO,
                Some(g) if g.get_ref().0 < Decimal::NEGATIVE_ONE => {
                    return Err(self.error(
                        Some(g.span()),
                        "usage.monthly_growth",
                        format!(
                            "a monthly change below -1 (-100 %) is impossible, found {}",
                            g.get_ref().0
                        ),
                    ))
                }
                Some(g) => g.get_ref().0,
            },
        };
        let prompting =
            self.required_table(raw.prompting, "prompting", "price_per_1k_calls = \"0.05\"")?;
        let prompting_price = self.call_price(&prompting.0, &prompting.1, "prompting", None)?;
        let (tuned, tuned_span) =
            self.required_table(raw.tuned, "tuned", "price_per_1k_calls = \"0.02\"")?;
        let tuned_fields = RawPrompting {
            price_per_1k_calls: tuned.price_per_1k_calls.clone(),
            input_tokens: tuned.input_tokens.clone(),
            output_tokens: tuned.output_tokens.clone(),
            input_price_per_1m_tokens: tuned.input_price_per_1m_tokens.clone(),
            output_price_per_1m_tokens: tuned.output_price_per_1m_tokens.clone(),
        };
        let tuned_price =
            self.call_price(&tuned_fields, &tuned_span, "tuned", Some(&prompting_price))?;
        let hosting = self.hosting(&tuned)?;
        let decision = self.decision(raw.decision.map(Spanned::into_inner))?;
        Ok(Scenario {
            file: self.path.to_path_buf(),
            name,
            description: raw.description.map(|d| d.into_inner().trim().to_string()),
            currency,
            training,
            usage,
            prompting: prompting_price,
            tuned: tuned_price,
            hosting,
            decision,
        })
    }

    /// A table that must be present, with the span of its `[header]` for errors about
    /// fields missing inside it.
    fn required_table<T>(
        &self,
        table: Option<Spanned<T>>,
        name: &str,
        example: &str,
    ) -> Result<(T, Range<usize>), Box<InputError>> {
        match table {
            Some(t) => {
                let span = t.span();
                Ok((t.into_inner(), span))
            }
            None => {
                let mut e = self.error(
                    None,
                    name,
                    format!("missing: the [{name}] table is required"),
                );
                e.help = Some(format!(
                    "add a [{name}] table, e.g. `[{name}]` then `{example}`"
                ));
                Err(e)
            }
        }
    }

    fn required<'f>(
        &self,
        field: &'f Field<Num>,
        table: &Range<usize>,
        name: &str,
    ) -> Result<&'f Spanned<Num>, Box<InputError>> {
        field
            .as_ref()
            .ok_or_else(|| self.error(Some(table.clone()), name, "missing: this field is required"))
    }

    fn positive(&self, v: &Spanned<Num>, name: &str) -> Result<Decimal, Box<InputError>> {
        let value = v.get_ref().0;
        if value > Decimal::ZERO {
            Ok(value)
        } else {
            Err(self.error(
                Some(v.span()),
                name,
                format!("must be greater than 0, found {value}"),
            ))
        }
    }

    fn non_negative(&self, v: &Spanned<Num>, name: &str) -> Result<Decimal, Box<InputError>> {
        let value = v.get_ref().0;
        if value >= Decimal::ZERO {
            Ok(value)
        } else {
            Err(self.error(
                Some(v.span()),
                name,
                format!("must not be negative, found {value}"),
            ))
        }
    }

    fn optional_non_negative(
        &self,
        v: &Field<Num>,
        name: &str,
    ) -> Result<Option<Decimal>, Box<InputError>> {
        v.as_ref().map(|v| self.non_negative(v, name)).transpose()
    }

    /// A whole number between `min` and `max` inclusive.
    fn whole(
        &self,
        v: &Spanned<Num>,
        name: &str,
        min: u64,
        max: u64,
    ) -> Result<u64, Box<InputError>> {
        use rust_decimal::prelude::ToPrimitive;
        let value = v.get_ref().0;
        let as_int = (value.fract().is_zero()).then(|| value.to_u64()).flatten();
        match as_int {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            _ if max == u64::MAX => Err(self.error(
                Some(v.span()),
                name,
                format!("must be a whole number of at least {min}, found {value}"),
            )),
            _ => Err(self.error(
                Some(v.span()),
                name,
                format!("must be a whole number from {min} to {max}, found {value}"),
            )),
        }
    }

    fn training(&self, t: RawTraining, span: &Range<usize>) -> Result<Training, Box<InputError>> {
        let examples = self
            .required(&t.examples, span, "training.examples")
            .and_then(|v| self.whole(v, "training.examples", 1, u64::MAX))?;
        let forms: Vec<(&str, &Spanned<Num>)> = [
            ("cost", &t.cost),
            ("cost_per_example", &t.cost_per_example),
            ("price_per_1m_tokens", &t.price_per_1m_tokens),
        ]
        .into_iter()
        .filter_map(|(n, f)| f.as_ref().map(|f| (n, f)))
        .collect();
        let price = match forms.as_slice() {
            [] => {
                let mut e = self.error(
                    Some(span.clone()),
                    "training",
                    "missing the price of the tuning job",
                );
                e.help = Some(
                    "give exactly one of `cost` (total per job), `cost_per_example`, or \
                     `price_per_1m_tokens` with `tokens_per_example`"
                        .into(),
                );
                return Err(e);
            }
            [(_, _), (second, span), ..] => {
                let mut e = self.error(
                    Some(span.span()),
                    &format!("training.{second}"),
                    format!(
                        "the job is priced twice: `{}` and `{second}` are both given",
                        forms[0].0
                    ),
                );
                e.help = Some(
                    "keep exactly one of `cost`, `cost_per_example`, `price_per_1m_tokens`".into(),
                );
                return Err(e);
            }
            [("cost", v)] => TrainingPrice::Total(self.non_negative(v, "training.cost")?),
            [("cost_per_example", v)] => {
                TrainingPrice::PerExample(self.non_negative(v, "training.cost_per_example")?)
            }
            [(_, v)] => {
                let price_per_1m_tokens = self.non_negative(v, "training.price_per_1m_tokens")?;
                let tokens = t.tokens_per_example.as_ref().ok_or_else(|| {
                    let mut e = self.error(
                        Some(v.span()),
                        "training.tokens_per_example",
                        "missing: pricing by training tokens needs the tokens in one example",
                    );
                    e.help = Some(
                        "add `tokens_per_example = 500` (prompt + answer of one example)".into(),
                    );
                    e
                })?;
                let tokens_per_example =
                    self.whole(tokens, "training.tokens_per_example", 1, u64::MAX)?;
                let (epochs, epochs_given) = match &t.epochs {
                    Some(e) => (self.whole(e, "training.epochs", 1, 100)?, true),
                    None => (u64::from(default_epochs(examples)), false),
                };
                TrainingPrice::PerToken {
                    price_per_1m_tokens,
                    tokens_per_example,
                    epochs: u32::try_from(epochs).unwrap_or(u32::MAX),
                    epochs_given,
                }
            }
        };
        if !matches!(price, TrainingPrice::PerToken { .. }) {
            for (name, f) in [
                ("tokens_per_example", &t.tokens_per_example),
                ("epochs", &t.epochs),
            ] {
                if let Some(f) = f {
                    let mut e = self.error(
                        Some(f.span()),
                        &format!("training.{name}"),
                        "only used when the job is priced per training token",
                    );
                    e.help = Some(format!(
                        "remove `{name}`, or price the job with `price_per_1m_tokens` instead"
                    ));
                    return Err(e);
                }
            }
        }
        let retrain_every_months = t
            .retrain_every_months
            .as_ref()
            .map(|v| self.whole(v, "training.retrain_every_months", 1, u64::from(MAX_MONTHS)))
            .transpose()?
            .map(|n| u32::try_from(n).unwrap_or(MAX_MONTHS));
        Ok(Training {
            examples,
            price,
            minimum_charge: self
                .optional_non_negative(&t.minimum_charge, "training.minimum_charge")?,
            setup_cost: self
                .optional_non_negative(&t.setup_cost, "training.setup_cost")?
                .unwrap_or_default(),
            retrain_every_months,
        })
    }

    /// Prices one call on one side. The tuned side (`inherit` = the prompting price) may leave
    /// out its output tokens and token prices; they are then taken from `[prompting]`.
    fn call_price(
        &self,
        side: &RawPrompting,
        span: &Range<usize>,
        table: &str,
        inherit: Option<&CallPrice>,
    ) -> Result<CallPrice, Box<InputError>> {
        let token_fields = [
            ("input_tokens", &side.input_tokens),
            ("output_tokens", &side.output_tokens),
            ("input_price_per_1m_tokens", &side.input_price_per_1m_tokens),
            (
                "output_price_per_1m_tokens",
                &side.output_price_per_1m_tokens,
            ),
        ];
        if let Some(per_1k) = &side.price_per_1k_calls {
            if let Some((name, f)) = token_fields
                .iter()
                .find_map(|(n, f)| f.as_ref().map(|f| (n, f)))
            {
                let mut e = self.error(
                    Some(f.span()),
                    &format!("{table}.{name}"),
                    "a call is priced twice: `price_per_1k_calls` and token fields are both given",
                );
                e.help = Some(
                    "keep `price_per_1k_calls`, or remove it and price the call by tokens".into(),
                );
                return Err(e);
            }
            return Ok(CallPrice::Per1kCalls(
                self.non_negative(per_1k, &format!("{table}.price_per_1k_calls"))?,
            ));
        }
        let Some(input) = &side.input_tokens else {
            let mut e = self.error(Some(span.clone()), table, "missing the price of a call");
            e.help = Some(if inherit.is_some() {
                "give `price_per_1k_calls`, or `input_tokens` for the short prompt (output tokens \
                 and prices left out are taken from [prompting])"
                    .into()
            } else {
                "give `price_per_1k_calls`, or `input_tokens` with `input_price_per_1m_tokens` \
                 (and `output_tokens` with `output_price_per_1m_tokens`)"
                    .into()
            });
            return Err(e);
        };
        let parent = match inherit {
            Some(CallPrice::Tokens(p)) => Some(p),
            _ => None,
        };
        let mut inherited = Vec::new();
        let input_tokens = self.whole(input, &format!("{table}.input_tokens"), 0, u64::MAX)?;
        let output_tokens = match (&side.output_tokens, parent) {
            (Some(v), _) => self.whole(v, &format!("{table}.output_tokens"), 0, u64::MAX)?,
            (None, Some(p)) => {
                inherited.push("output_tokens");
                p.output_tokens
            }
            (None, None) => 0,
        };
        let mut price =
            |name: &'static str, field: &Field<Num>, from_parent: Option<Decimal>, needed: bool| {
                match (field, from_parent) {
                    (Some(v), _) => self.non_negative(v, &format!("{table}.{name}")),
                    (None, Some(p)) => {
                        inherited.push(name);
                        Ok(p)
                    }
                    (None, None) if !needed => Ok(Decimal::ZERO),
                    (None, None) => {
                        let mut e = self.error(
                            Some(input.span()),
                            &format!("{table}.{name}"),
                            "missing: a call priced by tokens needs the price per million tokens",
                        );
                        e.help = Some(format!(
                            "add `{name} = \"0.40\"` (currency per 1M tokens) to [{table}]"
                        ));
                        Err(e)
                    }
                }
            };
        let input_price_per_1m_tokens = price(
            "input_price_per_1m_tokens",
            &side.input_price_per_1m_tokens,
            parent.map(|p| p.input_price_per_1m_tokens),
            true,
        )?;
        let output_price_per_1m_tokens = price(
            "output_price_per_1m_tokens",
            &side.output_price_per_1m_tokens,
            parent.map(|p| p.output_price_per_1m_tokens),
            output_tokens > 0,
        )?;
        Ok(CallPrice::Tokens(TokenPrice {
            input_tokens,
            output_tokens,
            input_price_per_1m_tokens,
            output_price_per_1m_tokens,
            inherited,
        }))
    }

    fn hosting(&self, tuned: &RawTuned) -> Result<Hosting, Box<InputError>> {
        match (&tuned.hosting_per_month, &tuned.hosting_per_hour) {
            (Some(_), Some(hour)) => {
                let mut e = self.error(
                    Some(hour.span()),
                    "tuned.hosting_per_hour",
                    "hosting is priced twice: `hosting_per_month` and `hosting_per_hour` are both given",
                );
                e.help = Some("keep one; an hourly fee is billed for 730 hours a month".into());
                Err(e)
            }
            (Some(m), None) => Ok(Hosting::PerMonth(
                self.non_negative(m, "tuned.hosting_per_month")?,
            )),
            (None, Some(h)) => Ok(Hosting::PerHour(
                self.non_negative(h, "tuned.hosting_per_hour")?,
            )),
            (None, None) => Ok(Hosting::None),
        }
    }

    fn decision(&self, d: Option<super::raw::RawDecision>) -> Result<Decision, Box<InputError>> {
        let Some(d) = d else {
            return Ok(Decision {
                target_payback_months: Decimal::from(DEFAULT_TARGET_PAYBACK_MONTHS),
                horizon_months: DEFAULT_HORIZON_MONTHS,
                min_examples: DEFAULT_MIN_EXAMPLES,
                needs_consistency: false,
                task_is_stable: true,
            });
        };
        Ok(Decision {
            target_payback_months: d
                .target_payback_months
                .as_ref()
                .map(|v| self.positive(v, "decision.target_payback_months"))
                .transpose()?
                .unwrap_or(Decimal::from(DEFAULT_TARGET_PAYBACK_MONTHS)),
            horizon_months: d
                .horizon_months
                .as_ref()
                .map(|v| self.whole(v, "decision.horizon_months", 1, u64::from(MAX_MONTHS)))
                .transpose()?
                .map_or(DEFAULT_HORIZON_MONTHS, |n| {
                    u32::try_from(n).unwrap_or(MAX_MONTHS)
                }),
            min_examples: d
                .min_examples
                .as_ref()
                .map(|v| self.whole(v, "decision.min_examples", 0, u64::MAX))
                .transpose()?
                .unwrap_or(DEFAULT_MIN_EXAMPLES),
            needs_consistency: d
                .needs_consistency
                .map(Spanned::into_inner)
                .unwrap_or(false),
            task_is_stable: d.task_is_stable.map(Spanned::into_inner).unwrap_or(true),
        })
    }
}

/// The dotted name of the key whose line holds byte `offset`, e.g. `usage.calls_per_month`,
/// found from the text: the key before `=` on that line and the last `[table]` header above.
fn field_at(source: &str, offset: usize) -> Option<String> {
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

/// For serde's "unknown field `x`, expected one of `a`, `b`", suggests the closest known key.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, k)) => Some(format!("did you mean `{k}`?")),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_at_names_table_and_key() {
        let src = "name = \"x\"\n[usage]\ncalls_per_month = \"abc\"\n";
        let at = src.find("\"abc\"").expect("present");
        assert_eq!(field_at(src, at).as_deref(), Some("usage.calls_per_month"));
        assert_eq!(field_at(src, 2).as_deref(), Some("name"));
    }

    #[test]
    fn near_miss_keys_get_a_suggestion() {
        let msg = "unknown field `calls_per_mont`, expected `calls_per_month` or `monthly_growth`";
        assert_eq!(
            did_you_mean(msg).as_deref(),
            Some("did you mean `calls_per_month`?")
        );
        let msg = "unknown field `zzz`, expected `calls_per_month` or `monthly_growth`";
        assert_eq!(
            did_you_mean(msg).as_deref(),
            Some("the keys allowed here are `calls_per_month`, `monthly_growth`")
        );
    }

    #[test]
    fn default_epochs_follow_the_auto_rule() {
        assert_eq!(default_epochs(200), 3);
        assert_eq!(default_epochs(20), 5); // 60 < 100 → min(25, 100 / 20)
        assert_eq!(default_epochs(2), 25); // min(25, 50)
        assert_eq!(default_epochs(10_000), 2); // 30000 > 25000 → max(1, 25000 / 10000)
    }
}
