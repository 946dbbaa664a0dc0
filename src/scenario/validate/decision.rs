//! `[decision]`: the target, the horizon, and the rules that can block or justify tuning.

use rust_decimal::Decimal;
use toml::Spanned;

use super::Ctx;
use crate::error::InputError;
use crate::scenario::raw::RawDecision;
use crate::scenario::{
    Decision, DEFAULT_HORIZON_MONTHS, DEFAULT_MIN_EXAMPLES, DEFAULT_TARGET_PAYBACK_MONTHS,
    MAX_MONTHS,
};

impl Ctx<'_> {
    pub(super) fn decision(&self, d: Option<RawDecision>) -> Result<Decision, Box<InputError>> {
        let flag = |f: Option<Spanned<bool>>, default| f.map_or(default, Spanned::into_inner);
        let Some(d) = d else {
            return Ok(Decision {
                target_payback_months: Decimal::from(DEFAULT_TARGET_PAYBACK_MONTHS),
                horizon_months: DEFAULT_HORIZON_MONTHS,
                min_examples: DEFAULT_MIN_EXAMPLES,
                needs_consistency: false,
                task_is_stable: true,
                needs_low_latency: false,
                confidence: default_confidence(),
            });
        };
        let target = match &d.target_payback_months {
            None => Decimal::from(DEFAULT_TARGET_PAYBACK_MONTHS),
            Some(v) => {
                let t = self.positive(v, "decision.target_payback_months")?;
                if t > Decimal::from(MAX_MONTHS) {
                    return Err(self.error(
                        Some(v.span()),
                        "decision.target_payback_months",
                        format!("must be at most {MAX_MONTHS} months (100 years), found {t}"),
                    ));
                }
                t
            }
        };
        let confidence = match &d.confidence {
            None => default_confidence(),
            Some(v) => {
                let n = v.get_ref();
                self.record_range(v, "decision.confidence")?;
                self.locate(v, "decision.confidence");
                if n.value <= Decimal::ZERO || n.value > Decimal::ONE {
                    return Err(self.error_with_help(
                        Some(v.span()),
                        "decision.confidence",
                        format!(
                            "must be a chance above 0 % and at most 100 %, found {}",
                            crate::present::number::percent(n.value)
                        ),
                        "write the chance of paying back in time you need, e.g. \"80%\"",
                    ));
                }
                n.value
            }
        };
        Ok(Decision {
            confidence,
            target_payback_months: target,
            horizon_months: d
                .horizon_months
                .as_ref()
                .map(|v| self.months(v, "decision.horizon_months", MAX_MONTHS))
                .transpose()?
                .unwrap_or(DEFAULT_HORIZON_MONTHS),
            min_examples: d
                .min_examples
                .as_ref()
                .map(|v| self.whole(v, "decision.min_examples", 0, u64::MAX))
                .transpose()?
                .unwrap_or(DEFAULT_MIN_EXAMPLES),
            needs_consistency: flag(d.needs_consistency, false),
            task_is_stable: flag(d.task_is_stable, true),
            needs_low_latency: flag(d.needs_low_latency, false),
        })
    }
}

/// 80 %: the chance of paying back within the window that uncertain scenarios need to tune.
fn default_confidence() -> Decimal {
    Decimal::new(8, 1)
}
