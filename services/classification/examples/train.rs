//! Trains the built-in model on the corpus and the development sets in `data/` and writes it
//! to `data/model.bin`, the bytes the service reads in place (`Model::committed`). Run it
//! after changing the corpus, the sets or anything the model's features read (cues, sender
//! checks, signals); a test fails while the committed bytes differ from what training gives.
//!
//! ```sh
//! cargo run -p classification --release --example train
//! ```

use std::time::Instant;

use classification::model::Model;

fn main() -> anyhow::Result<()> {
    let started = Instant::now();
    let model = Model::train_default()?;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/model.bin");
    let unchanged = std::fs::read(path).is_ok_and(|old| old == model.bytes());
    if !unchanged {
        std::fs::write(path, model.bytes())?;
    }
    println!(
        "{} features, {} bytes, trained in {} ms: {path} {}",
        model.features(),
        model.bytes().len(),
        started.elapsed().as_millis(),
        if unchanged { "unchanged" } else { "written" }
    );
    Ok(())
}
