//! The short windows of words around one word, which many readers look through: "a payment
//! word with 'my' in the three words before it", "'handed' with 'login' in the next three".

/// The words just before or after one word of a text's words.
pub(super) trait Around<'a> {
    /// Up to `n` words just before word `i`.
    fn before(&self, i: usize, n: usize) -> &[&'a str];
    /// Up to `n` words just after word `i`.
    fn after(&self, i: usize, n: usize) -> &[&'a str];
}

impl<'a> Around<'a> for [&'a str] {
    fn before(&self, i: usize, n: usize) -> &[&'a str] {
        &self[i.saturating_sub(n)..i]
    }

    fn after(&self, i: usize, n: usize) -> &[&'a str] {
        let from = (i + 1).min(self.len());
        &self[from..(from + n).min(self.len())]
    }
}

/// Whether some word of folded text passes `test`, which is given all the words, the word's
/// place and the word.
pub(super) fn any_word(folded: &str, mut test: impl FnMut(&[&str], usize, &str) -> bool) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| test(&words, i, w))
}

#[cfg(test)]
mod tests {
    use super::{Around, any_word};

    #[test]
    fn windows_stop_at_the_ends() {
        let words = [" paid", "my", "bank", "transfer"].map(str::trim);
        assert_eq!(words.before(3, 2), ["my", "bank"]);
        assert_eq!(words.before(1, 3), ["paid"]);
        assert!(words.before(0, 3).is_empty());
        assert_eq!(words.after(1, 5), ["bank", "transfer"]);
        assert!(words.after(3, 2).is_empty());
        assert!(any_word(" paid my bank transfer ", |words, i, w| {
            w == "transfer" && words.before(i, 3).contains(&"my")
        }));
        assert!(!any_word(" paid my bank transfer ", |words, i, w| {
            w == "paid" && words.before(i, 3).contains(&"my")
        }));
    }
}
