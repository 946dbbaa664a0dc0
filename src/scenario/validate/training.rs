//! `[training]`: examples, exactly one price form, minimum charge, setup, runs, retraining.

use rust_decimal::prelude::ToPrimitive;
use std::ops::Range;
use toml::Spanned;

use super::Ctx;
use crate::catalog::epochs::EpochsRule;
use crate::error::InputError;
use crate::scenario::raw::{Num, RawTraining};
use crate::scenario::{Epochs, Training, TrainingPrice, MAX_EPOCHS, MAX_MONTHS, MAX_RUNS};

impl Ctx<'_> {
    pub(super) fn training(
        &self,
        t: &RawTraining,
        span: &Range<usize>,
        epochs_rule: Option<EpochsRule>,
        model: Option<&crate::catalog::Entry>,
    ) -> Result<Training<rust_decimal::Decimal>, Box<InputError>> {
        let examples_field = self.required(&t.examples, span, "training.examples")?;
        // A range of examples is real-valued (its median may fall between whole numbers);
        // the epochs rule reads the median rounded.
        let (examples, examples_value) = if examples_field.get_ref().dist.is_some() {
            let median = self.positive(examples_field, "training.examples")?;
            self.floor(
                examples_field,
                "training.examples",
                rust_decimal::Decimal::ONE,
            )?;
            (median.round().to_u64().unwrap_or(1).max(1), median)
        } else {
            let n = self.whole(examples_field, "training.examples", 1, u64::MAX)?;
            (n, n.into())
        };
        let price = self.training_price(t, span, examples, epochs_rule, model)?;
        let runs = t
            .runs
            .as_ref()
            .map(|v| self.whole(v, "training.runs", 1, MAX_RUNS))
            .transpose()?
            .map_or(1, |n| u32::try_from(n).unwrap_or(1));
        let retrain_every_months = t
            .retrain_every_months
            .as_ref()
            .map(|v| self.months(v, "training.retrain_every_months", MAX_MONTHS))
            .transpose()?;
        Ok(Training {
            examples: examples_value,
            price,
            minimum_charge: self
                .optional_non_negative(&t.minimum_charge, "training.minimum_charge")?,
            setup_cost: self
                .optional_non_negative(&t.setup_cost, "training.setup_cost")?
                .unwrap_or_default(),
            runs,
            retrain_every_months,
        })
    }

    fn training_price(
        &self,
        t: &RawTraining,
        span: &Range<usize>,
        examples: u64,
        epochs_rule: Option<EpochsRule>,
        model: Option<&crate::catalog::Entry>,
    ) -> Result<TrainingPrice<rust_decimal::Decimal>, Box<InputError>> {
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
                return Err(self.error_with_help(
                    Some(span.clone()),
                    "training",
                    "missing the price of the tuning job",
                    "give exactly one of `cost` (total per job), `cost_per_example`, or \
                     `price_per_1m_tokens` with `tokens_per_example`",
                ))
            }
            [(first, _), (second, v), ..] => {
                return Err(self.error_with_help(
                    Some(v.span()),
                    &format!("training.{second}"),
                    format!("the job is priced twice: `{first}` and `{second}` are both given"),
                    "keep exactly one of `cost`, `cost_per_example`, `price_per_1m_tokens`",
                ))
            }
            [("cost", v)] => TrainingPrice::Total(self.non_negative(v, "training.cost")?),
            [("cost_per_example", v)] => {
                TrainingPrice::PerExample(self.non_negative(v, "training.cost_per_example")?)
            }
            [(_, v)] => {
                let price_per_1m_tokens = self.non_negative(v, "training.price_per_1m_tokens")?;
                let tokens = t.tokens_per_example.as_ref().ok_or_else(|| {
                    self.error_with_help(
                        Some(v.span()),
                        "training.tokens_per_example",
                        "missing: pricing by training tokens needs the tokens in one example",
                        "add `tokens_per_example = 500` (prompt + answer of one example)",
                    )
                })?;
                let tokens_per_example = self.positive(tokens, "training.tokens_per_example")?;
                let epochs = match &t.epochs {
                    Some(e) => Epochs {
                        count: self
                            .whole(e, "training.epochs", 1, MAX_EPOCHS)?
                            .to_u32()
                            .unwrap_or(1),
                        rule: None,
                    },
                    None => match epochs_rule {
                        Some(rule) => Epochs {
                            count: rule.epochs_for(examples),
                            rule: Some(rule),
                        },
                        None => {
                            let who = model.map_or("the provider".to_string(), |m| m.id.clone());
                            return Err(self.error_with_help(
                                Some(span.clone()),
                                "training.epochs",
                                format!(
                                    "missing: {who} picks the number of epochs by a rule it does not publish"
                                ),
                                "add `epochs = 3` (or the number the provider reports) to [training]",
                            ));
                        }
                    },
                };
                TrainingPrice::PerToken {
                    price_per_1m_tokens,
                    tokens_per_example,
                    epochs,
                }
            }
        };
        if !matches!(price, TrainingPrice::PerToken { .. }) {
            for (name, f) in [
                ("tokens_per_example", &t.tokens_per_example),
                ("epochs", &t.epochs),
            ] {
                if let Some(f) = f {
                    return Err(self.error_with_help(
                        Some(f.span()),
                        &format!("training.{name}"),
                        "only used when the job is priced per training token",
                        format!(
                            "remove `{name}`, or price the job with `price_per_1m_tokens` instead"
                        ),
                    ));
                }
            }
        }
        Ok(price)
    }
}
