//! Checked decimal arithmetic that names what overflowed.
//!
//! `Decimal`'s operators panic on overflow and division by zero. Every calculation in the
//! engine goes through [`Checked`] instead, so a scenario with absurd numbers gets an error
//! that names the figure being computed and the inputs behind it, never a panic.

use rust_decimal::Decimal;
use std::path::Path;

use crate::error::Error;

/// Arithmetic for one scenario file; errors name that file.
#[derive(Clone, Copy)]
pub struct Checked<'a> {
    pub file: &'a Path,
}

impl Checked<'_> {
    fn overflow(&self, what: &str) -> Error {
        Error::Overflow {
            file: self.file.to_path_buf(),
            what: what.to_string(),
            hint:
                "use smaller volumes, prices or growth (exact decimals stop at about 7.9 × 10^28)"
                    .to_string(),
        }
    }

    pub fn add(&self, a: Decimal, b: Decimal, what: &str) -> Result<Decimal, Error> {
        a.checked_add(b).ok_or_else(|| self.overflow(what))
    }

    pub fn sub(&self, a: Decimal, b: Decimal, what: &str) -> Result<Decimal, Error> {
        a.checked_sub(b).ok_or_else(|| self.overflow(what))
    }

    pub fn mul(&self, a: Decimal, b: Decimal, what: &str) -> Result<Decimal, Error> {
        a.checked_mul(b).ok_or_else(|| self.overflow(what))
    }

    /// Division; callers make sure `b` is not zero, and a zero divisor is reported as an
    /// overflow of `what` rather than a panic.
    pub fn div(&self, a: Decimal, b: Decimal, what: &str) -> Result<Decimal, Error> {
        a.checked_div(b).ok_or_else(|| self.overflow(what))
    }
}
