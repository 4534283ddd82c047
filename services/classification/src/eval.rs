//! Scoring the built-in engine on a labelled set: per-class precision, recall and F1, accuracy
//! and macro-F1 of category and of priority, the confusion matrices, and the same figures per
//! language.
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

/// Confusion matrices of one set of mails (the whole file, or one language of it).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// `confusion[expected][predicted]`, in [`Category::ALL`] order.
    pub confusion: [[usize; CLASSES]; CLASSES],
    /// `priority[expected][predicted]`, urgent → low (mails with a labelled priority only).
    pub priority: [[usize; 4]; 4],
}

/// Counts over a labelled set: overall, per language, and the misses.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub overall: Scores,
    /// Per `lang` code of the examples (`?` when absent).
    pub languages: BTreeMap<String, Scores>,
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

impl Scores {
    fn add(&mut self, expected: (Category, Option<Priority>), got: (Category, Priority)) {
        self.confusion[expected.0.index()][got.0.index()] += 1;
        if let Some(p) = expected.1 {
            self.priority[rank(p)][rank(got.1)] += 1;
        }
    }

    /// Mails scored.
    pub fn total(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    /// Mails with a labelled priority.
    pub fn priority_total(&self) -> usize {
        self.priority.iter().flatten().sum()
    }

    /// Share of categories matched exactly.
    pub fn accuracy(&self) -> f64 {
        ratio(
            (0..CLASSES).map(|i| self.confusion[i][i]).sum(),
            self.total(),
        )
    }

    /// Precision, recall and F1 of one category.
    pub fn class(&self, c: Category) -> ClassScore {
        score(&self.confusion, c.index())
    }

    /// Mean F1 over the categories that occur (expected or predicted), as scikit-learn's
    /// `f1_score(average="macro")` does; on a full set every category occurs.
    pub fn macro_f1(&self) -> f64 {
        macro_f1(&self.confusion)
    }

    /// Share of labelled priorities matched exactly.
    pub fn priority_accuracy(&self) -> f64 {
        ratio(
            (0..4).map(|i| self.priority[i][i]).sum(),
            self.priority_total(),
        )
    }

    /// Precision, recall and F1 of one priority.
    pub fn priority_class(&self, p: Priority) -> ClassScore {
        score(&self.priority, rank(p))
    }

    /// Mean F1 over the priorities that occur (expected or predicted).
    pub fn priority_macro_f1(&self) -> f64 {
        macro_f1(&self.priority)
    }
}

impl std::ops::Deref for Evaluation {
    type Target = Scores;

    fn deref(&self) -> &Scores {
        &self.overall
    }
}

impl Evaluation {
    /// Classifies every example with the built-in engine.
    pub fn run(classifier: &Classifier, examples: &[Example]) -> Self {
        let mut e = Self::default();
        for (i, x) in examples.iter().enumerate() {
            let out = classifier.builtin(&x.from, &x.subject, &x.body);
            let expected = (x.category, x.priority);
            let got = (out.category, out.priority);
            e.overall.add(expected, got);
            e.languages
                .entry(x.lang.clone().unwrap_or_else(|| "?".into()))
                .or_default()
                .add(expected, got);
            if out.category != x.category || x.priority.is_some_and(|p| p != out.priority) {
                e.misses.push(Miss {
                    line: i + 1,
                    expected,
                    got,
                    subject: x.subject.clone(),
                    reasons: out.reasons,
                });
            }
        }
        e
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.overall;
        writeln!(f, "mails: {}", s.total())?;
        writeln!(
            f,
            "{:<9} {:>9} {:>7} {:>7} {:>8}",
            "class", "precision", "recall", "f1", "support"
        )?;
        for c in Category::ALL {
            let x = s.class(c);
            writeln!(
                f,
                "{:<9} {:>9.3} {:>7.3} {:>7.3} {:>8}",
                c.as_str(),
                x.precision,
                x.recall,
                x.f1,
                x.support
            )?;
        }
        writeln!(f, "category accuracy {:.3}", s.accuracy())?;
        writeln!(f, "category macro-F1 {:.3}", s.macro_f1())?;
        let spam = s.class(Category::Spam);
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
                write!(f, " {:>8}", s.confusion[r.index()][c.index()])?;
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "\npriority ({} labelled): accuracy {:.3}, macro-F1 {:.3}",
            s.priority_total(),
            s.priority_accuracy(),
            s.priority_macro_f1()
        )?;
        write!(f, "{:<9}", "")?;
        for p in PRIORITIES {
            write!(f, " {:>7}", p.as_str())?;
        }
        writeln!(f)?;
        for r in PRIORITIES {
            write!(f, "{:<9}", r.as_str())?;
            for c in PRIORITIES {
                write!(f, " {:>7}", s.priority[rank(r)][rank(c)])?;
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "\nper language (macro-F1 over the classes occurring in that language)"
        )?;
        writeln!(
            f,
            "{:<5} {:>5} {:>8} {:>8} {:>8} {:>8}",
            "lang", "mails", "cat-acc", "cat-mF1", "pri-acc", "pri-mF1"
        )?;
        let rows = self
            .languages
            .iter()
            .map(|(l, x)| (l.as_str(), x))
            .chain([("all", s)]);
        for (lang, x) in rows {
            writeln!(
                f,
                "{lang:<5} {:>5} {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
                x.total(),
                x.accuracy(),
                x.macro_f1(),
                x.priority_accuracy(),
                x.priority_macro_f1()
            )?;
        }
        Ok(())
    }
}

fn score<const N: usize>(m: &[[usize; N]; N], i: usize) -> ClassScore {
    let tp = m[i][i];
    let predicted: usize = (0..N).map(|r| m[r][i]).sum();
    let support: usize = m[i].iter().sum();
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

fn macro_f1<const N: usize>(m: &[[usize; N]; N]) -> f64 {
    let occurring: Vec<usize> = (0..N)
        .filter(|&i| m[i].iter().sum::<usize>() + (0..N).map(|r| m[r][i]).sum::<usize>() > 0)
        .collect();
    if occurring.is_empty() {
        return 0.0;
    }
    occurring.iter().map(|&i| score(m, i).f1).sum::<f64>() / occurring.len() as f64
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
        let mut e = Scores::default();
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
        // Only spam, other and billing occur: macro-F1 averages those three.
        let other = e.class(Category::Other).f1;
        let billing = e.class(Category::Billing).f1;
        let expected = (2.0 / 3.0 + other + billing) / 3.0;
        assert!((e.macro_f1() - expected).abs() < 1e-9);
    }

    #[test]
    fn priority_scores_count_labelled_mails_only() {
        let mut e = Scores::default();
        e.add(
            (Category::Support, Some(Priority::Urgent)),
            (Category::Support, Priority::Urgent),
        );
        e.add(
            (Category::Support, Some(Priority::Normal)),
            (Category::Support, Priority::Urgent),
        );
        e.add(
            (Category::Support, None),
            (Category::Support, Priority::Low),
        );
        assert_eq!(e.priority_total(), 2);
        assert!((e.priority_accuracy() - 0.5).abs() < 1e-9);
        // urgent: P 1/2, R 1 -> F1 2/3; normal: F1 0.
        assert!((e.priority_macro_f1() - 1.0 / 3.0).abs() < 1e-9);
        assert!((e.priority_class(Priority::Urgent).precision - 0.5).abs() < 1e-9);
    }
}
