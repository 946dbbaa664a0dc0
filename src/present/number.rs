//! Number formatting: money, counts, months, percents and plurals.
//!
//! Every amount in tunecalc is a [`Decimal`] from the scenario file to the output. Rounding
//! happens here and only here, only for display, and always half away from zero (a person
//! checking $0.125 by hand expects $0.13, not the banker's $0.12).

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds for display: half away from zero to `dp` decimal places.
pub fn round_half_away(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Groups the integer digits of a plain decimal string with commas: `"10000.5"` → `"10,000.5"`.
fn group_thousands(plain: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A number as a person writes it: no trailing zeros, thousands separated.
/// `10000` → `"10,000"`, `0.050` → `"0.05"`, `20` → `"20"`.
pub fn plain(value: Decimal) -> String {
    group_thousands(&value.normalize().to_string())
}

/// An input price in a worked formula, exact (never rounded, or the sum would not add up):
/// whole numbers as they are (`5`), others with at least two places (`0.40`, `0.035`,
/// `1.50`), thousands separated.
pub fn rate(value: Decimal) -> String {
    let mut v = value.normalize();
    // A median of a range (√(0.06 × 0.16) = 0.0979795897…) has as many digits as a decimal
    // holds: shown to six significant digits, which is what its products are shown to.
    if v.scale() > 8 {
        return significant(v, 6);
    }
    if v.fract().is_zero() {
        return plain(v);
    }
    if v.scale() < 2 {
        v.rescale(2);
    }
    let negative = v.is_sign_negative();
    let digits = group_thousands(&v.abs().to_string());
    if negative {
        format!("-{digits}")
    } else {
        digits
    }
}

/// A count in a worked formula (tokens, examples): exact as written, or to six significant
/// digits when it is a range's median with a decimal's full length of digits.
pub fn amount_of(value: Decimal) -> String {
    let v = value.normalize();
    if v.scale() > 8 {
        significant(v, 6)
    } else {
        plain(v)
    }
}

/// A number exactly as it was written, thousands separated: `"1.70"` stays `1.70`.
pub fn as_written(value: Decimal) -> String {
    group_thousands(&value.to_string())
}

/// A number rounded to exactly `dp` places, thousands separated: `66.666…` → `"66.67"`.
pub fn fixed(value: Decimal, dp: u32) -> String {
    let rounded = round_half_away(value, dp);
    let mut text = rounded.to_string();
    // `to_string` keeps the scale it has; pad when rounding left fewer places than asked.
    let have = text.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
    if have < dp {
        if have == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', (dp - have) as usize));
    }
    group_thousands(&text)
}

/// How many decimal places a money amount needs to be read honestly.
///
/// Cents (2 places) for anything of a cent or more; below that, enough places to keep six
/// significant digits, because a call that costs $0.001125 must show as exactly that (a
/// reader multiplies it by the volume to check the monthly figure), not as $0.00.
pub fn money_places(value: Decimal) -> u32 {
    let abs = value.abs();
    if abs.is_zero() || abs >= Decimal::new(1, 2) {
        return 2;
    }
    // Count the zeros after the point, then keep six significant digits.
    let mut places = 0;
    let mut scaled = abs;
    while scaled < Decimal::ONE && places < 28 {
        scaled *= Decimal::TEN;
        places += 1;
    }
    (places + 5).min(28)
}

/// An amount's digits as money shows them, without a currency: `1,241.00`, `-4.80`,
/// `0.00005`. Amounts of a cent or more get two places; smaller ones keep six significant
/// digits with trailing zeros dropped (but never fewer than two places).
pub fn amount(value: Decimal) -> String {
    let places = money_places(value);
    let mut rounded = round_half_away(value, places);
    if places > 2 {
        rounded = rounded.normalize();
        if rounded.scale() < 2 {
            rounded.rescale(2);
        }
    }
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let digits = if places > 2 {
        group_thousands(&rounded.abs().to_string())
    } else {
        fixed(rounded.abs(), 2)
    };
    if negative {
        format!("-{digits}")
    } else {
        digits
    }
}

/// Formats an amount of money for display, e.g. `$1,241.00`, `-$4.80`, `$0.00005`, or
/// `12.50 CHF` for a currency without a well-known symbol.
pub fn money(value: Decimal, currency: &str) -> String {
    let digits = amount(value);
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits.as_str()),
    };
    match currency_symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{digits}"),
        None => format!("{sign}{digits} {currency}"),
    }
}

/// A figure inside a worked formula: whole amounts as written (`20`), others as money digits
/// (`0.30`, `0.00003`), so "20 / 0.30 = 66.67" reads like the arithmetic on paper.
pub fn figure(value: Decimal) -> String {
    if value.fract().is_zero() {
        plain(value)
    } else {
        amount(value)
    }
}

/// "=" when every operand of a worked formula is shown exactly as the value it stands for,
/// else "≈": `24 months × 25.25 ≈ $605.95` when 25.25 is 25.2479… rounded for display. Each
/// pair is (the text shown, the value).
pub fn equals(operands: &[(String, Decimal)]) -> &'static str {
    let exact = operands.iter().all(|(text, value)| {
        let digits: String = text
            .chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
            .collect();
        digits.parse::<Decimal>().is_ok_and(|shown| shown == *value)
    });
    if exact {
        "="
    } else {
        "≈"
    }
}

/// The symbol written before an amount, for the currencies that have a well-known one.
pub fn currency_symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

/// Rounds up to a whole count (calls, months). `None` when the value does not fit in `u128`,
/// which cannot happen for any [`Decimal`] but is kept honest rather than unwrapped.
pub fn ceil_count(value: Decimal) -> Option<u128> {
    use rust_decimal::prelude::ToPrimitive;
    value.ceil().to_u128()
}

/// A whole count with thousands separators: `666667` → `"666,667"`.
pub fn count(value: u128) -> String {
    group_thousands(&value.to_string())
}

/// A count that may be a decimal average, as a person writes it: `2,850`, `402.3`.
pub fn quantity(value: Decimal) -> String {
    let negative = value.is_sign_negative() && !value.is_zero();
    let text = plain(round_half_away(value.abs(), 2));
    if negative {
        format!("-{text}")
    } else {
        text
    }
}

/// A figure inside a worked formula where a negative value follows an operator: `(-203.60)`,
/// so "400 − (-203.60)" never reads as "400 − -203.60".
pub fn operand(value: Decimal) -> String {
    let text = figure(value);
    if value.is_sign_negative() && !value.is_zero() {
        format!("({text})")
    } else {
        text
    }
}

/// Months as a figure: whole months as written (`12`), others to two places (`66.67`).
pub fn months(value: Decimal) -> String {
    if value.fract().is_zero() {
        plain(value)
    } else {
        fixed(value, 2)
    }
}

/// "1 month", "12 months", "66.67 months", "0.71 months".
pub fn months_phrase(value: Decimal) -> String {
    format!(
        "{} month{}",
        months(value),
        if value == Decimal::ONE { "" } else { "s" }
    )
}

/// "12-month", for "the 12-month target".
pub fn months_adjective(value: Decimal) -> String {
    format!("{}-month", months(value))
}

/// A whole number of things with its noun: "1 epoch", "3 epochs", "1,000 examples".
pub fn plural(n: u128, singular: &str, plural: &str) -> String {
    format!("{} {}", count(n), if n == 1 { singular } else { plural })
}

/// A fraction as a percent: `0.05` → `"5 %"`, `-0.125` → `"-12.5 %"`.
pub fn percent(fraction: Decimal) -> String {
    let pct = fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| fraction.to_string(), |p| plain(round_half_away(p, 4)));
    format!("{pct} %")
}

/// A Monte Carlo estimate to three significant digits, thousands separated, never in
/// exponent form: `1,230,000`, `6.42`, `0.00123`, `-87.5`.
pub fn estimate(x: f64) -> String {
    if !x.is_finite() {
        return if x > 0.0 { "∞".into() } else { "-∞".into() };
    }
    if x == 0.0 {
        return "0".into();
    }
    let magnitude = x.abs().log10().floor() as i32;
    let rounded = Decimal::from_f64_retain(x.abs())
        .map(|d| {
            if magnitude >= 3 {
                // Three significant digits left of the point: 1,234,567 → 1,230,000.
                let unit = Decimal::from(10i64.pow((magnitude - 2).min(18) as u32));
                round_half_away(d / unit, 0) * unit
            } else {
                round_half_away(d, (2 - magnitude) as u32)
            }
        })
        .unwrap_or_default();
    let digits = plain(rounded);
    if x < 0.0 && !rounded.is_zero() {
        format!("-{digits}")
    } else {
        digits
    }
}

/// A decimal to `digits` significant digits (half away from zero), thousands separated: a
/// median such as √(300 × 900) = 519.615 shown without its 26 further digits.
pub fn significant(value: Decimal, digits: u32) -> String {
    if value.is_zero() {
        return "0".into();
    }
    let magnitude = value
        .abs()
        .to_string()
        .split('.')
        .next()
        .map_or(0, |whole| {
            if whole == "0" {
                // 0.00123: count the zeros after the point.
                let frac = value.abs().to_string();
                let zeros = frac
                    .split('.')
                    .nth(1)
                    .map_or(0, |f| f.chars().take_while(|c| *c == '0').count());
                -(zeros as i32) - 1
            } else {
                whole.len() as i32 - 1
            }
        });
    let places = (digits as i32 - 1 - magnitude).max(0) as u32;
    plain(round_half_away(value, places))
}

/// An amount of money estimated from samples: `$1,230`, `-$87.5`.
pub fn money_estimate(x: f64, currency: &str) -> String {
    let digits = estimate(x.abs());
    let sign = if x < 0.0 && digits != "0" { "-" } else { "" };
    match currency_symbol(currency) {
        Some(sym) => format!("{sign}{sym}{digits}"),
        None => format!("{sign}{digits} {currency}"),
    }
}

/// A share of a whole (0 to 1) as a percent, tiny ones as "< 0.1 %" (below what the samples
/// can tell apart from nothing).
pub fn share(p: f64) -> String {
    if p > 0.0 && p < 0.001 {
        "< 0.1 %".into()
    } else {
        chance(p)
    }
}

/// A chance (0 to 1) as a percent to three significant digits: `56.3 %`, `100 %`, `0.05 %`.
pub fn chance(p: f64) -> String {
    if p <= 0.0 {
        "0 %".into()
    } else if p >= 1.0 {
        "100 %".into()
    } else {
        format!("{} %", estimate(p * 100.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn estimates_keep_three_significant_digits() {
        assert_eq!(estimate(1_234_567.0), "1,230,000");
        assert_eq!(estimate(6.4249), "6.42");
        assert_eq!(estimate(0.001_234_5), "0.00123");
        assert_eq!(estimate(-87.54), "-87.5");
        assert_eq!(estimate(12.0), "12");
        assert_eq!(estimate(999.6), "1,000");
        assert_eq!(chance(0.5634), "56.3 %");
        assert_eq!(chance(1.0), "100 %");
        assert_eq!(chance(0.0005), "0.05 %");
        assert_eq!(money_estimate(-1234.5, "USD"), "-$1,230");
        assert_eq!(
            significant(d("519.61524227066318805823390245"), 6),
            "519.615"
        );
        assert_eq!(significant(d("0.0012345678"), 3), "0.00123");
        assert_eq!(significant(d("60000"), 6), "60,000");
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn rounding_is_half_away_from_zero_not_bankers() {
        // Banker's rounding would give 0.12 and -0.12.
        assert_eq!(round_half_away(d("0.125"), 2), d("0.13"));
        assert_eq!(round_half_away(d("-0.125"), 2), d("-0.13"));
    }

    #[test]
    fn money_shows_cents_with_separators() {
        assert_eq!(money(d("0.3"), "USD"), "$0.30");
        assert_eq!(money(d("1241"), "USD"), "$1,241.00");
        assert_eq!(money(d("-4.8"), "USD"), "-$4.80");
        assert_eq!(money(d("1234567.891"), "EUR"), "€1,234,567.89");
        assert_eq!(money(d("12.5"), "CHF"), "12.50 CHF");
    }

    #[test]
    fn money_keeps_tiny_per_call_prices_exact_to_six_significant_digits() {
        assert_eq!(money(d("0.00005"), "USD"), "$0.00005");
        assert_eq!(money(d("0.00096"), "USD"), "$0.00096");
        assert_eq!(money(d("0.001125"), "USD"), "$0.001125");
        assert_eq!(money(d("0.0001234567"), "USD"), "$0.000123457");
        assert_eq!(money(d("0.0005"), "USD"), "$0.0005");
        assert_eq!(money(d("0"), "USD"), "$0.00");
    }

    #[test]
    fn fixed_pads_and_rounds() {
        assert_eq!(fixed(d("66.6666"), 2), "66.67");
        assert_eq!(fixed(d("5"), 2), "5.00");
        assert_eq!(fixed(d("12345.5"), 2), "12,345.50");
    }

    #[test]
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(d("10000")), "10,000");
        assert_eq!(plain(d("0.050")), "0.05");
        assert_eq!(plain(d("-1234.5")), "-1,234.5");
    }

    #[test]
    fn months_and_plurals_read_like_prose() {
        assert_eq!(months_phrase(d("1")), "1 month");
        assert_eq!(months_phrase(d("0.71")), "0.71 months");
        assert_eq!(months_phrase(d("66.666666")), "66.67 months");
        assert_eq!(months_adjective(d("12")), "12-month");
        assert_eq!(plural(1, "epoch", "epochs"), "1 epoch");
        assert_eq!(plural(3, "epoch", "epochs"), "3 epochs");
        assert_eq!(percent(d("0.05")), "5 %");
        assert_eq!(percent(d("-0.125")), "-12.5 %");
        assert_eq!(operand(d("-203.6")), "(-203.60)");
        assert_eq!(operand(d("400")), "400");
        assert_eq!(quantity(d("402.3")), "402.3");
        assert_eq!(quantity(d("2850")), "2,850");
    }

    #[test]
    fn counts_round_up() {
        assert_eq!(ceil_count(d("666666.67")), Some(666_667));
        assert_eq!(count(666_667), "666,667");
    }

    #[test]
    fn a_formula_says_approximately_when_an_operand_is_rounded_for_display() {
        let d = |t: &str| t.parse::<Decimal>().expect("decimal");
        // 20 / 0.30: both shown as they are.
        assert_eq!(
            equals(&[(figure(d("20")), d("20")), (figure(d("0.3")), d("0.3"))]),
            "="
        );
        // 25.2479… is shown as 25.25; (-5.06) and 1,224 parse back exactly.
        assert_eq!(equals(&[(figure(d("25.2479")), d("25.2479"))]), "≈");
        assert_eq!(equals(&[(operand(d("-5.06")), d("-5.06"))]), "=");
        assert_eq!(equals(&[(figure(d("1224")), d("1224"))]), "=");
    }
}
