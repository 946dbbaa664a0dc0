//! Checks a resolved raw scenario and builds the typed [`Scenario`], or says exactly what is
//! wrong: every error names the file, the line and column (from the value's span) and the
//! dotted field, and where it can, how to fix it. The first problem found is reported.
//!
//! One file per table: `training`, `usage`, `price` (both call prices and hosting),
//! `decision`; this module holds the top-level fields and the checks they share.

mod decision;
mod price;
mod training;
mod usage;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

use super::raw::{Field, Num};
use super::resolve::Resolved;
use super::uncertain::{Correlation, UncertainInput};
use super::{Inputs, Key, Locations, Scenario, MAX_NAME_CHARS};
use crate::error::{InputError, Position};

/// Validates a resolved scenario into a [`Scenario`]; `source` is the file's text, for
/// pointing at values.
pub fn validate(
    path: &Path,
    source: &str,
    resolved: Resolved,
    stale_days: u32,
) -> Result<Scenario, Box<InputError>> {
    let ctx = Ctx {
        path,
        source,
        locations: RefCell::new(Locations::new(source)),
        from_catalog: resolved.sources.keys().cloned().collect(),
        uncertain: RefCell::new(Vec::new()),
        model_span: resolved
            .raw
            .tuned
            .as_ref()
            .and_then(|t| t.get_ref().model.as_ref().map(toml::Spanned::span))
            .or_else(|| {
                resolved
                    .raw
                    .prompting
                    .as_ref()
                    .and_then(|p| p.get_ref().model.as_ref().map(toml::Spanned::span))
            }),
    };
    let raw = resolved.raw;
    let name = ctx.name(raw.name)?;
    let description = match raw.description {
        Some(d) => Some(
            ctx.text(&d, "description", super::MAX_DESCRIPTION_CHARS)?
                .trim()
                .to_string(),
        ),
        None => None,
    };
    let currency = ctx.currency(raw.currency)?;
    let placeholders = ctx.placeholders(raw.placeholders)?;
    let (t, t_span) =
        ctx.required_table(raw.training, "training", "examples = 200 and cost = \"20\"")?;
    let training = ctx.training(
        &t,
        &t_span,
        resolved.epochs_rule,
        resolved.models.tuned.as_ref(),
    )?;
    let (u, u_span) = ctx.required_table(raw.usage, "usage", "calls_per_month = 10000")?;
    let usage = ctx.usage(&u, &u_span)?;
    let (p, p_span) =
        ctx.required_table(raw.prompting, "prompting", "price_per_1k_calls = \"0.05\"")?;
    let prompting = ctx.call_price(&p, &p_span, super::Side::Prompting, None)?;
    let (tu, tu_span) = ctx.required_table(raw.tuned, "tuned", "price_per_1k_calls = \"0.02\"")?;
    let tuned = ctx.call_price(&tu.side(), &tu_span, super::Side::Tuned, Some(&prompting))?;
    let hosting = ctx.hosting(&tu)?;
    let storage_per_month = tu
        .storage_per_month
        .as_ref()
        .map(|v| ctx.non_negative(v, "tuned.storage_per_month"))
        .transpose()?;
    let decision = ctx.decision(raw.decision.map(Spanned::into_inner))?;
    let uncertain = ctx.uncertain.take();
    let correlations = ctx.correlations(raw.correlations, &uncertain)?;
    Ok(Scenario {
        file: path.to_path_buf(),
        name,
        description,
        currency,
        inputs: Inputs {
            training,
            usage,
            prompting,
            tuned,
            hosting,
            storage_per_month,
        },
        decision,
        locations: ctx.locations.into_inner(),
        date: resolved.date,
        start: resolved.start,
        schedule: resolved.schedule,
        models: resolved.models,
        sources: resolved.sources,
        stale_days,
        uncertain,
        correlations,
        placeholders,
        dataset: resolved.dataset,
    })
}

/// The file being validated, for building errors that point into it, and the places of the
/// fields read so far.
struct Ctx<'a> {
    path: &'a Path,
    source: &'a str,
    locations: RefCell<Locations>,
    /// Fields the catalog filled in: they have no place in the file.
    from_catalog: std::collections::BTreeSet<String>,
    /// Inputs written as ranges, in the order they were read.
    uncertain: RefCell<Vec<UncertainInput>>,
    /// Where the scenario names its catalog model: errors about a value the catalog filled in
    /// point here.
    model_span: Option<Range<usize>>,
}

impl Ctx<'_> {
    fn error(
        &self,
        span: Option<Range<usize>>,
        field: &str,
        message: impl Into<String>,
    ) -> Box<InputError> {
        // A value the catalog filled in has an empty span at 0: point at the model's name.
        let span = match span {
            Some(s) if s.end == 0 => self.model_span.clone().or(Some(s)),
            other => other,
        };
        Box::new(InputError {
            file: self.path.to_path_buf(),
            position: span.map(|s| Position::from_span(self.source, s)),
            field: (!field.is_empty()).then(|| field.to_string()),
            message: message.into(),
            help: None,
        })
    }

    fn error_with_help(
        &self,
        span: Option<Range<usize>>,
        field: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Box<InputError> {
        let mut e = self.error(span, field, message);
        e.help = Some(help.into());
        e
    }

    /// Remembers where `field` was written (not a value the catalog gave).
    fn locate<T>(&self, v: &Spanned<T>, field: &str) {
        if self.from_catalog.contains(field) {
            return;
        }
        self.locations
            .borrow_mut()
            .insert(field.to_string(), v.span());
    }

    fn name(&self, name: Field<String>) -> Result<String, Box<InputError>> {
        match name {
            Some(n) if !n.get_ref().trim().is_empty() => {
                let text = self.text(&n, "name", MAX_NAME_CHARS)?;
                Ok(text.trim().to_string())
            }
            Some(n) => Err(self.error(Some(n.span()), "name", "must not be empty")),
            None => Err(self.error_with_help(
                None,
                "name",
                "missing: every scenario needs a name",
                "add a line such as `name = \"Support ticket triage\"` at the top",
            )),
        }
    }

    /// Text shown to people: no control characters (they could rewrite a terminal or break a
    /// report), and at most `max_chars` characters.
    fn text<'s>(
        &self,
        v: &'s Spanned<String>,
        field: &str,
        max_chars: usize,
    ) -> Result<&'s str, Box<InputError>> {
        let text = v.get_ref();
        if let Some(c) = text.chars().find(|c| crate::present::text::is_unsafe(*c)) {
            return Err(self.error_with_help(
                Some(v.span()),
                field,
                format!(
                    "contains a control or invisible formatting character (U+{:04X}); text is shown in terminals and reports",
                    c as u32
                ),
                "remove escapes such as \\u001b, \\t, \\n and \\u202e from the text",
            ));
        }
        let chars = text.chars().count();
        if chars > max_chars {
            return Err(self.error(
                Some(v.span()),
                field,
                format!("is {chars} characters long; at most {max_chars} are allowed"),
            ));
        }
        self.locate(v, field);
        Ok(text)
    }

    fn currency(&self, c: Field<String>) -> Result<String, Box<InputError>> {
        let Some(c) = c else {
            return Ok("USD".to_string());
        };
        let code = c.get_ref().trim();
        if code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
            Ok(code.to_string())
        } else {
            let shown: String = code
                .chars()
                .filter(|ch| !ch.is_control())
                .take(20)
                .collect();
            Err(self.error_with_help(
                Some(c.span()),
                "currency",
                format!("expected a three-letter code such as \"USD\", found \"{shown}\""),
                "the currency is for display only; amounts are not converted",
            ))
        }
    }

    /// `placeholders = ["training.cost", …]`: each a known input, named once.
    fn placeholders(
        &self,
        list: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> Result<Vec<super::Key>, Box<InputError>> {
        let mut keys = Vec::new();
        for item in list.map(Spanned::into_inner).unwrap_or_default() {
            let name = item.get_ref().trim();
            let Some(key) = super::Key::from_name(name) else {
                let names: Vec<String> = super::Key::all()
                    .into_iter()
                    .map(super::Key::name)
                    .collect();
                let known: Vec<&str> = names.iter().map(String::as_str).collect();
                let help = crate::scenario::raw::closest_key(name, &known).map_or_else(
                    || {
                        "name inputs as in the file, with their table: \"training.cost\""
                            .to_string()
                    },
                    |k| format!("did you mean \"{k}\"?"),
                );
                return Err(self.error_with_help(
                    Some(item.span()),
                    "placeholders",
                    format!("\"{}\" is not an input", crate::present::text::safe(name)),
                    help,
                ));
            };
            if keys.contains(&key) {
                return Err(self.error(Some(item.span()), "placeholders", "names an input twice"));
            }
            keys.push(key);
        }
        Ok(keys)
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
            None => Err(self.error_with_help(
                None,
                name,
                format!("missing: the [{name}] table is required"),
                format!("add a [{name}] table, e.g. `[{name}]` then `{example}`"),
            )),
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

    /// `[correlations]`: each key names two uncertain inputs, `"a ~ b"`, and holds their rank
    /// correlation, strictly between −1 and 1; together they must be possible (a positive
    /// definite matrix).
    fn correlations(
        &self,
        table: Option<Spanned<std::collections::BTreeMap<String, Spanned<Num>>>>,
        uncertain: &[UncertainInput],
    ) -> Result<Vec<Correlation>, Box<InputError>> {
        let Some(table) = table else {
            return Ok(Vec::new());
        };
        let table_span = table.span();
        let mut out: Vec<Correlation> = Vec::new();
        for (pair, value) in table.into_inner() {
            let field = format!("correlations.\"{pair}\"");
            // The key's own text sits just before its value on the same line.
            let at = Some(value.span());
            let Some((a, b)) = pair.split_once('~') else {
                return Err(self.error_with_help(
                    at,
                    &field,
                    "a correlation names two inputs joined by ~",
                    "write `\"usage.calls_per_month ~ training.cost\" = 0.5`",
                ));
            };
            let mut keys = [a.trim(), b.trim()].map(|name| (name, Key::from_name(name)));
            for (name, key) in &mut keys {
                let Some(k) = key else {
                    let known: Vec<String> = uncertain.iter().map(|u| u.key.name()).collect();
                    let in_format = name.split_once('.').is_some_and(|(table, key)| {
                        super::raw::TABLE_KEYS
                            .iter()
                            .any(|(t, keys)| *t == table && keys.contains(&key))
                    });
                    return Err(self.error_with_help(
                        at.clone(),
                        &field,
                        if in_format {
                            format!("{name} cannot be a range (it is chosen, not estimated), so it cannot move with another input")
                        } else {
                            format!("\"{name}\" is not an input of a scenario")
                        },
                        if known.is_empty() {
                            "correlations join inputs written as ranges; this scenario has none"
                                .to_string()
                        } else {
                            format!("the inputs written as ranges here: {}", known.join(", "))
                        },
                    ));
                };
                if !uncertain.iter().any(|u| u.key == *k) {
                    return Err(self.error_with_help(
                        at.clone(),
                        &field,
                        format!("{name} is not written as a range, so it cannot move with another input"),
                        format!("write {name} as a range such as \"3 to 8\", or remove this correlation"),
                    ));
                }
            }
            let (Some(ka), Some(kb)) = (keys[0].1, keys[1].1) else {
                continue;
            };
            if ka == kb {
                return Err(self.error(at, &field, "an input is always correlated 1 with itself"));
            }
            if out
                .iter()
                .any(|c| (c.a == ka && c.b == kb) || (c.a == kb && c.b == ka))
            {
                return Err(self.error(at, &field, "this pair is given twice"));
            }
            let n = value.get_ref();
            if n.dist.is_some() || n.value <= Decimal::NEGATIVE_ONE || n.value >= Decimal::ONE {
                return Err(self.error_with_help(
                    at,
                    &field,
                    format!(
                        "a rank correlation lies strictly between -1 and 1, found {}",
                        n.value.normalize()
                    ),
                    "0.5: they tend to move together; -0.5: one tends to fall as the other rises",
                ));
            }
            out.push(Correlation {
                a: ka,
                b: kb,
                rank_correlation: n.value,
            });
        }
        // Together the correlations must describe variables that can exist.
        let keys: Vec<Key> = uncertain.iter().map(|u| u.key).collect();
        let n = keys.len();
        let mut m = vec![0.0; n * n];
        for i in 0..n {
            m[i * n + i] = 1.0;
        }
        for c in &out {
            let (i, j) = (
                keys.iter().position(|k| *k == c.a).unwrap_or(0),
                keys.iter().position(|k| *k == c.b).unwrap_or(0),
            );
            let r = c.rank_correlation.to_f64().unwrap_or(0.0);
            m[i * n + j] = r;
            m[j * n + i] = r;
        }
        if !out.is_empty() && crate::stats::cholesky(&m, n).is_none() {
            return Err(self.error_with_help(
                Some(table_span),
                "correlations",
                "these correlations cannot all hold at once (no set of variables has them)",
                "weaken the strongest ones: together they contradict each other (for example, A with B and B with C strongly, but A against C)",
            ));
        }
        Ok(out)
    }

    /// Remembers an input written as a range; refuses one where a range makes no sense.
    fn record_range(&self, v: &Spanned<Num>, name: &str) -> Result<(), Box<InputError>> {
        let n = v.get_ref();
        let Some(dist) = n.dist else {
            return Ok(());
        };
        let Some(key) = Key::from_name(name) else {
            return Err(self.error_with_help(
                Some(v.span()),
                name,
                "cannot be a range: ranges are for estimates tunecalc samples (volumes, prices, \
                 tokens, examples), not for counts and months you choose",
                "write one number here; put the uncertainty in the inputs it depends on",
            ));
        };
        self.uncertain.borrow_mut().push(UncertainInput {
            key,
            dist,
            percent: n.percent,
            floor: None,
            ceiling: None,
        });
        Ok(())
    }

    /// Holds an uncertain input's draws at or above `floor`: a range whose own ends reach
    /// below it is refused, and so is a normal that would put more than
    /// [`MAX_CLAMPED_SHARE`](super::uncertain::MAX_CLAMPED_SHARE) of its draws there.
    fn floor(&self, v: &Spanned<Num>, name: &str, floor: Decimal) -> Result<(), Box<InputError>> {
        let Some(dist) = v.get_ref().dist else {
            return Ok(());
        };
        // Shown as written: "-99 %" for a fraction written with %, else the number.
        let show = |d: Decimal| {
            if v.get_ref().percent {
                crate::present::number::percent(d)
            } else {
                d.normalize().to_string()
            }
        };
        let below = dist.share_below(floor);
        let bounded = dist.is_bounded();
        if (bounded && below > 0.0) || below > super::uncertain::MAX_CLAMPED_SHARE {
            let median = v.get_ref().value;
            let high = dist
                .parameters()
                .into_iter()
                .fold(median, Decimal::max)
                .max(median.saturating_mul(Decimal::TWO));
            let low = (median / Decimal::from(4))
                .max(floor)
                .max(Decimal::new(1, 2));
            return Err(self.error_with_help(
                Some(v.span()),
                name,
                match dist.lowest().filter(|_| bounded) {
                    Some(low) => format!(
                        "this {} range starts at {}, below {}, which this input cannot be",
                        dist.family(),
                        show(low),
                        show(floor)
                    ),
                    None => format!(
                        "this {} puts {:.1} % of its draws below {}, which this input cannot be",
                        dist.family(),
                        below * 100.0,
                        show(floor)
                    ),
                },
                {
                    let params = dist.parameters();
                    let written = |d: Decimal| {
                        let d = d.round_dp(4).normalize();
                        if v.get_ref().percent {
                            format!("{}%", d.saturating_mul(Decimal::ONE_HUNDRED).normalize())
                        } else {
                            d.to_string()
                        }
                    };
                    if bounded {
                        // The same shape, starting at the bound.
                        let rest: Vec<String> = params.iter().skip(1).map(|p| written(*p)).collect();
                        format!(
                            "start it at the bound: \"{}({}, {})\"",
                            dist.family(),
                            written(floor),
                            rest.join(", ")
                        )
                    } else if floor >= Decimal::ZERO {
                        format!(
                            "a 90 % range such as \"{} to {}\" stays above {}; or narrow the distribution",
                            written(low),
                            written(high),
                            show(floor)
                        )
                    } else {
                        "narrow the distribution (a smaller standard deviation)".to_string()
                    }
                },
            ));
        }
        if let Some(u) = self.uncertain.borrow_mut().last_mut() {
            u.floor = Some(u.floor.map_or(floor, |f| f.max(floor)));
        }
        Ok(())
    }

    /// Holds an uncertain input's draws at or below `ceiling`.
    fn ceiling(&self, v: &Spanned<Num>, ceiling: Decimal) {
        if v.get_ref().dist.is_some() {
            if let Some(u) = self.uncertain.borrow_mut().last_mut() {
                u.ceiling = Some(ceiling);
            }
        }
    }

    /// The number as written, refusing a percent where a fraction is not expected.
    fn number(&self, v: &Spanned<Num>, name: &str) -> Result<Decimal, Box<InputError>> {
        self.record_range(v, name)?;
        let n = v.get_ref();
        if n.percent {
            return Err(self.error_with_help(
                Some(v.span()),
                name,
                "a percent is only allowed for a fraction such as monthly_growth",
                "write the number itself, without %",
            ));
        }
        self.locate(v, name);
        Ok(n.value)
    }

    fn positive(&self, v: &Spanned<Num>, name: &str) -> Result<Decimal, Box<InputError>> {
        let value = self.number(v, name)?;
        if value > Decimal::ZERO {
            self.floor(v, name, Decimal::ZERO)?;
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
        let value = self.number(v, name)?;
        if value >= Decimal::ZERO {
            self.floor(v, name, Decimal::ZERO)?;
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
        let value = self.number(v, name)?;
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

    /// A whole number of months, 1 to `max`.
    fn months(&self, v: &Spanned<Num>, name: &str, max: u32) -> Result<u32, Box<InputError>> {
        let n = self.whole(v, name, 1, u64::from(max))?;
        Ok(u32::try_from(n).unwrap_or(max))
    }

    /// A fraction such as a monthly change: `"5%"`, `"0.05"` or `0.05`, above −1 (−100 %).
    /// A bare number of 1 or more is almost always a percent written without its sign.
    fn fraction(&self, v: &Spanned<Num>, name: &str) -> Result<Decimal, Box<InputError>> {
        let n = v.get_ref();
        self.locate(v, name);
        self.record_range(v, name)?;
        if let (Some(dist), false) = (n.dist, n.percent) {
            if dist.parameters().iter().any(|p| p.abs() >= Decimal::ONE) {
                return Err(self.error_with_help(
                    Some(v.span()),
                    name,
                    format!(
                        "\"{}\" is a range of fractions: it reads as {} a month",
                        dist.written(false),
                        dist.written(true)
                    ),
                    format!(
                        "did you mean \"{}\"? Write percents with %",
                        dist.scaled(Decimal::new(1, 2)).written(true)
                    ),
                ));
            }
        }
        if !n.percent && n.value.abs() >= Decimal::ONE {
            let written = n.value.normalize();
            return Err(self.error_with_help(
                Some(v.span()),
                name,
                format!(
                    "{written} is a fraction: it reads as {} a month",
                    crate::present::number::percent(n.value)
                ),
                format!(
                    "did you mean \"{written}%\"? Write a percent as a string with %, or the fraction itself (\"0.05\" for 5 %)"
                ),
            ));
        }
        if n.value <= Decimal::NEGATIVE_ONE {
            return Err(self.error(
                Some(v.span()),
                name,
                format!(
                    "a change of -100 % or less would leave no calls, found {}",
                    crate::present::number::percent(n.value)
                ),
            ));
        }
        // A draw of −100 % would end all calls: hold draws just above it.
        self.floor(v, name, Decimal::new(-99, 2))?;
        Ok(n.value)
    }
}
