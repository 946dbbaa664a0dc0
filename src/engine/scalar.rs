//! The numbers the engine computes with: exact decimals for the figures a user reads, `f64`
//! for samples and curves. One set of formulas serves both, written against [`Scalar`].
//!
//! Every operation is checked: `None` means the result left the type's range (a decimal ends
//! near 7.9 × 10^28) or was undefined (division by zero). The engine turns `None` into an
//! error that names what it was computing ([`super::Figure`]), never a panic.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use std::fmt::Debug;

/// A number the cash-flow formulas can be evaluated in.
pub trait Scalar: Copy + PartialOrd + Debug + Send + Sync + 'static {
    const ZERO: Self;
    const ONE: Self;
    fn from_u64(n: u64) -> Self;
    fn checked_add(self, o: Self) -> Option<Self>;
    fn checked_sub(self, o: Self) -> Option<Self>;
    fn checked_mul(self, o: Self) -> Option<Self>;
    fn checked_div(self, o: Self) -> Option<Self>;
    /// `self^n` by repeated squaring.
    fn checked_powi(self, n: u32) -> Option<Self>;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn to_f64(self) -> f64;
    /// From an estimate; `None` when out of range or not finite.
    fn from_f64(x: f64) -> Option<Self>;

    fn is_positive(self) -> bool {
        self > Self::ZERO
    }

    fn max(self, o: Self) -> Self {
        if o > self {
            o
        } else {
            self
        }
    }

    fn min(self, o: Self) -> Self {
        if o < self {
            o
        } else {
            self
        }
    }
}

impl Scalar for Decimal {
    const ZERO: Self = Decimal::ZERO;
    const ONE: Self = Decimal::ONE;

    fn from_u64(n: u64) -> Self {
        Decimal::from(n)
    }
    fn checked_add(self, o: Self) -> Option<Self> {
        Decimal::checked_add(self, o)
    }
    fn checked_sub(self, o: Self) -> Option<Self> {
        Decimal::checked_sub(self, o)
    }
    fn checked_mul(self, o: Self) -> Option<Self> {
        Decimal::checked_mul(self, o)
    }
    fn checked_div(self, o: Self) -> Option<Self> {
        Decimal::checked_div(self, o)
    }
    fn checked_powi(self, n: u32) -> Option<Self> {
        let (mut base, mut n, mut acc) = (self, n, Decimal::ONE);
        while n > 0 {
            if n & 1 == 1 {
                acc = acc.checked_mul(base)?;
            }
            n >>= 1;
            if n > 0 {
                base = base.checked_mul(base)?;
            }
        }
        Some(acc)
    }
    fn floor(self) -> Self {
        Decimal::floor(&self)
    }
    fn ceil(self) -> Self {
        Decimal::ceil(&self)
    }
    fn to_f64(self) -> f64 {
        ToPrimitive::to_f64(&self).unwrap_or(f64::NAN)
    }
    fn from_f64(x: f64) -> Option<Self> {
        if x.is_finite() {
            <Decimal as FromPrimitive>::from_f64(x)
        } else {
            None
        }
    }
}

/// `Some` only for a finite result: an infinite or undefined `f64` is treated as an overflow,
/// like a decimal's.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

impl Scalar for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;

    fn from_u64(n: u64) -> Self {
        n as f64
    }
    fn checked_add(self, o: Self) -> Option<Self> {
        finite(self + o)
    }
    fn checked_sub(self, o: Self) -> Option<Self> {
        finite(self - o)
    }
    fn checked_mul(self, o: Self) -> Option<Self> {
        finite(self * o)
    }
    fn checked_div(self, o: Self) -> Option<Self> {
        if o == 0.0 {
            None
        } else {
            finite(self / o)
        }
    }
    fn checked_powi(self, n: u32) -> Option<Self> {
        finite(self.powi(i32::try_from(n).unwrap_or(i32::MAX)))
    }
    fn floor(self) -> Self {
        f64::floor(self)
    }
    fn ceil(self) -> Self {
        f64::ceil(self)
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(x: f64) -> Option<Self> {
        finite(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn decimal_powers_are_exact_while_they_fit() {
        let r = Decimal::from_str("1.2").expect("literal");
        // 1.2^10 = 6.1917364224 exactly.
        assert_eq!(
            r.checked_powi(10),
            Some(Decimal::from_str("6.1917364224").expect("literal"))
        );
        assert_eq!(r.checked_powi(0), Some(Decimal::ONE));
        assert_eq!(Decimal::from(10).checked_powi(29), None);
        assert_eq!(Decimal::ZERO.checked_powi(0), Some(Decimal::ONE));
    }

    #[test]
    fn f64_overflow_is_none_like_a_decimal() {
        assert_eq!(1e300_f64.checked_mul(1e300), None);
        assert_eq!(1.0_f64.checked_div(0.0), None);
        assert_eq!(2.0_f64.checked_powi(10), Some(1024.0));
    }
}
