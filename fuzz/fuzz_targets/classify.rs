//! One mail, any bytes (first line `from`, second line `subject`, the rest `body`): the
//! classification tokenizer (`text::words`, `text::features`, `text::Sender::parse`) and the
//! built-in classifier end to end (`Classifier::builtin`: the trained model, the spam and
//! priority rules).
#![no_main]

use std::sync::{Arc, LazyLock};

use classification::model::Model;
use classification::text::{self, Sender};
use classification::{ClassificationSettings, Classifier};
use common::llm::Llm;
use libfuzzer_sys::fuzz_target;

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(|| {
    let model = Model::train_default().expect("the built-in model trains");
    Classifier::new(
        Arc::new(model),
        Llm::rules(),
        ClassificationSettings::default(),
    )
});

fuzz_target!(
    init: {
        mcp_fuzz::write_seeds_if_asked("classify");
        LazyLock::force(&CLASSIFIER);
    },
    |data: &[u8]| {
        let (from, subject, body) = mcp_fuzz::mail_fields(data);
        for w in text::words(&body) {
            assert!(w.chars().count() >= 2, "{w:?}");
            assert!(!w.chars().all(|c| c.is_ascii_digit()), "{w:?}");
        }
        let sender = Sender::parse(&from);
        let _features = text::features(sender.domain(), &subject, &body);
        let out = CLASSIFIER.builtin(&from, &subject, &body);
        assert!((0.0..=1.0).contains(&out.confidence), "confidence {}", out.confidence);
        assert!(!out.reasons.is_empty());
        mcp_fuzz::assert_round_trip(&out, "ClassifyOutput");
    }
);
