//! `[usage]`: calls in month 1, compound growth, and the volume where growth stops.

use rust_decimal::Decimal;
use std::ops::Range;

use super::Ctx;
use crate::error::InputError;
use crate::scenario::raw::RawUsage;
use crate::scenario::Usage;

impl Ctx<'_> {
    pub(super) fn usage(
        &self,
        u: &RawUsage,
        span: &Range<usize>,
    ) -> Result<Usage<Decimal>, Box<InputError>> {
        let calls = self.required(&u.calls_per_month, span, "usage.calls_per_month")?;
        Ok(Usage {
            calls_per_month: self.positive(calls, "usage.calls_per_month")?,
            monthly_growth: u
                .monthly_growth
                .as_ref()
                .map(|g| self.fraction(g, "usage.monthly_growth"))
                .transpose()?
                .unwrap_or_default(),
            max_calls_per_month: u
                .max_calls_per_month
                .as_ref()
                .map(|v| self.positive(v, "usage.max_calls_per_month"))
                .transpose()?,
        })
    }
}
