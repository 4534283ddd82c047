//! What the development sets (the dev sets and every retired evaluation set) add to the
//! built-in category model, by leave-one-set-out cross-validation: for each development set,
//! the engine with the model trained on the corpus alone (`data/train*.jsonl`) beside the
//! engine with the model trained on the corpus plus every *other* development set (as
//! `Model::train_default` does with all of them), both scored on the held-out set. The rules
//! were tuned on every one of these sets, so the absolute figures flatter the engine; the
//! difference between the two columns is the model's, from mail it never read.
//!
//! ```sh
//! cargo run -p classification --release --example cv
//! cargo run -p classification --release --example cv -- --misses holdout4   # one set's misses
//! cargo run -p classification --release --example cv -- --misses all        # every set's
//! ```
//!
//! Only development sets are read (never the unseen holdout). No mail is printed unless
//! `--misses <set>` names a development set: then that set's category misses, held out,
//! with the model trained on the other sets.

use std::sync::Arc;

use classification::eval::Evaluation;
use classification::model::{DEVELOPMENT_SETS, Model, TRAINING_FILES, parse_examples};
use classification::sender::Protected;
use classification::{ClassificationSettings, Classifier};
use common::labels::Category;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses_of = match args.as_slice() {
        [] => None,
        [flag, set] if flag == "--misses" => Some(set.clone()),
        _ => anyhow::bail!("usage: cv [--misses <development set>]"),
    };
    if let Some(set) = &misses_of
        && set != "all"
        && !DEVELOPMENT_SETS.iter().any(|(name, _)| name == set)
    {
        anyhow::bail!("{set} is no development set");
    }
    let mut corpus = Vec::new();
    for file in TRAINING_FILES {
        corpus.extend(parse_examples(&file.text()?)?);
    }
    let mut sets = Vec::new();
    for (name, file) in DEVELOPMENT_SETS {
        sets.push((name, parse_examples(&file.text()?)?));
    }
    let engine = |model: Model| {
        Classifier::new(
            Arc::new(model),
            common::llm::Llm::rules(),
            ClassificationSettings::default(),
        )
    };
    let base = engine(Model::train(&corpus, &Protected::default()));
    println!(
        "set         mails | corpus only: mF1  spamP  spamR  prio | + other sets: mF1  spamP  spamR  prio"
    );
    let (mut a_sum, mut b_sum, mut n) = ([0.0; 4], [0.0; 4], 0.0);
    for (i, (name, held_out)) in sets.iter().enumerate() {
        let mut train = corpus.clone();
        for (j, (_, other)) in sets.iter().enumerate() {
            if j != i {
                train.extend(other.iter().cloned());
            }
        }
        let more = engine(Model::train(&train, &Protected::default()));
        let a = figures(&Evaluation::run(&base, held_out));
        let held = Evaluation::run(&more, held_out);
        let b = figures(&held);
        if misses_of.as_deref() == Some(*name) || misses_of.as_deref() == Some("all") {
            for m in held.misses.iter().filter(|m| m.expected.0 != m.got.0) {
                println!(
                    "  {name} {:>4}: {} -> {}  {:?}  {:?}",
                    m.line,
                    m.expected.0.as_str(),
                    m.got.0.as_str(),
                    m.subject,
                    m.reasons.iter().take(3).collect::<Vec<_>>()
                );
            }
        }
        let m = held_out.len() as f64;
        for k in 0..4 {
            a_sum[k] += a[k] * m;
            b_sum[k] += b[k] * m;
        }
        n += m;
        println!(
            "{name:<10} {:>6} |       {:.3}  {:.3}  {:.3}  {:.3} |        {:.3}  {:.3}  {:.3}  {:.3}",
            held_out.len(),
            a[0],
            a[1],
            a[2],
            a[3],
            b[0],
            b[1],
            b[2],
            b[3]
        );
    }
    let w = |s: [f64; 4]| s.map(|x| x / n);
    let (a, b) = (w(a_sum), w(b_sum));
    println!(
        "weighted   {n:>6} |       {:.3}  {:.3}  {:.3}  {:.3} |        {:.3}  {:.3}  {:.3}  {:.3}",
        a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]
    );
    Ok(())
}

/// Macro-F1, spam precision, spam recall, priority accuracy.
fn figures(e: &Evaluation) -> [f64; 4] {
    let spam = e.class(Category::Spam);
    [
        e.macro_f1(),
        spam.precision,
        spam.recall,
        e.priority_accuracy(),
    ]
}
