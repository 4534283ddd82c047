//! The evaluation set: written separately from the training data (other senders, wording and
//! lengths). Prints per-class precision and recall, macro-F1 and priority agreement; fails if
//! the built-in macro-F1 falls under 0.80.

use std::time::Instant;

use classification::Category;
use classification::model::parse_examples;

use crate::helpers::builtin_classifier;

const EVAL: &str = include_str!("../../data/eval.jsonl");
const MIN_MACRO_F1: f64 = 0.80;

#[test]
fn the_builtin_model_reaches_the_macro_f1_bar_on_the_evaluation_set() {
    let examples = parse_examples(EVAL).expect("eval.jsonl parses");
    assert!(
        examples.len() >= 200,
        "only {} evaluation mails",
        examples.len()
    );
    let classifier = builtin_classifier();
    let n = Category::ALL.len();
    let mut confusion = vec![vec![0usize; n]; n];
    let (mut priority_hits, mut priority_total) = (0, 0);
    let mut misses = Vec::new();
    for e in &examples {
        let out = classifier.builtin(&e.from, &e.subject, &e.body);
        confusion[e.category.index()][out.category.index()] += 1;
        if out.category != e.category {
            misses.push(format!(
                "  {:>8} -> {:<8} {:.2} {:?} {:?}",
                e.category.as_str(),
                out.category.as_str(),
                out.confidence,
                e.subject,
                out.reasons.first()
            ));
        }
        if let Some(p) = e.priority {
            priority_total += 1;
            priority_hits += usize::from(out.priority == p);
        }
    }
    println!("evaluation set: {} mails", examples.len());
    println!(
        "{:<9} {:>9} {:>9} {:>9} {:>7}",
        "class", "precision", "recall", "f1", "support"
    );
    let mut f1_sum = 0.0;
    for c in Category::ALL {
        let i = c.index();
        let tp = confusion[i][i] as f64;
        let predicted: usize = (0..n).map(|r| confusion[r][i]).sum();
        let actual: usize = confusion[i].iter().sum();
        let precision = if predicted == 0 {
            0.0
        } else {
            tp / predicted as f64
        };
        let recall = if actual == 0 { 0.0 } else { tp / actual as f64 };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        f1_sum += f1;
        println!(
            "{:<9} {precision:>9.3} {recall:>9.3} {f1:>9.3} {actual:>7}",
            c.as_str()
        );
    }
    let macro_f1 = f1_sum / n as f64;
    let correct: usize = (0..n).map(|i| confusion[i][i]).sum();
    println!("accuracy {:.3}", correct as f64 / examples.len() as f64);
    println!("macro-F1 {macro_f1:.3}");
    println!(
        "priority agreement {:.3} ({priority_hits}/{priority_total})",
        priority_hits as f64 / priority_total.max(1) as f64
    );
    println!("misclassified:\n{}", misses.join("\n"));
    assert!(
        macro_f1 >= MIN_MACRO_F1,
        "built-in macro-F1 {macro_f1:.3} is under {MIN_MACRO_F1}"
    );
}

/// A measurement, not a test of speed: prints the per-mail latency of the built-in engine.
#[test]
fn classify_latency_is_measured_and_printed() {
    let examples = parse_examples(EVAL).expect("eval.jsonl parses");
    let classifier = builtin_classifier();
    let rounds = 20;
    let started = Instant::now();
    let mut sink = 0usize;
    for _ in 0..rounds {
        for e in &examples {
            sink += classifier
                .builtin(&e.from, &e.subject, &e.body)
                .reasons
                .len();
        }
    }
    let calls = rounds * examples.len();
    let per_call = started.elapsed() / calls as u32;
    let big = "Please look at the attached invoice. ".repeat(28_000);
    let started = Instant::now();
    let out = classifier.builtin("a@b.com", "Invoice", &big);
    println!(
        "built-in classify: {calls} calls, {:.1} µs per mail (debug build unless --release); \
         1 MB body: {:.1} µs; ({sink} reasons)",
        per_call.as_secs_f64() * 1e6,
        started.elapsed().as_secs_f64() * 1e6
    );
    assert_eq!(out.category, Category::Billing);
}
