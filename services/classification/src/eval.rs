//! Scoring the built-in engine on a labelled set: per-class precision, recall and F1, macro-F1,
//! the confusion matrix, priority accuracy and per-language accuracy.
//!
//! It lives in the library (not in a test) because two callers share it: the `eval` example
//! (`cargo run -p classification --release --example eval -- <file.jsonl>`) and the dev-set
//! gate in `tests/api/eval.rs`. It never prints individual mails unless asked for misses.

use std::collections::BTreeMap;
use std::fmt;

use crate::engine::Classifier;
use crate::labels::{Category, Priority};
use crate::model::Example;

const CLASSES: usize = Category::ALL.len();
const PRIORITIES: [Priority; 4] = [
    Priority::Urgent,
    Priority::High,
    Priority::Normal,
    Priority::Low,
];

/// One mail the engine got wrong (category or priority), for `--misses`.
#[derive(Debug, Clone)]
pub struct Miss {
    pub line: usize,
    pub expected: (Category, Option<Priority>),
    pub got: (Category, Priority),
    pub subject: String,
    pub reasons: Vec<String>,
}

/// Counts over a labelled set.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// `confusion[expected][predicted]`, in [`Category::ALL`] order.
    pub confusion: [[usize; CLASSES]; CLASSES],
    /// `priority[expected][predicted]`, urgent → low.
    pub priority: [[usize; 4]; 4],
    /// Per language: (mails, category right, with priority, priority right).
    pub languages: BTreeMap<String, [usize; 4]>,
    pub misses: Vec<Miss>,
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl Evaluation {
    /// Classifies every example with the built-in engine.
    pub fn run(classifier: &Classifier, examples: &[Example]) -> Self {
        let mut e = Self::default();
        for (i, x) in examples.iter().enumerate() {
            let out = classifier.builtin(&x.from, &x.subject, &x.body);
            e.confusion[x.category.index()][out.category.index()] += 1;
            let lang = e
                .languages
                .entry(x.lang.clone().unwrap_or_else(|| "?".into()))
                .or_default();
            lang[0] += 1;
            lang[1] += usize::from(out.category == x.category);
            if let Some(p) = x.priority {
                lang[2] += 1;
                lang[3] += usize::from(out.priority == p);
                e.priority[rank(p)][rank(out.priority)] += 1;
            }
            if out.category != x.category || x.priority.is_some_and(|p| p != out.priority) {
                e.misses.push(Miss {
                    line: i + 1,
                    expected: (x.category, x.priority),
                    got: (out.category, out.priority),
                    subject: x.subject.clone(),
                    reasons: out.reasons,
                });
            }
        }
        e
    }

    pub fn total(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    pub fn accuracy(&self) -> f64 {
        ratio(
            (0..CLASSES).map(|i| self.confusion[i][i]).sum(),
            self.total(),
        )
    }

    pub fn class(&self, c: Category) -> ClassScore {
        let i = c.index();
        let tp = self.confusion[i][i];
        let predicted: usize = (0..CLASSES).map(|r| self.confusion[r][i]).sum();
        let support: usize = self.confusion[i].iter().sum();
        let precision = ratio(tp, predicted);
        let recall = ratio(tp, support);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        ClassScore {
            precision,
            recall,
            f1,
            support,
        }
    }

    pub fn macro_f1(&self) -> f64 {
        Category::ALL.iter().map(|&c| self.class(c).f1).sum::<f64>() / CLASSES as f64
    }

    /// Share of labelled priorities matched exactly.
    pub fn priority_accuracy(&self) -> f64 {
        let total: usize = self.priority.iter().flatten().sum();
        ratio((0..4).map(|i| self.priority[i][i]).sum(), total)
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "mails: {}", self.total())?;
        writeln!(
            f,
            "{:<9} {:>9} {:>7} {:>7} {:>8}",
            "class", "precision", "recall", "f1", "support"
        )?;
        for c in Category::ALL {
            let s = self.class(c);
            writeln!(
                f,
                "{:<9} {:>9.3} {:>7.3} {:>7.3} {:>8}",
                c.as_str(),
                s.precision,
                s.recall,
                s.f1,
                s.support
            )?;
        }
        writeln!(f, "accuracy {:.3}", self.accuracy())?;
        writeln!(f, "macro-F1 {:.3}", self.macro_f1())?;
        let spam = self.class(Category::Spam);
        writeln!(
            f,
            "spam precision {:.3} recall {:.3}",
            spam.precision, spam.recall
        )?;
        writeln!(f, "\nconfusion (rows expected, columns predicted)")?;
        write!(f, "{:<9}", "")?;
        for c in Category::ALL {
            write!(f, " {:>8}", c.as_str())?;
        }
        writeln!(f)?;
        for r in Category::ALL {
            write!(f, "{:<9}", r.as_str())?;
            for c in Category::ALL {
                write!(f, " {:>8}", self.confusion[r.index()][c.index()])?;
            }
            writeln!(f)?;
        }
        let labelled: usize = self.priority.iter().flatten().sum();
        writeln!(
            f,
            "\npriority accuracy {:.3} ({labelled} labelled)",
            self.priority_accuracy()
        )?;
        write!(f, "{:<9}", "")?;
        for p in PRIORITIES {
            write!(f, " {:>7}", p.as_str())?;
        }
        writeln!(f)?;
        for r in PRIORITIES {
            write!(f, "{:<9}", r.as_str())?;
            for c in PRIORITIES {
                write!(f, " {:>7}", self.priority[rank(r)][rank(c)])?;
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "\nper language: mails, category accuracy, priority accuracy"
        )?;
        for (lang, [n, right, np, pright]) in &self.languages {
            writeln!(
                f,
                "{lang:<4} {n:>4} {:>7.3} {:>7.3}",
                ratio(*right, *n),
                ratio(*pright, *np)
            )?;
        }
        Ok(())
    }
}

fn rank(p: Priority) -> usize {
    match p {
        Priority::Urgent => 0,
        Priority::High => 1,
        Priority::Normal => 2,
        Priority::Low => 3,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_follow_the_confusion_matrix() {
        let mut e = Evaluation::default();
        // 3 spam: 2 found; 1 billing called spam.
        e.confusion[Category::Spam.index()][Category::Spam.index()] = 2;
        e.confusion[Category::Spam.index()][Category::Other.index()] = 1;
        e.confusion[Category::Billing.index()][Category::Spam.index()] = 1;
        let s = e.class(Category::Spam);
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.recall - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.support, 3);
        assert_eq!(e.class(Category::Sales).f1, 0.0);
        assert_eq!(e.total(), 4);
    }
}
