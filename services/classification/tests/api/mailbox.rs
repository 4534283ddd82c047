//! A sanity check over the sandbox's seeded mailbox (a third corpus, written by someone else):
//! the built-in engine spreads it over several categories; agreement with the mailbox's
//! category hints is printed, not asserted (the hints are the seeder's, not a labelled set).

use std::collections::BTreeMap;

use crate::helpers::builtin_classifier;

#[test]
fn the_seeded_mailbox_is_classified_into_several_categories() {
    let classifier = builtin_classifier();
    let mail = sandbox::data::mailbox::mailbox();
    assert!(
        mail.len() >= 150,
        "the sandbox seeds {} messages",
        mail.len()
    );
    let mut predicted: BTreeMap<&str, usize> = BTreeMap::new();
    let mut agree = 0;
    let mut misses = Vec::new();
    for m in mail {
        let out = classifier.builtin(&m.from, &m.subject_text, &m.plain);
        *predicted.entry(out.category.as_str()).or_default() += 1;
        if out.category.as_str() == m.category.as_str() {
            agree += 1;
        } else if misses.len() < 15 {
            misses.push(format!(
                "  {:>8} -> {:<8} {:?}",
                m.category.as_str(),
                out.category.as_str(),
                m.subject_text
            ));
        }
    }
    println!(
        "seeded mailbox: {} messages, predicted {predicted:?}",
        mail.len()
    );
    println!(
        "agreement with the seeder's hints: {:.3}",
        agree as f64 / mail.len() as f64
    );
    println!("first disagreements:\n{}", misses.join("\n"));
    assert!(predicted.len() >= 4, "only {predicted:?}");
}
