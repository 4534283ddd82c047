//! The visiting order of the built-in models trained at start-up (the classification
//! service's category model, the planner's abstention model): stochastic gradient descent over
//! the examples, shuffled anew each epoch from a fixed seed, so the same examples always give
//! the same model, with no dependency on a random-number crate.

/// Calls `visit(epoch, example)` for every example index in `0..examples`, `epochs` times, each
/// epoch in a new order shuffled (Fisher–Yates, xorshift64) from a fixed seed.
pub fn sgd_order(examples: usize, epochs: usize, mut visit: impl FnMut(usize, usize)) {
    let mut order: Vec<usize> = (0..examples).collect();
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = (state % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &i in &order {
            visit(epoch, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_visited_once_per_epoch_in_a_repeatable_order() {
        let run = || {
            let mut seen = Vec::new();
            sgd_order(5, 3, |epoch, i| seen.push((epoch, i)));
            seen
        };
        let seen = run();
        assert_eq!(seen, run());
        for epoch in 0..3 {
            let mut of_epoch: Vec<usize> = seen
                .iter()
                .filter(|(e, _)| *e == epoch)
                .map(|(_, i)| *i)
                .collect();
            of_epoch.sort_unstable();
            assert_eq!(of_epoch, vec![0, 1, 2, 3, 4]);
        }
        let first: Vec<usize> = seen.iter().take(5).map(|(_, i)| *i).collect();
        assert_ne!(first, vec![0, 1, 2, 3, 4], "shuffled, not in file order");
    }
}
