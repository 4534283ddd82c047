//! Scores the built-in engine on a labelled JSON-lines file (the line format of
//! `data/dev.jsonl`: from, subject, body, category, priority, and optionally lang).
//!
//! ```sh
//! cargo run -p classification --release --example eval -- services/classification/data/dev.jsonl
//! cargo run -p classification --release --example eval -- --misses <dev file>   # lists misses
//! ```
//!
//! Individual mails are never printed unless `--misses` is given (never use it on the holdout).

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use classification::eval::Evaluation;
use classification::model::{Model, parse_examples};
use classification::{ClassificationSettings, Classifier};

fn main() -> anyhow::Result<()> {
    let mut misses = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--misses" => misses = true,
            _ if path.is_none() => path = Some(arg),
            _ => anyhow::bail!("usage: eval [--misses] <file.jsonl>"),
        }
    }
    let path = path.context("usage: eval [--misses] <file.jsonl>")?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let examples = parse_examples(&text)?;
    let started = Instant::now();
    let model = Model::train_default()?;
    let trained = started.elapsed();
    let features = model.features();
    let classifier = Classifier::new(
        Arc::new(model),
        common::llm::Llm::rules(),
        ClassificationSettings::default(),
    );
    let started = Instant::now();
    let evaluation = Evaluation::run(&classifier, &examples);
    let per_mail = started.elapsed() / examples.len().max(1) as u32;
    println!("{path}");
    print!("{evaluation}");
    println!(
        "\ntraining {:.1} ms ({features} features); classify {:.1} µs per mail",
        trained.as_secs_f64() * 1e3,
        per_mail.as_secs_f64() * 1e6
    );
    if misses {
        println!("\nmisses (line: expected -> got, subject, first reasons)");
        for m in &evaluation.misses {
            println!(
                "{:>4}: {}/{} -> {}/{}  {:?}  {:?}",
                m.line,
                m.expected.0.as_str(),
                m.expected.1.map_or("-", |p| p.as_str()),
                m.got.0.as_str(),
                m.got.1.as_str(),
                m.subject,
                m.reasons.iter().take(3).collect::<Vec<_>>()
            );
        }
    }
    Ok(())
}
