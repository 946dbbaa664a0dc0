//! The words and numbers of "what would have to be true" (`tunecalc solve`, explain, reports).

use rust_decimal::{Decimal, RoundingStrategy};

use super::number::{as_written, count, currency_symbol, plain};
use super::words::{key_label, window_name};
use crate::analysis::solve::{Bound, Direction, NoValue, Solution};
use crate::engine::Case;
use crate::scenario::Key;

/// Decimal places that show `value` to four significant digits, at least `min`.
fn places(value: Decimal, min: u32) -> u32 {
    let abs = value.abs();
    if abs.is_zero() || abs >= Decimal::ONE {
        return min;
    }
    let mut places = 0;
    let mut scaled = abs;
    while scaled < Decimal::ONE && places < 24 {
        scaled *= Decimal::TEN;
        places += 1;
    }
    (places + 3).max(min)
}

/// A bound rounded so that the shown value still satisfies it: "at least" rounds up, "at
/// most" rounds down (a displayed $0.1867 pays back; $0.1866 would not).
fn toward(value: Decimal, dp: u32, direction: Option<Direction>) -> Decimal {
    // First drop a division's noise in the last digits (2,999.99999…973 is 3,000).
    let value = value.round_dp(dp + 8);
    let strategy = match direction {
        Some(Direction::AtLeast) => RoundingStrategy::ToPositiveInfinity,
        Some(Direction::AtMost) => RoundingStrategy::ToNegativeInfinity,
        None => RoundingStrategy::MidpointAwayFromZero,
    };
    value.round_dp_with_strategy(dp, strategy)
}

/// A value of `key` in its unit: `$0.1867`, `55,556`, `28.28 %`, `4,956.25`.
pub fn value(key: Key, value: Decimal, direction: Option<Direction>, currency: &str) -> String {
    if key == Key::CallsPerMonth && value.fract().is_zero() && value >= Decimal::ZERO {
        return value
            .trunc()
            .to_string()
            .parse::<u128>()
            .map_or_else(|_| plain(value), count);
    }
    if key.is_fraction() {
        let pct = value.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(value);
        return format!(
            "{} %",
            plain(toward(pct, places(pct, 2), direction).normalize())
        );
    }
    if key.is_price() {
        // Cents always show two places; smaller amounts four significant digits.
        let mut rounded = toward(value, places(value, 2), direction).normalize();
        if rounded.scale() < 2 {
            rounded.rescale(2);
        }
        let digits = as_written(rounded.abs());
        let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
            "-"
        } else {
            ""
        };
        return match currency_symbol(currency) {
            Some(s) => format!("{sign}{s}{digits}"),
            None => format!("{sign}{digits} {currency}"),
        };
    }
    plain(toward(value, places(value, 2), direction).normalize())
}

/// An input's value as the scenario has it: `$20`, `10,000`, `0 %`, `147.99`.
pub fn current(key: Key, v: Decimal, currency: &str) -> String {
    if key.is_price() {
        super::inputs::exact(v, currency)
    } else if key.is_fraction() {
        super::number::percent(v)
    } else {
        super::number::amount_of(v)
    }
}

/// "at least 55,556", "at most $3.60", or why no value works.
pub fn condition(s: &Solution, currency: &str) -> String {
    match &s.answer {
        Ok((v, d)) => format!(
            "{} {}",
            match d {
                Direction::AtLeast => "at least",
                Direction::AtMost => "at most",
            },
            value(s.key, *v, Some(*d), currency)
        ),
        Err(why) => no_value(s.key, why, currency),
    }
}

/// Why no value of one input alone will do.
pub fn no_value(key: Key, why: &NoValue, currency: &str) -> String {
    match why {
        NoValue::NoEffect => "no value alone: it does not change the payback".into(),
        NoValue::Always => "any value: tuning pays back in time whatever it is".into(),
        NoValue::NotEnough => "no value alone is enough".into(),
        NoValue::SavesNothing => {
            "no value alone: tuning saves nothing a month to pay it back with".into()
        }
        NoValue::OutOfRange { needed, bound } => {
            let edge = match bound {
                Bound::Zero => "below 0",
                Bound::MinusOneHundredPercent => "−100 % or less",
                Bound::HoursInAMonth => "more than the 744 hours a month has",
                Bound::InputTokens => "more than the prompt's input tokens",
            };
            match needed {
                Some(v) => format!(
                    "no value alone: it would have to be {edge} ({})",
                    value(key, *v, None, currency)
                ),
                None => format!("no value alone: it would have to be {edge}"),
            }
        }
    }
}

/// The input's name for a reader, with its key: "calls per month (usage.calls_per_month)".
pub fn input_name(key: Key) -> String {
    format!("{} ({})", key_label(key), key.name())
}

/// "Tuning pays back within the 12-month target if any one of these holds", or, when it
/// already does, what keeps it so.
pub fn heading(case: &Case) -> String {
    let window = window_name(&case.eval.window);
    let others = if case.scenario.uncertain.is_empty() {
        "the others as written"
    } else {
        "the others as written, ranges at their medians"
    };
    if case
        .eval
        .payback_months
        .is_some_and(|p| p <= case.eval.window.months)
    {
        format!("Tuning pays back within {window}; it keeps doing so while each of these holds ({others})")
    } else {
        format!("Tuning pays back within {window} if any one of these holds ({others})")
    }
}

/// What explain and reports say about one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// "Tuning pays back within the 12-month target if any one of these holds (…)".
    pub heading: String,
    /// (input, "at least 55,556 (now 10,000)") for each input with a break-even value.
    pub holds: Vec<(String, String)>,
    /// (input, why: "it would have to be -$16.40") for each input no value of alone will do.
    pub alone: Vec<(String, String)>,
    /// Inputs that may take any value and tuning still pays back in time (a list apart from
    /// [`Said::alone`]: the opposite news).
    pub any: Vec<String>,
}

impl Said {
    /// The inputs no value of alone will do, in one sentence.
    pub fn alone_sentence(&self) -> Option<String> {
        (!self.alone.is_empty()).then(|| {
            let parts: Vec<String> = self
                .alone
                .iter()
                .map(|(input, why)| format!("{input} ({why})"))
                .collect();
            format!("No value of these alone will do: {}.", parts.join("; "))
        })
    }

    /// The inputs any value of which keeps the payback in time, in one sentence.
    pub fn any_sentence(&self) -> Option<String> {
        (!self.any.is_empty()).then(|| {
            format!(
                "Whatever the value of {}, it still pays back in time.",
                join_and(&self.any)
            )
        })
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why no value of an input alone will do, briefly.
fn why_not(key: Key, why: &NoValue, currency: &str) -> String {
    match why {
        NoValue::OutOfRange {
            needed: Some(v), ..
        } => format!("it would have to be {}", value(key, *v, None, currency)),
        NoValue::Always => "any value works".into(), // listed apart, see `Said::any`
        other => no_value(key, other, currency)
            .trim_start_matches("no value alone: ")
            .to_string(),
    }
}

/// What explain and reports say; inputs that do not move payback at all are left out. `None`
/// when nothing is left.
pub fn said(case: &Case) -> Option<Said> {
    let cur = &case.scenario.currency;
    let shown: Vec<&Solution> = case
        .solutions
        .iter()
        .filter(|s| !matches!(s.answer, Err(NoValue::NoEffect)))
        .collect();
    if shown.is_empty() {
        return None;
    }
    let holds = shown
        .iter()
        .filter(|s| s.answer.is_ok())
        .map(|s| {
            (
                key_label(s.key),
                format!(
                    "{} (now {})",
                    condition(s, cur),
                    current(s.key, s.current, cur)
                ),
            )
        })
        .collect();
    let alone = shown
        .iter()
        .filter_map(|s| match &s.answer {
            Err(NoValue::Always) | Ok(_) => None,
            Err(why) => Some((key_label(s.key), why_not(s.key, why, cur))),
        })
        .collect();
    let any = shown
        .iter()
        .filter(|s| matches!(s.answer, Err(NoValue::Always)))
        .map(|s| key_label(s.key))
        .collect();
    Some(Said {
        heading: heading(case),
        holds,
        alone,
        any,
    })
}

/// A decision map axis in plain words, with its unit and scale.
pub fn map_axis(along: crate::analysis::map::Along, currency: &str, log: bool) -> String {
    use crate::analysis::map::Along;
    let scale = if log { " (log scale)" } else { "" };
    match along {
        Along::Input(Key::CallsPerMonth) => format!("Calls per month in month 1{scale}"),
        Along::TokensSaved => format!("Tokens saved per call (a longer or shorter prompt){scale}"),
        Along::Input(k) if k.is_price() => {
            let mut label = key_label(k);
            if let Some(first) = label.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{label} ({currency}){scale}")
        }
        Along::Input(k) if k.is_fraction() => {
            let mut label = key_label(k);
            if let Some(first) = label.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{label} (%){scale}")
        }
        Along::Input(k) => {
            let mut label = key_label(k);
            if let Some(first) = label.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{label}{scale}")
        }
    }
}

/// The label of the scenario's point on the decision map: "this scenario: 10,000 calls,
/// $0.05 per 1k calls" and, below, "pays back in 66.67 months".
pub fn map_point(case: &Case, m: &crate::analysis::map::DecisionMap) -> String {
    use crate::analysis::map::Along;
    let cur = &case.scenario.currency;
    let show = |along: Along| match along {
        Along::Input(k) => case.scenario.inputs.get(k).map_or_else(String::new, |v| {
            format!("{} {}", current(k, *v, cur), short(k))
        }),
        Along::TokensSaved => case
            .eval
            .tokens_saved_per_call
            .map_or_else(String::new, |t| {
                format!("{} tokens saved", super::number::quantity(t))
            }),
    };
    let payback = case.eval.payback_months.map_or_else(
        || "never pays back".to_string(),
        |p| format!("pays back in {}", super::number::months_phrase(p)),
    );
    format!(
        "this scenario: {}, {}\n{payback}",
        show(m.x.along),
        show(m.y.along)
    )
}

/// A short unit for a map label: "calls/month", "per 1k calls".
fn short(key: Key) -> String {
    match key {
        Key::CallsPerMonth => "calls/month".into(),
        Key::PricePer1kCalls(_) => "per 1k calls".into(),
        other => key_label(other),
    }
}
