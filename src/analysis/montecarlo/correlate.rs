//! Correlated inputs by rank (Iman and Conover, 1982).
//!
//! The inputs are drawn independently; then each column is reordered, without changing any
//! value, so that the columns' ranks follow a set of scores with the wanted correlations. Every
//! input keeps exactly its own distribution; only which values meet in a sample changes.
//!
//! The scores are van der Waerden's normal scores Φ⁻¹(i / (n + 1)), shuffled independently per
//! column (each shuffle from its own seeded stream), then mixed by `P·Q⁻¹` where `P·Pᵀ` is the
//! wanted correlation of the scores and `Q·Qᵀ` their correlation as shuffled (the correction
//! that makes the result exact rather than approximate). A Spearman correlation ρₛ asks for
//! normal scores correlated `2 sin(πρₛ / 6)`.

use super::draw::Stream;
use crate::stats;

/// Salt of the streams that shuffle the scores (apart from the draws' streams).
const SHUFFLE_SALT: u64 = 0x5348_5546_464c_4521;

/// Reorders `columns` (each of the same length) so that their rank correlations are about
/// `target` (row-major `k × k`, ones on the diagonal, Spearman). `None` when the target is not
/// a possible correlation matrix.
pub fn reorder(columns: &mut [Vec<f64>], target: &[f64], seed: u64) -> Option<()> {
    let k = columns.len();
    let n = columns.first().map_or(0, Vec::len);
    if k < 2 || n < 3 {
        return Some(());
    }
    // The normal-score correlation that gives the wanted Spearman correlation.
    let pearson: Vec<f64> = target
        .iter()
        .map(|r| 2.0 * (std::f64::consts::PI * r / 6.0).sin())
        .collect();
    let p = stats::cholesky(&pearson, k)?;
    // Shuffled scores, one column per input.
    let base: Vec<f64> = (1..=n)
        .map(|i| stats::normal_quantile(i as f64 / (n + 1) as f64))
        .collect();
    let mut scores: Vec<Vec<f64>> = (0..k)
        .map(|j| {
            let mut col = base.clone();
            let mut s = Stream::new(seed, SHUFFLE_SALT, j as u64);
            for i in (1..n).rev() {
                let r = s.below(i as u64 + 1) as usize;
                col.swap(i, r);
            }
            col
        })
        .collect();
    // Their actual correlation, factored.
    let mut actual = vec![0.0; k * k];
    for a in 0..k {
        for b in 0..k {
            actual[a * k + b] = if a == b {
                1.0
            } else {
                stats::correlation(&scores[a], &scores[b])
            };
        }
    }
    let q = stats::cholesky(&actual, k)?;
    // m = P·Q⁻¹ (lower triangular), applied to every row of scores.
    let q_inv = invert_lower(&q, k)?;
    let mut m = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..=i {
            m[i * k + j] = (j..=i).map(|l| p[i * k + l] * q_inv[l * k + j]).sum();
        }
    }
    let mut row = vec![0.0; k];
    let mut mixed = vec![vec![0.0; n]; k];
    for r in 0..n {
        for (i, out) in row.iter_mut().enumerate() {
            *out = (0..=i).map(|j| m[i * k + j] * scores[j][r]).sum();
        }
        for (col, v) in mixed.iter_mut().zip(&row) {
            col[r] = *v;
        }
    }
    scores = mixed;
    // Each input's values, sorted, placed in the order of its mixed scores.
    for (col, score) in columns.iter_mut().zip(&scores) {
        let mut sorted = col.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by(|a, b| score[*a as usize].total_cmp(&score[*b as usize]));
        for (rank, at) in order.iter().enumerate() {
            col[*at as usize] = sorted[rank];
        }
    }
    Some(())
}

/// The inverse of a lower-triangular matrix (row-major `k × k`), by forward substitution.
fn invert_lower(l: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut inv = vec![0.0; k * k];
    for col in 0..k {
        for i in col..k {
            let diag = l[i * k + i];
            if diag.abs() < 1e-300 {
                return None;
            }
            let rhs = if i == col { 1.0 } else { 0.0 };
            let sum: f64 = (col..i).map(|j| l[i * k + j] * inv[j * k + col]).sum();
            inv[i * k + col] = (rhs - sum) / diag;
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reordering_gives_the_asked_rank_correlation_and_keeps_every_value() {
        let n = 20_000;
        let mut s = Stream::new(9, 0, 0);
        let a: Vec<f64> = (0..n).map(|_| s.uniform()).collect();
        let b: Vec<f64> = (0..n).map(|_| s.uniform().exp()).collect();
        let mut columns = vec![a.clone(), b.clone()];
        reorder(&mut columns, &[1.0, 0.6, 0.6, 1.0], 1).expect("possible");
        let rho = stats::correlation(&stats::ranks(&columns[0]), &stats::ranks(&columns[1]));
        assert!((rho - 0.6).abs() < 0.01, "{rho}");
        let (mut x, mut y) = (a, columns[0].clone());
        x.sort_by(f64::total_cmp);
        y.sort_by(f64::total_cmp);
        assert_eq!(x, y, "the same values, only reordered");
    }

    #[test]
    fn a_negative_correlation_between_three_inputs() {
        let n = 20_000;
        let mut s = Stream::new(2, 0, 0);
        let mut columns: Vec<Vec<f64>> = (0..3)
            .map(|_| (0..n).map(|_| s.uniform()).collect())
            .collect();
        let target = [1.0, -0.4, 0.3, -0.4, 1.0, 0.0, 0.3, 0.0, 1.0];
        reorder(&mut columns, &target, 5).expect("possible");
        let r = |i: usize, j: usize| {
            stats::correlation(&stats::ranks(&columns[i]), &stats::ranks(&columns[j]))
        };
        assert!((r(0, 1) + 0.4).abs() < 0.015, "{}", r(0, 1));
        assert!((r(0, 2) - 0.3).abs() < 0.015, "{}", r(0, 2));
        assert!(r(1, 2).abs() < 0.015, "{}", r(1, 2));
    }
}
