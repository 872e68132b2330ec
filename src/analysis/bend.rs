//! Where a traced curve bends: the point at which its slope grows most. A
//! frontier's or sweep's answer names it, and the rules that reach their
//! bound there say why.

/// The bend of a curve: the index of the point where it steepens most, and
/// the slopes (change in y per unit of x, in size) on either side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bend {
    pub at: usize,
    pub before: f64,
    pub after: f64,
}

/// A steepening smaller than this share of the steepest slope is no bend:
/// the curve is then as good as straight.
const STRAIGHT: f64 = 0.25;

/// The bend of the curve through `points` (x, y) in the order they were
/// traced, or `None` where it has fewer than three points, is flat, or is
/// as good as straight.
pub fn bend(points: &[(f64, f64)]) -> Option<Bend> {
    let slopes: Vec<f64> = points
        .windows(2)
        .map(|w| {
            let dx = (w[1].0 - w[0].0).abs();
            if dx > 0.0 {
                (w[1].1 - w[0].1).abs() / dx
            } else {
                0.0
            }
        })
        .collect();
    let steepest = slopes.iter().copied().fold(0.0, f64::max);
    let (k, rise) = slopes
        .windows(2)
        .enumerate()
        .map(|(i, s)| (i + 1, s[1] - s[0]))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (steepest > 0.0 && rise > STRAIGHT * steepest).then(|| Bend {
        at: k,
        before: slopes[k - 1],
        after: slopes[k],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_curve_that_steepens_bends_where_its_slope_grows_most() {
        // Slopes 1, 1, 10, 11: the bend is at the third point (index 2).
        let p = [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (3.0, 12.0), (4.0, 23.0)];
        assert_eq!(
            bend(&p),
            Some(Bend {
                at: 2,
                before: 1.0,
                after: 10.0
            })
        );
    }

    #[test]
    fn x_may_fall_as_a_frontier_traces_it() {
        let p = [(0.3, 10.0), (0.2, 10.0), (0.1, 15.0)];
        let b = bend(&p).unwrap();
        assert_eq!(b.at, 1);
        assert!((b.before - 0.0).abs() < 1e-12 && (b.after - 50.0).abs() < 1e-9);
    }

    #[test]
    fn a_straight_flat_or_short_curve_has_no_bend() {
        assert_eq!(
            bend(&[(0.0, 0.0), (1.0, 2.0), (2.0, 4.0), (3.0, 6.1)]),
            None
        );
        assert_eq!(bend(&[(0.0, 5.0), (1.0, 5.0), (2.0, 5.0)]), None);
        assert_eq!(bend(&[(0.0, 0.0), (1.0, 9.0)]), None);
    }
}
