//! Uncertain inputs: a range or a distribution written where a number would be.
//!
//! | written | read as |
//! |---|---|
//! | `"3 to 8"`, `"20% to 40%"` | lognormal with 3 and 8 as its 5th and 95th percentiles |
//! | `"uniform(3, 8)"` | uniform between the two |
//! | `"normal(5, 1)"` | mean and standard deviation |
//! | `"triangular(1, 2, 5)"`, `"pert(1, 2, 5)"` | low, most likely, high |
//!
//! The point figures use each input's median, exact as far as a decimal allows (a square root
//! to 28 digits; a PERT median, which has no closed form, to about 15 significant digits).

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, MathematicalOps};

use crate::stats;

/// How an uncertain input is distributed; values in the input's own units (a percent already
/// divided by 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dist {
    /// `"low to high"`: lognormal with `low` and `high` as its 5th and 95th percentiles.
    Range {
        low: Decimal,
        high: Decimal,
    },
    Uniform {
        low: Decimal,
        high: Decimal,
    },
    Normal {
        mean: Decimal,
        sd: Decimal,
    },
    Triangular {
        low: Decimal,
        mode: Decimal,
        high: Decimal,
    },
    /// Beta-PERT: a beta distribution between `low` and `high` with `mode` most likely.
    Pert {
        low: Decimal,
        mode: Decimal,
        high: Decimal,
    },
}

/// An input written as a range, with the bounds its draws are held to.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertainInput {
    pub key: crate::scenario::Key,
    pub dist: Dist,
    /// Written with percents (shown back that way).
    pub percent: bool,
    /// Draws below this are raised to it (a normal's tail below 0 tokens, say).
    pub floor: Option<Decimal>,
    /// Draws above this are lowered to it (744 hours in a month).
    pub ceiling: Option<Decimal>,
}

/// Two uncertain inputs that move together: Spearman's rank correlation between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    pub a: crate::scenario::Key,
    pub b: crate::scenario::Key,
    /// Between −1 and 1 (exclusive).
    pub rank_correlation: Decimal,
}

/// The largest share of draws a normal may put past an input's bound before the range is
/// refused: past it the clamped tail would distort the answer.
pub const MAX_CLAMPED_SHARE: f64 = 0.025;

/// A range that cannot be read: what is wrong, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub message: String,
    pub help: String,
}

fn unreadable(message: impl Into<String>, help: impl Into<String>) -> Unreadable {
    Unreadable {
        message: message.into(),
        help: help.into(),
    }
}

/// A distribution written by name: `name(a, b)` or `name(a, b, c)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// The name as written (any letter case is read).
    pub name: &'static str,
    /// How many numbers go between the parentheses.
    pub numbers: usize,
    /// What the numbers mean, with an example: "normal(mean, standard deviation), e.g. …".
    pub usage: &'static str,
}

/// Every named distribution [`parse`] reads (besides `"low to high"`); the JSON Schema of the
/// scenario format is built from the same list.
pub const FORMS: [Form; 4] = [
    Form {
        name: "uniform",
        numbers: 2,
        usage: "uniform(low, high), e.g. \"uniform(3, 8)\"",
    },
    Form {
        name: "normal",
        numbers: 2,
        usage: "normal(mean, standard deviation), e.g. \"normal(5, 1)\"",
    },
    Form {
        name: "triangular",
        numbers: 3,
        usage: "triangular(low, most likely, high), e.g. \"triangular(1, 2, 5)\"",
    },
    Form {
        name: "pert",
        numbers: 3,
        usage: "pert(low, most likely, high), e.g. \"pert(1, 2, 5)\"",
    },
];

/// Whether `text` is written as a range or distribution rather than a single number.
pub fn looks_uncertain(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t.contains(" to ")
        || t.ends_with(" to")
        || t.starts_with("to ")
        || t.contains('(')
        || t.contains("+-")
        || t.contains("+/-")
        || t.contains('±')
}

/// A number inside a range; `percent` says whether it was written with `%`.
fn number(text: &str) -> Result<(Decimal, bool), Unreadable> {
    super::raw::parse_number(text)
        .map(|n| (n.value, n.percent))
        .map_err(|m| {
            unreadable(
                m,
                "write a range as \"3 to 8\" or a distribution such as \"normal(5, 1)\"",
            )
        })
}

/// The shortest text for a decimal in a suggestion.
fn show(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Reads a range or distribution. The caller has checked [`looks_uncertain`]. Returns the
/// distribution and whether its numbers were written as percents.
pub fn parse(text: &str) -> Result<(Dist, bool), Unreadable> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for sep in ["+/-", "+-", "±"] {
        if let Some((m, s)) = t.split_once(sep) {
            let (mean, sd) = (m.trim(), s.trim());
            let mut help =
                format!("write \"normal({mean}, {sd})\" for a mean and standard deviation");
            // The 90 % range of that normal, when it stays above 0 (a range is lognormal).
            if let (Ok((m, _)), Ok((s, _))) = (number(mean), number(sd)) {
                let z = Decimal::from_f64(stats::Z95).unwrap_or(Decimal::ONE);
                let spread = s.checked_mul(z);
                let ends = spread.and_then(|d| Some((m.checked_sub(d)?, m.checked_add(d)?)));
                if let Some((low, high)) = ends.filter(|(low, _)| *low > Decimal::ZERO) {
                    help.push_str(&format!(
                        ", or a 90 % range such as \"{} to {}\"",
                        show(low.round_dp(2)),
                        show(high.round_dp(2))
                    ));
                }
            }
            return Err(unreadable(
                format!("\"{t}\" is not a form tunecalc reads"),
                help,
            ));
        }
    }
    if let Some(open) = t.find('(') {
        let name = lower[..open].trim().to_string();
        let Some(inner) = t[open + 1..].trim_end().strip_suffix(')') else {
            return Err(unreadable(
                format!("\"{t}\" has no closing parenthesis"),
                format!("close it: \"{})\"", t.trim_end()),
            ));
        };
        let args: Vec<&str> = inner.split(',').map(str::trim).collect();
        if name == "lognormal" {
            return Err(unreadable(
                format!("\"{t}\": write a lognormal as its 90 % range"),
                "\"3 to 8\" is the lognormal whose 5th and 95th percentiles are 3 and 8",
            ));
        }
        let Some(form) = FORMS.iter().find(|f| f.name == name) else {
            return Err(unreadable(
                format!("unknown distribution \"{name}\""),
                "use \"3 to 8\" (a 90 % range, lognormal), uniform(a, b), normal(mean, sd), triangular(low, mode, high) or pert(low, mode, high)",
            ));
        };
        let wanted = (form.numbers, form.usage);
        if args.len() != wanted.0 || args.iter().any(|a| a.is_empty()) {
            return Err(unreadable(
                format!(
                    "{name} takes {} numbers, found {}",
                    wanted.0,
                    args.iter().filter(|a| !a.is_empty()).count()
                ),
                format!("write {}", wanted.1),
            ));
        }
        let mut values = Vec::with_capacity(args.len());
        let mut percents = Vec::with_capacity(args.len());
        for a in &args {
            let (v, p) = number(a)?;
            values.push(v);
            percents.push(p);
        }
        let percent = percents[0];
        if percents.iter().any(|p| *p != percent) {
            return Err(unreadable(
                format!("\"{t}\" mixes percents and plain numbers"),
                "write every number with % or none",
            ));
        }
        let dist = match name.as_str() {
            "uniform" => {
                let (low, high) = (values[0], values[1]);
                if low == high {
                    return Err(unreadable(
                        format!("uniform({}, {}) has no width", show(low), show(high)),
                        format!(
                            "for a known value write the number itself: \"{}\"",
                            show(low)
                        ),
                    ));
                }
                if low >= high {
                    return Err(unreadable(
                        format!(
                            "uniform({}, {}): the low end must be below the high end",
                            show(low),
                            show(high)
                        ),
                        format!(
                            "write \"uniform({}, {})\"",
                            show(high.min(low)),
                            show(high.max(low))
                        ),
                    ));
                }
                Dist::Uniform { low, high }
            }
            "normal" => {
                let (mean, sd) = (values[0], values[1]);
                if sd <= Decimal::ZERO {
                    return Err(unreadable(
                        format!(
                            "normal({}, {}): the standard deviation must be above 0",
                            show(mean),
                            show(sd)
                        ),
                        "write \"normal(mean, standard deviation)\", e.g. \"normal(5, 1)\"",
                    ));
                }
                Dist::Normal { mean, sd }
            }
            _ => {
                let (low, mode, high) = (values[0], values[1], values[2]);
                if !(low <= mode && mode <= high && low < high) {
                    return Err(unreadable(
                        format!(
                            "{name}({}, {}, {}): expected low ≤ most likely ≤ high, with low below high",
                            show(low),
                            show(mode),
                            show(high)
                        ),
                        format!("write \"{name}(low, most likely, high)\", e.g. \"{name}(1, 2, 5)\""),
                    ));
                }
                if name == "triangular" {
                    Dist::Triangular { low, mode, high }
                } else {
                    Dist::Pert { low, mode, high }
                }
            }
        };
        return Ok((dist, percent));
    }
    // "a to b"
    let parts: Vec<&str> = lower.splitn(2, "to").map(str::trim).collect();
    let (a, b) = match parts.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() => (*a, *b),
        _ => {
            return Err(unreadable(
                format!("\"{t}\" needs two ends"),
                "write a 90 % range with both ends, e.g. \"3 to 8\"",
            ))
        }
    };
    let ((low, pl), (high, ph)) = (number(a)?, number(b)?);
    if pl != ph {
        return Err(unreadable(
            format!("\"{t}\" mixes a percent and a plain number"),
            "write both ends with % (\"20% to 40%\") or neither",
        ));
    }
    let unit = if pl { "%" } else { "" };
    let hundred = |v: Decimal| if pl { v * Decimal::ONE_HUNDRED } else { v };
    if low <= Decimal::ZERO || high <= Decimal::ZERO {
        let mid = low / Decimal::TWO + high / Decimal::TWO;
        let sd = ((high / Decimal::TWO - low / Decimal::TWO).abs()
            / Decimal::from_f64(stats::Z95).unwrap_or(Decimal::ONE))
        .round_dp(3);
        return Err(unreadable(
            format!("\"{t}\" is read as a lognormal range, so both ends must be above 0"),
            format!(
                "for a range that reaches 0 or below write \"uniform({}{unit}, {}{unit})\" or \"normal({}{unit}, {}{unit})\"",
                show(hundred(low.min(high))),
                show(hundred(low.max(high))),
                show(hundred(mid)),
                show(hundred(sd))
            ),
        ));
    }
    if low == high {
        return Err(unreadable(
            format!("\"{t}\" has no width"),
            format!(
                "for a known value write the number itself: \"{}{unit}\"",
                show(hundred(low))
            ),
        ));
    }
    if low >= high {
        return Err(unreadable(
            format!("\"{t}\": the low end must come first and be below the high end"),
            format!(
                "did you mean \"{}{unit} to {}{unit}\"?",
                show(hundred(high)),
                show(hundred(low))
            ),
        ));
    }
    Ok((Dist::Range { low, high }, pl))
}

impl Dist {
    /// The median: the value the point figures use.
    pub fn median(&self) -> Decimal {
        match *self {
            // √(low × high): the lognormal's median is the geometric mean of its 5th and 95th
            // percentiles.
            Dist::Range { low, high } => low
                .checked_mul(high)
                .and_then(|p| p.sqrt())
                .unwrap_or_else(|| from_f64((low.to_f64_lossy() * high.to_f64_lossy()).sqrt())),
            Dist::Uniform { low, high } => low / Decimal::TWO + high / Decimal::TWO,
            Dist::Normal { mean, .. } => mean,
            Dist::Triangular { low, mode, high } => {
                // Exact where the products fit a decimal; else the same formula in f64.
                let exact = || -> Option<Decimal> {
                    let width = high.checked_sub(low)?;
                    if (mode.checked_sub(low)?).checked_mul(Decimal::TWO)? >= width {
                        low.checked_add(
                            (width.checked_mul(mode.checked_sub(low)?)? / Decimal::TWO).sqrt()?,
                        )
                    } else {
                        high.checked_sub(
                            (width.checked_mul(high.checked_sub(mode)?)? / Decimal::TWO).sqrt()?,
                        )
                    }
                };
                exact().unwrap_or_else(|| {
                    let (l, m, h) = (low.to_f64_lossy(), mode.to_f64_lossy(), high.to_f64_lossy());
                    let w = h - l;
                    from_f64(if (m - l) * 2.0 >= w {
                        l + (w * (m - l) / 2.0).sqrt()
                    } else {
                        h - (w * (h - m) / 2.0).sqrt()
                    })
                })
            }
            Dist::Pert { low, high, .. } => {
                let (a, b) = self.pert_shape();
                let x = from_f64(stats::beta_median(a, b));
                // low + x (high − low), as a mix of the two ends so nothing overflows.
                (Decimal::ONE - x)
                    .checked_mul(low)
                    .zip(x.checked_mul(high))
                    .and_then(|(a, b)| a.checked_add(b))
                    .unwrap_or(low)
            }
        }
    }

    /// PERT's beta shape: α = 1 + 4 (mode − low) / (high − low), β = 1 + 4 (high − mode) /
    /// (high − low).
    pub fn pert_shape(&self) -> (f64, f64) {
        match *self {
            Dist::Pert { low, mode, high } => {
                let (l, m, h) = (low.to_f64_lossy(), mode.to_f64_lossy(), high.to_f64_lossy());
                let w = h - l;
                (1.0 + 4.0 * (m - l) / w, 1.0 + 4.0 * (h - m) / w)
            }
            _ => (1.0, 1.0),
        }
    }

    /// The least value a draw can take (−∞ for a normal).
    pub fn lowest(&self) -> Option<Decimal> {
        match *self {
            Dist::Range { .. } => Some(Decimal::ZERO),
            Dist::Uniform { low, .. } | Dist::Triangular { low, .. } | Dist::Pert { low, .. } => {
                Some(low)
            }
            Dist::Normal { .. } => None,
        }
    }

    /// The share of draws below `x`: the distribution function.
    pub fn share_below(&self, x: Decimal) -> f64 {
        let x = x.to_f64_lossy();
        match *self {
            Dist::Range { low, high } => {
                if x <= 0.0 {
                    return 0.0;
                }
                let (l, h) = (low.to_f64_lossy().ln(), high.to_f64_lossy().ln());
                let (mu, sigma) = (0.5 * (l + h), (h - l) / (2.0 * stats::Z95));
                stats::normal_cdf((x.ln() - mu) / sigma)
            }
            Dist::Uniform { low, high } => {
                let (a, b) = (low.to_f64_lossy(), high.to_f64_lossy());
                ((x - a) / (b - a)).clamp(0.0, 1.0)
            }
            Dist::Normal { mean, sd } => {
                stats::normal_cdf((x - mean.to_f64_lossy()) / sd.to_f64_lossy())
            }
            Dist::Triangular { low, mode, high } => {
                let (a, c, b) = (low.to_f64_lossy(), mode.to_f64_lossy(), high.to_f64_lossy());
                if x <= a {
                    0.0
                } else if x >= b {
                    1.0
                } else if x <= c {
                    (x - a).powi(2) / ((b - a) * (c - a))
                } else {
                    1.0 - (b - x).powi(2) / ((b - a) * (b - c))
                }
            }
            Dist::Pert { low, high, .. } => {
                let (a, b) = (low.to_f64_lossy(), high.to_f64_lossy());
                let (alpha, beta) = self.pert_shape();
                stats::beta_cdf(((x - a) / (b - a)).clamp(0.0, 1.0), alpha, beta)
            }
        }
    }

    /// Whether the distribution stops at written ends (uniform, triangular, PERT), rather than
    /// thinning out for ever (normal, lognormal).
    pub fn is_bounded(&self) -> bool {
        matches!(
            self,
            Dist::Uniform { .. } | Dist::Triangular { .. } | Dist::Pert { .. }
        )
    }

    /// The function-style name: `lognormal`, `uniform`, `normal`, `triangular`, `pert`.
    pub fn family(&self) -> &'static str {
        match self {
            Dist::Range { .. } => "lognormal",
            Dist::Uniform { .. } => "uniform",
            Dist::Normal { .. } => "normal",
            Dist::Triangular { .. } => "triangular",
            Dist::Pert { .. } => "pert",
        }
    }

    /// The range as a scenario writes it, its numbers as percents when `percent` (values
    /// times 100): `3 to 8`, `5% to 8%`, `uniform(1%, 5%)`.
    pub fn written(&self, percent: bool) -> String {
        let n = |d: Decimal| {
            if percent {
                // A fraction near a decimal's limit has no percent that fits: say it as written.
                d.checked_mul(Decimal::ONE_HUNDRED).map_or_else(
                    || format!("{} × 100%", d.normalize()),
                    |p| format!("{}%", p.normalize()),
                )
            } else {
                d.normalize().to_string()
            }
        };
        let p = self.parameters();
        match self {
            Dist::Range { .. } => format!("{} to {}", n(p[0]), n(p[1])),
            _ => format!(
                "{}({})",
                self.family(),
                p.iter().map(|d| n(*d)).collect::<Vec<_>>().join(", ")
            ),
        }
    }

    /// The same shape with every number multiplied by `factor` (a number that would leave a
    /// decimal's range is kept as it was; callers scale down, by 0.01).
    pub fn scaled(&self, factor: Decimal) -> Dist {
        let m = |d: Decimal| d.checked_mul(factor).unwrap_or(d);
        match *self {
            Dist::Range { low, high } => Dist::Range {
                low: m(low),
                high: m(high),
            },
            Dist::Uniform { low, high } => Dist::Uniform {
                low: m(low),
                high: m(high),
            },
            Dist::Normal { mean, sd } => Dist::Normal {
                mean: m(mean),
                sd: m(sd),
            },
            Dist::Triangular { low, mode, high } => Dist::Triangular {
                low: m(low),
                mode: m(mode),
                high: m(high),
            },
            Dist::Pert { low, mode, high } => Dist::Pert {
                low: m(low),
                mode: m(mode),
                high: m(high),
            },
        }
    }

    /// The distribution's numbers in the order they are written.
    pub fn parameters(&self) -> Vec<Decimal> {
        match *self {
            Dist::Range { low, high } | Dist::Uniform { low, high } => vec![low, high],
            Dist::Normal { mean, sd } => vec![mean, sd],
            Dist::Triangular { low, mode, high } | Dist::Pert { low, mode, high } => {
                vec![low, mode, high]
            }
        }
    }
}

trait Lossy {
    fn to_f64_lossy(&self) -> f64;
}

impl Lossy for Decimal {
    fn to_f64_lossy(&self) -> f64 {
        self.to_f64().unwrap_or(f64::NAN)
    }
}

/// A decimal from an `f64` computed to about 15 significant digits.
fn from_f64(x: f64) -> Decimal {
    Decimal::from_f64(x)
        .map(|d| {
            let digits = if d.is_zero() {
                15
            } else {
                (15 - d.abs().to_f64_lossy().log10().floor() as i32 - 1).clamp(0, 28)
            };
            d.round_dp(digits as u32).normalize()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn every_written_form_is_read() {
        assert_eq!(
            parse("3 to 8"),
            Ok((
                Dist::Range {
                    low: d("3"),
                    high: d("8")
                },
                false
            ))
        );
        assert_eq!(
            parse("20% to 40%"),
            Ok((
                Dist::Range {
                    low: d("0.2"),
                    high: d("0.4")
                },
                true
            ))
        );
        assert_eq!(
            parse("uniform(3, 8)"),
            Ok((
                Dist::Uniform {
                    low: d("3"),
                    high: d("8")
                },
                false
            ))
        );
        assert_eq!(
            parse("Normal( 5 , 1 )"),
            Ok((
                Dist::Normal {
                    mean: d("5"),
                    sd: d("1")
                },
                false
            ))
        );
        assert_eq!(
            parse("pert(1, 2, 5)"),
            Ok((
                Dist::Pert {
                    low: d("1"),
                    mode: d("2"),
                    high: d("5")
                },
                false
            ))
        );
    }

    #[test]
    fn medians_are_exact_where_a_closed_form_exists() {
        // √(3 × 8) = √24 = 4.898979485566356196394568149…
        let m = Dist::Range {
            low: d("3"),
            high: d("8"),
        }
        .median();
        assert!(
            m.to_string().starts_with("4.8989794855663561963945681"),
            "{m}"
        );
        assert_eq!(
            Dist::Uniform {
                low: d("3"),
                high: d("8")
            }
            .median(),
            d("5.5")
        );
        // Triangular(0, 0, 1): 1 − √(1/2) = 0.29289321881345…
        let t = Dist::Triangular {
            low: d("0"),
            mode: d("0"),
            high: d("1"),
        }
        .median();
        assert!(t.to_string().starts_with("0.292893218813452475599"), "{t}");
        // PERT(0, 0.5, 1) is beta(3, 3), symmetric: median 0.5.
        assert_eq!(
            Dist::Pert {
                low: d("0"),
                mode: d("0.5"),
                high: d("1")
            }
            .median(),
            d("0.5")
        );
    }

    #[test]
    fn mistakes_get_the_form_that_was_meant() {
        let e = parse("8 to 3").expect_err("refused");
        assert!(e.help.contains("\"3 to 8\""), "{e:?}");
        let e = parse("-1 to 5").expect_err("refused");
        assert!(
            e.help.contains("uniform(-1, 5)") && e.help.contains("normal(2,"),
            "{e:?}"
        );
        let e = parse("3 to").expect_err("refused");
        assert!(e.message.contains("needs two ends"), "{e:?}");
        let e = parse("normal(5)").expect_err("refused");
        assert!(e.message.contains("takes 2 numbers, found 1"), "{e:?}");
        let e = parse("5 +- 1").expect_err("refused");
        assert!(e.help.contains("normal(5, 1)"), "{e:?}");
        let e = parse("5% to 8").expect_err("refused");
        assert!(e.message.contains("mixes"), "{e:?}");
        let e = parse("beta(1, 2)").expect_err("refused");
        assert!(e.message.contains("unknown distribution"), "{e:?}");
        let e = parse("triangular(1, 7, 5)").expect_err("refused");
        assert!(e.message.contains("low ≤ most likely ≤ high"), "{e:?}");
    }
}
