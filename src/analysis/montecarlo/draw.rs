//! Draws from an uncertain input's distribution, from a reproducible stream.
//!
//! Every chunk of samples has its own ChaCha8 stream: the seed picks the key, the chunk's index
//! the stream. A chunk's draws therefore do not depend on which thread runs it or on how many
//! threads there are, and ChaCha's output is fixed by its specification, so the same seed gives
//! the same draws on any machine and any version of tunecalc that keeps this code.
//!
//! Uniform draws are turned into each distribution by its quantile function where one is cheap
//! (normal by AS 241, lognormal, uniform, triangular); PERT's beta uses two gamma draws.

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::prelude::ToPrimitive;

use crate::scenario::uncertain::Dist;
use crate::stats;

/// A reproducible source of uniform draws for one chunk of samples.
pub struct Stream(ChaCha8Rng);

impl Stream {
    /// The stream of chunk `chunk` under `seed`; `salt` separates streams used for other
    /// purposes (the rank reordering of correlated inputs) from the draws themselves.
    pub fn new(seed: u64, salt: u64, chunk: u64) -> Stream {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ salt.rotate_left(32));
        rng.set_stream(chunk);
        Stream(rng)
    }

    /// A uniform draw strictly between 0 and 1: 53 random bits, centred in their cell.
    pub fn uniform(&mut self) -> f64 {
        ((self.0.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal draw.
    pub fn normal(&mut self) -> f64 {
        stats::normal_quantile(self.uniform())
    }

    /// A whole number in `0..n` (for shuffles), without modulo bias worth mentioning at the
    /// sizes used here (n ≤ 2^32).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.0.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// A distribution in the form its draws need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampler {
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    Uniform {
        low: f64,
        width: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
    Pert {
        low: f64,
        width: f64,
        alpha: f64,
        beta: f64,
    },
}

fn f(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

impl Sampler {
    pub fn of(dist: &Dist) -> Sampler {
        match *dist {
            // 5th and 95th percentiles at low and high: μ halfway between their logs, σ so
            // that ±1.645σ reaches them.
            Dist::Range { low, high } => {
                let (l, h) = (f(low).ln(), f(high).ln());
                Sampler::LogNormal {
                    mu: 0.5 * (l + h),
                    sigma: (h - l) / (2.0 * stats::Z95),
                }
            }
            Dist::Uniform { low, high } => Sampler::Uniform {
                low: f(low),
                width: f(high) - f(low),
            },
            Dist::Normal { mean, sd } => Sampler::Normal {
                mean: f(mean),
                sd: f(sd),
            },
            Dist::Triangular { low, mode, high } => Sampler::Triangular {
                low: f(low),
                mode: f(mode),
                high: f(high),
            },
            Dist::Pert { low, high, .. } => {
                let (alpha, beta) = dist.pert_shape();
                Sampler::Pert {
                    low: f(low),
                    width: f(high) - f(low),
                    alpha,
                    beta,
                }
            }
        }
    }

    /// One draw.
    pub fn draw(&self, s: &mut Stream) -> f64 {
        match *self {
            Sampler::LogNormal { mu, sigma } => (mu + sigma * s.normal()).exp(),
            Sampler::Uniform { low, width } => low + width * s.uniform(),
            Sampler::Normal { mean, sd } => mean + sd * s.normal(),
            Sampler::Triangular { low, mode, high } => {
                let u = s.uniform();
                let (w, left) = (high - low, mode - low);
                if u * w < left {
                    low + (u * w * left).sqrt()
                } else {
                    high - ((1.0 - u) * w * (high - mode)).sqrt()
                }
            }
            Sampler::Pert {
                low,
                width,
                alpha,
                beta,
            } => {
                // Beta(α, β) = X / (X + Y) with X ~ Γ(α), Y ~ Γ(β); both shapes are ≥ 1.
                let x = gamma(alpha, s);
                let y = gamma(beta, s);
                low + width * x / (x + y)
            }
        }
    }
}

/// A gamma(shape, 1) draw for shape ≥ 1 (Marsaglia and Tsang).
fn gamma(shape: f64, s: &mut Stream) -> f64 {
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let z = s.normal();
        let v = 1.0 + c * z;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = s.uniform();
        if u < 1.0 - 0.0331 * z.powi(4) || u.ln() < 0.5 * z * z + d * (1.0 - v + v.ln()) {
            return d * v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_chunk_gives_the_same_draws_and_another_chunk_others() {
        let a: Vec<f64> = {
            let mut s = Stream::new(1, 0, 7);
            (0..5).map(|_| s.uniform()).collect()
        };
        let b: Vec<f64> = {
            let mut s = Stream::new(1, 0, 7);
            (0..5).map(|_| s.uniform()).collect()
        };
        let c: Vec<f64> = {
            let mut s = Stream::new(1, 0, 8);
            (0..5).map(|_| s.uniform()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.iter().all(|u| *u > 0.0 && *u < 1.0));
    }

    #[test]
    fn draws_have_the_medians_and_spreads_written() {
        // 200,000 draws: sample quantiles within about 0.5 % of the truth.
        let n = 200_000;
        let check = |sampler: Sampler, q05: f64, q50: f64, q95: f64| {
            let mut s = Stream::new(42, 0, 0);
            let mut v: Vec<f64> = (0..n).map(|_| sampler.draw(&mut s)).collect();
            v.sort_by(f64::total_cmp);
            let at = |q: f64| stats::quantile_of_sorted(&v, q);
            for (got, want) in [(at(0.05), q05), (at(0.5), q50), (at(0.95), q95)] {
                assert!(
                    (got - want).abs() < 0.01 * want.abs().max(1.0),
                    "{sampler:?}: {got} vs {want}"
                );
            }
        };
        // "3 to 8": 5th and 95th percentiles 3 and 8, median √24.
        let range = Sampler::of(&Dist::Range {
            low: 3.into(),
            high: 8.into(),
        });
        check(range, 3.0, 24f64.sqrt(), 8.0);
        // normal(5, 1): 5 ± 1.645.
        check(
            Sampler::Normal { mean: 5.0, sd: 1.0 },
            5.0 - stats::Z95,
            5.0,
            5.0 + stats::Z95,
        );
        // uniform(3, 8): 3.25, 5.5, 7.75.
        check(
            Sampler::Uniform {
                low: 3.0,
                width: 5.0,
            },
            3.25,
            5.5,
            7.75,
        );
        // triangular(0, 0, 1): quantile 1 − √(1 − q).
        let tri = Sampler::Triangular {
            low: 0.0,
            mode: 0.0,
            high: 1.0,
        };
        check(
            tri,
            1.0 - 0.95f64.sqrt(),
            1.0 - 0.5f64.sqrt(),
            1.0 - 0.05f64.sqrt(),
        );
        // pert(0, 0.5, 1) is beta(3, 3): median 0.5, symmetric.
        let pert = Sampler::of(&Dist::Pert {
            low: 0.into(),
            mode: rust_decimal::Decimal::new(5, 1),
            high: 1.into(),
        });
        let mut s = Stream::new(3, 0, 0);
        let mut v: Vec<f64> = (0..n).map(|_| pert.draw(&mut s)).collect();
        v.sort_by(f64::total_cmp);
        let (q05, q95) = (
            stats::quantile_of_sorted(&v, 0.05),
            stats::quantile_of_sorted(&v, 0.95),
        );
        assert!((stats::quantile_of_sorted(&v, 0.5) - 0.5).abs() < 0.005);
        assert!((q05 + q95 - 1.0).abs() < 0.005, "{q05} {q95}");
        // Beta(3, 3)'s 5th percentile is 0.1892612 (I_x(3,3) = 0.05).
        assert!((stats::beta_cdf(q05, 3.0, 3.0) - 0.05).abs() < 0.003);
    }
}
