//! The built-in category model: multinomial logistic regression over word, bigram, subject and
//! sender-domain features, trained at start-up from `data/train.jsonl` (a few milliseconds).
//!
//! Why logistic regression and not naive Bayes: its probabilities are calibrated well enough to
//! decide when to ask the LLM, and its per-feature weights explain each answer.

use std::collections::HashMap;

use serde::Deserialize;

use crate::labels::{Category, Priority};
use crate::text::{Sender, features};

const CLASSES: usize = Category::ALL.len();
/// Passes over the training set; enough to converge on a few hundred mails.
const EPOCHS: usize = 40;
const LEARNING_RATE: f32 = 0.8;
/// L2 penalty per update: keeps rare tokens from dominating.
const L2: f32 = 1e-4;

/// The labelled corpus kept in the repository.
pub const TRAINING_DATA: &str = include_str!("../data/train.jsonl");

/// One labelled mail (the line format of `data/train.jsonl` and `data/eval.jsonl`).
#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    pub from: String,
    pub subject: String,
    pub body: String,
    pub category: Category,
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Language code (`en`, `ja`, …), for per-language figures.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Why the corpus could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("training data line {line}: {source}")]
    BadLine {
        line: usize,
        source: serde_json::Error,
    },
    #[error("training data has no example of {0}")]
    MissingClass(&'static str),
}

/// Parses JSON lines of [`Example`]s (blank lines and `//` comments skipped).
pub fn parse_examples(jsonl: &str) -> Result<Vec<Example>, ModelError> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| ModelError::BadLine {
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// A prediction: class probabilities and the features that pushed the winner most.
#[derive(Debug, Clone)]
pub struct Prediction {
    pub category: Category,
    pub confidence: f64,
    /// Probability of each class, in [`Category::ALL`] order.
    pub probabilities: [f64; CLASSES],
    /// Up to three feature tokens with the largest positive contribution to `category`.
    pub evidence: Vec<String>,
}

/// A trained model. Immutable; share it behind an `Arc`.
#[derive(Debug)]
pub struct Model {
    vocab: HashMap<String, usize>,
    names: Vec<String>,
    weights: Vec<[f32; CLASSES]>,
    bias: [f32; CLASSES],
}

/// A sparse, L2-normalised feature vector: (feature index, value).
type Vector = Vec<(usize, f32)>;

impl Model {
    /// Trains on the corpus kept in the repository.
    pub fn train_default() -> Result<Self, ModelError> {
        let examples = parse_examples(TRAINING_DATA)?;
        for c in Category::ALL {
            if !examples.iter().any(|e| e.category == c) {
                return Err(ModelError::MissingClass(c.as_str()));
            }
        }
        Ok(Self::train(&examples))
    }

    /// Trains by stochastic gradient descent on the softmax loss, in a fixed order
    /// (deterministic: the same corpus gives the same model).
    pub fn train(examples: &[Example]) -> Self {
        let mut vocab = HashMap::new();
        let mut names = Vec::new();
        let docs: Vec<(Vec<String>, usize)> = examples
            .iter()
            .map(|e| (tokens(&e.from, &e.subject, &e.body), e.category.index()))
            .collect();
        for (toks, _) in &docs {
            for t in toks {
                if !vocab.contains_key(t) {
                    vocab.insert(t.clone(), names.len());
                    names.push(t.clone());
                }
            }
        }
        let mut model = Self {
            weights: vec![[0.0; CLASSES]; names.len()],
            vocab,
            names,
            bias: [0.0; CLASSES],
        };
        let data: Vec<(Vector, usize)> = docs
            .iter()
            .map(|(toks, y)| (model.vectorize(toks), *y))
            .collect();
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
        for epoch in 0..EPOCHS {
            shuffle(&mut order, &mut rng);
            let lr = LEARNING_RATE / (1.0 + epoch as f32 * 0.1);
            for &i in &order {
                let (x, y) = &data[i];
                let p = model.probabilities(x);
                for (c, pc) in p.iter().enumerate() {
                    let target = if c == *y { 1.0 } else { 0.0 };
                    let g = (*pc as f32) - target;
                    model.bias[c] -= lr * g;
                    for &(j, v) in x {
                        let w = &mut model.weights[j][c];
                        *w -= lr * (g * v + L2 * *w);
                    }
                }
            }
        }
        model
    }

    /// Vocabulary size (readiness detail).
    pub fn features(&self) -> usize {
        self.names.len()
    }

    /// Predicts the category of one mail. Pure CPU work, no allocation beyond the tokens.
    pub fn predict(&self, from: &str, subject: &str, body: &str) -> Prediction {
        let x = self.vectorize(&tokens(from, subject, body));
        let probabilities = self.probabilities(&x);
        let (best, confidence) =
            probabilities
                .iter()
                .copied()
                .enumerate()
                .fold(
                    (5, f64::MIN),
                    |acc, (i, p)| if p > acc.1 { (i, p) } else { acc },
                );
        let mut contrib: Vec<(f32, usize)> = x
            .iter()
            .map(|&(j, v)| (v * self.weights[j][best], j))
            .filter(|(s, _)| *s > 0.0)
            .collect();
        contrib.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut evidence: Vec<String> = Vec::new();
        for (_, j) in contrib {
            let name = display(&self.names[j]);
            if !evidence.contains(&name) {
                evidence.push(name);
            }
            if evidence.len() == 3 {
                break;
            }
        }
        Prediction {
            category: Category::ALL[best],
            confidence,
            probabilities,
            evidence,
        }
    }

    fn vectorize(&self, toks: &[String]) -> Vector {
        let mut counts: HashMap<usize, f32> = HashMap::new();
        for t in toks {
            if let Some(&j) = self.vocab.get(t) {
                *counts.entry(j).or_default() += 1.0;
            }
        }
        let mut x: Vector = counts
            .into_iter()
            .map(|(j, c)| (j, (1.0 + c).ln()))
            .collect();
        // Sorted before summing: HashMap order varies per process and float sums are not
        // associative, so this keeps predictions bit-for-bit reproducible.
        x.sort_unstable_by_key(|(j, _)| *j);
        let norm = x.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            x.iter_mut().for_each(|(_, v)| *v /= norm);
        }
        x
    }

    fn probabilities(&self, x: &Vector) -> [f64; CLASSES] {
        let mut z = self.bias.map(f64::from);
        for &(j, v) in x {
            for (c, zc) in z.iter_mut().enumerate() {
                *zc += f64::from(v * self.weights[j][c]);
            }
        }
        let max = z.iter().copied().fold(f64::MIN, f64::max);
        let exp = z.map(|v| (v - max).exp());
        let sum: f64 = exp.iter().sum();
        exp.map(|v| v / sum)
    }
}

fn tokens(from: &str, subject: &str, body: &str) -> Vec<String> {
    features(Sender::parse(from).domain(), subject, body)
}

/// A feature token as a human reads it (markers stripped).
fn display(token: &str) -> String {
    token
        .strip_prefix("s:")
        .or_else(|| token.strip_prefix("d:"))
        .unwrap_or(token)
        .to_string()
}

/// Fisher–Yates with xorshift64: deterministic and dependency-free.
fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model::train_default().expect("the corpus in the repository trains")
    }

    #[test]
    fn the_repository_corpus_trains_and_covers_every_class() {
        let examples = parse_examples(TRAINING_DATA).unwrap();
        assert!(examples.len() >= 300, "only {} examples", examples.len());
        assert!(model().features() > 1000);
    }

    #[test]
    fn training_is_deterministic() {
        let a = model().predict("x@y.com", "Invoice question", "Why was I charged twice?");
        let b = model().predict("x@y.com", "Invoice question", "Why was I charged twice?");
        assert_eq!(a.probabilities, b.probabilities);
    }

    #[test]
    fn clear_mails_get_their_category_with_evidence() {
        let m = model();
        let p = m.predict(
            "a@b.com",
            "Refund for double charge",
            "My card was charged twice for the invoice.",
        );
        assert_eq!(p.category, Category::Billing);
        assert!(!p.evidence.is_empty());
        let p = m.predict(
            "a@b.com",
            "Cannot log in",
            "I forgot my password and the reset link never arrives.",
        );
        assert_eq!(p.category, Category::Account);
    }

    #[test]
    fn probabilities_sum_to_one_even_for_empty_mail() {
        let p = model().predict("", "", "");
        let sum: f64 = p.probabilities.iter().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        assert!((0.0..=1.0).contains(&p.confidence));
    }

    #[test]
    fn a_bad_corpus_line_is_a_typed_error() {
        let err = parse_examples("{\"from\": 1}\n").unwrap_err();
        assert!(matches!(err, ModelError::BadLine { line: 1, .. }));
    }
}
