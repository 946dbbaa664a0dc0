//! Month-by-month cash flows: calls, what each side pays, and running totals.

use rust_decimal::Decimal;

use super::checked::Checked;
use crate::error::Error;

/// The inputs of the monthly series, already worked out by [`super::costs`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flows {
    /// Calls in month 1.
    pub calls_per_month: Decimal,
    /// Compound growth per month as a fraction.
    pub monthly_growth: Decimal,
    /// Currency units per call.
    pub prompting_cost_per_call: Decimal,
    /// Currency units per call.
    pub tuned_cost_per_call: Decimal,
    /// Currency units per month.
    pub hosting_per_month: Decimal,
    /// Currency units paid at month 0: training plus setup.
    pub upfront_cost: Decimal,
    /// Currency units paid again for each retraining job.
    pub training_cost: Decimal,
    pub retrain_every_months: Option<u32>,
}

/// One month of the series; "cumulative" figures run from month 0 to the end of this month.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// 1, 2, …
    pub month: u32,
    /// `calls_per_month × (1 + growth)^(month − 1)`.
    pub calls: Decimal,
    /// Currency units paid this month for prompting.
    pub prompting_cost: Decimal,
    /// Currency units paid this month for tuned calls plus hosting (jobs not included).
    pub tuned_cost: Decimal,
    /// `prompting_cost − tuned_cost`: what tuning saves this month before paying for jobs.
    pub savings: Decimal,
    pub cumulative_calls: Decimal,
    pub cumulative_prompting: Decimal,
    /// Upfront cost, every retraining job paid before the end of this month, and tuned costs.
    pub cumulative_tuned: Decimal,
    /// Sum of `savings` so far (jobs not included).
    pub cumulative_savings: Decimal,
    /// Tuning jobs paid so far after the first (at months R, 2R, … before this month's end).
    pub retrains: u32,
}

impl Month {
    /// Net position of tuning at the end of this month: prompting paid − tuning paid.
    pub fn net(&self) -> Decimal {
        self.cumulative_prompting - self.cumulative_tuned
    }
}

/// Computes months 1 to `months` (inclusive).
pub fn series(c: Checked, f: &Flows, months: u32) -> Result<Vec<Month>, Error> {
    months_of(c, f).take(months as usize).collect()
}

/// The months of the series one at a time, for searches that stop early (payback): the
/// volume of a growing scenario would overflow long before month 1200.
pub fn months_of<'a>(c: Checked<'a>, f: &'a Flows) -> MonthIter<'a> {
    MonthIter {
        c,
        f,
        last: None,
        failed: false,
    }
}

pub struct MonthIter<'a> {
    c: Checked<'a>,
    f: &'a Flows,
    last: Option<Month>,
    failed: bool,
}

impl Iterator for MonthIter<'_> {
    type Item = Result<Month, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = next_month(self.c, self.f, self.last.as_ref());
        match &next {
            Ok(m) => self.last = Some(m.clone()),
            Err(_) => self.failed = true,
        }
        Some(next)
    }
}

fn next_month(c: Checked, f: &Flows, prev: Option<&Month>) -> Result<Month, Error> {
    let volume = "the monthly call volume (calls_per_month grown by monthly_growth)";
    let (month, calls, mut retrains, mut cumulative_tuned) = match prev {
        None => (1, f.calls_per_month, 0, f.upfront_cost),
        Some(p) => {
            let growth = c.add(Decimal::ONE, f.monthly_growth, volume)?;
            (
                p.month + 1,
                c.mul(p.calls, growth, volume)?,
                p.retrains,
                p.cumulative_tuned,
            )
        }
    };
    // A job is paid at each month R, 2R, … that begins before this month ends.
    if let Some(r) = f.retrain_every_months {
        if month > 1 && (month - 1) % r == 0 {
            retrains += 1;
            cumulative_tuned = c.add(
                cumulative_tuned,
                f.training_cost,
                "the cumulative cost of tuning",
            )?;
        }
    }
    let zero = Decimal::ZERO;
    let prompting_cost = c.mul(
        calls,
        f.prompting_cost_per_call,
        "the monthly cost of prompting",
    )?;
    let tuned_calls = c.mul(
        calls,
        f.tuned_cost_per_call,
        "the monthly cost of tuned calls",
    )?;
    let tuned_cost = c.add(
        tuned_calls,
        f.hosting_per_month,
        "the monthly cost of the tuned model",
    )?;
    let savings = c.sub(prompting_cost, tuned_cost, "the monthly savings")?;
    let (pc, pp, ps) = prev.map_or((zero, zero, zero), |p| {
        (
            p.cumulative_calls,
            p.cumulative_prompting,
            p.cumulative_savings,
        )
    });
    Ok(Month {
        month,
        calls,
        prompting_cost,
        tuned_cost,
        savings,
        cumulative_calls: c.add(pc, calls, "the cumulative calls")?,
        cumulative_prompting: c.add(pp, prompting_cost, "the cumulative cost of prompting")?,
        cumulative_tuned: c.add(
            cumulative_tuned,
            tuned_cost,
            "the cumulative cost of tuning",
        )?,
        cumulative_savings: c.add(ps, savings, "the cumulative savings")?,
        retrains,
    })
}
